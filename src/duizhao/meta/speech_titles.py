"""Who a text is by, as its title or its first line says in one of two forms: a speech's text
under its speaker's name ("…退休教授蔡霞内部讲话文字稿：…"), a translation citing its original."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..script import HAN
from ..vocab.rules import vocabulary, vocabulary_words

if TYPE_CHECKING:
    from .people import Person


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


# A translation that opens by citing the work it translates: its author, a comma, the work's
# title in quotation marks ("Chen Ping, “What’s Wrong with America’s Global Strategy?”").
CITED_MAX_WORDS = 40


def cited_work(opening: list) -> Person | None:
    """The author of the work the text's first block cites as what follows."""
    from .people import NAME_WORD, Person, person_words  # (people.py reads this module's titles)

    if not opening:
        return None
    first = opening[0]
    m = re.match(rf"\s*(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{1,2}}),\s*[“\"]", first.text)
    if not m or len(first.text.split()) > CITED_MAX_WORDS or not person_words(m.group("name").split()):
        return None
    return Person(m.group("name"), "", f"line {first.lines[0]}: the work the text cites as its own")
