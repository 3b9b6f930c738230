"""The bilingual glossary (sources/glossary.yml): entries, their validation, and finding them in text.

Each entry is a Chinese term with its accepted English renderings, other wordings seen in texts
(variants, on both sides), a kind (term, person, organisation, place, event) and a note. The file
is validated; every problem names the file and the line of the entry.

Finding entries in text is leftmost-longest over every form of every entry at once: the forms are
compiled into a prefix tree written as one regular expression per script (so the regex engine, in
C, walks the tree: time grows with the text, not with the number of terms). English forms match
without regard to case and only as whole words, spaces and hyphens being interchangeable; forms
written in capitals are acronyms and match only in capitals. The aligner reads the same file
through glossary_terms (below), which ignores the keys it does not know.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import datafile
from ..model import Diagnostic, Level

GLOSSARY_FILE = "glossary.yml"
KINDS = ("term", "person", "organisation", "place", "event")
KIND_NAMES = {
    "term": "Terms",
    "person": "People",
    "organisation": "Organisations",
    "place": "Places",
    "event": "Events",
}
KNOWN_KEYS = ("zh", "en", "variants", "zh_variants", "kind", "tag", "exclude", "note", "slug")
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
SLUG_UNSAFE = re.compile(r"[^a-z0-9]+")


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


def _trie_pattern(forms: list[tuple[str, ...]]) -> str:
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
            pattern = re.compile(before + "(?:" + _trie_pattern(list(tokens)) + ")" + after, flags)
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


# ---- Loading and validation ---------------------------------------------------------------------


def slugify(text: str) -> str:
    return SLUG_UNSAFE.sub("-", unicodedata.normalize("NFKD", text).lower()).strip("-")


def _strings(value: object) -> tuple[str, ...] | None:
    """A string or a list of strings as a tuple (stripped, empty ones dropped); None if neither."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        return None
    return tuple(s for v in value if (s := str(v).strip()))


def _entry_lines(text: str) -> list[int | None]:
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return []
    if isinstance(node, yaml.MappingNode):  # {terms: [...]}
        node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == "terms"), None)
    if not isinstance(node, yaml.SequenceNode):
        return []
    return [item.start_mark.line + 1 for item in node.value]


