"""What a line reads as on its own: a widget, prose, a heading, a line that belongs above the
text (title, byline, salutation) or below it (sign-off, note, caption)."""

from __future__ import annotations

import re

from ..read.lines import Line
from ..vocab.rules import Rules
from .coverage import EDGE_COVERAGE, MAX_WIDGET_UNITS
from .markdown import MD_HEADING

# A line ending in a Chinese full stop is a sentence of the text (see dated_sentence).
FULL_STOPS = ("。", "！", "？")
# A line with this many units, ending a sentence, counts as prose when finding the text's edges.
PROSE_MIN_UNITS = 12
# Headings are short: at most this many units (Han characters + Latin words).
HEADING_MAX_UNITS = 30
SUBTITLE = re.compile(r"^(——|--|—\s)\s*(?=\S)")


def dated_sentence(line: Line) -> bool:
    """A sentence of the text that holds a date or a name ("本法自2017年6月1日起施行。"), not a
    dateline or a byline: those never end in a Chinese full stop."""
    kind = line.top_kind
    return kind is not None and kind.action == "metadata" and line.text.endswith(FULL_STOPS)


def is_widget(line: Line) -> bool:
    return line.top_kind is not None and line.coverage >= EDGE_COVERAGE and line.units <= MAX_WIDGET_UNITS


def is_dateline(line: Line) -> bool:
    """A line that is only a date (or a time): what a headline stands right above."""
    return is_widget(line) and line.top_kind is not None and line.top_kind.id == "meta.date"


def belongs_to_head(line: Line, rules: Rules) -> bool:
    text = line.text
    return (
        is_widget(line)
        or bool(MD_HEADING.match(text) or SUBTITLE.match(text))
        or rules.starts["salutation"].matches(text, line.facts.folded)
        or (
            rules.starts["head_note"].matches(text, line.facts.folded)
            and not rules.starts["caption"].matches(text, line.facts.folded)  # (a photo's credit)
        )
        or not line.facts.has_content
    )


def belongs_to_tail(line: Line, rules: Rules) -> bool:
    text = line.text
    return is_widget(line) or any(
        rules.starts[k].matches(text, line.facts.folded) for k in ("signoff", "note", "caption")
    )


def is_prose(line: Line) -> bool:
    facts = line.facts
    return (
        line.coverage < EDGE_COVERAGE
        and facts.units >= PROSE_MIN_UNITS
        and (facts.ends_sentence or facts.units >= 2 * PROSE_MIN_UNITS)
    )


def is_heading_like(line: Line, rules: Rules) -> bool:
    text = line.text
    facts = line.facts
    if facts.units == 0 or facts.units > HEADING_MAX_UNITS:
        return False
    if facts.ends_sentence or text.rstrip()[-1] in "，,、:：;；":
        return False
    if rules.not_heading_openers.match(text):
        return False
    return True
