"""Chinese page cleaning (issue 17): the kinds of failure found on the tuning half of the clean-zh
pages, each checked on a real page of that half (never a held-out one) and on a small made-up text
that isolates the rule."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from .helpers import body, cleaned, cleaned_text

PAGES = Path(__file__).resolve().parent / "data" / "realworld" / "clean-zh"
PROSE = "这是一段足够长的正文，讲的是一件具体的事情，有头有尾，读者能读懂它说了什么。"


def text_dump(page: Path, out: Path) -> Path:
    """A careless copy of a page (every visible string on its own line), as bench/clean.py makes."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    path = out / f"{page.stem}.txt"
    path.write_text("\n\n".join(soup.stripped_strings) + "\n", encoding="utf-8")
    return path


def test_a_keyword_line_without_punctuation_is_no_text(tmp_path: Path) -> None:
    # The page's text dump holds a spam block of 170,000 characters and no punctuation mark: it
    # outweighed the article, which went as page.outside.
    c = cleaned(text_dump(PAGES / "njxfhn-jiangmen-phone-scam.html", tmp_path))
    text = body(c)
    assert "广东江门警方接到一名72岁事主报警" in text
    assert "江门警方提示，接到自称是公安" in text
    assert len(text) < 20_000
    spam = max((r for r in c.removals), key=lambda r: len(r.text))
    assert len(spam.text) > 100_000 and spam.rule == "page.outside"


def test_a_long_line_earns_prose_weight_per_clause_only() -> None:
    words = " ".join(f"关键词{i}号" for i in range(3000))
    menu = "\n\n".join(["首页", "新闻", "财经", "体育", "娱乐"])
    c = cleaned_text(f"标题\n\n{words}\n\n{menu}\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n\n{menu}\n")
    assert PROSE in body(c)
    assert "关键词17号" not in body(c)


def test_notices_about_the_text_go_and_the_text_that_mentions_them_stays() -> None:
    notice = "本文为某某授权本网专栏发布，转载请注明出处。本文仅代表作者观点，不代表本网立场。"
    mention = "记者了解到，这家网站未经授权转载了大量文章，作者为此提起诉讼，法院已经受理此案。"
    lines = [
        "原标题：一个不同的标题",
        PROSE,
        mention,
        PROSE.replace("事情", "问题"),
        notice,
        "作者为知名评论员，长期关注互联网行业。",
        "声明：本文内容仅供参考，不构成投资建议，据此操作风险自担。",
    ]
    c = cleaned_text("\n\n".join(lines) + "\n")
    text = body(c)
    assert PROSE in text and mention in text
    for gone in (notice, "原标题：一个不同的标题", "作者为知名评论员", "声明：本文内容仅供参考"):
        assert gone not in text
    rules = {r.text[:8]: r.rule for r in c.removals}
    assert rules[notice[:8]] == "notice.line"
    assert rules["原标题：一个不同"] == "notice.line"


def test_163_column_loses_its_notices_and_keeps_its_summary() -> None:
    c = cleaned(PAGES / "163-apple-tv-retreat.html")
    text = body(c)
    assert "[摘要：据《华尔街日报》报道称" in text  # a labelled summary is no clipped copy
    assert "自2007年推出iPhone以来" in text
    assert "转载请注明出处" not in text and "原标题" not in text
    assert "作者曾任职于多家IT知名企业" not in text
    assert {r.rule for r in c.removals if "转载请注明出处" in r.text} == {"notice.line"}


def test_a_list_of_other_stories_ends_the_text() -> None:
    teasers = [f"第{i}条推荐新闻的标题写在这里，后面还有一句摘要，也是完整的句子。" for i in range(6)]
    c = cleaned_text("\n\n".join([PROSE, PROSE.replace("事情", "经过"), PROSE, "相关文章", *teasers]) + "\n")
    text = body(c)
    assert PROSE in text
    assert not any(t in text for t in teasers)


def test_the_first_paragraph_after_a_dropped_share_bar_is_kept() -> None:
    text = body(cleaned(PAGES / "ifeng-changchun-new-economy.html"))
    assert "2020年，因为疫情影响，各地政府的首要任务就是助力当地经济恢复" in text
    assert "一座城市，有历史，有文化，有美食" in text


