"""A document page's cross-links: glossary terms linked where they occur in the text, and the
"Connections" section (its translation, related documents with the reasons, the glossary terms it
uses, its speaker, publisher and year). Raw HTML inside the document page, so every address is
computed with urls.relative (MkDocs does not rewrite or check links in raw HTML; the tests do).

Also the paths of the browse pages (browse.py writes them), so both sides agree on every address.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from . import script
from .glossary import Entry
from .urls import relative

if TYPE_CHECKING:
    from .link import DocLinks, Related, Shared
    from .model import Document

GLOSSARY_DIR = "glossary"
GLOSSARY_INDEX = f"{GLOSSARY_DIR}/index.md"
TIMELINE_DIR = "timeline"
TIMELINE_INDEX = f"{TIMELINE_DIR}/index.md"
PEOPLE_PAGE = "people/index.md"
PUBLISHERS_PAGE = "publishers/index.md"
TAGS_PAGE = "tags.md"
SECTION_ID = "dz-connections"
# Folders of generated pages that are reached through their index, never listed in the nav.
NOT_IN_NAV_DIRS = (GLOSSARY_DIR, TIMELINE_DIR)
ZH_TAG = "zh-Hans"


def _lang(text: str) -> str:
    """A lang attribute for text in Chinese (the page around it is in English)."""
    return f' lang="{ZH_TAG}"' if script.language(text) == "zh" else ""


def term_path(entry: Entry) -> str:
    return f"{GLOSSARY_DIR}/{entry.slug}.md"


def year_path(year: str) -> str:
    return f"{TIMELINE_DIR}/{year}.md"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def label_html(entry: Entry) -> str:
    """An entry's name in both languages, each marked with its language."""
    return f'<span lang="{ZH_TAG}">{esc(entry.zh)}</span> · {esc(entry.name)}'


def term_link(entry: Entry, here: str, use_directory_urls: bool) -> tuple[str, str]:
    """The opening and closing tags that link one occurrence in the text to its term page. Not a
    tab stop: the text is one tab stop (the reader's roving focus); keyboard users reach the same
    pages through the Connections section's list of terms."""
    href = relative(here, term_path(entry), use_directory_urls)
    title = f"{entry.zh} · {entry.name}: glossary"
    return (
        f'<a class="dz-term" href="{esc(href)}" tabindex="-1" data-term="{esc(entry.slug)}" title="{esc(title)}">',
        "</a>",
    )


def _reason(shared: Shared, entries: tuple[Entry, ...], here: str, dirs: bool) -> str:
    if shared.kind != "entry":
        return f"same speaker or author, {esc(shared.label)}"
    e = entries[shared.entry]
    href = relative(here, term_path(e), dirs)
    here_n, there_n = shared.counts
    return f'<a href="{esc(href)}">{label_html(e)}</a> ({here_n} here, {there_n} there)'


def _related_html(
    related: tuple[Related, ...], links: DocLinks, here: str, texts_dir: str, dirs: bool
) -> str:
    if not related:
        return (
            '<p class="dz-none">No related document yet: none shares enough glossary terms, names '
            "or events with this one.</p>"
        )
    items = []
    for r in related:
        href = relative(here, f"{texts_dir}/{r.slug}.md", dirs)
        date = f' <span class="dz-related-date">{esc(r.date)}</span>' if r.date else ""
        reasons = "; ".join(_reason(s, links.entries, here, dirs) for s in r.shared)
        items.append(
            f'<li data-slug="{esc(r.slug)}" data-score="{r.score:.3f}"><a href="{esc(href)}"{_lang(r.title)}>'
            f"{esc(r.title)}</a>{date}"
            f'<span class="dz-reason">Shared: {reasons}</span></li>'
        )
    return f'<ul class="dz-related">{"".join(items)}</ul>'


def _terms_html(links: DocLinks, here: str, dirs: bool) -> str:
    if not links.counts:
        return ""
    ranked = sorted(links.counts.items(), key=lambda kv: (-kv[1], links.entries[kv[0]].name.casefold()))
    items = "".join(
        f'<li><a href="{esc(relative(here, term_path(links.entries[i]), dirs))}">{label_html(links.entries[i])}</a>'
        f' <span class="dz-count">{n}</span></li>'
        for i, n in ranked
    )
    return f'<h3>Glossary terms in this text</h3><ul class="dz-term-list">{items}</ul>'


def _browse_html(doc: Document, links: DocLinks, here: str, dirs: bool) -> str:
    parts = []
    if links.person is not None:
        g = links.person
        href = relative(here, PEOPLE_PAGE, dirs, g.anchor)
        more = f"{len(g.slugs)} documents" if len(g.slugs) > 1 else "1 document"
        parts.append(f'Speaker or author: <a href="{esc(href)}">{esc(g.name)}</a> ({more})')
    if links.publisher is not None:
        g = links.publisher
        href = relative(here, PUBLISHERS_PAGE, dirs, g.anchor)
        more = f"{len(g.slugs)} documents" if len(g.slugs) > 1 else "1 document"
        parts.append(f'Publisher: <a href="{esc(href)}">{esc(g.name)}</a> ({more})')
    date = doc.metadata.date.value if doc.metadata.date else ""
    if date[:4].isdigit():
        href = relative(here, year_path(date[:4]), dirs)
        parts.append(f'Timeline: <a href="{esc(href)}">{esc(date[:4])}</a>')
    else:
        parts.append(
            f'Timeline: <a href="{esc(relative(here, TIMELINE_INDEX, dirs, "undated"))}">undated</a>'
        )
    return f'<p class="dz-browse">{" · ".join(parts)}</p>'


def section_html(doc: Document, links: DocLinks, here: str, texts_dir: str, dirs: bool) -> str:
    """The Connections section of the document page at `here` (a docs-relative source path)."""
    translation = ""
    cp = doc.counterpart
    if cp is not None:
        href = relative(here, f"{texts_dir}/{cp.slug}.md", dirs)
        how = "declared by an editor" if cp.how == "declared" else "found automatically"
        lang = _lang(cp.title or cp.name)
        translation = (
            f'<p class="dz-translation">Translation: <a href="{esc(href)}"{lang}>{esc(cp.title or cp.name)}</a> '
            f"({'Chinese' if cp.lang == 'zh' else 'English'}, {how}).</p>"
        )
    return (
        f'<section class="dz-connections" id="{SECTION_ID}" aria-labelledby="{SECTION_ID}-title">'
        f'<h2 id="{SECTION_ID}-title">Connections</h2>{translation}'
        f"<h3>Related documents</h3>{_related_html(links.related, links, here, texts_dir, dirs)}"
        f"{_terms_html(links, here, dirs)}{_browse_html(doc, links, here, dirs)}</section>"
    )
