"""Search: a static, chunked bilingual index that a browser reads over http and from file:// alike.

Why not Material's search: its index is one JSON file loaded whole (44 MB at 1,000 documents,
measured), needs a Web Worker (which file:// forbids without a shim from a CDN), and segments
Chinese with jieba at 30 ms per page. This index is instead:

- terms: Han text becomes overlapping character bigrams (世界, 界互, 互联…), so any Chinese
  substring of two or more characters is found without a segmenter in the browser; other words
  are folded (NFKC, no accents, lower case), stripped of plural endings, stop words dropped;
- postings per document: which documents hold a term, and how often (capped), as compact
  base-64 varints in JSON strings (no \\uXXXX escapes: files are UTF-8);
- chunks: terms in sorted order cut into files of ~48 KB, listed by their first term in a small
  manifest, so a query downloads the manifest once and one chunk per term;
- document files: each document's titles, address and pair texts, loaded only for the results
  shown, which gives the snippet and the exact pair to link to.

Every file is a script that calls `dzSearch.<kind>(…)`, loaded by a <script> tag: that works from
file:// where fetch() and workers do not. Building an entry is a pure function of one document;
`build` is the corpus-wide step, linear in the number of postings.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from markdown.extensions.toc import slugify

from .. import paging, script
from ..link.matcher import Entry as GlossaryEntry
from ..memo import Memo, text_key
from ..model import Document, link_groups, sentence_offsets
from ..urls import page_url
from ..vocab import hanzi
from .connections import term_path

UNTITLED = "[Untitled]"  # (render.UNTITLED: a title the source does not state)

INDEX_DIR = "search"
# Varint digits: 32 final digits, then 32 "more follows" digits; all safe inside a JSON string.
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
MAX_TF = 31  # term frequency is stored in one final digit
FORMAT_VERSION = 2
KIND_ORDER = ("text", "page", "term")  # the order of entries in the index


@dataclass(frozen=True)
class Tokenizer:
    stopwords: frozenset[str]
    plurals: tuple[tuple[str, tuple[str, ...], str], ...]
    plural_min_length: int
    title_weight: int
    chunk_bytes: int

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
    text = unicodedata.normalize("NFKC", text)
    text = "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.category(c).startswith("M")
    )
    # Traditional characters as Simplified, so that either script finds both (the browser
    # does the same with search/fold.js).
    return hanzi.to_simplified(unicodedata.normalize("NFC", text).lower())


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


@dataclass(frozen=True)
class Entry:
    """One searchable page: what the index needs (terms) and what a result shows (the rest)."""

    key: str  # stable sort key: the page's source path
    url: str  # relative to the site root
    kind: str  # "text" (a document) or "page" (a hand-written page)
    title_zh: str
    title_en: str
    date: str
    # (anchor, number, zh text, en text[, zh sentences, en sentences]) per pair; anchor "" for the
    # top of a page. The anchor of a pair on a later part of a long document is that part's URL
    # (from the root) with "#anchor". Sentences (see `_sentences`) say which sentence of one side
    # is aligned with which of the other, so a result shows the counterpart of the sentence found.
    pairs: tuple[tuple, ...]
    terms: tuple[tuple[str, int], ...]  # (term, frequency), sorted
    # Searchable and filterable facts of a document: speaker or author, publisher, translation
    # status ("original", "human", "machine-suspected", "unknown"); "" when not known.
    author: str = ""
    publisher: str = ""
    translation: str = ""


def _count(titles: Iterable[str], bodies: Iterable[str], tok: Tokenizer) -> tuple[tuple[str, int], ...]:
    counts: Counter[str] = Counter()
    for text in bodies:
        counts.update(terms(text, tok))
    for text in titles:
        for term in set(terms(text, tok)):
            counts[term] += tok.title_weight
    return tuple(sorted((t, min(MAX_TF, n)) for t, n in counts.items()))


def document_entry(
    doc: Document,
    texts_dir: str,
    use_directory_urls: bool,
    memo: Memo | None = None,
    part: Mapping[str, int] | None = None,
) -> Entry:
    """The entry of one document: a pure function of the document and where its page lives.
    `memo` keeps term counts by the texts they count (tokenising is most of an entry's cost);
    `part`: the part of a long document's page that shows each pair (paging.part_of), by anchor."""
    tok = tokenizer()
    m = doc.metadata
    title_zh = m.title_zh.value if m.title_zh else ""
    title_en = m.title_en.value if m.title_en else ""
    if not (title_zh or title_en):
        title_en = doc.source.name
    elif all(f is None or f.origin == "derived" for f in (m.title_zh, m.title_en)):
        # (a first sentence a fallback took: said to be no title, as on the page)
        title_zh, title_en = (
            (f"{UNTITLED} {title_zh}" if title_zh else ""),
            (f"{UNTITLED} {title_en}" if title_en and not title_zh else title_en),
        )
    first = f"{texts_dir}/{doc.slug}.md"
    part = part or {}
    pairs = tuple(
        (
            # A pair on a later part of a long document: its page's URL with the anchor.
            bead.anchor
            if part.get(bead.anchor, 1) == 1
            else page_url(paging.part_path(first, part[bead.anchor]), use_directory_urls) + "#" + bead.anchor,
            n,
            "\n".join(p.text for p in bead.zh),
            "\n".join(p.text for p in bead.en),
            *_sentences(bead),
        )
        for n, bead in enumerate(doc.beads, start=1)
    )
    author = _stated(m.author)
    publisher = _stated(m.publisher)
    counted = _memo_count(
        (title_zh, title_en, author, publisher), [t for p in pairs for t in (p[2], p[3])], tok, memo
    )
    return Entry(
        key=f"{texts_dir}/{doc.slug}.md",
        url=page_url(f"{texts_dir}/{doc.slug}.md", use_directory_urls),
        kind="text",
        title_zh=title_zh,
        title_en=title_en,
        date=m.date.value if m.date else "",
        pairs=pairs,
        # The speaker and the publisher are found like a title (蔡名照 finds his speech); the
        # facets make filters one more term of the query.
        terms=tuple(
            sorted(
                counted
                + facets(m.date.value if m.date else "", pairs, _stated(m.translation), author, publisher)
            )
        ),
        author=author,
        publisher=publisher,
        translation=_stated(m.translation),
    )


# Filter terms: a character no text term holds ("~"), then the facet and its value.
FACET = "~"


def facets(
    date: str, pairs: Iterable[tuple], translation: str, author: str = "", publisher: str = ""
) -> tuple[tuple[str, int], ...]:
    """The filter terms of a document: its year, its languages (a text with both is also
    "both"), its translation status as stated or derived, its speaker or author, its publisher."""
    out = []
    for kind, name in (("a", author), ("p", publisher)):
        if name.strip():
            out.append(f"{FACET}{kind}{' '.join(unicodedata.normalize('NFC', name).split())}")
    if date[:4].isdigit():
        out.append(f"{FACET}y{date[:4]}")
    langs = [lang for lang, k in (("zh", 2), ("en", 3)) if any(p[k].strip() for p in pairs)]
    out += [f"{FACET}l{lang}" for lang in langs]
    if len(langs) == 2:
        out.append(f"{FACET}lboth")
    if translation:
        out.append(f"{FACET}t{translation}")
    return tuple((t, 1) for t in out)


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


def _stated(f) -> str:
    return f.value if f is not None and f.value else ""


def _sentences(bead) -> tuple[list[int], list[int]]:
    """Each side's sentences as flat [start, end, group, ...] offsets into the pair's text (its
    paragraphs joined by a line break), where sentences of one side and the other in the same
    group are aligned (model.link_groups; -1: no counterpart; all 0 in a row without sentence
    links: the whole side answers to the whole other). Empty for an unlinked side of one sentence."""
    groups = link_groups(bead)
    out = []
    for paragraphs, group in ((bead.zh, groups[0]), (bead.en, groups[1])):
        flat: list[int] = []
        if bead.links or len(group) > 1:
            base, k = 0, 0
            for p in paragraphs:
                spans = sentence_offsets(p.text, p.sentences)
                if len(spans) != len(p.sentences):  # (sentences not found in order: no links)
                    flat = []
                    break
                for a, b in spans:
                    flat += [base + a, base + b, group[k] if k < len(group) else -1]
                    k += 1
                base += len(p.text) + 1
        out.append(flat)
    return out[0], out[1]


def _memo_count(
    titles: tuple[str, str], bodies: list[str], tok: Tokenizer, memo: Memo | None
) -> tuple[tuple[str, int], ...]:
    if memo is None:
        return _count(titles, bodies, tok)
    key = text_key(*titles, *bodies)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _count(titles, bodies, tok)
    return found


def term_entry(entry: GlossaryEntry, use_directory_urls: bool) -> Entry:
    """A glossary entry, found by any of its forms in either language, leading to its term page
    (which lists every occurrence). Built from the glossary itself, not from the page's Markdown."""
    tok = tokenizer()
    zh = "、".join(entry.zh_forms)
    en = "; ".join(entry.en_forms) + (f". {entry.note}" if entry.note else "")
    path = term_path(entry)
    return Entry(
        key=path,
        url=page_url(path, use_directory_urls),
        kind="term",
        title_zh=entry.zh,
        title_en=entry.name,
        date="",
        pairs=(("", 1, zh, en),),
        terms=_count((entry.zh, *entry.en_forms), (zh, en), tok),
    )


# Markdown to plain text, roughly: enough for hand-written pages (about, guides) to be found.
_MD_DROP = [
    (re.compile(r"<!--.*?-->", re.S), " "),
    (re.compile(r"^---\n.*?\n---\n", re.S), ""),  # front matter
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), " "),  # images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"<[^>\n]+>"), " "),  # inline HTML tags
    (re.compile(r"\{[:#.][^}]*\}"), " "),  # attr_list
    (re.compile(r"[*_`|>]+"), " "),
    (re.compile(r"^\s*[-+]\s+", re.M), ""),
]
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.M)


