"""Load the cleaner's vocabulary from data files: the bundled ones, plus `sources/rules.yml`."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .. import datafile
from ..model import Diagnostic, Level
from . import publishers as publishers_

if TYPE_CHECKING:
    from .matchers import Alternation, LiteralIndex, StartMatcher

# What loading untrusted YAML can raise besides YAMLError: a date the calendar lacks (2017-02-30)
# is a ValueError, thousands of nested brackets a RecursionError.
YAML_ERRORS = (yaml.YAMLError, ValueError, TypeError, RecursionError)

ACTIONS = ("remove", "metadata")
STRUCTURE_LISTS = (
    "salutation",
    "signoff",
    "caption",
    "note",
    "end_of_text",
    "notice",
    "head_note",
    "summary",
    "list_entry",
    "keyword_list",
)
USER_RULES_FILE = "rules.yml"


@dataclass(frozen=True)
class Kind:
    id: str
    action: str
    reason: str
    patterns: tuple[re.Pattern[str], ...]
    # All patterns as one alternation: one scan per line instead of one per pattern (speed).
    combined: re.Pattern[str] | None = None
    # The matches of `combined`, found faster: lines holding none of a pattern's required
    # strings are not scanned for it (see matchers.Alternation).
    alternation: Alternation | None = None


@dataclass(frozen=True)
class Rules:
    kinds: tuple[Kind, ...]
    structure: dict[str, tuple[re.Pattern[str], ...]]
    list_marker: re.Pattern[str]
    not_heading_openers: re.Pattern[str]
    # Every kind's patterns in one alternation: a line none of them touches costs one scan.
    any_kind: re.Pattern[str] | None = None
    # The structure lists as the cleaner asks them (does any pattern match at a line's start?),
    # the same answers found faster (see matchers.StartMatcher).
    starts: dict[str, StartMatcher] = field(default_factory=dict)
    # The literal needles of every kind's (separable) alternation, owned by (number of the kind
    # in `kinds`, number of the pattern in its alternation): one look finds them all (speed).
    kind_literals: LiteralIndex | None = field(default=None, compare=False)
    # A digest of everything above, so caches know when the rules changed.
    fingerprint: str = ""
    # Who publishes on which domains, under which names (publishers.py).
    publishers: publishers_.Registry | None = field(default=None, compare=False)
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(_expand(pattern), re.I)
    except re.error as exc:
        raise ValueError(f"{where}: invalid pattern {pattern!r}: {exc}") from exc


def _read_bundled(name: str) -> str:
    return resources.files("duizhao.data").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, str]:
    """Shared word lists from data/vocabulary.yml, each as a regex alternation (longest first)."""
    return {
        name: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        for name, words in vocabulary_words().items()
    }


@lru_cache(maxsize=1)
def vocabulary_words() -> dict[str, tuple[str, ...]]:
    """The same word lists as they are written (for set lookups)."""
    data = yaml.safe_load(_read_bundled("vocabulary.yml"))
    return {name: tuple(str(w) for w in words) for name, words in data.items()}


def _expand(pattern: str) -> str:
    for name, alternation in vocabulary().items():
        pattern = pattern.replace("{" + name + "}", f"(?:{alternation})")
    return pattern


def _merge(base: dict, extra: dict) -> dict:
    out = {k: dict(v) for k, v in base.get("kinds", {}).items()}
    for kid, spec in (extra.get("kinds") or {}).items():
        if kid in out:
            out[kid]["patterns"] = list(out[kid].get("patterns", [])) + list(spec.get("patterns", []))
        else:
            out[kid] = dict(spec)
    return {"kinds": out}


@dataclass(frozen=True)
class RuleSource:
    """The rules as written (the bundled files and `sources/rules.yml`), checked but not compiled:
    what a build needs to key its caches and report the user's mistakes. Compiling the
    vocabularies costs a few tenths of a second, which a build that takes every document from its
    cache never pays (see compile)."""

    user_text: str = ""
    fingerprint: str = ""
    diagnostics: tuple[Diagnostic, ...] = ()
    # The publishers data file with an editor's sources/publishers.yml (metadata reads it).
    publishers: publishers_.Registry | None = field(default=None, compare=False)

    def compile(self) -> Rules:
        rules = _load(self.user_text)
        return replace(
            rules,
            publishers=self.publishers or publishers_.load(),
            fingerprint=self.fingerprint or rules.fingerprint,
        )


def rule_source(sources: Path | None = None) -> RuleSource:
    """The bundled rules and `sources/rules.yml` when it exists, checked (every problem in the
    user's file is a diagnostic naming the line) and fingerprinted."""
    user_text = ""
    unread: list[Diagnostic] = []
    if sources is not None:
        found, unread = datafile.read(sources, USER_RULES_FILE)
        user_text = found or ""
    _, notes = _user_rules(user_text)
    known = publishers_.load(sources)
    fingerprint = _fingerprint(user_text + repr(known.publishers))
    return RuleSource(user_text, fingerprint, (*notes, *unread, *known.diagnostics), known)


def load_rules(sources: Path | None = None) -> Rules:
    """The bundled rules, extended by `sources/rules.yml` when it exists, compiled."""
    found = rule_source(sources)
    rules = found.compile()
    return replace(rules, diagnostics=found.diagnostics)


def _fingerprint(user_text: str) -> str:
    """A digest of every rule file, so caches know when the rules changed."""
    text = _read_bundled("boilerplate.yml") + _read_bundled("structure.yml") + user_text
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _checked(user: dict, text: str) -> tuple[dict, list[Diagnostic]]:
    """The user's rules with every malformed entry left out, and an error naming each (a string
    where a list belongs would otherwise be read letter by letter)."""
    notes: list[Diagnostic] = []
    lines: dict[str, int] = {}
    try:
        node = yaml.compose(text)
        if isinstance(node, yaml.MappingNode):
            lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    except YAML_ERRORS:
        pass

    def err(key: str, message: str) -> None:
        notes.append(Diagnostic(Level.ERROR, USER_RULES_FILE, message, lines.get(key)))

    def strings(value: object) -> bool:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)

    out: dict = {}
    kinds = user.get("kinds")
    if kinds is not None:
        if not isinstance(kinds, dict):
            err("kinds", "kinds must be a mapping of kind ids to {action, reason, patterns}")
        else:
            out["kinds"] = {}
            for kid, spec in kinds.items():
                if not isinstance(spec, dict) or not strings(spec.get("patterns", [])):
                    err("kinds", f"kind {kid!r} must be a mapping whose patterns are a list of strings")
                elif not isinstance(spec.get("reason", ""), str) or not isinstance(
                    spec.get("action", ""), str
                ):
                    err("kinds", f"kind {kid!r}: reason and action must be strings")
                else:
                    out["kinds"][str(kid)] = spec
    for name in STRUCTURE_LISTS:
        value = user.get(name)
        if value is None:
            continue
        if not strings(value):
            err(name, f"{name} must be a list of patterns (strings)")
        else:
            out[name] = value
    return out, notes


