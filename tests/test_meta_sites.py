"""What a site says about itself outside the article (issue 16): its owner in a banner or a
footer, a closing dateline, day-first dates. Each case is a form real pages use, not a file."""

from __future__ import annotations

from duizhao.meta import dates, metadata, publishing
from duizhao.vocab import publishers

from .helpers import cleaned_text

STORY = "\n".join(
    f"Paragraph {i} of the report says what the council decided, why it matters and what comes next."
    for i in range(6)
)


def meta_of(text: str, name: str = "page.txt") -> metadata.Metadata:
    return metadata.extract(cleaned_text(text, name), publishers.load())


def _dump(url: str, title: str, head: str, tail: str = "") -> str:
    """A crawler's text dump: its header, then the page's lines."""
    return f"seed_url: {url}\nfinal_url: {url}\ntitle: {title}\nvia: requests\n\n{head}\n{STORY}\n{tail}"


def test_a_banner_naming_the_sites_owner_is_the_publisher_in_the_casing_a_footer_gives() -> None:
    url = "http://example-gov.ru/en/news/51713/"
    text = _dump(
        url,
        "News",
        "OFFICIAL WEBSITE OF THE GOVERNMENT OF THE REPUBLIC OF RURITANIA\nMinister takes part in the council meeting\n29 May 2024",
        "Government of the Republic of Ruritania\n" + url,
    )
    m = meta_of(text)
    assert m.publisher is not None and m.publisher.value == "Government of the Republic of Ruritania"
    assert "owner" in m.publisher.evidence
    # without the banner the address is all there is: marked derived
    plain = meta_of(text.replace("OFFICIAL WEBSITE OF THE GOVERNMENT OF THE REPUBLIC OF RURITANIA\n", ""))
    assert plain.publisher is not None and plain.publisher.origin == "derived"


def test_a_footers_sponsor_line_outranks_a_section_in_the_title() -> None:
    page = (
        "<html><head><title>中华人民共和国监察法-纪检</title></head><body>"
        "<div class='nav'><a href='/a'>首页</a> <a href='/b'>纪检监察</a></div>"
        "<div class='content'><h1>中华人民共和国监察法</h1>"
        + "".join(
            f"<p>第{i}条　监察机关依照本法规定独立行使监察权，不受行政机关、社会团体和个人的干涉。</p>"
            for i in range(8)
        )
        + "</div><div class='footer'>主办单位：某某大学纪检监察室 版权所有</div></body></html>"
    )
    m = meta_of(page, "law.html")
    assert m.publisher is not None and m.publisher.value == "某某大学纪检监察室"
    # an event's organiser in the text is no owner of the site
    assert metadata_owner("本次会议由中国地理学会主办，西南大学承办。") == []
    assert metadata_owner("主办方：中国载人航天工程办公室") == []


def metadata_owner(line: str) -> list[tuple[str, str]]:
    from duizhao.meta.publishing import owner_names
    from duizhao.model import Removal

    return owner_names([Removal(1, line, "page.outside", "")])


def test_a_closing_dateline_dates_the_speech_and_names_no_publisher() -> None:
    text = _dump(
        "https://www.example-president.rs/en/press-center/news/summit",
        "Summit of leaders",
        "Summit of leaders",
        'Long live friendship between our two countries!", said the President in his address.\n'
        "Belgrade,9th February 2021",
    )
    m = meta_of(text)
    assert m.date is not None and m.date.value == "2021-02-09"
    assert m.publisher is None or m.publisher.value != "Belgrade"


def test_day_first_dotted_dates() -> None:
    assert dates.iso_date("09.02.2021. - 15:22") == "2021-02-09"
    assert dates.iso_date("on 31.12.2019 the council met") == "2019-12-31"
    assert dates.iso_date("2019.02.03") == "2019-02-03"  # year first stays year first
    assert dates.iso_date("release 2.10.2019.3") is None  # a version number


def test_an_author_note_closing_an_oped_names_its_writer() -> None:
    note = "— Okafor is an Abuja-based global affairs analyst and a fellow of the institute."
    m = meta_of(_dump("https://www.example-partnership.ng/oped", "Partners", "Partners", note))
    assert m.author is not None and m.author.value == "Okafor"
    assert "author note" in m.author.evidence
    # unmarked, a note says what a writer is; a sentence of the text does not
    unmarked = meta_of(_dump("https://example.ng/a", "A", "A", "Chidi Okafor is a columnist for this paper."))
    assert unmarked.author is not None and unmarked.author.value == "Chidi Okafor"
    for sentence in ("Beijing is a city of twenty million people.", "Nigeria is the largest economy."):
        m = meta_of(_dump("https://example.ng/b", "B", "B", sentence))
        assert m.author is None


