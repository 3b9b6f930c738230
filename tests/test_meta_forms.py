"""The forms real scrapes state their metadata in (issue 16): crawler headers and front matter,
titles with the site's name, speakers and roles in the formats policy texts use, publishers from
addresses and source lines, Traditional Chinese. Each case is a form, not a file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from duizhao.clean import titles
from duizhao.meta import closing, dates, leads, metadata, people, publishing, tagged, venues
from duizhao.model import Signal
from duizhao.publish import search_terms
from duizhao.read import header
from duizhao.vocab import publishers

from .helpers import cleaned_text


def meta_of(text: str, name: str) -> metadata.Metadata:
    return metadata.extract(cleaned_text(text, name), publishers.load())


def test_front_matter_is_read_as_data_and_leaves_the_text() -> None:
    text = '---\ntitle: "中國「網絡沙皇」魯煒"\ndate: "2018-02-13"\nurl: "https://web.archive.org/web/2021/https://www.hkcnews.com/a/1"\ntags: [a, b]\n---\n\n正文第一段。\n'
    found = header.read(text)
    assert found.lines == 6 and found.kind == "front matter"
    assert {(s.name, s.value) for s in found.signals} >= {
        ("title", "中國「網絡沙皇」魯煒"),
        ("date", "2018-02-13"),
        ("url", "https://www.hkcnews.com/a/1"),  # the Wayback address unwrapped
    }
    c = cleaned_text(text, "page.md")
    assert "正文第一段" in c.blocks[0].text and all("title:" not in b.text for b in c.blocks)
    assert {r.rule for r in c.removals if r.line <= 6} == {"meta.front_matter"}


def test_a_setext_heading_that_links_to_the_page_is_its_title() -> None:
    # Turndown's default: <h2><a href=…>Title</a></h2> as the link over a line of dashes.
    title = "中共中央党校退休教授蔡霞内部讲话文字稿：从修宪开始，这个党已是一个政治僵尸"
    text = (
        f"[{title}](https://chinadigitaltimes.net/chinese/2020/06/a/)\n------\n"
        "日期：Tue, 16 Jun 2020 18:28:37 +0000\n\n"
        "<p>我们之所以走到今天这么一个地步，可以讲两个大的问题上，从根上要刨起。一个就是我们这个体制，"
        "一个就是我们这个党的领导人。</p><p>第二段的文字也在这里，说明问题的来龙去脉和今天的处境。</p>\n"
    )
    c = cleaned_text(text, "page.md")
    meta = metadata.extract(c)
    assert meta.title_zh is not None and meta.title_zh.value == title and meta.title_zh.origin != "derived"
    assert meta.author is not None and meta.author.value == "蔡霞"
    assert all("------" not in b.text and "chinadigitaltimes" not in b.text for b in c.blocks)
    assert "markup.heading" in {r.rule for r in c.removals}


def test_a_posts_html_on_one_line_of_a_markdown_scrape_is_read_as_its_paragraphs() -> None:
    # A feed archive's post: its HTML on one line, entities and all.
    text = (
        "[美国驻华大使馆和领事馆 | 关于北京对香港强行实施国家安全法律](https://chinadigitaltimes.net/chinese/2020/07/a/)\n"
        "------\n日期：Wed, 01 Jul 2020 20:10:53 +0000\n\n"
        "<p>2020年6月30日 8:17PM<br />东部夏令时间</p><p>迈克尔·R·蓬佩奥， 国务卿</p>"
        "<p>中国共产党决定对香港强行实施严厉的国家安全立法，破坏了该地区的自治和中国最伟大的成就之一。</p>"
        "<p>中共的行动再次表明北京的承诺只是空谈，这种模式是全世界不能忽视的，美国不会袖手旁观。</p><p>&nbsp;</p>\n"
    )
    c = cleaned_text(text, "page.md")
    texts = [b.text for b in c.blocks]
    assert any(t.startswith("中国共产党决定对香港") and t.endswith("成就之一。") for t in texts)
    assert any(t.startswith("中共的行动再次表明") for t in texts)
    assert all("<p>" not in t and "&nbsp;" not in t for t in texts)
    assert "markup.html" in {r.rule for r in c.removals}
    # the time beside the date ("8:17PM") names no publisher
    publisher = metadata.extract(c).publisher
    assert publisher is None or "PM" not in publisher.value


def test_a_headline_right_above_its_dateline_is_the_title() -> None:
    # A government site's dump: the headline, its date and time, then a place line over a Q&A.
    text = (
        "OFFICIAL WEBSITE OF THE GOVERNMENT OF THE RUSSIAN FEDERATION\n"
        "Alexei Overchuk shares his comments on the outcomes of the Eurasian Intergovernmental Council meeting\n"
        "15 August 2025\n15:35\nCholpon-Ata, Kyrgyzstan\nExcerpts from the transcript:\n"
        "Question: What did Mr Mishustin mean when he talked in his remarks about the need to tighten controls?\n"
        "Alexei Overchuk: This matter has been on the agenda of several council meetings recently, and it boils "
        "down to streamlining customs procedures across the union.\n"
        "Question: There were also talks with Iran today. What topics were on the agenda of this meeting?\n"
        "Alexei Overchuk: There is a series of topics we always discuss at such meetings, trade first of all, "
        "and then transport and logistics.\n"
    )
    meta = metadata.extract(cleaned_text(text))
    assert meta.title_en is not None and meta.title_en.value.startswith("Alexei Overchuk shares his comments")
    assert meta.title_en.origin != "derived"
    # the headline's person answers under their own name: the interview's speaker
    assert meta.author is not None and meta.author.value == "Alexei Overchuk"
    # A related list's last item above the date of a headline that stands below the date is no
    # headline: the headline below it is.
    related = "Opposition leader wins the regional vote by a wide margin\n21 March 2019\n"
    story = "Scientists say the comet will pass close to the Earth this week\n" + (
        "The comet can be seen with the naked eye from both hemispheres, astronomers said on Monday. " * 3
    )
    c = cleaned_text("Home News\n" + related + story)
    assert metadata.extract(c).title_en.value == "Scientists say the comet will pass close to the Earth this week"
    assert all("Opposition leader" not in b.text for b in c.blocks)


@pytest.mark.parametrize(
    "text",
    [
        "seed_url: https://www.fmprc.gov.cn/web/a.shtml\ntitle: 外交部声明\ndate: 2023-10-18\nvia: requests\n\n正文。\n",
        "Title: 外交部声明\n\nURL Source: https://www.fmprc.gov.cn/web/a.shtml\n\nMarkdown Content:\n正文。\n",
    ],
    ids=["crawler", "jina"],
)
def test_a_crawler_header_is_read_as_data(text: str) -> None:
    found = header.read(text)
    names = {s.name: s.value for s in found.signals}
    assert names["title"] == "外交部声明" and names["url"].startswith("https://www.fmprc.gov.cn")
    assert "正文" not in "\n".join(text.split("\n")[: found.lines])


def test_a_body_line_with_a_colon_is_no_header() -> None:
    assert header.read("Protocols: as agreed.\nThe meeting opened at ten.\n").lines == 0


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "2019年1月23日外交部发言人华春莹主持例行记者会_中华人民共和国外交部",
            "2019年1月23日外交部发言人华春莹主持例行记者会",
        ),
        (
            "China urges India to return apprehended soldier - People's Daily Online",
            "China urges India to return apprehended soldier",
        ),
        ("棱镜|数据业大整顿：爬虫与现金贷共生共荣_财经_腾讯网", "棱镜|数据业大整顿：爬虫与现金贷共生共荣"),
        (
            "President Buhari’s Takeaways From FOCAC Beijing Summit – By Garba Shehu",
            "President Buhari’s Takeaways From FOCAC Beijing Summit",
        ),
        (
            "Cyber sovereignty - a principle of international law",
            "Cyber sovereignty - a principle of international law",
        ),
        # one dash before the site's name, none between two places of the headline
        ("最高院可能支持田纳西州禁令 阻止对未成年人进行变性治疗—侨报网", "最高院可能支持田纳西州禁令 阻止对未成年人进行变性治疗"),
        ("第二十届中国—东盟博览会开幕", "第二十届中国—东盟博览会开幕"),
    ],
)
def test_a_title_loses_the_sites_name_and_sections_only(title: str, expected: str) -> None:
    assert titles.strip_site(title, [], publishers.load()) == expected


def test_a_title_ends_where_the_headline_in_the_text_ends() -> None:
    # The site's name is one no data file lists; the headline restated in the text says where the
    # title stops. A title whose own separator is part of the headline stays whole.
    header = (
        "seed_url: https://example.gov.et/joint-statement\n"
        "title: Joint Statement on an All-weather Strategic Partnership - Bole Free Trade Zone\n\n"
    )
    body = (
        "Joint Statement on an All-weather Strategic Partnership\n\n"
        "At the invitation of the President, the Prime Minister paid a state visit from 16 to 18 "
        "October 2023, and the two sides held talks in a friendly atmosphere.\n"
    )
    meta = metadata.extract(cleaned_text(header + body))
    assert meta.title_en.value == "Joint Statement on an All-weather Strategic Partnership"
    assert titles.cut_to_text("Cyber sovereignty - a principle of international law", [body]) == (
        "Cyber sovereignty - a principle of international law"
    )
    assert titles.cut_to_text("决议__2007年第23号国务院公报", ["决议", "其他"]) == "决议"
    # A space between Chinese words parts a site's name too; never a space of an English title.
    zh = "我院医技药剂党支部举办2019年中药、药学理论知识与专业技能大赛"
    assert titles.cut_to_text(f"{zh} 湖南省中医药研究院附属医院", ["首页", zh]) == zh
    en = "Electronic Frontier Foundation to Present Annual EFF Awards"
    assert titles.cut_to_text(en, ["Electronic Frontier Foundation"]) == en


@pytest.mark.parametrize(
    ("title", "name", "role"),
    [
        ("外交部发言人华春莹主持例行记者会", "华春莹", "外交部发言人"),
        ("驻英国大使刘晓明在中欧国际工商学院第三届欧洲论坛上的主旨演讲", "刘晓明", "驻英国大使"),
        ("国家主席习近平发表二〇二五年新年贺词", "习近平", "国家主席"),
        ("驻伊尔库茨克总领事刘渝接受伊尔库茨克《州报》书面采访", "刘渝", "驻伊尔库茨克总领事"),
        (
            "Foreign Ministry Spokesperson Hua Chunying's Regular Press Conference on January 23, 2019",
            "Hua Chunying",
            "Foreign Ministry Spokesperson",
        ),
        (
            "Full Text: Remarks by Chinese President Xi Jinping at 12th BRICS Summit",
            "Xi Jinping",
            "Chinese President",
        ),
        ("STATEMENT BY H.E. MR. UKHNAA KHURELSUKH AT THE DISCUSSION", "Ukhnaa Khurelsukh", "H.E. MR."),
        # sentence case; an office after the name
        ("Full text of Xi Jinping's speech at the opening ceremony", "Xi Jinping", ""),
        (
            "Speech by H.E. Wang Yi State Councilor and Foreign Minister",
            "Wang Yi",
            "H.E. State Councilor and Foreign Minister",
        ),
        ("王毅15日在慕尼黑安全会议上发表演讲", "王毅", ""),
        ("驻英国大使郑泽光就英方涉港言论答记者问", "郑泽光", "驻英国大使"),
        ("外交部发言人华春莹就美方制裁发表谈话", "华春莹", "外交部发言人"),
        ("Interview with H.E. Ambassador Zheng Zeguang on BBC", "Zheng Zeguang", "H.E. Ambassador"),
        ("Ambassador Zheng Zeguang Gives an Interview to Sky News", "Zheng Zeguang", "Ambassador"),
        ("Vice Minister Le Yucheng Answers Journalists' Questions", "Le Yucheng", "Vice Minister"),
        ("Written Interview Given by Ambassador Liu Xiaoming to The Times", "Liu Xiaoming", "Ambassador"),
        ("Ambassador Cui Tiankai's Op-Ed in The Washington Post", "Cui Tiankai", "Ambassador"),
        ("王毅回答中外记者提问", "王毅", ""),
        ("驻马赛总领事董广利就“一带一路”倡议提出十周年接受《马赛人报》专访", "董广利", "驻马赛总领事"),
        ("STATEMENT BY HIS EXCELLENCY, PRESIDENT MUHAMMADU BUHARI, GCFR", "Muhammadu Buhari", "PRESIDENT"),
        (
            "Address by the President of the Republic of Serbia Aleksandar Vučić at the Summit",
            "Aleksandar Vučić",
            "President of the Republic of Serbia",
        ),
        # a title that is the speech's text under its speaker's office and name
        ("中共中央党校退休教授蔡霞内部讲话文字稿：从修宪开始，这个党已是一个政治僵尸", "蔡霞", "中共中央党校退休教授"),
        ("王毅演讲全文", "王毅", ""),
    ],
)
def test_the_speaker_a_title_names(title: str, name: str, role: str) -> None:
    found = people.from_title(title)
    assert found is not None and (found.name, found.role) == (name, role)


def test_a_news_title_about_someone_names_no_speaker() -> None:
    assert people.from_title("杨洁篪出席第55届慕尼黑安全会议") is None
    assert people.from_title("认真学习习近平讲话：精神实质") is None  # (a speech studied, not given)
    assert people.from_title("China, U.S. to continue military exchanges") is None
    assert people.from_title("Xi addresses 3rd Paris Peace Forum") is None
    assert people.from_title("Students take questions from the press") is None
    # (a surname inside a word is no name: "周年" of "十周年接受…采访")
    assert people.from_title("纪念建交七十周年接受媒体联合采访") is None


def test_speaker_lines_and_bylines() -> None:
    assert people.from_lines([(3, "中华人民共和国主席　习近平")]).name == "习近平"
    two = people.from_lines([(3, "中华人民共和国主席"), (4, "习近平")])
    assert (two.name, two.role) == ("习近平", "中华人民共和国主席")
    assert (
        people.from_lines([(2, "By Wang Zheng ( People's Daily ) 13:22, November 08, 2020")]).name
        == "Wang Zheng"
    )
    assert people.from_lines(
        [(5, "本文是翻译文章，文章原作者 Lorenzo Franceschi-Bicchierai，文章来源：techcrunch")]
    ).name == ("Lorenzo Franceschi-Bicchierai")
    assert (
        people.from_lines([(9, "[Guru Baran](https://cybersecuritynews.com/author/guru/)")]).name
        == "Guru Baran"
    )
    assert (
        people.from_lines([(2, "原创 罗城OSINT  百灵猫开源情报分析师   2024-12-13 10:20")]).name
        == "罗城OSINT"
    )
    assert people.from_lines([(2, "文章目录"), (3, "责任编辑：马娟")]) is None
    # a column's name, then its author ("《棱镜》作者 周纯")
    assert people.from_lines([(7, "《棱镜》作者 周纯")]).name == "周纯"
    # a dateline that credits a source is no account's stamp; " -中新网" ends a title
    assert publishing.dateline_name("2020年07月04日 12:10 来源：求是网参与互动") == ""
    assert titles.strip_site("【中国稳健前行】坚定实施扩大内需战略 -中新网", [], publishers.load()) == (
        "【中国稳健前行】坚定实施扩大内需战略"
    )
    # A foreign name in Chinese keeps its parts apart; a spokesperson named in the next sentence.
    assert (
        people.from_lines([(4, "本文是翻译文章，文章原作者 古鲁 巴兰，文章来源：cybersecuritynews")]).name
        == "古鲁 巴兰"
    )
    quoted = leads.quoted_spokesperson(
        [
            (
                1,
                "Talks will be held, a spokesperson for the Ministry of National Defense said Thursday. "
                "Wu Qian said at a regular press conference that the talks would go on.",
            )
        ]
    )
    assert (quoted.name, quoted.role) == ("Wu Qian", "spokesperson")
    assert (
        leads.quoted_spokesperson(
            [(1, "A spokesperson for the ministry said Thursday. Nothing else was said.")]
        )
        is None
    )
    said = leads.quoted_spokesperson(
        [(1, "Foreign Ministry Spokesperson Mao Ning said on Monday that talks go on.")]
    )
    assert said is not None and said.name == "Mao Ning"
    zh = leads.quoted_spokesperson([(1, "外交部发言人毛宁6日表示，中方坚决反对。")])
    assert zh is not None and (zh.name, zh.role) == ("毛宁", "外交部发言人")
    # an office and a name on a line of their own; "The Intercept" or a cut name is none
    office = people.from_lines([(4, "H.E. Ambassador Chen Xiaodong")])
    assert office is not None and (office.name, office.role) == ("Chen Xiaodong", "H.E. Ambassador")
    assert people.from_lines([(4, "The Intercept")]) is None
    assert people.from_lines([(4, "Deputy Prime Minister Alexei")]) is None


def test_a_speech_with_its_subtitle_and_speaker_line() -> None:
    c = cleaned_text(
        "建设开放包容、互联互通、共同发展的世界\n"
        "——在第三届“一带一路”国际合作高峰论坛开幕式上的主旨演讲\n"
        "（2023年10月18日，北京）\n"
        "中华人民共和国主席　习近平\n"
        "尊敬的各位国家元首、政府首脑，\n"
        "今天，我们在这里举行第三届“一带一路”国际合作高峰论坛开幕式。我谨代表中国政府和中国人民，对各位嘉宾表示热烈欢迎！\n"
    )
    m = metadata.extract(c)
    assert m.title_zh.value == "建设开放包容、互联互通、共同发展的世界" and m.title_zh.origin == "extracted"
    assert (m.author.value, m.role.value) == ("习近平", "中华人民共和国主席")
    assert m.date.value == "2023-10-18"
    assert "一带一路" in m.venue.value


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("来源：新华网", "新华网"),
        ("Source: Xinhua| 2018-12-21 13:42:12|Editor: Yamei", "新华网"),  # (in the page's language)
        ("来源：人民网-文化频道 原创稿", "人民网"),
        ("2015-07-04 02:30:17 来源: 中国证券报·中证网(北京)", "中国证券报·中证网"),  # (a place apart)
    ],
)
def test_a_source_line_gives_the_name_not_the_line(line: str, name: str) -> None:
    c = cleaned_text(
        f"网络空间治理的中国方案\n{line}\n中国愿同各国一道，推动构建网络空间命运共同体，让互联网更好造福世界各国人民。\n"
    )
    m = metadata.extract(c)
    assert m.publisher is not None and m.publisher.value == name


@pytest.mark.parametrize("line", ["来源：本站原创", "时间：2019年10月31日 23:00 浏览： 33"])
def test_this_site_and_a_counter_are_no_publishers_name(line: str) -> None:
    c = cleaned_text(
        f"网络空间治理的中国方案\n{line}\n中国愿同各国一道，推动构建网络空间命运共同体，让互联网更好造福世界各国人民。\n"
    )
    assert metadata.extract(c).publisher is None


def test_the_address_names_the_publisher_and_a_platform_names_none() -> None:
    known = publishers.load()
    assert known.by_url("https://www.fmprc.gov.cn/web/a.shtml").zh == "中华人民共和国外交部"
    assert known.by_url("http://english.news.cn/2019/x.htm").en == "Xinhua"
    assert known.by_url("https://mp.weixin.qq.com/s?__biz=x") is None  # its account publishes
    assert known.by_url("https://news.qq.com/a/1.htm").zh == "腾讯网"


def test_an_author_spelled_like_the_address_it_came_from_is_the_publisher() -> None:
    # A repost archive's front matter: the site as "author", its address as "from".
    text = (
        '---\ntitle: "美国将中国列为汇率操纵国"\ndate: 2019-10-17T07:48:28+01:00\nauthor: Nei.st\n'
        "from: https://nei.st/medium/ft/us-designates-china-as-currency-manipulator\n---\n\n"
        "美国自1994年来首次将中国列为汇率操纵国，美中贸易战进入了更危险的阶段，双方的谈判前景更不明朗。\n"
    )
    meta = metadata.extract(cleaned_text(text, "page.md"))
    assert meta.publisher is not None and meta.publisher.value == "Nei.st"
    assert meta.author is None  # (a site, not a person)


def test_a_translation_citing_its_original_names_the_original_author() -> None:
    text = (
        '---\ntitle: "Huang Qifan on Supply Chains"\nsourceUrl: "https://example.com/huang/"\n---\n\n'
        "**Huang Qifan, “Why China Will Remain at the Center of Global Supply Chains”**  \n  \n"
        "Huang Qifan is a former mayor of Chongqing and now a vice chairman of a think tank in Beijing, "
        "and his views on the economy are widely read.\n\n"
        "The text below was published in a business weekly, and it argues that supply chains will stay.\n"
    )
    meta = metadata.extract(cleaned_text(text, "page.md"))
    assert meta.author is not None and meta.author.value == "Huang Qifan"
    # a place and a quotation are no citation of a work
    quoted = "**Beijing, “We will never accept it,” the spokesman said**  \n"
    assert metadata.extract(cleaned_text(text.replace("**Huang Qifan, “", quoted + "**“"), "page.md")).author is None


def test_a_venue_is_never_a_date_or_a_time() -> None:
    c = cleaned_text(
        "中国外交部声明\n2024-12-31 19:18\n中国愿同各国一道，推动构建网络空间命运共同体，让互联网更好造福世界各国人民。\n"
    )
    assert metadata.extract(c).venue is None


def test_traditional_chinese_is_tagged_and_search_folds_both_ways() -> None:
    c = cleaned_text(
        "中國「網絡沙皇」魯煒嚴重違紀開除黨籍\n在中國大陸有「網絡沙皇」之稱的中央網信辦原主任魯煒，因為嚴重違紀問題被開除黨籍。\n"
    )
    assert metadata.extract(c).zh_script == "zh-Hant"
    assert metadata.extract(cleaned_text("中国网络空间治理。网络主权原则。\n")).zh_script == "zh-Hans"
    assert search_terms.terms("網絡沙皇") == search_terms.terms("网络沙皇")


def test_page_signals_in_an_html_head() -> None:
    page = (
        "<html><head><title>杨洁篪出席第55届慕尼黑安全会议 — 中华人民共和国外交部</title>"
        '<meta property="og:site_name" content="中华人民共和国外交部">'
        '<meta name="author" content="104363">'
        '<link rel="canonical" href="https://www.fmprc.gov.cn/web/zyxw/201902/t20190216_1.shtml">'
        "</head><body><h1>杨洁篪出席第55届慕尼黑安全会议</h1><p>2019年2月16日，中共中央政治局委员杨洁篪出席第55届慕尼黑安全会议，"
        "并发表题为《携手推进国际合作 共同构建人类命运共同体》的主旨演讲。</p></body></html>"
    )
    c = cleaned_text(page, "page.html")
    assert (
        Signal(
            "url_date",
            "2019-02-16",
            "date in the address https://www.fmprc.gov.cn/web/zyxw/201902/t20190216_1.shtml",
        )
        in c.signals
    )
    m = metadata.extract(c)
    assert m.title_zh.value == "杨洁篪出席第55届慕尼黑安全会议"
    assert m.publisher.value == "中华人民共和国外交部" and "fmprc.gov.cn" in m.publisher.evidence
    assert m.author is None  # a number is no author
    assert m.source_url.value.startswith("https://www.fmprc.gov.cn/")


def test_a_tag_saved_as_value_and_parselys_json_are_read_before_a_date_in_the_text() -> None:
    page = (
        '<html><head><title>Missionary pleads not guilty</title><meta value="OregonLive.com" name="og:site_name">'
        """<meta name='parsely-page' content='{"title": "Missionary", "pub_date": "2014-12-29T23:22:14Z"}'>"""
        "</head><body><h1>Missionary pleads not guilty</h1><p>"
        + "The missionary, who moved to Cambodia on 28 November 2005, pleaded not guilty in federal court. "
        * 3
        + "</p></body></html>"
    )
    m = metadata.extract(cleaned_text(page, "page.html"), publishers.load())
    assert m.date.value == "2014-12-29" and "parsely-page" in m.date.evidence
    assert m.publisher.value == "OregonLive.com"


def test_no_lines_no_person() -> None:
    assert people.from_lines([]) is None


def _site_page(head: str, tail: str = "") -> str:
    """A crawler's Markdown of a news page: menus, the headline, furniture, the article, a tail."""
    menu = "\n\n".join(f"[Menu item {i}](/section/{i}/)" for i in range(6))
    article = "\n\n".join(
        f"Paragraph {i} of the story tells readers what happened and why it matters to them today."
        for i in range(8)
    )
    return f"{menu}\n\n{head}\n\n{article}\n\n{tail}\n"


