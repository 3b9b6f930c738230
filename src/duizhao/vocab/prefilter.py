"""Literal prefilters for regexes: strings of which every match must contain one.

Python's regex engine has no prefilter of its own for case-insensitive alternations: it tries
every alternative at every position of the text. The vocabulary kinds are long alternations of
words, so a 60-character line costs hundreds of microseconds per kind although it holds none of
those words. A substring test runs in C at a fraction of that. This module reads a compiled
pattern's syntax tree and collects strings at least one of which occurs in every match (for
`comments?\\s*\\(\\s*\\d+` that is "comment"; for `tweet|whatsapp` it is "tweet" or "whatsapp").
A text holding none of them cannot match, so the regex need not run: the answer is the same.

The analysis only has to be sound, never complete: where it is unsure (a character class, an
optional part, a lookaround) it requires nothing, and a pattern without a required string always
runs. Rules files stay plain regexes; nothing here changes what any pattern matches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Set
from dataclasses import dataclass
from operator import concat
from re import _constants as sre  # the syntax tree of re.compile (stable since Python 3.11)
from re import _parser as sre_parse
from typing import Any, NamedTuple

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
    keys = min(spelled, key=_commonness, default=None)
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


# A needle with classes is tested by its plain part alone when that part is this long (say
# "comment" in \d+\s*comment): a substring test is cheaper than a regex, and still necessary.
MIN_LITERAL = 3
# Beyond this many characters one regex pass for every needle at once beats a substring test per
# needle (each of which reads the whole text).
LONG_TEXT = 512
# Space and English letters from most to least frequent in running text; any other character
# (digits, punctuation, Han) counts as rarer still. A needle's rarest character is its key.
COMMON_CHARS = " etaoinshrdlcumwfgypbvkjxqz"


def _commonness(chars: Iterable[str]) -> float:
    """How likely a text holds one of `chars` (a rough rank, to pick keys)."""
    return sum(len(COMMON_CHARS) - COMMON_CHARS.index(c) if c in COMMON_CHARS else 0.5 for c in chars)


def _key(literal: str) -> str:
    """The rarest character of a literal."""
    return min(literal, key=lambda c: _commonness(c))


@dataclass(frozen=True)
class Prefilter:
    """Whether a text may hold a match of some patterns: a necessary condition, not a sufficient
    one. A folded text is admitted when it contains one of `literals` or a match of `pattern`
    (the needles with classes); a prefilter without needles admits every text."""

    literals: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None
    # Every needle in one alternation, to find the next one in a long text (see `find`).
    finder: re.Pattern[str] | None = None
    # A character of each needle (its rarest): a text holding none of them holds no needle.
    # None when a needle has no plain character.
    keys: frozenset[str] | None = None
    # The literals an ASCII text can hold.
    ascii_literals: tuple[str, ...] = ()
    # A character of each needle of `pattern` (None when one has no plain character).
    pattern_keys: frozenset[str] | None = None

    @property
    def fits_ascii(self) -> bool:
        """Whether an ASCII text may hold a needle (or the prefilter admits everything)."""
        return bool(self.ascii_literals) or self.pattern is not None or not self.literals

    @property
    def caseless(self) -> bool:
        """Whether every needle is plain uncased characters (Han, punctuation): then a text holds
        one exactly when its folded form does, and need not be folded (folding maps cased
        characters to cased ones only)."""
        return self.pattern is None and all(w.lower() == w == w.upper() for w in self.literals)

    def admits(self, folded: str, chars: set[str] | None = None) -> bool:
        """`chars`: set(folded), when the caller has it (one set test may settle the answer)."""
        if not self.literals and self.pattern is None:
            return True
        if chars is not None and self.keys is not None and self.keys.isdisjoint(chars):
            return False
        if len(folded) > LONG_TEXT and self.finder is not None:
            return self.finder.search(folded) is not None
        for literal in self.ascii_literals if folded.isascii() else self.literals:
            if literal in folded:  # substring tests: faster than one regex alternation
                return True
        if self.pattern is None:
            return False
        if chars is not None and self.pattern_keys is not None and self.pattern_keys.isdisjoint(chars):
            return False
        return self.pattern.search(folded) is not None

    def find(self, folded: str, start: int) -> int:
        """Where the first needle at or after `start` begins, or -1 (a prefilter with needles)."""
        m = self.finder.search(folded, start) if self.finder is not None else None
        return -1 if m is None else m.start()


def prefilter(patterns: Iterable[re.Pattern[str]]) -> Prefilter:
    """The prefilter of a set of patterns (say, the alternatives of one kind): a text is admitted
    when it may hold a match of any of them."""
    found: set[Needle] = set()
    for pattern in patterns:
        clause = needles(pattern)
        if clause is None:
            return Prefilter()
        found |= clause
    literals: set[str] = set()
    sources: list[str] = []
    keys: set[str] | None = set()
    for needle in sorted(found, key=lambda n: -n.weight):
        if needle.source == re.escape(needle.literal) or len(needle.literal) >= MIN_LITERAL:
            literals.add(needle.literal)
        else:
            sources.append(needle.source)
            if keys is not None and needle.keys is not None:
                keys |= needle.keys
            else:
                keys = None
    # A literal containing another one adds nothing: drop it.
    kept = tuple(sorted(w for w in literals if not any(o != w and o in w for o in literals)))
    pattern_keys = frozenset(keys) if keys is not None and sources else None
    if keys is not None:
        keys.update(_key(w) for w in kept)
    every = [re.escape(w) for w in kept] + sources
    return Prefilter(
        kept,
        re.compile("|".join(sources)) if sources else None,
        re.compile("|".join(every)) if every else None,
        frozenset(keys) if keys is not None else None,
        tuple(w for w in kept if w.isascii()),
        pattern_keys,
    )


class Prefiltered:
    """A pattern behind its prefilter: the pattern's own answers, without scanning a text that
    holds none of its needles. `folded` saves folding a text again for a second pattern."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.prefilter = prefilter([pattern])
        # Matches at most this long, never empty, each holding a needle: then a long text is
        # scanned only near its needles (see _near_needles); None: scan it whole.
        self.reach: int | None = None
        if self.prefilter.literals or self.prefilter.pattern is not None:
            try:
                low, high = sre_parse.parse(pattern.pattern, pattern.flags).getwidth()
            except Exception:  # an unfamiliar tree: scan whole texts
                low, high = 0, sre.MAXREPEAT
            if low > 0 and high < sre.MAXREPEAT:
                self.reach = high

    def search(self, text: str, folded: str | None = None) -> re.Match[str] | None:
        if not self.prefilter.admits(fold(text) if folded is None else folded):
            return None
        return self.pattern.search(text)

    def finditer(self, text: str, folded: str | None = None) -> Iterator[re.Match[str]]:
        folded = fold(text) if folded is None else folded
        if not self.prefilter.admits(folded):
            return iter(())
        if self.reach is None:
            return self.pattern.finditer(text)
        return self._near_needles(text, folded, self.reach)

    def _near_needles(self, text: str, folded: str, reach: int) -> Iterator[re.Match[str]]:
        """pattern.finditer(text), trying match starts only up to `reach` characters before a
        needle. A match starting at or after `pos` holds a needle that begins at or after `pos`;
        if the first such needle begins at q, no match starts before q - reach (it would end
        before q, so hold an earlier needle) and every start up to q is tried in order: the
        first that matches is finditer's next match. None matching, the next match starts
        after q."""
        pos = 0
        while pos <= len(text):
            q = self.prefilter.find(folded, pos)
            if q < 0:
                return
            for start in range(max(pos, q - reach), q + 1):
                m = self.pattern.match(text, start)
                if m is not None:
                    yield m
                    pos = m.end()  # never empty (see reach): finditer goes on from here
                    break
            else:
                pos = q + 1


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


