"""What a text or Markdown scrape says about itself before its text: YAML front matter (crawler
Markdown dumps, static-site sources) or a crawler's header of `key: value` lines (`seed_url:`,
`title:`, `date:`; Jina Reader's `Title:` / `URL Source:` / `Markdown Content:`).

The header is read as data (yaml.safe_load; values are never rendered as Markdown or HTML) into
Signals for the metadata stage, and its lines leave the text with an audit entry each. Which keys
mean what is data (data/vocabulary.yml, header_keys).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from ..model import Signal
from ..vocab.rules import YAML_ERRORS, vocabulary_words

# A header line: a key of a few words, a colon, and its value (possibly empty: "Markdown Content:").
KEY_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z0-9 _-]{0,30}?)\s*:\s*(.*?)\s*$")
# Front matter is at most this many lines; a crawler's header as many keys.
MAX_FRONT_MATTER_LINES = 200
MAX_HEADER_KEYS = 20
# A header of key lines counts only with at least this many of them, one at least a known key.
MIN_HEADER_KEYS = 2
# The Wayback Machine wraps the page's own address: web.archive.org/web/<time>[im_]/<address>.
WAYBACK = re.compile(r"^https?://web\.archive\.org/web/\d+[a-z_]*/(.+)$", re.I)


@dataclass(frozen=True)
class Header:
    lines: int  # how many lines of the text it takes (0: none)
    kind: str  # "front matter" or "crawler header"
    signals: tuple[Signal, ...]


@lru_cache(maxsize=1)
def _keys() -> dict[str, str]:
    """Header key (lower case, spaces for _ and -) -> signal name ("" for bookkeeping keys)."""
    out: dict[str, str] = {}
    for entry in vocabulary_words()["header_keys"]:
        name, _, keys = entry.partition("=")
        for k in keys.split("|"):
            out[_key(k)] = name.strip()
    return out


def _key(key: str) -> str:
    return re.sub(r"[\s_-]+", " ", key.strip().lower())


def unwrap_url(url: str) -> str:
    """A Wayback Machine address unwrapped to the page's own; any other unchanged."""
    m = WAYBACK.match(url.strip())
    return m.group(1) if m else url.strip()


def _signals(pairs: list[tuple[str, object]], kind: str) -> list[Signal]:
    known = _keys()
    out = []
    for key, value in pairs:
        name = known.get(_key(key))
        if not name or value is None or isinstance(value, dict | list):
            continue
        text = re.sub(r"[ \t\r\n]+", " ", str(value)).strip()
        if not text:
            continue
        if name == "url":
            text = unwrap_url(text)
        out.append(Signal(name, text, f"{kind}: {key}"))
    return out


def read(text: str) -> Header:
    """The header at the top of `text`, or Header(0, "", ())."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        found = _front_matter(lines)
        if found is not None:
            return found
    return _crawler_header(lines)


def _front_matter(lines: list[str]) -> Header | None:
    end = next(
        (
            i
            for i, line in enumerate(lines[1:MAX_FRONT_MATTER_LINES], start=1)
            if line.strip() in ("---", "...")
        ),
        None,
    )
    if end is None:
        return None
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except YAML_ERRORS:
        return None  # not front matter after all: the text keeps it
    if not isinstance(data, dict):
        return None
    pairs = [(str(k), v) for k, v in data.items()]
    return Header(end + 1, "front matter", tuple(_signals(pairs, "front matter")))


def _crawler_header(lines: list[str]) -> Header:
    known = _keys()
    pairs: list[tuple[str, str]] = []
    taken = 0
    for i, line in enumerate(lines[: MAX_HEADER_KEYS * 3]):
        if not line.strip():
            if pairs:
                taken = i + 1
            continue
        m = KEY_LINE.match(line)
        if m is None or _key(m.group(1)) not in known:
            break
        pairs.append((m.group(1), m.group(2)))
        taken = i + 1
        if not m.group(2) and known[_key(m.group(1))] == "":
            break  # "Markdown Content:": the text begins
    if len(pairs) < MIN_HEADER_KEYS:
        return Header(0, "", ())
    # The header ends at its last key line (blank lines after it belong to the text).
    last = max(i for i, line in enumerate(lines[:taken]) if line.strip()) + 1
    return Header(last, "crawler header", tuple(_signals(pairs, "header")))
