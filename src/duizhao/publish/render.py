"""Stage 7, render: documents to page Markdown.

A document page is front matter we write plus one raw HTML block. Source text only ever enters
that block HTML-escaped, and Markdown leaves raw HTML blocks alone, so nothing from a scrape is
read as Markdown, HTML, front matter or template syntax; the block then passes the allow-list of
sanitize.py. Listing pages use Markdown links (which
MkDocs validates) with every ASCII punctuation mark of source text written as an entity.
"""

from __future__ import annotations

import itertools
import json
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

import yaml

from .. import paging
from ..align.pairing import REPORT_SCORE as WEAK_PAIR
from ..markup import LANG_TAGS, esc, md_text
from ..model import (
    UNTITLED,
    UNTITLED_NOTE,
    Bead,
    BlockKind,
    Document,
    Field,
    Page,
    Paragraph,
    Removal,
    display_title,
    link_groups,
    newest_first,
    sentence_offsets,
    titles,
)
from ..settings import Settings
from ..urls import page_url, relative
from ..vocab import hanzi
from . import connections, downloads, provenance, sanitize, versions_note

if TYPE_CHECKING:
    from ..link.link import DocLinks

LANG_NAMES = {"zh": "中文", "en": "English"}
STATIC_FILES = (
    "duizhao.css", "duizhao.js", "search.css", "search.js", "search-engine.js", "links.css",
    "front.css", "front.js", "lookup.js",
    "concordance.js", "concordance.css",  # (loaded by search.js on the concordance page only)
)  # fmt: skip
ASSET_DIR = "assets/duizhao"
HOME_MARKER = "<!-- duizhao:documents -->"
# Listing pages stay small at any corpus size. Why 100 rows: a row is 150-300 bytes of HTML, so a
# page of them stays near 45 KB with the theme's chrome (budget: 80 KB a page at 10,000 documents).
INDEX_PAGE_SIZE = 100
# The home page lists the newest documents only, then links to the full index.
HOME_LIMIT = 20
# Folder of the index's later pages (texts/page/2.md...): a slug is never "page/2", so no clash.
INDEX_PAGES_DIR = "page"
# Pairs the aligner was unsure of are flagged so readers check them (and can report them). Why 0.5:
# below it the length evidence alone disagrees more often than it agrees (see align.BEAD_COSTS).
LOW_CONFIDENCE = 0.5
# How a header value that was not read from the text says where it came from: a discreet mark,
# with the evidence on hover and the words for screen readers.
ORIGIN_NOTES = {
    "given": ("ed.", "supplied by an editor"),
    "derived": ("inferred", "inferred by a fallback rule"),
}
# Id of the "Source and cleaning" section, linked from the header.
SOURCE_PANEL_ID = "source-and-cleaning"
TRANSLATION_LABELS = {
    "original": "original text",
    "human": "human translation",
    "machine-suspected": "machine translation suspected, unreviewed",
    "official-bilingual": "official bilingual release",
    "unknown": "translation status unknown",
}


# Sentence links under this confidence are counted as "for review" (the same default as
# `duizhao align --review`).
REVIEW_BELOW = 0.35


def doc_path(doc: Document, settings: Settings) -> str:
    return f"{settings.texts_dir}/{doc.slug}.md"


def works(docs: list[Document]) -> list[Document]:
    """One document per work: of two sources that translate each other (a cross-file pair), the
    Chinese one stands for both in lists, the timeline and search; each keeps its own page."""
    by_slug = {d.slug: d for d in docs}
    out = []
    for d in docs:
        cp = d.counterpart
        if cp is not None and cp.slug in by_slug and cp.lang == "zh":
            continue  # the other side lists it (this one's other column is Chinese)
        out.append(d)
    return out


def work_title(doc: Document) -> str:
    """The title a list shows for a document: both titles of a work in two sources."""
    own = display_title(doc)
    cp = doc.counterpart
    if cp is not None and cp.title and cp.title not in own:
        return f"{own} / {cp.title}"
    return own


def cited(f: Field | None) -> str:
    """A field's value for a citation: nothing for one a fallback derived (not stated anywhere)."""
    return f.value if f is not None and f.value and f.origin != "derived" else ""


# Front-matter values the theme writes into pages as they are (Material's header, <title>,
# <meta name=description>): escaped here, so a title from a source is text wherever it lands.
ESCAPED_FRONT_MATTER = ("title", "description")


