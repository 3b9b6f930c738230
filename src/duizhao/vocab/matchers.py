"""Matchers built on the prefilters (prefilter.py), each giving the same answers as the plain regex it
stands in for: StartMatcher (does any of some patterns match at a text's start?), Alternation
(finditer of an alternation of patterns) and LiteralIndex (every kind's literal needles at once)."""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping, Set
from operator import concat
from re import _constants as sre  # the syntax tree of re.compile (stable since Python 3.11)
from re import _parser as sre_parse

from .needles import REPEATS, commonness, fold
from .prefilter import prefilter


def _opens_with_any_run(pattern: re.Pattern[str]) -> bool:
    """Whether `pattern` opens with `.*` or `.{0,n}` (any characters): matched at the start of a
    line it tries position after position of the line."""
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # an unfamiliar tree: treat it as anchored, i.e. always run it
        return False
    if not len(tree):
        return False
    op, av = tree[0]
    return op in REPEATS and av[0] == 0 and list(av[2]) == [(sre.ANY, None)]


def _refers_to_groups(pattern: re.Pattern[str]) -> bool:
    """Whether `pattern` holds a back reference or a group condition (its meaning would change
    in another alternation, where groups are numbered differently)."""
    return bool(re.search(r"\\[1-9]|\(\?P=|\(\?\(", pattern.pattern))


class StartMatcher:
    """re.match of an alternation of `patterns` as a yes or no (does any match at the start of a
    text?), the same answer found faster: patterns opening with `.*`, which scan the whole text,
    are tried only where their needles occur; the others stay one alternation."""

    def __init__(self, patterns: Iterable[re.Pattern[str]], flags: int) -> None:
        patterns = list(patterns)
        # Back references point elsewhere once the alternation is split: keep it whole then.
        split = not any(_refers_to_groups(p) for p in patterns)
        scanning = [p for p in patterns if split and _opens_with_any_run(p)]
        anchored = [p for p in patterns if p not in scanning]
        self.anchored = (
            re.compile("|".join(f"(?:{p.pattern})" for p in anchored), flags) if anchored else None
        )
        # Each with its prefilter, whether an ASCII text may hold one of its needles, and whether
        # the text need not be folded to look for them.
        self.scanning = tuple((p, f, f.fits_ascii, f.caseless) for p in scanning for f in [prefilter([p])])

    def matches(self, text: str, folded: str | None = None) -> bool:
        if self.anchored is not None and self.anchored.match(text):
            return True
        if self.scanning:
            ascii_text = text.isascii()
            for pattern, needles_of, fits_ascii, caseless in self.scanning:
                if ascii_text and not fits_ascii:
                    continue  # (every needle needs a non-ASCII character: no need to fold)
                if caseless:
                    looked_at = text
                else:
                    folded = fold(text) if folded is None else folded
                    looked_at = folded
                if needles_of.admits(looked_at) and pattern.match(text):
                    return True
        return False


class Alternation:
    """finditer of `combined`, the alternation (?:p1)|(?:p2)|… of `patterns` (same flags), as
    spans of its non-empty matches, found faster: a text holding no needle of a pattern cannot
    hold a match of it, so that pattern drops out, and the rest are searched one by one.

    Why the spans are the same: at each position the alternation tries p1, p2, … in turn and
    takes the first that matches there, then goes on from the end of that match. So its next
    match is, among every pattern's next match, the one that starts first (on a tie, the
    earlier pattern), exactly as that pattern alone matches it there. This holds when no
    pattern can match the empty string (the alternation's handling of empty matches differs)
    and none refers to a group by number or name (groups are numbered anew in the
    alternation); otherwise `combined` runs as it is."""

    def __init__(self, patterns: Iterable[re.Pattern[str]], combined: re.Pattern[str]) -> None:
        # A pattern that is itself an alternation ("tweet|facebook|…|\bx\b") is as many
        # patterns: (?:a|b)|(?:c) tries a, b, c in the same order as (?:a)|(?:b)|(?:c).
        self.patterns = tuple(part for p in patterns for part in split_alternatives(p))
        self.combined = combined
        self.prefilter = prefilter(self.patterns)
        self.separable = all(_never_empty(p) and not _refers_to_groups(p) for p in self.patterns)
        # Which patterns each literal needle belongs to (for ASCII texts, and for all), the
        # needles with classes of each pattern, and the patterns without needles.
        own = [prefilter([p]) for p in self.patterns]
        owners: dict[str, set[int]] = {}
        for i, f in enumerate(own):
            for literal in f.literals:
                owners.setdefault(literal, set()).add(i)
        self.owners = tuple((w, frozenset(o)) for w, o in owners.items())
        self.ascii_owners = tuple((w, o) for w, o in self.owners if w.isascii())
        self.class_needles = tuple(
            (i, f.pattern, f.pattern_keys) for i, f in enumerate(own) if f.pattern is not None
        )
        self.unfiltered = frozenset(i for i, f in enumerate(own) if not f.literals and f.pattern is None)
        # Characters one of which a text must hold to hold a needle with classes (those of the
        # needles' keys; empty when there are none): a text holding no literal needle and none
        # of these holds no match. None when some pattern may match without either.
        self.class_keys: frozenset[str] | None = None
        if self.separable and not self.unfiltered and all(k is not None for _, _, k in self.class_needles):
            self.class_keys = frozenset().union(*(k for _, _, k in self.class_needles))

    def spans(
        self, text: str, folded: str, chars: set[str] | None = None, literal_hits: Set[int] | None = None
    ) -> list[tuple[int, int]]:
        """[m.span() for m in combined.finditer(text) if m.end() > m.start()]; `folded` is
        fold(text), `chars` set(folded). `literal_hits`: the patterns one of whose literal needles
        `folded` holds (the owners in `self.owners` of the literals it holds), when the caller
        has found them for many alternations at once (see LiteralIndex)."""
        if not self.separable:
            if not self.prefilter.admits(folded, chars):
                return []
            return [m.span() for m in self.combined.finditer(text) if m.end() > m.start()]
        keys = self.prefilter.keys
        if chars is not None and keys is not None and keys.isdisjoint(chars):
            return []
        admitted = self.unfiltered  # (a new set only once a needle is found)
        if literal_hits is not None:
            if literal_hits:
                admitted = admitted | literal_hits
        else:
            for literal, owners in self.ascii_owners if folded.isascii() else self.owners:
                if literal in folded:
                    admitted = admitted | owners
        for i, needles_of, needle_keys in self.class_needles:
            if i in admitted or (
                chars is not None and needle_keys is not None and needle_keys.isdisjoint(chars)
            ):
                continue
            if needles_of.search(folded):
                admitted = admitted | {i}
        if not admitted:
            return []
        if len(admitted) == 1:
            return [m.span() for m in self.patterns[next(iter(admitted))].finditer(text)]
        return _leftmost_first([self.patterns[i] for i in sorted(admitted)], text)


