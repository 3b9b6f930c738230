"""The main-text region: OUTSIDE, CORE or EDGE for every line. The run of prose the second
opinion agrees with, else the one under the page's headline, else the densest (region.py), and
the head and tail lines that belong with it."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import BlockKind
from ..read.lines import Line
from ..vocab.rules import Rules
from . import region, titles
from .coverage import EDGE_COVERAGE, LONG_LINE_UNITS
from .opinion import agreed_end, agreed_run, agreed_start
from .roles import belongs_to_head, belongs_to_tail, is_dateline, is_heading_like
from .score import CORE, EDGE, GALLERY_SLACK, GAP_BREAK, MAX_LINK_SHARE, OUTSIDE, line_scores

# How far the region reaches beyond its prose: lines before it that are the title, subtitle,
# byline, dateline or salutation, lines after it that are sign-offs, notes and source lines.
HEAD_REACH = 12
HEAD_MAX_HEADINGS = 1
# ... and a headline right above its dateline besides, a phrase of this many units (not a section
# label over a date: "Space", "Health"), when the heading taken is shorter than that.
DATED_HEADLINE_UNITS = 6
TAIL_REACH = 6
# Lines an element next to the text must hold to be a stanza of it (a poem's <p> of <br> lines).
STANZA_LINES = 2
STANZA_REACH = 8  # (how far around the line its element's other lines are looked at)


def main_region(
    lines: list[Line], rules: Rules, measure: Callable[[Line], Line], title: str = ""
) -> list[int]:
    """OUTSIDE, CORE or EDGE for every line: CORE is the densest run of prose, EDGE the head and
    tail lines that belong with it (title, byline, dateline, salutation; sign-off, notes).
    `title`: the page's title, whose copy in the text (the headline) locates the article."""
    scores, walls, markers, lead = line_scores(lines, rules)
    if title and lines and titles.agree(lines[0].text, title):
        # A scrape that opens with the page's <title>: that line is no run of text.
        scores[0] = -abs(scores[0])
        walls.add(1)
    agreed = agreed_run(lines, scores, walls, lead)
    if agreed is not None and _legal(lines[agreed.start : agreed.end], rules):
        agreed = None  # (a short post's page: the extractor took the site's legal footer for it)
    run = (
        agreed
        or _headline_run(lines, scores, walls, title, markers, lead)
        or region.main_run(scores, walls, lead)
    )
    if run is None:  # no prose at all: nothing to measure against, the line rules decide
        return [EDGE] * len(lines)
    run = _whole_elements(lines, agreed_start(lines, agreed_end(lines, run)), measure)
    inside = [OUTSIDE] * len(lines)
    inside[run.start : run.end] = [CORE] * (run.end - run.start)
    headings = below = 0  # (below: the longest heading taken under the dated headline's place)
    for i in range(run.start - 1, max(-1, run.start - 1 - HEAD_REACH), -1):
        line = measure(lines[i])
        if line.fixed and line.kind is BlockKind.HEADING and line.level == 1:
            inside[i] = EDGE  # the page's own title (HTML <h1>): what stands above it is chrome
            break
        if belongs_to_head(line, rules):
            inside[i] = EDGE
        elif is_heading_like(line, rules) and headings < HEAD_MAX_HEADINGS:
            headings += 1
            inside[i] = EDGE
            below = max(below, line.facts.units)
        elif (
            is_heading_like(line, rules)
            and below < DATED_HEADLINE_UNITS <= line.facts.units
            and is_dateline(measure(lines[i + 1]))
        ):
            # a headline right above its dateline, over a place line or a share button (not a
            # list's last item over the date of a headline that stands below it)
            inside[i] = EDGE
        else:
            break
    for i in range(run.end, min(len(lines), run.end + TAIL_REACH)):
        if belongs_to_tail(measure(lines[i]), rules) or _issuer(lines, i, rules):
            inside[i] = EDGE
        else:
            break
    return inside


# A run of lines is a site's legal footer when lines saying so (boilerplate.yml footer.legal:
# copyright, licences, 版权所有, ICP) hold this share of its units.
LEGAL_SHARE = 0.5


def _legal(run: list[Line], rules: Rules) -> bool:
    kind = next((k for k in rules.kinds if k.id == "footer.legal"), None)
    if kind is None:  # (an editor's rules without the kind: nothing to weigh)
        return False
    units = sum(line.units for line in run)
    legal = sum(line.units for line in run if kind.combined.search(line.text))
    return units > 0 and legal >= LEGAL_SHARE * units


# The issuing body's line above a dated signature ("工业和信息化部办公厅" / "2025年1月13日").
ISSUER_MAX_UNITS = 20


def _issuer(lines: list[Line], i: int, rules: Rules) -> bool:
    """A short line, no sentence, right above a date standing alone (a signoff)."""
    facts = lines[i].facts
    if i + 1 >= len(lines) or facts.ends_sentence or not 2 <= facts.units <= ISSUER_MAX_UNITS:
        return False
    below = lines[i + 1]
    return rules.starts["signoff"].matches(below.text, below.facts.folded) and bool(
        re.search(r"\d{4}", below.text)
    )


# The article begins within this many lines after its headline; a run that begins there is the
# text if it scores at least this share of the best run (comments under an article can outweigh it).
HEADLINE_REACH = 15
HEADLINE_SHARE = 0.1
# A page shows its headline a few times (a teaser, a breadcrumb, above the article, a share bar):
# the runs under so many of its first copies are weighed, no more (a page of a thousand copies
# costs no more than one of ten).
HEADLINE_COPIES = 8