def test_an_author_link_in_the_furniture_by_the_headline_names_the_author() -> None:
    page = _site_page(
        "# Scammers offer to clean credit reports\n\n"
        '[Jane Q. Writer](/blog/author/jwriter "Jane Q. Writer")\n\nAugust 06, 2024'
    )
    meta = metadata.extract(cleaned_text(page, "page.md"))
    assert meta.author is not None and meta.author.value == "Jane Q. Writer"
    assert "author's page" in meta.author.evidence
    assert meta.date is not None and meta.date.value == "2024-08-06"


def _dated(title: str, head: list[tuple[int, str]], body: list[str], near: list[tuple[int, str]] = ()) -> str:
    """The date fill_date gives a text with this title, header lines the cleaner moved,
    body blocks (from line 40) and removed lines by the headline."""
    from duizhao.model import Block, BlockKind, Field, Metadata, Removal

    meta = (
        Metadata(title_zh=Field(title))
        if re.search(r"[\u4e00-\u9fff]", title)
        else Metadata(title_en=Field(title))
    )
    moved = [Removal(20, title, "meta.title", "", "metadata")]
    moved += [Removal(n, t, "meta.date", "", "metadata") for n, t in head]
    blocks = [Block(BlockKind.PARAGRAPH, t, (40 + 2 * k,)) for k, t in enumerate(body)]
    dates.fill_date(meta, moved, blocks[:6], (), blocks, None, list(near))
    return meta.date.value if meta.date else ""