def front_matter(values: dict) -> str:
    """A page's YAML front matter; `title` and `description` are given as plain text."""
    values = {k: esc(v) if k in ESCAPED_FRONT_MATTER and isinstance(v, str) else v for k, v in values.items()}
    return "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=True, width=10_000) + "---\n\n"


@dataclass(frozen=True)
class Mark:
    """An inline element over text[start:end]; marks of one layer never overlap each other."""

    start: int
    end: int
    open: str
    close: str


def inline_html(text: str, layers: list[list[Mark]]) -> str:
    """Escaped `text` with the marks of each layer wrapped around it, outer layers first.

    A mark that crosses an outer one is split, so the HTML always nests properly: e.g. bold text
    running over a sentence boundary becomes two <strong> elements, one in each sentence span.
    """
    cuts = {0, len(text)}
    for layer in layers:
        for m in layer:
            cuts.update((max(0, m.start), min(len(text), m.end)))
    points = sorted(cuts)
    out: list[str] = []
    stack: list[Mark] = []
    # Segments come in order and a layer's marks do not overlap: one cursor per layer finds the
    # mark over each segment (a scan of the whole layer per segment is quadratic in sentences).
    ordered = [sorted(layer, key=lambda m: (m.start, m.end)) for layer in layers]
    cursors = [0] * len(ordered)
    for a, b in itertools.pairwise(points):
        active = []
        for k, layer in enumerate(ordered):
            i = cursors[k]
            while i < len(layer) and layer[i].end < b:
                i += 1
            cursors[k] = i
            while i < len(layer) and layer[i].start <= a:
                if b <= layer[i].end:
                    active.append(layer[i])
                    break
                i += 1
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] is active[keep]:
            keep += 1
        for m in reversed(stack[keep:]):
            out.append(m.close)
        for m in active[keep:]:
            out.append(m.open)
        stack = active
        out.append(esc(text[a:b]))
    for m in reversed(stack):
        out.append(m.close)
    return "".join(out)


# Inline marks of the glossary terms in a paragraph's text (see connections.term_link).
TermMarks = Callable[[str], list[Mark]]


def _paragraph_html(
    p: Paragraph, groups: list[int], first: int, top: int = 1, terms: TermMarks | None = None
) -> str:
    """One paragraph; its sentences are numbered from `first` within the bead's side. `top` is the
    document's highest heading level, which becomes <h2> (the page title is the <h1>), so heading
    levels never skip one."""
    text = p.text
    sentences = [
        Mark(
            s,
            e,
            f'<span class="dz-s" data-s="{first + i}" data-link="{groups[first + i] if first + i < len(groups) else 0}">',
            "</span>",
        )
        for i, (s, e) in enumerate(sentence_offsets(text, p.sentences))
    ]
    strong = [Mark(s, e, "<strong>", "</strong>") for s, e in p.block.strong]
    # Glossary links are the innermost layer: split at sentence and bold edges, never broken.
    inner = inline_html(text, [sentences, strong, terms(text) if terms else []])
    kind = p.kind
    if kind is BlockKind.HEADING:
        level = min(6, max(2, p.block.level - top + 2))
        return f'<h{level} class="dz-h">{inner}</h{level}>'
    cls = {
        BlockKind.PARAGRAPH: "dz-p",
        BlockKind.LIST_ITEM: "dz-p dz-li",
        BlockKind.QUOTE: "dz-p dz-quote",
        BlockKind.CAPTION: "dz-p dz-caption",
        BlockKind.SALUTATION: "dz-p dz-salutation",
        BlockKind.SIGNOFF: "dz-p dz-signoff",
        BlockKind.NOTE: "dz-p dz-note",
    }[kind]
    label = {
        BlockKind.CAPTION: '<span class="dz-label">Caption</span> ',
        BlockKind.NOTE: '<span class="dz-label">Note</span> ',
    }.get(kind, "")
    return f'<p class="{cls}">{label}{inner}</p>'


def _cell(
    lang: str,
    paragraphs: tuple[Paragraph, ...],
    groups: list[int],
    top: int = 1,
    terms: TermMarks | None = None,
    zh_tag: str = LANG_TAGS["zh"],
) -> str:
    tag = zh_tag if lang == "zh" else LANG_TAGS[lang]
    if not paragraphs:
        # Say that the gap is real (the other side has no counterpart here), in the interface's
        # language, so nobody reads a shifted pairing into it.
        missing = "No Chinese counterpart" if lang == "zh" else "No English counterpart"
        return (
            f'<div class="dz-cell dz-{lang} dz-empty" lang="{tag}">'
            f'<p class="dz-missing" lang="en">{missing}</p></div>'
        )
    parts, first = [], 0
    for p in paragraphs:
        parts.append(_paragraph_html(p, groups, first, top, terms))
        first += len(p.sentences)
    return f'<div class="dz-cell dz-{lang}" lang="{tag}">{"".join(parts)}</div>'


