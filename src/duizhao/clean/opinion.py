"""The second opinion on HTML pages: which lines the main-text extractor (trafilatura, see
read/extract.py) kept (Line.main), and when it may choose or trim our region of prose."""

from __future__ import annotations

from operator import attrgetter

from ..read.lines import Line
from . import region
from .score import CORE, GALLERY_SLACK, GAP_BREAK, MAX_LINK_SHARE, line_score

# HTML: the extractor's opinion removes lines from our region only when it kept this share of the
# region's prose, and only short lines (bylines, captions, labels, link lists): a long paragraph
# inside our region is text even where the extractor lost it in a table layout. Why 0.75: where
# both found the same article the extractor's finer judgement of captions, bylines and author
# boxes is better, and a region whose prose is 75-90% agreed is mostly such extras (gold tuning
# half: 0.9508 -> 0.9581, two pages lose a table or a lead); where it kept less it found
# something else (a page of two wired.com stories: 33-43%).
TRUST_SHARE = 0.75


NO_OPINION = frozenset([None])  # (every line's Line.main None: a set test, the loop in C)


def trust_second_opinion(lines: list[Line], inside: list[int]) -> bool:
    """Whether the extractor's opinion (Line.main) may remove lines from our region: only when it
    kept most of the region's prose, i.e. when both found the same text."""
    if NO_OPINION.issuperset(map(attrgetter("main"), lines)):  # (text scrapes: no opinion at all)
        return False
    prose = [
        line for line, where in zip(lines, inside, strict=True) if where == CORE and line_score(line) > 0
    ]
    if not prose:
        return False
    agreed = sum(line.units for line in prose if line.main)
    return agreed >= TRUST_SHARE * sum(line.units for line in prose)


# The run's tail the second opinion left out entirely ends the run when it holds this many units of
# prose and the second opinion kept at least TRUST_SHARE of the prose before it: the two agree on
# the text and disagree only on what follows it (teasers of other stories, an author's other posts).
DISOWNED_TAIL_UNITS = 40
# ... and when its prose lines are on average at most this share of the text's in length.
DISOWNED_TAIL_LENGTH = 0.6


def agreed_end(lines: list[Line], run: region.Run) -> region.Run:
    """The run without a tail of prose the second opinion kept none of, when it agrees with the rest."""
    cut = run.end
    while cut > run.start and lines[cut - 1].main is not True:
        cut -= 1
    if cut in (run.start, run.end) or all(line.main is None for line in lines[cut : run.end]):
        return run
    tail = [line.units for line in lines[cut : run.end] if line_score(line) > 0]
    body = [line for line in lines[run.start : cut] if line_score(line) > 0]
    agreed = sum(line.units for line in body if line.main)
    if sum(tail) < DISOWNED_TAIL_UNITS or agreed < AGREE_MIN_UNITS or agreed < TRUST_SHARE * sum(x.units for x in body):
        return run
    # Teasers are shorter than the text's paragraphs; a tail as long as them is more of the text
    # (the second opinion stopped early: it does, on pages that split an article in parts).
    if sum(tail) / len(tail) > DISOWNED_TAIL_LENGTH * sum(x.units for x in body) / len(body):
        return run
    return region.Run(run.start, cut, run.score)


# A head of the run the second opinion kept none of is cut off when it holds this many prose
# lines (and DISOWNED_TAIL_UNITS) and the opinion agrees with the rest: a list of teasers (other
# stories' headlines and first lines) that runs straight into the article; an article's own lead
# the extractor missed is a line or two.
DISOWNED_HEAD_LINES = 3


def agreed_start(lines: list[Line], run: region.Run) -> region.Run:
    """The run without a head of prose the second opinion kept none of, when it agrees with the rest."""
    cut = run.start
    while cut < run.end and lines[cut].main is False:
        cut += 1
    if cut in (run.start, run.end):
        return run
    head = [line.units for line in lines[run.start : cut] if line_score(line) > 0]
    body = [line for line in lines[cut : run.end] if line_score(line) > 0]
    agreed = sum(line.units for line in body if line.main)
    if (
        len(head) < DISOWNED_HEAD_LINES
        or sum(head) < DISOWNED_TAIL_UNITS
        or agreed < AGREE_MIN_UNITS
        or agreed < TRUST_SHARE * sum(x.units for x in body)
    ):
        return run
    return region.Run(cut, run.end, run.score)