# re.IGNORECASE matches these non-ASCII letters to ASCII ones (see ASCII_LOOKALIKES).
LOOKALIKES_OF = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}


def _variants(code: int, ignorecase: bool) -> set[str] | None:
    """The characters a literal matches: itself, or under IGNORECASE its case variants (known
    for ASCII letters and uncased characters only)."""
    char = chr(code)
    if not ignorecase or char.lower() == char == char.upper():
        return {char}
    if code < 128:
        return {char.lower(), char.upper(), *LOOKALIKES_OF.get(char.lower(), "")}
    return None


First = tuple[frozenset[str], frozenset[str], bool]  # characters, categories, may be empty


def _first_of(items: Iterable[tuple], ignorecase: bool) -> First | None:
    """What the first character of a match of a node sequence can be: plain characters and
    categories ("d" digits, "s" spaces), and whether the match may be empty; None: anything."""
    chars: set[str] = set()
    categories: set[str] = set()
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero width: the first character comes later
        first = _first_of_node(op, av, ignorecase)
        if first is None:
            return None
        chars |= first[0]
        categories |= first[1]
        if not first[2]:
            return frozenset(chars), frozenset(categories), False
    return frozenset(chars), frozenset(categories), True


def _first_of_node(op: object, av: object, ignorecase: bool) -> First | None:
    if op is sre.LITERAL:
        found = _variants(av, ignorecase)  # type: ignore[arg-type]
        return None if found is None else (frozenset(found), frozenset(), False)
    if op is sre.IN:
        chars: set[str] = set()
        categories: set[str] = set()
        for kind, value in av:  # type: ignore[attr-defined]
            if kind is sre.LITERAL:
                found = _variants(value, ignorecase)
            elif kind is sre.RANGE and value[1] - value[0] < MAX_CLASS_CHARS:
                found = set()
                for code in range(value[0], value[1] + 1):
                    variants = _variants(code, ignorecase)
                    if variants is None:
                        return None
                    found |= variants
            elif kind is sre.CATEGORY and value in (sre.CATEGORY_DIGIT, sre.CATEGORY_SPACE):
                categories.add("d" if value is sre.CATEGORY_DIGIT else "s")
                continue
            else:  # negated classes, \w, wide ranges: anything
                return None
            if found is None:
                return None
            chars |= found
        return frozenset(chars), frozenset(categories), False
    return _nested(op, av, ignorecase, _first_of)


