"""Stage 2, clean: decoded text to body blocks, with an audit of everything removed or altered.

The text path works on lines. In order:
1. boilerplate by kind: a line mostly covered by widget/navigation vocabulary is removed; near the
   edges of the text (before the first or after the last prose line) less coverage suffices, because
   that is where widgets cluster;
2. head lines: the title, a truncated or duplicated title, bylines and datelines go to the header;
3. structure: headings, subtitles, salutations, sign-offs, list items, captions, notes;
4. torn paragraphs are rejoined (page breaks, hard wraps), never across a heading.
HTML is first flattened to the same kind of lines by `extract` and then follows the same path.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import replace
from operator import attrgetter

from .. import script
from ..model import Block, BlockKind, Cleaned, Decoded, Diagnostic, Level, Removal, Signal
from ..read import header
from ..read.lines import Facts, Line
from ..read.sidecar import Sidecar
from ..vocab import prefilter
from ..vocab import publishers as publishers_
from ..vocab.prefilter import StartPattern
from ..vocab.rules import Kind, Rules, vocabulary, vocabulary_words
from . import region, titles

# Where a line sits relative to the main-text region (see `_main_region`).
OUTSIDE, CORE, EDGE = 0, 1, 2
# Line scores for the region: prose earns its weight (Latin words and numbers count 1, a Han
# character 0.6, about a Chinese word's share); other lines cost a little, widgets more.
HAN_WEIGHT = 0.6
HAN_DISCOUNT = 1 - HAN_WEIGHT
PROSE_COST = 1.0
LINE_COST = 2.0
WIDGET_COST = 4.0
# The n-th non-prose line in a row costs n times its cost, up to this many times.
GAP_MAX_STEP = 5
# So many non-prose lines in a row end a text: what comes after is another text (the next post
# of a blog page, a reply) however long it is. Inside an article, captions, credits and a
# "Read more" line make gaps of one to five lines.
GAP_BREAK = 8
# HTML: the extractor's opinion removes lines from our region only when it kept this share of the
# region's prose, and only short lines (bylines, captions, labels, link lists): a long paragraph
# inside our region is text even where the extractor lost it in a table layout. Why 0.75: where
# both found the same article the extractor's finer judgement of captions, bylines and author
# boxes is better, and a region whose prose is 75-90% agreed is mostly such extras (gold tuning
# half: 0.9508 -> 0.9581, two pages lose a table or a lead); where it kept less it found
# something else (a page of two wired.com stories: 33-43%).
TRUST_SHARE = 0.75
# A line (HTML only) with more of its text inside links than this is a menu or link list entry.
MAX_LINK_SHARE = 0.5
# End-of-text markers (structure.yml end_of_text) are short lines: a heading, a count.
END_MARKER_UNITS = 15
# Markdown headings and short finished sentences ("正文在此。") are authored text, not page chrome:
# they score a little and never lengthen a gap.
SHORT_SENTENCE_WEIGHT = 1.5
AUTHORED_SCORE = 0.5
# A line is prose for the region when it weighs this much and ends like a sentence or a clause...
PROSE_MIN_WEIGHT = 4.0
# ...or when it is this long whatever its ending (text torn at a link, a long quote).
LONG_WEIGHT = 20.0
# Ends of a clause that continues on the next line (text dumps break lines at every link).
CLAUSE_ENDS = "，,、;；：:"
# How far the region reaches beyond its prose: lines before it that are the title, subtitle,
# byline, dateline or salutation, lines after it that are sign-offs, notes and source lines.
HEAD_REACH = 12
HEAD_MAX_HEADINGS = 1
TAIL_REACH = 6

# A line whose content characters are at least this share widget vocabulary is boilerplate.
# Why 0.6: widget lines are 80-100% vocabulary; prose that mentions "comments" or "分享" is <15%.
REMOVE_COVERAGE = 0.6
# Outside the prose (head and tail runs) widgets cluster and mix with site names: less suffices.
EDGE_COVERAGE = 0.3
# A line ending in a Chinese full stop is a sentence of the text (see _dated_sentence).
FULL_STOPS = ("。", "！", "？")
# Widgets that read as a sentence ("Racist, abusive and off-topic comments may be removed.") are
# at most this long; longer finished sentences inside the text are not measured (speed).
WIDGET_SENTENCE_UNITS = 20
# Longer lines are never removed for vocabulary alone: widgets are short, paragraphs are long.
MAX_WIDGET_UNITS = 40
# Lines longer than this are prose whatever they mention; their coverage is not even measured.
LONG_LINE_UNITS = 3 * MAX_WIDGET_UNITS
# A line with this many units, ending a sentence, counts as prose when finding the text's edges.
PROSE_MIN_UNITS = 12
# Headings are short: at most this many units (Han characters + Latin words).
HEADING_MAX_UNITS = 30
# A scraped page title repeated (often clipped) above the text: how much of it must recur below,
# and how far down it may sit (page titles come first).
TITLE_COPY_MIN_WORDS = 6
TITLE_COPY_SHARE = 0.9
TITLE_COPY_MAX_LINE = 2
# Parallel section headings: short one-sentence paragraphs sharing an opening of this many words.
PARALLEL_OPENING_WORDS = 4
PARALLEL_MIN_COUNT = 3
PARALLEL_MAX_UNITS = 25
# A zh line torn by a page break is long: short unfinished lines are headings or labels.
TORN_ZH_MIN_UNITS = 12

# Kinds whose presence in a widget line makes the metadata stage read it (a dateline inside a
# widget bar); a mere site name (meta.source) does not.
METADATA_CARRIERS = ("meta.date", "meta.byline")

# Fragment glue (see _glue_fragments): a line starting with one of these continues the last...
FRAGMENT_OPENERS = ",.;:!?%)]}’”、，。；：！？）》」』…"
# ...and so does the line after one ending in one of these.
FRAGMENT_ENDS = "([{“‘《「『,，、"
BARE_NUMBER = re.compile(r"^[\d.,%]+$")
INTRODUCING, HAN_CHAR = script.INTRODUCING, script.HAN_CHAR
CONTINUING_WORD = re.compile(rf"(?:^|\s)(?:{vocabulary()['en_continuing_words']}|\S+['’]s)$", re.I)
# The same test as a set lookup of the last word, folded as re.IGNORECASE compares letters
# (prefilter.fold): the 90-word alternation costs half a microsecond even at one position (speed).
CONTINUING_WORDS = frozenset(prefilter.fold(w) for w in vocabulary_words()["en_continuing_words"])
# Characters glued without a space: closing marks after, opening marks before.
NO_SPACE_BEFORE = ",.;:!?%)]}’”"
NO_SPACE_AFTER = "([{“‘"

MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
MD_QUOTE = re.compile(r"^>\s?")
BOLD_LEAD = re.compile(r"^\*\*(.+?)\*\*")
SUBTITLE = re.compile(r"^(——|--|—\s)\s*(?=\S)")
# Counting by deleting the rest is about twice as fast as listing every match (speed).
NOT_CONTENT = re.compile(r"[\W_]+")
ASCII_NOT_CONTENT = str.maketrans("", "", "".join(c for c in map(chr, range(128)) if not c.isalnum()))
WORD = re.compile(rf"{script.LETTER}+|\d+|[{script.HAN}]")


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


def _second_copies(kept: list[Line], copies: dict[int, int], removals: list[Removal]) -> list[Line]:
    """`kept` without the lines that belong to a second copy of a run of the text: a repeated line
    whose neighbour repeats the line next to its original. A line repeated on its own (a recipe's
    ingredient, a refrain, a slogan) is the text saying it twice, and stays. `copies`: id of a
    kept line -> the number of the line it repeats (ids: an HTML page puts many lines on one)."""
    if not copies:
        return kept
    gone: set[int] = set()
    for a, b in itertools.pairwise(kept):
        oa, ob = copies.get(id(a)), copies.get(id(b))
        if oa is not None and ob is not None and 0 < ob - oa <= b.no - a.no + COPY_SLACK:
            gone.update((id(a), id(b)))
    for line in kept:
        if id(line) in gone:
            removals.append(
                _removal(
                    line,
                    "duplicate.line",
                    f"repeats line {copies[id(line)]} word for word (a page's second copy of its text)",
                )
            )
    return [line for line in kept if id(line) not in gone]


# How much further apart two originals may be than their copies (blank lines, a removed widget
# between them in one copy) for the pair to count as a copied run.
COPY_SLACK = 3


# A line that is one figure ("17", "5040", "3.5%").
FIGURE = re.compile(r"^\s*[-+]?\d[\d.,:%]*\s*$")
# Why two: a page number stands alone between pages of text; a figure with another figure one or
# two lines away is a column of a table (results, statistics), whose numbers are the text.
COLUMN_REACH = 2


def _column_of_figures(lines: list[Line]) -> set[int]:
    """Indices of figure lines with another figure line within COLUMN_REACH lines."""
    figures = [i for i, line in enumerate(lines) if FIGURE.match(line.text)]
    return {
        i
        for k, i in enumerate(figures)
        if (k and i - figures[k - 1] <= COLUMN_REACH) or (k + 1 < len(figures) and figures[k + 1] - i <= COLUMN_REACH)
    }


def _word_units(line: Line) -> int:
    """A line's units without its addresses (a long link target makes no sentence longer)."""
    if "://" not in line.text:
        return line.units
    return script.units(script.ADDRESS.sub(" ", line.text))



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


