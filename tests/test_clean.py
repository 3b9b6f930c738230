"""Stage 2: cleaning, on the real seeds and on scrapes written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from duizhao.model import BlockKind

from .conftest import seed
from .helpers import body, cleaned, cleaned_text

WIDGET_LINES_002 = [
    "0 Comment(s)",
    "Print E-mail",
    "Adjust font size",
    "User Name Required",
    "Your Comment",
    "Enter the words you see",
    "Racist, abusive and off-topic comments",
    "Follow China.org.cn on Twitter",
    "ChinaNews App Download",
    "Bookmark and Share",
    "Go to Forum",
    "No comments.",
    "Add your comments",
    "Send your stories",
]


def test_seed_002_loses_every_widget_line_and_keeps_every_paragraph() -> None:
    c = cleaned(seed("002"))
    text = body(c)
    for widget in WIDGET_LINES_002:
        assert widget not in text, widget
    # every paragraph of the op-ed, first to last
    for phrase in [
        "The fourth World Internet Conference concluded last week",
        "During the conference, government representatives",
        "Most striking is that the host nation",
        "Speaking at the closing ceremony, Thomas Kwesi Kwadi",
        "What he said makes clear the positive significance",
        "China is contributing magnificently",
        "In his speech at the opening ceremony, President Xi Jinping",
        "However, the internet also faces many problems",
        "On the one hand, erosion of personal privacy",
        "The rules are far from perfect",
        "Yet, how to make this a reality?",
        "To make this possible, all countries should participate",
        "The development of the internet knows no national or sectoral boundaries",
    ]:
        assert phrase in text, phrase
    kinds = {b.text[:20]: b.kind for b in c.blocks}
    assert kinds["Delegates attend the"] is BlockKind.CAPTION
    assert kinds["Opinion articles ref"] is BlockKind.NOTE
    assert kinds["Zhang Shenglei, PhD "] is BlockKind.NOTE


def test_every_removal_is_audited_with_a_rule_and_reason() -> None:
    c = cleaned(seed("002"))
    removed = {r.text for r in c.removals}
    assert "Adjust font size:" in removed
    assert all(r.rule and r.reason for r in c.removals)


def test_seed_001_torn_paragraphs_are_joined() -> None:
    text = body(cleaned(seed("001")))
    assert "人们的工作、学习、生活已离不开互联网" in text
    assert "没有安全保障的发展是脆弱的" in text
    assert "对网络空间安全的关切各有差异" in text
    assert "已与 51 个国家和地区的 91 个组织" in text
    assert "得到了睦融霜先生的积极响应，并已取得两项成果" in text


def test_seed_001_structure() -> None:
    c = cleaned(seed("001"))
    by_text = {b.text: b for b in c.blocks}
    assert by_text["女士们、先生们、朋友们："].kind is BlockKind.SALUTATION
    assert by_text["女士们、先生们、朋友们，"].kind is BlockKind.SALUTATION
    assert by_text["谢谢大家。"].kind is BlockKind.SIGNOFF
    assert by_text["——在第四届全球网络空间合作峰会上的主旨演讲"].kind is BlockKind.HEADING
    bold = next(b for b in c.blocks if b.text.startswith("维护网络空间安全，需要尊重"))
    start, end = bold.strong[0]
    assert bold.text[start:end] == "维护网络空间安全，需要尊重网络空间国家主权。"
    assert "**" not in body(c)
    # title, speaker line and dateline are header material, not body text
    moved = {r.text for r in c.removals if r.action == "metadata"}
    assert {"共同维护网络空间安全", "中国国务院新闻办公室主任 蔡名照", "2013年11月5日 斯坦福大学"} <= moved


def test_seed_003_truncated_title_dropped_and_section_headings_found() -> None:
    c = cleaned(seed("003"))
    assert c.blocks[0].text.startswith("On May 11, 2016, Wang Qun")
    assert any(r.rule == "title.truncated" for r in c.removals)
    headings = [b.text for b in c.blocks if b.kind is BlockKind.HEADING]
    assert headings == [
        "China and the United States share common interests in cyberspace.",
        "China and the United States face common challenges in cyberspace",
        "China and the United States share common responsibilities in cyberspace.",
        'Both China and the United States agree that cyberspace is not an "extra-legal place"',
        "China and the United States shoulder the common goal of working together to promote global governance of cyberspace.",
    ]
    items = [b.text for b in c.blocks if b.kind is BlockKind.LIST_ITEM]
    assert len(items) == 3 and items[0].startswith("Internet infringes on personal privacy")


def test_zh_widgets_are_removed_by_kind_not_by_site() -> None:
    scrape = "\n".join(
        [
            "首页 > 新闻中心 > 国际",
            "网络空间治理的新进展",
            "来源：新华网  2019年10月21日 08:30",
            "【字号：大 中 小】【打印】【关闭】",
            "",
            "世界互联网大会在浙江乌镇开幕，来自全球的嘉宾围绕数字经济、网络安全等议题展开深入交流，会议发布了多项成果。",
            "",
            "与会代表认为，各国应当加强对话与合作，共同构建网络空间命运共同体，推动全球互联网治理体系变革。",
            "",
            "责任编辑：王小明",
            "分享到：微信 微博 QQ空间",
            "相关新闻",
            "网友评论  0条评论",
            "版权所有 新华网  京ICP备12345678号",
        ]
    )
    c = cleaned_text(scrape)
    text = body(c)
    assert text.startswith("世界互联网大会在浙江乌镇开幕")
    assert text.endswith("推动全球互联网治理体系变革。")
    assert len(c.blocks) == 2
    rules = {r.rule for r in c.removals}
    assert {"nav.breadcrumb", "widget.tools", "footer.legal", "widget.comments"} <= rules


def test_prose_that_mentions_widget_words_is_kept() -> None:
    scrape = (
        "Comments by officials on the draft were shared widely, and readers could print the text or e-mail it.\n\n"
        "用户可以在评论区分享观点，但平台应当依法管理，保护个人信息和隐私，维护清朗的网络空间。\n"
    )
    c = cleaned_text(scrape)
    assert len(c.blocks) == 2
    assert not [r for r in c.removals if r.action == "removed"]


def test_english_hard_wraps_are_joined_but_not_across_headings() -> None:
    scrape = (
        "Cyber Governance in Practice\n\n"
        "The conference brought together delegates from many\n"
        "countries, who discussed the rules of the road for\n"
        "cyberspace over three days.\n\n"
        "A New Agenda\n\n"
        "Delegates agreed to meet again next year.\n"
    )
    c = cleaned_text(scrape)
    texts = [b.text for b in c.blocks]
    assert texts[0] == (
        "The conference brought together delegates from many countries, who discussed "
        "the rules of the road for cyberspace over three days."
    )
    assert c.blocks[1].kind is BlockKind.HEADING and c.blocks[1].text == "A New Agenda"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_conservation_on_every_seed(prefix: str) -> None:
    """Every non-space character of the source is on the page or in the audit."""
    c = cleaned(seed(prefix))
    kept = "".join(b.text for b in c.blocks) + "".join(r.text for r in c.removals)
    source = c.decoded.text
    from collections import Counter

    missing = Counter(ch for ch in source if not ch.isspace()) - Counter(
        ch for ch in kept if not ch.isspace()
    )
    assert not missing, missing


def test_an_authored_text_with_lists_and_short_lines_loses_nothing() -> None:
    """The main-text region must never cut a clean text: lists, headings and short sentences stay."""
    items = "\n".join(f"— — Item number {i} of the plan" for i in range(12))
    scrape = (
        "# A plan for cooperation\n\n"
        "The parties agreed on the following measures, which take effect at once and apply to all.\n\n"
        f"{items}\n\n"
        "## Next steps\n\nIt works.\n\n"
        "The parties will meet again next year to review what has been achieved and what remains.\n"
    )
    c = cleaned_text(scrape)
    text = body(c)
    assert "Item number 11 of the plan" in text and "It works." in text and "Next steps" in text
    assert text.endswith("what has been achieved and what remains.")
    assert not [r for r in c.removals if r.rule == "page.outside"]


def test_every_line_the_cleaner_reads_carries_the_facts_of_its_text(monkeypatch) -> None:
    """Line.facts is a plain attribute (speed): whatever changes a line's text must change its
    Facts too (Line.retext). Checked where each stage takes the lines, on every seed, text and
    HTML, Markdown headings, quotes, list items, bold leads and torn paragraphs included."""
    from pathlib import Path

    from duizhao.clean import clean, decide, main_text, structure
    from duizhao.read import ingest
    from duizhao.vocab.rules import load_rules

    checked = 0

    def checking(stage):
        def run(lines, *args):
            nonlocal checked
            for line in lines:
                assert line.facts.text == line.text, (stage.__name__, line.text)
                checked += 1
            return stage(lines, *args)

        return run

    # (each stage patched in the module that calls it)
    for module, name in (
        (main_text, "line_scores"),
        (clean, "structure"),
        (clean, "join_blocks"),
        (decide, "trust_second_opinion"),
    ):
        monkeypatch.setattr(module, name, checking(getattr(module, name)))
    block = structure._block
    monkeypatch.setattr(
        structure, "_block", lambda line, numbers: checking(lambda lines: block(line, numbers))([line])
    )
    root = Path(__file__).resolve().parent.parent
    texts = [p.read_bytes() for p in sorted((root / "sources").glob("*.txt"))]
    prose = "This paragraph runs on for a while, long enough to count as the prose of the text."
    texts.append(
        f"# The title\n\n{prose}\n\n## A heading inside\n\n{prose}\n\n"
        f"> A quoted line, long enough to be kept as part of the text.\n\n{prose}\n\n"
        "- a list item that goes on\nand on, torn by a hard wrap in the middle of it,\n\n"
        f"**Bold lead.** {prose}\n\n1. First point of a numbered list, which is long enough to be prose.\n\n"
        f"{prose}\n".encode()
    )
    html = b"<html><body><h1>Title</h1><p>A paragraph of the page that is long enough to be prose.</p></body></html>"
    for i, data in enumerate([*texts, html]):
        name = f"doc{i}.html" if data is html else f"doc{i}.md"
        clean.clean(ingest.decode(ingest.RawSource(name, data, "")), load_rules())
    assert checked > 100


def test_the_article_under_the_headline_wins_over_prose_that_runs_into_it() -> None:
    # A text dump: the <title>, menus, another story's teaser paragraphs right above the headline,
    # then the headline, a date, tags one to a line, and the article.
    other = [
        "A 24-year-old woman and a 28-year-old man have been arrested in connection with a death in the city last week, police said.",
        "Investigators said the two were taken into custody on Monday after a search of an apartment on the east side of town.",
        "The case has drawn wide attention, and officials have asked anyone with information to call the tip line as soon as possible.",
        "Both are expected to be arraigned later this week in district court, according to the county prosecutor's office statement.",
    ]
    article = [
        "— Health authorities are reporting a sixth death linked to the mosquito-borne virus this season.",
        "County officials said Monday the victim was one of two people who contracted the virus in the area.",
        "Cases first appeared in the west of the state at the end of August and have been reported in six counties.",
    ]
    text = (
        "\n\n".join(
            [
                "Officials: 6th Death Linked To Mosquito Virus Reported – CBS",
                "Menu",
                "News",
                "Sports",
                *other,
                "Officials: 6th Death Linked To Mosquito Virus Reported",
                "November 19, 2019 at 9:45 am",
                "Filed Under:",
                "Virus",
                ",",
                "health",
                ",",
                "mosquito",
                "ST. JOSEPH, Mich. (AP)",
                *article,
                "Comments",
                "Follow Us",
            ]
        )
        + "\n"
    )
    shown = "\n".join(b.text for b in cleaned_text(text).blocks)
    assert "sixth death linked" in shown and "six counties" in shown
    assert "arrested in connection" not in shown


def test_an_article_goes_on_past_a_gallery_inside_it() -> None:
    first = [
        "Police arrested six people Monday during a narcotics investigation involving drug activity at a local home.",
        "Officers from the police department's intelligence unit began the investigation after several complaints.",
    ]
    second = [
        "A county canine later alerted officers to the presence of narcotics inside a vehicle parked at the home.",
        "A short time later, officers stopped a second vehicle driven by a man wanted on two county warrants.",
        "Officers and investigators from the narcotics task force then searched the home and found more drugs.",
        "All persons involved in this case were taken to the county jail, where they remain on bond this week.",
    ]
    gallery = ["Story continues below gallery", "1 of 6", *[f"Person {c} Submitted photo" for c in "ABCDEF"]]
    text = (
        "\n\n".join(
            [
                "Police arrest six in drug investigation - The Republic",
                "Menu",
                "Police arrest six in drug investigation",
                "By Staff Reports",
                *first,
                *gallery,
                *second,
                "Comments",
                "I think the police did a great job here and the town should thank them for keeping us safe every day.",
            ]
        )
        + "\n"
    )
    shown = "\n".join(b.text for b in cleaned_text(text).blocks)
    assert all(p in shown for p in first + second), shown
    assert "great job" not in shown


def test_the_lines_the_second_opinion_kept_next_to_the_text_join_it() -> None:
    from duizhao.clean import opinion, region
    from duizhao.read.lines import Facts, Line

    def line(text: str, main: bool | None, link_share: float = 0.0) -> Line:
        made = Line(0, text, True, Facts(text), main=main, link_share=link_share)
        made.units = made.facts.units
        return made

    prose = [line(f"Paragraph {i} of the article tells the story at some length.", True) for i in range(4)]
    dates = [line(f"June {d} – a city @ an arena", True) for d in (9, 10, 14)]
    lines = [
        line("Menu", False),
        *prose,
        line("Tour dates", True),
        *dates,
        line("Share", False),
        line("tag one tag two tag three", True, link_share=1.0),
        line("More text kept", True),
    ]
    run = opinion.kept_on(lines, region.Run(1, 5, 10.0), total=200)
    assert (run.start, run.end) == (1, 9)  # the list joins; the tag cloud (all links) stops it


def test_the_second_opinion_bridges_a_gallery_to_a_block_of_text_only() -> None:
    from duizhao.clean import opinion, region
    from duizhao.read.lines import Facts, Line

    def line(text: str, main: bool | None) -> Line:
        made = Line(0, text, True, Facts(text), main=main)
        made.units = made.facts.units
        return made

    prose = [
        line(f"Paragraph {i} of the article tells the story at some length here.", True) for i in range(4)
    ]
    gallery = [line(f"Person {c} Submitted photo", False) for c in "ABCDEF"]
    more = [
        line(f"Paragraph {i} goes on after the gallery with more of the story told.", True) for i in range(4)
    ]
    whole = [*prose, *gallery, *more]
    assert opinion.kept_on(whole, region.Run(0, 4, 10.0), total=400).end == len(whole)
    lone = [*prose, *gallery, line("Related", True)]  # one short line beyond a gallery: not the text
    assert opinion.kept_on(lone, region.Run(0, 4, 10.0), total=400).end == 4


REALWORLD_META = Path(__file__).parent / "data" / "realworld" / "meta" / "files"


def test_a_wechat_paragraph_torn_at_every_styled_span_is_one_paragraph_again() -> None:
    # A real WeChat announcement as a crawler wrote it: every styled run of a paragraph on its own
    # line ("自202" / "5" / "年" / "7" / "月1日起实施"), paragraphs apart by blank lines.
    c = cleaned(REALWORLD_META / "wechat-zh-statement-2024-12-27-oscca-announcement-50.md")
    text = body(c)
    assert "等19项密码行业标准,自2025年7月1日起实施,具体标准编号及名称如下:" in text
    # the pieces are audited as glued, and no number is split by a space
    glued = [r for r in c.removals if r.rule == "join.fragment"]
    assert len(glued) > 40
    assert "202 5" not in text and "\n5\n" not in text
    # the account's byline under the title is not the text
    assert "信息新安全" not in text


def test_lines_opening_with_one_word_are_a_list_not_one_sentence() -> None:
    # A text dump of a page's icon sprite: each name starts lower case, as a sentence's rest would
    # (what a scrape broken at a link looks like), but they share their first word.
    icons = "\n\n".join(f"icon {name}" for name in ("bookmark", "camera", "check", "chevron down", "close"))
    scrape = (
        f"Three protesters killed near a fuel plant\n\n{icons}\n\n"
        "Three people have died during protests against the interim government, after violent clashes\n"
        "erupted between supporters of the former president and the security forces on Tuesday.\n\n"
        "The public defender's office said another 30 people had been injured in the skirmishes, and\n"
        "called on the government to withdraw military units from all policing operations.\n"
    )
    c = cleaned_text(scrape)
    first = next(r for r in c.removals if r.text.startswith("Three protesters"))
    assert "icon" not in first.text
    assert not [r for r in c.removals if r.rule == "join.fragment" and r.line <= 11]
    assert body(c).startswith("Three people have died")


def test_a_dated_sentence_at_the_end_of_a_law_is_text_not_a_dateline() -> None:
    law = (
        "中华人民共和国网络安全法\n\n"
        "第一条 为了保障网络安全，维护网络空间主权和国家安全、社会公共利益，保护公民、法人和其他组织的"
        "合法权益，促进经济社会信息化健康发展，制定本法。\n\n"
        "第七十九条\n\n本法自2017年6月1日起施行。\n\n2016年11月7日\n"
    )
    c = cleaned_text(law)
    assert "本法自2017年6月1日起施行。" in body(c)
    # a date standing alone is still a dateline
    assert [r.text for r in c.removals if r.rule == "meta.date"] == ["2016年11月7日"]


def test_photo_credits_go_and_a_sentence_with_a_slash_stays() -> None:
    text = (
        "Talks on cyberspace rules resume\n\n"
        "Delegates from forty countries met in Geneva on Monday to resume talks on norms for state "
        "behaviour in cyberspace, after a pause of almost a year.\n\n"
        "Leonhard Foeger / Reuters file\n\n"
        "The chair said the group would publish a draft of its report before the summer and invite "
        "comments from industry and civil society.\n\n"
        "(Image credit: United Nations)\n\n"
        "Jason Cipriani/ZDNet\n\n"
        "Prices rose 3.2% in the year to March / April, the agency said in its monthly report.\n"
    )
    c = cleaned_text(text, "credits.txt")
    kept = body(c)
    for credit in (
        "Leonhard Foeger / Reuters file",
        "(Image credit: United Nations)",
        "Jason Cipriani/ZDNet",
    ):
        assert credit not in kept
        assert any(r.rule == "media.credit" and r.text.strip() == credit for r in c.removals), credit
    assert "Prices rose 3.2% in the year to March / April" in kept and "Delegates from forty" in kept


def test_a_pdf_dumps_running_header_goes_with_every_page_number() -> None:
    # A real speech printed to PDF and dumped as text: the bilingual header of each page
    # ("…Ethiopia: A New Horizon of Hope 2", "… 3") sits between paragraphs of the text.
    c = cleaned(REALWORLD_META / "ethiopia-pmo-en-speech-2019-04-brf2-abiy.txt")
    running = [r.text for r in c.removals if r.rule == "page.running"]
    assert running and all("A New Horizon of Hope" in t for t in running)
    assert not [
        b for b in c.blocks if "A New Horizon of Hope 2" in b.text or "A New Horizon of Hope 3" in b.text
    ]


def test_numbered_lines_that_differ_in_words_are_no_running_header() -> None:
    # Three numbered points of a list say different things: no page furniture here. The same words
    # with one number each, three times over, are.
    points = "\n\n".join(
        f"Point {n}: {w} cooperation on cyberspace security"
        for n, w in ((1, "bilateral"), (2, "regional"), (3, "global"))
    )
    prose = "Ministers agreed on a work plan for the coming year, to be reviewed at their next meeting in the autumn.\n\n"
    c = cleaned_text(f"Work plan agreed\n\n{prose}{points}\n\n{prose}")
    assert not [r for r in c.removals if r.rule == "page.running"]
    page = prose * 4
    footer = "".join(f"Annual report of the centre page {n}\n\n{page}" for n in (2, 3, 4))
    c = cleaned_text(f"Work plan agreed\n\n{page}{footer}")
    assert len([r for r in c.removals if r.rule == "page.running"]) == 3


def test_a_sidebar_of_link_lists_goes_with_its_titles_and_the_article_headings_stay() -> None:
    # A static blog's page: a short notice in lines (no sentence of prose), then the sidebar's
    # widgets, each a title over a list of links (one link title ends with "?") and a tag cloud.
    post = [
        "一年一度的体测又来啦",
        "小伙伴们准备好了没？",
        "准备证件",
        "校园卡，身份证",
        "测试项目",
        "身高体重，肺活量",
    ]
    items = "".join(
        f'<li><a href="/post/{i}/">{t}</a></li>'
        for i, t in enumerate(
            ["湖大也有方舱医院了", "那个敢说真话的院士说了哪些真话？", "致全球湖大人的倡议书!"]
        )
    )
    tags = " ".join(f'<a href="/tags/{i}/">标签{i}号</a>' for i in range(30))
    page = (
        "<html><head><title>2016年体能测试通知 | 玩转湖大</title></head><body><article>"
        "<h1>2016年体能测试通知</h1><h2>测试安排</h2>"
        + "".join(f"<p>{line}</p>" for line in post)
        + f'</article><div class="col"><h3>最近文章</h3><ul>{items}</ul><h3>标签</h3><div>{tags}</div></div>'
        "</body></html>"
    )
    c = cleaned_text(page, "notice.html")
    shown = body(c)
    assert all(line in shown for line in post) and "测试安排" in shown
    for gone in ("最近文章", "标签", "方舱医院", "说了哪些真话", "倡议书", "标签7号"):
        assert gone not in shown
    assert {r.rule for r in c.removals if r.text in ("最近文章", "标签")} == {"html.widget_title"}


def test_every_stanza_of_a_poem_stays_with_the_one_that_reads_as_prose() -> None:
    # A blog's poem: one <p> of <br> lines per stanza; only one stanza has sentence marks.
    stanzas = [
        ["稻草人来拜访我哩", "就在今晚", "在充满着寂寞、无聊和孤独的夜晚", "我只会朝着口里喷出的烟圈出神着"],
        ["然而——", "我所熟识的稻草人果真来了", "在一切动物中，最该诅咒的是麻雀，我的敌人"],
        [
            "我能开口叱咤它们吗？",
            "虽然我有深红的口唇",
            "我能举着手挥着它们吗？",
            "虽然我有强壮的膀臂",
            "我能提脚走开吗？",
        ],
        ["在一切有生无生的物体中", "我是最不幸的", "我是被造错", "我是剩余人"],
    ]
    poem = "".join("<p>" + "<br>".join(s) + "</p>" for s in stanzas)
    menu = "".join(f'<li><a href="/p/{i}">另一首诗{i}</a></li>' for i in range(8))
    page = f"<html><body><nav><ul>{menu}</ul></nav><article><h1>稻草人的拜访</h1>{poem}</article><footer>炸裂志 © 2016</footer></body></html>"
    shown = body(cleaned_text(page, "poem.html"))
    assert all(line in shown for s in stanzas for line in s)
    assert "另一首诗" not in shown and "炸裂志" not in shown
