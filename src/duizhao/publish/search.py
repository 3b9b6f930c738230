"""Search: a static, chunked bilingual index that a browser reads over http and from file:// alike.

Why not Material's search: its index is one JSON file loaded whole (44 MB at 1,000 documents,
measured), needs a Web Worker (which file:// forbids without a shim from a CDN), and segments
Chinese with jieba at 30 ms per page. This index is instead:

- terms: Han text becomes overlapping character bigrams (世界, 界互, 互联…), so any Chinese
  substring of two or more characters is found without a segmenter in the browser; other words
  are folded (NFKC, no accents, lower case), stripped of plural endings, stop words dropped;
- postings per document: which documents hold a term, and its BM25 weight there, computed here
  at build time (the term's idf once, then per document the term-frequency part normalised by the
  document's length, as one of 32 levels), as compact base-64 varints in JSON strings (no \\uXXXX
  escapes: files are UTF-8); the browser only adds up idf x level per matched term;
- chunks: terms in sorted order cut into files of ~48 KB, listed by their first term in a small
  manifest, so a query downloads the manifest once and one chunk per term;
- document files: each document's titles, address and pair texts, loaded only for the results
  shown, which gives the snippet and the exact pair to link to;
- glossary files: the entries' forms in both languages, and per entry and language the documents
  holding its forms (search_glossary.py), read by a query that is a glossary form to find the
  texts in the other language.

Every file is a script that calls `dzSearch.<kind>(…)`, loaded by a <script> tag: that works from
file:// where fetch() and workers do not. Building an entry is a pure function of one document
(search_entries.py; its terms: search_terms.py); `build` is the corpus-wide step, linear in the number of postings.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..link.matcher import Entry as GlossaryEntry
from ..memo import Memo
from ..model import Document
from ..vocab import hanzi
from . import search_glossary
from .search_entries import (
    FACET,
    MAX_TF,
    Entry,
    document_entry,
    page_entry,
    term_entry,
)
from .search_terms import Tokenizer, tokenizer

INDEX_DIR = "search"
# Varint digits: 32 final digits, then 32 "more follows" digits; all safe inside a JSON string.
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
FORMAT_VERSION = 4
KIND_ORDER = ("text", "page", "term")  # the order of entries in the index


# Speakers and publishers offered in a filter menu: those with the most documents, at most this
# many (a longer menu is no use to read; any name is still found by typing it, and every name's
# term is in the index).
MENU_NAMES = 40


def _menu(packed: Mapping[str, list[int]]) -> list[str]:
    out = [t for t in packed if t.startswith(FACET) and t[1] not in "ap"]
    for kind in "ap":
        names = [t for t in packed if t.startswith(FACET + kind)]
        out += sorted(names, key=lambda t: (-len(packed[t]), t))[:MENU_NAMES]
    return sorted(out)


# ---- the corpus-wide step -----------------------------------------------------------------------


def varint(n: int) -> str:
    """n >= 0 in base 32, most significant digit first; every digit but the last is marked."""
    digits = [DIGITS[n & 31]]
    n >>= 5
    while n:
        digits.append(DIGITS[32 + (n & 31)])
        n >>= 5
    return "".join(reversed(digits))


# Encoded (gap, frequency) for the gaps most postings have: one lookup instead of a loop each.
@lru_cache(maxsize=1)
def _pairs() -> list[list[str]]:
    return [[varint(gap) + DIGITS[tf] for tf in range(MAX_TF + 1)] for gap in range(1024)]


def _encode(values: list[int]) -> str:
    """Postings as varint document gaps, each followed by its frequency digit."""
    out = []
    last = -1
    pairs = _pairs()
    for v in values:
        doc = v >> 5
        gap = doc - last - 1
        last = doc
        out.append(pairs[gap][v & 31] if gap < 1024 else varint(gap) + DIGITS[v & 31])
    return "".join(out)


def levels(tok: Tokenizer | None = None) -> list[float]:
    """The 32 values a posting's weight digit stands for: a geometric scale topped by k1 + 1, the
    most the term-frequency part of BM25 can reach."""
    tok = tok or tokenizer()
    return [(tok.k1 + 1) / tok.level_ratio ** (MAX_TF - q) for q in range(MAX_TF + 1)]


def _level(value: float, table: list[float]) -> int:
    """The level nearest `value` on the (geometric) scale: nearest in ratio, not in difference."""
    if value <= table[0]:
        return 0
    q = round(math.log(value / table[0]) / math.log(table[1] / table[0]))
    return max(0, min(MAX_TF, q))


def _weigher(ordered: list[Entry], tok: Tokenizer) -> Callable[[list[int]], str]:
    """Encodes one term's postings (document << 5 | frequency, documents ascending) as the browser
    reads them: its idf (fixed point), then per document the gap and the level of BM25's
    term-frequency part, tf (k1 + 1) / (tf + k1 (1 - b + b dl / avgdl)). A document's length dl
    counts its text terms (titles weighted, filters not); avgdl is over the entries of its kind (a
    glossary entry is short next to a speech, and is ranked among glossary entries)."""
    length = [sum(tf for t, tf in e.terms if not t.startswith(FACET)) or 1 for e in ordered]
    by_kind: dict[str, list[int]] = defaultdict(list)
    for e, dl in zip(ordered, length, strict=True):
        by_kind[e.kind].append(dl)
    avg = {k: sum(v) / len(v) for k, v in by_kind.items()}
    table = levels(tok)
    # Each document's level for every frequency 0..31, worked out once (a posting is then a lookup).
    level_of = []
    for e, dl in zip(ordered, length, strict=True):
        norm = tok.k1 * (1 - tok.b + tok.b * dl / avg[e.kind])
        level_of.append([_level(tf * (tok.k1 + 1) / (tf + norm), table) for tf in range(MAX_TF + 1)])
    n = len(ordered)

    def encode(values: list[int]) -> str:
        df = len(values)
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        weighted = [(v & ~31) | level_of[v >> 5][v & 31] for v in values]
        return varint(round(idf * tok.idf_scale)) + _encode(weighted)

    return encode


def decode_term(encoded: str, tok: Tokenizer | None = None) -> tuple[float, list[tuple[int, int]]]:
    """A chunk's value for one term: (its idf, its postings as (document, weight level))."""
    tok = tok or tokenizer()
    idf, end = idf_header(encoded)
    return idf / tok.idf_scale, decode_postings(encoded[end:])


