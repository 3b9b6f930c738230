"""The documents index (texts/index.md and its later pages, newest first, a page at a time) and
the newest documents' table on a hand-written page (HOME_MARKER)."""

from __future__ import annotations

from ..markup import md_text
from ..model import Document, Page, newest_first
from ..settings import Settings
from . import provenance
from .layout import LANG_NAMES, doc_path, front_matter, relative_md
from .listing import pager, work_title

HOME_MARKER = "<!-- duizhao:documents -->"
# Listing pages stay small at any corpus size. Why 100 rows: a row is 150-300 bytes of HTML, so a
# page of them stays near 45 KB with the theme's chrome (budget: 80 KB a page at 10,000 documents).
INDEX_PAGE_SIZE = 100
# Folder of the index's later pages (texts/page/2.md...): a slug is never "page/2", so no clash.
INDEX_PAGES_DIR = "page"


def document_table(
    docs: list[Document],
    from_path: str,
    settings: Settings,
    limit: int | None = None,
    others: dict[str, Document] | None = None,
) -> str:
    """A Markdown table of documents, newest first: title (linked), date, languages, version (the
    provenance mark); the first `limit` only when given. `docs` in any order; `others`: every
    document by slug, so a work in two sources marks both (provenance.marks)."""
    if not docs:
        return "_No documents yet: add scrapes to `sources/`._\n"
    return _table(sorted(docs, key=newest_first)[:limit], from_path, settings, others)


def _table(
    docs: list[Document], from_path: str, settings: Settings, others: dict[str, Document] | None = None
) -> str:
    lines = ["| Document | Date | Languages | Version |", "| --- | --- | --- | --- |"]
    for doc in docs:
        target = doc_path(doc, settings)
        rel = relative_md(from_path, target)
        date = doc.metadata.date.value if doc.metadata.date else "—"
        langs = " · ".join(LANG_NAMES[lang] for lang in doc.languages) or "—"
        version = provenance.marks(doc, others, markdown=True) or "—"
        lines.append(f"| [{md_text(work_title(doc))}]({rel}) | {date} | {langs} | {version} |")
    return "\n".join(lines) + "\n"


def index_path(settings: Settings, number: int = 1) -> str:
    """Page `number` (from 1) of the documents index."""
    if number == 1:
        return f"{settings.texts_dir}/index.md"
    return f"{settings.texts_dir}/{INDEX_PAGES_DIR}/{number}.md"


def _pager(number: int, count: int, from_path: str, settings: Settings) -> str:
    """The documents index's pager (see pager)."""
    return pager(number, count, lambda n: index_path(settings, n))


def index_pages(
    docs: list[Document], settings: Settings, others: dict[str, Document] | None = None
) -> list[Page]:
    """The documents index, newest first, INDEX_PAGE_SIZE documents a page (so no page grows with
    the corpus); page 1 is texts/index.md, the others texts/page/N.md. `others`: see document_table."""
    ordered = sorted(docs, key=newest_first)
    count = max(1, -(-len(ordered) // INDEX_PAGE_SIZE))
    out = []
    for number in range(1, count + 1):
        path = index_path(settings, number)
        chunk = ordered[(number - 1) * INDEX_PAGE_SIZE : number * INDEX_PAGE_SIZE]
        if count == 1:
            intro = f"{len(docs)} documents, newest first.\n\n"
        else:
            first = (number - 1) * INDEX_PAGE_SIZE + 1
            intro = f"{len(docs)} documents, newest first: {first}–{first + len(chunk) - 1} here.\n\n"
        pager = "\n" + _pager(number, count, path, settings) if count > 1 else ""
        table = _table(chunk, path, settings, others) if chunk else document_table([], path, settings)
        title = "Documents" if number == 1 else f"Documents, page {number}"
        body = front_matter({"title": title}) + f"# {title}\n\n" + intro + table + pager
        out.append(Page(path=path, markdown=body))
    return out
