"""Small pieces every corpus page (glossary, timeline, speakers, publishers, tags) is made of: front
matter, headings, a document's link, date and mark, rows of documents, page numbering."""

from __future__ import annotations

from .. import script
from ..link.matcher import Entry
from ..markup import ZH_TAG
from ..model import Document, Page
from . import provenance
from .render import (
    Settings,
    chunks,
    doc_path,
    front_matter,
    md_text,
    pager,
    relative_md,
    work_title,
    works,
)

ZH = ZH_TAG

def _front(title: str) -> str:
    return front_matter({"title": title})

def _zh(text: str) -> str:
    return f'<span lang="{ZH}">{md_text(text)}</span>'

def _label(e: Entry) -> str:
    return f"{_zh(e.zh)} · {md_text(e.name)}"

def _doc_link(doc: Document, here: str, settings: Settings) -> str:
    target = relative_md(here, doc_path(doc, settings))
    title = work_title(doc)
    text = _zh(title) if script.language(title) == "zh" else md_text(title)
    return f"[{text}]({target})"

def _date(doc: Document) -> str:
    return doc.metadata.date.value if doc.metadata.date else ""

def _plural(n: int, word: str, many: str = "") -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"

def _pages_of(
    path_of,
    title: str,
    items: list,
    size: int,
    head,
    body,
    foot=None,
    before: str = "← Newer",
    after: str = "Older →",
    label: str = "",
) -> list[Page]:
    """A listing in pages of `size` items, page n at path_of(n): `head(n, first, last)` gives the
    text above a page's items (after its title), `body(here, chunk)` their Markdown lines, `foot`
    a line below them; every page links to the others (render.pager). `label`: the title as
    Markdown for the heading, when it is more than the title's text (languages marked)."""
    parts = chunks(items, size)
    out = []
    for n, chunk in enumerate(parts, start=1):
        here = path_of(n)
        heading = title if n == 1 else f"{title}, page {n}"
        lines = [
            _front(heading),
            f"# {label or _heading(title)}{f', page {n}' if n > 1 else ''}\n",
            head(n, (n - 1) * size + 1, (n - 1) * size + len(chunk)),
        ]
        lines += body(here, chunk)
        lines.append("")
        if len(parts) > 1:
            lines.append(pager(n, len(parts), path_of, before, after))
        if foot is not None:
            lines.append(foot(here))
        out.append(Page(here, "\n".join(lines) + "\n"))
    return out

def _heading(title: str) -> str:
    return _zh(title) if script.language(title) == "zh" else md_text(title)

def _mark(doc: Document, others: dict[str, Document] | None) -> str:
    """The provenance mark after a listed document (provenance.marks), with its space."""
    m = provenance.marks(doc, others, markdown=True)
    return f" {m}" if m else ""

def _doc_rows(
    here: str, docs: list[Document], settings: Settings, others: dict[str, Document] | None = None
) -> list[str]:
    """A list of documents, a work in two sources once (render.works), each with its provenance
    mark (`others`: every document by slug, for a work's other source)."""
    out = []
    for d in works(docs):
        date = f"{_date(d)} · " if _date(d) else ""
        out.append(f"- {date}{_doc_link(d, here, settings)}{_mark(d, others)}")
    return out