def _removal(line: Line, rule: str, reason: str, action: str = "removed") -> Removal:
    return Removal(line.no, line.text, rule, reason, action)  # (positional: made for most lines)


def _kind_removal(line: Line, edge: bool) -> Removal:
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
    return _removal(line, kind.id, f"{kind.reason}{where}{extra}", action)


OUTSIDE_REASON = "outside the main text (the page's menus, link lists, comments or other posts)"


def _outside_removal(line: Line) -> Removal:
    kind = line.top_kind
    if kind is not None and line.coverage >= EDGE_COVERAGE:
        return _removal(line, kind.id, f"{kind.reason}; {OUTSIDE_REASON}")
    return Removal(line.no, line.text, "page.outside", OUTSIDE_REASON)


def line_score(line: Line, list_marker: re.Pattern[str] | StartPattern | None = None) -> float:
    """What a line adds to the main-text region (see region.py)."""
    if line.coverage >= REMOVE_COVERAGE and line.units <= MAX_WIDGET_UNITS:
        return -WIDGET_COST
    if line.link_share > MAX_LINK_SHARE:
        return -LINE_COST
    facts = line.facts
    han = facts.han if line.units else 0
    weight = line.units - HAN_DISCOUNT * han
    if weight >= PROSE_MIN_WEIGHT and (
        weight >= LONG_WEIGHT or facts.ends_sentence or line.text[-1] in CLAUSE_ENDS
    ):
        return weight - PROSE_COST
    if (
        (line.text[0] == "#" and MD_HEADING.match(line.text))
        or (weight >= SHORT_SENTENCE_WEIGHT and facts.ends_sentence)
        or (list_marker is not None and weight >= 1 and not line.fixed and list_marker.match(line.text))
    ):
        # a Markdown heading, a marked list item or a short finished sentence: written, not chrome
        return AUTHORED_SCORE
    return -LINE_COST


NO_OPINION = frozenset([None])  # (every line's Line.main None: a set test, the loop in C)


def _trust_second_opinion(lines: list[Line], inside: list[int]) -> bool:
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


def _scores(lines: list[Line], rules: Rules) -> tuple[list[float], set[int], frozenset[int]]:
    """Line scores, where each further non-prose line in a row costs more than the last (up to
    GAP_MAX_STEP times): a caption or an inline link inside an article is a small gap, the menus
    and reply headers between an article and its comments a wide one. Gaps of GAP_BREAK lines
    are walls (indices of the lines right after them): no run of text reaches across. Also the
    indices of the end-of-text markers (a comment thread, a legal block starts there)."""
    out: list[float] = []
    walls: set[int] = set()
    markers: set[int] = set()
    streak = 0
    end_of_text, list_marker = rules.starts["end_of_text"], rules.list_start or rules.list_marker
    ends_text = end_of_text.matches
    for i, line in enumerate(lines):
        extra = 0.0
        if line.gap_before:  # text the HTML extractor dropped counts as junk lines
            for _ in range(line.gap_before):
                streak += 1
                extra -= LINE_COST * min(streak, GAP_MAX_STEP)
        score = line_score(line, list_marker)
        if score < 0:
            streak += 1
            score *= streak if streak < GAP_MAX_STEP else GAP_MAX_STEP  # (min(), without a call)
        if streak >= GAP_BREAK:
            walls.add(i)
        if line.units <= END_MARKER_UNITS and ends_text(line.text):
            walls.update((i, i + 1))  # a comment thread or the site's legal block starts here
            markers.add(i)
        if line.gap_text and any(end_of_text.matches(t) for t in line.gap_text if len(t) < 60):
            walls.add(i)
        if score > 0:
            streak = 0
        out.append(score + extra)
    return out, walls, frozenset(markers)


