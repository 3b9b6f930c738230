"""One searchable page each: a document (titles, date, speaker, publisher, translation status, each
pair's texts with its sentences' alignment groups, filter terms such as ~y2017), a glossary entry
or a hand-written page, with its terms counted. A pure function of one page; search.build makes the
corpus' index from these."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from markdown.extensions.toc import slugify

from .. import paging, script
from ..link.matcher import Entry as GlossaryEntry
from ..memo import Memo, text_key
from ..model import Document, link_groups, sentence_offsets
from ..urls import page_url
from . import provenance
from .connections import term_path
from .search_terms import Tokenizer, terms, tokenizer

UNTITLED = "[Untitled]"  # (model.UNTITLED: a title the source does not state)

MAX_TF = 31  # term frequency is stored in one final digit


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
    # The provenance marks a list shows for it (provenance.all_parts): (words, status, evidence).
    provenance: tuple[tuple[str, str, str], ...] = ()


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
    others: Mapping[str, Document] | None = None,
) -> Entry:
    """The entry of one document: a pure function of the document and where its page lives.
    `memo` keeps term counts by the texts they count (tokenising is most of an entry's cost);
    `part`: the part of a long document's page that shows each pair (paging.part_of), by anchor;
    `others`: documents by slug, so a work in two sources is marked with both statuses."""
    tok = tokenizer()
    m = doc.metadata
    title_zh, title_en = _titles(doc)
    pairs = _pairs(doc, texts_dir, use_directory_urls, part or {})
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
        provenance=tuple(provenance.all_parts(doc, dict(others) if others is not None else None)),
    )


def _titles(doc: Document) -> tuple[str, str]:
    """The titles a result shows: the source's name when it states none; a fallback's first
    sentence marked as no title, as on the page."""
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
    return title_zh, title_en


def _pairs(
    doc: Document, texts_dir: str, use_directory_urls: bool, part: Mapping[str, int]
) -> tuple[tuple, ...]:
    """Each pair's place, number, texts and aligned sentences (see Entry.pairs)."""
    first = f"{texts_dir}/{doc.slug}.md"
    return tuple(
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