def _pair_html(
    bead: Bead,
    number: int,
    languages: tuple[str, ...],
    top: int = 1,
    terms: TermMarks | None = None,
    zh_tag: str = LANG_TAGS["zh"],
) -> str:
    zh_groups, en_groups = link_groups(bead)
    if len(languages) == 1:
        # One column holds every paragraph of the bead, whichever side the aligner gave it (a
        # mixed-language paragraph in a one-language text): no text is ever left off the page.
        cells = _cell(languages[0], bead.zh + bead.en, zh_groups + en_groups, top, terms, zh_tag)
    else:
        cells = "".join(
            _cell(lang, bead.zh, zh_groups, top, terms, zh_tag)
            if lang == "zh"
            else _cell(lang, bead.en, en_groups, top, terms)
            for lang in languages
        )
    link = (
        f'<a class="dz-permalink" href="#{bead.anchor}" '
        f'aria-label="Paragraph {number}: permalink" title="Permalink to paragraph {number}">¶{number}</a>'
    )
    flag = ""
    if len(languages) == 2 and bead.zh and bead.en and bead.confidence < LOW_CONFIDENCE:
        flag = (
            f'<span class="dz-flag" title="Paired automatically with low confidence '
            f'({bead.confidence:.2f}): check that these paragraphs translate each other">'
            '<span class="dz-sr">uncertain pairing</span></span>'
        )
    return (
        f'<div class="dz-pair" id="{bead.anchor}" data-n="{number}" data-confidence="{bead.confidence:.2f}" '
        f'data-method="{esc(bead.method)}">{link}{flag}{cells}</div>'
    )


def _lang_attr(text: str) -> str:
    """A lang attribute for a metadata value written in Chinese (the page itself is in English)."""
    return f' lang="{hanzi.variant(text)}"' if _lang_of(text) == "zh" else ""


def _value(f: Field) -> str:
    """A metadata value; values an editor gave or a fallback derived say so, with their evidence."""
    origin = ""
    if f.origin in ORIGIN_NOTES:
        mark, note = ORIGIN_NOTES[f.origin]
        why = f"{note} ({f.evidence})" if f.evidence else note
        origin = f'<span class="dz-origin" title="{esc(why)}" aria-hidden="true">{mark}</span><span class="dz-sr"> ({note})</span>'
    return f"<span{_lang_attr(f.value)}>{esc(f.value)}</span>{origin}"


def _meta_rows(doc: Document) -> list[tuple[str, str]]:
    m = doc.metadata
    rows: list[tuple[str, str]] = []
    if m.author:
        who = _value(m.author) + (f", {_value(m.role)}" if m.role else "")
        rows.append(("Speaker or author", who))
    elif m.role:
        rows.append(("Role", _value(m.role)))
    if m.date:
        rows.append(("Date", f'<time datetime="{esc(m.date.value)}">{_value(m.date)}</time>'))
    if m.venue:
        rows.append(("Venue", _value(m.venue)))
    publisher = _value(m.publisher) if m.publisher else ""
    if m.source_url:
        url = m.source_url.value.strip()
        # Only web addresses become links; anything else stays a plain citation.
        if re.match(r"^https?://", url.lower()):
            link = f'<a class="dz-source-link" href="{esc(url)}" rel="nofollow noopener noreferrer">{esc(url)}</a>'
        else:
            link = f"<span>{esc(url)}</span>"
        publisher = f"{publisher}<br>{link}" if publisher else link
    if publisher:
        rows.append(("Publisher" if m.publisher else "Source", publisher))
    langs = " · ".join(f'<span lang="{LANG_TAGS[lang]}">{LANG_NAMES[lang]}</span>' for lang in doc.languages)
    rows.append(("Languages", langs or "—"))
    if m.translation:
        value = m.translation.value
        label = TRANSLATION_LABELS.get(value, value)
        badge = f'<span class="dz-badge dz-badge-{esc(value)}">{esc(label)}</span>'
        if m.translation.evidence:
            badge += (
                f'<details class="dz-why"><summary>why</summary>'
                f"<span{_lang_attr(m.translation.evidence)}>{esc(m.translation.evidence)}</span></details>"
            )
        rows.append(("Translation", badge))
    return rows


