"""The timeline picture: dated documents as dots in one column per year, drawn as inline SVG.

Each dot is a link to its document (named for screen readers, with the title and date as a
tooltip); filled dots are bilingual documents, hollow ones are in one language. A year with more
documents than fit draws COLUMN_DOTS - 1 dots and a "+n" label, so the picture's size depends on
the number of years, not of documents. The picture has a title and a description, and the page
lists the same documents below it as text (browse.timeline_pages).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

# Geometry, in SVG units (the picture scales to the width of the page).
COLUMN = 56  # width of one year
DOT_R = 6
DOT_STEP = 16  # vertical distance between stacked dots
MARGIN_X = 28
TOP = 28  # room for the count above the tallest column
AXIS_ROOM = 34  # room for the year labels under the axis
COLUMN_DOTS = 16  # dots drawn in one year's column at most
MIN_ROWS = 3  # a short picture still has room for the legend-sized dots


@dataclass(frozen=True)
class Point:
    date: str  # ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD
    title: str
    href: str
    bilingual: bool


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def svg(points: list[Point], year_hrefs: dict[str, str], ident: str = "dz-timeline") -> str:
    """The picture of `points` (already relative hrefs); `year_hrefs` links each year's label."""
    dated = sorted((p for p in points if p.date[:4].isdigit()), key=lambda p: (p.date, p.title))
    if not dated:
        return ""
    first, last = int(dated[0].date[:4]), int(dated[-1].date[:4])
    years = list(range(first, last + 1))
    by_year: dict[int, list[Point]] = {y: [] for y in years}
    for p in dated:
        by_year[int(p.date[:4])].append(p)
    rows = max(MIN_ROWS, min(COLUMN_DOTS, max(len(v) for v in by_year.values())))
    width = 2 * MARGIN_X + COLUMN * len(years)
    axis_y = TOP + rows * DOT_STEP
    height = axis_y + AXIS_ROOM
    parts = [
        f'<svg class="dz-timeline-svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="group" aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">Timeline of the dated documents, {first}–{last}</title>',
        f'<desc id="{ident}-desc">{len(dated)} documents in {len(years)} years; one dot per document in '
        "its year's column, oldest at the bottom; filled dots are in Chinese and English, hollow dots "
        "in one language. The list below the picture gives the same documents.</desc>",
        f'<line class="dz-tl-axis" x1="{MARGIN_X}" y1="{axis_y}" x2="{width - MARGIN_X}" y2="{axis_y}"/>',
    ]
    for k, year in enumerate(years):
        docs = by_year[year]
        cx = MARGIN_X + COLUMN * k + COLUMN // 2
        parts.append(f'<line class="dz-tl-tick" x1="{cx}" y1="{axis_y}" x2="{cx}" y2="{axis_y + 5}"/>')
        label = f'<text class="dz-tl-year" x="{cx}" y="{axis_y + 20}" text-anchor="middle">{year}</text>'
        if docs and str(year) in year_hrefs:
            n = len(docs)
            name = f"{year}: {n} document{'s' if n != 1 else ''}"
            parts.append(f'<a href="{_esc(year_hrefs[str(year)])}" aria-label="{_esc(name)}">{label}</a>')
        else:  # a year without documents: a muted label, nothing to link
            parts.append(label.replace('class="dz-tl-year"', 'class="dz-tl-year dz-tl-empty"'))
        shown = docs if len(docs) <= rows else docs[: rows - 1]
        for i, p in enumerate(shown):
            cy = axis_y - DOT_STEP // 2 - 2 - i * DOT_STEP
            kind = "dz-tl-bi" if p.bilingual else "dz-tl-mono"
            name = f"{p.date}: {p.title}"
            parts.append(
                f'<a href="{_esc(p.href)}" aria-label="{_esc(name)}">'
                f'<circle class="dz-tl-dot {kind}" cx="{cx}" cy="{cy}" r="{DOT_R}"><title>{_esc(name)}</title></circle></a>'
            )
        if len(docs) > len(shown):
            cy = axis_y - DOT_STEP // 2 - 2 - len(shown) * DOT_STEP
            parts.append(
                f'<text class="dz-tl-more" x="{cx}" y="{cy + 4}" text-anchor="middle">+{len(docs) - len(shown)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