ARTICLE = [
    f"Paragraph {i} of the story tells readers what happened and why it matters to them." for i in range(6)
]


def test_dated_items_of_a_related_list_at_the_end_are_no_signature() -> None:
    related = ["Another story one", "May 23, 2025 min read", "Another story two", "May 16, 2025 min read"]
    assert _dated("Data breach at a retailer", [(22, "May 27, 2025")], ARTICLE + related) == "2025-05-27"
    # one date standing alone at the end is a signature, unless it is later than the page's date
    assert (
        _dated("Data breach at a retailer", [(22, "May 27, 2025")], [*ARTICLE, "May 20, 2025"])
        == "2025-05-20"
    )
    assert (
        _dated("Data breach at a retailer", [(22, "May 27, 2025")], [*ARTICLE, "June 30, 2025"])
        == "2025-05-27"
    )


def test_a_labelled_date_line_in_dropped_furniture_beats_a_date_in_the_lead() -> None:
    lead = ["2025年6月11日，美国卫生与公众服务部的一个疫苗网站被人篡改，发布了大量由人工智能生成的内容。"]
    body = lead + [f"第{i}段说明了这次事件的经过以及有关部门的回应和后续的调查情况。" for i in range(5)]
    dropped = [(24, "阅读量**194442**"), (26, "发布时间 : 2025-06-12 15:36:04")]
    assert _dated("美国政府疫苗网站被污损", [], body, dropped) == "2025-06-12"
    assert _dated("美国政府疫苗网站被污损", [], body) == "2025-06-11"  # without it: the lead's date


def test_a_byline_in_dropped_furniture_names_the_author() -> None:
    text = (
        "# 美国政府疫苗网站被污损\n\n阅读量**194442**\n\n发布时间 : 2025-06-12 15:36:04\n\n**x**\n\n"
        "本文是翻译文章，文章原作者 Lorenzo Franceschi-Bicchierai，文章来源：techcrunch\n\n"
        "6月11日，美国卫生与公众服务部的一个疫苗网站被人篡改，发布了大量由人工智能生成的内容。\n\n"
        + "\n\n".join(f"第{i}段说明了这次事件的经过以及有关部门的回应和后续的调查情况。" for i in range(6))
    )
    c = cleaned_text(text, "page.md")
    assert not any("原作者" in b.text for b in c.blocks)  # (the notice is not in the text...)
    meta = metadata.extract(c)
    assert meta.author is not None and meta.author.value == "Lorenzo Franceschi-Bicchierai"  # (...but read)
    assert meta.date is not None and meta.date.value == "2025-06-12"


def test_a_markdown_scrape_shows_the_words_of_its_links_not_their_markup() -> None:
    text = (
        "# 標題\n\n"
        "新華社周一晚 [發稿](https://web.archive.org/web/2021/http://www.xinhuanet.com/a.htm) ，表示有關方面已經了解情況並作出安排。\n\n"
        "<figcaption>年初二煙花匯演由其士集團贊助。其士集團提供</figcaption>\n\n"
        '{{< video src="https://www.facebook.com/plugins/video.php?href=x" >}}\n\n'
        "![](https://example.org/photo.jpg)\n\n"
        "政府決定取消年初二晚煙花匯演，以示哀悼，並會在明天下半旗致哀。\n"
    )
    c = cleaned_text(text, "page.md")
    shown = "\n".join(b.text for b in c.blocks)
    assert "新華社周一晚 發稿 ，表示" in shown and "煙花匯演由其士集團贊助" in shown
    for markup in ("](", "https://", "<figcaption>", "{{<"):
        assert markup not in shown, markup
    assert any(b.kind.value == "caption" for b in c.blocks)
    audit = " ".join(r.text for r in c.removals)
    assert "(https://web.archive.org/web/2021/http://www.xinhuanet.com/a.htm)" in audit
    assert "{{< video" in audit and "photo.jpg" in audit
    assert c.block_languages and set(c.block_languages) <= {"zh"}


@pytest.mark.parametrize("author", ["网易", "chinanews", "admin"])
def test_a_site_that_signs_its_pages_with_its_own_name_names_no_author(author: str) -> None:
    page = (
        f'<html><head><title>美国新冠肺炎确诊病例超278万例_网易新闻</title><meta name="author" content="{author}">'
        '<link rel="canonical" href="https://www.163.com/news/article/x.html"></head><body>'
        "<h1>美国新冠肺炎确诊病例超278万例</h1><p>据美国约翰斯·霍普金斯大学统计数据，截至北京时间7月4日6时，"
        "美国新冠肺炎确诊病例超过278万例，死亡病例超过12万例。</p></body></html>"
    )
    meta = metadata.extract(cleaned_text(page, "page.html"), publishers.load())
    assert meta.author is None


def test_a_link_to_a_staff_page_names_the_author() -> None:
    page = (
        "<html><head><title>Grim global outlook - POLITICO</title></head><body><h1>Grim global outlook</h1>"
        '<p class="byline">By <a href="https://www.politico.com/staff/kate-davidson">KATE DAVIDSON</a></p>'
        "<p>Finance ministers and central bankers gather in Washington this week as the global economy "
        "slows, inflation stays high and a strong dollar squeezes poorer countries.</p></body></html>"
    )
    meta = metadata.extract(cleaned_text(page, "page.html"), publishers.load())
    assert meta.author is not None and meta.author.value.casefold() == "kate davidson"


def test_a_transcripts_first_speaker_label_names_the_speaker() -> None:
    assert people._split_en("President of Russia Vladimir Putin") == ("Vladimir Putin", "President of Russia")
    assert people._split_en("Minister of Foreign Affairs Wang Yi") == (
        "Wang Yi",
        "Minister of Foreign Affairs",
    )
    text = (
        "Belt and Road Forum for International Cooperation\n\nBeijing\n\n"
        "Vladimir Putin spoke at the opening ceremony of the forum business program.\n\n"
        "President of Russia Vladimir Putin:\n\n"
        "President Xi Jinping, ladies and gentlemen, first of all, I would like to thank my good friend "
        "for inviting me to attend the second forum.\n"
    )
    meta = metadata.extract(cleaned_text(text))
    assert (meta.author.value, meta.role.value) == ("Vladimir Putin", "President of Russia")
    # a label with no office is a name only: no speaker is made of it
    assert leads.from_label([(1, "Questions and answers:")]) is None
    # a heading that says whose remarks follow
    found = leads.from_label([(4, "Remarks of Vice President Joe Biden")])
    assert found is not None and (found.name, found.role) == ("Joe Biden", "Vice President")
    # a label the cleaner ran into the speech's first paragraph, or into the heading above it
    opens = "President of Russia Vladimir Putin: Colleagues, friends, I would like to congratulate you all."
    closes = "Speech at the first roundtable discussion at the Belt and Road Forum President of Russia Vladimir Putin:"
    for text in (opens, closes):
        found = leads.from_label([(3, text)])
        assert found is not None and (found.name, found.role) == ("Vladimir Putin", "President of Russia")
    # a sentence that ends on a name and a colon is no heading; a label without an office names no one
    assert (
        leads.from_label([(3, "The text below was approved. It was read by President Xi Jinping:")]) is None
    )
    assert leads.from_label([(3, "Vladimir Putin: Colleagues, friends.")]) is None
    assert (
        leads.from_label([(3, "SENIOR ADMINISTRATION OFFICIAL: Thanks so much. And, folks, good evening.")])
        is None
    )