def idf_header(encoded: str) -> tuple[int, int]:
    """A term's idf in 1/idf_scale steps (its leading varint), and where its postings start."""
    end = next(i for i, ch in enumerate(encoded) if DIGITS.index(ch) < 32) + 1
    idf = 0
    for ch in encoded[:end]:
        idf = idf * 32 + (DIGITS.index(ch) & 31)
    return idf, end


def decode_postings(encoded: str) -> list[tuple[int, int]]:
    """The inverse of the encoding in `build` (the browser has the same loop)."""
    out, doc, value, expect_tf = [], -1, 0, False
    for ch in encoded:
        d = DIGITS.index(ch)
        if expect_tf:
            out.append((doc, d))
            expect_tf = False
            continue
        value = value * 32 + (d & 31)
        if d < 32:
            doc += value + 1
            value, expect_tf = 0, True
    return out


def _utf16(term: str) -> bytes:
    # The browser compares strings by UTF-16 code units: sort the same way.
    return term.encode("utf-16-be")


def _js(call: str, *args) -> bytes:
    parts = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in args)
    return f"dzSearch.{call}({parts});\n".encode()


@dataclass(frozen=True)
class Index:
    files: list[tuple[str, bytes]]  # (site-relative path, content), in path order
    documents: int
    terms: int
    postings: int

    @property
    def total_bytes(self) -> int:
        return sum(len(data) for _, data in self.files)

    def file(self, path: str) -> bytes:
        return next(data for p, data in self.files if p == path)