def _main_region(
    lines: list[Line], rules: Rules, measure: Callable[[Line], Line], title: str = ""
) -> list[int]:
    """OUTSIDE, CORE or EDGE for every line: CORE is the densest run of prose, EDGE the head and
    tail lines that belong with it (title, byline, dateline, salutation; sign-off, notes).
    `title`: the page's title, whose copy in the text (the headline) locates the article."""
    scores, walls, markers = _scores(lines, rules)
    if title and lines and titles.agree(lines[0].text, title):
        # A scrape that opens with the page's <title>: that line is no run of text.
        scores[0] = -abs(scores[0])
        walls.add(1)
    run = (
        _agreed_run(lines, scores, walls)
        or _headline_run(lines, scores, walls, title, markers)
        or region.main_run(scores, walls)
    )
    if run is None:  # no prose at all: nothing to measure against, the line rules decide
        return [EDGE] * len(lines)
    run = _agreed_end(lines, run)
    inside = [OUTSIDE] * len(lines)
    inside[run.start : run.end] = [CORE] * (run.end - run.start)
    headings = 0
    for i in range(run.start - 1, max(-1, run.start - 1 - HEAD_REACH), -1):
        line = measure(lines[i])
        if line.fixed and line.kind is BlockKind.HEADING and line.level == 1:
            inside[i] = EDGE  # the page's own title (HTML <h1>): what stands above it is chrome
            break
        if _belongs_to_head(line, rules):
            inside[i] = EDGE
        elif _is_heading_like(line, rules) and headings < HEAD_MAX_HEADINGS:
            headings += 1
            inside[i] = EDGE
        else:
            break
    for i in range(run.end, min(len(lines), run.end + TAIL_REACH)):
        if _belongs_to_tail(measure(lines[i]), rules):
            inside[i] = EDGE
        else:
            break
    return inside


# The run's tail the second opinion left out entirely ends the run when it holds this many units of
# prose and the second opinion kept at least TRUST_SHARE of the prose before it: the two agree on
# the text and disagree only on what follows it (teasers of other stories, an author's other posts).
DISOWNED_TAIL_UNITS = 40
# ... and when its prose lines are on average at most this share of the text's in length.
DISOWNED_TAIL_LENGTH = 0.6


def _agreed_end(lines: list[Line], run: region.Run) -> region.Run:
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


# The second opinion (trafilatura, on HTML) chooses among our runs when it kept this many units
# of text and one of our runs holds most of them: the run it agrees with is the text, however the
# runs before it score (a summary under the headline, an index page's first post).
AGREE_MIN_UNITS = 40
AGREE_SHARE = 0.5


def _agreed_run(lines: list[Line], scores: list[float], walls: set[int]) -> region.Run | None:
    """Of our runs of prose, the one holding most of the text the second opinion kept, when it
    holds most of it; None when there is no opinion or no run it agrees with."""
    kept = [line.units if line.main else 0 for line in lines]
    total = sum(kept)
    if total < AGREE_MIN_UNITS:
        return None
    best, best_units = None, 0
    for run in region.runs(scores, walls):
        units = sum(kept[run.start : run.end])
        if units > best_units:
            best, best_units = run, units
    if best is not None and best_units >= AGREE_SHARE * total:
        return _kept_on(lines, best, total)
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


def _kept_on(lines: list[Line], run: region.Run, total: int) -> region.Run:
    """The run with the lines the second opinion kept right before and after it (a list of tour
    dates, a table inside the article: not prose, so they end our run), across gaps of at most
    KEPT_GAP lines it did not keep, or across a gallery's width (GAP_BREAK + GALLERY_SLACK) to a
    block it kept of at least AGREE_MIN_UNITS. A line of links (a menu or a tag cloud it took in)
    stops the walk. Not on Chinese pages (see _agreed_run)."""
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


# The article begins within this many lines after its headline; a run that begins there is the
# text if it scores at least this share of the best run (comments under an article can outweigh it).
HEADLINE_REACH = 15
HEADLINE_SHARE = 0.1
# Lines beyond a wall's width a gallery inside an article may take (its captions, "1 of 6").
GALLERY_SLACK = 4


def _headline_run(
    lines: list[Line], scores: list[float], walls: set[int], title: str, markers: frozenset[int] = frozenset()
) -> region.Run | None:
    """The run of prose that starts right under the page's headline: where the page repeats its
    title in its text (a scrape opens with the <title>; the article with the headline)."""
    if not title:
        return None
    # (the headline may be the title without what follows a separator: "…的决议__2007年第23号公报")
    forms = [title, *[part for part in titles.SEPARATOR.split(title)[:1] if len(titles.key(part)) >= 8]]
    at = next(
        (
            i
            for i, line in enumerate(lines)
            if i and line.units <= LONG_LINE_UNITS and any(titles.agree(line.text, f) for f in forms)
        ),
        None,
    )
    if at is None:
        return None
    found = region.runs(scores, walls)
    if not found:
        return None
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


def _dated_sentence(line: Line) -> bool:
    """A sentence of the text that holds a date or a name ("本法自2017年6月1日起施行。"), not a
    dateline or a byline: those never end in a Chinese full stop."""
    kind = line.top_kind
    return kind is not None and kind.action == "metadata" and line.text.endswith(FULL_STOPS)


def _is_widget(line: Line) -> bool:
    return line.top_kind is not None and line.coverage >= EDGE_COVERAGE and line.units <= MAX_WIDGET_UNITS


def _belongs_to_head(line: Line, rules: Rules) -> bool:
    text = line.text
    return (
        _is_widget(line)
        or bool(MD_HEADING.match(text) or SUBTITLE.match(text))
        or rules.starts["salutation"].matches(text, line.facts.folded)
        or not line.facts.has_content
    )


def _belongs_to_tail(line: Line, rules: Rules) -> bool:
    text = line.text
    return _is_widget(line) or any(
        rules.starts[k].matches(text, line.facts.folded) for k in ("signoff", "note", "caption")
    )