def test_a_visits_span_in_the_lead_is_not_the_day_a_statement_was_issued() -> None:
    text = (
        "title: 中华人民共和国和某国关于深化全面战略合作伙伴关系的联合声明（全文）\n\n"
        "中华人民共和国和某国关于深化全面战略合作伙伴关系的联合声明（全文）\n"
        "来源：外交部　发布：2024-09-04 13:19\n"
        "应中华人民共和国主席习近平邀请，某国总统于2024年8月29日至9月6日对中华人民共和国进行国事访问。\n"
        "访问期间，两国元首在亲切友好的气氛中举行会谈，就双边关系以及共同关心的国际和地区问题深入交换意见。\n"
    )
    meta = metadata.extract(cleaned_text(text))
    assert meta.date.value == "2024-09-04"
    assert dates.RANGE_START.search("于2024年8月29日至9月6日对中国进行国事访问")
    assert not dates.RANGE_START.search("2024年9月4日，两国元首在北京举行会谈")


def test_a_portals_editor_is_no_author_and_an_act_is_no_name() -> None:
    page = (
        '<html><head><title>海外学子热议两会_中国青年网</title><meta name="author" content="青网校园崔宁宁">'
        "</head><body><h1>海外学子热议两会</h1><p>全国两会召开期间，在海外求学的中国留学生通过网络关注会议进程，"
        "纷纷表示对国家发展充满信心。他们说，两会传递出的信号让人振奋。</p>"
        "<p>留学生们还就教育、科技等议题展开讨论，认为国家的发展为青年提供了广阔舞台。</p>"
        "<div><span>责任编辑：崔宁宁</span></div></body></html>"
    )
    meta = metadata.extract(cleaned_text(page, "page.html"), publishers.load())
    assert meta.author is None
    # "外交部部长王毅讲话" is an office, a name and what he did: no one is named "王毅讲话".
    speech = (
        "中方愿同各方加强合作\n\n外交部部长王毅讲话\n\n"
        "各国应当坚持多边主义，加强网络空间的对话与合作，共同构建和平、安全、开放、合作的网络空间。\n\n"
        "我们愿同国际社会一道，推动全球数字治理朝着更加公正合理的方向发展。\n"
    )
    assert meta_of(speech, "speech.txt").author is None
    assert people.name_after_office("王毅") and not people.name_after_office("王毅讲话")
    # A rank is a role: "Senior Colonel Zhang Shuili, spokesperson for the Western Theater Command".
    quoted = leads.quoted_spokesperson(
        [(1, "Senior Colonel Zhang Shuili, spokesperson for the Western Theater Command, said on Monday.")]
    )
    assert (quoted.name, quoted.role) == ("Zhang Shuili", "Senior Colonel")


def test_a_long_occasion_in_the_title_and_a_speech_at_in_the_lead_are_venues() -> None:
    title = (
        "President Buhari’s Remarks at the Opening Ceremony of the High-Level Dialogue between Chinese "
        "and African Leaders and Business Representatives"
    )
    found = venues.VENUE_EN.search(title)
    assert venues.as_place(found.group(1)).startswith("Opening Ceremony of the High-Level Dialogue")
    lead = "Xi Jinping on Thursday delivered a speech via video at the third Paris Peace Forum on Nov. 12, calling for"
    assert venues.VENUE_EN.search(lead).group(1) == "third Paris Peace Forum"
    zh = "国家主席习近平在第三届“一带一路”国际合作高峰论坛开幕式上发表主旨演讲。"
    assert venues.VENUE_ZH.search(zh).group(1) == "第三届“一带一路”国际合作高峰论坛"


def test_a_statement_signed_in_its_closing_clause_is_dated_and_placed_by_it() -> None:
    text = (
        "Joint Statement between the Two Republics\n\n"
        "At the invitation of the President, the visiting President was in China for a State Visit "
        "from the 2nd to the 5th of September 2024 and held talks on cooperation.\n\n"
        "The two sides agreed to deepen their cooperation in trade, infrastructure and culture, and "
        "to keep close contact on international affairs of common concern.\n\n"
        "Done in English and Chinese, both being authentic, on this day, 3rd of September 2024, in Beijing, China.\n"
    )
    meta = meta_of(text, "statement.txt")
    assert meta.date.value == "2024-09-03" and "signed" in meta.date.evidence
    assert meta.venue.value == "Beijing, China"


@pytest.mark.parametrize(
    ("source", "url", "expected"),
    [
        ("Krebs on Security", "https://krebsonsecurity.com/2024/08/a/", "Krebs on Security"),
        ("FreeBuf网络安全行业门户", "https://www.freebuf.com/news/350904.html", "FreeBuf"),
        ("Deeplinks", "https://www.eff.org/press/releases/a", None),  # a column, not the site
        ("Graham Cluley", "https://www.tripwire.com/state-of-security/a", None),  # an author
    ],
)
def test_a_feed_name_spelled_like_the_host_names_the_site(
    source: str, url: str, expected: str | None
) -> None:
    signals = (Signal("source", source, "header: source"),)
    found = publishing.spelled_like_host(signals, url)
    assert [name for name, _ in found] == ([expected] if expected else [])


def test_a_stamped_byline_deep_in_a_flattened_page_and_an_author_box_name_the_author() -> None:
    menu = " ".join(["Home", "Opinions", "Business", "Military", "World", "Society", "Culture"] * 12)
    flat = f"China delivers 5G services - People's Daily Online {menu} China delivers 5G services By Wang Zheng ( People's Daily ) 13:22, November 08, 2020 BMW Brilliance said"
    assert len(flat.split("By Wang Zheng")[0]) > 400  # beyond the head window of a plain byline
    found = people.from_lines([(1, flat)])
    assert found.name == "Wang Zheng" and "byline" in found.evidence
    # A bare "by X," inside a sentence that far in is not a byline.
    assert people.from_lines([(1, f"{menu} the plan was reported by John Smith, who said")]) is None
    box = [
        (125, "[![Graham Cluley](/files/graham-cluley_profile_pic.jpg)](/profile/graham-cluley)"),
        (129, "#### [Graham Cluley](/profile/graham-cluley)"),
        (133, "[View Profile](/profile/graham-cluley)"),
    ]
    assert closing.author_box(box).name == "Graham Cluley"
    assert closing.author_box([*box, (140, "[Jane Roe](/profile/jane-roe)")]) is None  # two people


def test_a_lead_names_the_author_only_when_the_text_follows() -> None:
    report = (
        "杨洁篪出席慕尼黑安全会议\n\n"
        "当地时间2019年2月16日，中央外事工作委员会办公室主任杨洁篪在德国出席第55届慕尼黑安全会议，"
        "并发表题为《倡导国际合作，维护多边主义》的主旨演讲。\n\n"
        "杨洁篪表示，当前国际形势正在发生深刻复杂变化，各国应当加强合作，共同应对全球性挑战。\n"
    )
    assert meta_of(report, "report.txt").author is None
    oped = (
        "一带一路：通向开放型世界经济的新桥梁\n\n"
        "2017年5月14日，驻芬兰大使陈立在芬兰媒体《环球时代》发表题为“一带一路：通向开放型世界经济的新桥梁”"
        "的署名文章，全文如下：\n\n"
        "五月的北京，春意盎然。“一带一路”国际合作高峰论坛在北京国家会议中心开幕，各国代表齐聚一堂。\n"
    )
    assert meta_of(oped, "oped.txt").author.value == "陈立"


def test_a_closing_author_line_names_the_author_even_run_into_the_affiliation() -> None:
    body = (
        "扩大内需是战略基点。坚定实施扩大内需战略，要让市场在资源配置中起决定性作用，更好发挥政府作用。\n\n"
    )
    glued = meta_of(f"坚定实施扩大内需战略\n\n{body}（作者：方敏北京大学经济学院教授）\n", "glued.txt")
    assert (glued.author.value, glued.role.value) == ("方敏", "北京大学经济学院教授")
    comma = meta_of(f"坚定实施扩大内需战略\n\n{body}（作者：王小明，中国人民大学教授）\n", "comma.txt")
    assert (comma.author.value, comma.role.value) == ("王小明", "中国人民大学教授")
    # Two cuts that both read as words ("欧阳" + "明清…", "欧阳明" + "清华…"): no name is guessed.
    assert people._affiliated("欧阳明清华大学副教授") is None
    # The author line of another text further down is no closing line of this one.
    assert closing.closing_byline([(9, "作者系北京大学教授，本文有删节")]) is None


def test_a_name_in_brackets_ending_the_text_names_its_writer_and_an_end_mark_does_not() -> None:
    body = (
        "中非双方推动发展战略深度对接，积极深化各领域务实合作更显难能可贵。以共建“一带一路”为契机，推动合作。"
    )
    assert meta_of(f"海外网评：铺路架桥\n\n{body}（栾雨石）\n", "a.txt").author.value == "栾雨石"
    for mark in ("（完）", "（全文完）", "（新华社）", "（待续）"):
        assert meta_of(f"海外网评：铺路架桥\n\n{body}{mark}\n", "b.txt").author is None, mark


def test_a_headline_giving_an_officials_words_names_the_speaker_when_the_text_does() -> None:
    lead = "2023年3月7日，十四届全国人大一次会议举行记者会，外交部长秦刚出席。有记者问及“一带一路”倡议。"
    said = "秦刚表示，“一带一路”倡议是中国发起、各方共建、世界共享的优质公共产品。"
    found = meta_of(f"秦刚：“一带一路”倡议十年，铺就共同发展的康庄大道\n\n{lead}\n\n{said}\n", "q.txt")
    assert (found.author.value, found.role.value) == ("秦刚", "外交部长")
    assert "秦刚表示" in found.author.evidence
    # A headline opening on a word that looks like a name, with no one in the text saying anything.
    gold = "黄金：避险需求推高金价\n\n国际金价周一上涨，市场避险情绪升温，投资者关注美联储议息会议的结果。\n"
    assert meta_of(gold, "g.txt").author is None
    # Someone's words with no office stated: not taken from the headline alone.
    plain = "张伟：我的创业故事\n\n张伟表示，创业十年，最难的是第一年。他说，团队坚持下来了。\n"
    assert meta_of(plain, "p.txt").author is None


def test_a_byline_of_two_names_them_both_and_a_degree_or_a_day_is_no_second_author() -> None:
    assert (
        people._byline(1, "By Howard Schneider, Lindsay Dunsmuir").name
        == "Howard Schneider and Lindsay Dunsmuir"
    )
    assert people._byline(1, "By: Paul Wiseman, The Associated Press").name == "Paul Wiseman"
    assert people._byline(1, "By Rachael Link, MS").name == "Rachael Link"
    assert people._byline(1, "By Sherif Saed, Wednesday, 4 March 2020 15:05 GMT").name == "Sherif Saed"


def test_reporters_credited_by_the_lead_or_under_the_text_are_all_named() -> None:
    lead = (
        "本站讯（职工通讯员 李琴雯 刘会）为深入推进党建与业务工作紧密结合，10月30日，我院举办了专业技能大赛。"
    )
    body = "本次竞赛内容分为理论考试与基本技能竞赛，由四个项目组成，全体专业人员参赛。"
    assert meta_of(f"技能大赛\n\n{lead}\n\n{body}\n", "a.txt").author.value == "李琴雯、刘会"
    xinhua = "新华社北京10月18日电（记者张三）第三届“一带一路”国际合作高峰论坛18日在北京开幕。"
    assert meta_of(f"高峰论坛开幕\n\n{xinhua}\n\n{body}\n", "b.txt").author.value == "张三"
    story = "吉利控股集团宣布投资冰岛一家新能源公司，双方签署了4500万美元的投资协议。" * 2
    below = "本文来源：新华网 作者：黄晓南 谢彬彬 责任编辑：NF055"
    assert (
        meta_of(f"吉利投资冰岛新能源公司\n\n{story}\n\n{below}\n", "c.txt").author.value == "黄晓南、谢彬彬"
    )
    assert people.zh_names("古鲁 巴兰") == ""  # one foreign name, its parts apart
    # The page's editor filling its author field names no author.
    edited = "2020-07-04 12:10:24 来源： 求是网 作者：陈海峰 责任编辑：陈海峰"
    assert meta_of(f"扩大内需\n\n{edited}\n\n{story}\n", "d.txt").author is None