def build(
    entries: Iterable[Entry], chunk_bytes: int | None = None, equivalents: Iterable[GlossaryEntry] = ()
) -> Index:
    """Every index file for the given entries. Deterministic: the same entries in any order give
    the same bytes. `equivalents`: glossary entries whose forms in one language stand for the
    other's (search/glossary.js, read for a query: marks the counterpart sentence of a hit, and
    a query that is a form also finds the other language's)."""
    tok = tokenizer()
    # Documents first, then hand-written pages, then glossary entries: the browser tells them apart
    # by number (the manifest's "kinds"), so it can list documents apart before loading any file.
    ordered = sorted(entries, key=lambda e: (KIND_ORDER.index(e.kind), e.key))
    # Term -> its (document, frequency) pairs packed in one int each, documents ascending.
    packed: dict[str, list[int]] = defaultdict(list)
    for i, entry in enumerate(ordered):
        doc = i << 5
        for term, tf in entry.terms:
            packed[term].append(doc | tf)
    weigh = _weigher(ordered, tok)
    postings = {term: weigh(values) for term, values in packed.items()}
    files, firsts = _chunk_files(postings, chunk_bytes or tok.chunk_bytes)
    files += [(f"{INDEX_DIR}/d/{i}.js", _js("doc", i, _record(entry))) for i, entry in enumerate(ordered)]
    files += _glossary_files(ordered, packed, postings, equivalents, weigh, tok)
    manifest = _manifest(files, ordered, firsts, packed, tok)
    files.append((f"{INDEX_DIR}/manifest.js", _js("manifest", manifest)))
    # Traditional -> Simplified, loaded by the browser for a query with Chinese in it.
    files.append(
        (f"{INDEX_DIR}/fold.js", _js("fold", "".join(f"{t}{s}" for t, s in sorted(hanzi.table()[0].items()))))
    )
    files.sort(key=lambda f: f[0])
    count = sum(len(v) for v in packed.values())
    return Index(files=files, documents=len(ordered), terms=len(postings), postings=count)


def _glossary_files(
    ordered: list[Entry],
    packed: Mapping[str, list[int]],
    postings: Mapping[str, str],
    equivalents: Iterable[GlossaryEntry],
    weigh: Callable[[list[int]], str],
    tok: Tokenizer,
) -> list[tuple[str, bytes]]:
    """search/glossary.js (each entry's forms in both languages) and, per entry and language, the
    documents holding its forms (search/g/): a cross-language query reads one of these instead of
    the chunks of every word of its renderings."""
    forms = search_glossary.equivalences(equivalents)
    files = [(f"{INDEX_DIR}/glossary.js", _js("glossary", [[list(z), list(e)] for z, e in forms]))]

    def idf(term: str) -> int | None:
        return idf_header(postings[term])[0] if term in postings else None

    for path, args in search_glossary.entry_files(ordered, packed, forms, weigh, idf, tok):
        files.append((f"{INDEX_DIR}/{path}", _js("entry", *args)))
    return files


def _chunk_files(postings: dict[str, str], chunk_bytes: int) -> tuple[list[tuple[str, bytes]], list[str]]:
    """The terms in browser order, cut into files of about `chunk_bytes`, and each file's first term."""
    files: list[tuple[str, bytes]] = []
    firsts: list[str] = []
    chunk: dict[str, str] = {}
    size = 0

    def flush() -> None:
        nonlocal chunk, size
        files.append((f"{INDEX_DIR}/t/{len(firsts) - 1}.js", _js("chunk", len(firsts) - 1, chunk)))
        chunk, size = {}, 0

    for term in sorted(postings, key=_utf16):
        if size >= chunk_bytes:
            flush()
        if not chunk:
            firsts.append(term)
        encoded = postings[term]
        chunk[term] = encoded
        size += len(term.encode()) + len(encoded) + 6
    if chunk:
        flush()
    return files, firsts


