"""Sentence fragments glued back into one line before anything is judged: text dumps break a
line at every link or styled span, WeChat-style Markdown at every styled run."""

from __future__ import annotations

import re

from .. import script
from ..model import BlockKind, Removal
from ..read.lines import Line
from ..vocab import prefilter
from ..vocab.rules import Rules, vocabulary, vocabulary_words
from .verse import verse_lines

# Fragment glue (see glue_fragments): a line starting with one of these continues the last...
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


def _continues(prev: Line, line: Line, linked: bool = True) -> bool:
    """True when `line` is the rest of the sentence `prev` was cut from: text dumps break a line
    at every link or styled span ("Japan's" / "Nikkei 225" / "(" / "N225" / ")" / "declined…").
    `linked`: the lines are a text dump's, where a link or a span breaks a line (in HTML neither
    does)."""
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
    if linked and (
        ((a[0].isdecimal() or a[0] in ".,%") and BARE_NUMBER.match(a))
        or ((start.isdecimal() or start in ".,%") and BARE_NUMBER.match(b))
    ):
        # "1956" / "年生人，": a number set apart by a span, glued to the Chinese around it (in
        # HTML a number in an element of its own is a section's: "<p><strong>2</strong></p>")
        return bool(HAN_CHAR.match(start) or HAN_CHAR.match(end))
    if linked and HAN_CHAR.match(end) and HAN_CHAR.match(start) and not _head_pair(a, b):
        # a Chinese sentence torn at a link: it has run through clauses and stops on a character
        # ("…今日从交通运输部获悉，目前" / "京津冀" / "交通一体化建设…")
        return sum(a.count(mark) for mark in CLAUSE_MARKS) >= TORN_MIN_CLAUSES
    return _ends_on_continuing_word(a)


def _head_pair(a: str, b: str) -> bool:
    """A Markdown heading, or a line followed by a stamp with a date ("原创 秦安战略 2025-01-19
    22:08"): a headline and its byline, never one sentence."""
    return a.lstrip().startswith("#") or STAMP_DATE.search(b[:40]) is not None


STAMP_DATE = re.compile(r"[12]\d{3}[-/.]\d{1,2}[-/.]\d{1,2}")


# A line with this many clause marks that ends on a Han character without a stop is a sentence
# torn at a link (a headline or a menu entry has none, or one); Why 2: one comma is a headline's.
TORN_MIN_CLAUSES = 2
CLAUSE_MARKS = "，、；"


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


def glue_fragments(
    lines: list[Line], rules: Rules, removals: list[Removal], markdown: bool = False, html: bool = False
) -> list[Line]:
    """Rejoin sentence fragments into one line before anything is judged (only ever lines the
    extractor left as plain paragraphs; in a Markdown scrape, also the torn pieces of one
    paragraph, see _torn). `html`: the lines are an HTML page's, which no link tore."""
    out: list[Line] = []
    paragraph, salutation = BlockKind.PARAGRAPH, rules.starts["salutation"]
    prev: Line | None = None  # out[-1]
    glued: list[Line] = []
    opening = ""  # the first word of the piece glued last
    piece = ""  # the text of the line glued last (or of prev itself)
    firsts = [_first_word(x.text) for x in lines]
    # (a poem's lines end where the poet ended them, with a comma or on a word: no link tore them)
    poem = verse_lines(lines, rules) if not html else frozenset()
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
            and (_continues(prev, line, not html) or (markdown and _torn(piece, line)))
            and not salutation.matches(prev.text)
            and not listed
            and not (i in poem and i - 1 in poem)
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
            torn = markdown and not _continues(prev, line, not html)
            prev.text = glue(prev.text, line.text, torn)
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


def glue(a: str, b: str, torn: bool = False) -> str:
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