def _plain(markdown: str) -> str:
    for pattern, repl in _MD_DROP:
        markdown = pattern.sub(repl, markdown)
    return re.sub(r"[ \t]+", " ", markdown).strip()


def page_entry(path: str, markdown: str, use_directory_urls: bool) -> Entry:
    """A hand-written Markdown page, one "pair" per section, linked by the heading's id (the toc
    extension's default slugs). Chinese sections go in the zh slot, the rest in en."""
    tok = tokenizer()
    title = ""
    sections: list[tuple[str, str]] = []  # (anchor, text)
    seen: Counter[str] = Counter()
    pos, anchor = 0, ""
    body = re.sub(r"^---\n.*?\n---\n", "", markdown, flags=re.S)
    for m in _HEADING.finditer(body):
        sections.append((anchor, body[pos : m.start()]))
        heading = _plain(m.group(2))
        slug = slugify(heading, "-")
        anchor = slug if not seen[slug] else f"{slug}_{seen[slug]}"
        seen[slug] += 1
        if not title and len(m.group(1)) == 1:
            title, anchor = heading, ""  # the page title: link to the top of the page
        pos = m.start()
    sections.append((anchor, body[pos:]))
    pairs = []
    for a, text in sections:
        plain = _plain(_HEADING.sub(r"\2", text))
        if not plain:
            continue
        zh = plain if script.language(plain) == "zh" else ""
        pairs.append((a, len(pairs) + 1, zh, "" if zh else plain))
    title = title or path.rsplit("/", 1)[-1].removesuffix(".md")
    return Entry(
        key=path,
        url=page_url(path, use_directory_urls),
        kind="page",
        title_zh=title if script.language(title) == "zh" else "",
        title_en="" if script.language(title) == "zh" else title,
        date="",
        pairs=tuple(pairs),
        terms=_count((title,), (t for _, _, zh, en in pairs for t in (zh, en)), tok),
    )


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
    chunk_bytes = chunk_bytes or tok.chunk_bytes
    # Documents first, then hand-written pages, then glossary entries: the browser tells them apart
    # by number (the manifest's "kinds"), so it can list documents apart before loading any file.
    ordered = sorted(entries, key=lambda e: (KIND_ORDER.index(e.kind), e.key))
    # Term -> its (document, frequency) pairs packed in one int each, documents ascending.
    packed: dict[str, list[int]] = defaultdict(list)
    for i, entry in enumerate(ordered):
        doc = i << 5
        for term, tf in entry.terms:
            packed[term].append(doc | tf)
    postings = {term: _encode(values) for term, values in packed.items()}
    count = sum(len(v) for v in packed.values())
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
        encoded = "".join(postings[term])
        chunk[term] = encoded
        size += len(term.encode()) + len(encoded) + 6
    if chunk:
        flush()
    for i, entry in enumerate(ordered):
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
        files.append((f"{INDEX_DIR}/d/{i}.js", _js("doc", i, record)))
    digest = hashlib.sha256()
    for path, data in files:
        digest.update(path.encode() + b"\0" + data)
    manifest = {
        "version": FORMAT_VERSION,
        "id": digest.hexdigest()[:12],
        "docs": len(ordered),
        "chunks": firsts,
        "kinds": [sum(1 for e in ordered if e.kind == k) for k in KIND_ORDER],
        # The values of the filters, for the filter menus.
        "facets": _menu(packed),
        "tokenizer": tok.browser_config(),
    }
    files.append((f"{INDEX_DIR}/manifest.js", _js("manifest", manifest)))
    # Traditional -> Simplified, loaded by the browser for a query with Chinese in it.
    files.append(
        (f"{INDEX_DIR}/fold.js", _js("fold", "".join(f"{t}{s}" for t, s in sorted(hanzi.table()[0].items()))))
    )
    forms = sorted({(tuple(e.zh_forms), tuple(e.en_forms)) for e in equivalents if e.zh_forms and e.en_forms})
    files.append((f"{INDEX_DIR}/glossary.js", _js("glossary", [[list(z), list(e)] for z, e in forms])))
    files.sort(key=lambda f: f[0])
    return Index(files=files, documents=len(ordered), terms=len(postings), postings=count)


