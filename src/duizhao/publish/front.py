"""The front page for readers: what the collection holds, the newest texts, a strip of years, the
glossary terms the texts use most, and the search box, in place of the hand-written home page's
document list (documents_index.HOME_MARKER).

Everything is counted from the published corpus at build time; nothing here grows with the corpus
but the strip, which has one bar a year (the page stays within the 80 KB page budget at 10,000
documents: see FRONT_* below and docs/performance.md). One raw HTML block (links computed as
render does, since MkDocs does not rewrite raw HTML), source text only ever escaped; the page
passes sanitize.clean_page like every other.
"""

from __future__ import annotations

import math
from collections import Counter

from ..link.link import Linkage
from ..markup import esc
from ..model import UNTITLED, UNTITLED_NOTE, Document, newest_first, titles
from ..settings import Settings
from ..urls import relative
from ..vocab import hanzi
from . import provenance
from .concordance import PAGE as CONCORDANCE_PAGE
from .connections import (
    GLOSSARY_INDEX,
    PEOPLE_PAGE,
    PUBLISHERS_PAGE,
    TAGS_PAGE,
    TIMELINE_INDEX,
    term_path,
    year_path,
)
from .corpus_data import PAGE as DATA_PAGE
from .documents_index import index_path
from .layout import doc_path

# The newest texts shown (a row with both titles and marks is ~700 bytes of HTML).
FRONT_NEWEST = 8
# A title longer than this is cut (at a character, with "…"): a scrape's title has no length limit,
# and eight rows must not carry the page over its budget. The whole title is on the text's page.
FRONT_TITLE_CHARS = 160
# The most used glossary terms shown (~250 bytes each).
FRONT_TERMS = 12
# Bar heights in the strip are classes dz-h1..dz-hN (the sanitiser allows no inline style).
STRIP_LEVELS = 8
# A strip spanning more years than this shows only the years that have texts (a bar is ~160
# bytes; 80 keeps the strip under 13 KB).
STRIP_YEARS = 80
# Visible year labels along the strip, at most (the rest are named for screen readers and on
# hover): 6 fit a 320 px phone at the strip's type size.
STRIP_LABELS = 6
# The translation statuses in the order the figures give them (provenance.LABELS's words).
STATUS_ORDER = ("original", "official-bilingual", "human", "machine-suspected", "unknown")


def _year(doc: Document) -> str:
    d = doc.metadata.date.value if doc.metadata.date else ""
    return d[:4] if d[:4].isdigit() else ""