def _continues(prev: Line, line: Line) -> bool:
    """True when `line` is the rest of the sentence `prev` was cut from: text dumps break a line
    at every link or styled span ("Japan's" / "Nikkei 225" / "(" / "N225" / ")" / "declined…")."""
    a, b = prev.text, line.text
    # (A line glued already may be glued again: ask its ending alone rather than count it all.)
    if script.ends_sentence(a) if prev.more else prev.facts.ends_sentence:
        return False
    end, start = a[-1], b[0]
    if end in INTRODUCING or b.startswith("!["):  # (a Markdown image opens no sentence's rest)
        return False
    if start in FRAGMENT_OPENERS or start.islower() or end in FRAGMENT_ENDS:
        return True
    # BARE_NUMBER, after a look at the first character (most lines do not start like a number)
    if ((a[0].isdecimal() or a[0] in ".,%") and BARE_NUMBER.match(a)) or (
        (start.isdecimal() or start in ".,%") and BARE_NUMBER.match(b)
    ):
        # "1956" / "年生人，": a number set apart by a span, glued to the Chinese around it
        return bool(HAN_CHAR.match(start) or HAN_CHAR.match(end))
    return _ends_on_continuing_word(a)


# A piece this short (Han characters, numbers and words) inside a Markdown paragraph that holds
# Chinese is a torn span: WeChat-style editors wrap every styled run ("202" / "5" / "年" / "7" /
# "月1日起实施") and converters write one line each, inside one paragraph (no blank line).
TORN_PIECE_UNITS = 3
# Lines a Markdown paragraph cannot continue into: headings, list items, quotes, tables, images.
TORN_NUMBER = re.compile(r"^[-+/.]?\d[\d.,%/-]*$")
MD_BLOCK_START = re.compile(r"^(?:#{1,6}\s|[*+-]\s|\d{1,3}[.)]\s|>|\||!\[|```|~~~)")


def _torn(piece: str, line: Line) -> bool:
    """True when `line`, on the line right after `piece` in a Markdown scrape, is the rest of the
    same Chinese paragraph, torn at a styled span (see TORN_PIECE_UNITS)."""
    text = line.text
    if line.blank_before or not piece or MD_BLOCK_START.match(text) or MD_BLOCK_START.match(piece):
        return False
    if script.ends_sentence(piece):
        return False
    if not (HAN_CHAR.search(piece) or HAN_CHAR.search(text)):
        # a number torn in two or three ("GM/T0001.4-202" / "4", "GM/T0" / "136" / "-202")
        return piece[-1:].isalnum() and bool(TORN_NUMBER.match(text) or TORN_NUMBER.match(piece))
    return script.units(piece) <= TORN_PIECE_UNITS or script.units(text) <= TORN_PIECE_UNITS


def _ends_on_continuing_word(text: str) -> bool:
    """CONTINUING_WORD.search(text), answered from the last word alone (speed): the pattern ends
    at `$` and its word cannot hold a space, so it matches exactly when the last word is one of
    the words (ASCII, compared folded) or ends in 's."""
    if not text or not text[-1].isalpha():
        # Every alternative ends in a letter; a trailing space (never after stripping) or
        # newline is left to the whole scan, which stays exact.
        return bool(text) and text[-1].isspace() and bool(CONTINUING_WORD.search(text))
    last = text[text.rfind(" ") + 1 :]
    if not last.isprintable():  # another kind of space in it (every other one is unprintable)
        last = text.rsplit(None, 1)[-1]
    folded = last.lower() if last.isascii() else prefilter.fold(last)
    return folded in CONTINUING_WORDS or (len(last) >= 3 and last[-2] in "'’" and folded[-1] == "s")


def _glue_fragments(
    lines: list[Line], rules: Rules, removals: list[Removal], markdown: bool = False
) -> list[Line]:
    """Rejoin sentence fragments into one line before anything is judged (only ever lines the
    extractor left as plain paragraphs; in a Markdown scrape, also the torn pieces of one
    paragraph, see _torn)."""
    out: list[Line] = []
    paragraph, salutation = BlockKind.PARAGRAPH, rules.starts["salutation"]
    prev: Line | None = None  # out[-1]
    glued: list[Line] = []
    opening = ""  # the first word of the piece glued last
    piece = ""  # the text of the line glued last (or of prev itself)
    firsts = [_first_word(x.text) for x in lines]
    for i, line in enumerate(lines):
        first = firsts[i]
        # (the first item of a list shares its opening with the next line)
        listed = bool(first) and (first == opening or (i + 1 < len(lines) and first == firsts[i + 1]))
        if (
            prev is not None
            and prev.kind is paragraph
            and line.kind is paragraph
            and not prev.fixed
            and not line.fixed
            and (_continues(prev, line) or (markdown and _torn(piece, line)))
            and not salutation.matches(prev.text)
            and not listed
        ):
            removals.append(
                Removal(
                    line.no,
                    "",
                    "join.fragment",
                    f"rest of the sentence on line {prev.no} (the scrape broke it at a link or span)",
                    "altered",
                )
            )
            if not prev.more:
                glued.append(prev)
            # (Its Facts are retaken once it is whole, below: until then only its text is read.)
            torn = markdown and not _continues(prev, line)
            prev.text = _glue(prev.text, line.text, torn)
            prev.more = (*prev.more, line.no)
            opening, piece = first, line.text
            continue
        out.append(line)
        prev, opening, piece = line, first, line.text
    for line in glued:
        line.retext(line.text)
    return out


# A lower-case first word: lines that open with the same one ("icon bookmark" / "icon camera" /
# "icon check") are the items of a list, which no sentence continues this way.
FIRST_WORD = re.compile(r"[a-z][a-z-]*(?=\s)")


def _first_word(text: str) -> str:
    m = FIRST_WORD.match(text)
    return m.group(0) if m else ""


def _lines(text: str) -> list[Line]:
    out: list[Line] = []
    blank = True
    # Scraped pages repeat their menus and link lists: a line text seen before in this document
    # shares the earlier one's string and counts (a per-document memo, gone with the document).
    counted: dict[str, Facts] = {}
    for no, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if not stripped:
            blank = True
            continue
        facts = counted.get(stripped)
        if facts is None:
            facts = counted[stripped] = Facts(stripped)
        out.append(Line(no, facts.text, blank, facts))
        blank = False
    return out


# A line of HTML tags only (with their attributes), no text between them.
TAG_LINE = re.compile(r"^(?:\s*</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>)+\s*$")
# A Markdown link's target, with its optional title: (address "title").
LINK_TARGET = r"\([^)\s]*(?:\s+\"[^\"]*\")?\)"
MD_LINK = re.compile(r"!?\[([^\]\[]*)\]" + LINK_TARGET)


