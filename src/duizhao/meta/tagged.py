"""The author a page's metadata gives (a meta tag, JSON-LD, front matter, a crawler's header),
when it names a person: not the site itself, its editor, an organisation or a placeholder."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable
from dataclasses import replace

from ..model import Signal
from ..vocab import publishers as publishers_
from ..vocab.rules import vocabulary_words
from .people import HAN, Person, name_like, plausible


def from_signals(
    signals: tuple[Signal, ...] | list[Signal],
    known: publishers_.Registry | None = None,
    editors: frozenset[str] = frozenset(),
) -> Person | None:
    """The author the page's metadata gives (a meta tag, JSON-LD, front matter, a header), unless
    it is the site itself: many sites fill `<meta name="author">` with their own name ("网易",
    "chinanews"), which names no person; nor the page's editor (a portal's author tag is often
    the web editor, "青网校园崔宁宁" where the page says "责任编辑：崔宁宁")."""
    sites = _site_names(signals, known)
    for s in signals:
        s = replace(s, value=_without_outlet(_bare(s.value))) if s.name == "author" else s
        if (
            s.name == "author"
            and not any(s.value.strip().endswith(e) for e in editors)
            and 2 <= len(s.value) <= 60
            and not s.value.lower().startswith("http")
            and re.search(rf"[A-Za-z{HAN}]", s.value)
            and _key(s.value) not in sites
            and not LOGIN.match(s.value.strip())
            and not PLACEHOLDER.search(s.value)
            and not _organisation(s.value)
            # (a publisher the data knows, or one that cannot be a person's name, gives way to the
            # next: "Grist", a partner's name in parsely-author, before the writer's in JSON-LD)
            and plausible(Person(s.value.strip(), "", s.evidence), known)
            # an element marked "author" may hold a label ("账号" in a login box): a name only
            and (not s.evidence.startswith("<") or s.evidence.startswith("<meta") or _names(s.value))
        ):
            return Person(s.value.strip(), "", s.evidence)
    return None


# What an author tag or byline element may hold around the name: "By Ed Hornick", "Bryan Walsh
# Tuesday, Aug. 17, 2010".
# ("記者鄭靖而": a Chinese header's byline names the writer after the word for reporter)
BY_PREFIX = re.compile(r"^\s*(?:by\s*:?\s+|(?:本报|本報)?(?:记者|記者)\s*[：:]?\s*(?=[^\s：:]))", re.I)
DAY_AFTER = re.compile(r"\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Updated|Published)\b.*$")


def _bare(value: str) -> str:
    return DAY_AFTER.sub("", BY_PREFIX.sub("", value))


def _without_outlet(value: str) -> str:
    """ "Victor Tangermann, Futurism": the name without the outlet after it (one word, or a name
    the vocabulary says is a site's). Two people ("Tariq Malik, Mike Wall") stay as they are."""
    name, sep, rest = value.partition(",")
    rest = rest.strip()
    if (
        not sep
        or "," in rest
        or not rest
        or not re.fullmatch(r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}", name.strip())
    ):
        return value
    site_words = tuple(vocabulary_words()["site_name_words"])
    return name.strip() if len(rest.split()) == 1 or rest.endswith(site_words) else value


def _names(value: str) -> bool:
    """Whether `value` is one name or several ("Meg Kinnard and Errin Haines")."""
    return all(name_like(part) for part in re.split(r"\s+and\s+|\s*&\s*|\s*、\s*", value.strip()))


def _organisation(value: str) -> bool:
    """An author tag that names an organisation ("Associated Press in Valencia", "AP Staff")."""
    orgs = {w.lower() for w in vocabulary_words()["en_not_person_words"]}
    return any(w.lower().strip(".,") in orgs for w in value.split())


# A template's placeholder left in an author tag ("name, email@gmail.com"): no one's name.
PLACEHOLDER = re.compile(r"@|\bemail\b|\{\{|\$\{|^\s*(?:name|author|your name)\s*(?:,|$)", re.I)
# One lower-case word ("chinanews", "admin", "editor"): a login or the site, not a person's name.
LOGIN = re.compile(r"^[a-z0-9_.-]+$")


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def _site_names(signals: tuple[Signal, ...] | list[Signal], known: publishers_.Registry | None) -> set[str]:
    """The site's own names, compared folded: its stated site name and publisher, and each label
    of its address's host ("www.chinanews.com" gives "chinanews")."""
    names: set[str] = set()
    for s in signals:
        if s.name in ("site_name", "publisher"):
            names.add(_key(s.value))
        if s.name == "url":
            host = urllib.parse.urlsplit(s.value).hostname or ""
            names.update(_key(label) for label in host.split(".") if len(label) > 3)
            entry = known.by_url(s.value) if known is not None else None
            if entry is not None:
                names.update(_key(n) for n in entry.names)
    names.discard("")
    return names


# The page's editor, named by a label the cleaner removed ("责任编辑：崔宁宁", "Editor: Yamei").
EDITOR = re.compile(
    rf"(?:责任编辑|責任編輯|编辑|編輯|(?<![A-Za-z])[Ee]ditors?)\s*[：:]\s*(?P<name>[{HAN}·]{{2,6}}|[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){{0,2}})"
)


def editors(texts: Iterable[str]) -> frozenset[str]:
    """The names the page gives its editors."""
    return frozenset(m.group("name") for text in texts for m in EDITOR.finditer(text[:2000]))
