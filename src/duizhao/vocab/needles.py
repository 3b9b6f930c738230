"""The analysis behind the prefilters (prefilter.py): from a compiled pattern's syntax tree, the
needles (literal strings, or short regexes of characters and classes) one of which every match
contains. Sound, never complete: where it is unsure it requires nothing (see prefilter.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from re import _constants as sre  # the syntax tree of re.compile (stable since Python 3.11)
from re import _parser as sre_parse
from typing import NamedTuple

# re.IGNORECASE lets exactly four non-ASCII letters match ASCII ones (Python's re documentation,
# re.IGNORECASE): map them before lowercasing, so a folded needle is found wherever re matches it.
# (str.lower() maps the Kelvin sign to "k" by itself; the other three it leaves or expands.)
ASCII_LOOKALIKES = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def fold(text: str) -> str:
    """`text` as the needles are written: lowercase, ASCII look-alikes mapped to ASCII. Every
    character re.IGNORECASE matches to a needle character folds to that character."""
    if not text.isascii() and ("\u0130" in text or "\u0131" in text or "\u017f" in text):
        text = text.translate(ASCII_LOOKALIKES)  # rare, and slow on long texts: only when needed
    return text.lower()


def _foldable(code: int) -> bool:
    """Characters a needle may hold: ASCII, whose case variants under re.IGNORECASE `fold` knows,
    and uncased characters (Han, punctuation), which only ever match themselves."""
    char = chr(code)
    return code < 128 or char.lower() == char == char.upper()


class Needle(NamedTuple):
    """A regex that every match of a pattern contains a match of, to be searched in folded text:
    literal characters, and classes of them (digits, spaces, [-/.]) repeated as in the pattern."""

    source: str
    weight: float  # how selective: literal characters count 1, a required class 0.5
    literal: str = ""  # its longest run of plain characters (each match of it holds them)
    # Characters one of which each match of it holds (those of its rarest required piece), or
    # None when every required piece may be a digit or a space.
    keys: frozenset[str] | None = None


class Piece(NamedTuple):
    """One character of a needle, or a repeat of one (see _repeated_atom)."""

    source: str  # its regex
    weight: float
    low: int  # how often it occurs at least
    char: str  # the character, when it is one plain character
    chars: frozenset[str] | None  # the characters it may be, when they are spelled out


Clause = frozenset[Needle]  # every match contains a match of at least one of these needles
# Classes of up to this many characters are spelled out (folded) in a needle.
MAX_CLASS_CHARS = 256
# A required class in a needle weighs half a literal character: \d or \s is found in most lines.
CLASS_WEIGHT = 0.5
CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s"}  # uncased: fold keeps them


def _atom(op: object, av: object) -> Piece | None:
    """A needle piece matching the one character this node matches (folded); None when the node
    is not one character of known, foldable kinds."""
    if op is sre.LITERAL:
        if not _foldable(av):  # type: ignore[arg-type]
            return None
        char = fold(chr(av))  # type: ignore[arg-type]
        return Piece(re.escape(char), 1.0, 1, char, frozenset(char))
    if op is not sre.IN:
        return None
    chars: set[str] = set()
    categories: list[str] = []
    for kind, value in av:  # type: ignore[attr-defined]
        if kind is sre.LITERAL and _foldable(value):
            chars.add(fold(chr(value)))
        elif kind is sre.RANGE and value[1] - value[0] < MAX_CLASS_CHARS:
            if not all(_foldable(c) for c in range(value[0], value[1] + 1)):
                return None
            chars.update(fold(chr(c)) for c in range(value[0], value[1] + 1))
        elif kind is sre.CATEGORY and value in CATEGORIES:
            categories.append(CATEGORIES[value])
        else:  # a negated class, a wide range, \w, a case-variant letter: not spelled out
            return None
    body = "".join(re.escape(c) for c in sorted(chars)) + "".join(categories)
    return Piece(f"[{body}]", CLASS_WEIGHT, 1, "", None if categories else frozenset(chars))


def _repeated_atom(op: object, av: object) -> Piece | None:
    r"""A needle piece for a node, its weight and how often it occurs at least (a repeat of one
    character: \s*, \d{1,2}, -?)."""
    if op in REPEATS:
        low, high, body = av  # type: ignore[misc]
        if len(body) != 1 or (atom := _atom(*body[0])) is None:
            return None
        bound = "" if high == sre.MAXREPEAT else str(high)
        return Piece(f"(?:{atom.source}){{{low},{bound}}}", atom.weight * min(low, 3), low, "", atom.chars)
    return _atom(op, av)


def _best(clauses: list[Clause]) -> Clause | None:
    """The most selective clause: heaviest lightest needle, then fewest needles."""
    return max(clauses, key=lambda c: (min(n.weight for n in c), -len(c)), default=None)


def _needle(pieces: list[Piece]) -> Needle | None:
    """One needle from consecutive pieces; optional pieces at either end add nothing but cost."""
    start, end = 0, len(pieces)
    while start < end and pieces[start].low == 0:
        start += 1
    while end > start and pieces[end - 1].low == 0:
        end -= 1
    kept = pieces[start:end]
    if not kept:
        return None
    literal, longest = "", ""
    for piece in kept:
        literal = literal + piece.char if piece.char else ""
        longest = max(longest, literal, key=len)
    spelled = [p.chars for p in kept if p.low > 0 and p.chars is not None]
    keys = min(spelled, key=commonness, default=None)
    return Needle("".join(p.source for p in kept), sum(p.weight for p in kept), longest, keys)


def _leading(items: Iterable[tuple]) -> list[Piece]:
    """The pieces a sequence of nodes starts with."""
    pieces: list[Piece] = []
    for op, av in items:
        piece = _repeated_atom(op, av)
        if piece is None:
            break
        pieces.append(piece)
    return pieces


def _starts(op: object, av: object) -> list[list[Piece]] | None:
    """The pieces each way through a branch or group starts with, or None if one starts without."""
    if op is sre.BRANCH:
        leads = [_leading(alternative) for alternative in av[1]]  # type: ignore[index]
        return leads if all(leads) else None
    if op is sre.SUBPATTERN:  # (group, add_flags, del_flags, body)
        body = av[3]  # type: ignore[index]
        if len(body) == 1:
            return _starts(*body[0])
        lead = _leading(body)
        return [lead] if lead else None
    return None


def _clauses(items: Iterable[tuple]) -> list[Clause]:
    """Clauses that hold for every match of a sequence of syntax-tree nodes."""
    out: list[Clause] = []
    run: list[Piece] = []  # consecutive one-character pieces: they occur together

    def flush() -> None:
        needle = _needle(run)
        if needle is not None:
            out.append(frozenset([needle]))
        run.clear()

    for op, av in items:
        piece = _repeated_atom(op, av)
        if piece is not None:
            run.append(piece)
            continue
        if run and (starts := _starts(op, av)):
            # A run before a branch or group, continued by each way's start, is one needle each:
            # "this (article|story)" needs "this article" or "this story", and re factors shared
            # starts out of alternatives ("\bA\s*A|\bA\+" is \bA(?:\s*A|\+)).
            joined = [_needle(run + start) for start in starts]
            if all(n is not None for n in joined):
                out.append(frozenset(joined))  # type: ignore[arg-type]
        flush()
        if op is sre.SUBPATTERN:  # a group, capturing or not: (group, add_flags, del_flags, body)
            out += _clauses(av[3])
        elif op is sre.ATOMIC_GROUP:
            out += _clauses(av)
        elif op is sre.BRANCH:  # each alternative must give a clause, or the branch requires none
            chosen = [_best(_clauses(alternative)) for alternative in av[1]]
            if chosen and all(c is not None for c in chosen):
                out.append(frozenset().union(*chosen))  # type: ignore[arg-type]
        elif op in REPEATS and av[0] >= 1:  # (min, max, body): the body occurs at least once
            out += _clauses(av[2])
        # Anything else (any character, anchors, lookarounds, back references, optional
        # groups) requires nothing.
    flush()
    return out


def needles(pattern: re.Pattern[str]) -> Clause | None:
    """Needles of which every match of `pattern` contains one, or None when the analysis finds
    no such set (the pattern can match without a literal, or the tree is unfamiliar)."""
    try:
        return _best(_clauses(sre_parse.parse(pattern.pattern, pattern.flags)))
    except Exception:  # an unfamiliar tree (another Python version): prefilter nothing, stay exact
        return None


# Space and English letters from most to least frequent in running text; any other character
# (digits, punctuation, Han) counts as rarer still. A needle's rarest character is its key.
COMMON_CHARS = " etaoinshrdlcumwfgypbvkjxqz"


def commonness(chars: Iterable[str]) -> float:
    """How likely a text holds one of `chars` (a rough rank, to pick keys)."""
    return sum(len(COMMON_CHARS) - COMMON_CHARS.index(c) if c in COMMON_CHARS else 0.5 for c in chars)