# Inline markup of a Markdown scrape's text lines: images, a link's address (its text stays) and
# HTML tags, template shortcodes ("{{< video src=… >}}", Hugo's).
INLINE_MARKUP = re.compile(
    r"!\[[^\]\[]*\]" + LINK_TARGET  # an image
    + r"|(?<=\])" + LINK_TARGET  # a link's address, after its text
    + r"|\[(?=[^\]\[]*\]\()|\](?=\()"  # the brackets around a link's text
    r"|</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>"  # an HTML tag
    r"|\{\{[<%].*?[>%]\}\}"  # a template shortcode
)


def _inline_markup(kept: list[Line], removals: list[Removal]) -> list[Line]:
    """Kept lines of a Markdown scrape without their inline markup (the reader sees the words, the
    audit keeps what went); a line that was only markup goes."""
    out: list[Line] = []
    for line in kept:
        if "](" not in line.text and "<" not in line.text and "{{" not in line.text:
            out.append(line)
            continue
        gone = [m.group(0) for m in INLINE_MARKUP.finditer(line.text)]
        if not gone:
            out.append(line)
            continue
        text = INLINE_MARKUP.sub("", line.text)
        if not content_len(text):
            removals.append(
                _removal(line, "markup.inline", "images, link addresses, tags and shortcodes only: markup, not text")
            )
            continue
        removals.append(
            Removal(line.no, "".join(gone), "markup.inline", "images, link addresses, tags and shortcodes: markup", "altered")
        )
        line.retext(re.sub(r"\s{2,}", " ", text).strip())
        if any(g.lower().startswith("<figcaption") for g in gone):
            line.kind = BlockKind.CAPTION  # (a caption stands apart from the prose around it)
        out.append(line)
    return out


def _markdown_link_share(text: str) -> float:
    """The share of a line's words (not counting addresses) that are link text: the Markdown
    counterpart of an HTML line's link share."""
    linked = sum(len(m.group(1).strip()) for m in MD_LINK.finditer(text))
    shown = len(MD_LINK.sub(lambda m: m.group(1), text).strip(" *-+•|"))
    return min(1.0, linked / shown) if shown else 1.0


def _is_prose(line: Line) -> bool:
    facts = line.facts
    return (
        line.coverage < EDGE_COVERAGE
        and facts.units >= PROSE_MIN_UNITS
        and (facts.ends_sentence or facts.units >= 2 * PROSE_MIN_UNITS)
    )


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def _shingles(words: list[str], n: int = 3) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1))}


def _spaced_words(text: str) -> tuple[int, str]:
    """How many words `text` has (see _words), and the words lowercased between single spaces
    (" a b c "): a word trigram, or the start of a word, is then a substring test (speed)."""
    words = WORD.findall(text)
    return len(words), " " + " ".join(words).lower() + " "


def _truncated_copy(head: Line, later: list[Line], spaced: dict[str, tuple[int, str]]) -> bool:
    """True when `head` is a clipped or repeated copy of a later line (a scraped page title).

    Nearly all of its word trigrams (Han characters count as words) must recur in one later line,
    and its last word be a word of that line or the start of one (the clip point).
    `spaced` keeps each line's _spaced_words for the document (the first lines all compare with
    the same later ones).
    """
    count, words_spaced = _spaced(head.text, spaced)
    if count < TITLE_COPY_MIN_WORDS:
        return False
    words = words_spaced.split()  # _words(head.text)
    grams: list[str] = []  # the head's distinct trigrams as " a b c ", made when first needed
    start = " " + words[-1]
    for other in later:
        # Two cheap tests that must hold: a line has no more words than characters, and the
        # clip point occurs in it somewhere.
        if len(other.text) < count or words[-1] not in other.text.lower():
            continue
        other_count, target = _spaced(other.text, spaced)
        if other_count < count or start not in target:
            continue
        grams = grams or [" " + " ".join(gram) + " " for gram in _shingles(words[:-1])]
        if _shares_enough(grams, target):
            return True
    return False


def _spaced(text: str, memo: dict[str, tuple[int, str]]) -> tuple[int, str]:
    if text not in memo:
        memo[text] = _spaced_words(text)
    return memo[text]


def _shares_enough(grams: list[str], target: str) -> bool:
    """Whether the share of `grams` found in `target` is at least TITLE_COPY_SHARE, settled as
    soon as the grams looked at so far settle it either way (speed)."""
    found = missed = 0
    for gram in grams:
        if gram in target:
            found += 1
            if found / len(grams) >= TITLE_COPY_SHARE:
                return True
        else:
            missed += 1
            if (len(grams) - missed) / len(grams) < TITLE_COPY_SHARE:
                return False
    return found / len(grams) >= TITLE_COPY_SHARE


def _is_heading_like(line: Line, rules: Rules) -> bool:
    text = line.text
    facts = line.facts
    if facts.units == 0 or facts.units > HEADING_MAX_UNITS:
        return False
    if facts.ends_sentence or text.rstrip()[-1] in "，,、:：;；":
        return False
    if rules.not_heading_openers.match(text):
        return False
    return True


def _matches(line: Line, wanted: tuple[int | str, ...]) -> bool:
    return line.no in wanted or line.text in wanted


def clean_lines(
    lines: list[Line], rules: Rules, overrides: Sidecar | None = None
) -> tuple[list[Block], list[Removal]]:
    """The text path over already-split lines (also used for HTML after extraction).

    `overrides` is the document's sidecar: its `keep` lines are never removed, its `drop` lines
    always are (by line number or exact text)."""
    blocks, removals, _ = _clean_lines(lines, rules, overrides)
    return blocks, removals