def parse(text: str, rel: str = GLOSSARY_FILE) -> tuple[Glossary, list[Diagnostic]]:  # noqa: C901 (a catalogue: each key checked in turn)
    """The glossary in `text` and every problem with it. An invalid entry is left out (and
    reported); the others still apply. YAML syntax errors are reported by the caller that also
    feeds the aligner (pipeline.load_lexicon), so here they yield an empty glossary."""
    notes: list[Diagnostic] = []

    def problem(message: str, line: int | None, level: Level = Level.ERROR) -> None:
        notes.append(Diagnostic(level, rel, message, line))

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return Glossary(), notes
    if data is None:
        return Glossary(), notes
    if isinstance(data, dict) and isinstance(data.get("terms"), list):
        data = data["terms"]
    if not isinstance(data, list):
        problem("the glossary must be a list of entries (each with zh and en)", 1)
        return Glossary(), notes
    lines = _entry_lines(text)
    entries: list[Entry] = []
    first_line: dict[str, int | None] = {}
    slugs: dict[str, int] = {"index": 1}  # glossary/index.md is the glossary's own page
    for n, item in enumerate(data):
        line = lines[n] if n < len(lines) else None
        if not isinstance(item, dict):
            problem("an entry must be a mapping with zh and en", line)
            continue
        for key in item:
            if key not in KNOWN_KEYS:
                problem(f"unknown key {key!r}; known keys: {', '.join(KNOWN_KEYS)}", line, Level.WARNING)
        zh = item.get("zh")
        if not isinstance(zh, str) or not zh.strip():
            problem("an entry needs a Chinese term: zh", line)
            continue
        zh = zh.strip()
        en = _strings(item.get("en"))
        if not en:
            problem(f"{zh}: needs an English rendering: en", line)
            continue
        lists = {}
        for key in ("variants", "zh_variants", "exclude"):
            value = _strings(item.get(key, []))
            if value is None:
                problem(f"{zh}: {key} must be a string or a list of strings", line)
                value = ()
            lists[key] = value
        kind = item.get("kind", "term")
        if kind not in KINDS:
            problem(f"{zh}: kind must be one of {', '.join(KINDS)}, not {kind!r}", line)
            kind = "term"
        tag = item.get("tag", False)
        if not isinstance(tag, bool):
            problem(f"{zh}: tag must be true or false", line)
            tag = False
        note = item.get("note", "")
        if not isinstance(note, str):
            problem(f"{zh}: note must be text", line)
            note = ""
        if zh in first_line:
            where = f" (first at line {first_line[zh]})" if first_line[zh] else ""
            problem(f"{zh}: listed twice{where}; merge the two entries", line)
            continue
        first_line[zh] = line
        for form in lists["zh_variants"]:
            if not HAN.search(form):
                problem(
                    f"{zh}: zh_variants holds {form!r}, which has no Chinese characters", line, Level.WARNING
                )
        for form in (*en, *lists["variants"]):
            if HAN.search(form):
                problem(f"{zh}: English rendering {form!r} has Chinese characters", line, Level.WARNING)
        slug = str(item.get("slug") or "").strip()
        base = slugify(slug or en[0]) or "term-" + hashlib.blake2b(zh.encode(), digest_size=3).hexdigest()
        slug = base
        k = slugs.get(base, 0)
        while slug in slugs:
            k += 1
            slug = f"{base}-{k}"
        slugs[base] = max(k, 1)
        slugs[slug] = 1
        entries.append(
            Entry(
                zh=zh,
                en=en,
                variants=lists["variants"],
                zh_variants=lists["zh_variants"],
                kind=kind,
                tag=tag,
                exclude=lists["exclude"],
                note=note.strip(),
                slug=slug,
                line=line,
            )
        )
    notes += _clashes(entries, rel)
    return Glossary(tuple(entries)), notes


def _clashes(entries: list[Entry], rel: str) -> list[Diagnostic]:
    """A form claimed by two entries can only link to one of them: say which."""
    owner: dict[str, Entry] = {}
    out = []
    for e in entries:
        for form in (*e.zh_forms, *e.en_forms):
            key = form_key(form)
            other = owner.setdefault(key, e)
            if other is not e:
                out.append(
                    Diagnostic(
                        Level.WARNING,
                        rel,
                        f"{e.zh}: {form!r} is also a form of {other.zh} (line {other.line}); "
                        f"it links to {other.zh}",
                        e.line,
                    )
                )
    return out


def load(sources: Path) -> tuple[Glossary, list[Diagnostic]]:
    text, _ = datafile.read(sources, GLOSSARY_FILE)
    if text is None:
        return Glossary(), []  # reported by pipeline.lexicon_source, which reads the same file
    return parse(text, GLOSSARY_FILE)


def glossary_terms(data: object) -> dict[str, list[str]]:
    """zh term -> English renderings from a glossary file's parsed YAML. Accepts a mapping
    {zh: rendering | [renderings]} or a list of entries {zh: ..., en: ..., variants: [...]}
    (the shape of sources/glossary.yml); anything else contributes nothing."""
    out: dict[str, list[str]] = {}

    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, list):
            return [v for v in value if isinstance(v, str)]
        return []

    if isinstance(data, dict):
        if "terms" in data:
            return glossary_terms(data["terms"])
        for zh, value in data.items():
            if isinstance(zh, str):
                out.setdefault(zh, []).extend(strings(value))
    elif isinstance(data, list):
        for entry in data:
            if isinstance(entry, dict) and isinstance(entry.get("zh"), str):
                found = [s for key in ("en", "renderings", "variants") for s in strings(entry.get(key))]
                out.setdefault(entry["zh"], []).extend(found)
    return {zh: r for zh, r in out.items() if r}