def test_a_gathering_the_lead_names_in_quotes_or_a_press_conference_held_is_the_venue() -> None:
    body = "中国已同150多个国家和30多个国际组织签署了200余份共建“一带一路”合作文件，合作成果丰硕。"
    lead = "10月12日，驻南非使馆李志刚临时代办应邀出席南非知名智库主办的“南非认知视野下的‘一带一路’倡议”研讨会，并作主旨发言。"
    found = meta_of(f"临时代办出席研讨会\n\n{lead}\n\n{body}\n", "a.txt").venue
    assert found.value == "“南非认知视野下的‘一带一路’倡议”研讨会"
    press = "2023年3月7日，外交部长秦刚举行两会记者会。有记者问及“一带一路”倡议。"
    assert meta_of(f"秦刚谈一带一路\n\n{press}\n\n{body}\n", "b.txt").venue.value == "两会记者会"
    # A quotation that is no gathering's name: no venue.
    said = "他表示，“一带一路”倡议是中国发起、各方共建、世界共享的优质公共产品。"
    assert meta_of(f"谈一带一路\n\n{said}\n\n{body}\n", "c.txt").venue is None


def test_taiwanese_bylines_a_bare_gathering_and_an_author_tags_by_and_day() -> None:
    body = "桃園市平鎮區一家輪胎行今天清晨發生大火，7人從火場中疏散，消防局派員到場搶救，火勢隨後撲滅。"
    cna = f"輪胎行大火\n\n（中央社記者邱俊欽桃園19日電）{body}\n\n{body}\n"
    assert meta_of(cna, "cna.txt").author.value == "邱俊欽"
    desk = f"公車司機輕生\n\n{body}\n\n{body}\n\n記者林悅／南市報導\n"
    assert meta_of(desk, "desk.txt").author.value == "林悅"
    lead = "鄭文燦晚間出席中華民國全國商業總會112年新春聯誼晚宴前，被媒體問到有關缺蛋問題，他表示已要求增產。"
    found = meta_of(f"缺蛋問題\n\n{body}\n\n{lead}\n", "v.txt").venue
    assert found.value == "中華民國全國商業總會112年新春聯誼晚宴"
    signals = [Signal("author", "By Ed Hornick", '<meta name="AUTHOR">')]
    assert tagged.from_signals(signals).name == "Ed Hornick"
    signals = [Signal("author", "Bryan Walsh Tuesday, Aug. 17, 2010", '<div class="byline">')]
    assert tagged.from_signals(signals).name == "Bryan Walsh"


def test_a_newspapers_contact_line_and_a_sailthru_tag_name_the_author() -> None:
    story = "Sen. Michael Doherty criticized the governor's State of the State speech on Tuesday. " * 3
    contact = "Matt Friedman may be reached at mfriedman@example.com. Follow him on Twitter."
    assert (
        meta_of(f"Senator rips Christie\n\n{story}\n\n{contact}\n", "nj.txt").author.value == "Matt Friedman"
    )
    html = (
        '<html><head><title>Power outage</title><meta content="Jessica Plautz" name="sailthru.author"></head>'
        "<body><h1>Power outage</h1><p>"
        + "A power outage at Stansted airport held up holiday travel. " * 4
        + "</p></body></html>"
    )
    assert meta_of(html, "m.html").author.value == "Jessica Plautz"


def test_the_account_beside_the_date_names_the_publisher_even_outside_the_text() -> None:
    page = (
        "#  国家密码管理局公告（第50号）丨19项密码行业标准发布   \n"
        " 信息新安全   2024-12-31 06:27  \n  \n"
        "![](https://mmbiz.qpic.cn/a/640?wx_fmt=png)  \n  \n"
        "现发布《祖冲之序列密码算法第4部分：鉴别式加密机制》等19项密码行业标准，自2025年7月1日起实施。  \n"
        "标准的具体内容可在国家密码管理局网站查阅，各有关单位应当做好标准的宣贯和实施工作。  \n"
    )
    m = meta_of(page, "wechat.md")
    assert m.date.value == "2024-12-31" and m.publisher.value == "信息新安全"


@pytest.mark.parametrize(
    ("lead", "venue"),
    [
        ("2023年10月18日，第三届“一带一路”国际合作高峰论坛在北京举行。各方代表出席。", "北京"),
        (
            "我们，中华人民共和国、53个非洲国家和非洲联盟委员会代表齐聚长沙，遵照领导人共识，发表宣言如下。",
            "长沙",
        ),
        (
            "The third Belt and Road Forum was held in Beijing on 18 October, with leaders from 23 countries.",
            "Beijing",
        ),
        ("会谈在亲切友好的气氛中举行，双方就共同关心的问题深入交换意见。", None),
    ],
)
def test_where_the_lead_says_a_meeting_was_held_is_its_venue(lead: str, venue: str | None) -> None:
    m = meta_of(
        f"联合声明\n\n{lead}\n\n双方同意继续加强合作，推动关系不断向前发展，造福两国人民。\n", "lead.txt"
    )
    assert (m.venue.value if m.venue else None) == venue


def test_a_place_after_a_date_line_is_the_venue_but_not_an_outlet_or_a_time() -> None:
    known = publishers.load()
    assert venues.dateline_place("2023年10月18日　北京", known) == "北京"
    assert venues.dateline_place("2013年11月5日 斯坦福大学", known) == "斯坦福大学"
    assert venues.dateline_place("2019年3月5日 新华网", known) == ""  # an outlet
    assert venues.dateline_place("2019年3月5日 新华社", known) == ""  # in the publishers data
    assert venues.dateline_place("浙大网安 2025-01-07 02:58", known) == ""  # an account's stamp


def test_an_organisation_byline_or_a_template_placeholder_names_no_author() -> None:
    assert people._split_en("Euronews with Agencies") is None
    assert people._split_en("AP Staff") is None
    assert people._split_en("Ursula von der Leyen") == ("Ursula von der Leyen", "")
    page = "Swedish police to investigate leaks\n\nBy Euronews with Agencies\n\nSwedish police said on Tuesday they would investigate reports that officers leaked information to violent gangs.\n"
    assert meta_of(page, "euronews.txt").author is None
    placeholder = [Signal("author", "name, email@gmail.com", '<meta name="author">')]
    assert tagged.from_signals(placeholder) is None
    assert tagged.from_signals([Signal("author", "王文", '<meta name="author">')]).name == "王文"


@pytest.mark.parametrize(
    ("title", "site"),
    [
        ("交通运输部：着力打造京津冀区域综合立体交通网络-股票频道-和讯网", "和讯网"),
        ("新年伊始，习近平的重要文章谈了啥？_中南海_澎湃新闻-The Paper", "澎湃新闻"),
    ],
)
def test_a_sites_name_after_a_bare_hyphen_in_the_title_names_the_publisher(title: str, site: str) -> None:
    page = (
        f"<html><head><title>{title}</title></head><body><h1>{title.split('-')[0].split('_')[0]}</h1>"
        + (
            "<p>交通运输部新闻发言人表示，将着力打造京津冀区域综合立体交通网络，推动区域协同发展，提升运输服务水平。</p>"
            * 3
        )
        + "</body></html>"
    )
    m = meta_of(page, "page.html")
    assert m.publisher is not None and site in m.publisher.value


def test_a_bracketed_byline_with_what_the_author_is_names_the_author_and_leaves_the_text() -> None:
    body = (
        "<p>“中美贸易战正在变成一场持久战，但我们已有准备。”在东莞，一家企业的董事长当面告诉笔者，企业受到加征关税的影响。</p>"
        * 3
    )
    page = (
        "<html><head><title>王文：中美贸易持久战</title></head><body><h1>王文：中美贸易持久战</h1>"
        f"<p>【文/观察者网专栏作者 王文】</p>{body}</body></html>"
    )
    c = cleaned_text(page, "page.html")
    assert [r.rule for r in c.removals if "专栏作者" in r.text] == ["meta.byline"]
    m = metadata.extract(c, publishers.load())
    assert (m.author.value, m.role.value) == ("王文", "观察者网专栏作者")
    # a bracketed label with a phrase that is not a role before the name names nobody
    assert people._byline(1, "【文/中美贸易持久战 王文】") is None


@pytest.mark.parametrize(
    ("lang", "signals", "expected"),
    [
        ("zh", [("publisher", "British Broadcasting Corporation"), ("site_name", "BBC中文网")], "BBC中文网"),
        ("en", [("publisher", "台北時報"), ("site_name", "Taipei Times")], "Taipei Times"),
        ("en", [("publisher", "人民网")], "人民网"),  # no name in the page's language: the one there is
    ],
)
def test_of_the_names_a_page_gives_its_publisher_the_one_in_its_language_wins(
    lang, signals, expected
) -> None:
    group = [(value, f"<meta {name}>") for name, value in signals]
    found = publishing._named(group, publishers.Registry(()), lang)
    assert found is not None and found.value == expected


@pytest.mark.parametrize(
    ("line", "name", "role"),
    [
        (
            "By Takeo Maeda and Tatsuya Tanoue / Yomiuri Shimbun Staff Writers",
            "Takeo Maeda and Tatsuya Tanoue",
            "",
        ),
        (
            "2019-09-26 12:11来源：证券时报网作者：李在山",
            "李在山",
            "",
        ),  # a label run into the field before it
        ("作者：陈智 整合", "陈智", ""),  # what the person did is no part of the name
    ],
)
def test_bylines_in_their_real_forms(line: str, name: str, role: str) -> None:
    found = people._byline(1, line)
    assert found is not None and (found.name, found.role) == (name, role)


def test_an_organisation_or_an_address_names_no_author_and_no_publisher() -> None:
    assert (
        tagged.from_signals([Signal("author", "Associated Press in Valencia", "<meta article:author>")])
        is None
    )
    group = [
        ("https://www.facebook.com/theguardian", "<meta article:publisher>"),
        ("the Guardian", "og:site_name"),
    ]
    assert publishing._named(group, publishers.Registry(()), "en").value == "the Guardian"


def test_an_interview_lead_names_who_was_interviewed() -> None:
    lead = (
        "2015年5月29日，驻法兰克福总领事梁建全在馆内接受德国《斯图加特报》国际政治版记者克里斯蒂安·哥特沙尔克的专访，"
        "着重就中国提出的“一带一路”倡议回答了记者提问。专访全文如下："
    )
    found = people.from_lines([(10, lead)])
    assert found is not None and (found.name, found.role) == ("梁建全", "驻法兰克福总领事")
    # a name in a later sentence of a long paragraph is not the speaker
    later = (
        "会议讨论了合作议题，与会各方交换了意见并达成广泛共识。" * 3
        + "驻法兰克福总领事梁建全在馆内接受了采访。"
    )
    assert people.from_lines([(10, later)]) is None


