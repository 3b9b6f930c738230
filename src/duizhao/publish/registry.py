"""The URL registry, `sources/_published.yml`: the address of every published document, and where
retired addresses now lead. Readers cite these URLs, so once a document is published its slug is
taken from here, never re-derived from the file name.

    documents:            # source file -> its slug (texts/<slug>/) and the sha256 of its bytes
      000_24893c960241ec06.txt: {slug: 000_24893c960241ec06, sha256: 5a3f...}
    redirects:            # retired slug -> the slug that replaces it
      old-name: new-name

Why in sources/: the registry travels with the scrapes it describes (a git revision of sources/
is enough to know its URLs), and the leading underscore marks editor data that is not a document.
Why the sha256: scrapes are immutable, so equal bytes under a new name are a rename, found without
asking git.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import datafile
from ..model import Diagnostic, Level
from ..vocab.rules import YAML_ERRORS

REGISTRY_FILE = "_published.yml"
SHA256 = re.compile(r"^[0-9a-f]{64}$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# Slugs no document may take: texts/index.md is the documents index.
RESERVED_SLUGS = frozenset({"index"})
# libyaml when PyYAML has it: the registry grows with the corpus and is read on every build.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HEADER = """\
# Published document URLs (texts/<slug>/). Readers cite them, so an entry is never dropped:
# a renamed or withdrawn document keeps its old address as a redirect.
# `duizhao urls --write` records new documents and renames; see docs/editors.md.
"""


@dataclass(frozen=True)
class Entry:
    name: str  # source file, relative to sources/
    slug: str
    sha256: str = ""
    line: int | None = None  # where it is written, for messages


@dataclass
class Registry:
    entries: dict[str, Entry] = field(default_factory=dict)  # by source name
    redirects: dict[str, str] = field(default_factory=dict)  # retired slug -> current slug
    diagnostics: list[Diagnostic] = field(default_factory=list)
    redirect_lines: dict[str, int] = field(default_factory=dict)

    @property
    def slugs(self) -> dict[str, str]:
        """slug -> source name of every registered document."""
        return {e.slug: e.name for e in self.entries.values()}

    def reserved(self) -> set[str]:
        """Slugs a new document must not take: registered, retired or reserved."""
        return set(self.slugs) | set(self.redirects) | set(RESERVED_SLUGS)

    def resolve(self, slug: str) -> str:
        """Follow redirects from `slug` to the slug it ends at (cycles stop where they close)."""
        seen = {slug}
        while slug in self.redirects:
            slug = self.redirects[slug]
            if slug in seen:
                break
            seen.add(slug)
        return slug


def load(sources: Path) -> Registry:
    text, notes = datafile.read(sources, REGISTRY_FILE)
    if text is None:
        return Registry(diagnostics=notes)
    return parse(text)


def _lines(node: yaml.Node | None) -> dict[str, int]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def parse(text: str) -> Registry:
    """The registry in `text`, with a diagnostic (and its line) for every entry it leaves out."""
    reg = Registry()
    try:
        root = yaml.compose(text, Loader=_LOADER)
        data = yaml.load(text, Loader=_LOADER)
    except YAML_ERRORS as exc:
        mark = getattr(exc, "problem_mark", None)
        _err(reg, f"invalid YAML: {getattr(exc, 'problem', exc)}", mark.line + 1 if mark else None)
        return reg
    if data is None:
        return reg
    if not isinstance(data, dict):
        _err(reg, "must be a mapping with the keys documents and redirects", 1)
        return reg
    top = _lines(root)
    sections = {k.value: v for k, v in root.value if isinstance(k, yaml.ScalarNode)}  # type: ignore[union-attr]
    for key in data:
        if key not in ("documents", "redirects"):
            reg.diagnostics.append(
                Diagnostic(Level.WARNING, REGISTRY_FILE, f"unknown key {key!r}", top.get(str(key)))
            )
    docs = data.get("documents") or {}
    if not isinstance(docs, dict):
        _err(reg, "documents must map source file names to {slug, sha256}", top.get("documents"))
        docs = {}
    _parse_documents(reg, docs, _lines(sections.get("documents")))
    redirects = data.get("redirects") or {}
    if not isinstance(redirects, dict):
        _err(reg, "redirects must map retired slugs to current slugs", top.get("redirects"))
        redirects = {}
    _parse_redirects(reg, redirects, _lines(sections.get("redirects")))
    return reg


def _err(reg: Registry, message: str, line: int | None = None) -> None:
    reg.diagnostics.append(Diagnostic(Level.ERROR, REGISTRY_FILE, message, line))


def _parse_documents(reg: Registry, docs: dict, doc_lines: dict[str, int]) -> None:
    """The `documents` section into reg.entries: each a valid slug no other source holds."""
    owner: dict[str, str] = {}
    for name, value in docs.items():
        line = doc_lines.get(str(name))
        if isinstance(value, str):  # shorthand: name: slug
            value = {"slug": value}
        if not isinstance(value, dict) or not isinstance(value.get("slug"), str):
            _err(reg, f"{name}: needs a slug", line)
            continue
        slug, sha = value["slug"].strip(), str(value.get("sha256") or "").strip().lower()
        if not SLUG.match(slug) or slug in RESERVED_SLUGS:
            _err(
                reg,
                f"{name}: slug {slug!r} must be lower-case letters, digits, '-' or '_' (and not 'index')",
                line,
            )
            continue
        if sha and not SHA256.match(sha):
            _err(reg, f"{name}: sha256 must be 64 hex digits", line)
            sha = ""
        if slug in owner:
            _err(reg, f"{name}: slug {slug!r} is already the address of {owner[slug]}", line)
            continue
        owner[slug] = str(name)
        reg.entries[str(name)] = Entry(str(name), slug, sha, line)


def _parse_redirects(reg: Registry, redirects: dict, red_lines: dict[str, int]) -> None:
    """The `redirects` section into reg.redirects: retired slug -> current slug, both valid."""
    for old, new in redirects.items():
        line = red_lines.get(str(old))
        if not isinstance(new, str) or not SLUG.match(str(old)) or not SLUG.match(new.strip()):
            _err(reg, f"redirect {old!r}: both sides must be slugs", line)
            continue
        reg.redirects[str(old)] = new.strip()
        reg.redirect_lines[str(old)] = line or 0


def dump(reg: Registry) -> str:
    """The registry as YAML, sorted, one line per entry, so diffs in review stay small."""
    docs = {
        name: {"slug": e.slug, "sha256": e.sha256} if e.sha256 else {"slug": e.slug}
        for name, e in sorted(reg.entries.items())
    }
    body = yaml.safe_dump(
        {"documents": docs, "redirects": dict(sorted(reg.redirects.items()))},
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=None,
        width=10_000,
    )
    return HEADER + body


def check(reg: Registry, published: dict[str, str]) -> list[Diagnostic]:
    """Problems with the registry against the documents built now (`published`: slug -> name).

    A registered address that no document and no redirect answers any more would break every
    citation of it, so it is a warning (the strict build fails)."""
    notes: list[Diagnostic] = []
    for entry in reg.entries.values():
        if entry.slug in published or entry.slug in reg.redirects:
            continue
        notes.append(
            Diagnostic(
                Level.WARNING,
                REGISTRY_FILE,
                f"texts/{entry.slug}/ was published for {entry.name}, which is no longer a document in "
                "sources/; run `duizhao urls --write` to record a rename, or add a redirect for it",
                entry.line,
            )
        )
    for old in reg.redirects:
        if old in published:
            notes.append(
                Diagnostic(
                    Level.WARNING,
                    REGISTRY_FILE,
                    f"redirect {old} -> {reg.redirects[old]} would hide texts/{old}/, the page of "
                    f"{published[old]}: remove one of them",
                    reg.redirect_lines.get(old) or None,
                )
            )
            continue
        end = reg.resolve(old)
        if end not in published:
            notes.append(
                Diagnostic(
                    Level.WARNING,
                    REGISTRY_FILE,
                    f"redirect {old} -> {reg.redirects[old]} leads to no document",
                    reg.redirect_lines.get(old) or None,
                )
            )
    return notes


@dataclass(frozen=True)
class Update:
    """What `update` changed, for the command's report."""

    added: tuple[tuple[str, str], ...] = ()  # (name, slug)
    renamed: tuple[tuple[str, str, str, str], ...] = ()  # (old name, new name, old slug, new slug)
    retired: tuple[tuple[str, str], ...] = ()  # (name, slug) gone without a successor: left alone

    @property
    def changed(self) -> bool:
        return bool(self.added or self.renamed)


