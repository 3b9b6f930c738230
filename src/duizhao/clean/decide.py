"""The decision on each line of the region: kept, or removed with its rule and reason (outside the
text, a link line, a widget by its vocabulary, left out by a trusted second opinion)."""

from __future__ import annotations

import itertools

from .. import script
from ..model import BlockKind, Removal
from ..read.lines import Line
from ..vocab.matchers import StartMatcher
from .audit import OUTSIDE_REASON, kind_removal, outside_removal, removal
from .copies import second_copies
from .coverage import EDGE_COVERAGE, MAX_WIDGET_UNITS, REMOVE_COVERAGE
from .opinion import trust_second_opinion
from .roles import PROSE_MIN_UNITS, dated_sentence
from .score import CORE, EDGE, FIGURE, MAX_LINK_SHARE, NOTICE_MAX_UNITS

NOTICE_REASON = "a notice about the text (reprint terms, disclaimer, original headline, the author's biography), not the text"
# Why two: a page number stands alone between pages of text; a figure with another figure one or
# two lines away is a column of a table (results, statistics), whose numbers are the text.
COLUMN_REACH = 2
# Why: a line of any length that is nearly all links is a link list (a tag cloud, a row of related
# titles), and so is a list item that is one link even when the title it links ends with "?"; a
# paragraph quoting a linked title still has words of its own.
LIST_LINK_SHARE = 0.8


def column_of_figures(lines: list[Line]) -> set[int]:
    """Indices of figure lines with another figure line within COLUMN_REACH lines."""
    figures = [i for i, line in enumerate(lines) if FIGURE.match(line.text)]
    return {
        i
        for k, i in enumerate(figures)
        if (k and i - figures[k - 1] <= COLUMN_REACH)
        or (k + 1 < len(figures) and figures[k + 1] - i <= COLUMN_REACH)
    }


def word_units(line: Line) -> int:
    """A line's units without its addresses (a long link target makes no sentence longer)."""
    if "://" not in line.text:
        return line.units
    return script.units(script.ADDRESS.sub(" ", line.text))


def sidecar_matches(line: Line, wanted: tuple[int | str, ...]) -> bool:
    return line.no in wanted or line.text in wanted


def drop_by_sidecar(
    lines: list[Line], drop: tuple[int | str, ...], where: str, removals: list[Removal]
) -> list[Line]:
    """`lines` without those the editor's sidecar drops (by line number or exact text)."""
    for line in [x for x in lines if sidecar_matches(x, drop)]:
        removals.append(removal(line, "sidecar.drop", f"dropped by the editor in {where}"))
    return [x for x in lines if not sidecar_matches(x, drop)]


def decide(
    lines: list[Line],
    inside: list[int],
    keep: tuple[int | str, ...],
    removals: list[Removal],
    notice: StartMatcher | None = None,
) -> list[Line]:
    """The lines kept, each other line's Removal appended to `removals`. `inside`: each line's place
    (OUTSIDE, CORE, EDGE); `keep`: the sidecar's lines, never removed; `notice`: structure.yml's
    notices about the text. A line repeating an earlier one goes only as part of a repeated run
    (copies.second_copies)."""

    def is_notice(line: Line) -> bool:
        return (
            notice is not None
            and line.units <= NOTICE_MAX_UNITS
            and notice.matches(line.text, line.facts.folded)
        )

    trusted = trust_second_opinion(lines, inside)
    column = column_of_figures(lines)
    kept: list[Line] = []
    seen: dict[str, int] = {}
    copies: dict[int, int] = {}  # id of a line -> the earlier line it repeats word for word
    for i, line in enumerate(lines):
        if keep and sidecar_matches(line, keep):
            line.pinned = True
            kept.append(line)
            continue
        gone = _placed_out(line, inside[i], trusted)
        if gone is not None and not (gone.rule == "page.outside" and is_notice(line)):
            removals.append(gone)
        elif gone is not None:
            # (a notice ends the text, so it stands outside it: the audit says what it is)
            removals.append(removal(line, "notice.line", NOTICE_REASON))
        elif i in column and line.top_kind is not None and line.top_kind.id == "page.number":
            kept.append(line)  # (a figure among figures: a table's column, not a page number)
        elif is_notice(line):
            removals.append(removal(line, "notice.line", NOTICE_REASON))
        elif (gone := _widget(line, inside[i])) is not None:
            removals.append(gone)
        elif line.units >= PROSE_MIN_UNITS and line.text in seen:
            copies[id(line)] = seen[line.text]
            kept.append(line)
        else:
            seen.setdefault(line.text, line.no)
            kept.append(line)
    return orphan_headings(lines, second_copies(kept, copies, removals), removals)


