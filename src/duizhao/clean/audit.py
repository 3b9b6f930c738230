"""The audit: every line the cleaner removes, or moves into the header, is a Removal naming its
rule and its reason."""

from __future__ import annotations

from ..model import Removal
from ..read.lines import Line
from .coverage import EDGE_COVERAGE

# Kinds whose presence in a widget line makes the metadata stage read it (a dateline inside a
# widget bar); a mere site name (meta.source) does not.
METADATA_CARRIERS = ("meta.date", "meta.byline")


def removal(line: Line, rule: str, reason: str, action: str = "removed") -> Removal:
    return Removal(line.no, line.text, rule, reason, action)  # (positional: made for most lines)


def kind_removal(line: Line, edge: bool) -> Removal:
    kind = line.top_kind
    assert kind is not None
    action = "metadata" if kind.action == "metadata" else "removed"
    # A widget line that also carries a dateline or byline is read by the metadata stage too.
    if action == "removed" and any(k in METADATA_CARRIERS for k in line.kinds_found):
        action = "metadata"
    extra = (
        f"; also {', '.join(k for k in line.kinds_found if k != kind.id)}"
        if len(line.kinds_found) > 1
        else ""
    )
    where = " (at the edge of the text, where widgets cluster)" if edge else ""
    return removal(line, kind.id, f"{kind.reason}{where}{extra}", action)


OUTSIDE_REASON = "outside the main text (the page's menus, link lists, comments or other posts)"


def outside_removal(line: Line) -> Removal:
    kind = line.top_kind
    if kind is not None and line.coverage >= EDGE_COVERAGE:
        return removal(line, kind.id, f"{kind.reason}; {OUTSIDE_REASON}")
    return Removal(line.no, line.text, "page.outside", OUTSIDE_REASON)
