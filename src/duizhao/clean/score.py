"""Line scores for the main-text region (region.py finds the runs): prose earns its weight, other
lines cost a little, widgets more, and each further non-prose line in a row more again."""

from __future__ import annotations

import re
from itertools import pairwise

from ..read.lines import Line
from ..vocab.rules import Rules
from .coverage import MAX_WIDGET_UNITS, REMOVE_COVERAGE
from .markdown import MD_HEADING
from .verse import verse_lines

# Where a line sits relative to the main-text region (see `main_region`).
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
# Lines beyond a wall's width a gallery inside an article may take (its captions, "1 of 6").
GALLERY_SLACK = 4
# A line (HTML only) with more of its text inside links than this is a menu or link list entry.
MAX_LINK_SHARE = 0.5
# A notice about the text (structure.yml notice) is a sentence or two; a paragraph of the text that
# opens the same way is longer than this. A notice is no prose of the text: it never makes a run
# (a short post's only long line may be its licence: "版权声明：本作品采用知识共享…").
NOTICE_MAX_UNITS = 100
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
# Prose is made of clauses: a line earns at most this weight per mark that ends one (below). Why
# 60: a written clause is rarely over 40 words or 60 Han characters; a long line of keywords with
# no punctuation at all (a spam block of 100,000 characters) earns nothing: a tag cloud.
CLAUSE_MAX_WEIGHT = 60.0
CLAUSE_MARKS = frozenset("，,、;；：:。.！!？?…")
# A table a text dump flattened to one cell a line ("1", "Kyle Busch", "5040", "85%"): figure
# lines recur every few lines. Its cells are the text's (standings, statistics), not chrome: each
# scores at least AUTHORED_SCORE and ends a gap. Why 4: a row holds a label or two between its
# figures; why 6: fewer figures are a date or a count, not a table. Figures that only count up by
# one (a pager, a "Most read" list's ranks) are no table.
FIGURE = re.compile(r"^\s*[-+]?\d[\d.,:%]*\s*$")  # a line that is one figure ("17", "5040", "3.5%")
TABLE_REACH = 4
TABLE_MIN_FIGURES = 6
# Entries of a dated or numbered list one a line (structure.yml list_entry): so many in a row are
# a list of the text (tour dates, a calendar), each scored as what it says (its weight); fewer are
# a date line or two. Lines longer than LIST_ENTRY_UNITS are sentences, scored as such; lines of
# two units or fewer are labels.
LIST_MIN_ENTRIES = 5
LIST_ENTRY_UNITS = 25


def line_score(line: Line, list_marker: re.Pattern[str] | None = None) -> float:
    """What a line adds to the main-text region (see region.py)."""
    if line.coverage >= REMOVE_COVERAGE and line.units <= MAX_WIDGET_UNITS:
        return -WIDGET_COST
    if line.link_share > MAX_LINK_SHARE:
        return -LINE_COST
    facts = line.facts
    han = facts.han if line.units else 0
    weight = line.units - HAN_DISCOUNT * han
    if weight > CLAUSE_MAX_WEIGHT:
        weight = min(weight, CLAUSE_MAX_WEIGHT * sum(1 for c in line.text if c in CLAUSE_MARKS))
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


def _counts_up(lines: list[Line], figures: list[int]) -> bool:
    """Figures that count up by one, starting again at 1 (a "Most read" list's ranks, each before
    a headline; a pager's page numbers): a numbered list of links, not a table's column."""
    try:
        values = [float(lines[i].text.strip().rstrip("%").replace(",", "")) for i in figures]
    except ValueError:
        return False
    return all(b - a == 1 or b == 1 for a, b in pairwise(values))


def table_cells(lines: list[Line]) -> set[int]:
    """Indices of the lines of tables flattened one cell a line (see TABLE_REACH): from its header
    row (up to TABLE_REACH lines above its first figure line) to its last figure line."""
    figures = [
        i for i, line in enumerate(lines) if line.text[0] in "0123456789+-" and FIGURE.match(line.text)
    ]
    cells: set[int] = set()
    start = 0
    for k in range(1, len(figures) + 1):
        if k < len(figures) and figures[k] - figures[k - 1] <= TABLE_REACH:
            continue
        group = figures[start:k]
        if len(group) >= TABLE_MIN_FIGURES and not _counts_up(lines, group):
            cells.update(range(max(0, group[0] - TABLE_REACH), group[-1] + 1))
        start = k
    return cells


