"""PDF sources (text PDFs) to the cleaner's lines, with the page of every line for the audit.

Reading, with pypdfium2 (PDFium; Apache-2.0/BSD), in two steps:
1. `read` (at decoding): the text layer's characters grouped into lines by their position
   (PDFium's own line breaks merge lines of different heights), put in reading order (columns
   found by the gutters no line crosses), and each line given a role: it starts a paragraph,
   continues one (a break made by the layout), or is page furniture (a running header or footer,
   a page number: the same words, digits aside, at the same edge of many pages), a table of
   contents entry, a footnote. The decoded text is every line as the PDF has it, so nothing is
   lost: what the roles remove or alter is audited.
2. `pdf_lines` (at cleaning): lines of one paragraph joined (Chinese without a space, English
   with one, a hyphen the layout added undone), furniture and contents audited with their page.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass

from ..model import BlockKind, Decoded, Removal, Signal
from .lines import Facts, Line

# Why 2,000 pages: the longest policy texts (a year's gazette, a law code) run to a few hundred
# pages; a longer file is a scanned archive or a dump, and would hold one build for minutes.
MAX_PAGES = 2000
# A page's running header or footer is a line in the top or bottom band of the page (this share
# of its height) that is set apart from the text by a gap (FURNITURE_GAP times the usual gap
# between the lines of a paragraph) and recurs, digits aside, on at least FURNITURE_PAGES pages
# and this share of all pages (odd and even pages often alternate two headers: 30%, not 50%).
EDGE_BAND = 0.15
FURNITURE_GAP = 1.5
FURNITURE_SHARE = 0.3
FURNITURE_PAGES = 2
# A character turned more than this (radians) from the horizontal is set sideways.
SIDEWAYS = 0.2
# A text layer this short over all pages (content characters) is no text: a scan, or images.
MIN_TEXT_CHARS = 20
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
# A paragraph ends where the next line's first word would have fitted on the line before (the
# layout broke it on purpose), where the next line is indented by more than INDENT times its
# character height, where the gap above the next line exceeds PARAGRAPH_GAP times the usual gap,
# or where the character height changes by more than HEIGHT_CHANGE (a heading).
INDENT = 0.8
PARAGRAPH_GAP = 1.6
HEIGHT_CHANGE = 0.15
# A heading: a line (or two) at least this much taller than the body text.
HEADING_HEIGHT = 1.2
# A footnote: a line at the foot of a page, below the body, at most this share of the body
# text's height.
NOTE_HEIGHT = 0.85
# A table of contents entry: a title, a leader of dots (or spaces) and a page number.
TOC_ENTRY = re.compile(r"\S.*?(?:[.\u2026\u00b7·•_]\s*){4,}\s*\d{1,4}\s*$")
DIGITS = re.compile(r"\d+")
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
WORD = re.compile(r"\S+")
DASHES = "-\u2010\u2011\u2013"

START, JOIN, UNHYPHEN, HEADING, NOTE = "start", "join", "unhyphen", "heading", "note"
HEADER, FOOTER, TOC, MARGIN = "pdf.header", "pdf.footer", "pdf.toc", "pdf.sideways"
REASONS = {
    MARGIN: "text set sideways in the margin (print codes, a vertical running title), not body text",
    HEADER: "running header (the same line at the top of {n} of {pages} pages)",
    FOOTER: "running footer or page number (the same line, digits aside, at the foot of {n} of {pages} pages)",
    TOC: "a table of contents entry (the text's headings with page numbers), not body text",
}


class Unreadable(Exception):
    """A PDF that cannot become text; the message says why (the caller names the file)."""


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


@dataclass(frozen=True)
class PdfText:
    text: str  # every line, in reading order
    pages: tuple[int, ...]  # the page of each line
    roles: tuple[str, ...]  # the role of each line (see the module doc)
    notes: tuple[str, ...]  # what the reader wants said (pages without text...)


def read(data: bytes) -> PdfText:
    """The text layer of a PDF, in lines with their pages and roles; Unreadable when there is none."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium.raw.FPDF_ERR_PASSWORD:
            raise Unreadable("the PDF is encrypted (it needs a password to open); save an unprotected copy") from None
        if code == pdfium.raw.FPDF_ERR_SECURITY:
            raise Unreadable("the PDF uses a security handler PDFium cannot open") from None
        raise Unreadable(f"not a readable PDF (damaged, or not a PDF at all: {exc})") from None
    try:
        if len(doc) > MAX_PAGES:
            raise Unreadable(f"the PDF has {len(doc):,} pages, over the {MAX_PAGES:,}-page limit for a source")
        pages = [_page_lines(doc, i) for i in range(len(doc))]
    finally:
        doc.close()
    chars = sum(len(x.text.replace(" ", "")) for p in pages for x in p)
    if chars < MIN_TEXT_CHARS:
        raise Unreadable(
            f"the PDF has no text layer ({len(pages)} page(s), {chars} character(s) of text): a scan? "
            "duizhao reads text PDFs only (no OCR); give it the text (a .txt or .html) instead"
        )
    notes = []
    empty = [i + 1 for i, p in enumerate(pages) if not p]
    if empty:
        shown = ", ".join(map(str, empty[:8])) + (f" and {len(empty) - 8} more" if len(empty) > 8 else "")
        notes.append(f"page(s) {shown} of {len(pages)} have no text layer (scanned or images?): nothing read from them")
    lines = [x for p in pages for x in p]
    _furniture(lines, len(pages))
    _paragraphs(lines)
    return PdfText(
        text="\n".join(x.text for x in lines),
        pages=tuple(x.page for x in lines),
        roles=tuple(x.role for x in lines),
        notes=tuple(notes),
    )


