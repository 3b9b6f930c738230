"""Finding glossary entries in text: the entry, a hit, and the Glossary, whose forms are compiled into
a prefix tree written as one regular expression per script (so the regex engine, in C, walks the
tree: time grows with the text, not with the number of terms). Leftmost-longest over every form
at once; English forms match case-insensitively and only as whole words, spaces and hyphens being
interchangeable; forms in capitals are acronyms and match only in capitals. glossary.py reads and
validates the file."""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

KINDS = ("term", "person", "organisation", "place", "event")

KIND_NAMES = {
    "term": "Terms",
    "person": "People",
    "organisation": "Organisations",
    "place": "Places",
    "event": "Events",
}

# Characters that separate words inside an English form; any run of them (or none: "cybersecurity")
# matches any other, so one form covers "cyber security", "cyber-security" and "cybersecurity".
SEPARATORS = " \t\n\u00a0-\u2010\u2011\u2012\u2013\u2014"

_SEP_CLASS = "[\\s\\-\u2010\u2011\u2012\u2013\u2014]*"

_APOSTROPHES = "'\u2019"

# Letters and digits an English match must not touch: whole words only ("UN" is not in "UNESCO").
_WORD = "A-Za-z0-9\u00c0-\u024f"

# An acronym: capitals and digits, optionally dotted (US, U.S., G20). Matched case-sensitively.
ACRONYM = re.compile(r"^(?:[A-Z0-9]\.?){2,6}$")

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Entry:
    zh: str
    en: tuple[str, ...]  # accepted renderings, the first one is the display form
    variants: tuple[str, ...] = ()  # other English wordings that are matched too
    zh_variants: tuple[str, ...] = ()
    kind: str = "term"
    tag: bool = False
    exclude: tuple[str, ...] = ()
    note: str = ""
    slug: str = ""
    line: int | None = None  # where the entry starts in glossary.yml

    @property
    def name(self) -> str:
        """The English display name."""
        return self.en[0]

    @property
    def label(self) -> str:
        return f"{self.zh} · {self.name}"

    @property
    def en_forms(self) -> tuple[str, ...]:
        return self.en + self.variants

    @property
    def zh_forms(self) -> tuple[str, ...]:
        return (self.zh, *self.zh_variants)


@dataclass(frozen=True)
class Hit:
    """One match in a text: text[start:end] is a form of entries[entry]."""

    start: int
    end: int
    entry: int
    form: str


def form_key(form: str, fold: bool | None = None) -> str:
    """What two spellings of one form have in common: separators and apostrophe shapes are
    ignored, and so is case when `fold` (by default: unless the form is an acronym)."""
    form = unicodedata.normalize("NFKC", form)
    if fold is None:
        fold = not ACRONYM.match(form)
    if fold:
        form = form.lower()
    form = form.replace("\u2019", "'")
    return "".join(c for c in form if c not in SEPARATORS)


def plural(form: str) -> str | None:
    """The plural of an English form whose last word is a lowercase noun ("cyber attack" ->
    "cyber attacks"); None for names, acronyms and forms already plural."""
    last = re.split(f"[{re.escape(SEPARATORS)}]", form)[-1]
    if not last or not last.isalpha() or not last.islower() or last.endswith("s"):
        return None
    if last.endswith(("x", "z", "ch", "sh")):
        return form + "es"
    if last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        return form[:-1] + "ies"
    return form + "s"


def _tokens(form: str, fold: bool) -> tuple[str, ...]:
    """The regex atoms of one form: one per character, one per run of separators."""
    out: list[str] = []
    for ch in form:
        if ch in SEPARATORS:
            if not out or out[-1] != _SEP_CLASS:
                out.append(_SEP_CLASS)
        elif ch in _APOSTROPHES:
            out.append("['\u2019]")
        else:
            out.append(re.escape(ch.lower() if fold else ch))
    return tuple(out)