def update(reg: Registry, current: dict[str, tuple[str, str]]) -> tuple[Registry, Update]:
    """Record the documents built now (`current`: name -> (slug, sha256)) in the registry.

    - a new document is registered under the slug it was built with;
    - a registered file that is gone, whose bytes are now under another name, is a rename: the new
      name is registered and the old slug redirects to the new one (existing redirects to the old
      slug are pointed straight at the new one, so no redirect leads to a redirect);
    - a registered file that is gone without a successor is left for an editor to redirect.
    """
    entries = dict(reg.entries)
    redirects = dict(reg.redirects)
    gone = {name: e for name, e in entries.items() if name not in current}
    by_sha = {e.sha256: e for e in gone.values() if e.sha256}
    added, renamed = [], []
    for name, (slug, sha) in sorted(current.items()):
        if name in entries:
            if not entries[name].sha256 and sha:
                entries[name] = Entry(name, entries[name].slug, sha)
            continue
        old = by_sha.pop(sha, None)
        entries[name] = Entry(name, slug, sha)
        if old is None:
            added.append((name, slug))
            continue
        del entries[old.name]
        gone.pop(old.name, None)
        renamed.append((old.name, name, old.slug, slug))
        if old.slug != slug:
            redirects[old.slug] = slug
            for k, v in list(redirects.items()):
                if v == old.slug:
                    redirects[k] = slug
        redirects.pop(slug, None)
    for e in list(gone.values()):
        if e.slug in redirects:  # withdrawn, and its address leads elsewhere: the redirect keeps it
            del entries[e.name]
    retired = tuple((e.name, e.slug) for e in gone.values() if e.slug not in redirects)
    out = Registry(entries=entries, redirects=redirects)
    return out, Update(tuple(added), tuple(renamed), retired)


def redirect_maps(reg: Registry, texts_dir: str) -> dict[str, str]:
    """mkdocs-redirects' `redirect_maps`: retired page -> the page it ends at."""
    return {f"{texts_dir}/{old}.md": f"{texts_dir}/{reg.resolve(old)}.md" for old in sorted(reg.redirects)}