def _clean_lines(
    lines: list[Line],
    rules: Rules,
    overrides: Sidecar | None = None,
    page_title: str = "",
    markup: bool = False,
    whole: bool = False,
) -> tuple[list[Block], list[Removal], list[str]]:
    """clean_lines, and the script.language of each block. `page_title`: the title the page's
    signals state (titles.strong), so that only the line that is it becomes the title. `markup`:
    the lines are a Markdown scrape's, whose kept lines lose their inline markup. `whole`: the
    lines are a document's own, with no site around them (a PDF: its reader took the furniture)."""
    removals: list[Removal] = []
    keep = overrides.keep if overrides else ()
    drop = overrides.drop if overrides else ()
    if drop:
        where = overrides.path if overrides else "sidecar"
        for line in [x for x in lines if _matches(x, drop)]:
            removals.append(_removal(line, "sidecar.drop", f"dropped by the editor in {where}"))
        lines = [x for x in lines if not _matches(x, drop)]
    lines = _glue_fragments(lines, rules, removals, markup)
    for line in lines:
        line.units = line.facts.units
    # Vocabulary coverage is the costly measure: it is taken only for lines in and around the
    # main text (menus far from it go as "outside" whatever they say), once per distinct line.
    measured: dict[str, tuple[float, Kind | None, tuple[str, ...]]] = {}

    def measure(line: Line) -> Line:
        if line.text not in measured:
            measured[line.text] = coverage(line.text, rules, line.units)
        line.coverage, line.top_kind, line.kinds_found = measured[line.text]
        return line

    # 1. The main-text region: menus, link lists and comment threads around it go.
    inside = (
        [CORE] * len(lines) if whole else _main_region(lines, rules, measure, page_title or _first_line_title(lines))
    )
    for i, line in enumerate(lines):
        # Inside the text a finished sentence of some length is prose, not a widget: skip it.
        if inside[i] and (_word_units(line) <= WIDGET_SENTENCE_UNITS or not line.facts.ends_sentence):
            measure(line)
    trusted = _trust_second_opinion(lines, inside)
    column = _column_of_figures(lines)
    kept: list[Line] = []
    seen: dict[str, int] = {}
    copies: dict[int, int] = {}  # id of a line -> the earlier line it repeats word for word
    for i, line in enumerate(lines):
        if keep and _matches(line, keep):
            line.pinned = True
            kept.append(line)
            continue
        if not line.facts.has_content:
            removals.append(
                _removal(line, "markup.separator", "a line of punctuation only (separator or stray mark)")
            )
            continue
        short = line.units <= MAX_WIDGET_UNITS
        if not inside[i]:
            removals.append(
                Removal(line.no, line.text, "page.outside", OUTSIDE_REASON)
                if line.top_kind is None  # (never measured, or no vocabulary: most lines)
                else _outside_removal(line)
            )
        elif (
            line.link_share > MAX_LINK_SHARE
            and not line.facts.ends_sentence
            and line.units <= MAX_WIDGET_UNITS
        ):
            removals.append(
                _removal(
                    line, "html.links", "a link to another page (menu or related links), not part of the text"
                )
            )
        elif (
            trusted
            and inside[i] == CORE
            and line.main is False
            and short
        ):
            removals.append(
                _removal(line, "html.caption", "a photo caption the main-text extractor leaves out, not the text")
                if line.kind is BlockKind.CAPTION
                else _removal(line, "html.boilerplate", "not part of the main text (trafilatura's extraction)")
            )
        elif i in column and line.top_kind is not None and line.top_kind.id == "page.number":
            kept.append(line)  # (a figure among figures: a table's column, not a page number)
        elif line.top_kind is not None and short and line.coverage >= REMOVE_COVERAGE and not _dated_sentence(line):
            removals.append(_kind_removal(line, edge=False))
        elif (
            line.top_kind is not None
            and short
            and inside[i] == EDGE
            and line.coverage >= EDGE_COVERAGE
            and not _dated_sentence(line)
        ):
            removals.append(_kind_removal(line, edge=True))
        elif line.units >= PROSE_MIN_UNITS and line.text in seen:
            copies[id(line)] = seen[line.text]
            kept.append(line)
        else:
            seen.setdefault(line.text, line.no)
            kept.append(line)
    kept = _second_copies(kept, copies, removals)

    # 2. Head lines: truncated or duplicated page titles (never an explicit Markdown heading).
    head: list[Line] = []
    spaced: dict[str, tuple[int, str]] = {}
    for i, line in enumerate(kept):
        if (
            i < TITLE_COPY_MAX_LINE
            and not MD_HEADING.match(line.text)
            and _truncated_copy(line, kept[i + 1 :], spaced)
        ):
            removals.append(
                _removal(
                    line,
                    "title.truncated",
                    "a clipped or repeated copy of text that appears in full below (scraped page title)",
                )
            )
        else:
            head.append(line)
    kept = head
    # An opening line the region left out may be the scrape's clipped title: say so, the more
    # specific reason.
    # (by number and text: an HTML page has many lines on one source line)
    opening = {(line.no, line.text): line for line in lines[:TITLE_COPY_MAX_LINE]}
    for k, removal in enumerate(removals):
        line = opening.get((removal.line, removal.text))
        if line is not None and removal.rule == "page.outside" and _truncated_copy(line, kept, spaced):
            removals[k] = _removal(
                line, "title.truncated", "a clipped or repeated copy of text that appears in full below (scraped page title)"
            )
    if markup:
        kept = _inline_markup(kept, removals)
    kept = _structure(kept, rules, removals, page_title)
    blocks, facts = _join(kept, removals)
    blocks = _parallel_headings(blocks, [f.units for f in facts])
    return blocks, removals, [f.language for f in facts]


def _first_line_title(lines: list[Line]) -> str:
    """A text scrape's first line when it reads as the page's <title> ("Headline | Site"): what a
    careless copy of a page begins with."""
    if not lines or lines[0].units > HEADING_MAX_UNITS * 2 or lines[0].facts.ends_sentence:
        return ""
    return titles.strip_site(lines[0].text, [], None)