def _n(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def facts(works: list[Document], docs: list[Document]) -> dict[str, object]:
    """The collection's figures: works (a text in two sources counts once) by language, source
    texts by translation status (each source has its own), and works by year."""
    by_lang = Counter(
        "both" if w.bilingual else ("zh" if w.languages == ("zh",) else "en" if w.languages else "none")
        for w in works
    )
    status = Counter(
        (d.metadata.translation.value if d.metadata.translation and d.metadata.translation.value else "")
        for d in docs
    )
    status = Counter({(k if k in provenance.LABELS else "unknown"): v for k, v in status.items() if k})
    years = Counter(y for y in map(_year, works) if y)
    return {
        "works": len(works),
        "sources": len(docs),
        "languages": by_lang,
        "status": status,
        "unstated": sum(1 for d in docs if not (d.metadata.translation and d.metadata.translation.value)),
        "years": years,
        "undated": sum(1 for w in works if not _year(w)),
    }


def home(
    works: list[Document],
    docs: list[Document],
    linkage: Linkage | None,
    page_path: str,
    settings: Settings,
    paged: list[int] | None = None,
) -> str:
    """What documents_index.HOME_MARKER stands for on the hand-written page at `page_path`. `works`: the
    listed documents (listing.works), `docs` every published one, `paged`: the glossary entries
    that have a page (browse.with_pages)."""
    dirs = settings.use_directory_urls

    def href(target: str, anchor: str = "") -> str:
        return esc(relative(page_path, target, dirs, anchor))

    f = facts(works, docs)
    parts = [
        '<div class="dz-front">',
        _search_box(linkage),
        _figures(f, href(index_path(settings)), href(TIMELINE_INDEX)),
        _strip(f, href),
        _newest(works, docs, page_path, settings, href(index_path(settings))),
        _terms(linkage, paged, href),
        _browse(href),
        "</div>",
    ]
    # One raw HTML block: no blank line inside (Markdown would end the block there).
    return "\n".join(p for p in parts if p) + "\n"


def _search_box(linkage: Linkage | None) -> str:
    """A search field that opens the site's search (static/front.js shows it: without script
    there is no search). Its example is the most used glossary term, in both languages."""
    example = "网络主权 · cyber sovereignty"
    if linkage is not None:
        top = max(range(len(linkage.terms)), key=lambda i: linkage.terms[i].total, default=None)
        if top is not None and linkage.terms[top].total:
            e = linkage.glossary.entries[top]
            example = f"{e.zh} · {e.name}"
    return (
        '<p class="dz-front-find"><button type="button" class="dz-front-search" hidden>'
        '<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><circle cx="10" cy="10" r="6"></circle>'
        '<line x1="14.5" y1="14.5" x2="20" y2="20"></line></svg>'
        '<span class="dz-front-search-text">Search the texts <span lang="zh-Hans">搜索全文</span></span>'
        f'<span class="dz-front-search-eg">e.g. {esc(example)}</span></button></p>'
    )


def _figures(f: dict, all_docs: str, timeline: str) -> str:
    langs: Counter = f["languages"]  # type: ignore[assignment]
    status: Counter = f["status"]  # type: ignore[assignment]
    years: Counter = f["years"]  # type: ignore[assignment]
    works, sources = int(f["works"]), int(f["sources"])  # type: ignore[call-overload]

    def n(cls: str, value: int) -> str:
        return f'<strong class="dz-n dz-n-{cls}" data-n="{value}">{value}</strong>'

    lang_items = [
        (n("both", langs["both"]), "in Chinese and English"),
        (n("zh", langs["zh"]), '<span lang="zh-Hans">中文</span> Chinese only'),
        (n("en", langs["en"]), "English only"),
    ]
    status_items = [
        _item(f"{n('status-' + k, status[k])} {esc(provenance.LABELS[k])}") for k in STATUS_ORDER if status[k]
    ]
    if f["unstated"]:
        status_items.append(_item(f"{n('status-none', int(f['unstated']))} with no status"))  # type: ignore[call-overload]  # type: ignore[call-overload]
    span = f"{n('first-year', int(min(years)))}–{n('last-year', int(max(years)))}" if years else "none dated"
    undated = f"; {n('undated', int(f['undated']))} undated" if f["undated"] else ""  # type: ignore[call-overload]
    source_note = (
        f" ({n('sources', sources)} source files: a text in two files counts once)"
        if sources != works
        else ""
    )
    return (
        '<section class="dz-front-facts" aria-labelledby="dz-front-holds">'
        '<h2 id="dz-front-holds">In the collection</h2><dl>'
        f'<div><dt>Texts</dt><dd><a href="{all_docs}">{n("works", works)} {"text" if works == 1 else "texts"}</a>{source_note}</dd></div>'
        f"<div><dt>Languages</dt><dd>{' · '.join(_item(f'{a} {b}') for a, b in lang_items)}</dd></div>"
        f"<div><dt>Versions</dt><dd>{' · '.join(status_items) or 'none stated'}</dd></div>"
        f'<div><dt>Years</dt><dd><a href="{timeline}">{span}</a>{undated}</dd></div>'
        "</dl></section>"
    )


def _item(html: str) -> str:
    """One figure with its words, kept on one line where the line has room."""
    return f'<span class="dz-front-item">{html}</span>'


def _strip(f: dict, href) -> str:
    """One bar a year, as tall as its number of texts (STRIP_LEVELS steps), each linked to the
    year's page; empty years keep their place so the gaps read as gaps."""
    years: Counter = f["years"]  # type: ignore[assignment]
    if not years:
        return ""
    first, last = int(min(years)), int(max(years))
    span = [str(y) for y in range(first, last + 1)]
    if len(span) > STRIP_YEARS:
        span = sorted(years)
    top = max(years.values())
    step = max(1, math.ceil(len(span) / STRIP_LABELS))
    items = []
    for i, y in enumerate(span):
        count = years.get(y, 0)
        shown = i % step == 0 or (i == len(span) - 1 and (len(span) - 1) % step >= step / 2)
        label = f'<span class="dz-strip-year{"" if shown else " dz-strip-quiet"}">{y}</span>'
        if count:
            level = max(1, math.ceil(STRIP_LEVELS * count / top))
            items.append(
                f'<li><a href="{href(year_path(y))}" title="{y}: {_n(count, "text")}" '
                f'aria-label="{y}: {_n(count, "text")}"><span class="dz-bar dz-h{level}"></span>{label}</a></li>'
            )
        else:
            items.append(f'<li aria-hidden="true"><span class="dz-bar dz-h0"></span>{label}</li>')
    return f'<nav class="dz-strip" aria-label="Texts by year (timeline)"><ol>{"".join(items)}</ol></nav>'


def _title_lines(doc: Document, docs_by_slug: dict[str, Document]) -> list[tuple[str, str, bool]]:
    """(language tag, title, derived) for each title a work has: its own, and for a work in two
    sources the other source's, Chinese first."""
    out = []
    tag = "zh-Hans"
    for lang, fld in titles(doc):
        if lang == "zh":
            tag = hanzi.variant(fld.value)
        out.append((tag if lang == "zh" else "en", fld.value, fld.origin == "derived"))
    cp = doc.counterpart
    other = docs_by_slug.get(cp.slug) if cp is not None else None
    if other is not None:
        have = {t for _, t, _ in out}
        for lang, fld in titles(other):
            if fld.value not in have and not any(t.startswith(lang[:2]) for t, _, _ in out):
                out.append(
                    (hanzi.variant(fld.value) if lang == "zh" else "en", fld.value, fld.origin == "derived")
                )
    return sorted(out, key=lambda t: not t[0].startswith("zh"))


def _newest(
    works: list[Document], docs: list[Document], page_path: str, settings: Settings, all_docs: str
) -> str:
    by_slug = {d.slug: d for d in docs}
    rows = []
    for doc in sorted(works, key=newest_first)[:FRONT_NEWEST]:
        link = esc(relative(page_path, doc_path(doc, settings), settings.use_directory_urls))
        lines = _title_lines(doc, by_slug) or [("", doc.source.name, False)]
        first, *rest = lines

        def title(t: tuple[str, str, bool]) -> str:
            tag, text, derived = t
            mark = (
                f'<span class="dz-untitled" title="{esc(UNTITLED_NOTE)}">{UNTITLED}</span> '
                if derived
                else ""
            )
            lang = f' lang="{tag}"' if tag else ""
            if len(text) > FRONT_TITLE_CHARS:
                text = text[: FRONT_TITLE_CHARS - 1].rstrip() + "…"
            return f"{mark}<span{lang}>{esc(text)}</span>"

        date = doc.metadata.date.value if doc.metadata.date else ""
        when = (
            f'<time datetime="{esc(date)}">{esc(date)}</time>'
            if date
            else '<span class="dz-front-undated">undated</span>'
        )
        others = "".join(f'<span class="dz-front-other">{title(t)}</span>' for t in rest)
        mark = provenance.marks(doc, by_slug)
        marks = f'<div class="dz-front-marks">{mark}</div>' if mark else ""
        rows.append(
            f'<li>{when}<a class="dz-front-title" href="{link}">{title(first)}</a>{others}{marks}</li>'
        )
    if not rows:
        return (
            '<section class="dz-front-newest" aria-labelledby="dz-front-new"><h2 id="dz-front-new">Newest texts</h2>'
            "<p>No texts yet: add scrapes to <code>sources/</code>.</p></section>"
        )
    more = f'<p class="dz-front-more"><a href="{all_docs}">All {_n(len(works), "text")}, newest first</a></p>'
    return (
        '<section class="dz-front-newest" aria-labelledby="dz-front-new"><h2 id="dz-front-new">Newest texts</h2>'
        f'<ol class="dz-front-list">{"".join(rows)}</ol>{more}</section>'
    )


def top_terms(linkage: Linkage | None, paged: list[int] | None) -> list[int]:
    """The FRONT_TERMS glossary entries with most occurrences in the texts (ties: more documents,
    then the name), only those used and with a page."""
    if linkage is None:
        return []
    allowed = set(paged) if paged is not None else None
    used = [i for i, t in enumerate(linkage.terms) if t.total and (allowed is None or i in allowed)]
    entries = linkage.glossary.entries
    used.sort(
        key=lambda i: (-linkage.terms[i].total, -len(linkage.terms[i].by_doc), entries[i].name.casefold())
    )
    return used[:FRONT_TERMS]


def _terms(linkage: Linkage | None, paged: list[int] | None, href) -> str:
    chosen = top_terms(linkage, paged)
    if not chosen or linkage is None:
        return ""
    items = []
    for i in chosen:
        e, t = linkage.glossary.entries[i], linkage.terms[i]
        items.append(
            f'<li><a href="{href(term_path(e))}"><span lang="zh-Hans">{esc(e.zh)}</span> · {esc(e.name)}</a>'
            f'<span class="dz-count" data-n="{t.total}">{t.total}×</span>'
            f'<span class="dz-front-in"> in {_n(len(t.by_doc), "text")}</span></li>'
        )
    return (
        '<section class="dz-front-terms" aria-labelledby="dz-front-glossary">'
        '<h2 id="dz-front-glossary">Most used glossary terms</h2>'
        f'<ul class="dz-term-list">{"".join(items)}</ul>'
        f'<p class="dz-front-more"><a href="{href(GLOSSARY_INDEX)}">The whole glossary</a></p></section>'
    )


def _browse(href) -> str:
    links = [
        (GLOSSARY_INDEX, "Glossary"),
        (TIMELINE_INDEX, "Timeline"),
        (PEOPLE_PAGE, "Speakers and authors"),
        (PUBLISHERS_PAGE, "Publishers"),
        (TAGS_PAGE, "Tags"),
        (CONCORDANCE_PAGE, "Concordance"),
        (DATA_PAGE, "Data"),
    ]
    return (
        '<nav class="dz-front-browse" aria-label="Browse">'
        + " · ".join(f'<a href="{href(p)}">{esc(t)}</a>' for p, t in links)
        + "</nav>"
    )