def test_a_law_keeps_its_adoption_note() -> None:
    text = body(cleaned(PAGES / "govcn-npc-special-bonds-resolution.html"))
    assert "（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）" in text
    assert "字号" not in text


def test_two_html_paragraphs_without_stops_stay_two() -> None:
    c = cleaned(PAGES / "toutiao-uk-indie-game.html")
    paragraphs = [b.text for b in c.blocks]
    assert any(p.endswith("同时也能学得众多强大的技能") for p in paragraphs)
    assert any(p.startswith("本作的核心玩法是空当接龙") for p in paragraphs)
    html = "<html><body><h1>题</h1>" + "".join(f"<p>{PROSE[:-1]}{i}</p>" for i in range(4)) + "</body></html>"
    assert len(cleaned_text(html, "page.html").blocks) >= 4


def test_a_section_number_in_its_own_element_is_not_glued_to_the_next() -> None:
    c = cleaned(PAGES / "toutiao-sf-courier-award.html")
    assert any(b.text.startswith("需要接送的医护人员越来越多") for b in c.blocks)
    assert not any(b.text.startswith("2需要接送") for b in c.blocks)


def test_a_chinese_sentence_torn_at_a_link_is_glued_in_a_text_dump_only(tmp_path: Path) -> None:
    c = cleaned(text_dump(PAGES / "hexun-jingjinji-transport.html", tmp_path))
    assert "今日从交通运输部行新闻发布会获悉，目前京津冀交通一体化建设各项工作取得积极成效" in body(c)
    torn = "记者今天获悉，全市共有，目前\n\n北京\n\n交通建设各项工作取得积极成效，下一步还将继续推进。\n"
    assert "目前北京交通建设" in body(cleaned_text(PROSE + "\n\n" + torn + "\n\n" + PROSE + "\n"))
    html = "<html><body><p>记者今天获悉，全市共有，目前</p><p>北京交通建设各项工作取得积极成效。</p></body></html>"
    assert "目前北京" not in body(cleaned_text(html, "page.html"))


def test_a_line_without_a_stop_is_torn_only_where_the_tear_shows(tmp_path: Path) -> None:
    """In a careless copy, headlines and captions end without a stop and are no tears; a comma
    or a long paragraph cut mid-word is."""
    blocks = [b.text for b in cleaned(text_dump(PAGES / "xds-fund-news-roundup.html", tmp_path)).blocks]
    assert "【第一财经】财政部：金融企业拨备覆盖率超过监管要求两倍视为存在隐藏利润倾向" in blocks
    assert any(b.startswith("财政部官网信息显示，财政部对《金融企业财务规则》进行修订") for b in blocks)
    caption = "10月4日，旅游专列开往襄阳。 通讯员刘娟 摄\n\n西班牙《世界报》：\n\n"
    text = body(cleaned_text(PROSE + "\n\n" + caption + PROSE + "\n"))
    assert "摄西班牙" not in text
    torn = "我的建议得到了积极响应，\n\n并已取得两项成果。\n"
    assert "积极响应，并已取得" in body(cleaned_text(PROSE + "\n\n" + torn))


def test_a_thread_that_opens_on_its_own_h1_keeps_the_first_post_under_it() -> None:
    """A forum thread's text starts with its <h1>: the post under it is the article, though the
    poster's later floors score higher (the headline is no scrape's copy of the <title>)."""
    text = body(cleaned(PAGES / "tianya-phoenix-girl-village.html"))
    assert "先介绍一下我现在的基本情况，80后女，一线城市外企上班" in text
    assert "我出生在南方的一个农村" in text
    assert "和你一样的境遇" not in text and "只要三观正就好" not in text


def test_a_headline_is_never_glued_to_the_stamp_under_it() -> None:
    text = (
        "#  秦安：中美网民会师小红书，TikTok拟周日关停美业务，斗争才会赢\n原创 秦安战略  秦安战略   2025-01-19 22:08\n\n"
        "世界无奇不有，网络空间这个亿万网民的精神家园最奇妙，让人类社会成了一个真正的地球村，这是一个新的现象。\n\n"
        "出现了一个预想不到的后果：美国网民，尤其是年轻的网民，在心灵无处安放的担忧中，来到了中国的平台。\n"
    )
    c = cleaned_text(text, "page.md")
    assert all("原创" not in b.text and "秦安战略" not in b.text for b in c.blocks)
    assert not any(r.rule == "join.fragment" and r.line == 2 for r in c.removals)