def _structure(lines: list[Line], rules: Rules, removals: list[Removal], page_title: str = "") -> list[Line]:
    """Mark headings, subtitles, salutations, sign-offs, list items, captions and notes, and move
    the title into the header: the line that is the page's stated title (`page_title`) when
    there is one, else the first heading-like line before the prose, per language."""
    starts = rules.starts
    out: list[Line] = []
    body_start = next((i for i, line in enumerate(lines) if _is_prose(line)), len(lines))
    titles: set[str] = set()
    # In texts that separate paragraphs by blank lines, a heading stands alone: a short line
    # running straight into the next is a hard-wrapped sentence, not a heading.
    spaced = sum(line.blank_before for line in lines) * 2 >= len(lines)

    def stands_alone(i: int) -> bool:
        return not spaced or i + 1 >= len(lines) or lines[i + 1].blank_before

    for i, line in enumerate(lines):
        text = line.text
        if line.fixed or line.kind is BlockKind.CAPTION:  # (a <figcaption>: its markup said so)
            out.append(line)
            continue
        m = MD_HEADING.match(text)
        if m:
            removals.append(
                Removal(line.no, m.group(1) + " ", "markup.heading", "Markdown heading marker", "altered")
            )
            line.retext(m.group(2))
            line.kind, line.level = BlockKind.HEADING, len(m.group(1))
        elif MD_QUOTE.match(text):
            marker = MD_QUOTE.match(text).group(0)
            removals.append(Removal(line.no, marker, "markup.quote", "Markdown quotation marker", "altered"))
            line.retext(text[len(marker) :])
            line.kind = BlockKind.QUOTE
        elif (
            (i < body_start or i <= 2) and SUBTITLE.match(text) and line.facts.units <= HEADING_MAX_UNITS * 2
        ):
            line.kind, line.level = BlockKind.HEADING, 2
        elif (
            starts["salutation"].matches(text, line.facts.folded)
            and line.facts.units <= 30
            and not script.ends_sentence(text.rstrip("!！"))
        ):
            line.kind = BlockKind.SALUTATION
        elif starts["signoff"].matches(text, line.facts.folded) and line.facts.units <= 15:
            line.kind = BlockKind.SIGNOFF
        elif starts["caption"].matches(text, line.facts.folded):
            line.kind = BlockKind.CAPTION
        elif i >= body_start and starts["note"].matches(text, line.facts.folded):
            line.kind = BlockKind.NOTE
        else:
            marker = (rules.list_start or rules.list_marker).match(text)
            if marker and marker.end() < len(text):
                rest = text[marker.end() :]
                removals.append(
                    Removal(line.no, marker.group(0).strip(), "markup.list", "list marker", "altered")
                )
                line.retext(rest)
                line.kind = BlockKind.LIST_ITEM
            elif _is_heading_like(line, rules) and i < len(lines) - 1 and stands_alone(i):
                nxt = lines[i + 1]
                if nxt.facts.units > line.facts.units or nxt.kind is BlockKind.HEADING:
                    line.kind, line.level = BlockKind.HEADING, 2
        bold = BOLD_LEAD.match(line.text)
        if bold and line.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            inner = bold.group(1)
            line.retext(inner + line.text[bold.end() :])
            line.strong = ((0, len(inner)),)
            removals.append(Removal(line.no, "** **", "markup.bold", "Markdown bold markers", "altered"))
        out.append(line)

    # The title: the page's <h1> when it has one before the prose (what stands above it is a
    # section label or kicker), else the first heading-like line before the prose, per language.
    h1 = next(
        (
            i
            for i, line in enumerate(out[:body_start])
            if line.fixed and line.kind is BlockKind.HEADING and line.level == 1
        ),
        None,
    )
    result: list[Line] = []
    if page_title:
        return _stated_title(out, page_title, body_start, removals)
    for i, line in enumerate(out):
        lang = line.facts.language
        if h1 is not None and i < h1 and not line.pinned and _is_heading_like(line, rules):
            removals.append(_removal(line, "page.kicker", "a section label above the page's title"))
            continue
        is_title = (
            i < body_start
            and not line.pinned
            and lang not in titles
            and (
                line.kind is BlockKind.HEADING
                or (
                    line.kind is BlockKind.PARAGRAPH
                    and _is_heading_like(line, rules)
                    and not line.fixed
                    and stands_alone(i)
                )
            )
        )
        if is_title:
            titles.add(lang)
            removals.append(
                _removal(line, "meta.title", "the document title, shown in the page header", "metadata")
            )
            continue
        result.append(line)
    return result


# The page's stated title is looked for among the lines up to the prose and this many more (a
# page may open with a summary line longer than its title).
TITLE_REACH = 3


def _stated_title(lines: list[Line], page_title: str, body_start: int, removals: list[Removal]) -> list[Line]:
    """With a title the page states (its header, og:title...): the first line that is it goes
    into the header, later copies of it go (a page repeats its title), every other line stays."""
    out: list[Line] = []
    found = False
    for i, line in enumerate(lines):
        near = i < body_start + TITLE_REACH
        if not line.pinned and line.facts.units <= LONG_LINE_UNITS and titles.agree(line.text, page_title):
            if not found and near:
                found = True
                removals.append(
                    _removal(line, "meta.title", "the document title, shown in the page header", "metadata")
                )
                continue
            if found:
                removals.append(
                    _removal(line, "title.repeat", "the page's title again (shown in the header)")
                )
                continue
        out.append(line)
    return out


def _joinable(prev: Line, cur: Line) -> bool:
    if prev.kind is not BlockKind.PARAGRAPH or cur.kind is not BlockKind.PARAGRAPH:
        return (
            prev.kind is BlockKind.LIST_ITEM
            and cur.kind is BlockKind.PARAGRAPH
            and not cur.blank_before
            and script.ends_open(prev.text)
        )
    lang_prev, lang_cur = prev.facts.language, cur.facts.language
    if lang_prev != lang_cur or lang_prev not in ("zh", "en"):
        return False
    if not script.ends_open(prev.text):
        return False
    if not cur.blank_before:
        return True  # a hard wrap: the line simply continues
    if lang_prev == "zh":
        return prev.facts.units >= TORN_ZH_MIN_UNITS
    return cur.text[:1].islower()


def _glue(a: str, b: str, torn: bool = False) -> str:
    """`a` and `b` as one line. `torn`: pieces of one Chinese paragraph, where only two words
    are ever set apart by a space ("自202" + "5" is 2025)."""
    if script.HAN_CHAR.match(a[-1:]) or script.HAN_CHAR.match(b[:1]):
        return a + b
    if torn and not (a[-1:].isascii() and a[-1:].isalpha() and b[:1].isascii() and b[:1].isalpha()):
        return a + b
    if b[:1] in NO_SPACE_BEFORE or a[-1:] in NO_SPACE_AFTER:
        return a + b
    if a.endswith("-") and b[:1].islower():
        return a + b
    return a + " " + b


def _join(lines: list[Line], removals: list[Removal]) -> tuple[list[Block], list[Facts]]:
    """Blocks from lines, rejoining torn paragraphs, and the Facts of each block's text (its
    line's, counted already unless the line was joined)."""
    blocks: list[Block] = []
    facts: list[Facts] = []
    current: Line | None = None
    numbers: list[int] = []
    for line in lines:
        if current is not None and _joinable(current, line):
            removals.append(
                Removal(
                    line.no,
                    "",
                    "join.torn",
                    f"continues the paragraph from line {numbers[-1]} (torn by a page break or wrap)",
                    "altered",
                )
            )
            offset = len(_glue(current.text, line.text)) - len(line.text)
            current.strong = current.strong + tuple((s + offset, e + offset) for s, e in line.strong)
            current.retext(_glue(current.text, line.text))
            numbers.extend((line.no, *line.more))
            continue
        if current is not None:
            blocks.append(_block(current, numbers))
            facts.append(current.facts)
        current, numbers = line, [line.no, *line.more]
    if current is not None:
        blocks.append(_block(current, numbers))
        facts.append(current.facts)
    return blocks, facts