def site_index(
    docs: Iterable[Document],
    pages: Iterable[tuple[str, str]],
    texts_dir: str = "texts",
    use_directory_urls: bool = True,
    glossary: Iterable[GlossaryEntry] = (),
    memo: Memo | None = None,
    parts: Mapping[str, Mapping[str, int]] | None = None,
) -> Index:
    """The index of a site: its documents, its hand-written pages given as (path, Markdown), and
    the glossary's terms. `parts`: by document slug, the part of its page each pair is on."""
    parts = parts or {}
    entries = [document_entry(d, texts_dir, use_directory_urls, memo, parts.get(d.slug)) for d in docs]
    entries += [page_entry(path, text, use_directory_urls) for path, text in pages]
    glossary = list(glossary)
    entries += [term_entry(e, use_directory_urls) for e in glossary]
    return build(entries, equivalents=glossary)


def lookup(index: Index, term: str) -> list[tuple[int, int]]:
    """Postings of one term, read back from the built files the way the browser reads them (for
    tests and benchmarks)."""
    manifest = _payload(index.file(f"{INDEX_DIR}/manifest.js"))[0]
    firsts = manifest["chunks"]
    k = max((i for i, first in enumerate(firsts) if _utf16(first) <= _utf16(term)), default=-1)
    if k < 0:
        return []
    chunk = _payload(index.file(f"{INDEX_DIR}/t/{k}.js"))[1]
    return decode_postings(chunk.get(term, ""))


def _payload(data: bytes) -> list:
    text = data.decode()
    inner = text[text.index("(") + 1 : text.rindex(")")]
    return json.loads(f"[{inner}]")
