"""Who publishes what: the publishers data file (data/publishers.yml, extended by an editor's
sources/publishers.yml), looked up by a page's address or by a name the page itself uses."""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from .. import datafile
from ..model import Diagnostic, Level

USER_FILE = "publishers.yml"


@dataclass(frozen=True)
class Publisher:
    id: str
    zh: str
    en: str
    domains: tuple[str, ...]
    aliases: tuple[str, ...]
    # The issuing body of what it publishes (a ministry, an embassy): its copy of a republished
    # text is the reference (link/versions.py).
    official: bool = False

    def name(self, lang: str) -> str:
        """The name for a page in `lang` ("zh" or "en"), the other one when it has only one."""
        return (self.zh or self.en) if lang == "zh" else (self.en or self.zh)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.zh, self.en, *self.aliases) if n)


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def _host_path(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url if "//" in url else "//" + url)
    return (parts.hostname or "").lower(), parts.path


@dataclass(frozen=True)
class Registry:
    publishers: tuple[Publisher, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    platforms: tuple[str, ...] = ()  # domains (or domain/path) whose pages their accounts publish

    def platform(self, url: str) -> bool:
        """Whether the address is on a platform, whose pages are published by their accounts."""
        host, path = _host_path(url)
        for p in self.platforms:
            domain, _, prefix = p.partition("/")
            if (host == domain or host.endswith("." + domain)) and path.lstrip("/").startswith(prefix):
                return True
        return False

    def by_url(self, url: str) -> Publisher | None:
        """The publisher whose domain the address is on (the longest domain that matches); none
        for a platform's page."""
        if self.platform(url):
            return None
        host, _ = _host_path(url)
        best: tuple[int, Publisher] | None = None
        for p in self.publishers:
            for d in p.domains:
                if host == d or host.endswith("." + d):
                    if best is None or len(d) > best[0]:
                        best = (len(d), p)
        return best[1] if best else None

    def by_name(self, name: str) -> Publisher | None:
        key = _key(name)
        if not key:
            return None
        for p in self.publishers:
            if any(_key(n) == key for n in (*p.names, *p.domains)):
                return p
        return None

    def names_in(self, text: str) -> list[tuple[int, int, Publisher]]:
        """Every publisher name (of four characters or more) in `text`: (start, end, publisher)."""
        out = []
        for p in self.publishers:
            for n in sorted(p.names, key=len, reverse=True):
                if len(n) < 4 and not re.search(r"[\u4e00-\u9fff]", n):
                    continue
                i = text.find(n)
                if i >= 0:
                    out.append((i, i + len(n), p))
                    break
        return out


def _parse(data: object, where: str) -> tuple[list[Publisher], list[Diagnostic]]:
    notes: list[Diagnostic] = []
    entries = data.get("publishers") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return [], [Diagnostic(Level.ERROR, where, "must hold `publishers:`, a list of entries")]
    out = []
    for n, e in enumerate(entries, start=1):
        if not isinstance(e, dict) or not isinstance(e.get("id"), str) or not (e.get("zh") or e.get("en")):
            notes.append(Diagnostic(Level.ERROR, where, f"entry {n}: needs an id and a zh or en name"))
            continue
        lists = {k: e.get(k) or [] for k in ("domains", "aliases")}
        if not all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in lists.values()):
            notes.append(
                Diagnostic(
                    Level.ERROR, where, f"entry {e['id']}: domains and aliases must be lists of strings"
                )
            )
            continue
        out.append(
            Publisher(
                id=e["id"],
                zh=str(e.get("zh") or ""),
                en=str(e.get("en") or ""),
                domains=tuple(d.lower().strip().removeprefix("www.") for d in lists["domains"]),
                aliases=tuple(lists["aliases"]),
                official=e.get("official") is True,
            )
        )
    return out, notes


@lru_cache(maxsize=1)
def _bundled_data() -> dict:
    return yaml.safe_load(
        resources.files("duizhao.data").joinpath("publishers.yml").read_text(encoding="utf-8")
    )


@lru_cache(maxsize=1)
def bundled() -> tuple[Publisher, ...]:
    found, notes = _parse(_bundled_data(), "publishers.yml")
    assert not notes, notes
    return tuple(found)


def platforms() -> tuple[str, ...]:
    return tuple(str(p).lower() for p in _bundled_data().get("platforms") or ())


def load(sources: Path | None = None) -> Registry:
    """The bundled publishers, with an editor's sources/publishers.yml (same ids replace them)."""
    found = {p.id: p for p in bundled()}
    notes: list[Diagnostic] = []
    if sources is not None:
        text, notes = datafile.read(sources, USER_FILE)
        if text is not None:
            try:
                user, notes = _parse(yaml.safe_load(text), USER_FILE)
            except yaml.YAMLError as exc:
                user, notes = [], [Diagnostic(Level.ERROR, USER_FILE, f"invalid YAML: {exc}")]
            found |= {p.id: p for p in user}
    return Registry(tuple(found.values()), tuple(notes), platforms())


# (cached: the bundled data is fixed for the process, and every build asks for each document's publisher)
@lru_cache(maxsize=4096)
def find(name: str) -> Publisher | None:
    """The bundled publisher one of whose names (or domains) is `name`."""
    return Registry(bundled(), (), platforms()).by_name(name)