def _block(line: Line, numbers: list[int]) -> Block:
    return Block(
        kind=line.kind,
        text=line.text,
        lines=tuple(numbers),
        level=line.level,
        strong=line.strong,
    )


def _parallel_headings(blocks: list[Block], units: list[int]) -> list[Block]:
    """Short one-sentence paragraphs with a shared opening are section headings (seed-like op-eds
    head each section "China and the United States share/face/shoulder ..."). `units`: each
    block's script.units."""
    candidates: dict[int, list[str]] = {}
    for i, b in enumerate(blocks):
        if b.kind is not BlockKind.PARAGRAPH or units[i] > PARALLEL_MAX_UNITS:
            continue
        body = script.strip_closers(b.text).rstrip(".。")
        if re.search(r"[.!?。！？;；]", body):
            continue  # more than one sentence
        candidates[i] = _words(b.text)[:7]
    shingles: dict[tuple[str, ...], set[int]] = {}
    for i, words in candidates.items():
        for k in range(0, max(1, len(words) - PARALLEL_OPENING_WORDS + 1)):
            gram = tuple(words[k : k + PARALLEL_OPENING_WORDS])
            if len(gram) == PARALLEL_OPENING_WORDS:
                shingles.setdefault(gram, set()).add(i)
    heads: set[int] = set()
    for members in shingles.values():
        if len(members) >= PARALLEL_MIN_COUNT:
            heads |= members
    # Headings sit between longer paragraphs: two candidates in a row are a list, not headings.
    return [
        replace(b, kind=BlockKind.HEADING, level=2)
        if i in heads and (i + 1 not in heads and i - 1 not in heads)
        else b
        for i, b in enumerate(blocks)
    ]


def clean(decoded: Decoded, rules: Rules, overrides: Sidecar | None = None) -> Cleaned:
    """Clean one decoded source. HTML is flattened to lines first."""
    notes: list[Diagnostic] = list(decoded.diagnostics)
    if decoded.kind == "html":
        from ..read.extract import html_lines

        lines, pre_removals, signals = html_lines(decoded)
    elif decoded.kind == "pdf":
        from ..read.read_pdf import pdf_lines

        lines, pre_removals, signals = pdf_lines(decoded)
    else:
        lines, pre_removals, signals = _text_lines(decoded, rules.publishers)
    stated = titles.strong(titles.candidates(signals, rules.publishers))
    blocks, removals, languages = _clean_lines(
        lines, rules, overrides, stated.value if stated else "", decoded.kind == "markdown", decoded.kind == "pdf"
    )
    if not blocks:
        notes.append(
            Diagnostic(
                Level.ERROR,
                decoded.source.name,
                "nothing is left after cleaning: every line looked like boilerplate "
                "(see `duizhao clean --report`; keep lines with a sidecar)",
            )
        )
    removals = sorted(pre_removals + removals, key=attrgetter("line"))
    if decoded.pages:  # (a PDF's audit names the page of every line)
        from ..read.read_pdf import on_pages

        removals = on_pages(removals, decoded.pages)
    signals += [Signal(name, value, evidence) for name, value, evidence in decoded.source.origin]
    return Cleaned(
        decoded=decoded,
        blocks=tuple(blocks),
        removals=tuple(removals),
        diagnostics=tuple(notes),
        block_languages=tuple(languages),
        signals=tuple(signals),
    )


# A browser's "save as text" begins with the page's <title>: "Title - People's Daily Online …".
TITLE_SEPARATORS = (" - ", " – ", " — ", " | ", "_", "｜")
TITLE_LINE_REACH = 300


def _title_line(line: Line, known: publishers_.Registry | None) -> list[Signal]:
    """The <title> at the start of a text scrape's first line, when a known publisher's name
    follows the title there: the title, and the site's name."""
    if known is None:
        return []
    head = line.text[:TITLE_LINE_REACH]
    for sep in TITLE_SEPARATORS:
        i = head.find(sep)
        while 0 < i:
            rest = head[i + len(sep) :]
            found = [(end, p) for start, end, p in known.names_in(rest[:80]) if start == 0]
            if found:
                where = f"line {line.no}: the page's title before its site's name"
                return [
                    Signal("page_title", head[:i].strip(), where),
                    Signal("site_name", rest[: found[0][0]], where),
                ]
            i = head.find(sep, i + 1)
    return []


def _text_lines(
    decoded: Decoded, known: publishers_.Registry | None = None
) -> tuple[list[Line], list[Removal], list[Signal]]:
    """A text or Markdown scrape's lines, without its front matter or crawler header (read as
    signals; each of its lines audited as moved into the page's header). A Markdown scrape's
    opening `# ` heading is the title it states; a text's first line may start with the <title>."""
    found = header.read(decoded.text)
    lines = [x for x in _lines(decoded.text) if x.no > found.lines]
    removals: list[Removal] = []
    if decoded.kind == "markdown":
        # Raw HTML on a line of its own in a Markdown scrape (<figure>, <img …>, </div>) is the
        # page's markup, not its text: audited, never shown (and never rendered).
        tags = [x for x in lines if TAG_LINE.match(x.text)]
        removals += [_removal(x, "markup.html", "HTML markup in a Markdown scrape, not text") for x in tags]
        lines = [x for x in lines if not TAG_LINE.match(x.text)]
    for line in lines:
        # A Markdown link's text is a link, as in HTML: a line of links is a menu (html.links).
        if "](" in line.text:
            line.link_share = _markdown_link_share(line.text)
    signals = list(found.signals)
    first = lines[0] if lines else None
    if (
        first is not None
        and (m := MD_HEADING.match(first.text))
        and len(m.group(1)) == 1
        and decoded.kind == "markdown"
    ):
        signals.append(
            Signal("title", m.group(2).strip(), f"line {first.no}: the Markdown title (# heading)")
        )
    elif first is not None and not found.lines:
        signals += _title_line(first, known)
    if not found.lines:
        return lines, removals, signals
    rule = "meta.front_matter" if found.kind == "front matter" else "meta.header"
    reason = f"the scrape's {found.kind} (what it says about the page), read into the page's header"
    raw = decoded.lines
    removals += [
        Removal(n, raw[n - 1], rule, reason, "metadata")
        for n in range(1, found.lines + 1)
        if raw[n - 1].strip()
    ]
    return lines, removals, signals
