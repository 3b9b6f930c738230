"""Titles that are a speech's text under its speaker's name: "…退休教授蔡霞内部讲话文字稿：…"."""

from __future__ import annotations

import re
from functools import lru_cache

from ..script import HAN
from ..vocab.rules import vocabulary, vocabulary_words


@lru_cache(maxsize=1)
def title_speech() -> re.Pattern[str]:
    """A title that is a speech's text under its speaker's office and name ("…退休教授蔡霞内部讲话文字稿：…",
    "王毅演讲全文"): the speech word ends the title or its first part."""
    surnames = "|".join(sorted(vocabulary_words()["zh_surnames"], key=len, reverse=True))
    office = rf"(?P<role>[{HAN}]{{0,16}}?(?:{vocabulary()['zh_roles']}))"
    return re.compile(
        rf"(?:^|{office})(?P<name>(?:{surnames})[{HAN}]{{1,2}}?)(?:的)?(?:内部|重要|公开|主旨|最新)?"
        r"(?:讲话|演讲|致辞)(?:文字稿|全文|实录|原文)?(?:[（(]全文[)）])?\s*(?:[：:｜|]|$)"
    )