def test_a_font_size_control_is_no_text() -> None:
    text = "T + -\n\n美国新冠肺炎确诊病例继续增加，多个州宣布暂停重新开放计划，医院的重症病房再次接近饱和。\n"
    assert all("T + -" not in b.text for b in cleaned_text(text, "page.txt").blocks)


def test_a_post_of_short_lines_in_one_element_is_kept_whole() -> None:
    """A forum post of fable poems: ~290 short <br> lines in one element. Verse lines without a
    stop broke the run of prose after the first poems; the run now takes the whole element, up
    to the first reply's footer the archive put in the same element."""
    text = body(cleaned(PAGES / "chinafable-li-xumian-fable-poems.html"))
    assert "一桶水" in text and "不要赞美" in text and "无休无止的苍凉" in text
    assert "听不到" in text and "我是一块巨木" in text
    threads = body(cleaned(PAGES / "chinafable-sms-fables.html"))
    assert "猴子爬树比赛得了奖杯" in threads
    assert "等级：寓坛新友" not in threads and "也支持。" not in threads


def test_lines_split_by_br_in_one_element_stay_together_but_a_reply_footer_stops_them(tmp_path: Path) -> None:
    verse = "<br>".join(["我可以 长啸", "发自 内心", "声音滑过 鸟的翅膀", "停泊在 希望的绿荫"] * 6)
    html = (
        "<html><head><title>诗帖</title></head><body><ul><li><a href='/'>首页</a></li><li><a href='/b'>论坛</a></li></ul>"
        f"<div class='post'>{PROSE}<br>{PROSE}<br>{verse}<br>IP：隐藏 发表：2005-08-09 21:51:26 5 F 评分 +5 +4"
        "<br>等级：新友<br>也支持。</div></body></html>"
    )
    page = tmp_path / "post.html"
    page.write_text(html, encoding="utf-8")
    text = body(cleaned(page))
    assert text.count("声音滑过 鸟的翅膀") == 6
    assert "也支持" not in text and "IP：隐藏" not in text


def test_a_short_post_is_kept_though_the_second_opinion_took_the_legal_footer() -> None:
    """A forum question of two lines: trafilatura kept the site's copyright and licence lines, and
    the run it agreed with was the footer. A run that is mostly legal lines is no text."""
    text = body(cleaned(PAGES / "tiancity-csol-fullscreen-question.html"))
    assert "我的电脑分辨率是2560*1440" in text and "全屏显示都没有任何问题" in text
    assert "版权所有" not in text and "Copyright" not in text and "trademarks" not in text


def test_verse_one_line_a_line_in_a_text_dump_is_kept_line_by_line(tmp_path: Path) -> None:
    """A poem blog's careless copy: each verse line is a string of its own, short, most without a
    stop. They cost as menu entries did, and only the one long line was kept; a line ending on a
    comma was glued to the next as a sentence torn at a link."""
    c = cleaned(text_dump(PAGES / "casparc-zhuci-du-lvlv.html", tmp_path))
    blocks = [b.text for b in c.blocks]
    assert "向你献上某些时刻" in blocks and "它时常不能被辨认。" in blocks and "黎明。" in blocks
    assert "在我手心反复咬噬，" in blocks and "从水里筛出的金色音节" in blocks
    text = body(c)
    assert "归档" not in text and "友链" not in text and "给蔷薇" not in text
    # The rule in isolation: a menu (words the page repeats, no clause mark) is no verse, and
    # a text dump's sentence torn at a link is still glued when the pieces are no verse block.
    menu = "首页\n\n新闻\n\n图片\n\n视频\n\n"
    poem = "一桶水，\n\n轻微得不值一提。\n\n注目处，\n\n云天倒影。\n\n倾倒时，才惊觉——\n\n一推间，\n\n倒掉一个世界！\n\n"
    made = cleaned_text(menu + menu + PROSE + "\n\n" + poem + menu + "\n", "page.txt")
    kept = [b.text for b in made.blocks]
    assert "一桶水，" in kept and "倒掉一个世界！" in kept and "云天倒影。" in kept
    assert "首页" not in body(made) and "视频" not in body(made)


