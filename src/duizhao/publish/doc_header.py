"""The head of a document's first page: the title in each language, the metadata fields with
where each came from, the links, the one-language notice and the note on a counterpart source."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..align.pairing import REPORT_SCORE as WEAK_PAIR
from ..markup import LANG_TAGS, esc
from ..model import UNTITLED, UNTITLED_NOTE, Document, Field, titles
from ..settings import Settings
from ..urls import relative
from ..vocab import hanzi
from . import connections, versions_note
from .citation import report_url
from .layout import LANG_NAMES, doc_path, lang_of
from .source_section import SOURCE_PANEL_ID

if TYPE_CHECKING:
    from ..link.link import DocLinks

# How a header value that was not read from the text says where it came from: a discreet mark,
# with the evidence on hover and the words for screen readers.
ORIGIN_NOTES = {
    "given": ("ed.", "supplied by an editor"),
    "derived": ("inferred", "inferred by a fallback rule"),
}
TRANSLATION_LABELS = {
    "original": "original text",
    "human": "human translation",
    "machine-suspected": "machine translation suspected, unreviewed",
    "official-bilingual": "official bilingual release",
    "unknown": "translation status unknown",
}


def title_html(doc: Document) -> str:
    """The page's <h1> content: each language's title (one a fallback derived marked untitled),
    or the source file's name when there is none."""
    return (
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


def _lang_attr(text: str) -> str:
    """A lang attribute for a metadata value written in Chinese (the page itself is in English)."""
    return f' lang="{hanzi.variant(text)}"' if lang_of(text) == "zh" else ""


def _value(f: Field) -> str:
    """A metadata value; values an editor gave or a fallback derived say so, with their evidence."""
    origin = ""
    if f.origin in ORIGIN_NOTES:
        mark, note = ORIGIN_NOTES[f.origin]
        why = f"{note} ({f.evidence})" if f.evidence else note
        origin = f'<span class="dz-origin" title="{esc(why)}" aria-hidden="true">{mark}</span><span class="dz-sr"> ({note})</span>'
    return f"<span{_lang_attr(f.value)}>{esc(f.value)}</span>{origin}"


def _meta_rows(doc: Document) -> list[tuple[str, str]]:
    """The header's fields as (label, HTML value), in reading order."""
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


def header_html(
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


def _notice_html(languages: tuple[str, ...]) -> str:
    """The notice on a text in one language only."""
    if len(languages) != 1:
        return ""
    only, missing = ("Chinese", "an English") if languages[0] == "zh" else ("English", "a Chinese")
    return (
        f'<p class="dz-notice" role="note">No translation is available yet: this document is '
        f"in {only} only; {missing} version has not been found or made, so it is shown in one column.</p>"
    )


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