def _record(entry: Entry) -> dict:
    """What a result shows of an entry (its search/d/N.js), with the keys the browser reads."""
    record = {
        "u": entry.url,
        "k": entry.kind,
        "z": entry.title_zh,
        "e": entry.title_en,
        "d": entry.date,
        "p": [list(p) for p in entry.pairs],
    }
    for field, value in (("a", entry.author), ("b", entry.publisher), ("t", entry.translation)):
        if value:
            record[field] = value
    # (getattr: entries pickled before provenance marks, by the benchmark's cache, have none)
    if getattr(entry, "provenance", ()):
        record["v"] = [list(m) for m in entry.provenance]
    return record


def _manifest(
    files: list[tuple[str, bytes]],
    ordered: list[Entry],
    firsts: list[str],
    packed: dict[str, list[int]],
    tok: Tokenizer,
) -> dict:
    """The manifest the browser reads first; its id is a digest of the term, document and glossary
    files (the browser asks for each with ?v=id: a changed file is never read from a stale cache)."""
    digest = hashlib.sha256()
    for path, data in files:
        digest.update(path.encode() + b"\0" + data)
    return {
        "version": FORMAT_VERSION,
        "id": digest.hexdigest()[:12],
        "docs": len(ordered),
        "chunks": firsts,
        "kinds": [sum(1 for e in ordered if e.kind == k) for k in KIND_ORDER],
        # The values of the filters, for the filter menus.
        "facets": _menu(packed),
        "tokenizer": tok.browser_config(),
        # What a posting's weight digit stands for (BM25's tf part), and idf's fixed-point scale.
        "levels": [round(v, 4) for v in levels(tok)],
        "idfScale": tok.idf_scale,
        # How many of a glossary entry's other-language forms a query that is one of its forms searches.
        "renderings": tok.renderings,
    }


def site_index(
    docs: Iterable[Document],
    pages: Iterable[tuple[str, str]],
    texts_dir: str = "texts",
    use_directory_urls: bool = True,
    glossary: Iterable[GlossaryEntry] = (),
    memo: Memo | None = None,
    parts: Mapping[str, Mapping[str, int]] | None = None,
    others: Iterable[Document] = (),
) -> Index:
    """The index of a site: its documents, its hand-written pages given as (path, Markdown), and
    the glossary's terms. `parts`: by document slug, the part of its page each pair is on;
    `others`: the documents not listed themselves (the other source of a work in two), whose
    translation status the work's result shows beside its own."""
    parts = parts or {}
    docs = list(docs)
    others = {d.slug: d for d in (*docs, *(others or ()))}
    entries = [
        document_entry(d, texts_dir, use_directory_urls, memo, parts.get(d.slug), others) for d in docs
    ]
    entries += [page_entry(path, text, use_directory_urls) for path, text in pages]
    glossary = list(glossary)
    entries += [term_entry(e, use_directory_urls) for e in glossary]
    return build(entries, equivalents=glossary)


def lookup(index: Index, term: str) -> list[tuple[int, int]]:
    """Postings of one term as (document, weight level), read back from the built files the way
    the browser reads them (for tests and benchmarks)."""
    return _read(index, term)[1]


def weights(index: Index, term: str) -> dict[int, float]:
    """BM25 weight of one term by document, as the browser computes it (idf x level)."""
    idf, postings = _read(index, term)
    table = _payload(index.file(f"{INDEX_DIR}/manifest.js"))[0]["levels"]
    return {d: idf * table[q] for d, q in postings}


def _read(index: Index, term: str) -> tuple[float, list[tuple[int, int]]]:
    manifest = _payload(index.file(f"{INDEX_DIR}/manifest.js"))[0]
    k = chunk_of(manifest["chunks"], term)
    if k < 0:
        return 0.0, []
    chunk = _payload(index.file(f"{INDEX_DIR}/t/{k}.js"))[1]
    return decode_term(chunk[term]) if term in chunk else (0.0, [])


def chunk_of(firsts: list[str], term: str) -> int:
    """The chunk a term is in (or would be), given each chunk's first term; -1 before the first."""
    return max((i for i, first in enumerate(firsts) if _utf16(first) <= _utf16(term)), default=-1)


def _payload(data: bytes) -> list:
    text = data.decode()
    inner = text[text.index("(") + 1 : text.rindex(")")]
    return json.loads(f"[{inner}]")
