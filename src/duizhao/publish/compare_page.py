"""The compare page of two versions of one work (link/versions.py: a text republished); the note on
each version's page that links to it is versions_note.py's.

A page per reference and other version, `compare/<reference>--<other>.md`: a summary (paragraphs
only in one version, paragraphs worded differently, the titles), then the two versions side by side
paragraph by paragraph (compare.py), words only in one marked <del>/<ins>, changed wording marked on
both sides. Source text is only ever escaped; the page passes sanitize.clean_page like every other.
"""

from __future__ import annotations

from ..link.versions import Version, Work
from ..markup import esc
from ..model import Document, Page, display_title
from ..settings import Settings
from ..urls import relative
from ..vocab import hanzi
from . import compare
from .layout import front_matter
from .versions_note import page_path

_TAGS = {"removed": "del", "added": "ins", "changed": "del"}
_CHANGED_RIGHT = "ins"
_LABELS = {
    "removed": "only in the reference",
    "added": "only in this version",
    "changed": "worded differently",
}


def _side(doc: Document, lang: str) -> list[str]:
    return [p.text for p in doc.paragraphs if p.lang == lang]


def _pieces_html(pieces: tuple[compare.Piece, ...], right: bool) -> str:
    out = []
    for p in pieces:
        if p.kind == "same":
            out.append(esc(p.text))
            continue
        tag = _CHANGED_RIGHT if right and p.kind == "changed" else _TAGS[p.kind]
        cls = ' class="dz-changed"' if p.kind == "changed" else ""
        out.append(f'<{tag}{cls} title="{_LABELS[p.kind]}">{esc(p.text)}</{tag}>')
    return "".join(out)


def _label(v: Version, doc: Document) -> str:
    who = v.publisher or doc.source.name
    return f"{who}, {v.date}" if v.date else f"{who} (undated)"


def _cell(pieces: tuple[compare.Piece, ...], right: bool, lang: str, absent: str) -> str:
    if not pieces:
        return f'<td class="dz-compare-absent">{absent}</td>'
    return f'<td lang="{lang}">{_pieces_html(pieces, right)}</td>'


def _summary_html(summary: compare.Summary, names: tuple[str, str], titles: tuple[str, str]) -> str:
    a, b = (esc(n) for n in names)
    items = [
        f"{summary.only_a} paragraph{'s' * (summary.only_a != 1)} only in {a}",
        f"{summary.only_b} paragraph{'s' * (summary.only_b != 1)} only in {b}",
        f"{summary.changed} paragraph{'s' * (summary.changed != 1)} worded differently",
        f"{summary.same} paragraph{'s' * (summary.same != 1)} the same",
    ]
    if titles[0] == titles[1]:
        items.append("the same title")
    else:
        items.append(f"titles differ: “{esc(titles[0])}” ({a}), “{esc(titles[1])}” ({b})")
    return '<ul class="dz-compare-summary">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def page(work: Work, other: Version, docs: dict[str, Document], settings: Settings) -> Page:
    """The compare page of the work's reference and `other`."""
    ref = work.reference
    a, b = docs[ref.slug], docs[other.slug]
    path = page_path(ref.slug, other.slug)
    rows, summary = compare.compare(_side(a, work.lang), _side(b, work.lang), work.lang)
    names = (_label(ref, a), _label(other, b))
    lang = "en" if work.lang == "en" else hanzi.variant("".join(_side(a, "zh")))
    body = "".join(
        f'<tr class="dz-compare-{"changed" if r.changed else "same"}">'
        f"{_cell(r.left, False, lang, 'Not in this version')}{_cell(r.right, True, lang, 'Not in this version')}</tr>"
        for r in rows
    )
    links = [
        f'<a href="{esc(relative(path, f"{settings.texts_dir}/{d.slug}.md", settings.use_directory_urls))}">{esc(n)}</a>'
        for d, n in ((a, names[0]), (b, names[1]))
    ]
    html = (
        f'<div class="dz-compare"><h1>Two versions compared: {esc(display_title(a))}</h1>'
        f'<p class="dz-compare-versions">Reference: {links[0]} ({esc(work.why)}). '
        f"Compared with: {links[1]} (shingle overlap {other.similarity:.0%}).</p>"
        f"{_summary_html(summary, names, (display_title(a), display_title(b)))}"
        '<p class="dz-compare-key">Marked: <del>words only in the reference</del>, '
        "<ins>words only in the other version</ins>, "
        '<ins class="dz-changed">wording that differs</ins>.</p>'
        f'<table class="dz-compare-table"><thead><tr><th scope="col">{esc(names[0])}</th>'
        f'<th scope="col">{esc(names[1])}</th></tr></thead><tbody>{body}</tbody></table></div>'
    )
    title = f"Compared: {display_title(a)}"
    return Page(path, front_matter({"title": title, "description": title}) + html + "\n")


def pages(works: list[Work], docs: list[Document], settings: Settings) -> list[Page]:
    by_slug = {d.slug: d for d in docs}
    return [
        page(w, v, by_slug, settings)
        for w in works
        for v in w.versions[1:]
        if w.reference.slug in by_slug and v.slug in by_slug
    ]
