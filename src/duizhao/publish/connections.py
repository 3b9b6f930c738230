"""A document page's cross-links: glossary terms linked where they occur in the text, and the
"Connections" section (its translation, related documents with the reasons, the glossary terms it
uses, its speaker, publisher and year). Raw HTML inside the document page, so every address is
computed with urls.relative (MkDocs does not rewrite or check links in raw HTML; the tests do).

Also the paths of the browse pages (browse.py writes them), so both sides agree on every address.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import script
from ..link.matcher import Entry
from ..markup import ZH_TAG, esc
from ..urls import relative
from . import provenance

if TYPE_CHECKING:
    from ..link.link import DocLinks, Related, Shared
    from ..model import Document

GLOSSARY_DIR = "glossary"
GLOSSARY_INDEX = f"{GLOSSARY_DIR}/index.md"
TIMELINE_DIR = "timeline"
TIMELINE_INDEX = f"{TIMELINE_DIR}/index.md"
PEOPLE_DIR = "people"
PEOPLE_PAGE = f"{PEOPLE_DIR}/index.md"
PUBLISHERS_DIR = "publishers"
PUBLISHERS_PAGE = f"{PUBLISHERS_DIR}/index.md"
TAGS_DIR = "tags"
TAGS_PAGE = "tags.md"
# Later pages of an overview (people/page/2.md...); a group's own pages are named by its anchor
# ("person-...", "publisher-..."), a tag's never "page" or "index" (see link.tag_slugs).
PAGES_DIR = "page"
# Groups (speakers, publishers) on one page of their overview, each with its newest documents.
# Why 20: a group with its five newest documents and their provenance marks is about 2.5 KB of
# HTML, so a page stays near 65 KB with the theme's chrome (budget: 80 KB).
GROUPS_PER_PAGE = 20
SECTION_ID = "dz-connections"
# Folders of generated pages that are reached through their index, never listed in the nav.
NOT_IN_NAV_DIRS = (GLOSSARY_DIR, TIMELINE_DIR, PEOPLE_DIR, PUBLISHERS_DIR, TAGS_DIR)


def _lang(text: str) -> str:
    """A lang attribute for text in Chinese (the page around it is in English)."""
    return f' lang="{ZH_TAG}"' if script.language(text) == "zh" else ""


def term_path(entry: Entry) -> str:
    return f"{GLOSSARY_DIR}/{entry.slug}.md"


def numbered(first: str, number: int) -> str:
    """Page `number` (from 1) of a listing whose first page is `first` (a/b.md): a/b/2.md..."""
    return first if number == 1 else f"{first[:-3]}/{number}.md"


def term_page_path(entry: Entry, number: int = 1) -> str:
    return numbered(term_path(entry), number)


def year_path(year: str, number: int = 1) -> str:
    """A year's documents ("undated": those without a date), page `number`."""
    return numbered(f"{TIMELINE_DIR}/{year}.md", number)


def overview_path(folder: str, number: int = 1) -> str:
    """Page `number` of the speakers' (people), publishers' or tags' overview."""
    if number == 1:
        return TAGS_PAGE if folder == TAGS_DIR else f"{folder}/index.md"
    return f"{folder}/{PAGES_DIR}/{number}.md"


def group_path(folder: str, anchor: str, number: int = 1) -> str:
    """Page `number` of one speaker's or publisher's documents."""
    return numbered(f"{folder}/{anchor}.md", number)


def tag_path(slug: str, number: int = 1) -> str:
    return numbered(f"{TAGS_DIR}/{slug}.md", number)


def group_overview(folder: str, rank: int) -> str:
    """The overview page that shows the group at position `rank` (0: the first)."""
    return overview_path(folder, rank // GROUPS_PER_PAGE + 1)


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
        f'<a class="dz-term" href="{esc(href)}" tabindex="-1" title="{esc(title)}">',
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
            f"{esc(r.title)}</a>{date} {provenance.mark(r.translation)}"
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
        href = relative(here, group_overview(PEOPLE_DIR, g.rank), dirs, g.anchor)
        more = f"{len(g.slugs)} documents" if len(g.slugs) > 1 else "1 document"
        parts.append(f'Speaker or author: <a href="{esc(href)}">{esc(g.name)}</a> ({more})')
    if links.publisher is not None:
        g = links.publisher
        href = relative(here, group_overview(PUBLISHERS_DIR, g.rank), dirs, g.anchor)
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
        f'<h2 id="{SECTION_ID}-title">Connections</h2>{translation}{_relatives_html(doc, here, texts_dir, dirs)}'
        f"<h3>Related documents</h3>{_related_html(links.related, links, here, texts_dir, dirs)}"
        f"{_terms_html(links, here, dirs)}{_browse_html(doc, links, here, dirs)}</section>"
    )


def _relatives_html(doc: Document, here: str, texts_dir: str, dirs: bool) -> str:
    """The texts pairing found to report on the same event (align/relation.py), apart from the
    translation: a summary or a wire story is never offered as one."""
    if not doc.relatives:
        return ""
    items = []
    for r in doc.relatives:
        href = relative(here, f"{texts_dir}/{r.slug}.md", dirs)
        why = r.evidence[0] if r.evidence else ""
        items.append(
            f'<li><a href="{esc(href)}"{_lang(r.title or r.name)}>{esc(r.title or r.name)}</a> '
            f"({'Chinese' if r.lang == 'zh' else 'English'}; found automatically: {esc(why)})</li>"
        )
    return (
        '<div class="dz-relatives"><h3>On the same event, not a translation</h3>'
        f"<ul>{''.join(items)}</ul></div>"
    )