def _page_lines(doc, index: int) -> list[_Line]:
    """One page's lines, in reading order."""
    import pypdfium2.raw as raw

    page = doc[index]
    try:
        height = page.get_height()
        tp = page.get_textpage()
        chars: list[tuple[str, float, float, float, float] | None] = []
        sideways: list[str] = []
        margin: list[str] = []
        for i in range(tp.count_chars()):
            ch = chr(raw.FPDFText_GetUnicode(tp, i) or 0x20)
            if ch in "\r\n\x00" or (0xD800 <= ord(ch) <= 0xDFFF):
                chars.append(None)
                continue
            if ch.isspace() or raw.FPDFText_IsGenerated(tp, i) == 1:
                chars.append((" ", 0, 0, 0, 0))
                continue
            left, bottom, right, top = tp.get_charbox(i, loose=True)
            if abs(raw.FPDFText_GetCharAngle(tp, i)) > SIDEWAYS:
                sideways.append(ch)  # (text set sideways: a margin note, read apart)
                chars.append(None)
                continue
            if sideways:
                margin.append("".join(sideways))
                sideways.clear()
            chars.append((ch, left, right, height - top, height - bottom))
        if sideways:
            margin.append("".join(sideways))
        tp.close()
    finally:
        page.close()
    lines = _order(_group(chars, index + 1, height))
    # Text set sideways (a margin's print codes, a vertical running title): read, never body.
    return lines + [
        _Line(index + 1, 0, 0, height, height, 0, " ".join(t.split()), height, role=MARGIN)
        for t in margin
        if t.strip()
    ]


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


def _fold(text: str) -> str:
    return DIGITS.sub("#", " ".join(text.split()).lower())


def _furniture(lines: list[_Line], pages: int) -> None:
    """Mark running headers, footers and page numbers: lines at an edge of the page, set apart from
    the text, whose words (digits aside) recur at that edge on many pages."""
    by_page: dict[int, list[_Line]] = {}
    for x in lines:
        by_page.setdefault(x.page, []).append(x)
    usual = _usual_gap(lines)
    candidates: dict[tuple[str, str], set[int]] = {}
    marks: list[tuple[_Line, str, str]] = []
    for page, own in by_page.items():
        rows = _rows(own)
        for edge, run in (("top", rows), ("bottom", rows[::-1])):
            for i, row in enumerate(run[:2]):
                band = EDGE_BAND * row[0].page_height
                top, bottom = min(x.top for x in row), max(x.bottom for x in row)
                if not (bottom < band if edge == "top" else top > row[0].page_height - band):
                    break
                nxt = run[i + 1] if i + 1 < len(run) else None
                if nxt is None:
                    gap = 10 * usual
                elif edge == "top":
                    gap = min(x.top for x in nxt) - bottom
                else:
                    gap = top - max(x.bottom for x in nxt)
                if gap < FURNITURE_GAP * usual:
                    break
                for x in row:
                    key = (edge, _fold(x.text))
                    candidates.setdefault(key, set()).add(page)
                    marks.append((x, edge, key[1]))
    needed = max(FURNITURE_PAGES, FURNITURE_SHARE * pages)
    for x, edge, folded in marks:
        n = len(candidates[(edge, folded)])
        if n >= needed:
            x.role, x.count = (HEADER if edge == "top" else FOOTER), n