@lru_cache(maxsize=8)
def _user_rules(user_text: str) -> tuple[dict, tuple[Diagnostic, ...]]:
    """The user's rules with every entry that cannot apply left out (malformed, an unknown action,
    a pattern that does not compile), and a diagnostic for each."""
    if not user_text:
        return {}, ()
    notes: list[Diagnostic] = []
    try:
        user = yaml.safe_load(user_text) or {}
    except YAML_ERRORS as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        return {}, (Diagnostic(Level.ERROR, USER_RULES_FILE, f"invalid YAML: {exc}", line),)
    if not isinstance(user, dict):
        return {}, (Diagnostic(Level.ERROR, USER_RULES_FILE, "must be a mapping"),)
    for key in user:
        if key not in ("kinds", *STRUCTURE_LISTS):
            notes.append(Diagnostic(Level.WARNING, USER_RULES_FILE, f"unknown key {key!r}"))
    user, problems = _checked(user, user_text)
    notes.extend(problems)
    kinds = {}
    for kid, spec in (user.get("kinds") or {}).items():
        action = spec.get("action", "remove")
        if action not in ACTIONS:
            notes.append(
                Diagnostic(Level.ERROR, USER_RULES_FILE, f"kind {kid!r}: action must be one of {ACTIONS}")
            )
            continue
        try:
            for p in spec.get("patterns", []):
                _compile(p, f"kind {kid}")
        except ValueError as exc:
            notes.append(Diagnostic(Level.ERROR, USER_RULES_FILE, str(exc)))
            continue
        kinds[kid] = spec
    if "kinds" in user:
        user["kinds"] = kinds
    for name in STRUCTURE_LISTS:
        kept = []
        for p in user.get(name) or []:
            try:
                _compile(p, name)
                kept.append(p)
            except ValueError as exc:
                notes.append(Diagnostic(Level.ERROR, USER_RULES_FILE, str(exc)))
        if name in user:
            user[name] = kept
    return user, tuple(notes)


@lru_cache(maxsize=8)
def _load(user_text: str) -> Rules:
    """The rules compiled: the user's, as _user_rules left them, after the bundled ones."""
    from .matchers import Alternation, LiteralIndex, StartMatcher  # (only to compile)

    boiler = yaml.safe_load(_read_bundled("boilerplate.yml"))
    structure = yaml.safe_load(_read_bundled("structure.yml"))
    user, notes = _user_rules(user_text)
    merged = _merge(boiler, user)
    kinds = []
    for kid, spec in merged["kinds"].items():
        # (Bundled kinds are valid by test; the user's were checked by _user_rules.)
        pats = tuple(_compile(p, f"kind {kid}") for p in spec.get("patterns", []))
        combined = re.compile("|".join(f"(?:{p.pattern})" for p in pats), re.I) if pats else None
        alternation = Alternation(pats, combined) if combined is not None else None
        kinds.append(
            Kind(kid, spec.get("action", "remove"), spec.get("reason", kid), pats, combined, alternation)
        )
    struct: dict[str, tuple[re.Pattern[str], ...]] = {}
    starts: dict[str, StartMatcher] = {}
    for name in STRUCTURE_LISTS:
        pats = list(structure.get(name, [])) + list(user.get(name, []) or [])
        compiled = [_compile(p, name) for p in pats]
        # One alternation per list: re.match of it is "any pattern matches here", in one scan.
        struct[name] = (re.compile("|".join(f"(?:{c.pattern})" for c in compiled), re.I),) if compiled else ()
        starts[name] = StartMatcher(compiled, re.I)
    every = [k.combined.pattern for k in kinds if k.combined is not None]
    literals: dict[str, set[tuple[int, int]]] = {}
    for number, kind in enumerate(kinds):
        if kind.alternation is not None and kind.alternation.separable:
            for literal, owners in kind.alternation.owners:
                literals.setdefault(literal, set()).update((number, i) for i in owners)
    return Rules(
        kinds=tuple(kinds),
        any_kind=re.compile("|".join(f"(?:{p})" for p in every), re.I) if every else None,
        structure=struct,
        starts=starts,
        list_marker=re.compile(structure["list_marker"]),
        kind_literals=LiteralIndex(literals),
        not_heading_openers=re.compile(structure["not_heading_openers"], re.I),
        fingerprint=_fingerprint(user_text),
        diagnostics=notes,
    )
