"""The timeline picture, drawn as inline SVG: the dated documents along an axis of years.

Up to DOTS_MAX documents, each is a dot at its date (month and day place it inside its year; dots
that would touch stack upwards), a link to the document named for screen readers, with its title
and date as a tooltip; filled dots are bilingual documents, hollow ones are in one language. Past
that, or when dates pile up higher than ROWS_MAX dots, each year is a bar as tall as its number of
documents, linked to the year's page: the picture's size then depends on the years, not on the
documents. So does a corpus whose dots would take more than DOTS_BYTES of markup (long titles).
It has a title and a description, and the page lists the same documents below it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..markup import esc

# Geometry in SVG units; the picture scales to the page's width (about 720 px of text).
WIDTH = 720
MARGIN_X = 30
TOP = 14
AXIS_ROOM = 34  # year labels under the axis
DOT_R = 6
DOT_STEP = 15  # vertical distance between stacked dots
LABEL_EVERY = 40  # least distance between two year labels
DOTS_MAX = 400
# The dots' markup may take this much of the page (UTF-8 bytes; a dot is ~200 bytes plus its title
# twice): past it, bars, so the timeline page stays within the 80 KB page budget.
DOTS_BYTES = 32_000
ROWS_MAX = 12
BAR_HEIGHT = 140


@dataclass(frozen=True)
class Point:
    date: str  # ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD
    title: str
    href: str
    bilingual: bool


def _year_fraction(date: str) -> float:
    """Where in its year a date falls (0..1); a bare year or month sits in the middle of it."""
    parts = [int(p) for p in date.split("-")[:3] if p.isdigit()]
    if len(parts) == 1:
        return 0.5
    month = parts[1]
    day = parts[2] if len(parts) > 2 else 15
    return min(0.999, max(0.0, ((month - 1) * 30.5 + day - 0.5) / 366))


def _stack(xs: list[float]) -> list[int] | None:
    """The row of each dot (0 at the axis): the lowest row where it touches no earlier dot; None
    when some dot would need more than ROWS_MAX rows."""
    rows: list[list[float]] = []
    out = []
    for x in xs:
        for r, taken in enumerate(rows):
            if all(abs(x - t) >= 2 * DOT_R + 1 for t in taken):
                taken.append(x)
                out.append(r)
                break
        else:
            if len(rows) >= ROWS_MAX:
                return None
            rows.append([x])
            out.append(len(rows) - 1)
    return out


def axis_y_of(rows: list[int] | None) -> int:
    """Where the axis is: under the highest stack of dots, or under the bars."""
    height_plot = (max(rows) + 1) * DOT_STEP + 6 if rows else BAR_HEIGHT
    return TOP + max(height_plot, 3 * DOT_STEP)


def svg(points: list[Point], year_hrefs: dict[str, str], ident: str = "dz-timeline") -> str:
    """The picture of `points` (hrefs already relative to the page); `year_hrefs` links each
    year's label (and bar) to the year's page."""
    dated = sorted((p for p in points if p.date[:4].isdigit()), key=lambda p: (p.date, p.title))
    if not dated:
        return ""
    first, last = int(dated[0].date[:4]), int(dated[-1].date[:4])
    years = list(range(first, last + 1))
    column = (WIDTH - 2 * MARGIN_X) / len(years)
    xs = [MARGIN_X + column * (int(p.date[:4]) - first + _year_fraction(p.date)) for p in dated]
    rows = _stack(xs) if len(dated) <= DOTS_MAX else None
    dots = _dots(dated, xs, rows) if rows else []
    if sum(len(d.encode()) for d in dots) > DOTS_BYTES:
        rows, dots = None, []
    axis_y = axis_y_of(rows)
    height = axis_y + AXIS_ROOM
    counts = {y: sum(1 for p in dated if int(p.date[:4]) == y) for y in years}
    how = (
        "one dot per document at its date, filled when it is in Chinese and English, hollow when in one language"
        if rows
        else "one bar per year, as tall as its number of documents"
    )
    parts = [
        f'<svg class="dz-timeline-svg" viewBox="0 0 {WIDTH} {height}" role="group" '
        f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">Timeline of the dated documents, {first}–{last}</title>',
        f'<desc id="{ident}-desc">{len(dated)} documents from {first} to {last}: {how}. '
        "The list below the picture and the year pages give the same documents.</desc>",
        f'<line class="dz-tl-axis" x1="{MARGIN_X}" y1="{axis_y}" x2="{WIDTH - MARGIN_X}" y2="{axis_y}"/>',
    ]
    parts += _year_marks(years, counts, year_hrefs, column, axis_y, rows)
    parts += dots
    parts.append("</svg>")
    return "".join(parts)


def _dots(dated: list[Point], xs: list[float], rows: list[int]) -> list[str]:
    """A dot per document, stacked in its row, each a link named for screen readers."""
    dots: list[str] = []
    base = axis_y_of(rows)
    for p, x, r in zip(dated, xs, rows, strict=True):
        cy = base - DOT_R - 3 - r * DOT_STEP
        kind = "dz-tl-bi" if p.bilingual else "dz-tl-mono"
        name = f"{p.date}: {p.title}"
        dots.append(
            f'<a href="{esc(p.href)}" aria-label="{esc(name)}"><circle class="dz-tl-dot {kind}" '
            f'cx="{x:.1f}" cy="{cy}" r="{DOT_R}"><title>{esc(name)}</title></circle></a>'
        )
    return dots


def _year_marks(
    years: list[int],
    counts: dict[int, int],
    year_hrefs: dict[str, str],
    column: float,
    axis_y: int,
    rows: list[int] | None,
) -> list[str]:
    """Each year's tick and label (a link to its page when it has documents) and, without dots,
    its bar (one link with the label); labels at least LABEL_EVERY apart."""
    height_plot = axis_y - TOP
    out: list[str] = []
    every = max(1, math.ceil(LABEL_EVERY / column))
    for k, year in enumerate(years):
        x0 = MARGIN_X + column * k
        out.append(f'<line class="dz-tl-tick" x1="{x0:.1f}" y1="{axis_y}" x2="{x0:.1f}" y2="{axis_y + 5}"/>')
        n = counts[year]
        cx = x0 + column / 2
        if n and str(year) in year_hrefs:
            name = f"{year}: {n} document{'s' if n != 1 else ''}"
            label = (
                f'<text class="dz-tl-year" x="{cx:.1f}" y="{axis_y + 20}" text-anchor="middle">{year}</text>'
            )
            if not rows:  # bars: the bar and its label are one link
                h = max(2.0, (height_plot - 4) * n / max(counts.values()))
                w = max(2.0, min(column * 0.7, 40))
                bar = f'<rect class="dz-tl-bar" x="{cx - w / 2:.1f}" y="{axis_y - h:.1f}" width="{w:.1f}" height="{h:.1f}"/>'
                label = bar + (label if k % every == 0 else "")
            out.append(f'<a href="{esc(year_hrefs[str(year)])}" aria-label="{esc(name)}">{label}</a>')
        elif k % every == 0:
            out.append(
                f'<text class="dz-tl-year dz-tl-empty" x="{cx:.1f}" y="{axis_y + 20}" text-anchor="middle">{year}</text>'
            )
    return out
