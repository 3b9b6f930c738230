"""Sidecar files: `sources/<stem>.yml` beside a scrape, where editors correct what the pipeline
decided without touching the scrape. Validated; every problem names the file and line.

    title_en: China contributes wisdom to the world in cyberspace
    date: 2017-12-13
    author: Zhang Shenglei
    translation: human            # original | human | machine-suspected | official-bilingual | unknown
    tags: [World Internet Conference]
    keep: [12, "Racist, abusive and off-topic comments may be removed by the moderator."]
    drop: [3]                     # source line numbers, or the exact text of a line
    translation_of: 001_0fe0603ee9209ad7.txt
    republication_of: 002_18b3642abe424ffb.txt   # the same text published again (or: none)
    encoding: gb18030             # the scrape's codec, when its bytes leave it open
    beads: [...]                  # alignment corrections (see the editor's guide)
"""

from __future__ import annotations

import codecs
import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import datafile
from ..model import Diagnostic, Level
from ..vocab.rules import YAML_ERRORS

METADATA_KEYS = (
    "title_zh",
    "title_en",
    "date",
    "author",
    "role",
    "venue",
    "publisher",
    "source_url",
    "translation",
)
TRANSLATION_VALUES = ("original", "human", "machine-suspected", "official-bilingual", "unknown")
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
KNOWN_KEYS = (
    *METADATA_KEYS, "tags", "keep", "drop", "translation_of", "republication_of", "beads", "encoding"
)


@dataclass
class Sidecar:
    path: str = ""  # relative to sources/, for messages
    metadata: dict[str, str] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    keep: tuple[int | str, ...] = ()  # line numbers or exact line texts the cleaner must keep
    drop: tuple[int | str, ...] = ()  # line numbers or exact line texts the cleaner must drop
    translation_of: str | None = None
    republication_of: str = ""  # a source this one republishes (link/versions.py), or "none"
    encoding: str = ""  # the scrape's codec, when its bytes leave it open (e.g. gb18030)
    beads: tuple[dict[str, Any], ...] = ()
    bead_lines: tuple[int | None, ...] = ()  # line of each `beads` item, for messages
    fingerprint: str = ""  # the file's text, for caches

    @property
    def empty(self) -> bool:
        return not self.fingerprint


def _real_date(value: str) -> bool:
    """ISO 8601 in one of our three precisions, and a day the calendar has."""
    if not ISO_DATE.match(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        _dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def sidecar_path(sources: Path, name: str) -> Path | None:
    """The sidecar of source `name`: `<name>.yml` (e.g. a.txt.yml) or `<stem>.yml` (whatever is
    there: datafile.read refuses what is not a regular file)."""
    full = sources / f"{name}.yml"
    if datafile.exists(full):
        return full
    stem = name.rsplit(".", 1)[0]
    short = sources / f"{stem}.yml"
    return short if datafile.exists(short) else None


def _key_lines(text: str) -> dict[str, int]:
    """Line number (1-based) of each top-level key."""
    try:
        node = yaml.compose(text)
    except YAML_ERRORS:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def load(sources: Path, name: str) -> tuple[Sidecar, list[Diagnostic]]:
    path = sidecar_path(sources, name)
    if path is None:
        return Sidecar(), []
    rel = path.relative_to(sources).as_posix()
    text, notes = datafile.read(sources, rel)
    if text is None:
        return Sidecar(path=rel, fingerprint=repr([str(n) for n in notes])), notes
    return parse(text, rel)


def parse(text: str, rel: str) -> tuple[Sidecar, list[Diagnostic]]:
    """The sidecar in `text` (the file `rel`), with a diagnostic (and its line) for every key it
    leaves out: an unknown key is a warning, a value of the wrong form an error."""
    notes: list[Diagnostic] = []

    def err(message: str, line: int | None = None, level: Level = Level.ERROR) -> None:
        notes.append(Diagnostic(level, rel, message, line))

    try:
        data = yaml.safe_load(text)
    except YAML_ERRORS as exc:
        mark = getattr(exc, "problem_mark", None)
        err(f"invalid YAML: {getattr(exc, 'problem', exc)}", mark.line + 1 if mark else None)
        return Sidecar(path=rel, fingerprint=text), notes
    if data is None:
        return Sidecar(path=rel, fingerprint=text), notes
    if not isinstance(data, dict):
        err("a sidecar must be a mapping of keys to values", 1)
        return Sidecar(path=rel, fingerprint=text), notes
    lines = _key_lines(text)
    car = Sidecar(path=rel, fingerprint=text)
    for key, value in data.items():
        line = lines.get(str(key))
        if key not in KNOWN_KEYS:
            err(f"unknown key {key!r}; known keys: {', '.join(KNOWN_KEYS)}", line, Level.WARNING)
            continue
        problem = _set_metadata(car, key, value) if key in METADATA_KEYS else _set(car, key, value, text)
        if problem:
            err(problem, line)
    return car, notes


def _set_metadata(car: Sidecar, key: str, value: Any) -> str:
    """One metadata field from the sidecar into car.metadata; what is wrong with it, else ""."""
    if isinstance(value, _dt.date):
        value = value.isoformat()
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return f"{key} must be a single value"
    value = str(value).strip()
    if key == "date" and not _real_date(value):
        return f"date must be a real ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD), not {value!r}"
    if key == "translation" and value not in TRANSLATION_VALUES:
        return f"translation must be one of {', '.join(TRANSLATION_VALUES)}"
    car.metadata[key] = value
    return ""


def _set(car: Sidecar, key: str, value: Any, text: str) -> str:
    """One of the other keys from the sidecar into `car`; what is wrong with it, else ""."""
    if key == "tags":
        if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
            return "tags must be a list of strings"
        car.tags = tuple(t.strip() for t in value if t.strip())
    elif key in ("keep", "drop"):
        if not isinstance(value, list) or not all(
            isinstance(v, str) or (isinstance(v, int) and not isinstance(v, bool) and v > 0) for v in value
        ):
            return f"{key} must be a list of line numbers or exact line texts"
        setattr(car, key, tuple(value))
    elif key == "translation_of":
        if not isinstance(value, str) or not value.strip():
            return "translation_of must name another file in sources/"
        car.translation_of = value.strip()
    elif key == "republication_of":
        if not isinstance(value, str) or not value.strip():
            return "republication_of must name another file in sources/, or be none"
        car.republication_of = value.strip()
    elif key == "encoding":
        try:
            car.encoding = codecs.lookup(str(value)).name
        except LookupError:
            return f"encoding must be a known codec such as utf-8, gb18030 or big5, not {value!r}"
    elif key == "beads":
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            return "beads must be a list of mappings"
        car.beads = tuple(value)
        car.bead_lines = _item_lines(text, "beads", len(value))
    return ""


def _item_lines(text: str, key: str, count: int) -> tuple[int | None, ...]:
    """Line number (1-based) of each item of the top-level sequence `key`."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return (None,) * count
    for k, v in node.value if isinstance(node, yaml.MappingNode) else ():
        if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.SequenceNode):
            return tuple(item.start_mark.line + 1 for item in v.value)
    return (None,) * count
