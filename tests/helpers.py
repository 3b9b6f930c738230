"""Small helpers shared by the stage tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

from duizhao import clean, ingest
from duizhao.model import Cleaned, RawSource
from duizhao.rules import load_rules


def raw(data: bytes | str, name: str = "doc.txt") -> RawSource:
    data = data.encode("utf-8") if isinstance(data, str) else data
    return RawSource(name=name, data=data, sha256=hashlib.sha256(data).hexdigest())


def cleaned(path: Path) -> Cleaned:
    return clean.clean(ingest.decode(ingest.read_source(path, path.parent)), load_rules())


def cleaned_text(text: str, name: str = "doc.txt") -> Cleaned:
    return clean.clean(ingest.decode(raw(text, name)), load_rules())


def body(c: Cleaned) -> str:
    return "\n".join(b.text for b in c.blocks)
