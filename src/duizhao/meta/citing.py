"""A translation that names the work it translates in its first line: that work's author."""

from __future__ import annotations

import re

from .people import NAME_WORD, Person, person_words

# A translation that opens by citing the work it translates: its author, a comma, the work's
# title in quotation marks ("Chen Ping, “What’s Wrong with America’s Global Strategy?”").
CITED_MAX_WORDS = 40


def cited_work(opening: list) -> Person | None:
    """The author of the work the text's first block cites as what follows."""
    if not opening:
        return None
    first = opening[0]
    m = re.match(rf"\s*(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{1,2}}),\s*[“\"]", first.text)
    if not m or len(first.text.split()) > CITED_MAX_WORDS or not person_words(m.group("name").split()):
        return None
    return Person(m.group("name"), "", f"line {first.lines[0]}: the work the text cites as its own")
