"""HTML scrapes and page dumps: the main text is kept, page chrome goes, nothing is lost unaudited."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from duizhao.clean import clean
from duizhao.model import BlockKind, Cleaned
from duizhao.read import extract, ingest
from duizhao.vocab.rules import load_rules

from .conftest import build
from .helpers import body, cleaned_text, raw

ARTICLE_EN = [
    "The conference brought together delegates from more than sixty countries, who spent three days "
    "discussing how the rules of the road for cyberspace should be written and enforced.",
    "Speakers argued that no single country can secure its networks alone, and that cooperation "
    "between governments, companies and researchers is the only realistic path forward.",
    "Several delegations proposed a standing working group that would meet twice a year to review "
    "incidents, share threat information and draft common norms for state behaviour online.",
    "Critics said the proposals lacked any means of enforcement and warned that voluntary norms had "
    "been ignored before, but most participants called the meeting a useful first step.",
]
ARTICLE_ZH_HANT = [
    "世界互聯網大會在浙江烏鎮開幕，來自全球的嘉賓圍繞數字經濟、網絡安全等議題展開深入交流，會議發佈了多項成果。",
    "與會代表認為，各國應當加強對話與合作，共同構建網絡空間命運共同體，推動全球互聯網治理體系變革。",
    "專家指出，網絡空間的安全與發展需要各方共同努力，任何國家都不能獨善其身，合作是唯一正確的選擇。",
]
ARTICLE_ZH = [
    "世界互联网大会在浙江乌镇开幕，来自全球的嘉宾围绕数字经济、网络安全等议题展开深入交流，会议发布了多项成果。",
    "与会代表认为，各国应当加强对话与合作，共同构建网络空间命运共同体，推动全球互联网治理体系变革。",
    "专家指出，网络空间的安全与发展需要各方共同努力，任何国家都不能独善其身，合作是唯一正确的选择。",
]


def page(lang: str = "en") -> str:
    paragraphs = {"en": ARTICLE_EN, "zh": ARTICLE_ZH, "zh-Hant": ARTICLE_ZH_HANT}[lang]
    menu = "".join(f'<li><a href="/{i}">Section {i}</a></li>' for i in range(30))
    related = "".join(
        f'<li><a href="/r{i}">Another story about item {i} that readers liked</a></li>' for i in range(8)
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Delegates meet - Example News</title>"
        "<style>.x{color:red}</style><script>var tracking = 1;</script></head><body>"
        f"<header><ul class='menu'>{menu}</ul></header>"
        "<div class='share-bar'><a>Share on Facebook</a> <a>Tweet</a> <a>Email</a></div>"
        "<article><h1>Delegates meet to write the rules of cyberspace</h1>"
        "<p class='byline'>By Jane Doe</p>"
        + "".join(f"<p>{p}</p>" for p in paragraphs[:2])
        + "<figure><img src='a.jpg'><figcaption>Delegates at the opening session.</figcaption></figure>"
        + "".join(f"<p>{p}</p>" for p in paragraphs[2:])
        + "<h2>What comes next</h2><ul><li>A working group meets in spring.</li>"
        "<li>Draft norms follow in the autumn.</li></ul>"
        "<blockquote>No country can secure its networks alone.</blockquote>"
        "</article>"
        f"<aside><h3>Related</h3><ul>{related}</ul></aside>"
        "<section class='comments'><h3>3 Comments</h3><p>Great article!</p>"
        "<form><input name='user'><textarea></textarea><button>Post comment</button></form></section>"
        "<iframe src='https://ads.example/x'></iframe>"
        "<footer><p>Copyright 2024 Example News. All rights reserved.</p><a>Privacy policy</a></footer>"
        "</body></html>"
    )


def cleaned_html(html: str, name: str = "page.html", encoding: str = "utf-8") -> Cleaned:
    return clean.clean(ingest.decode(raw(html.encode(encoding), name)), load_rules())


def visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "head", "template", "noscript"]):
        tag.decompose()
    return soup.get_text(" ")


def assert_conserved(c: Cleaned, source_text: str) -> None:
    kept = "".join(b.text for b in c.blocks) + "".join(r.text for r in c.removals)
    missing = Counter(ch for ch in source_text if not ch.isspace()) - Counter(
        ch for ch in kept if not ch.isspace()
    )
    assert not missing, missing


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_html_keeps_the_article_and_drops_the_chrome(lang: str) -> None:
    html = page(lang)
    c = cleaned_html(html)
    text = body(c)
    for paragraph in ARTICLE_EN if lang == "en" else ARTICLE_ZH:
        assert paragraph in text
    for chrome in (
        "Section 3",
        "Share on Facebook",
        "Another story",
        "Great article",
        "Post comment",
        "Copyright",
    ):
        assert chrome not in text, chrome
    kinds = {b.text: b.kind for b in c.blocks}
    # A photo caption is not the text; the extractor agrees, and the audit keeps it.
    assert "Delegates at the opening session." not in text
    assert any(r.rule == "html.caption" and "opening session" in r.text for r in c.removals)
    assert kinds["What comes next"] is BlockKind.HEADING
    assert kinds["A working group meets in spring."] is BlockKind.LIST_ITEM
    assert kinds["No country can secure its networks alone."] is BlockKind.QUOTE
    assert "tracking" not in text and "color:red" not in text
    moved = {r.rule: r.text for r in c.removals if r.action == "metadata"}
    assert moved.get("meta.title") == "Delegates meet to write the rules of cyberspace"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_html_conservation_every_visible_character_is_on_the_page_or_in_the_audit(lang: str) -> None:
    html = page(lang)
    assert_conserved(cleaned_html(html), visible_text(html))


def test_whole_page_form_is_not_mistaken_for_a_widget() -> None:
    """ASP.NET pages wrap the whole body in one <form>: only its inputs are widgets."""
    html = page().replace("<body>", "<body><form id='aspnetForm'>").replace("</body>", "</form></body>")
    text = body(cleaned_html(html))
    assert ARTICLE_EN[0] in text and ARTICLE_EN[-1] in text


def test_hidden_elements_never_reach_the_page_but_are_audited() -> None:
    html = page().replace("<article>", "<article><div style='display: none'>Secret tracking note</div>")
    c = cleaned_html(html)
    assert "Secret tracking note" not in body(c)
    assert any("Secret tracking note" in r.text and r.rule == "html.div" for r in c.removals)


@pytest.mark.parametrize("encoding", ["gb18030", "big5hkscs", "utf-16"])
def test_declared_and_undeclared_legacy_encodings(encoding: str) -> None:
    lang = "zh-Hant" if encoding == "big5hkscs" else "zh"
    html = page(lang).replace("<meta charset='utf-8'>", "")
    c = cleaned_html(html, encoding=encoding)
    expected = {"gb18030": "gb18030", "big5hkscs": "big5hkscs", "utf-16": "utf-16"}[encoding]
    assert c.decoded.encoding.replace("-", "").replace("_", "") == expected.replace("-", "")
    assert (ARTICLE_ZH_HANT if lang == "zh-Hant" else ARTICLE_ZH)[0] in body(c)
    assert_conserved(c, visible_text(html))


def test_page_dump_keeps_only_the_main_text() -> None:
    """A naive text dump of a page: every visible string on its own line, like a careless copy."""
    menu = "\n\n".join(["Home", "News", "World", "Business", "Tech", "Sport", "Opinion", "Video"] * 3)
    related = "\n\n".join(f"Another story about item {i} that readers liked" for i in range(10))
    dump = (
        f"Delegates meet - Example News\n\n{menu}\n\nDelegates meet to write the rules of cyberspace\n\n"
        "By Jane Doe\n\nNovember 18, 2019\n\nShare this:\nFacebook\nTwitter\nEmail\n\n"
        + "\n\n".join(ARTICLE_EN)
        + f"\n\nShare this:\nFacebook\nTwitter\n\nRead Next\n\n{related}\n\n"
        "Name\n(required)\nEmail\n(required)\nComment\nSubmit\n\n"
        "I think the delegates should have done much more to address the real problems here.\n\n"
        "© 2019 Example News. All Rights Reserved\n"
    )
    c = cleaned_text(dump)
    text = body(c)
    assert text.startswith(ARTICLE_EN[0]) and text.endswith(ARTICLE_EN[-1])
    assert [
        r
        for r in c.removals
        if r.rule == "page.outside" and r.text == "Another story about item 3 that readers liked"
    ]
    assert_conserved(c, c.decoded.text)


def test_text_split_at_every_link_is_glued_back() -> None:
    dump = (
        "Officials said the new rules would apply to\n"
        "all operators of critical infrastructure\n"
        ", including banks and\n"
        "power companies\n"
        ".\n\n" + "\n\n".join(ARTICLE_EN)
    )
    text = body(cleaned_text(dump))
    assert (
        "Officials said the new rules would apply to all operators of critical infrastructure, "
        "including banks and power companies." in text
    )


def test_repeated_copy_of_the_text_is_dropped_once() -> None:
    dump = "\n\n".join(ARTICLE_ZH) + "\n\n分享到\n\n" + "\n\n".join(ARTICLE_ZH)
    c = cleaned_text(dump)
    assert len(c.blocks) == len(ARTICLE_ZH)
    assert sum(r.rule == "duplicate.line" for r in c.removals) == len(ARTICLE_ZH)


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b" \n\t\r\n", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "binary"),
        ("big.txt", b"a" * (ingest.MAX_SOURCE_BYTES + 1), "limit"),
        ("broken.html", b"\xff\xfe\x00\xd8\x00", "decode"),
    ],
)
def test_bad_input_fails_the_strict_build_by_name_and_the_rest_is_built(project, name, data, reason) -> None:
    root = project({"good.txt": ARTICLE_EN[0] + "\n", name: data})
    result = build(root)
    assert result.returncode != 0
    assert name in result.log and reason in result.log.lower()
    assert "Traceback" not in result.log
    lenient = build(root, strict=False)
    assert lenient.returncode == 0
    assert (lenient.site / "texts" / "good" / "index.html").is_file()


def test_audit_panel_lists_removals_and_decoding_notes(project) -> None:
    text = "China’s “cyber sovereignty” — Beijing’s “Wuzhen” summit, a view from the café."
    broken = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))
    article = "\n\n".join(ARTICLE_EN)
    root = project({"op-ed.txt": f"Share this article\n\n{broken}\n\n{article}\n\nNo comments.\n".encode()})
    result = build(root)
    assert result.returncode == 0, result.log
    page_html = result.doc("op-ed")
    panel = page_html[page_html.index('<details class="dz-audit">') :]
    assert "op-ed.txt" in panel and "SHA-256" in panel
    assert "widget.comments" in panel and "No comments." in panel
    assert "repaired" in panel and "“cyber sovereignty”" in page_html


def test_an_article_laid_out_in_a_list_item_is_paragraphs_and_a_real_item_stays_an_item() -> None:
    # A portal's two-column layout is a <ul> whose first <li> holds the whole article (headline,
    # paragraphs).
    paragraphs = "".join(
        f"<p>{text}</p>"
        for text in (
            "第1段：中美贸易摩擦持续，笔者在广州、东莞与深圳走访了二十多家企业，了解它们如何应对加征关税。",
            "第2段：一家厨房电器企业近半数产品销往美国，董事长说订单虽然减少，但企业已经着手调整。",
            "第3段：不少企业把目光投向东南亚和非洲市场，同时加大研发投入，希望用新产品赢得客户。",
            "第4段：地方政府也出台了减税降费和稳岗补贴等措施，帮助企业渡过难关，保持就业稳定。",
        )
    )
    page = (
        "<html><head><title>企业应对关税冲击</title></head><body><ul class='two-coloum'><li>"
        f"<h3>企业应对关税冲击</h3>{paragraphs}"
        "</li><li><a href='/a'>热门文章</a></li></ul></body></html>"
    )
    c = cleaned_text(page, "page.html")
    kinds = {b.text[:3]: b.kind for b in c.blocks}
    assert kinds["第1段"] is BlockKind.PARAGRAPH and kinds["第4段"] is BlockKind.PARAGRAPH
    # an item of a real list, however long, is a list item
    item = BeautifulSoup("<ul><li>开拓东南亚和非洲的新市场，<b>分散</b>出口风险；</li></ul>", "lxml").li
    assert extract._kind(item) == (BlockKind.LIST_ITEM, 0)


def test_an_aside_holding_the_headline_is_the_articles_head_not_a_sidebar() -> None:
    text = "".join(f"<p>{p}</p>" for p in ARTICLE_ZH)
    html = (
        "<html><head><title>逆水寒再按照这个速度研发下去|游民星空</title></head><body>"
        '<aside class="contxt-aside"><h1>逆水寒再按照这个速度研发下去</h1><span>2019-09-05 11:10</span></aside>'
        f"<article>{text}</article>"
        '<aside class="sidebar"><h3>热门推荐</h3><p>另一篇文章的标题</p></aside></body></html>'
    )
    c = cleaned_html(html)
    moved = {r.rule: r.text for r in c.removals if r.action == "metadata"}
    assert moved.get("meta.title") == "逆水寒再按照这个速度研发下去"
    assert any(r.rule == "html.aside" and "热门推荐" in r.text for r in c.removals)  # the sidebar still goes


def test_a_line_of_keywords_joined_by_underscores_is_no_prose() -> None:
    article = (
        "联合国贸发会议发布了《2019年贸易和发展报告》，即使忽略最坏的下行风险，2019年全球经济增长率也将从3%降至2.3%。"
        "一些大型新兴经济体已经陷入衰退，报告认为，各国应当加大公共投资，以扭转增长放缓的势头。"
    )
    seo = "今日股市行情_明日大盘_今日股市_股票行情_明日股市_大盘预测_股市分析_股市最新消息 - 明日大盘网，权威股市行情资讯网站"
    text = "\n".join(
        ["首页", seo, "登录", "注册", "行情", "资讯", "研报", "", article, "", "相关新闻", "微信", "微博", ""]
    )
    kept = body(cleaned_text(text, "page.txt"))
    assert article in kept and "明日大盘" not in kept


def test_a_message_board_and_a_licence_line_are_not_the_text_of_a_short_notice() -> None:
    # A genuine archived campus notice (clean-zh development set, tuning half): short lines, a
    # licence line under them, then a message board (class "msgBox") with more prose than the notice.
    page = Path(__file__).parent / "data/realworld/clean-zh/funhubu-fitness-test-notice.html"
    text = body(cleaned_text(page.read_text(encoding="utf-8"), page.name))
    for line in (
        "一年一度的体测又来啦",
        "校园卡，身份证",
        "身高体重，肺活量，坐位体前屈，50米跑",
        "重要的事情说三遍~",
    ):
        assert line in text
    assert "13级生科表示" not in text and "能不能混入别的院去测啊" not in text
    assert "版权声明" not in text
