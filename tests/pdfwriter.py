"""A small typesetter for tests: paragraphs set into a real PDF with PDFium (pypdfium2, already a
dependency), as a word processor lays them out: a running header at the top of every page, the
page number at the foot, lines filled word by word to the measured width of the text block, the
first line of each paragraph indented, a paragraph that does not fit carried over to the next
page. Latin text only (PDFium's standard Helvetica)."""

from __future__ import annotations

import ctypes
import io

PAGE_W, PAGE_H = 595.0, 842.0  # A4, in points
MARGIN = 72.0
SIZE = 11.0
LEADING = 15.0  # baseline to baseline, within a paragraph
PARAGRAPH_SKIP = 9.0  # extra space between paragraphs
INDENT = 18.0


def _text(doc, font, text: str, size: float):
    import pypdfium2.raw as raw

    obj = raw.FPDFPageObj_CreateTextObj(doc, font, ctypes.c_float(size))
    data = (text + "\0").encode("utf-16-le")  # (PDFium takes UTF-16, NUL-terminated)
    buf = ctypes.create_string_buffer(data, len(data))
    raw.FPDFText_SetText(obj, ctypes.cast(buf, raw.FPDF_WIDESTRING))
    return obj


def _width(doc, font, text: str, size: float) -> float:
    import pypdfium2.raw as raw

    obj = _text(doc, font, text, size)
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
    raw.FPDFPageObj_Destroy(obj)
    return right.value - left.value


def _lines(doc, font, paragraph: str, width: float) -> list[str]:
    """The paragraph filled word by word into lines no wider than the block (the first indented)."""
    lines: list[str] = []
    current = ""
    for word in paragraph.split():
        room = width - (INDENT if not lines else 0.0)
        trial = f"{current} {word}" if current else word
        if current and _width(doc, font, trial, SIZE) > room:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def typeset(paragraphs: list[str], header: str) -> bytes:
    """The paragraphs as a PDF of as many pages as they need."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument.new()
    font = raw.FPDFText_LoadStandardFont(doc, b"Helvetica")
    width = PAGE_W - 2 * MARGIN
    pages: list[list[tuple[float, float, str, float]]] = [[]]  # per page: (x, baseline, text, size)
    y = PAGE_H - MARGIN - 2 * LEADING
    for paragraph in paragraphs:
        for i, line in enumerate(_lines(doc, font, paragraph, width)):
            if y < MARGIN + LEADING:
                pages.append([])
                y = PAGE_H - MARGIN - 2 * LEADING
            pages[-1].append((MARGIN + (INDENT if i == 0 else 0.0), y, line, SIZE))
            y -= LEADING
        y -= PARAGRAPH_SKIP
    for number, placed in enumerate(pages, start=1):
        page = doc.new_page(PAGE_W, PAGE_H)
        furniture = [
            (MARGIN, PAGE_H - MARGIN + 12, header, 9.0),
            (PAGE_W / 2 - 6, MARGIN - 30, str(number), 9.0),
        ]
        for x, base, text, size in furniture + placed:
            obj = _text(doc, font, text, size)
            raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, base)
            raw.FPDFPage_InsertObject(page, obj)
        raw.FPDFPage_GenerateContent(page)
        page.close()
    out = io.BytesIO()
    doc.save(out)
    doc.close()
    return out.getvalue()
