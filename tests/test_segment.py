"""Stage 4: language of each paragraph and sentence splitting."""

from __future__ import annotations

import pytest

from duizhao import script
from duizhao.align import segment


@pytest.mark.parametrize(
    "text, lang",
    [
        ("中国通过联合国、二十国集团(G20)等国际多边机制提供中国智慧。", "zh"),
        ("China shares its wisdom at the UN and the G20.", "en"),
        ("Cyberspace 网络空间 Sovereignty 主权 governance 治理 community", "mixed"),
        ("2017 — 12", "und"),
    ],
)
def test_language(text: str, lang: str) -> None:
    assert script.language(text) == lang


def test_zh_sentences_keep_closing_quotes() -> None:
    text = "中国古语云，“利莫大于治，害莫大于乱。”我在会议上曾说。到底是谁？"
    assert segment.split_zh(text) == [
        "中国古语云，“利莫大于治，害莫大于乱。”",
        "我在会议上曾说。",
        "到底是谁？",
    ]


def test_en_sentences_respect_abbreviations_and_decimals() -> None:
    text = (
        "Delegates met on Dec. 3, 2017 in Wuzhen. The U.S. delegation spoke. "
        "Growth was 4.7 per cent. Mr. Wang agreed."
    )
    assert segment.split_en(text) == [
        "Delegates met on Dec. 3, 2017 in Wuzhen.",
        "The U.S. delegation spoke.",
        "Growth was 4.7 per cent.",
        "Mr. Wang agreed.",
    ]