def orphan_headings(lines: list[Line], kept: list[Line], removals: list[Removal]) -> list[Line]:
    """`kept` without the headings whose whole section went as links or chrome: a sidebar widget's
    title ("最近文章", "Tags", "See Also") is not text once its list is gone."""
    staying = {id(line) for line in kept}
    gone: set[int] = set()
    for i, line in enumerate(lines):
        if (
            line.kind is not BlockKind.HEADING
            or id(line) not in staying
            or line.pinned
            or line.facts.ends_sentence
        ):
            continue
        section = list(itertools.takewhile(lambda x: x.kind is not BlockKind.HEADING, lines[i + 1 :]))
        links = sum(x.link_share > MAX_LINK_SHARE for x in section)
        if (
            line.units <= MAX_WIDGET_UNITS
            and 2 * links >= len(section) > 0
            and not any(id(x) in staying for x in section)
        ):
            gone.add(id(line))
            removals.append(
                removal(
                    line,
                    "html.widget_title",
                    "the title of a list that went (menu, tags, related links), not the text",
                )
            )
    return [line for line in kept if id(line) not in gone]


# A paragraph that is all one link and breaks off ("…白棋有...") is another page's teaser: the
# text it opens is elsewhere.
TEASER_ENDS = ("...", "…", "……", "。。。")


def _teaser(text: str) -> bool:
    return text.rstrip().endswith(TEASER_ENDS)


def _placed_out(line: Line, where: int, trusted: bool) -> Removal | None:
    """The Removal of a line by where it stands: no content, outside the text, a link line, or left
    out by a trusted second opinion; None when it stays for now."""
    if not line.facts.has_content:
        return removal(line, "markup.separator", "a line of punctuation only (separator or stray mark)")
    short = line.units <= MAX_WIDGET_UNITS
    if not where:
        return (
            Removal(line.no, line.text, "page.outside", OUTSIDE_REASON)
            if line.top_kind is None  # (never measured, or no vocabulary: most lines)
            else outside_removal(line)
        )
    listed = line.link_share >= LIST_LINK_SHARE and (
        line.kind is BlockKind.LIST_ITEM or not line.facts.ends_sentence or _teaser(line.text)
    )
    if listed or (line.link_share > MAX_LINK_SHARE and not line.facts.ends_sentence and short):
        return removal(
            line, "html.links", "a link to another page (menu or related links), not part of the text"
        )
    if trusted and where == CORE and line.main is False and short:
        return (
            removal(line, "html.caption", "a photo caption the main-text extractor leaves out, not the text")
            if line.kind is BlockKind.CAPTION
            else removal(line, "html.boilerplate", "not part of the main text (trafilatura's extraction)")
        )
    return None


def _widget(line: Line, where: int) -> Removal | None:
    """The Removal of a widget line by its vocabulary (less coverage suffices at the text's edges);
    a sentence of the text holding a date or a name stays."""
    if line.top_kind is None or line.units > MAX_WIDGET_UNITS or dated_sentence(line):
        return None
    if line.coverage >= REMOVE_COVERAGE:
        return kind_removal(line, edge=False)
    if where == EDGE and line.coverage >= EDGE_COVERAGE:
        return kind_removal(line, edge=True)
    return None
