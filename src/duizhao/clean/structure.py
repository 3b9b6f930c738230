"""Structure of the kept lines: headings, subtitles, salutations, sign-offs, list items, captions,
notes and the title (moved into the header); then torn paragraphs rejoined into blocks."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .. import script
from ..model import Block, BlockKind, Removal
from ..read.lines import Facts, Line
from ..vocab.rules import Rules
from . import titles
from .audit import removal
from .copies import lower_words
from .coverage import LONG_LINE_UNITS
from .fragments import glue
from .markdown import BOLD_LEAD, MD_HEADING, MD_QUOTE
from .roles import HEADING_MAX_UNITS, SUBTITLE, is_heading_like, is_prose

# Parallel section headings: short one-sentence paragraphs sharing an opening of this many words.
PARALLEL_OPENING_WORDS = 4
PARALLEL_MIN_COUNT = 3
PARALLEL_MAX_UNITS = 25
# A zh line torn by a page break is long: short unfinished lines are headings or labels.
TORN_ZH_MIN_UNITS = 12
# Across a blank line a zh line is torn only where the tear shows, since headlines, captions and
# list lines of a careless copy end without a stop too: on a comma or an opening bracket, inside a
# paragraph this long (a page break), or around a link's text ("目前\n\n京津冀\n\n交通…").
TORN_ZH_OPEN_ENDS = "，,、（(“「『《【"
TORN_ZH_LONG_UNITS = 50
LINK_PIECE_UNITS = 6


def structure(lines: list[Line], rules: Rules, removals: list[Removal], page_title: str = "") -> list[Line]:
    """Mark headings, subtitles, salutations, sign-offs, list items, captions and notes, and move
    the title into the header: the line that is the page's stated title (`page_title`) when
    there is one, else the first heading-like line before the prose, per language."""
    body_start = next((i for i, line in enumerate(lines) if is_prose(line)), len(lines))
    # In texts that separate paragraphs by blank lines, a heading stands alone: a short line
    # running straight into the next is a hard-wrapped sentence, not a heading.
    spaced = sum(line.blank_before for line in lines) * 2 >= len(lines)

    def stands_alone(i: int) -> bool:
        return not spaced or i + 1 >= len(lines) or lines[i + 1].blank_before

    for i, line in enumerate(lines):
        if line.fixed or line.kind is BlockKind.CAPTION:  # (a <figcaption>: its markup said so)
            continue
        _mark(lines, i, rules, removals, body_start, stands_alone)
        bold = BOLD_LEAD.match(line.text)
        if bold and line.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.HEADING):
            inner = bold.group(1)
            line.retext(inner + line.text[bold.end() :])
            line.strong = ((0, len(inner)),)
            removals.append(Removal(line.no, "** **", "markup.bold", "Markdown bold markers", "altered"))
    if page_title:
        return _stated_title(list(lines), page_title, body_start, removals)
    return _title(list(lines), rules, removals, body_start, stands_alone)


def _mark(
    lines: list[Line],
    i: int,
    rules: Rules,
    removals: list[Removal],
    body_start: int,
    stands_alone: Callable[[int], bool],
) -> None:
    """Set the kind (and level) of line i by its markup or its opening, markers audited."""
    line = lines[i]
    text = line.text
    starts = rules.starts
    m = MD_HEADING.match(text)
    if m:
        removals.append(Removal(line.no, m.group(1) + " ", "markup.heading", "Markdown heading marker", "altered"))
        line.retext(m.group(2))
        line.kind, line.level = BlockKind.HEADING, len(m.group(1))
    elif MD_QUOTE.match(text):
        marker = MD_QUOTE.match(text).group(0)
        removals.append(Removal(line.no, marker, "markup.quote", "Markdown quotation marker", "altered"))
        line.retext(text[len(marker) :])
        line.kind = BlockKind.QUOTE
    elif (i < body_start or i <= 2) and SUBTITLE.match(text) and line.facts.units <= HEADING_MAX_UNITS * 2:
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
        marker = rules.list_marker.match(text)
        if marker and marker.end() < len(text):
            rest = text[marker.end() :]
            removals.append(Removal(line.no, marker.group(0).strip(), "markup.list", "list marker", "altered"))
            line.retext(rest)
            line.kind = BlockKind.LIST_ITEM
        elif is_heading_like(line, rules) and i < len(lines) - 1 and stands_alone(i):
            nxt = lines[i + 1]
            if nxt.facts.units > line.facts.units or nxt.kind is BlockKind.HEADING:
                line.kind, line.level = BlockKind.HEADING, 2


# A title this long said again lower down is the title repeated (under a lead or a photo); a
# shorter one ("Player", "Contents") may be a label the text uses again.
REPEATED_TITLE_UNITS = 6


def _title(
    lines: list[Line], rules: Rules, removals: list[Removal], body_start: int, stands_alone: Callable[[int], bool]
) -> list[Line]:
    """`lines` without the title, moved into the header: the page's <h1> when it has one before
    the prose (what stands above it is a section label or kicker), else the first heading-like
    line before the prose, per language."""
    h1 = next(
        (
            i
            for i, line in enumerate(lines[:body_start])
            if line.fixed and line.kind is BlockKind.HEADING and line.level == 1
        ),
        None,
    )
    result: list[Line] = []
    titled: set[str] = set()
    chosen: set[str] = set()
    for i, line in enumerate(lines):
        lang = line.facts.language
        if line.text in chosen and not line.pinned:  # (the headline again, under a lead or a photo)
            removals.append(removal(line, "title.repeat", "the page's title again (shown in the header)"))
            continue
        if h1 is not None and i < h1 and not line.pinned and is_heading_like(line, rules):
            removals.append(removal(line, "page.kicker", "a section label above the page's title"))
            continue
        is_title = (
            i < body_start
            and not line.pinned
            and lang not in titled
            and (
                line.kind is BlockKind.HEADING
                or (
                    line.kind is BlockKind.PARAGRAPH
                    and is_heading_like(line, rules)
                    and not line.fixed
                    and stands_alone(i)
                )
            )
        )
        if is_title:
            titled.add(lang)
            if line.facts.units >= REPEATED_TITLE_UNITS:
                chosen.add(line.text)
            removals.append(removal(line, "meta.title", "the document title, shown in the page header", "metadata"))
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
                    removal(line, "meta.title", "the document title, shown in the page header", "metadata")
                )
                continue
            if found:
                removals.append(
                    removal(line, "title.repeat", "the page's title again (shown in the header)")
                )
                continue
        out.append(line)
    return out


def _joinable(prev: Line, cur: Line, html: bool = False, after_piece: bool = False) -> bool:
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
    if html:
        return False  # (two elements of a page are two paragraphs, with a stop or without)
    if lang_prev == "zh":
        return prev.facts.units >= TORN_ZH_MIN_UNITS and (
            after_piece
            or prev.text.rstrip()[-1] in TORN_ZH_OPEN_ENDS
            or _link_piece(cur)
            or prev.facts.units >= TORN_ZH_LONG_UNITS
        )
    return cur.text[:1].islower()


def _link_piece(line: Line) -> bool:
    """A link's text torn out of its sentence: short, and the sentence goes on after it."""
    return line.facts.units <= LINK_PIECE_UNITS and script.ends_open(line.text)


