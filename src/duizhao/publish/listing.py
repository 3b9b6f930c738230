"""Small pieces every corpus page (glossary, timeline, speakers, publishers, tags, the documents
index) is made of: one entry per work and its title, front matter, headings, a document's link,
date and mark, rows of documents, page numbering."""

from __future__ import annotations

from collections.abc import Callable

from .. import script
from ..link.matcher import Entry
from ..markup import ZH_TAG, md_text
from ..model import Document, Page, display_title
from ..settings import Settings
from . import provenance
from .layout import doc_path, front_matter, relative_md

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
    a line below them; every page links to the others (pager). `label`: the title as
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
    """A list of documents, a work in two sources once (works), each with its provenance
    mark (`others`: every document by slug, for a work's other source)."""
    out = []
    for d in works(docs):
        date = f"{_date(d)} · " if _date(d) else ""
        out.append(f"- {date}{_doc_link(d, here, settings)}{_mark(d, others)}")
    return out


def works(docs: list[Document]) -> list[Document]:
    """One document per work: of two sources that translate each other (a cross-file pair), the
    Chinese one stands for both in lists, the timeline and search; each keeps its own page."""
    by_slug = {d.slug: d for d in docs}
    out = []
    for d in docs:
        cp = d.counterpart
        if cp is not None and cp.slug in by_slug and cp.lang == "zh":
            continue  # the other side lists it (this one's other column is Chinese)
        out.append(d)
    return out


def work_title(doc: Document) -> str:
    """The title a list shows for a document: both titles of a work in two sources."""
    own = display_title(doc)
    cp = doc.counterpart
    if cp is not None and cp.title and cp.title not in own:
        return f"{own} / {cp.title}"
    return own


def pager(
    number: int,
    count: int,
    path_of: Callable[[int], str],
    before: str = "← Newer",
    after: str = "Older →",
) -> str:
    """Links to the first, previous, nearby, next and last pages of a listing whose page n is at
    path_of(n) (Markdown links from page `number`, which MkDocs resolves and validates)."""
    here = path_of(number)

    def link(n: int, label: str = "") -> str:
        text = label or str(n)
        if n == number:
            return f"**{text}**"
        return f"[{text}]({relative_md(here, path_of(n))})"

    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    parts: list[str] = []
    if number > 1:
        parts.append(link(number - 1, before))
    for prev, n in zip([0, *shown], shown, strict=False):
        if n - prev > 1:
            parts.append("…")
        parts.append(link(n))
    if number < count:
        parts.append(link(number + 1, after))
    return f"Page {number} of {count}: " + " · ".join(parts) + "\n"


def chunks(items: list, size: int) -> list[list]:
    """`items` in pages of `size` (at least one page, maybe empty)."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]