def test_of_the_segments_of_a_title_the_one_shaped_like_a_sites_name_is_the_publisher() -> None:
    title = "外媒眼中的武汉长假：蓬勃发展，欢声笑语_首页武汉_新闻中心_长江网_cjn.cn"
    page = (
        f"<html><head><title>{title}</title></head><body><h1>外媒眼中的武汉长假：蓬勃发展，欢声笑语</h1>"
        + (
            "<p>国庆中秋长假期间，多家外国媒体报道了武汉的节日景象，称这座城市蓬勃发展、欢声笑语不断。</p>"
            * 3
        )
        + "</body></html>"
    )
    m = meta_of(page, "page.html")
    assert m.publisher is not None and m.publisher.value == "长江网"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Jane Smith | Reuters", "Jane Smith"),
        ("Posted by Dana Jansens, Chrome Security Team", "Dana Jansens"),
        ("Photo: AP — by Tania Broughton", "Tania Broughton"),
        # "by" inside a sentence names no author (a caption, a quotation)
        ("A Boeing 787-10 passenger aircraft, operated by Emirates Airlines, during the air show", None),
        ("The decision was led by Dr. Eric Esrailian, lead producer of the film.", None),
        ("a light installation created by Michael Anastassiades, born in Cyprus", None),
    ],
)
def test_an_english_byline_opens_its_line(line: str, expected: str | None) -> None:
    found = people.labelled_byline([(1, line)])
    assert (found.name if found else None) == expected


@pytest.mark.parametrize(
    ("name", "role", "plausible"),
    [
        ("Meg Kinnard and Errin Haines", "", True),
        ("王文", "", True),
        ("Xi", "President", True),  # one word, with an office
        ("Reuters", "", False),  # an agency the publishers data knows
        ("Associated Press", "", False),
        ("European Space Agency", "", False),  # an organisation's word
        ("The Water Coolest", "", False),  # a newsletter, a site
        ("KWCHCIK", "", False),  # a station's login
        ("Beachbody", "", False),  # a brand: one word, no office
    ],
)
def test_an_author_must_be_able_to_be_a_person(name: str, role: str, plausible: bool) -> None:
    assert people.plausible(people.Person(name, role, "x"), publishers.load()) is plausible


def test_a_chinese_byline_label_is_not_a_heading_word() -> None:
    assert people.labelled_byline([(1, "作者简介")]) is None
    found = people.labelled_byline([(1, "采写：南都见习记者 林子沛")])
    assert found is not None and (found.name, found.role) == ("林子沛", "南都见习记者")


def test_the_element_a_page_marks_as_its_author() -> None:
    from bs4 import BeautifulSoup

    from duizhao.read import pagemeta

    def authors(html: str) -> list[tuple[str, str]]:
        soup = BeautifulSoup(html, "lxml")
        return [(s.value, s.evidence) for s in pagemeta.signals(soup) if s.name == "author"]

    page = (
        '<body class="mob-menu-slideout"><article><h1>T</h1>{}</article><div class="comments">{}</div></body>'
    )
    byline = '<div class="byline-section"><span class="author"> Elliot Brownstein </span><span>Florida Today</span></div>'
    assert authors(page.format(byline, "")) == [("Elliot Brownstein", '<span class="author">')]
    microdata = '<div itemprop="author" itemscope><span itemprop="name">Suzanne Gamboa</span> NBC</div>'
    assert authors(page.format(microdata, "")) == [("Suzanne Gamboa", '<div itemprop="author">')]
    # a commenter, a writers' page in the menu, a licence: none is the author
    assert authors(page.format("", '<span class="author">reader42</span>')) == []
    nav = '<nav><a href="/nfl/features/writers/expert/picks/">Expert Picks</a></nav>'
    licence = (
        '<a rel="license" href="https://creativecommons.org/licenses/by/4.0/">Creative Commons License</a>'
    )
    assert authors(page.format(nav + licence, "")) == []
    # the byline in an article's own <footer> counts
    footer = '<footer class="meta"><p class="byline">By <a href="/staff/kate-davidson">KATE DAVIDSON</a></p></footer>'
    assert ("KATE DAVIDSON", "a link to the author's page") in authors(page.format(footer, ""))
    # two links in one byline name two authors; the first alone stays as the fallback
    two = (
        '<address><a rel="author" href="/profile/julia-carrie-wong">Julia Carrie Wong</a> and '
        '<a rel="author" href="/profile/sam-levin">Sam Levin</a></address>'
    )
    linked = [a for a in authors(page.format(two, "")) if a[1] == "a link to the author's page"]
    assert [name for name, _ in linked] == ["Julia Carrie Wong, Sam Levin", "Julia Carrie Wong"]
    # "By:" opens the byline, and a link may name the writer's outlet after a comma
    labelled = (
        '<li>By: <a href="/writer/paul-wiseman/">Paul Wiseman</a>, '
        '<a href="/writer/fatima-hussein/">Fatima Hussein, The Associated Press</a></li>'
    )
    linked = [a for a in authors(page.format(labelled, "")) if a[1] == "a link to the author's page"]
    assert linked[0][0] == "Paul Wiseman, Fatima Hussein"
    # a link to another author's page elsewhere in a longer block is not a co-author
    other = (
        '<p><a rel="author" href="/profile/a">Ann Lee</a> wrote this with help from the desk, '
        'which also published <a rel="author" href="/profile/b">Bob Hall</a>\'s column on the same day '
        "about the same subject, in the same newspaper and under a very similar headline.</p>"
    )
    assert ("Ann Lee", "a link to the author's page") in authors(page.format(other, ""))
    assert not any("Bob Hall" in name for name, _ in authors(page.format(other, "")))


def test_a_character_reference_in_json_ld_is_decoded() -> None:
    from bs4 import BeautifulSoup

    from duizhao.read import pagemeta

    ld = '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Lindsey O&#039;Donnell"}}'
    soup = BeautifulSoup(
        f'<html><head><script type="application/ld+json">{ld}</script></head></html>', "lxml"
    )
    assert [s.value for s in pagemeta.signals(soup) if s.name == "author"] == ["Lindsey O'Donnell"]


def test_an_author_element_holding_a_label_names_no_one() -> None:
    login = [Signal("author", "账号", '<div class="author-name">')]
    assert tagged.from_signals(login) is None
    two = [Signal("author", "Meg Kinnard and Errin Haines", '<p class="byline">')]
    assert tagged.from_signals(two).name == "Meg Kinnard and Errin Haines"


def test_the_headline_is_no_publisher() -> None:
    html = (
        "<html><head><title>Doctors offer free flu shots to detained migrants</title>"
        '<meta name="application-name" content="Doctors offer free flu shots to detained migrants">'
        '<meta property="og:site_name" content="@politifact"></head>'
        "<body><h1>Doctors offer free flu shots to detained migrants</h1>"
        "<p>A group of doctors offered on Tuesday to give free flu shots to migrants held at the border.</p>"
        "<p>The offer was made in a letter to the agency, which has not yet answered it.</p></body></html>"
    )
    meta = meta_of(html, "page.html")
    assert meta.publisher is not None and meta.publisher.value == "politifact"


@pytest.mark.parametrize(
    "line",
    ["康斯坦丁 2015-06-25 10:45:52 0人参与评论", "我希望能多陪陪家人”。——汪 2020-03-09 18:14"],
)
def test_a_counter_or_a_quotation_beside_a_date_is_no_name(line: str) -> None:
    assert publishing.dateline_name(line) == ""


def test_the_visible_headline_wins_over_the_title_for_sharing() -> None:
    headline = "Taylor Swift is allowed to play her music at the AMAs after all"
    social = "Taylor Swift's AMA row seems to be over"
    signals = [
        Signal("page_title", f"{headline} - BBC News", "<title>"),
        Signal("title", social, '<meta property="og:title">'),
        Signal("headline", social, "JSON-LD headline"),
        Signal("site_name", "BBC News", '<meta property="og:site_name">'),
        Signal("h1", headline, "<h1>"),
    ]
    assert titles.strong(titles.candidates(signals)).value == headline
    # an <h1> alone, or a short one, is not enough: it may be a section's or the site's name
    assert titles.strong(titles.candidates(signals[1:])).value == social
    short = [*signals[1:3], Signal("page_title", "Games - IGN", "<title>"), Signal("h1", "Games", "<h1>")]
    assert titles.strong(titles.candidates(short)).value == social


def test_a_logo_in_an_h1_is_no_headline() -> None:
    from bs4 import BeautifulSoup

    from duizhao.read import pagemeta

    html = (
        '<h1 id="site-title"><a href="/"><h1>엔터 미디어</h1></a></h1>'
        '<header><h1><a href="https://www.politico.com/">POLITICO <svg><title>Politico Logo</title></svg></a></h1></header>'
        "<article><h1>Grim global outlook for IMF-World Bank meetings</h1><p>Text.</p></article>"
    )
    h1 = [s.value for s in pagemeta.signals(BeautifulSoup(html, "lxml")) if s.name == "h1"]
    assert h1 == ["Grim global outlook for IMF-World Bank meetings"]


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [
        (
            "Australia cancels Victoria state's Belt and Road deals with China - Voice of Nigeria Broadcasting Service",
            "https://von.gov.ng/australia-cancels/",
            "Australia cancels Victoria state's Belt and Road deals with China",
        ),
        (
            "Zelensky Hails Peace Talks - Radio Nigeria Ibadan",
            "https://radionigeriaibadan.gov.ng/x/",
            "Zelensky Hails Peace Talks",
        ),
        # two words are too few to abbreviate the address: the segment stays
        ("Peace in our time - Voice Only", "https://von.gov.ng/x/", "Peace in our time - Voice Only"),
    ],
)
def test_a_title_suffix_spelled_like_the_address_is_the_site(title: str, url: str, expected: str) -> None:
    signals = [Signal("title", title, "header: title"), Signal("url", url, "header: final_url")]
    assert titles.candidates(signals)[0].value == expected


def test_a_header_title_that_names_a_section_or_is_doubled_is_not_taken_as_is() -> None:
    assert titles.candidates([Signal("title", "News", "header: title")]) == []
    doubled = "Nigeria and China deepen collaboration Nigeria and China deepen collaboration"
    assert titles.candidates([Signal("title", doubled, "header: title")])[0].value == (
        "Nigeria and China deepen collaboration"
    )


def test_a_platform_stamp_gives_date_author_and_account() -> None:
    text = (
        "#  “微软蓝屏”事件最新回应\n刘骁骞  中国信息安全   2024-07-25 18:10\n\n"
        + "\n\n".join(["![](https://mmbiz.qpic.cn/a.gif)"] * 6)
        + "\n\n当地时间7月24日，美国电脑安全技术公司发布了其对此次大规模网络故障初步审查的详细信息，称故障源于内容更新中的一个漏洞。\n\n"
        "作为新预防措施的一部分，该公司称其加强了内部测试，并实施了新检查，以防止再次部署此类有问题的内容更新。\n\n（来源：央视新闻）\n"
    )
    meta = meta_of(text, "page.md")
    assert meta.date is not None and meta.date.value == "2024-07-25"
    assert meta.author is not None and meta.author.value == "刘骁骞"
    # an account's name alone (four characters) is no person's
    assert people.labelled_byline([(2, "安信安全  安信安全   2024-11-21 18:10")]) is None


