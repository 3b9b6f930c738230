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

The analysis lives in needles.py; the matchers built on these prefilters (StartMatcher,
Alternation, LiteralIndex) in matchers.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from re import _constants as sre  # the syntax tree of re.compile (stable since Python 3.11)
from re import _parser as sre_parse

from .needles import Needle, commonness, needles
from .needles import fold as fold  # (the cleaner folds its lines with it)

# A needle with classes is tested by its plain part alone when that part is this long (say
# "comment" in \d+\s*comment): a substring test is cheaper than a regex, and still necessary.
MIN_LITERAL = 3
# Beyond this many characters one regex pass for every needle at once beats a substring test per
# needle (each of which reads the whole text).
LONG_TEXT = 512
def _key(literal: str) -> str:
    """The rarest character of a literal."""
    return min(literal, key=lambda c: commonness(c))


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
