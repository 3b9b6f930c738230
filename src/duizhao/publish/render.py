"""Stage 7, render: documents to page Markdown.

A document page is front matter we write plus one raw HTML block. Source text only ever enters
that block HTML-escaped, and Markdown leaves raw HTML blocks alone, so nothing from a scrape is
read as Markdown, HTML, front matter or template syntax; the block then passes the allow-list of
sanitize.py. Listing pages use Markdown links (which
MkDocs validates) with every ASCII punctuation mark of source text written as an entity.

This module lays the page out; its parts are written by doc_header.py (title, fields, notices),
parallel_text.py (the text), source_section.py (the source and its audit), citation.py (what
the citation and report actions need) and layout.py (what every generated page shares).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .. import paging, script
from ..markup import LANG_TAGS, esc
from ..model import BlockKind, Document, Page, display_title
from ..settings import Settings
from ..urls import relative
from ..vocab import hanzi
from . import connections, downloads, sanitize
from .citation import citation_data
from .doc_header import header_html, title_html
from .layout import doc_path, front_matter, page_links
from .parallel_text import pair_html, term_marks
from .source_section import SOURCE_PANEL_ID, audit_pages, section_html

if TYPE_CHECKING:
    from ..link.link import DocLinks

# Sentence links under this confidence are counted as "for review" (the same default as
# `duizhao align --review`).
REVIEW_BELOW = 0.35


def document_page(doc: Document, settings: Settings, links: DocLinks | None = None) -> Page:
    """The (first) page of one document; `links` (from link.build) adds glossary links in the
    text, the Connections section and the document's tags."""
    return document_pages(doc, settings, links)[0]


def document_pages(doc: Document, settings: Settings, links: DocLinks | None = None) -> list[Page]:
    """Every page of one document: its page, the part pages of a long text (paging.parts) and the
    audit pages of a long audit (paging.audit_pages)."""
    out = []
    count = len(paging.parts(doc, links.hits if links is not None else None))
    for part in range(1, count + 1):
        # The allow-list pass (sanitize.py): a no-op on what this module writes, a wall if it errs.
        body = sanitize.clean(document_html(doc, settings, links, part))
        front = _document_front(doc, settings, links, part)
        out.append(Page(paging.part_path(doc_path(doc, settings), part), front_matter(front) + body + "\n"))
    out += audit_pages(doc, settings)
    return out + _parts_map(doc, links, settings)


def _document_front(doc: Document, settings: Settings, links: DocLinks | None, part: int) -> dict:
    """The page's front matter: its title, description, the theme's options and its tags."""
    title = display_title(doc) + (f" (part {part})" if part > 1 else "")
    front = {
        "title": title,
        "description": _description(doc),
        # The text needs the width: site navigation stays in the header and the mobile drawer.
        "hide": ["navigation", "toc"],
    }
    if links is not None and links.tags and part == 1:
        # Shown above the text by the theme override (overrides/partials/tags.html), each a link
        # to its tag's page (browse.py); escaped here, as the template writes them as they are.
        here = doc_path(doc, settings)
        front["duizhao_tags"] = [
            {
                "name": esc(t),
                "href": esc(relative(here, connections.tag_path(s), settings.use_directory_urls)),
            }
            for t, s in zip(links.tags, links.tag_slugs, strict=True)
        ]
    return front


def document_html(doc: Document, settings: Settings, links: DocLinks | None = None, part: int = 1) -> str:
    """The HTML of a document's page (of its part `part`) as this module writes it, before the
    sanitiser. Later parts repeat the title and the reader's controls, not the header's details."""
    languages = doc.languages or (_main_script(doc),)
    first = doc_path(doc, settings)
    path = paging.part_path(first, part)
    ranges = paging.parts(doc, links.hits if links is not None else None)
    index = relative(path, f"{settings.texts_dir}/index.md", settings.use_directory_urls)
    mode = "dz-bilingual" if len(languages) == 2 else "dz-monolingual"
    pairs = _pairs_html(doc, settings, links, path, languages, ranges[part - 1])
    others = links.versions if links is not None else ()  # (the other versions: the citation names this one)
    nav = page_links(
        "Parts of this document",
        "Part",
        part,
        len(ranges),
        lambda n: relative(path, paging.part_path(first, n), settings.use_directory_urls),
    )
    if part == 1:
        header = header_html(doc, settings, links, languages)
        tail = _first_tail_html(doc, settings, links, path)
    else:
        back = relative(path, first, settings.use_directory_urls, SOURCE_PANEL_ID)
        header = ""
        tail = f'<p class="dz-links"><a href="{esc(back)}">Source and cleaning</a> (on the first part)</p>'
    return (
        f'<div class="dz-doc {mode}" data-slug="{esc(doc.slug)}"{citation_data(doc, settings, part, others)}'
        f"{_parts_data(doc, path, first, settings, ranges)}>"
        f'<header class="dz-header"><p class="dz-crumbs"><a href="{esc(index)}">All documents</a></p>'
        f'<h1 class="dz-title">{title_html(doc)}</h1>{header}{nav}</header>'
        f"{_toolbar_html(languages)}"
        f'<div class="dz-text" id="dz-text" data-languages="{" ".join(languages)}">{pairs}</div>'
        f"{nav}{tail}</div>"
    )


