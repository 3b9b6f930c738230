"""The compare page of two versions of one work (link/versions.py: a text republished); the note on
each version's page that links to it is versions_note.py's.

A page per reference and other version, `compare/<reference>--<other>.md`: a summary (paragraphs
only in one version, paragraphs worded differently, the titles), then the two versions side by side
paragraph by paragraph (compare.py), words only in one marked <del>/<ins>, changed wording marked on
both sides. Source text is only ever escaped; the page passes sanitize.clean_page like every other.
A long comparison continues on numbered pages (`compare/<reference>--<other>/2.md`...), and a
paragraph too long for one is cut in its row, which says so: no compare page outgrows the page
budget, however long the texts.
"""

from __future__ import annotations

from .. import paging
from ..link.versions import Version, Work
from ..markup import esc
from ..model import Document, Page, display_title
from ..settings import Settings
from ..urls import relative
from ..vocab import hanzi
from . import compare
from .layout import front_matter, page_links
from .versions_note import page_path

# Rows' HTML on one compare page, as written. Why: with the theme's chrome (about 25 KB) and the
# summary, a page stays within the 80 KB page budget of every page but a document's.
PAGE_BYTES = 45_000
# One side of a row shows at most about this much HTML of its paragraph; the rest is cut and the row
# says so. Why: two such cells and the row's markup fit within PAGE_BYTES.
CELL_BYTES = 20_000
_TAGS = {"removed": "del", "added": "ins", "changed": "del"}
_CHANGED_RIGHT = "ins"
_LABELS = {
    "removed": "only in the reference",
    "added": "only in this version",
    "changed": "worded differently",
}


def _side(doc: Document, lang: str) -> list[str]:
    return [p.text for p in doc.paragraphs if p.lang == lang]


def _piece_html(p: compare.Piece, text: str, right: bool) -> str:
    if p.kind == "same":
        return esc(text)
    tag = _CHANGED_RIGHT if right and p.kind == "changed" else _TAGS[p.kind]
    cls = ' class="dz-changed"' if p.kind == "changed" else ""
    return f'<{tag}{cls} title="{_LABELS[p.kind]}">{esc(text)}</{tag}>'


def _pieces_html(pieces: tuple[compare.Piece, ...], right: bool, limit: int = CELL_BYTES) -> str:
    """The paragraph's pieces, marked, up to about `limit` bytes of HTML; past it, a note of how
    much is cut (the version's own page has it all)."""
    out, size, shown = [], 0, 0
    for p in pieces:
        html = _piece_html(p, p.text, right)
        room = limit - size
        if len(html.encode("utf-8")) > room:
            # (at most 4 bytes a character, 6 escaped: a prefix this long fits)
            cut = p.text[: max(0, room // 6)]
            out.append(_piece_html(p, cut, right) if cut else "")
            rest = sum(len(q.text) for q in pieces) - shown - len(cut)
            out.append(
                f'<span class="dz-compare-cut"> [… {rest:,} more characters of this paragraph, not shown '
                "here: the version's own page has it in full]</span>"
            )
            break
        out.append(html)
        size += len(html.encode("utf-8"))
        shown += len(p.text)
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


def page(work: Work, other: Version, docs: dict[str, Document], settings: Settings) -> list[Page]:
    """The compare pages of the work's reference and `other`: the first with the summary, then as
    many as the rows need."""
    ref = work.reference
    a, b = docs[ref.slug], docs[other.slug]
    first = page_path(ref.slug, other.slug)
    rows, summary = compare.compare(_side(a, work.lang), _side(b, work.lang), work.lang)
    names = (_label(ref, a), _label(other, b))
    lang = "en" if work.lang == "en" else hanzi.variant("".join(_side(a, "zh")))
    body = [
        f'<tr class="dz-compare-{"changed" if r.changed else "same"}">'
        f"{_cell(r.left, False, lang, 'Not in this version')}{_cell(r.right, True, lang, 'Not in this version')}</tr>"
        for r in rows
    ]
    ranges = paging.split([len(row.encode("utf-8")) for row in body], PAGE_BYTES)
    head = (
        f'<table class="dz-compare-table"><thead><tr><th scope="col">{esc(names[0])}</th>'
        f'<th scope="col">{esc(names[1])}</th></tr></thead><tbody>'
    )
    out = []
    for number, (start, end) in enumerate(ranges, 1):
        path = paging.numbered(first, number)
        nav = page_links(
            "Pages of this comparison",
            "Page",
            number,
            len(ranges),
            lambda n, here=path: relative(here, paging.numbered(first, n), settings.use_directory_urls),
        )
        intro = _intro_html(work, other, (a, b), names, summary, path, settings) if number == 1 else ""
        if number == 1 and len(ranges) > 1:
            intro += (
                f'<p class="dz-compare-paged">A long comparison: its {len(rows)} rows continue on '
                f"{len(ranges) - 1} more page{'s' * (len(ranges) > 2)} (links above and below the table).</p>"
            )
        html = (
            f'<div class="dz-compare"><h1>Two versions compared: {esc(display_title(a))}</h1>{intro}{nav}'
            f"{head}{''.join(body[start:end])}</tbody></table>{nav}</div>"
        )
        title = f"Compared: {display_title(a)}" + (f" (page {number})" if number > 1 else "")
        out.append(Page(path, front_matter({"title": title, "description": title}) + html + "\n"))
    return out


def _intro_html(
    work: Work,
    other: Version,
    docs: tuple[Document, Document],
    names: tuple[str, str],
    summary: compare.Summary,
    path: str,
    settings: Settings,
) -> str:
    """The first page's lines above the table: the two versions, the summary, the key."""
    a, b = docs
    links = [
        f'<a href="{esc(relative(path, f"{settings.texts_dir}/{d.slug}.md", settings.use_directory_urls))}">{esc(n)}</a>'
        for d, n in ((a, names[0]), (b, names[1]))
    ]
    return (
        f'<p class="dz-compare-versions">Reference: {links[0]} ({esc(work.why)}). '
        f"Compared with: {links[1]} (shingle overlap {other.similarity:.0%}).</p>"
        f"{_summary_html(summary, names, (display_title(a), display_title(b)))}"
        '<p class="dz-compare-key">Marked: <del>words only in the reference</del>, '
        "<ins>words only in the other version</ins>, "
        '<ins class="dz-changed">wording that differs</ins>.</p>'
    )


def pages(works: list[Work], docs: list[Document], settings: Settings) -> list[Page]:
    by_slug = {d.slug: d for d in docs}
    return [
        found
        for w in works
        for v in w.versions[1:]
        if w.reference.slug in by_slug and v.slug in by_slug
        for found in page(w, v, by_slug, settings)
    ]