def trie_pattern(forms: list[tuple[str, ...]]) -> str:
    """A regex matching any of the token sequences, longest first at each branch (the engine
    backtracks to a shorter form when a longer one fails its word boundary)."""
    trie: dict = {}
    for tokens in forms:
        node = trie
        for t in tokens:
            node = node.setdefault(t, {})
        node[""] = {}

    def walk(node: dict) -> str:
        end = "" in node
        alts = [t + walk(child) for t, child in sorted(node.items()) if t]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not end else "(?:" + "|".join(alts) + ")"
        if end:
            body = (body if body.startswith("(?:") else f"(?:{body})") + "?"
        return body

    return walk(trie)


@dataclass
class Glossary:
    entries: tuple[Entry, ...] = ()
    # Compiled lazily: (regex, {form key: entry index or -1 for an exclusion}, folds case) per group.
    _matchers: list[tuple[re.Pattern[str], dict[str, int], bool]] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(repr(self.entries).encode()).hexdigest()[:16]

    def _compile(self) -> list[tuple[re.Pattern[str], dict[str, int], bool]]:
        # Three groups: Chinese forms (no word boundaries: Chinese has no spaces), English forms
        # folded for case, and acronyms matched exactly. Each maps a form key to its entry, or to
        # -1 for an exclusion (a longer word that must not count as the term).
        groups: dict[str, tuple[dict[str, int], dict[tuple[str, ...], None]]] = {
            "zh": ({}, {}),
            "fold": ({}, {}),
            "exact": ({}, {}),
        }

        def add(form: str, entry: int) -> None:
            group = "zh" if HAN.search(form) else "exact" if ACRONYM.match(form) else "fold"
            keys, tokens = groups[group]
            keys.setdefault(form_key(form, group == "fold"), entry)
            tokens[_tokens(form, group == "fold")] = None

        for i, e in enumerate(self.entries):
            for form in e.exclude:
                add(form, -1)
            for form in (*e.zh_forms, *e.en_forms):
                add(form, i)
                if (more := plural(form)) is not None:
                    add(more, i)
        out = []
        edge = (f"(?<![{_WORD}])", f"(?![{_WORD}])")
        for group, (keys, tokens) in groups.items():
            if not keys:
                continue
            before, after = ("", "") if group == "zh" else edge
            flags = re.IGNORECASE if group == "fold" else 0
            pattern = re.compile(before + "(?:" + trie_pattern(list(tokens)) + ")" + after, flags)
            out.append((pattern, keys, group == "fold"))
        return out

    def find(self, text: str) -> list[Hit]:
        """Every entry form in `text`, never overlapping, the longest match winning wherever two
        overlap ("World Internet Conference" over "Internet"). Overlapping forms of one entry are
        one mention: "President Xi" and "Xi Jinping" in "President Xi Jinping" link the whole
        name. An exclusion (a longer word that contains a term but means something else) cancels
        the match at its position only: the search resumes one character later, so other terms
        inside it are still found."""
        if not self.entries:
            return []
        if self._matchers is None:
            self._matchers = self._compile()
        found: list[tuple[int, int, int]] = []
        for pattern, keys, fold in self._matchers:
            pos = 0
            # A match at every position a form starts (not only after the previous match), so a
            # longer form that starts inside a shorter one is seen.
            while (m := pattern.search(text, pos)) is not None:
                pos = m.start() + 1
                entry = keys.get(form_key(m.group(), fold), -1)
                if entry >= 0 and m.end() > m.start():
                    found.append((m.start(), m.end(), entry))
        found.sort()
        # One entry's overlapping forms joined into one span.
        spans: list[list[int]] = []
        for start, end, entry in found:
            joined = next((s for s in reversed(spans[-8:]) if s[2] == entry and start < s[1]), None)
            if joined is not None:
                joined[1] = max(joined[1], end)
            else:
                spans.append([start, end, entry])
        # Longest first (then leftmost), each kept if it overlaps none kept before.
        kept: list[tuple[int, int, int]] = []
        taken: list[tuple[int, int]] = []
        for start, end, entry in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
            i = bisect.bisect_left(taken, (start, start))
            if (i > 0 and taken[i - 1][1] > start) or (i < len(taken) and taken[i][0] < end):
                continue
            taken.insert(i, (start, end))
            kept.append((start, end, entry))
        return [Hit(start, end, entry, text[start:end]) for start, end, entry in sorted(kept)]