def test_a_credit_line_names_the_writer_only_after_a_known_wire() -> None:
    m = meta_of(_dump("https://www.example-radio.ng/news/talks", "Talks", "Talks", "BBC / Ngozi Adeyemi"))
    assert m.author is not None and m.author.value == "Ngozi Adeyemi"
    assert "credit line" in m.author.evidence
    # a picture's credit, or an outlet the data does not know, names no author of the text
    for line in ("Photo / Ngozi Adeyemi", "Somesite / Ngozi Adeyemi"):
        m = meta_of(_dump("https://www.example-radio.ng/news/talks", "Talks", "Talks", line))
        assert m.author is None


def test_a_name_in_the_text_that_the_address_spells_is_the_publisher() -> None:
    radio = "https://www.radioruritaniawest.gov.rr/news/talks"
    m = meta_of(_dump(radio, "Talks", "Talks", "Greetings from Radio Ruritania West Zonal Station"))
    assert m.publisher is not None and m.publisher.value == "Radio Ruritania West"
    assert m.publisher.origin != "derived" and "letters" in m.publisher.evidence
    line = "The president approved the Ruritania-China Strategic Partnership (RCSP) last year."
    m = meta_of(_dump("https://rcsp.gov.rr/oped", "Partners", "Partners", line))
    assert m.publisher is not None and m.publisher.value == "Ruritania-China Strategic Partnership"
    # an acronym the address does not spell, or initials that do not match, name no one
    for sentence in (
        "The Ruritania-China Strategic Partnership (RCP) met.",
        "The Customs Service (RCSP) met.",
    ):
        m = meta_of(_dump("https://rcsp.gov.rr/oped", "Partners", "Partners", sentence))
        assert (
            m.publisher is not None and m.publisher.origin == "derived" and m.publisher.value == "rcsp.gov.rr"
        )


def test_the_lead_of_a_quoted_address_names_its_speaker() -> None:
    lead = (
        "At the invitation of Chinese President Xi Jinping, the President of the Republic of Ruritania "
        "Zoran Dvořák participated today in the video-conference summit."
    )
    address = (
        '"Distinguished Excellency, dear friends, I thank our host for the invitation to this gathering.'
    )
    m = meta_of(_dump("https://www.example-president.rr/en/news/summit", "Summit", f"{lead}\n{address}"))
    assert m.author is not None and m.author.value == "Zoran Dvořák"
    assert m.role is not None and m.role.value == "President of the Republic of Ruritania"
    # a lead with no address after it reports an event: nobody is its speaker
    m = meta_of(_dump("https://www.example-president.rr/en/news/summit", "Summit", lead))
    assert m.author is None


def test_a_gathering_the_title_or_lead_names_is_the_venue() -> None:
    from duizhao.meta.venues import gathering

    assert gathering("Minister takes part in the Eurasian Economic Commission Council meeting") == (
        "Eurasian Economic Commission Council meeting"
    )
    lead = "The Prime Minister met the Premier during the Fourth Forum on China-Africa Cooperation (FOCAC) in China."
    assert gathering(lead) == "Fourth Forum on China-Africa Cooperation (FOCAC)"
    assert gathering("2018年3月20日，第十三届全国人大一次会议表决通过了该法。") == "第十三届全国人大一次会议"
    # a gathering merely mentioned, or a cue without one, is no venue
    assert gathering("The forum was praised by many.") == ""
    assert gathering("He addresses concerns about the economy.") == ""
    m = meta_of(
        _dump(
            "https://example.org/news/1",
            "Xi addresses 3rd Paris Peace Forum",
            "Xi addresses 3rd Paris Peace Forum",
        )
    )
    assert m.venue is not None and m.venue.value == "3rd Paris Peace Forum"