def _audit_rows(removals: tuple[Removal, ...] | list[Removal]) -> str:
    rows = "".join(
        f"<tr><td>{r.line}</td><td>{esc(r.action)}</td><td><code>{esc(r.rule)}</code></td>"
        f'<td lang="{LANG_TAGS.get(_lang_of(r.text), "en")}">{esc(r.text) if r.text else "—"}</td><td>{esc(r.reason)}</td></tr>'
        for r in removals
    )
    return (
        '<table class="dz-audit-table"><thead><tr><th scope="col">Line</th><th scope="col">Action</th>'
        '<th scope="col">Rule</th><th scope="col">Text</th><th scope="col">Why</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _audit_summary(doc: Document, here: str, settings: Settings, pages: list[tuple[int, int]]) -> str:
    """A long audit on the document page: how many lines each rule took, and its pages."""
    counts: dict[tuple[str, str], int] = {}
    for r in doc.removals:
        counts[(r.rule, r.action)] = counts.get((r.rule, r.action), 0) + 1
    reasons = {r.rule: r.reason for r in doc.removals}
    rows = "".join(
        f"<tr><td><code>{esc(rule)}</code></td><td>{esc(action)}</td><td>{n:,}</td><td>{esc(reasons[rule])}</td></tr>"
        for (rule, action), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    links = " · ".join(
        f'<a href="{esc(relative(here, paging.audit_path(doc_path(doc, settings), k), settings.use_directory_urls))}">'
        f"lines {doc.removals[start].line:,}–{doc.removals[end - 1].line:,}</a>"
        for k, (start, end) in enumerate(pages, start=1)
    )
    return (
        f"<p>The audit lists {len(doc.removals):,} lines, too many for this page: by rule here, "
        f"line by line on {len(pages)} audit page{'s' if len(pages) != 1 else ''}: {links}.</p>"
        '<table class="dz-audit-rules"><thead><tr><th scope="col">Rule</th><th scope="col">Action</th>'
        '<th scope="col">Lines</th><th scope="col">Why</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _audit_html(doc: Document, settings: Settings | None = None) -> str:
    src = doc.source
    enc = doc.decoded.encoding if doc.decoded else "—"
    settings = settings or Settings()
    pages = paging.audit_pages(doc.removals)
    if not doc.removals:
        table = "<p>The cleaner removed nothing.</p>"
    elif pages:
        table = _audit_summary(doc, doc_path(doc, settings), settings, pages)
    else:
        table = _audit_rows(doc.removals)
    notes = "".join(
        f'<li class="dz-audit-note">{esc(d.level.value)}: {esc(d.message)}</li>' for d in doc.diagnostics
    )
    notes = f'<ul class="dz-audit-notes">{notes}</ul>' if notes else ""
    return (
        '<details class="dz-audit"><summary>Source and cleaning</summary>'
        f"<p>Source file <code>{esc(src.name)}</code>, {len(src.data):,} bytes, encoding {esc(enc)}.<br>"
        f'SHA-256 <code class="dz-sha">{src.sha256}</code></p>'
        f"<p>{sum(1 for r in doc.removals if r.action == 'removed')} lines removed, "
        f"{sum(1 for r in doc.removals if r.action == 'metadata')} moved to the header, "
        f"{sum(1 for r in doc.removals if r.action == 'altered')} altered.</p>"
        f"{notes}{table}</details>"
    )


def _lang_of(text: str) -> str:
    from ..script import language

    lang = language(text)
    return lang if lang in LANG_TAGS else "en"


def _citation_data(doc: Document, settings: Settings, part: int = 1) -> str:
    """What the reader's "copy citation" and "report a problem" actions need, as data attributes
    (escaped like all source text); the script reads them instead of scraping the page."""
    m = doc.metadata
    values = {
        "title-zh": cited(m.title_zh),
        "title-en": cited(m.title_en),
        "author": cited(m.author),
        "role": cited(m.role),
        "date": cited(m.date),
        "publisher": cited(m.publisher),
        "venue": cited(m.venue),
        "source": f"{settings.sources_dir}/{doc.source.name}",
        "url": page_address(doc, settings, part),
        "report": f"{settings.repo_url}/issues/new" if settings.repo_url else "",
        # The citation dialog (static/duizhao.js): the original's address (a web address only;
        # none given, the citation says "source URL unknown"), the text's provenance, and the
        # other source a cross-file pair's column comes from.
        "source-url": _cited_url(m.source_url),
        "translation": m.translation.value if m.translation else "",
        "counterpart": (doc.counterpart.title or doc.counterpart.name) if doc.counterpart else "",
        "counterpart-lang": doc.counterpart.lang if doc.counterpart else "",
    }
    return "".join(f' data-{k}="{esc(v)}"' for k, v in values.items() if v)


def _cited_url(f: Field | None) -> str:
    """A source URL a citation may give: stated (not derived) and a web address."""
    url = cited(f).strip()
    return url if re.match(r"^https?://", url.lower()) else ""


def page_address(doc: Document, settings: Settings, part: int = 1) -> str:
    """The public URL of the document's page (or of its part `part`) when the site's address is
    known, else its site-relative path."""
    path = page_url(paging.part_path(doc_path(doc, settings), part), settings.use_directory_urls)
    return f"{settings.site_url.rstrip('/')}/{path}" if settings.site_url else path


def report_url(doc: Document, settings: Settings, anchor: str = "", number: int = 0) -> str:
    """A new-issue link on the project's repository, prefilled with the page (and paragraph)."""
    where = page_address(doc, settings) + (f"#{anchor}" if anchor else "")
    title = f"Problem in {display_title(doc)}" + (f", paragraph {number}" if number else "")
    body = (
        f"Page: {where}\nSource file: {settings.sources_dir}/{doc.source.name}\n\n"
        "What is wrong (cleaning, pairing, metadata, translation)?\n\n"
    )
    return f"{settings.repo_url}/issues/new?" + urllib.parse.urlencode({"title": title, "body": body})


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


def _notice_html(languages: tuple[str, ...]) -> str:
    if len(languages) != 1:
        return ""
    only, missing = ("Chinese", "an English") if languages[0] == "zh" else ("English", "a Chinese")
    return (
        f'<p class="dz-notice" role="note">No translation is available yet: this document is '
        f"in {only} only; {missing} version has not been found or made, so it is shown in one column.</p>"
    )


def _term_marks(links: DocLinks | None, here: str, settings: Settings) -> TermMarks | None:
    if links is None or not links.hits:
        return None
    tags: dict[int, tuple[str, str]] = {}

    def marks(text: str) -> list[Mark]:
        # The first occurrence of each entry in a paragraph is a link; repeats are not (a dense
        # glossary would otherwise underline every other word, and weigh on the page).
        out, seen = [], set()
        for h in links.hits.get(text, ()):
            if h.entry in seen:
                continue
            seen.add(h.entry)
            if h.entry not in tags:
                tags[h.entry] = connections.term_link(
                    links.entries[h.entry], here, settings.use_directory_urls
                )
            out.append(Mark(h.start, h.end, *tags[h.entry]))
        return out

    return marks


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
    out += _audit_pages(doc, settings)
    return out + _parts_map(doc, links, settings)


def _document_front(doc: Document, settings: Settings, links: DocLinks | None, part: int) -> dict:
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


def _audit_pages(doc: Document, settings: Settings) -> list[Page]:
    """The audit of a long scrape line by line, on pages of at most paging.AUDIT_PAGE_BYTES."""
    ranges = paging.audit_pages(doc.removals)
    first = doc_path(doc, settings)
    out = []
    for k, (start, end) in enumerate(ranges, start=1):
        here = paging.audit_path(first, k)
        back = relative(here, first, settings.use_directory_urls, SOURCE_PANEL_ID)
        nav = _page_links(
            "Audit pages",
            "Audit page",
            k,
            len(ranges),
            lambda n, here=here: relative(here, paging.audit_path(first, n), settings.use_directory_urls),
        )
        title = f"Cleaning audit of {display_title(doc)}" + (f", page {k}" if len(ranges) > 1 else "")
        body = sanitize.clean(
            f'<div class="dz-doc dz-audit-page" data-slug="{esc(doc.slug)}" data-source="{esc(settings.sources_dir)}/{esc(doc.source.name)}">'
            f'<header class="dz-header"><p class="dz-crumbs"><a href="{esc(back)}">Back to the document</a></p>'
            f'<h1 class="dz-title"><span>{esc(title)}</span></h1>{nav}</header>'
            f'<section class="dz-source" aria-label="Source and cleaning">'
            f"<p>Lines {doc.removals[start].line:,}–{doc.removals[end - 1].line:,} of <code>{esc(doc.source.name)}</code>: "
            f"{end - start:,} of the {len(doc.removals):,} audited lines.</p>"
            f"{_audit_rows(doc.removals[start:end])}{nav}</section></div>"
        )
        front = {"title": title, "hide": ["navigation", "toc"]}
        out.append(Page(here, front_matter(front) + body + "\n"))
    return out


def _page_links(label: str, noun: str, number: int, count: int, href: Callable[[int], str]) -> str:
    """Links between the pages of one document (its parts, its audit): every page up to 12, else
    the first, the last and those near this one."""
    if count < 2:
        return ""
    shown = (
        range(1, count + 1)
        if count <= 12
        else sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    )
    items, prev = [], 0
    for n in shown:
        if n - prev > 1:
            items.append("<span>…</span>")
        if n == number:
            items.append(f'<strong aria-current="page">{n}</strong>')
        else:
            items.append(f'<a href="{esc(href(n))}">{n}</a>')
        prev = n
    step = []
    if number > 1:
        step.append(f'<a href="{esc(href(number - 1))}" rel="prev">← Previous</a>')
    if number < count:
        step.append(f'<a href="{esc(href(number + 1))}" rel="next">Next →</a>')
    return (
        f'<nav class="dz-parts" aria-label="{esc(label)}"><span>{noun} {number} of {count}:</span> '
        f"{' '.join(items)}{' · ' if step else ''}{' · '.join(step)}</nav>"
    )


def document_html(doc: Document, settings: Settings, links: DocLinks | None = None, part: int = 1) -> str:
    """The HTML of a document's page (of its part `part`) as this module writes it, before the
    sanitiser. Later parts repeat the title and the reader's controls, not the header's details."""
    links_data = links  # (`links` below is the header's list of links)
    languages = doc.languages or (_main_script(doc),)
    first = doc_path(doc, settings)
    path = paging.part_path(first, part)
    ranges = paging.parts(doc, links_data.hits if links_data is not None else None)
    start, end = ranges[part - 1]
    title_html = (
        "".join(
            (
                f'<span class="dz-untitled" title="{esc(UNTITLED_NOTE)}">{UNTITLED}</span> '
                if f.origin == "derived"
                else ""
            )
            + f'<span class="dz-title-{lang}" lang="{hanzi.variant(f.value) if lang == "zh" else "en"}">{esc(f.value)}</span>'
            for lang, f in titles(doc)
        )
        or f"<span>{esc(doc.source.name)}</span>"
    )
    index = relative(path, f"{settings.texts_dir}/index.md", settings.use_directory_urls)
    mode = "dz-bilingual" if len(languages) == 2 else "dz-monolingual"
    top = min((p.block.level for p in doc.paragraphs if p.kind is BlockKind.HEADING), default=1)
    terms = _term_marks(links_data, path, settings)
    zh_tag = hanzi.doc_tag(doc.beads)  # zh-Hant for a text in Traditional characters
    pairs = "".join(
        _pair_html(b, i, languages, top, terms, zh_tag)
        for i, b in enumerate(doc.beads[start:end], start=start + 1)
    )
    nav = _page_links(
        "Parts of this document",
        "Part",
        part,
        len(ranges),
        lambda n: relative(path, paging.part_path(first, n), settings.use_directory_urls),
    )
    if part == 1:
        header = _header_html(doc, settings, links_data, languages)
        tail = (
            f"{_alignment_html(doc, settings)}"
            + (
                connections.section_html(
                    doc, links_data, path, settings.texts_dir, settings.use_directory_urls
                )
                if links_data is not None
                else ""
            )
            + f'<section class="dz-source" id="{SOURCE_PANEL_ID}" aria-label="Source and cleaning">'
            f"{_audit_html(doc, settings)}</section>"
        )
    else:
        back = relative(path, first, settings.use_directory_urls, SOURCE_PANEL_ID)
        header = ""
        tail = f'<p class="dz-links"><a href="{esc(back)}">Source and cleaning</a> (on the first part)</p>'
    return (
        f'<div class="dz-doc {mode}" data-slug="{esc(doc.slug)}"{_citation_data(doc, settings, part)}'
        f"{_parts_data(doc, path, first, settings, ranges)}>"
        f'<header class="dz-header"><p class="dz-crumbs"><a href="{esc(index)}">All documents</a></p>'
        f'<h1 class="dz-title">{title_html}</h1>{header}{nav}</header>'
        f"{_toolbar_html(languages)}"
        f'<div class="dz-text" id="dz-text" data-languages="{" ".join(languages)}">{pairs}</div>'
        f"{nav}{tail}</div>"
    )


def _header_html(
    doc: Document, settings: Settings, links_data: DocLinks | None, languages: tuple[str, ...]
) -> str:
    """The first page's header below the title: metadata, links, notices."""
    # The translation field stays in view when a phone folds the header (static/duizhao.js).
    meta = "".join(
        f'<div class="dz-field{" dz-field-key" if k == "Translation" else ""}"><dt>{k}</dt><dd>{v}</dd></div>'
        for k, v in _meta_rows(doc)
    )
    links = [f'<a href="#{SOURCE_PANEL_ID}">Source and cleaning</a>']
    if links_data is not None:
        links.append(f'<a href="#{connections.SECTION_ID}">Connections</a>')
    if settings.repo_url:
        links.append(f'<a href="{esc(report_url(doc, settings))}" rel="noopener">Report a problem</a>')
    return (
        f'<dl class="dz-meta">{meta}</dl>'
        f'<p class="dz-links">{" · ".join(links)}</p>{_notice_html(languages)}'
        f"{_counterpart_html(doc, settings)}"
        + (versions_note.note_html(links_data.versions, doc_path(doc, settings), settings) if links_data else "")
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
    from .. import script

    text = "".join(p.text for p in doc.paragraphs)
    return "zh" if script.han_count(text) * script.LETTERS_PER_HAN > script.latin_letters(text) else "en"


# ---- Alignment: the counterpart note and the downloads (kept apart from the page layout) ----


def _counterpart_html(doc: Document, settings: Settings) -> str:
    """A note naming the other source when one column comes from another file."""
    cp = doc.counterpart
    if cp is None:
        return ""
    href = relative(
        doc_path(doc, settings), f"{settings.texts_dir}/{cp.slug}.md", settings.use_directory_urls
    )
    column = LANG_NAMES[cp.lang]
    how = "declared by an editor" if cp.how == "declared" else "found automatically"
    why = "; ".join(cp.evidence)
    # The pair's real quality, whoever made it: a declared pair the texts do not bear out says so.
    weak = cp.score < WEAK_PAIR
    verdict = (
        f'; <strong class="dz-weak">the two texts match weakly (score {cp.score:.2f}): check that they translate each other</strong>'
        if weak
        else f" (match score {cp.score:.2f})"
    )
    return (
        f'<p class="dz-notice dz-counterpart{" dz-counterpart-weak" if weak else ""}" role="note" data-how="{esc(cp.how)}" '
        f'data-score="{cp.score:.2f}">The {column} column comes from another source, '
        f'<a href="{esc(href)}">{esc(cp.title or cp.name)}</a> (<code>{esc(cp.name)}</code>), '
        f'{how}{verdict}<span class="dz-evidence" title="{esc(why)}">: {esc(why)}</span>.</p>'
    )


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
    first = next((p.text for p in doc.paragraphs if p.kind is BlockKind.PARAGRAPH), "")
    return first[:160]


def document_table(
    docs: list[Document],
    from_path: str,
    settings: Settings,
    limit: int | None = None,
    others: dict[str, Document] | None = None,
) -> str:
    """A Markdown table of documents, newest first: title (linked), date, languages, version (the
    provenance mark); the first `limit` only when given. `docs` in any order; `others`: every
    document by slug, so a work in two sources marks both (provenance.marks)."""
    if not docs:
        return "_No documents yet: add scrapes to `sources/`._\n"
    return _table(sorted(docs, key=newest_first)[:limit], from_path, settings, others)


def _table(
    docs: list[Document], from_path: str, settings: Settings, others: dict[str, Document] | None = None
) -> str:
    lines = ["| Document | Date | Languages | Version |", "| --- | --- | --- | --- |"]
    for doc in docs:
        target = doc_path(doc, settings)
        rel = relative_md(from_path, target)
        date = doc.metadata.date.value if doc.metadata.date else "—"
        langs = " · ".join(LANG_NAMES[lang] for lang in doc.languages) or "—"
        version = provenance.marks(doc, others, markdown=True) or "—"
        lines.append(f"| [{md_text(work_title(doc))}]({rel}) | {date} | {langs} | {version} |")
    return "\n".join(lines) + "\n"


def relative_md(from_path: str, to_path: str) -> str:
    """A Markdown link target between two source paths (MkDocs resolves and validates it)."""
    import posixpath

    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def index_path(settings: Settings, number: int = 1) -> str:
    """Page `number` (from 1) of the documents index."""
    if number == 1:
        return f"{settings.texts_dir}/index.md"
    return f"{settings.texts_dir}/{INDEX_PAGES_DIR}/{number}.md"


def pager(
    number: int,
    count: int,
    path_of: Callable[[int], str],
    before: str = "← Newer",
    after: str = "Older →",
) -> str:
    """Links to the first, previous, nearby, next and last pages of a listing whose page n is at
    path_of(n) (Markdown links from page `number`, which MkDocs resolves and validates)."""
    here = path_of(number)

    def link(n: int, label: str = "") -> str:
        text = label or str(n)
        if n == number:
            return f"**{text}**"
        return f"[{text}]({relative_md(here, path_of(n))})"

    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    parts: list[str] = []
    if number > 1:
        parts.append(link(number - 1, before))
    for prev, n in zip([0, *shown], shown, strict=False):
        if n - prev > 1:
            parts.append("…")
        parts.append(link(n))
    if number < count:
        parts.append(link(number + 1, after))
    return f"Page {number} of {count}: " + " · ".join(parts) + "\n"


def chunks(items: list, size: int) -> list[list]:
    """`items` in pages of `size` (at least one page, maybe empty)."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def _pager(number: int, count: int, from_path: str, settings: Settings) -> str:
    """The documents index's pager (see pager)."""
    return pager(number, count, lambda n: index_path(settings, n))


def index_pages(
    docs: list[Document], settings: Settings, others: dict[str, Document] | None = None
) -> list[Page]:
    """The documents index, newest first, INDEX_PAGE_SIZE documents a page (so no page grows with
    the corpus); page 1 is texts/index.md, the others texts/page/N.md. `others`: see document_table."""
    ordered = sorted(docs, key=newest_first)
    count = max(1, -(-len(ordered) // INDEX_PAGE_SIZE))
    out = []
    for number in range(1, count + 1):
        path = index_path(settings, number)
        chunk = ordered[(number - 1) * INDEX_PAGE_SIZE : number * INDEX_PAGE_SIZE]
        if count == 1:
            intro = f"{len(docs)} documents, newest first.\n\n"
        else:
            first = (number - 1) * INDEX_PAGE_SIZE + 1
            intro = f"{len(docs)} documents, newest first: {first}–{first + len(chunk) - 1} here.\n\n"
        pager = "\n" + _pager(number, count, path, settings) if count > 1 else ""
        table = _table(chunk, path, settings, others) if chunk else document_table([], path, settings)
        title = "Documents" if number == 1 else f"Documents, page {number}"
        body = front_matter({"title": title}) + f"# {title}\n\n" + intro + table + pager
        out.append(Page(path=path, markdown=body))
    return out


def index_page(docs: list[Document], settings: Settings) -> Page:
    """The first page of the documents index (see index_pages)."""
    return index_pages(docs, settings)[0]


def fill_home(markdown: str, docs: list[Document], page_path: str, settings: Settings) -> str:
    """The document list on a hand-written page: the newest HOME_LIMIT, then a link to them all."""
    if HOME_MARKER not in markdown:
        return markdown
    return markdown.replace(HOME_MARKER, home_table(docs, page_path, settings))


def home_table(
    docs: list[Document], page_path: str, settings: Settings, others: dict[str, Document] | None = None
) -> str:
    """What HOME_MARKER stands for on the page at `page_path`."""
    table = document_table(docs, page_path, settings, HOME_LIMIT, others)
    if len(docs) > HOME_LIMIT:
        everything = relative_md(page_path, index_path(settings))
        table += f"\nThe {HOME_LIMIT} newest of {len(docs)}: [all documents]({everything}).\n"
    return table


def static_files() -> list[tuple[str, bytes]]:
    pkg = resources.files("duizhao.static")
    return [(f"{ASSET_DIR}/{name}", pkg.joinpath(name).read_bytes()) for name in STATIC_FILES]


__all__ = [
    "Settings",
    "document_page",
    "document_pages",
    "fill_home",
    "index_page",
    "index_pages",
    "md_text",
    "relative",
    "static_files",
]