def _nested(op: object, av: Any, ignorecase: bool, walk: Callable[[Any, bool], Any]) -> Any:
    """The answer (First or Last) for a node that holds others (a branch, a group, a repeat), by
    `walk` (_first_of or _last_of) over what it holds; None (anything) for any other node: any
    character, back references, conditions."""
    if op is sre.BRANCH:
        return _either([walk(alternative, ignorecase) for alternative in av[1]])
    if op is sre.SUBPATTERN:  # (group, add_flags, del_flags, body)
        _, add, remove, body = av
        return walk(body, (ignorecase or bool(add & re.I)) and not remove & re.I)
    if op is sre.ATOMIC_GROUP:
        return walk(av, ignorecase)
    if op in REPEATS:  # (min, max, body): a repeat that may be absent may leave nothing
        inner = walk(av[2], ignorecase)
        return None if inner is None else (inner[0], inner[1], inner[2] or av[0] == 0)
    return None


def _either(ways: list) -> Any:
    """The answer for a branch from its alternatives' (First or Last tuples): sets united and flags
    or-ed, position by position; None (anything) when any alternative is unknown."""
    if not ways or any(w is None for w in ways):
        return None
    return tuple(
        frozenset().union(*col) if isinstance(col[0], frozenset) else any(col)
        for col in zip(*ways, strict=True)
    )


def first_characters(pattern: re.Pattern[str]) -> First | None:
    """What a match of `pattern` can start with (see _first_of); None when unknown."""
    try:
        return _first_of(sre_parse.parse(pattern.pattern, pattern.flags), bool(pattern.flags & re.I))
    except Exception:  # an unfamiliar tree
        return None


Last = tuple[frozenset[str], bool, bool]  # characters, whether any digit, may end blank


def _last_of(items: Iterable[tuple], ignorecase: bool) -> Last | None:
    """What the last non-space character of a match of a node sequence can be: plain characters,
    whether any digit, and whether the match may hold no such character at all (it is empty or
    spaces only); None: anything."""
    chars: set[str] = set()
    digit = False
    for op, av in reversed(list(items)):
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero width
        last = _last_of_node(op, av, ignorecase)
        if last is None:
            return None
        chars |= last[0]
        digit = digit or last[1]
        if not last[2]:
            return frozenset(chars), digit, False
    return frozenset(chars), digit, True


def _last_of_node(op: object, av: object, ignorecase: bool) -> Last | None:
    if op in (sre.LITERAL, sre.IN):  # one character: its first is its last
        first = _first_of_node(op, av, ignorecase)
        if first is None:
            return None
        spaces = {c for c in first[0] if c.isspace()}
        return first[0] - spaces, "d" in first[1], bool(spaces) or "s" in first[1]
    return _nested(op, av, ignorecase, _last_of)


def _last_at_end(items: list[tuple], ignorecase: bool) -> Last | None:
    """_last_of for a sequence that matches only through to the end of the text ($ or \\Z last,
    in it or in each way through it); None when it does not, or when unknown."""
    if not items:
        return None
    op, av = items[-1]
    if op is sre.AT and av in (sre.AT_END, sre.AT_END_STRING):
        return _last_of(items[:-1], ignorecase)
    if len(items) == 1 and op is sre.BRANCH:
        return _either([_last_at_end(list(alternative), ignorecase) for alternative in av[1]])  # type: ignore[index]
    if len(items) == 1 and op is sre.SUBPATTERN:
        _, add, remove, body = av  # type: ignore[misc]
        return _last_at_end(list(body), (ignorecase or bool(add & re.I)) and not remove & re.I)
    return None