def test_a_notices_signature_is_kept_and_dates_it() -> None:
    notice = "\n\n".join(
        f"（{i}）各单位要按照要求做好数据安全保护工作，落实主体责任，切实提升服务水平，确保各项措施落到实处。"
        for i in range(1, 9)
    )
    text = (
        "# 关于加强数据安全保护工作的通知\n\n某某安全札记   2025-01-15 08:03\n\n"
        f"{notice}\n\n特此通知。\n\n附件：数据安全保护实施指引\n\n某某部办公厅\n\n2025年1月13日\n\n"
        "![](https://example.org/qr.png)\n\n## -THE END-\n"
    )
    c = cleaned_text(text, "notice.md")
    kept = "\n".join(b.text for b in c.blocks)
    assert "某某部办公厅" in kept and "附件：数据安全保护实施指引" in kept
    m = metadata.extract(c, publishers.load())
    assert m.date is not None and m.date.value == "2025-01-13" and "signed" in m.date.evidence
    # the account's dated line still names the account
    assert m.publisher is not None and m.publisher.value == "某某安全札记"


def test_a_law_is_dated_by_its_adoption_not_its_posting() -> None:
    articles = "".join(
        f"<p>第{i}条　监察机关依照本法规定独立行使监察权，不受行政机关、社会团体和个人的干涉。</p>"
        for i in range(8)
    )
    page = (
        "<html><head><title>中华人民共和国监察法</title></head><body><div class='content'>"
        "<h1>中华人民共和国监察法</h1><p>发布时间: 2018-05-17</p>"
        "<p>2018年3月20日，第十三届全国人大一次会议表决通过了《中华人民共和国监察法》。</p>"
        f"{articles}</div></body></html>"
    )
    m = meta_of(page, "law.html")
    assert m.date is not None and m.date.value == "2018-03-20" and "adopted" in m.date.evidence
    # a news item's title is no law's: its page date stands
    news = page.replace("<title>中华人民共和国监察法</title>", "<title>监察法表决通过</title>")
    news = news.replace("<h1>中华人民共和国监察法</h1>", "<h1>监察法表决通过</h1>")
    m = meta_of(news, "news.html")
    assert m.date is not None and m.date.value == "2018-05-17"


def test_a_platform_stamp_with_a_latin_author_names_author_and_account() -> None:
    body = "\n\n".join(
        f"第{i}段，美国政府督促软件厂商消除缓冲区溢出漏洞，并提出了具体的开发要求和检测方法。"
        for i in range(6)
    )
    text = f"#  政府：开发人员应停止制造漏洞\nJane Doe  某某卫士   2025-02-18 10:12\n\n{body}\n"
    m = metadata.extract(cleaned_text(text, "post.md"), publishers.load())
    assert m.author is not None and m.author.value == "Jane Doe"
    assert m.publisher is not None and m.publisher.value == "某某卫士"
    assert publishing.dateline_name("Jane Doe  某某卫士   2025-02-18 10:12") == "某某卫士"
    assert publishing.dateline_name("中国新闻网 2025-02-18 10:12") == "中国新闻网"


def test_where_a_leader_met_or_visited_is_the_venue_after_any_gathering() -> None:
    from duizhao.meta.venues import MET_ZH

    assert MET_ZH.search("春节前夕，省委书记信长星在南京看望院士专家").group(1) == "南京"
    assert MET_ZH.search("王毅在人民大会堂会见来访的外长").group(1) == "人民大会堂"
    for lead in ("他在会上指出，要加强合作", "主席在这里看望了群众", "部长在线出席会议"):
        assert MET_ZH.search(lead) is None


def test_a_gathering_the_lead_names_outranks_the_place_of_a_meeting() -> None:
    lead = (
        "2月15日，王毅在慕尼黑会见卢森堡外交大臣，双方出席第55届慕尼黑安全会议期间举行会谈，讨论了双边合作。"
    )
    body = "\n".join(
        f"第{i}段，双方就中欧关系和共同关心的国际地区问题交换了意见，一致同意加强沟通协调。" for i in range(5)
    )
    m = meta_of(f"王毅会见卢森堡外交大臣\n{lead}\n{body}\n", "meeting.txt")
    assert m.venue is not None and m.venue.value == "第55届慕尼黑安全会议"
    alone = meta_of(
        f"王毅会见卢森堡外交大臣\n{lead.replace('，双方出席第55届慕尼黑安全会议期间举行会谈', '')}\n{body}\n",
        "m.txt",
    )
    assert alone.venue is not None and alone.venue.value == "慕尼黑"


