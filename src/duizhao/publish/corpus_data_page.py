"""data/index.md, the page that lists the corpus's data files (corpus_data): their formats, counts
and sizes, and what their fields mean."""

from __future__ import annotations

from ..link.matcher import Glossary
from ..model import Document
from .corpus_data import (
    COLUMNS,
    DATA_DIR,
    GLOSSARY_CSV,
    JSONL,
    PAGE,
    TBX,
    TMX,
    TSV,
    CorpusData,
    collect,
    files,
)


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def _size(text: str) -> str:
    n = len(text.encode("utf-8"))
    return f"{n / 1024:.0f} KB" if n >= 10 * 1024 else f"{n:,} bytes"


WHAT = {
    TMX: ("TMX 1.4", "every aligned sentence pair, for translation memories (OmegaT, Trados, memoQ)"),
    JSONL: ("JSON Lines", 'one pair a line with its document\'s fields (`datasets.load_dataset("json")`)'),
    TSV: ("TSV", "the same rows as a tab-separated table with a header line"),
    TBX: ("TBX-Basic (TBX v3)", "the glossary, for terminology tools"),
    GLOSSARY_CSV: ("CSV", "the glossary, one entry a row"),
}


def page(data: CorpusData, made: list[tuple[str, str]]) -> str:
    """data/index.md: the files, their counts and sizes, and what their fields mean."""
    from .layout import front_matter

    rows = "\n".join(
        f"| [{name}]({name}) | {WHAT[name][0]} | {WHAT[name][1]} | {_size(text)} |" for name, text in made
    )
    columns = ", ".join(f"`{c}`" for c in COLUMNS)
    return (
        front_matter({"title": "The corpus as data"})
        + "# The corpus as data\n\n"
        + f"{_count(len(data.rows), 'aligned sentence pair')} from {_count(data.documents, 'document')}, "
        + f"and the glossary's {_count(len(data.entries), 'entry', 'entries')}. Left out: "
        + f"{_count(data.skipped, 'passage')} with no counterpart (a sentence the aligner left unpaired, "
        + "a paragraph of a text in one language).\n\n"
        + "| File | Format | What | Size |\n|---|---|---|---|\n"
        + rows
        + "\n\n"
        + f"Columns of the pairs (properties `x-…` of each TMX unit): {columns}.\n\n"
        + "Every document field comes with its origin: `extracted` (read from the text), `given` (an "
        + "editor's sidecar) or `derived` (a fallback's guess, such as the translation status found by "
        + "looking for signs of machine translation). A title the text does not state is left out. "
        + "`confidence` is the aligner's, from 0 to 1.\n\n"
        + "In the TSV and CSV files a tab or line break inside a value is replaced by a space, and a "
        + "value holding a double quote or the separator is quoted as in CSV.\n"
    )


def site_files(docs: list[Document], glossary: Glossary | None) -> list[tuple[str, str]]:
    """The data page and its files as docs-relative (path, content), for the built site; `docs`:
    the published documents."""
    data = collect(docs, glossary)
    made = files(data)
    return [(PAGE, page(data, made)), *((f"{DATA_DIR}/{name}", text) for name, text in made)]
