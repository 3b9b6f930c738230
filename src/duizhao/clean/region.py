"""The main-text region of a scrape: where prose is dense.

A scraped page is mostly short lines (menus, link lists, labels, widgets) with the article as one
run of long, punctuated lines somewhere in the middle. The cleaner gives every line a score
(`score.line_score`: prose earns its length, anything else costs a little) and this module finds
the runs of lines with the highest total, as in body-text extraction by maximum-subarray (Finn et
al., "Fact or fiction", 2001), applied to lines instead of tags.

A page can hold several such runs: the article, then comments or replies, or a blog page's
further posts. The first run that is substantial (a fair share of the best one) is the text the
page is about; later runs are what readers wrote about it or what the site shows next to it.
"""

from __future__ import annotations

from dataclasses import dataclass

# A run earlier than the best one is the main text when it scores at least this share of the
# best. Why 0.3: an article's comment section or a blog's older posts can outweigh the article
# itself, but a teaser or a caption before the article scores far below a third of it.
FIRST_SHARE = 0.3
# Runs scoring less than this are not text at all (a stray long link title).
MIN_RUN_SCORE = 8.0


@dataclass(frozen=True)
class Run:
    start: int  # index of the first line
    end: int  # index after the last line
    score: float


def _best(
    scores: list[float], lo: int, hi: int, walls: frozenset[int] | set[int], lead: list[float] | None = None
) -> Run | None:
    """The highest-scoring contiguous run in scores[lo:hi] (Kadane) that crosses no wall (a wall
    at i separates line i-1 from line i), or None if all are <= 0. `lead[i]`: the part of
    scores[i] that is a cost before line i (what the HTML extractor dropped there), which a run
    that begins at line i does not pay."""
    # The best run so far as plain numbers (a Run is built once, at the end: this loop is hot).
    best_start, best_end, best_score = -1, -1, 0.0
    total, start = 0.0, lo
    for i in range(lo, hi):
        gap = lead[i] if lead else 0.0
        if total + gap <= 0 or i in walls:
            total, start = -gap, i
        total += scores[i]
        if total > 0 and (best_end < 0 or total > best_score):
            best_start, best_end, best_score = start, i + 1, total
    return Run(best_start, best_end, best_score) if best_end >= 0 else None


def runs(
    scores: list[float],
    walls: set[int] | frozenset[int] = frozenset(),
    min_score: float = MIN_RUN_SCORE,
    lead: list[float] | None = None,
) -> list[Run]:
    """Disjoint high-scoring runs in text order: the best run, then the best runs left and right
    of it, and so on (each at least `min_score`)."""
    found: list[Run] = []
    todo = [(0, len(scores))]
    while todo:
        lo, hi = todo.pop()
        run = _best(scores, lo, hi, walls, lead)
        if run is None or run.score < min_score:
            continue
        found.append(run)
        todo += [(lo, run.start), (run.end, hi)]
    return sorted(found, key=lambda r: r.start)


def main_run(
    scores: list[float], walls: set[int] | frozenset[int] = frozenset(), lead: list[float] | None = None
) -> Run | None:
    """The run the page is about: the first substantial one (see FIRST_SHARE).

    The first of `runs(scores, walls)` that scores at least FIRST_SHARE of the best, found
    without finding the others (speed): runs are found range by range, the best of a range,
    then those before it and those after it; so the ranges are searched in text order, and the
    runs after the best one overall, which can never come first, are not searched at all."""
    top = _best(scores, 0, len(scores), walls, lead)
    if top is None or top.score < MIN_RUN_SCORE:
        return None
    least = FIRST_SHARE * top.score
    # A stack of what is still to be looked at, the next in text order on top: a range (whose
    # best run comes after the runs before it) or a run found (tested when its turn comes).
    todo: list[tuple[int, int] | Run] = [top, (0, top.start)]
    while todo:
        item = todo.pop()
        if isinstance(item, Run):
            if item.score >= least:
                return item
            continue
        lo, hi = item
        run = _best(scores, lo, hi, walls, lead)
        if run is not None and run.score >= MIN_RUN_SCORE:
            todo += [(run.end, hi), run, (lo, run.start)]
    return top  # (never reached: the best run is on the stack, and it scores enough)