def test_an_address_introduced_below_its_lead_and_a_lead_under_a_date_line() -> None:
    lead = "President of Ruritania Zoran Dvořák delivered a speech at the plenary session today in Qingdao."
    between = "Heads of state and delegations of the member states were present at the meeting."
    intro = "President Dvořák said in his address to the meeting:"
    address = "“Your Excellency, the Chairman, Excellencies, ladies and gentlemen, I thank our hosts."
    url = "https://www.example-president.rr/en/news/sco"
    m = meta_of(_dump(url, "Summit", f"{lead}\n{between}\n{intro}\n{address}"))
    assert m.author is not None and m.author.value == "Zoran Dvořák"
    # a date line and the occasion may stand above the lead
    m = meta_of(_dump(url, "Summit", f"27.04.2019\n{between}\n{lead}\n{address}"))
    assert m.author is not None and m.author.value == "Zoran Dvořák"
    # no address below: a report of the event, nobody's words
    assert meta_of(_dump(url, "Summit", f"{lead}\n{between}")).author is None


REPORT = [
    "President Zoran Dvořák on Thursday in Beijing, China, emphasized the importance of global collaboration.",
    "Speaking at the opening ceremony of the summit, President Dvořák highlighted the success of the partnership.",
    "He noted that the partnership is driven by a bold vision for the future of both regions.",
    "The President said cooperation is key to solving global challenges and building trust.",
    "“Together, we can unlock an unprecedented level of growth for our nations,” the President said.",
]


def test_an_offices_report_of_its_principals_remarks_names_the_speaker() -> None:
    url = "https://www.example-statehouse.rr/news/summit"
    m = meta_of(_dump(url, "Dvořák at the summit", "\n".join(REPORT)))
    assert m.author is not None and m.author.value == "Zoran Dvořák"
    assert m.role is not None and m.role.value == "President"
    assert "remarks" in m.author.evidence


def test_a_newspaper_quoting_a_minister_and_others_names_no_speaker() -> None:
    story = [
        "Economy Minister Karel Novák said on Tuesday that the tariffs would be very unusual.",
        "Speaking at the morning press conference, Novák said he will present the case in Washington.",
        "“It's a big deal. This is the beginning,” Trump said Monday as he signed the proclamation.",
        "“Our nation requires steel to be made here,” he said.",
        "“This tariff is not justified,” Novák said.",
        "Novák said he will be able to meet the commerce secretary next week.",
    ]
    m = meta_of(_dump("https://www.example-daily.rr/news/tariffs", "Tariffs", "\n".join(story)))
    assert m.author is None  # (quoted by name, never by office: a story about him, not his office's report)


def test_a_chinese_report_that_goes_on_in_the_officials_words_names_the_speaker() -> None:
    text = "\n".join(
        [
            "2025年12月30日，中共中央政治局委员、外交部长王毅在2025年国际形势与中国外交研讨会上表示，面对全球发展困局，中国是主引擎。",
            "过去一年，我们大力推进高质量共建“一带一路”，同多个国家新签合作规划和行动计划，对外投资稳步增长。",
            "过去一年，我们扛起促进全球发展重任，连续举办进博会、服贸会、消博会，开放的大门越开越大。",
            "王毅指出，中国将继续同各方一道，为世界经济增长注入更多确定性和正能量。",
        ]
    )
    m = meta_of(
        _dump("https://www.mfa.example.cn/wjbzhd/202512/t20251230.shtml", "中国是全球发展的主引擎", text)
    )
    assert m.author is not None and m.author.value == "王毅"
    assert m.role is not None and m.role.value == "外交部长"


def test_a_subtitle_with_the_office_after_the_name_and_a_written_address() -> None:
    subtitle = "——王毅国务委员在第二届“一带一路”国际合作高峰论坛中外媒体吹风会上的讲话和答问"
    body = "各位来宾，\n各位记者朋友：\n大家好！感谢大家参加今天的媒体吹风会，我愿介绍高峰论坛的筹备情况。"
    m = meta_of(
        _dump(
            "https://www.mfa.example.cn/web/t1.shtml",
            "携手共建“一带一路”",
            f"携手共建“一带一路”\n{subtitle}\n{body}",
        )
    )
    assert m.author is not None and m.author.value == "王毅"
    assert m.role is not None and m.role.value == "国务委员"
    # in a paragraph of a report, the same form is another speaker the report mentions
    interview = "王毅说，习近平主席在高峰论坛开幕式上发表主旨演讲，回顾10年成就，总结成功经验，强调共建“一带一路”站在历史正确一边。"
    m = meta_of(
        _dump("https://www.mfa.example.cn/web/t2.shtml", "高峰论坛重要成果", interview + "\n" + interview)
    )
    assert m.author is None or m.author.value != "习近平"
    written = "习近平向“一带一路”亚太区域国际合作高级别会议发表书面致辞"
    m = meta_of(_dump("https://www.mfa.example.cn/web/t3.shtml", written, f"{written}\n{STORY}"))
    assert m.author is not None and m.author.value == "习近平"


