"""Vocabulary coverage: the share of a line the boilerplate vocabulary (vocabulary.yml's kinds)
covers, and the kind covering most. The cleaner's costly measure, taken once per distinct line."""

from __future__ import annotations

import re

from .. import script
from ..vocab import prefilter
from ..vocab.rules import Kind, Rules

# A line whose content characters are at least this share widget vocabulary is boilerplate.
# Why 0.6: widget lines are 80-100% vocabulary; prose that mentions "comments" or "分享" is <15%.
REMOVE_COVERAGE = 0.6
# Outside the prose (head and tail runs) widgets cluster and mix with site names: less suffices.
EDGE_COVERAGE = 0.3
# Widgets that read as a sentence ("Racist, abusive and off-topic comments may be removed.") are
# at most this long; longer finished sentences inside the text are not measured (speed).
WIDGET_SENTENCE_UNITS = 20
# Longer lines are never removed for vocabulary alone: widgets are short, paragraphs are long.
MAX_WIDGET_UNITS = 40
# Lines longer than this are prose whatever they mention; their coverage is not even measured.
LONG_LINE_UNITS = 3 * MAX_WIDGET_UNITS
# Counting by deleting the rest is about twice as fast as listing every match (speed).
NOT_CONTENT = re.compile(r"[\W_]+")
ASCII_NOT_CONTENT = str.maketrans("", "", "".join(c for c in map(chr, range(128)) if not c.isalnum()))


def content_len(text: str) -> int:
    """Letters, digits and Han characters in `text` (punctuation and spaces do not count)."""
    if text.isascii():
        return len(text.translate(ASCII_NOT_CONTENT))
    return len(NOT_CONTENT.sub("", text))


def coverage(text: str, rules: Rules, units: int | None = None) -> tuple[float, Kind | None, tuple[str, ...]]:
    """Share of the line's content characters covered by boilerplate patterns, the kind covering
    most, and every kind that matched."""
    if (units if units is not None else script.units(text)) > MAX_WIDGET_UNITS:
        return 0.0, None, ()
    if "://" in text or "](" in text:
        # An address is not words: "本文翻译自X [原文链接](https://…)" is a notice whatever the
        # length of its link, and a domain inside a link target names no source.
        text = script.ADDRESS.sub(lambda m: " " * len(m.group(0)), text)
    return _coverage(text, rules)


NO_HITS: frozenset[int] = frozenset()


def _coverage(text: str, rules: Rules) -> tuple[float, Kind | None, tuple[str, ...]]:
    total = content_len(text)
    if total == 0:
        return 0.0, None, ()
    best: Kind | None = None
    best_count = 0
    found: list[str] = []
    every: list[tuple[int, int]] = []
    folded = prefilter.fold(text)
    chars = set(folded)
    # Which patterns of which kinds the line holds a literal needle of, found for all at once.
    index = rules.kind_literals
    hits: dict[int, set[int]] = {}
    if index is not None:
        for number, i in index.hits(folded, chars):
            hits.setdefault(number, set()).add(i)
    for number, kind in enumerate(rules.kinds):
        alternation = kind.alternation
        if alternation is None:
            continue
        if index is not None and alternation.separable:
            literal_hits = hits.get(number)
            if literal_hits is None and (
                alternation.class_keys is not None and alternation.class_keys.isdisjoint(chars)
            ):
                continue  # (a line holding none of its needles holds no match)
            spans = alternation.spans(text, folded, chars, literal_hits or NO_HITS)
        else:
            spans = alternation.spans(text, folded, chars)
        if not spans:
            continue
        count = _covered(text, spans)
        if count:
            found.append(kind.id)
            every.extend(spans)
            if count > best_count:
                best, best_count = kind, count
    return (_covered(text, every) / total if every else 0.0), best, tuple(found)


def _covered(text: str, spans: list[tuple[int, int]]) -> int:
    """Content characters inside the union of `spans`."""
    count = 0
    end = -1
    for s, e in sorted(spans):
        if e <= end:
            continue
        s = max(s, end)
        count += content_len(text[s:e])
        end = e
    return count
