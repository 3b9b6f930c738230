"""The bilingual glossary (sources/glossary.yml): reading and validating its entries.

Each entry is a Chinese term with its accepted English renderings, other wordings seen in texts
(variants, on both sides), a kind (term, person, organisation, place, event) and a note. The file
is validated; every problem names the file and the line of the entry.

Finding entries in text (one prefix-tree regular expression per script) is matcher.py's. The
aligner reads the same file through glossary_terms (below), which ignores the keys it does not know.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import yaml

from .. import datafile
from ..model import Diagnostic, Level
from .matcher import (
    HAN,
    KINDS,
    Entry,
    Glossary,
    form_key,
)

GLOSSARY_FILE = "glossary.yml"
KNOWN_KEYS = ("zh", "en", "variants", "zh_variants", "kind", "tag", "exclude", "note", "slug")
SLUG_UNSAFE = re.compile(r"[^a-z0-9]+")


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


def parse(text: str, rel: str = GLOSSARY_FILE) -> tuple[Glossary, list[Diagnostic]]:
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
        entry = _entry(item, lines[n] if n < len(lines) else None, problem, first_line, slugs)
        if entry is not None:
            entries.append(entry)
    notes += _clashes(entries, rel)
    return Glossary(tuple(entries)), notes


# Reports a problem of the glossary: (message, line, level=ERROR).
Problem = Callable[..., None]


def _entry(
    item: object, line: int | None, problem: Problem, first_line: dict[str, int | None], slugs: dict[str, int]
) -> Entry | None:
    """One entry of the glossary, its problems reported; None when it cannot be used. `first_line`
    (each term's line) and `slugs` (the addresses taken) grow with every entry used."""
    if not isinstance(item, dict):
        problem("an entry must be a mapping with zh and en", line)
        return None
    for key in item:
        if key not in KNOWN_KEYS:
            problem(f"unknown key {key!r}; known keys: {', '.join(KNOWN_KEYS)}", line, Level.WARNING)
    zh = item.get("zh")
    if not isinstance(zh, str) or not zh.strip():
        problem("an entry needs a Chinese term: zh", line)
        return None
    zh = zh.strip()
    en = _strings(item.get("en"))
    if not en:
        problem(f"{zh}: needs an English rendering: en", line)
        return None
    lists, kind, tag, note = _options(item, zh, line, problem)
    if zh in first_line:
        where = f" (first at line {first_line[zh]})" if first_line[zh] else ""
        problem(f"{zh}: listed twice{where}; merge the two entries", line)
        return None
    first_line[zh] = line
    for form in lists["zh_variants"]:
        if not HAN.search(form):
            problem(f"{zh}: zh_variants holds {form!r}, which has no Chinese characters", line, Level.WARNING)
    for form in (*en, *lists["variants"]):
        if HAN.search(form):
            problem(f"{zh}: English rendering {form!r} has Chinese characters", line, Level.WARNING)
    return Entry(
        zh=zh,
        en=en,
        variants=lists["variants"],
        zh_variants=lists["zh_variants"],
        kind=kind,
        tag=tag,
        exclude=lists["exclude"],
        note=note.strip(),
        slug=_unique_slug(str(item.get("slug") or "").strip(), zh, en, slugs),
        line=line,
    )


def _options(
    item: dict, zh: str, line: int | None, problem: Problem
) -> tuple[dict[str, tuple[str, ...]], str, bool, str]:
    """An entry's optional keys, checked: its lists (variants, zh_variants, exclude), kind, tag
    and note; a malformed one is reported and takes its default."""
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
    return lists, kind, tag, note


def _unique_slug(given: str, zh: str, en: tuple[str, ...], slugs: dict[str, int]) -> str:
    """The entry's address: its own slug, else its first English rendering's, made unique."""
    base = slugify(given or en[0]) or "term-" + hashlib.blake2b(zh.encode(), digest_size=3).hexdigest()
    slug = base
    k = slugs.get(base, 0)
    while slug in slugs:
        k += 1
        slug = f"{base}-{k}"
    slugs[base] = max(k, 1)
    slugs[slug] = 1
    return slug


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