def test_an_interviews_answer_label_names_the_speaker_without_an_office() -> None:
    qa = [
        "Ahead of his visit, Karel Novák gave an interview to the daily.",
        "Question:",
        "Relations between our countries are close. Could you share your view of them, Mr Prime Minister?",
        "Karel Novák:",
        "Our countries have taken their partnership and cooperation to an all-time high, in every area.",
    ]
    m = meta_of(_dump("https://www.example-government.rr/en/news/21017/", "News", "\n".join(qa)))
    assert m.author is not None and m.author.value == "Karel Novák"
    # without a question's label, a name's label alone is a line of a transcript, not an interview
    m = meta_of(_dump("https://www.example-government.rr/en/news/21017/", "News", "\n".join(qa[3:])))
    assert m.author is None


def test_the_gathering_remarks_were_made_at_or_sent_to_is_the_venue() -> None:
    url = "https://www.mfa.example.cn/wjbzhd/t1.shtml"
    said = "2025年12月30日，外交部长王毅在2025年国际形势与中国外交研讨会上表示，中国是全球发展的主引擎。"
    m = meta_of(_dump(url, "中国是全球发展的主引擎", f"{said}\n{STORY}"))
    assert m.venue is not None and m.venue.value == "2025年国际形势与中国外交研讨会"
    sent = "习近平向“一带一路”亚太区域国际合作高级别会议发表书面致辞"
    m = meta_of(_dump(url, sent, f"{sent}\n{STORY}"))
    assert m.venue is not None and m.venue.value == "“一带一路”亚太区域国际合作高级别会议"
    # a place, not a gathering, is no venue of what was said there
    m = meta_of(_dump(url, "表态", f"外交部长王毅在北京表示，中方愿同各方加强合作。\n{STORY}"))
    assert m.venue is None or "表示" not in m.venue.value
    lead = (
        "Speaking at the opening ceremony of the 2024 Summit of the Forum on China-Africa Cooperation (FOCAC) "
        "at the Great Hall of the People in Beijing, President Dvořák highlighted the partnership."
    )
    m = meta_of(_dump("https://www.example-statehouse.rr/news/focac", "Summit", f"{REPORT[0]}\n{lead}"))
    assert m.venue is not None
    assert m.venue.value == "2024 Summit of the Forum on China-Africa Cooperation (FOCAC)"


def test_a_subtitle_saying_who_talks_and_a_headline_ending_on_the_quoted_name() -> None:
    url = "https://www.mfa.example.cn/web/t4.shtml"
    lead = "高峰论坛将于今年5月14日至15日在北京举行。负责筹备工作的杨洁篪国务委员接受了本报采访，介绍了筹备工作情况。"
    m = meta_of(_dump(url, "共建“一带一路”", f"共建“一带一路”\n——杨洁篪谈高峰论坛筹备工作\n{lead}"))
    assert m.author is not None and m.author.value == "杨洁篪"
    assert m.venue is None  # (a meeting still to come is held nowhere yet)
    # a subtitle whose name the text never gives again names no one
    m = meta_of(_dump(url, "共建“一带一路”", f"共建“一带一路”\n——王刚谈高峰论坛筹备工作\n{STORY}"))
    assert m.author is None
    title = "Chinese wisdom contributes to a shared future: Karel Novák"
    said = "China has always stressed harmony between peoples, according to Karel Novák, president of the association."
    m = meta_of(_dump("https://en.example-daily.rr/n3/1.html", title, f"{title}\n{said}\n{STORY}"))
    assert m.author is not None and m.author.value == "Karel Novák"
    # the same headline over a text that never quotes the name: no speaker
    m = meta_of(_dump("https://en.example-daily.rr/n3/2.html", title, f"{title}\n{STORY}"))
    assert m.author is None


def test_an_officials_signed_article_named_in_an_editors_note() -> None:
    note = (
        "（按：6月7日，当地主流媒体全文刊登驻拉各斯总领事曹小良署名文章《平等和包容性发展》，多家媒体转载）"
    )
    m = meta_of(_dump("https://www.mfa.example.cn/web/t5.shtml", "平等和包容性发展", f"{note}\n{STORY}"))
    assert m.author is not None and m.author.value == "曹小良"
    assert m.role is not None and m.role.value.endswith("总领事")
