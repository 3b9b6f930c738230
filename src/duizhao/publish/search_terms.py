"""The search's terms: Han text as overlapping character bigrams (any Chinese substring of two or
more characters is found without a segmenter), other words folded (NFKC, no accents, lower case)
and stripped of plural endings, stop words dropped. The browser's engine folds a query the same
way (data/search.yml holds the shared word lists)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from .. import script
from ..vocab import hanzi


@dataclass(frozen=True)
class Tokenizer:
    stopwords: frozenset[str]
    plurals: tuple[tuple[str, tuple[str, ...], str], ...]
    plural_min_length: int
    title_weight: int
    chunk_bytes: int
    # BM25 (data/search.yml): parameters, the ratio between weight levels, idf's fixed-point scale
    k1: float = 1.2
    b: float = 0.75
    level_ratio: float = 1.136
    idf_scale: int = 1024
    renderings: int = 3  # (data/search.yml)

    def browser_config(self) -> dict:
        """The part of the tokenizer the browser needs to cut queries exactly like the index."""
        return {
            "han": han_ranges(),
            "stop": sorted(self.stopwords),
            "plurals": [[end, list(exc), rep] for end, exc, rep in self.plurals],
            "pluralMin": self.plural_min_length,
        }


@lru_cache(maxsize=1)
def tokenizer() -> Tokenizer:
    data = yaml.safe_load(resources.files("duizhao.data").joinpath("search.yml").read_text("utf-8"))
    return Tokenizer(
        stopwords=frozenset(data["stopwords"].split()),
        plurals=tuple((end, tuple(exc), rep) for end, exc, rep in data["plurals"]),
        plural_min_length=int(data["plural_min_length"]),
        title_weight=int(data["title_weight"]),
        chunk_bytes=int(data["chunk_bytes"]),
        k1=float(data["bm25_k1"]),
        b=float(data["bm25_b"]),
        level_ratio=float(data["bm25_level_ratio"]),
        idf_scale=int(data["idf_scale"]),
        renderings=int(data["renderings"]),
    )


def han_ranges() -> list[list[int]]:
    """script.HAN ("a-bc-d…") as code point pairs, for the browser."""
    chars = script.HAN.replace("-", "")
    return [[ord(chars[i]), ord(chars[i + 1])] for i in range(0, len(chars), 2)]


HAN_RUN = re.compile(f"[{script.HAN}]+")

# Letters and digits that are not Han: one word each run.
WORD = re.compile(rf"[^\W_{script.HAN}]+")

TOKEN = re.compile(f"(?P<han>[{script.HAN}]+)|(?P<word>[^\\W_{script.HAN}]+)")


def fold(text: str) -> str:
    """Compatibility forms unified (full-width letters, compatibility ideographs), accents
    dropped, lower case, Traditional as Simplified. The browser does the same (String.normalize,
    the table in search/fold.js)."""
    if text.isascii():
        return text.lower()  # (what every step below leaves of ASCII text, at a fraction of the cost)
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text)).translate(_MARKS)
    # Traditional characters as Simplified, so that either script finds both (the browser
    # does the same with search/fold.js).
    return hanzi.to_simplified(unicodedata.normalize("NFC", text).lower())


class _Marks(dict):
    """For str.translate: every combining mark (category M) deleted, every other character kept;
    each character's category looked up once, then found in the dict."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code)).startswith("M") else code
        self[code] = kept
        return kept


_MARKS = _Marks()


def stem(word: str, tok: Tokenizer) -> str:
    if len(word) < tok.plural_min_length:
        return word
    for end, exceptions, replacement in tok.plurals:
        if word.endswith(end):
            if any(word.endswith(e) for e in exceptions):
                return word
            return word[: len(word) - len(end)] + replacement
    return word


def terms(text: str, tok: Tokenizer | None = None) -> list[str]:
    """Index terms of a text, in order, with repeats."""
    tok = tok or tokenizer()
    out: list[str] = []
    for m in TOKEN.finditer(fold(text)):
        run = m.group("han")
        if run is not None:
            if len(run) == 1:
                out.append(run)
            else:
                out.extend(run[i : i + 2] for i in range(len(run) - 1))
            continue
        word = m.group("word")
        if len(word) < 2 or word in tok.stopwords:
            continue
        out.append(stem(word, tok))
    return out
