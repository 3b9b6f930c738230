"""Stage 3: header fields read from the text, each with its origin."""

from __future__ import annotations

import random

import pytest

from duizhao.meta import dates, metadata, publishing

from .conftest import seed
from .helpers import cleaned, cleaned_text


@pytest.mark.parametrize(
    "text, iso",
    [
        ("China.org.cn, December 13, 2017", "2017-12-13"),
        ("Dec. 3, 2017", "2017-12-03"),
        ("3 December 2017", "2017-12-03"),
        ("2013年11月5日 斯坦福大学", "2013-11-05"),
        ("2019 年 10 月", "2019-10"),
        ("发布时间：2019-10-21 08:30", "2019-10-21"),
        ("二〇一三年十一月五日", "2013-11-05"),
        ("November 25th", None),
        ("13/45/2019", None),
    ],
)
def test_iso_dates(text: str, iso: str | None) -> None:
    assert dates.iso_date(text) == iso


def test_seed_002_metadata() -> None:
    m = metadata.extract(cleaned(seed("002")))
    assert m.title_en.value == "China contributes wisdom to the world in cyberspace"
    assert m.author.value == "Zhang Shenglei"
    assert m.date.value == "2017-12-13"
    assert m.publisher.value == "China.org.cn"
    assert m.title_en.origin == "extracted" and "line 1" in m.title_en.evidence


def test_seed_001_metadata() -> None:
    m = metadata.extract(cleaned(seed("001")))
    assert m.title_zh.value == "共同维护网络空间安全"
    assert m.author.value == "蔡名照"
    assert m.role.value == "中国国务院新闻办公室主任"
    assert m.date.value == "2013-11-05"
    assert m.venue.value == "第四届全球网络空间合作峰会"
    # "2013年11月5日 斯坦福大学": the day, then the place; the page names no publisher
    assert m.publisher is None
    # while an account's stamp (name, day, time) names the account
    assert publishing.dateline_name("紫金山实验室   2025-01-27 14:01") == "紫金山实验室"


def test_seed_003_metadata_from_the_lead() -> None:
    m = metadata.extract(cleaned(seed("003")))
    assert m.title_en.value.startswith("Common Interests and Responsibilities: China and the United States")
    assert m.author.value == "Wang Qun"
    assert m.role.value.startswith("Director of the Arms Control Department")
    assert m.date.value == "2016-05-11"
    assert m.publisher.value == "Huffington Post"


def test_untitled_text_gets_a_derived_title_marked_as_such() -> None:
    m = metadata.extract(cleaned(seed("000")))
    assert m.title_zh.origin == "derived"
    assert m.title_zh.value.startswith("第三,中国是网络安全国际合作的积极倡导者")
    assert m.date is None


def test_zh_source_line_gives_publisher() -> None:
    c = cleaned_text(
        "网络空间治理的新进展\n来源：新华网  2019年10月21日\n\n"
        "世界互联网大会在浙江乌镇开幕，来自全球的嘉宾围绕数字经济、网络安全等议题展开深入交流。\n"
    )
    m = metadata.extract(c)
    assert m.publisher.value == "新华网"
    assert m.date.value == "2019-10-21"
    assert m.title_zh.value == "网络空间治理的新进展"


@pytest.mark.parametrize(
    "prefix, status, evidence",
    [
        ("001", "original", "Chinese text"),
        ("002", "unknown", "no sign of machine translation"),
        ("003", "machine-suspected", "substitution.leader"),
        ("004", "machine-suspected", "calque.network"),
    ],
)
def test_translation_status_with_evidence(prefix: str, status: str, evidence: str) -> None:
    m = metadata.extract(cleaned(seed(prefix)))
    assert m.translation.value == status
    assert evidence in m.translation.evidence and m.translation.origin == "derived"


def test_one_signal_alone_does_not_flag_a_translation() -> None:
    c = cleaned_text(
        "The delegates met on May 11th in Washington to discuss the rules of cyberspace, and agreed "
        "to meet again next year to review progress on cyber security.\n"
    )
    assert metadata.extract(c).translation.value == "unknown"


def _iso_date_from_every_match(text: str) -> str | None:
    """dates.iso_date as defined: every match of every pattern, then the first valid one."""
    found = []
    for m in dates.EN_DATE_MDY.finditer(text):
        month = dates.EN_MONTHS.get(m.group(1).lower().rstrip("."))
        if month:
            found.append((m.start(), dates.iso_of(m.group(3), month, m.group(2))))
    for m in dates.EN_DATE_DMY.finditer(text):
        month = dates.EN_MONTHS.get(m.group(2).lower().rstrip("."))
        if month:
            found.append((m.start(), dates.iso_of(m.group(3), month, m.group(1))))
    for pattern in (dates.ZH_DATE, dates.ISO_DATE):
        for m in pattern.finditer(text):
            found.append((m.start(), dates.iso_of(m.group(1), int(m.group(2)), m.group(3))))
    for m in dates.ZH_DATE_HANZI.finditer(text):
        year = "".join(str(dates.ZH_NUMERALS[c]) for c in m.group(1))
        day = m.group(3) and str(dates.zh_number(m.group(3)))
        found.append((m.start(), dates.iso_of(year, dates.zh_number(m.group(2)), day)))
    valid = [(pos, iso) for pos, iso in found if iso]
    return min(valid)[1] if valid else None


def test_iso_date_is_the_first_valid_date_of_any_pattern() -> None:
    pieces = [
        "May 5, 2019", "5 May 2019", "Feb. 30, 2016", "March 3 1800", "2019年5月3日", "2019 年 13 月",
        "二〇一九年五月三日", "二〇一九年十二月", "2019-05-03", "2019/13/40", "1899-01-01", "31 June 2020",
        "may", "Mar", " ", "，", "on ", "the market in ", "12", "2020", "年", "Sept. 9, 2021", "\n",
    ]  # fmt: skip
    rng = random.Random(8)
    dated = 0
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        expected = _iso_date_from_every_match(text)
        assert dates.iso_date(text) == expected, text
        dated += expected is not None
    assert dated > 2000