def _pairs_html(
    doc: Document,
    settings: Settings,
    links: DocLinks | None,
    path: str,
    languages: tuple[str, ...],
    span: tuple[int, int],
) -> str:
    """The beads doc.beads[start:end] of the page at `path`, numbered from 1 over the whole text."""
    start, end = span
    top = min((p.block.level for p in doc.paragraphs if p.kind is BlockKind.HEADING), default=1)
    terms = term_marks(links, path, settings)
    zh_tag = hanzi.doc_tag(doc.beads)  # zh-Hant for a text in Traditional characters
    return "".join(
        pair_html(b, i, languages, top, terms, zh_tag)
        for i, b in enumerate(doc.beads[start:end], start=start + 1)
    )


def _first_tail_html(doc: Document, settings: Settings, links: DocLinks | None, path: str) -> str:
    """What follows the text on the first page: the downloads, the Connections section (with
    links) and the "Source and cleaning" section."""
    return (
        f"{_alignment_html(doc, settings)}"
        + (
            connections.section_html(doc, links, path, settings.texts_dir, settings.use_directory_urls)
            if links is not None
            else ""
        )
        + f'<section class="dz-source" id="{SOURCE_PANEL_ID}" aria-label="Source and cleaning">'
        f"{section_html(doc, settings)}</section>"
    )


def _parts_data(
    doc: Document, here: str, first: str, settings: Settings, ranges: list[tuple[int, int]]
) -> str:
    """A long document's parts (their links) and where its map of pairs to parts is, so that a
    permalink to a pair another part shows (an old link, or one made before the text grew) still
    lands on it (static/duizhao.js loads the map only then: it grows with the text)."""
    if len(ranges) < 2:
        return ""
    urls = " ".join(
        relative(here, paging.part_path(first, n), settings.use_directory_urls)
        for n in range(1, len(ranges) + 1)
    )
    src = relative(here, paging.map_path(first), settings.use_directory_urls)
    return f' data-part-urls="{esc(urls)}" data-parts-src="{esc(src)}"'


def _parts_map(doc: Document, links: DocLinks | None, settings: Settings) -> list[Page]:
    """texts/<slug>.parts.js: each pair's anchor and the part that shows it, for a long text."""
    part = paging.part_of(doc, links.hits if links is not None else None)
    if len(set(part.values())) < 2:
        return []
    data = json.dumps(part, separators=(",", ":"), sort_keys=True)
    return [Page(paging.map_path(doc_path(doc, settings)), f"dzParts({data});\n")]


def _main_script(doc: Document) -> str:
    """The column of a text with no paragraph clearly in one language (all mixed): the script that
    carries more of it (a Han character weighs as much as script.LETTERS_PER_HAN letters)."""
    text = "".join(p.text for p in doc.paragraphs)
    return "zh" if script.han_count(text) * script.LETTERS_PER_HAN > script.latin_letters(text) else "en"


def _alignment_html(doc: Document, settings: Settings) -> str:
    """Download links for the document's alignment (TMX and JSON), and how many links are weak."""
    if not downloads.aligned(doc):
        return ""
    here = doc_path(doc, settings)
    links = " · ".join(
        f'<a href="{esc(relative(here, downloads.path(doc, settings.texts_dir, suffix), settings.use_directory_urls))}" '
        f'download type="{"application/x-tmx+xml" if suffix == "tmx" else "application/json"}">{suffix.upper()}</a>'
        for suffix in downloads.SUFFIXES
    )
    weak = sum(1 for b in doc.beads for k in b.links if k.confidence < REVIEW_BELOW)
    total = sum(len(b.links) for b in doc.beads)
    return (
        f'<p class="dz-downloads">Download the sentence alignment: {links}. '
        f"{total} sentence links, {weak} with confidence under {REVIEW_BELOW:.2f}.</p>"
    )


def _description(doc: Document) -> str:
    """The page's description: the start of its first paragraph."""
    first = next((p.text for p in doc.paragraphs if p.kind is BlockKind.PARAGRAPH), "")
    return first[:160]


def _toolbar_html(languages: tuple[str, ...]) -> str:
    """The view switch (Chinese / both / English). Hidden until the script runs: without it the
    page shows both languages, side by side or stacked by width, which needs no switch."""
    if len(languages) < 2:
        return ""
    buttons = "".join(
        f'<button type="button" class="dz-view-{view}" data-view="{view}" aria-pressed="false"{lang}>{label}</button>'
        for view, label, lang in (
            ("zh", "中文", f' lang="{LANG_TAGS["zh"]}"'),
            ("both", "对照 Both", ""),
            ("en", "English", ""),
        )
    )
    return (
        '<div class="dz-toolbar" hidden>'
        f'<div class="dz-views" role="group" aria-label="Languages shown">{buttons}</div>'
        '<p class="dz-keys" id="dz-keys">Keys: <kbd>↑</kbd> <kbd>↓</kbd> sentence · <kbd>←</kbd> '
        "<kbd>→</kbd> other language · <kbd>C</kbd> copy citation</p>"
        "</div>"
    )


__all__ = ["Settings", "document_html", "document_page", "document_pages"]