def test_a_box_of_related_links_inside_the_article_does_not_end_it() -> None:
    """星岛日报: "相关新闻：" and one link stand between the article's first paragraphs and the
    rest. The heading ended the text, and the first paragraphs, right under the headline, went."""
    text = body(cleaned(PAGES / "stheadline-trans-athletes-order.html"))
    assert "美国总统特朗普在总统大选前承诺，将禁止跨性别运动员参加女子运动赛事" in text
    assert "周三（2月5日）正好是美国「全国女孩与妇女运动日」" in text
    assert "美官方政策仅2种性别" not in text


def test_a_list_of_other_stories_after_the_article_still_ends_it(tmp_path: Path) -> None:
    """The same heading over links that alternate with their blurbs is the list after the text."""
    said = ["春天来了，河边的柳树发了新芽，孩子们在岸上放风筝，老人坐在长椅上晒太阳聊天。",
            "村里今年修了新路，从镇上到村口只要二十分钟，卖菜的农户不用再天不亮就出门赶集。",
            "学校添了一间图书室，捐来的书摆满了三面墙，放学以后总有学生留下来读上一个钟头。",
            "医生每周二来村卫生室坐诊，量血压、开药方，年纪大的人看病不必再跑到县城里去排队。",
            "晚上广场上有人跳舞，也有人下棋，灯光一直亮到九点，小卖部的生意比从前好了不少。"]
    blurb = "这是另一篇报道的摘要，讲的是另一件事情，读者点开链接才能读到全文，内容与本文无关。"
    other = "".join(f"<p><a href='/n{i}'>另一篇报道的标题之{i}</a></p><p>{blurb}{i}</p>" for i in range(4))
    html = (
        "<html><head><title>本文标题</title></head><body><h1>本文标题</h1>"
        f"<p>{said[0]}</p><p>相关新闻：</p><p><a href='/x'>一篇相关报道的标题</a></p>"
        + "".join(f"<p>{s}</p>" for s in said[1:])
        + f"<p>相关新闻：</p>{other}</body></html>"
    )
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    text = body(cleaned(page))
    assert all(s in text for s in said)
    assert "另一篇报道" not in text and "一篇相关报道的标题" not in text


def test_a_thread_stamp_in_relative_time_is_no_text() -> None:
    """Ruby China: the thread's stamp ("zzz6519003 · 1 月前 · 最后由 Catherine 回复于 19 天前 · 1350
    次阅读") stood under the title as text; a sentence that says "10年前" stays."""
    text = body(cleaned(PAGES / "rubychina-ruby-scripting.html"))
    assert "回复于" not in text and "次阅读" not in text
    assert "Ruby" in text
    sentence = "10年前我来到北京，那时这里还是一片农田，如今已是高楼林立的新城区。"
    assert sentence in body(cleaned_text(PROSE + "\n\n" + sentence + "\n\n" + PROSE + "\n", "page.txt"))


def test_a_teaser_of_the_next_post_is_no_text(tmp_path: Path) -> None:
    """A blog's "next post" box: a link holding that post's first lines, broken off with "...".
    It ended a sentence, so it passed for a paragraph of the text; a linked sentence that is
    whole (a quoted title) stays."""
    text = body(cleaned(PAGES / "icemoe-small-poem-river-song.html"))
    assert "河水漫过，苇草" in text and "你是我的歌" in text
    assert "评价是一般话不多说" not in text
    quoted = "<p><a href='/law'>这部法律自二〇二一年九月一日起施行，全文共七章五十五条。</a></p>"
    html = f"<html><head><title>标题</title></head><body><h1>标题</h1><p>{PROSE}</p>{quoted}<p>{PROSE}再说一遍。</p></body></html>"
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    assert "全文共七章五十五条" in body(cleaned(page))
