"""Where each part of a document's page lives: a long text continues on numbered part pages and a
long audit on audit pages, so no page a reader opens grows with the scrape (issue 15).

Pure functions of the document (no rendering): render writes the pages, and search and the
browse pages link each pair to the part that holds it. Sizes are estimates of the HTML that
render writes, measured against it in the tests (tests/test_paging.py).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence

from .model import Bead, BlockKind, Document, Removal

# A document page carries at most about this much pair HTML (estimated); the rest continues on part
# pages. Why 100,000: the estimate runs 10-40% above what render writes (tests/test_paging.py), so
# with the header, the audit summary and the theme's chrome (about 25 KB) a part stays under
# DOCUMENT_PAGE_LIMIT, while a speech or a press conference (10-60 KB of pairs) stays whole.
PART_BYTES = 100_000
# The stated limit for a document page (the 80 KB page budget of listing pages is for pages that
# grow with the corpus; a document page grows with its own text only, up to this).
DOCUMENT_PAGE_LIMIT = 160_000
# The audit is shown in full on the document page up to this much row HTML; a longer one is
# summarised there by rule and listed in full on audit pages of at most AUDIT_PAGE_BYTES each
# (estimated; with the chrome an audit page stays within the 80 KB budget).
AUDIT_INLINE_BYTES = 30_000
AUDIT_PAGE_BYTES = 60_000
# A part break before a heading is taken once a part is this full, so parts start at sections.
HEADING_BREAK_SHARE = 0.6

# Estimated HTML per unit (measured on render's output, see tests/test_paging.py): a pair's
# wrapper, permalink and cells; each sentence's span; each audit row's cells.
PAIR_OVERHEAD = 700
SENTENCE_OVERHEAD = 60
ROW_OVERHEAD = 130
# A glossary link in the text (connections.term_link): its tags, relative address and title.
TERM_LINK_BYTES = 140

# The glossary's hits in a document's paragraphs (link.DocLinks.hits: paragraph text -> hits, each
# with the number of its entry): render links the first hit of each entry in a paragraph.
Hits = Mapping[str, Sequence]


def term_links(text: str, hits: Hits | None) -> int:
    """How many glossary links render writes into a paragraph."""
    found = hits.get(text) if hits else None
    return len({h.entry for h in found}) if found else 0


def bead_bytes(bead: Bead, hits: Hits | None = None) -> int:
    """Estimated HTML of one pair: its text (escaped, so with some room), its markup and the
    glossary's links in it."""
    size = PAIR_OVERHEAD
    for p in (*bead.zh, *bead.en):
        size += int(len(p.text.encode("utf-8")) * 1.1) + SENTENCE_OVERHEAD * max(1, len(p.sentences))
        size += TERM_LINK_BYTES * term_links(p.text, hits)
    return size


def row_bytes(removal: Removal) -> int:
    return (
        ROW_OVERHEAD + int(len(removal.text.encode("utf-8")) * 1.1) + len(removal.reason) + len(removal.rule)
    )


def _starts_section(bead: Bead) -> bool:
    first = (bead.zh or bead.en)[:1]
    return bool(first) and first[0].kind is BlockKind.HEADING


def split(sizes: Sequence[int], limit: int, breaks: Sequence[bool] = ()) -> list[tuple[int, int]]:
    """Consecutive [start, end) ranges of items whose sizes add up to at most `limit` each (an
    item larger than the limit stands alone); where `breaks[i]`, a range may end early before
    item i once it is HEADING_BREAK_SHARE full. Always at least one range."""
    out: list[tuple[int, int]] = []
    start, total = 0, 0
    for i, size in enumerate(sizes):
        full = total + size > limit
        early = i < len(breaks) and breaks[i] and total >= limit * HEADING_BREAK_SHARE
        if i > start and (full or early):
            out.append((start, i))
            start, total = i, 0
        total += size
    out.append((start, len(sizes)))
    return out


def parts(doc: Document, hits: Hits | None = None) -> list[tuple[int, int]]:
    """The bead ranges of the document's pages: [(0, n)] for every text of ordinary length.
    `hits`: the glossary's in the document (the same render gets), which weigh on the pages."""
    return split(
        [bead_bytes(b, hits) for b in doc.beads], PART_BYTES, [_starts_section(b) for b in doc.beads]
    )


def audit_pages(removals: Sequence[Removal]) -> list[tuple[int, int]]:
    """The removal ranges of the audit pages; empty when the audit fits on the document page."""
    sizes = [row_bytes(r) for r in removals]
    if sum(sizes) <= AUDIT_INLINE_BYTES:
        return []
    return split(sizes, AUDIT_PAGE_BYTES)


def numbered(first: str, number: int) -> str:
    """Page `number` (from 1) of pages whose first is `first` (a/b.md): a/b/2.md..."""
    return first if number == 1 else f"{first[:-3]}/{number}.md"


def part_path(doc_path: str, number: int) -> str:
    """The Markdown path of part `number` of the document whose page is `doc_path`."""
    return numbered(doc_path, number)


def map_path(doc_path: str) -> str:
    """texts/<slug>.parts.js: a long document's pairs by part (not a page: a script the reader
    loads when a permalink names a pair this part does not show)."""
    return f"{doc_path[:-3]}.parts.js"


def audit_path(doc_path: str, number: int = 1) -> str:
    """texts/<slug>/audit.md, then texts/<slug>/audit/2.md..."""
    return numbered(f"{doc_path[:-3]}/audit.md", number)


# part_of's answers for the documents asked about last (the browse pages ask once per occurrence),
# each kept with its document so that its id cannot be reused while it is here.
_PARTS: OrderedDict[tuple[int, int], tuple[Document, tuple[Bead, ...], Hits | None, dict[str, int]]] = (
    OrderedDict()
)
_PARTS_KEPT = 64


def part_of(doc: Document, hits: Hits | None = None) -> dict[str, int]:
    """Each pair's anchor -> the number of the part that shows it."""
    key = (id(doc), id(hits))
    found = _PARTS.get(key)
    if found is not None and found[0] is doc and found[1] is doc.beads and found[2] is hits:
        _PARTS.move_to_end(key)
        return found[3]
    out: dict[str, int] = {}
    for number, (start, end) in enumerate(parts(doc, hits), start=1):
        for bead in doc.beads[start:end]:
            out[bead.anchor] = number
    _PARTS[key] = (doc, doc.beads, hits, out)
    if len(_PARTS) > _PARTS_KEPT:
        _PARTS.popitem(last=False)
    return out


def anchor_path(doc: Document, doc_path: str, anchor: str, hits: Hits | None = None) -> str:
    """The Markdown path of the page that shows the pair `anchor` (the first part when unknown)."""
    if not anchor or len(doc.beads) < 2:
        return doc_path
    return part_path(doc_path, part_of(doc, hits).get(anchor, 1))