def _rows(lines: list[_Line]) -> list[list[_Line]]:
    """A page's lines in rows, top to bottom: lines whose vertical extents overlap share a row."""
    rows: list[list[_Line]] = []
    for x in sorted((y for y in lines if y.role == START), key=lambda y: y.top):
        if rows and x.top < max(y.bottom for y in rows[-1]) - 0.3 * x.height:
            rows[-1].append(x)
        else:
            rows.append([x])
    return rows


def _usual_gap(lines: list[_Line]) -> float:
    """The usual gap between two lines of a paragraph (the median positive gap on a page)."""
    gaps = [
        b.top - a.bottom
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and 0 < b.top - a.bottom < 3 * a.height and abs(a.x0 - b.x0) < a.height * 4
    ]
    return statistics.median(gaps) if gaps else 2.0


def _paragraphs(lines: list[_Line]) -> None:
    """Roles of the text lines: a paragraph (heading, note) starts, or the line continues the one
    before it."""
    body = [x for x in lines if x.role == START]
    if not body:
        return
    size = statistics.median(x.height for x in body)
    usual = _usual_gap(body)
    text = " ".join(x.text for x in body)
    feet = _feet(body, size)
    prev: _Line | None = None  # the last line of the paragraph so far
    kind = START  # the role of its first line
    for x in body:
        if TOC_ENTRY.match(x.text):
            x.role, prev = TOC, None
            continue
        own = (
            HEADING
            if x.height >= HEADING_HEIGHT * size and len(x.text) < 120
            else NOTE
            if id(x) in feet
            else START
        )
        if (
            prev is not None
            and own == kind
            and (own != HEADING or x.page == prev.page)
            and _continues(prev, x, usual)
        ):
            x.role = UNHYPHEN if _soft_hyphen(prev.text, x.text, text) else JOIN
        else:
            x.role = kind = own
        prev = x


def _feet(body: list[_Line], size: float) -> set[int]:
    """The lines of footnotes: the smaller text under the body at the foot of a page."""
    out: set[int] = set()
    by_column: dict[tuple[int, int], list[_Line]] = {}
    for x in body:
        by_column.setdefault((x.page, x.column), []).append(x)
    for own in by_column.values():
        run = []
        for x in sorted(own, key=lambda y: y.top, reverse=True):
            if x.height > NOTE_HEIGHT * size:
                break
            run.append(x)
        if len(run) < len(own):  # (a page all in small print is not a page of notes)
            out.update(id(x) for x in run)
    return out


def _continues(prev: _Line, x: _Line, usual: float) -> bool:
    """Whether `x` carries on the paragraph of `prev` (the layout broke it, not the author)."""
    if abs(x.height - prev.height) > HEIGHT_CHANGE * prev.height:
        return False
    h = prev.height
    same_page = x.page == prev.page
    if same_page and x.top > prev.top:
        if x.top - prev.bottom > PARAGRAPH_GAP * max(usual, 0.1 * h) + 0.1 * h:
            return False
        if x.x0 - prev.x0 > INDENT * h:
            return False
    room = max(prev.right, prev.x1) - prev.x1
    first = WORD.match(x.text)
    if first is None:
        return False
    if _ends_sentence(prev.text) and not _ends_sentence(x.text) and x.x1 < max(x.right, x.x1) - 4 * h:
        return False  # a short line after a finished sentence, itself none: a heading ("第三条")
    word = first.group()
    width = (x.x1 - x.x0) / max(len(x.text), 1)  # the next line's average character width
    if HAN.match(word[0]):
        fits = room > 1.5 * width  # a Chinese line breaks after any character
    else:
        fits = room > (len(word) + 1.5) * width
    return not fits