def test_a_bracketed_source_line_gives_the_name_without_its_bracket() -> None:
    assert publishing.SOURCE_ZH.search("（来源：央视新闻）").group(1) == "央视新闻"


def test_a_name_alone_above_the_date_line_is_the_author() -> None:
    lines = [(11, "Muftau Olaiya Olarinde")]
    found = people.name_line(lines, {12})
    assert found is not None and found.name == "Muftau Olaiya Olarinde"
    assert people.name_line(lines, {20}) is None  # no date line below it: not a byline
    # a page's controls and labels are no names
    assert people.name_line([(11, "Read More"), (11, "Web News"), (11, "Via Teleconference")], {12}) is None


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("Victor Tangermann, Futurism", "Victor Tangermann"),  # the outlet after the name
        ("Jane Doe, Daily News", "Jane Doe"),
        ("Tariq Malik, Mike Wall", "Tariq Malik, Mike Wall"),  # two people stay
        ("Condé Nast", None),  # the site's owner, which the publishers data knows
    ],
)
def test_an_author_tag_names_the_person_not_the_outlet(tag: str, expected: str | None) -> None:
    found = tagged.from_signals([Signal("author", tag, '<meta name="author">')], publishers.load())
    assert (found.name if found else None) == expected


def test_a_columns_headline_and_run_in_name_its_writer() -> None:
    body = "Successful startups almost always start narrow and deep, with a few users who love them."
    column = (
        "Jessica Livingston: Why Startups Need to Focus on Sales\n\n"
        f"JESSICA LIVINGSTON: The most important thing an early-stage startup should know is sales.\n\n{body}\n"
    )
    found = meta_of(column, "c.txt")
    assert found.author is not None and found.author.value == "Jessica Livingston"
    assert "run in" in found.author.evidence
    # A headline quoting someone, over a story that does not open on the name: no writer.
    news = f"Janet Yellen: Inflation Is Easing\n\nThe Treasury secretary said on Monday that prices rose less.\n\n{body}\n"
    assert meta_of(news, "n.txt").author is None


def test_a_byline_by_the_headline_comes_before_a_spokesperson_the_story_quotes() -> None:
    # A genuine TIME NewsFeed page (round 9 of the real-world corpus): "By: / Jared T. Miller" in
    # furniture the cleaner drops, and "National Parks Service spokesperson Bill Line said" in the text.
    page = (
        Path(__file__).parent / "data/realworld/meta/files/time-en-news-2011-08-24-washington-monument.html"
    )
    c = cleaned_text(page.read_text(encoding="utf-8"), page.name)
    assert any("Bill Line said" in b.text for b in c.blocks)
    found = metadata.extract(c)
    assert found.author is not None and found.author.value == "Jared T. Miller"
    # Without a byline, the spokesperson a lead quotes is still named.
    lead = "Park Service spokesperson Bill Line said the monument would stay closed while engineers look."
    found = meta_of(
        f"Monument Closes to Repair Crack\n\n{lead}\n\nEngineers began their work on Tuesday.\n", "m.txt"
    )
    assert found.author is not None and found.author.value == "Bill Line"


def test_traditional_titles_and_leads_name_their_speaker_and_a_desk_names_no_one() -> None:
    title = meta_of(
        "美國副總統彭斯發表美國對中國政策講話（全文）\n\n謝謝各位。今天我想談談美國對中國的政策。\n", "p.txt"
    )
    assert (title.author.value, title.role.value) == ("彭斯", "美國副總統")  # (as the page writes them)
    lead = "前財政司司長曾俊華今天舉行記者會，正式宣佈參選特首。以下為記者會發言全文。"
    found = meta_of(f"參選特首記者會全文\n\n{lead}\n\n各位香港市民：我決定參選。\n", "t.txt")
    assert (found.author.value, found.role.value) == ("曾俊華", "前財政司司長")
    # A topic, then the office and the name before the words; the text has the name say them.
    lead = "中國外交部發言人華春瑩，在今天的例行記者會上，再次被香港記者問到劉霞出國的事。"
    said = "華春瑩在會上說，還未看到有關報道。"
    found = meta_of(f"# 被問劉霞劉暉　外交部華春瑩：香港記者對這個案異常關心\n\n{lead}\n\n{said}\n", "h.md")
    assert (found.author.value, found.role.value) == ("華春瑩", "中國外交部發言人")
    assert not people.plausible(people.Person("眾新聞記者", "", "front matter"))
    assert not people.plausible(people.Person("本报记者", "", "byline"))
    assert people.plausible(people.Person("記者林勵", "", "byline"))


def test_a_byline_alone_near_the_end_signs_the_text() -> None:
    body = [
        f"Paragraph {i} weighs the strategic choices the country faces and what its neighbours fear."
        for i in range(16)
    ]
    notice = "The content disseminated by the Institute, including its publications and public statements, reflects the views of its authors."
    end = [
        "By Blen Mamo (@_PoliticsAddict)",
        "About the author",
        "Disclaimer",
        notice,
        notice.replace("authors", "writers"),
    ]
    found = meta_of("A Strategic Reading\n\n" + "\n\n".join(body + end) + "\n", "o.txt")
    assert found.author is not None and found.author.value == "Blen Mamo"
    assert "closing the text" in found.author.evidence
    # A sentence that opens on "By" is no byline.
    plain = [*body, "By Monday the ministry had answered none of the questions put to it by the press."]
    assert meta_of("A Strategic Reading\n\n" + "\n\n".join(plain) + "\n", "o.txt").author is None


def test_a_family_name_in_the_title_is_completed_by_the_heads_full_name() -> None:
    lead = "Full speech by President of Mongolia Ukhnaa Khurelsukh:"
    text = f"SPEECH BY PRESIDENT KHURELSUKH ON THE OUTCOME OF THE TALKS\n\n{lead}\n\n“Honorable President, distinguished guests, thank you.”\n"
    found = meta_of(text, "s.txt")
    assert (found.author.value, found.role.value) == ("Ukhnaa Khurelsukh", "President of Mongolia")


def test_a_speech_head_names_its_speaker_alone_on_a_line() -> None:
    text = (
        "seed_url: https://www.fmprc.gov.cn/wjbzhd/202512/t1.shtml\ntitle: 在历史演进重大关头开拓中国特色大国外交新境界\n"
        "date: 2025-12-30\nnote: ok\n\n首页 > 外交部长活动\n在历史演进重大关头开拓中国特色大国外交新境界\n"
        "——在2025年国际形势与中国外交研讨会上的主旨发言\n2025-12-30 13:06\n王  毅\n（2025年12月30日，北京）\n"
        "各位专家，各位朋友：\n大家好！很高兴岁末年初再次相聚，一道探讨国际形势，盘点中国外交。\n"
        "2025年是世界反法西斯战争胜利80周年，也是联合国成立80周年。在这个厚重的历史性年份，世界再次来到重要关口。\n"
    )
    meta = meta_of(text, "a.txt")
    assert meta.author is not None and meta.author.value == "王毅"
    # a short line of characters that no surname opens names no one
    assert meta_of(text.replace("王  毅", "全  文"), "a.txt").author is None


def test_a_byline_labelled_wen_with_a_bar_gives_the_office_and_the_name() -> None:
    found = people.labelled_byline([(4, "文 | 中国信息安全测评中心主任 彭涛")])
    assert found is not None and (found.name, found.role) == ("彭涛", "中国信息安全测评中心主任")


def test_a_gathering_named_after_a_part_of_it_is_the_venue() -> None:
    lead = (
        "President of the Republic of Uzbekistan Shavkat Mirziyoyev attended the opening ceremony of the "
        "Third Belt and Road International Forum and its plenary session."
    )
    assert venues.gathering(lead) == "Third Belt and Road International Forum"
    took = "Vladimir Putin took part in the first roundtable discussion at the Belt and Road Forum for International Cooperation in Beijing."
    assert venues.gathering(took) == "Belt and Road Forum for International Cooperation"
    chaired = "Dmitry Chernyshenko chaired the 24th meeting of the Russian-Chinese Commission on Preparing Regular Meetings"
    # (the commission's name runs on through its "on …" phrase)
    assert (
        venues.gathering(chaired)
        == "24th meeting of the Russian-Chinese Commission on Preparing Regular Meetings"
    )
    title = "Address by the President of the Republic of Uzbekistan Shavkat Mirziyoyev at the Central Asia-China Summit"
    assert venues.VENUE_EN.search(title).group(1) == "Central Asia-China Summit"
    # words that name no gathering after the part: nothing
    assert venues.gathering("He attended the opening of the new bridge over the river.") == ""


def test_a_headline_subject_speaking_and_quoted_by_name_is_the_speaker() -> None:
    # Genuine en.people.cn one-line dumps (round 13 of the real-world corpus): the headline gives a
    # person (or an office) speaking, the text introduces them in full and quotes them by name.
    files = Path(__file__).parent / "data/realworld/meta/files"
    for name, who in (
        (
            "peopledaily-en-news-2020-11-18-kissinger-bloomberg-forum.txt",
            ("Henry Kissinger", "Former U.S. Secretary of State"),
        ),
        ("peopledaily-en-news-2020-11-13-li-keqiang-asean.txt", ("Li Keqiang", "Premier")),
    ):
        found = meta_of((files / name).read_text(encoding="utf-8"), name)
        assert (found.author.value, found.role.value) == who
        assert found.author.evidence.startswith("the title, and the text")
    # The same headline over a story that names its subject once is no report of their words.
    story = (
        "Kissinger urges Biden to restore communication with China\n\n"
        "Former U.S. Secretary of State Henry Kissinger spoke on Monday at a forum in Singapore.\n\n"
        "Other speakers at the forum discussed trade, and officials said the talks would go on.\n"
    )
    assert meta_of(story, "k.txt").author is None
    # Neither is an organisation's headline ("FTC warns consumers …").
    assert (
        meta_of(
            "FTC warns consumers of scammers\n\nThe FTC said scammers call. FTC said so.\n", "f.txt"
        ).author
        is None
    )


def test_an_office_before_a_chinese_name_starts_after_a_verb() -> None:
    # "…《先锋报》全文刊登驻拉各斯总领事巢小良署名文章": the office is the consul general's, not the
    # newspaper's act of printing it (and 巢 is a family name).
    found = people.from_lines(
        [(1, "（按：6月7日，尼日利亚《先锋报》全文刊登驻拉各斯总领事巢小良署名文章《一带一路倡议》）")]
    )
    assert found is not None and (found.name, found.role) == ("巢小良", "驻拉各斯总领事")


def test_a_bare_initial_opens_a_name_and_an_instruction_is_an_act() -> None:
    # Singapore's Ministry of Law writes "Mr K Shanmugam" (an initial without its stop).
    found = people.from_title("Opening Address by Mr K Shanmugam, Minister for Law, for TechLaw.Fest 2019")
    assert found is not None and found.name == "K Shanmugam"
    # "…习近平近日对网络安全和信息化工作作出重要指示": an instruction given is the speaker's words.
    lead = "中共中央总书记、国家主席习近平近日对网络安全和信息化工作作出重要指示指出，成就重大。"
    found = people.from_lines([(1, lead)])
    assert found is not None and found.name == "习近平"
    # A headline in title case whose first word is a capital letter alone names no one.
    assert people.from_title("A New Horizon of Hope") is None


