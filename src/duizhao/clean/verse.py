"""Verse one line a line ("向你献上某些时刻" / "它时常不能被辨认。" / "我试图找出"): a poem's lines
are short and end no sentence, as a menu's entries do, yet they are the text. A block of them is
told from a menu by what menus lack: clause marks at some line ends, and no line the page
repeats."""

from __future__ import annotations

from collections import Counter

from ..read.lines import Line
from ..vocab.rules import Rules
from .coverage import EDGE_COVERAGE, coverage

# So many short Han lines in a row, no link, no figure, each once on the page, this share of them
# ending a clause, are verse (or a dialogue's lines): a menu is words without punctuation that a
# page repeats, a list of headlines ends no clause, a line of figures is a date or a count. Latin
# lines of a few words are as often captions and labels as verse, so verse here is Han.
VERSE_MIN_LINES = 4
VERSE_MAX_UNITS = 30
VERSE_MARK_SHARE = 0.25
VERSE_ENDS = frozenset("，,、;；。.！!？?…—")  # (no colon: "链接：" ends a label)
# A line the rules know as a widget for this share of it ("扫一扫在手机打开当前页") is no verse.
WIDGET_SHARE = EDGE_COVERAGE
DIGITS = frozenset("0123456789")


def _candidate(line: Line, seen: Counter[str]) -> bool:
    facts = line.facts
    return (
        2 <= facts.units <= VERSE_MAX_UNITS
        and 2 * facts.han >= facts.units
        and line.link_share == 0
        and seen[line.text] == 1
        and DIGITS.isdisjoint(line.text)
    )


def verse_lines(lines: list[Line], rules: Rules) -> set[int]:
    """Indices of the lines of verse blocks (see VERSE_MIN_LINES)."""
    seen = Counter(line.text for line in lines)
    found: set[int] = set()
    row: list[int] = []
    for i, line in enumerate([*lines, None]):
        if line is not None and _candidate(line, seen):
            row.append(i)
            continue
        if _verse(lines, row):
            # (only now is the vocabulary asked, of the few rows that may be verse: speed)
            kept: list[int] = []
            for k in [*row, -1]:
                if k >= 0 and coverage(lines[k].text, rules, lines[k].facts.units)[0] < WIDGET_SHARE:
                    kept.append(k)
                    continue
                if _verse(lines, kept):
                    found.update(kept)
                kept = []
        row = []
    return found


def _verse(lines: list[Line], row: list[int]) -> bool:
    if len(row) < VERSE_MIN_LINES:
        return False
    marked = sum(1 for k in row if lines[k].text[-1] in VERSE_ENDS)
    return marked >= VERSE_MARK_SHARE * len(row)