def join_blocks(
    lines: list[Line], removals: list[Removal], html: bool = False
) -> tuple[list[Block], list[Facts]]:
    """Blocks from lines, rejoining torn paragraphs, and the Facts of each block's text (its
    line's, counted already unless the line was joined). `html`: the lines are an HTML page's
    elements, which no page break or wrap tore."""
    blocks: list[Block] = []
    facts: list[Facts] = []
    current: Line | None = None
    numbers: list[int] = []
    piece = False  # the last line joined was a link's text: what follows it continues too
    for line in lines:
        if current is not None and _joinable(current, line, html, piece):
            piece = line.blank_before and _link_piece(line)
            removals.append(
                Removal(
                    line.no,
                    "",
                    "join.torn",
                    f"continues the paragraph from line {numbers[-1]} (torn by a page break or wrap)",
                    "altered",
                )
            )
            offset = len(glue(current.text, line.text)) - len(line.text)
            current.strong = current.strong + tuple((s + offset, e + offset) for s, e in line.strong)
            current.retext(glue(current.text, line.text))
            numbers.extend((line.no, *line.more))
            continue
        piece = False
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


def parallel_headings(blocks: list[Block], units: list[int]) -> list[Block]:
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
        candidates[i] = lower_words(b.text)[:7]
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