def list_entries(lines: list[Line], entry: re.Pattern[str] | None) -> set[int]:
    """Indices of the lines of runs of LIST_MIN_ENTRIES or more list entries in a row. `entry`:
    structure.yml's list_entry patterns in one alternation, matched at a line's start."""
    if entry is None:
        return set()
    match = entry.match
    found: set[int] = set()
    row: list[int] = []
    for i, line in enumerate([*lines, None]):
        if line is not None and 2 < line.units <= LIST_ENTRY_UNITS and match(line.text):
            row.append(i)
            continue
        if len(row) >= LIST_MIN_ENTRIES:
            found.update(row)
        row = []
    return found


# A box of related links inside an article ("相关新闻：" and a link, then the article goes on): the
# heading of a list of other stories (an end-of-text marker) followed by at most this many lines,
# all links (HTML only: a text scrape does not say what was a link), then prose that is no teaser:
# no link in the next BOX_LINES lines either (a list of other stories alternates links and blurbs).
BOX_LINES = 3


def inline_box(lines: list[Line], i: int) -> bool:
    """Whether the end-of-text marker on line i heads a box inside the text (see BOX_LINES)."""
    after = i + 1
    while after < len(lines) and after - i <= BOX_LINES and lines[after].link_share > MAX_LINK_SHARE:
        after += 1
    if after == i + 1 or after >= len(lines) or lines[after].link_share > MAX_LINK_SHARE:
        return False
    if line_score(lines[after]) <= 0:
        return False
    return all(x.link_share <= MAX_LINK_SHARE for x in lines[after : after + BOX_LINES + 1])


def line_scores(
    lines: list[Line], rules: Rules
) -> tuple[list[float], set[int], frozenset[int], list[float] | None]:
    """Line scores, where each further non-prose line in a row costs more than the last (up to
    GAP_MAX_STEP times): a caption or an inline link inside an article is a small gap, the menus
    and reply headers between an article and its comments a wide one. Gaps of GAP_BREAK lines
    are walls (indices of the lines right after them): no run of text reaches across. Also the
    indices of the end-of-text markers (a comment thread, a legal block starts there), and each
    score's part that is the cost of dropped text before its line (region._best's `lead`; None
    when nothing was dropped, as in every text scrape)."""
    out: list[float] = []
    lead: list[float] = []
    walls: set[int] = set()
    markers: set[int] = set()
    streak = 0
    end_of_text, list_marker = rules.starts["end_of_text"], rules.list_marker
    keywords = rules.starts["keyword_list"].matches
    ends_text = end_of_text.matches
    notice = rules.starts["notice"].matches if "notice" in rules.starts else (lambda *_: False)
    table = table_cells(lines)
    entries = list_entries(lines, next(iter(rules.structure["list_entry"]), None))
    poem = verse_lines(lines, rules)
    for i, line in enumerate(lines):
        extra = 0.0
        if line.gap_before:  # text the HTML extractor dropped counts as junk lines
            for _ in range(line.gap_before):
                streak += 1
                extra -= LINE_COST * min(streak, GAP_MAX_STEP)
        score = line_score(line, list_marker)
        if score > 0 and "_" in line.text and keywords(line.text):
            score = -LINE_COST
        if score > 0 and line.units <= NOTICE_MAX_UNITS and notice(line.text, line.facts.folded):
            score = -LINE_COST
        if i in table and score < AUTHORED_SCORE:
            score = AUTHORED_SCORE
        if (i in entries and score < AUTHORED_SCORE) or i in poem:
            # (a verse line weighs what it says, as prose does, whether or not it ends a clause)
            score = max(score, AUTHORED_SCORE, line.units - HAN_DISCOUNT * line.facts.han - PROSE_COST)
        if score < 0:
            streak += 1
            score *= streak if streak < GAP_MAX_STEP else GAP_MAX_STEP  # (min(), without a call)
        if streak >= GAP_BREAK:
            walls.add(i)
        if line.units <= END_MARKER_UNITS and ends_text(line.text) and not inline_box(lines, i):
            walls.update((i, i + 1))  # a comment thread or the site's legal block starts here
            markers.add(i)
        if line.gap_text and any(end_of_text.matches(t) for t in line.gap_text if len(t) < 60):
            walls.add(i)
        if score > 0:
            streak = 0
        out.append(score + extra)
        lead.append(extra)
    return out, walls, frozenset(markers), (lead if any(lead) else None)
