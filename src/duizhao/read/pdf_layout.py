"""PDF pages to lines (read_pdf's first part): characters grouped into lines by their position,
put in reading order (columns found by the gutters no line crosses); the line model and its roles."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

# Characters on one baseline: a character whose vertical middle lies outside the line's band
# (plus this share of its height) starts a new line; so does a jump back to the left, or a gap
# forward wider than this many times the character's height (a column gutter, a table cell).
BASELINE_SLACK = 0.3
GAP_SPLIT = 2.5
# Gutters: an empty vertical strip at least this wide (points) that no line crosses separates
# columns; a line wider than WIDE_SHARE of the text's width spans columns (a title, a rule).
MIN_GUTTER = 8.0
WIDE_SHARE = 0.6
MIN_COLUMN_LINES = 3

START, JOIN, UNHYPHEN, HEADING, NOTE = "start", "join", "unhyphen", "heading", "note"
HEADER, FOOTER, TOC, MARGIN = "pdf.header", "pdf.footer", "pdf.toc", "pdf.sideways"


@dataclass
class _Line:
    page: int
    x0: float
    x1: float
    top: float  # distances from the top of the page
    bottom: float
    height: float  # the median character height
    text: str
    page_height: float = 0.0
    right: float = 0.0  # the right edge of its column's text
    column: int = 0  # its column on the page (0: the first, or the only one)
    role: str = START
    count: int = 0  # furniture: on how many pages


def _group(chars: list[tuple[str, float, float, float, float] | None], page: int, height: float) -> list[_Line]:
    """Characters into lines by position: a new line where a character leaves the line's band."""
    out: list[_Line] = []
    text: list[str] = []
    box: list[float] = []  # x0, x1, top, bottom of the current line
    heights: list[float] = []
    last_right = 0.0

    def flush() -> None:
        body = "".join(text).strip()
        if body and box:
            out.append(
                _Line(page, box[0], box[1], box[2], box[3], statistics.median(heights), " ".join(body.split()), height)
            )
        text.clear()
        box.clear()
        heights.clear()

    for c in chars:
        if c is None:
            continue
        ch, left, right, top, bottom = c
        if ch == " ":
            if text:
                text.append(" ")
            continue
        h = max(bottom - top, 0.1)
        if box:
            middle = (top + bottom) / 2
            slack = BASELINE_SLACK * h
            off_line = middle < box[2] - slack or middle > box[3] + slack
            back = left < last_right - h
            gap = left - last_right > GAP_SPLIT * h
            if off_line or back or gap:
                flush()
        if not box:
            box[:] = [left, right, top, bottom]
        else:
            box[0], box[1] = min(box[0], left), max(box[1], right)
            box[2], box[3] = min(box[2], top), max(box[3], bottom)
        text.append(ch)
        heights.append(h)
        last_right = right
    flush()
    return out


def _order(lines: list[_Line]) -> list[_Line]:
    """Reading order: top to bottom, column by column where gutters split the page."""
    lines.sort(key=lambda x: (round(x.top), x.x0))
    _set_right(lines)
    if len(lines) < 2 * MIN_COLUMN_LINES:
        return lines
    left, right = min(x.x0 for x in lines), max(x.x1 for x in lines)
    wide = WIDE_SHARE * (right - left)
    narrow = [x for x in lines if x.x1 - x.x0 < wide]
    cuts = _gutters(narrow, left, right)
    if not cuts:
        return lines
    bounds = [left, *cuts, right]

    def column(x: _Line) -> int:
        middle = (x.x0 + x.x1) / 2
        return next(i for i in range(len(bounds) - 1) if middle <= bounds[i + 1])

    counts = [0] * (len(bounds) - 1)
    for x in narrow:
        counts[column(x)] += 1
    if min(counts) < MIN_COLUMN_LINES:
        return lines
    for i in range(len(counts)):
        _set_right([x for x in narrow if column(x) == i])
    for x in narrow:
        x.column = column(x)
    out: list[_Line] = []
    band: list[_Line] = []
    for x in lines:  # a line across the columns closes the band of columns above it
        if x.x1 - x.x0 >= wide or any(x.x0 < c < x.x1 for c in cuts):
            out += sorted(band, key=lambda y: (column(y), round(y.top), y.x0))
            out.append(x)
            band = []
        else:
            band.append(x)
    return out + sorted(band, key=lambda y: (column(y), round(y.top), y.x0))


def _set_right(lines: list[_Line]) -> None:
    """The right edge of these lines' text: where most full lines end (the 90th percentile)."""
    if not lines:
        return
    ends = sorted(x.x1 for x in lines)
    edge = ends[min(len(ends) - 1, int(0.9 * len(ends)))]
    for x in lines:
        x.right = edge


def _gutters(lines: list[_Line], left: float, right: float) -> list[float]:
    """The middles of the vertical strips (at least MIN_GUTTER wide) that no line crosses."""
    spans = sorted((x.x0, x.x1) for x in lines)
    cuts = []
    reach = spans[0][1] if spans else right
    for x0, x1 in spans[1:]:
        if x0 - reach >= MIN_GUTTER:
            cuts.append((reach + x0) / 2)
        reach = max(reach, x1)
    return [c for c in cuts if left < c < right]