def _headline_run(
    lines: list[Line], scores: list[float], walls: set[int], title: str,
    markers: frozenset[int] = frozenset(), lead: list[float] | None = None,
) -> region.Run | None:
    """The run of prose that starts right under the page's headline: where the page repeats its
    title in its text (a scrape opens with the <title>; the article with the headline). A page
    may show its headline more than once (in a list of teasers, then above the article): the
    article is the strongest of the runs under its copies (the first, when they tie)."""
    if not title:
        return None
    # (the headline may be the title without what follows a separator: "…的决议__2007年第23号公报")
    forms = [title, *[part for part in titles.SEPARATOR.split(title)[:1] if len(titles.key(part)) >= 8]]
    keys = [k for k in map(titles.key, forms) if k]
    heads = _copies(lines, keys)
    first = lines[0] if lines else None
    if first is not None and first.fixed and first.kind is BlockKind.HEADING and first.level == 1:
        # A page whose text opens on its own <h1> (no chrome before it, a forum thread's title):
        # that first line is the headline, not a scrape's copy of the <title>.
        if any(titles.keys_agree(titles.key(first.text), k) for k in keys):
            heads = [0, *heads]
    if not heads:
        return None
    found = region.runs(scores, walls, lead=lead)
    if not found:
        return None
    under = [_under_headline(at, list(found), scores, markers) for at in heads[:HEADLINE_COPIES]]
    return max((r for r in under if r is not None), key=lambda r: r.score, default=None)


def _copies(lines: list[Line], keys: list[str]) -> list[int]:
    """Indices of the lines after the first that agree with one of a title's `keys` (titles.key;
    a line shorter than AGREE_SHARE of the shortest key is not keyed: it cannot agree, as NFKC
    lengthens no text but one of ligatures and squared signs)."""
    if not keys:
        return []
    least = titles.AGREE_SHARE * min(map(len, keys))
    out = []
    for i, line in enumerate(lines):
        if i and line.units <= LONG_LINE_UNITS and len(line.text) >= least:
            mine = titles.key(line.text)
            if any(titles.keys_agree(mine, k) for k in keys):
                out.append(i)
    return out


def _under_headline(
    at: int, found: list[region.Run], scores: list[float], markers: frozenset[int]
) -> region.Run | None:
    """The article under the headline on line `at`, of the page's runs of prose `found`."""
    best = max(r.score for r in found)

    def under(r: region.Run) -> bool:
        # Within reach of the headline, or separated from it by no prose at all (a date, a row
        # of tags one to a line, share buttons: however many lines they take).
        return at < r.start and (
            r.start <= at + HEADLINE_REACH or all(scores[k] <= 0 for k in range(at + 1, r.start))
        )

    # A run that crosses the headline (prose above it ran on into the article): its part below.
    for r in [r for r in found if r.start <= at < r.end - 1]:
        start = next((k for k in range(at + 1, r.end) if scores[k] > 0), None)
        if start is not None:
            found.append(region.Run(start, r.end, sum(scores[start : r.end])))
    near = [r for r in found if under(r) and r.score >= HEADLINE_SHARE * best]
    if not near:
        return None
    chosen = max(near, key=lambda r: r.score)

    def bridged(a: region.Run, b: region.Run) -> bool:
        # The article goes on past a gallery or an advertisement the page put inside it: a gap
        # only a little longer than a wall, with no end-of-text marker in it.
        return b.start - a.end <= GAP_BREAK + GALLERY_SLACK and not any(
            k in markers for k in range(a.end, b.start + 1)
        )

    # Back towards the headline: the article's first part, under the headline too.
    for r in sorted((r for r in near if r.end <= chosen.start), key=lambda r: -r.start):
        if not bridged(r, chosen):
            break
        chosen = region.Run(r.start, chosen.end, chosen.score + r.score)
    # On past the gap: a run at least as strong as the article so far.
    after = sorted((r for r in found if r.start >= chosen.end), key=lambda r: r.start)
    if after and after[0].score >= chosen.score and bridged(chosen, after[0]):
        chosen = region.Run(chosen.start, after[0].end, chosen.score + after[0].score)
    return chosen


def _whole_elements(lines: list[Line], run: region.Run, measure: Callable[[Line], Line]) -> region.Run:
    """The run widened to the whole of the elements at its ends: lines one element holds, split
    by <br> (a post of short verse lines, a portal's article in one <div>), are one text, and a
    short line without a stop is no reason to cut it. It stops at a line the rules know as
    something else (a reply's footer "IP：隐藏 发表：2005-08-09"): an archive may hold a whole
    thread in one element."""
    start, end = run.start, run.end

    def same(i: int, j: int) -> bool:
        a = lines[i]
        return (
            bool(a.element)
            and a.element == lines[j].element
            and a.link_share <= MAX_LINK_SHARE  # (more: a menu the element also holds)
            and measure(a).coverage < EDGE_COVERAGE
        )

    def stanza(i: int, j: int) -> bool:
        # (a sibling element of several <br> lines, no link, no widget's words, nothing dropped
        # between: the next stanza of a poem, whose lines end no sentence)
        members = [x for x in lines[max(0, i - STANZA_REACH) : i + STANZA_REACH] if x.element == lines[i].element]
        return (
            bool(lines[i].element)
            and not lines[max(i, j)].gap_before
            and len(members) >= STANZA_LINES
            and all(x.link_share == 0 and measure(x).top_kind is None for x in members)
        )

    while True:
        while start > 0 and same(start - 1, start):
            start -= 1
        while end < len(lines) and same(end, end - 1):
            end += 1
        if start > 0 and stanza(start - 1, start):
            start -= 1
        elif end < len(lines) and stanza(end, end - 1):
            end += 1
        else:
            break
    return run if (start, end) == (run.start, run.end) else region.Run(start, end, run.score)