class LiteralIndex:
    """Which of many literals a text holds, without testing each one: a literal occurs only
    where each pair of its adjacent characters does, so a literal is tested only when the text
    holds its rarest pair (one-character literals are looked up among the text's characters).
    `hits` gives the union of the owners of every literal the text holds: what
    `literal in text` for each literal would give. One pass over the text replaces the
    hundreds of substring tests of the vocabulary kinds' literals (speed)."""

    def __init__(self, owners: Mapping[str, Set[Hashable]]) -> None:
        by_pair: dict[str, list[tuple[str, frozenset[Hashable]]]] = {}
        singles: dict[str, frozenset[Hashable]] = {}
        always: set[Hashable] = set()
        for literal, owned in owners.items():
            if len(literal) >= 2:
                pair = min((literal[i : i + 2] for i in range(len(literal) - 1)), key=commonness)
                by_pair.setdefault(pair, []).append((literal, frozenset(owned)))
            elif literal:
                singles[literal] = frozenset(owned)
            else:  # (the empty string is in every text)
                always |= owned
        self.by_pair = {pair: tuple(found) for pair, found in by_pair.items()}
        self.pairs = frozenset(by_pair)
        self.singles = singles
        self.single_chars = frozenset(singles)
        self.always = frozenset(always)

    def hits(self, text: str, chars: Set[str] | None = None) -> set[Hashable]:
        """The owners of the literals `text` holds; `chars`: set(text), when the caller has it."""
        found = set(self.always)
        for char in self.single_chars.intersection(text if chars is None else chars):
            found |= self.singles[char]
        for pair in self.pairs.intersection(map(concat, text, text[1:])):  # (the text's pairs)
            for literal, owned in self.by_pair[pair]:
                if len(literal) == 2 or literal in text:
                    found |= owned
        return found


def _leftmost_first(patterns: list[re.Pattern[str]], text: str) -> list[tuple[int, int]]:
    """Spans of finditer over the alternation of `patterns` (none matching the empty string),
    from each pattern's own next match (see Alternation)."""
    spans: list[tuple[int, int]] = []
    upcoming = [p.search(text) for p in patterns]
    while True:
        first = None
        for m in upcoming:  # in pattern order: on a tie the earlier pattern wins
            if m is not None and (first is None or m.start() < first.start()):
                first = m
        if first is None:
            return spans
        spans.append(first.span())
        end = first.end()
        for i, m in enumerate(upcoming):  # matches overlapping the one taken are void
            if m is not None and m.start() < end:
                upcoming[i] = patterns[i].search(text, end)


def _never_empty(pattern: re.Pattern[str]) -> bool:
    try:
        return sre_parse.parse(pattern.pattern, pattern.flags).getwidth()[0] > 0
    except Exception:  # an unfamiliar tree: assume it may
        return False


def split_alternatives(pattern: re.Pattern[str]) -> list[re.Pattern[str]]:
    """A pattern written as a|b|c, as the patterns a, b and c (same flags); [pattern] when it is
    one alternative, or when its source is not plain enough to split safely by reading it
    (verbose mode, comments, inline flags)."""
    source = pattern.pattern
    if pattern.flags & re.VERBOSE or "(?#" in source or re.match(r"\(\?[aiLmsux-]+\)", source):
        return [pattern]
    parts: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2  # an escaped character, whatever it is
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 2 if source[i + 1 : i + 2] == "^" else 1
            if source[i : i + 1] == "]":  # "]" first in a class is a plain character
                i += 1
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    if len(parts) < 2:
        return [pattern]
    try:
        return [re.compile(part, pattern.flags) for part in parts]
    except re.error:  # read wrongly after all: keep the pattern whole
        return [pattern]
