"""Text a page says twice: a clipped or repeated page title above the text, a second copy of a
run of its lines."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict

from .. import script
from ..model import Removal
from ..read.lines import Line
from ..vocab.matchers import StartMatcher
from .audit import removal
from .markdown import MD_HEADING
from .roles import is_dateline

# A scraped page title repeated (often clipped) above the text: how much of it must recur below,
# and how far down it may sit (page titles come first).
TITLE_COPY_MIN_WORDS = 6
TITLE_COPY_SHARE = 0.9
TITLE_COPY_MAX_LINE = 2
WORD = re.compile(rf"{script.LETTER}+|\d+|[{script.HAN}]")


def second_copies(kept: list[Line], copies: dict[int, int], removals: list[Removal]) -> list[Line]:
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
                removal(
                    line,
                    "duplicate.line",
                    f"repeats line {copies[id(line)]} word for word (a page's second copy of its text)",
                )
            )
    return [line for line in kept if id(line) not in gone]


# How much further apart two originals may be than their copies (blank lines, a removed widget
# between them in one copy) for the pair to count as a copied run.
COPY_SLACK = 3


def lower_words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def _shingles(words: list[str], n: int = 3) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1))}


def _spaced_words(text: str) -> tuple[int, str]:
    """How many words `text` has (see lower_words), and the words lowercased between single spaces
    (" a b c "): a word trigram, or the start of a word, is then a substring test (speed)."""
    words = WORD.findall(text)
    return len(words), " " + " ".join(words).lower() + " "


def truncated_copy(head: Line, later: list[Line], spaced: dict[str, tuple[int, str]]) -> bool:
    """True when `head` is a clipped or repeated copy of a later line (a scraped page title).

    Nearly all of its word trigrams (Han characters count as words) must recur in one later line,
    and its last word be a word of that line or the start of one (the clip point).
    `spaced` keeps each line's _spaced_words for the document (the first lines all compare with
    the same later ones).
    """
    count, words_spaced = _spaced(head.text, spaced)
    if count < TITLE_COPY_MIN_WORDS:
        return False
    words = words_spaced.split()  # lower_words(head.text)
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


TRUNCATED_REASON = "a clipped or repeated copy of text that appears in full below (scraped page title)"


def title_copies(
    kept: list[Line], lines: list[Line], removals: list[Removal], summary: StartMatcher | None = None
) -> list[Line]:
    """`kept` without its opening lines that are truncated or duplicated page titles (never an
    explicit Markdown heading, nor a labelled summary: structure.yml `summary`); an opening line
    of `lines` the region left out gets this, the more specific reason, when it is one."""
    head: list[Line] = []
    spaced: dict[str, tuple[int, str]] = {}
    firsts = {id(line) for line in kept[:TITLE_COPY_MAX_LINE]}
    dated = {id(a) for a, b in itertools.pairwise(lines) if id(a) in firsts and is_dateline(b)}
    for i, line in enumerate(kept):
        if (
            i < TITLE_COPY_MAX_LINE
            and not MD_HEADING.match(line.text)
            and not (summary is not None and summary.matches(line.text, line.facts.folded))
            and id(line) not in dated  # (a headline over its dateline: the copy below is the repeat)
            and truncated_copy(line, kept[i + 1 :], spaced)
        ):
            removals.append(removal(line, "title.truncated", TRUNCATED_REASON))
        else:
            head.append(line)
    # (by number and text: an HTML page has many lines on one source line)
    opening = {(line.no, line.text): line for line in lines[:TITLE_COPY_MAX_LINE]}
    for k, gone in enumerate(removals):
        line = opening.get((gone.line, gone.text))
        if line is not None and gone.rule == "page.outside" and truncated_copy(line, head, spaced):
            removals[k] = removal(line, "title.truncated", TRUNCATED_REASON)
    return head


# A PDF's running header or footer, in a text dump of it: a short line repeated on several pages,
# the same but for its page number ("Ethiopia: A New Horizon of Hope 2", "Page 3 of 12").
RUNNING_MIN_PAGES = 3
RUNNING_MAX_UNITS = 16
# ... and words enough besides the number that it is no numbered heading ("Article 12").
RUNNING_MIN_WORDS = 3
# ... with a page of text between two copies (in word units): a numbered list's items stand together.
RUNNING_MIN_BETWEEN = 60
NUMBER = re.compile(r"\d+")


def running_headers(kept: list[Line], lines: list[Line], removals: list[Removal]) -> list[Line]:
    """`kept` without the lines that repeat on at least RUNNING_MIN_PAGES pages with only their
    number changing (each number different; a first page may carry none). The copies are counted
    among all `lines`: the region may have taken some already."""
    groups: dict[str, list[tuple[int, Line]]] = defaultdict(list)
    for at, line in enumerate(lines):
        if line.pinned or line.facts.units > RUNNING_MAX_UNITS:
            continue
        rest = WORD.findall(NUMBER.sub(" ", line.text))
        if len(rest) >= RUNNING_MIN_WORDS:
            groups[" ".join(rest)].append((at, line))
    furniture: set[int] = set()
    for group in groups.values():
        numbers = [NUMBER.findall(x.text)[-1] for _, x in group if NUMBER.search(x.text)]
        between = [
            sum(x.facts.units for x in lines[a + 1 : b]) for (a, _), (b, _) in itertools.pairwise(group)
        ]
        if (
            len(group) >= RUNNING_MIN_PAGES
            and len(numbers) >= len(group) - 1
            and len(set(numbers)) == len(numbers) >= 2
            and min(between) >= RUNNING_MIN_BETWEEN
        ):
            furniture.update(id(line) for _, line in group)
    if not furniture:
        return kept
    for line in kept:
        if id(line) in furniture:
            removals.append(
                removal(
                    line,
                    "page.running",
                    "a running header or footer: repeated on every page, only its number changes",
                )
            )
    return [line for line in kept if id(line) not in furniture]
