"""The role of each line of a PDF (read_pdf's second part): page furniture (running headers and
footers, page numbers: the same words, digits aside, at the same edge of many pages), contents
entries, headings, footnotes, and whether a line starts a paragraph or carries on the one before
(a break the layout made, a hyphen it added)."""

from __future__ import annotations

import itertools
import re
import statistics

from .pdf_layout import FOOTER, HEADER, HEADING, JOIN, NOTE, START, TOC, UNHYPHEN, _Line

# A page's running header or footer is a line in the top or bottom band of the page (this share
# of its height) that is set apart from the text by a gap (FURNITURE_GAP times the usual gap
# between the lines of a paragraph) and recurs, digits aside, on at least FURNITURE_PAGES pages
# and this share of all pages (odd and even pages often alternate two headers: 30%, not 50%).
EDGE_BAND = 0.15
FURNITURE_GAP = 1.5
FURNITURE_SHARE = 0.3
FURNITURE_PAGES = 2
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
