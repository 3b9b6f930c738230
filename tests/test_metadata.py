"""Stage 3: header fields read from the text, each with its origin."""

from __future__ import annotations

import pytest

from duizhao import metadata

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
    assert metadata.iso_date(text) == iso


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