def last_characters(pattern: re.Pattern[str]) -> tuple[frozenset[str], bool] | None:
    """For a pattern that matches only through to the end of a text (it ends with $): the
    characters one of which is the last of every text it matches, trailing spaces aside, and
    whether a digit may be; None when the pattern is not of that kind or too intricate to say.
    ($ may match before a final newline: a space too.)"""
    if pattern.flags & re.MULTILINE:  # ($ at the end of every line)
        return None
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
        last = _last_at_end(list(tree), bool(pattern.flags & re.I))
    except Exception:  # an unfamiliar tree
        return None
    if last is None or last[2]:  # (a match may hold spaces only: anything may end the text)
        return None
    return last[0], last[1]


def _ends_in(text: str, last: tuple[frozenset[str], bool]) -> bool:
    """Whether `text`, trailing spaces aside, ends with one of the characters `last` names."""
    end = text[-1:]
    if end.isspace():
        end = text.rstrip()[-1:]
    return end in last[0] or (last[1] and end.isdecimal())


class StartMatcher:
    """re.match of an alternation of `patterns` as a yes or no (does any match at the start of a
    text?), the same answer found faster: patterns opening with `.*`, which scan the whole text,
    are tried only where their needles occur, and, when they end with $, only on texts ending with
    a character they can end with; the others stay one alternation, tried only on texts whose
    first character one of them can start with."""

    def __init__(self, patterns: Iterable[re.Pattern[str]], flags: int) -> None:
        patterns = list(patterns)
        # Back references point elsewhere once the alternation is split: keep it whole then.
        split = not any(_refers_to_groups(p) for p in patterns)
        scanning = [p for p in patterns if split and _opens_with_any_run(p)]
        anchored = [p for p in patterns if p not in scanning]
        self.anchored = (
            re.compile("|".join(f"(?:{p.pattern})" for p in anchored), flags) if anchored else None
        )
        # Each with its prefilter, whether an ASCII text may hold one of its needles, whether
        # the text need not be folded to look for them, and what a text it matches ends with.
        self.scanning = tuple(
            (p, f, f.fits_ascii, f.caseless, last_characters(p)) for p in scanning for f in [prefilter([p])]
        )
        firsts = [first_characters(p) for p in anchored]
        # What the anchored patterns can start with: characters, and whether any digit or space;
        # first_chars None: anything (or a pattern may match the empty string).
        self.first_chars: frozenset[str] | None = None
        self.first_digit = self.first_space = False
        if firsts and all(f is not None and not f[2] for f in firsts):
            self.first_chars = frozenset().union(*(f[0] for f in firsts))  # type: ignore[index]
            categories = frozenset().union(*(f[1] for f in firsts))  # type: ignore[index]
            self.first_digit, self.first_space = "d" in categories, "s" in categories

    def matches(self, text: str, folded: str | None = None) -> bool:
        first = self.first_chars
        if (
            self.anchored is not None
            and (
                first is None
                or (  # (no anchored pattern matches the empty string)
                    text != ""
                    and (
                        text[0] in first
                        or (self.first_digit and text[0].isdecimal())
                        or (self.first_space and text[0].isspace())
                    )
                )
            )
            and self.anchored.match(text)
        ):
            return True
        if self.scanning:
            ascii_text = text.isascii()
            end = None  # the text's last character, trailing spaces aside (_ends_in, written out)
            for pattern, needles_of, fits_ascii, caseless, last in self.scanning:
                if ascii_text and not fits_ascii:
                    continue  # (every needle needs a non-ASCII character: no need to fold)
                if last is not None:
                    if end is None:
                        end = text[-1:]
                        if end.isspace():
                            end = text.rstrip()[-1:]
                    if end not in last[0] and not (last[1] and end.isdecimal()):
                        continue
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
                pair = min((literal[i : i + 2] for i in range(len(literal) - 1)), key=_commonness)
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


class StartPattern:
    """pattern.match(text), the same match found faster: a text whose first character no match
    can start with is not tried (see first_characters)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        first = first_characters(pattern)
        # None: anything may start a match (or it may be empty): always try.
        self.chars = None if first is None or first[2] else first[0]
        self.digit = first is not None and "d" in first[1]
        self.space = first is not None and "s" in first[1]

    def match(self, text: str) -> re.Match[str] | None:
        chars = self.chars
        if chars is not None and not (
            text != ""
            and (
                text[0] in chars or (self.digit and text[0].isdecimal()) or (self.space and text[0].isspace())
            )
        ):
            return None
        return self.pattern.match(text)
