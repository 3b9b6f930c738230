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
Step 1's parts: pdf_layout.py (characters to lines in reading order), pdf_roles.py (the roles).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import BlockKind, Decoded, Removal, Signal
from .lines import Facts, Line
from .pdf_layout import FOOTER, HEADER, HEADING, JOIN, MARGIN, NOTE, TOC, UNHYPHEN, _group, _Line, _order
from .pdf_roles import HAN, _fold, _furniture, _paragraphs

# Why 2,000 pages: the longest policy texts (a year's gazette, a law code) run to a few hundred
# pages; a longer file is a scanned archive or a dump, and would hold one build for minutes.
MAX_PAGES = 2000
# A character turned more than this (radians) from the horizontal is set sideways.
SIDEWAYS = 0.2
# A text layer this short over all pages (content characters) is no text: a scan, or images.
MIN_TEXT_CHARS = 20
DASHES = "-\u2010\u2011\u2013"

REASONS = {
    MARGIN: "text set sideways in the margin (print codes, a vertical running title), not body text",
    HEADER: "running header (the same line at the top of {n} of {pages} pages)",
    FOOTER: "running footer or page number (the same line, digits aside, at the foot of {n} of {pages} pages)",
    TOC: "a table of contents entry (the text's headings with page numbers), not body text",
}


class Unreadable(Exception):
    """A PDF that cannot become text; the message says why (the caller names the file)."""


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