# The second opinion (trafilatura, on HTML) chooses among our runs when it kept this many units
# of text and one of our runs holds most of them: the run it agrees with is the text, however the
# runs before it score (a summary under the headline, an index page's first post).
AGREE_MIN_UNITS = 40
AGREE_SHARE = 0.5


def agreed_run(
    lines: list[Line], scores: list[float], walls: set[int], lead: list[float] | None = None
) -> region.Run | None:
    """Of our runs of prose, the one holding most of the text the second opinion kept, when it
    holds most of it; None when there is no opinion or no run it agrees with."""
    kept = [line.units if line.main else 0 for line in lines]
    total = sum(kept)
    if total < AGREE_MIN_UNITS:
        return None
    best, best_units = None, 0
    for run in region.runs(scores, walls, lead=lead):
        units = sum(kept[run.start : run.end])
        if units > best_units:
            best, best_units = run, units
    if best is not None and best_units >= AGREE_SHARE * total:
        return kept_on(lines, best, total)
    # No one run holds it: a text of lists and short items (match statistics, recipes) breaks
    # into many runs. The span of what it kept is the text when most of that span is kept.
    # (Not on Chinese pages: on older Chinese portals the extractor keeps link lists and comment
    # threads too, see extract._second_opinion.)
    kept_at = [i for i, k in enumerate(kept) if k]
    han = sum(lines[i].facts.han for i in kept_at)
    if han * 2 >= total:
        return None
    start, end = kept_at[0], kept_at[-1] + 1
    span = sum(line.units for line in lines[start:end])
    return region.Run(start, end, float(total)) if total >= AGREE_SHARE * span else None


# Lines the second opinion did not keep that may stand between lines it kept, inside the text.
KEPT_GAP = 2


def kept_on(lines: list[Line], run: region.Run, total: int) -> region.Run:
    """The run with the lines the second opinion kept right before and after it (a list of tour
    dates, a table inside the article: not prose, so they end our run), across gaps of at most
    KEPT_GAP lines it did not keep, or across a gallery's width (GAP_BREAK + GALLERY_SLACK) to a
    block it kept of at least AGREE_MIN_UNITS. A line of links (a menu or a tag cloud it took in)
    stops the walk. Not on Chinese pages (see agreed_run)."""
    if sum(line.facts.han for line in lines if line.main) * 2 >= total:
        return run
    reach = GAP_BREAK + GALLERY_SLACK

    def block(k: int, step: int) -> tuple[int, int]:
        """From kept line k, the kept lines on in direction `step` (gaps of KEPT_GAP at most):
        (the last of them, their units)."""
        last, units, gap = k, 0, 0
        while 0 <= k < len(lines) and gap <= KEPT_GAP and lines[k].link_share <= MAX_LINK_SHARE:
            if lines[k].main:
                last, units, gap = k, units + lines[k].units, 0
            else:
                gap += 1
            k += step
        return last, units

    def walk(edge: int, step: int) -> int:
        """The new edge (index of the outermost line to take) walking from `edge` in `step`."""
        k = edge + step
        while 0 <= k < len(lines) and abs(k - edge) <= reach and lines[k].link_share <= MAX_LINK_SHARE:
            if lines[k].main:
                last, units = block(k, step)
                if abs(k - edge) - 1 > KEPT_GAP and units < AGREE_MIN_UNITS:
                    break
                edge, k = last, last + step
                continue
            k += step
        return edge

    end = walk(run.end - 1, 1) + 1
    start = walk(run.start, -1)
    return run if (start, end) == (run.start, run.end) else region.Run(start, end, run.score)