def _ends_sentence(text: str) -> bool:
    return text.rstrip(" \"'”’）)」』").endswith(tuple(".!?。！？；;:："))


def _soft_hyphen(a: str, b: str, text: str) -> bool:
    """A hyphen the layout added: a word broken at the end of a line and continued in lower case,
    whose hyphenated form the text does not use elsewhere on one line."""
    if not (len(a) > 2 and a[-1] in "-\u2010\u00ad" and a[-2].isalpha() and b[:1].islower()):
        return False
    head = a.rsplit(" ", 1)[-1]
    tail = b.split(" ", 1)[0].rstrip(".,;:)")
    return f"{head}{tail}" not in text.replace("\n", " ") or not tail


def _glue(a: str, b: str, unhyphen: bool) -> str:
    if unhyphen:
        return a[:-1] + b
    if HAN.match(a[-1:]) or HAN.match(b[:1]):
        return a + b
    if a.endswith("://") or (a[-1:] in DASHES and a[-2:-1].isalnum() and b[:1].isalnum()):
        return a + b  # an address, a compound or a number range broken after "://" or a dash
    return a + " " + b


def pdf_lines(decoded: Decoded) -> tuple[list[Line], list[Removal], list[Signal]]:
    """The cleaner's lines of a PDF: one per paragraph, its layout breaks joined (and audited),
    furniture and contents entries removed (and audited, with their page)."""
    raw = decoded.lines
    pages, roles = decoded.pages, decoded.roles
    out: list[Line] = []
    removals: list[Removal] = []
    counts = _furniture_counts(raw, roles)
    total = max(pages, default=0)
    current: Line | None = None
    for i, (text, role) in enumerate(zip(raw, roles, strict=True)):
        no, page = i + 1, pages[i]
        if role in REASONS:
            reason = REASONS[role].format(n=counts.get((role, _fold(text)), 1), pages=total)
            removals.append(Removal(no, text, role, f"{reason}; page {page}"))
            continue
        if role in (JOIN, UNHYPHEN) and current is not None:
            if role == UNHYPHEN:
                last = current.more[-1] if current.more else current.no
                removals.append(
                    Removal(
                        last,
                        raw[last - 1],
                        "pdf.hyphen",
                        f"a word the layout broke at the end of the line, rejoined without its hyphen; page {page}",
                        "altered",
                    )
                )
            current.text = _glue(current.text, text, role == UNHYPHEN)
            current.more = (*current.more, no)
            continue
        if not text.strip():
            continue
        current = Line(no, text, True, Facts(text))
        if role == HEADING:
            current.kind, current.level, current.fixed = BlockKind.HEADING, 2, True
        elif role == NOTE:
            current.kind, current.fixed = BlockKind.NOTE, True
        out.append(current)
    for line in out:
        if line.more:
            line.retext(line.text)
    # The title: the first heading of the first page that has one (the largest text above the body).
    first = next((x for x in out if x.kind is BlockKind.HEADING), None)
    signals = []
    if first is not None and pages[first.no - 1] == pages[out[0].no - 1]:
        signals.append(Signal("title", first.text, f"line {first.no}: the PDF's first heading, set larger than its text"))
    return out, removals, signals


def _furniture_counts(raw: list[str], roles: tuple[str, ...]) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for text, role in zip(raw, roles, strict=True):
        if role in (HEADER, FOOTER):
            key = (role, _fold(text))
            counts[key] = counts.get(key, 0) + 1
    return counts


def on_pages(removals: list[Removal], pages: tuple[int, ...]) -> list[Removal]:
    """The cleaner's removals of a PDF's lines, each naming its page (the reader's name theirs)."""
    out = []
    for r in removals:
        if r.rule.startswith("pdf.") or not 0 < r.line <= len(pages):
            out.append(r)
        else:
            out.append(Removal(r.line, r.text, r.rule, f"{r.reason}; page {pages[r.line - 1]}", r.action))
    return out