def test_more_title_and_lead_forms_of_a_speaker() -> None:
    # "Keynote Address by Deputy Secretary, Ministry of Law, Han Kok Juan, at …": office, body, name.
    found = leads.headline_speaker(
        "Keynote Address by Deputy Secretary, Ministry of Law, Han Kok Juan, at the Belt and Road Forum", []
    )
    assert found is not None and (found.name, found.role) == (
        "Han Kok Juan",
        "Deputy Secretary, Ministry of Law",
    )
    # A Latin name after a Chinese office, giving a keynote ("…的主题演讲").
    lead = "导语：派拓网络高级副总裁Howie Xu在开幕式中在《人工智能时代下的数字安全创新》的主题演讲中提出，威胁升级。"
    found = people.from_lines([(1, lead)])
    assert found is not None and (found.name, found.role) == ("Howie Xu", "派拓网络高级副总裁")
    # A column's label, offices and the name before the quote; the text quotes the name again
    # (after a question mark) further down.
    title = "两会之声｜全国政协委员、奇安信董事长齐向东：创新发展“AI+安全”"
    paragraphs = [f"第{n}段：人工智能带来的安全隐患之{n}，影响深远。" for n in range(1, 8)]
    text = "\n\n".join([*paragraphs, "如何应对？齐向东认为要抓住三个关键。", "收尾。"]) + "\n"
    found = meta_of(f"---\ntitle: {title}\n---\n\n{text}", "q.md")
    assert found.author is not None and found.author.value == "齐向东"
    # The same headline over a text that never gives the name speaking names no one.
    assert meta_of(f"---\ntitle: {title}\n---\n\n" + "\n\n".join(paragraphs) + "\n", "n.md").author is None


@pytest.mark.parametrize(
    "title, expected",
    [
        # (Singapore's ministries' transcripts, round 15 of the real-world corpus)
        (
            "Transcript of Minister Josephine Teo’s virtual interview at the 4th European AI Alliance Assembly",
            "Josephine Teo",
        ),
        (
            "Key points shared by Minister Josephine Teo at the wrap up interview on her working visit",
            "Josephine Teo",
        ),
        (
            "Opening Remarks by SMS Tan Kiat How at the Singapore-China Digital Policy Dialogue",
            "Tan Kiat How",
        ),
    ],
)
def test_transcript_titles_name_their_speaker(title: str, expected: str) -> None:
    found = people.from_title(title)
    assert found is not None and found.name == expected


def test_a_headline_after_two_topics_names_the_speaker_the_text_quotes_after_an_office() -> None:
    # "…　…　劉鶴：不打貿易戰", the text: "中國代表團團長、副總理劉鶴接受新華社訪問時表示，…".
    title = "中美發表聯合聲明　減美對華貿易逆差　劉鶴：不打貿易戰"
    blocks = [
        "中美兩國發表聯合聲明。中國代表團團長、副總理劉鶴接受新華社訪問時表示，此行成果是不打貿易戰。",
        "雙方同意。",
    ]
    found = meta_of(f'---\ntitle: "{title}"\n---\n\n' + "\n\n".join(blocks) + "\n", "l.md")
    assert found.author is not None and (found.author.value, found.role.value) == ("劉鶴", "副總理")


def test_a_release_signature_and_a_traditional_spokesperson_name_the_speaker() -> None:
    # A State House release closes on its press aide's signature: name, office, desk, date.
    release = (
        "President Buhari Arrives in Beijing\n\nPresident Muhammadu Buhari arrived in Beijing on Saturday for the summit.\n\n"
        "He will meet Nigerians living in China before the summit opens on Monday.\n\n"
        "Garba Shehu\nSenior Special Assistant to the President\n(Media & Publicity)\nSeptember 1, 2018\n"
    )
    found = meta_of(release, "r.txt")
    assert found.author is not None and found.author.value == "Garba Shehu"
    assert found.role.value == "Senior Special Assistant to the President"
    # The same in a dump that kept Markdown's italics, and a signature led by a title of rank.
    for signed, name in (
        ("*Stanley Nkwocha*\n*Senior Special Assistant to the President*", "Stanley Nkwocha"),
        ("Chief Ajuri Ngelale\nSpecial Adviser to the President", "Ajuri Ngelale"),
    ):
        found = meta_of(
            release.replace("Garba Shehu\nSenior Special Assistant to the President", signed), "r.txt"
        )
        assert found.author is not None and found.author.value == name
    # A Traditional lead quoting the ministry's spokesperson by name, read in its Simplified form.
    found = leads.quoted_spokesperson(
        [(3, "作家周四證實被捕。中國外交部發言人華春瑩表示，楊因涉嫌犯罪被採取強制措施。")]
    )
    assert found is not None and (found.name, found.role) == ("華春瑩", "中國外交部發言人")
    # "Transcript of Comments Made by Minister …"
    found = people.from_title(
        "Transcript of Comments Made by Minister Josephine Teo at Panel Session at The Sydney Dialogue"
    )
    assert found is not None and found.name == "Josephine Teo"


def test_a_front_matter_date_comes_before_a_date_the_lead_mentions() -> None:
    # A site's own Markdown source (Isomer, Jekyll): the post's date is in its front matter; the
    # lead mentions the day of an earlier event.
    page = (
        "---\ntitle: MCI directs IMDA to issue access blocking orders\ndate: 2023-09-16\nlayout: post\n---\n\n"
        "1. Following the non-compliance with the Correction Direction issued on 13 September 2023, the Minister has directed IMDA.\n\n"
        "2. The Correction Direction had required the facts to be set against the falsehoods.\n"
    )
    found = meta_of(page, "p.md")
    assert found.date is not None and found.date.value == "2023-09-16"


def test_an_office_in_a_headline_speaks_through_its_holder_and_a_desk_word_is_no_name() -> None:
    # A headline naming only the office; the text names its holder by it and quotes him by name.
    lead = [
        "加拿大駐中國大使麥家廉（John McCallum）公開分析引渡案，認為勝訴機會很大。",
        "麥家廉表示，此案有政治干預的成分。",
        "麥家廉還說，總理會作出決定。",
    ]
    page = '---\ntitle: "加駐華大使指勝訴機會大"\nauthor: "眾新聞記者"\n---\n\n' + "\n\n".join(lead) + "\n"
    found = meta_of(page, "o.md")
    assert found.author is not None and found.author.value == "麥家廉"
    assert "加拿大駐中國大使" in found.role.value
    # Quoted once only, the holder reports nothing: the header's byline stands, without "記者".
    found = meta_of(page.replace(lead[2], "總理會作出決定。"), "o.md")
    assert found.author is None
    found = meta_of(page.replace(lead[2], "總理會作出決定。").replace("眾新聞記者", "記者鄭靖而"), "o.md")
    assert found.author is not None and found.author.value == "鄭靖而"
    # A transliterated name after an office in the headline ("美前駐華大使洛德：…").
    said = "美國前駐華大使洛德接受訪問時表示，政策不應改變。\n\n洛德說，這是正確的框架。\n"
    found = meta_of('---\ntitle: "美前駐華大使洛德：政策不應改變"\n---\n\n' + said, "l.md")
    assert found.author is not None and found.author.value == "洛德"
    # An office before a Latin letter ("FBI前局長：") and its holder, whose original name follows.
    said = "美國聯邦調查局（FBI）前局長弗里（Louis Freeh）呼籲反擊。\n\n弗里表示，起訴無法阻止。\n\n弗里還說，威懾才是最好的防禦。\n"
    found = meta_of('---\ntitle: "FBI前局長：發動報復性網絡攻擊"\n---\n\n' + said, "f.md")
    assert found.author is not None and (found.author.value, found.role.value) == ("弗里", "前局長")
    # A name of no Chinese family after a kicker, introduced by an office and quoted twice.
    said = "美國國務卿蓬佩奧宣布擴大計劃。\n\n蓬佩奧說，我們正在努力。\n\n蓬佩奧說，美國正採取行動。\n"
    found = meta_of('---\ntitle: "【劍指中國IT公司】蓬佩奧宣布擴大計劃"\n---\n\n' + said, "p.md")
    assert found.author is not None and found.author.value == "蓬佩奧"
    # Named once only, the same headline is a report about him.
    found = meta_of(
        '---\ntitle: "【劍指中國IT公司】蓬佩奧宣布擴大計劃"\n---\n\n' + said.replace("蓬佩奧說", "他說"),
        "p.md",
    )
    assert found.author is None


def test_a_signed_article_is_dated_by_its_page_and_given_no_venue_from_its_lead() -> None:
    # A chargé d'affaires' op-ed reposted by the ministry: the page's date, not the newspaper's;
    # the forum its lead mentions is not where the article was given.
    dump = (
        "title: 驻乌干达使馆临时代办陈会新在乌第一大报上发表署名文章：合作成果\ndate: 2019-04-26\n\n"
        "2019-04-26 10:13\n"
        "2019年4月22日，驻乌干达使馆临时代办陈会新在乌干达第一大报上发表署名文章。文章主要内容如下：\n"
        "第二届“一带一路”国际合作高峰论坛正在北京如火如荼举行。本届论坛吸引了众多代表。\n"
        "乌干达代表也将参与本次大会，合作成果真实可触。\n"
    )
    found = meta_of(dump, "c.txt")
    assert found.author is not None and (found.author.value, found.role.value) == (
        "陈会新",
        "驻乌干达使馆临时代办",
    )
    assert found.date is not None and found.date.value == "2019-04-26"
    assert found.venue is None


def test_a_byline_that_says_anonymous_names_no_one() -> None:
    # A portal fills "佚名" (anonymous) where the writer's name would be.
    text = "美防长：跨性别仍可从军\n\n发布时间： 2017-08-30 14:32:44\n\n作者： 佚名\n\n据外媒报道，国防部长表示现行政策将继续实施。这是第二句话。\n"
    assert meta_of(text, "a.txt").author is None
    assert meta_of(text.replace("佚名", "王帅"), "a.txt").author.value == "王帅"


def test_a_headline_ending_on_says_and_a_surname_names_the_person_the_text_quotes() -> None:
    blocks = [
        "PESHAWAR – On the occasion of Kashmir Solidarity Day, Khyber Pakhtunkhwa Chief Minister Ali Amin Gandapur reaffirmed the province's support.",
        "In his message, Gandapur emphasised that the people and government of the province stand in solidarity.",
        '"Lasting peace in the region is impossible without addressing the conflict," Gandapur stated.',
    ]

    class Block:
        def __init__(self, no: int, text: str) -> None:
            self.lines, self.text = (no,), text

    title = "KP stands with Kashmir in their struggle for freedom, says Gandapur"
    found = leads.headline_speaker(title, [Block(i + 3, t) for i, t in enumerate(blocks)])
    assert found is not None and (found.name, found.role) == (
        "Ali Amin Gandapur",
        "Khyber Pakhtunkhwa Chief Minister",
    )
    # Quoted by name once only: a report about him.
    once = [
        Block(
            i + 3, t.replace("Gandapur stated", "he stated").replace("Gandapur emphasised", "he emphasised")
        )
        for i, t in enumerate(blocks)
    ]
    assert leads.headline_speaker(title, once) is None
