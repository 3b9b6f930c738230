"""The glossary's pages: its index (entries by kind, most used first, in pages of GLOSSARY_ROWS)
and one page per entry: each occurrence in context beside its aligned counterpart, by document,
newest first, and the renderings translators used; past TERM_PAGE_BYTES a term's page continues
on further pages."""

from __future__ import annotations

from .. import paging
from ..link.link import MAX_KWIC, Linkage, TermStats
from ..link.matcher import KIND_NAMES, KINDS, Entry
from ..link.scan import Occurrence
from ..markup import md_text
from ..model import Document, Page, display_title
from ..settings import Settings
from .connections import (
    GLOSSARY_INDEX,
    numbered,
    term_page_path,
    term_path,
)
from .layout import LANG_NAMES, doc_path, relative_md
from .listing import ZH, _date, _doc_link, _front, _label, _mark, _plural, _zh, chunks, pager

# Entries a page of the glossary's index. Why 150: a row is 250-400 bytes of HTML, so a page stays
# within the 80 KB budget with the theme's chrome, at any glossary size.
GLOSSARY_ROWS = 150

# A term page's occurrences, by document: a page holds documents up to TERM_PAGE_BYTES of Markdown
# (an occurrence in context with its aligned counterpart is ~0.5 KB of HTML, a document's heading
# as much; the theme's chrome ~35 KB), and at most TERM_DOCS_PAGE documents. Why 30 KB: at 36 KB the
# heaviest term page of 10,000 synthetic documents weighed 76 KB, too near the 80 KB budget.
TERM_PAGE_BYTES = 30_000

TERM_HEADING_BYTES = 200  # what a heading gains in HTML (its id, permalink and table of contents entry)

TERM_DOCS_PAGE = 50

# Documents named in a cell of a term's renderings table.
RENDERING_DOCS = 5


def with_pages(linkage: Linkage, settings: Settings) -> list[int]:
    """The glossary entries that get a page: those some text uses (or all, when the settings ask
    for pages of unused entries too)."""
    return [i for i, t in enumerate(linkage.terms) if t.total or settings.glossary_unused_pages]


def glossary_index(linkage: Linkage, settings: Settings | None = None) -> list[Page]:
    """The glossary's entries by kind, most used first, GLOSSARY_ROWS a page (glossary/index.md,
    then glossary/index/2.md...), each linked to its page when it has one."""
    settings = settings or Settings()
    entries = linkage.glossary.entries
    found = sum(1 for t in linkage.terms if t.total)
    paged = set(with_pages(linkage, settings))
    intro = (
        f"{_plural(len(entries), 'entry', 'entries')}, "
        f"{found} found in the texts. Every occurrence of an entry in a text, Chinese or English, "
        "links to its page, which lists each occurrence in context beside its aligned counterpart and "
        "the renderings translators used. Editors extend the glossary in `sources/glossary.yml` "
        "(see the [editor's guide]({guide}#edit-the-glossary)).\n"
    )
    rows = sorted(
        range(len(entries)),
        key=lambda i: (KINDS.index(entries[i].kind), -linkage.terms[i].total, entries[i].name.casefold()),
    )
    parts = chunks(rows, GLOSSARY_ROWS)
    count = len(parts)

    def path_of(n: int) -> str:
        return numbered(GLOSSARY_INDEX, n)

    out = []
    for number, part in enumerate(parts, start=1):
        here = path_of(number)
        title = "Glossary" if number == 1 else f"Glossary, page {number}"
        lines = [_front(title), f"# {title}\n", intro.format(guide=relative_md(here, "editors.md"))]
        if not entries:
            lines.append("_No glossary yet: add `sources/glossary.yml`._\n")
        kind = None
        for i in part:
            e, t = entries[i], linkage.terms[i]
            if e.kind != kind:
                kind = e.kind
                lines += [
                    "",
                    f"## {KIND_NAMES[kind]}\n",
                    "| Chinese | English | Occurrences | Documents |",
                    "| --- | --- | --: | --: |",
                ]
            name = f"[{_zh(e.zh)}]({relative_md(here, term_path(e))})" if i in paged else _zh(e.zh)
            lines.append(f"| {name} | {md_text(e.name)} | {t.total} | {len(t.by_doc)} |")
        lines.append("")
        if count > 1:
            lines.append(pager(number, count, path_of, "← Previous", "Next →"))
        out.append(Page(here, "\n".join(lines) + "\n"))
    return out


def _piece(text: str) -> str:
    """A piece of a context line (the text before a keyword, the keyword, the text after): like
    md_text, but a space at either end is kept, so the keyword stays a separate word ("the Fourth
    <mark>World Internet Conference</mark> in"), where md_text alone would glue it to its
    neighbours."""
    if not text.strip():
        return " " if text else ""
    return (" " if text[0].isspace() else "") + md_text(text) + (" " if text[-1].isspace() else "")


def _kwic(o: Occurrence) -> str:
    lang = ZH if o.lang == "zh" else "en"
    line = (
        f'<span class="dz-kwic" lang="{lang}">{_piece(o.before)}<mark>{_piece(o.form)}</mark>'
        f"{_piece(o.after)}</span>"
    )
    if o.counterpart:
        cp_lang = ZH if o.counterpart_lang == "zh" else "en"
        text = o.counterpart
        if o.rendering:
            a, b = o.rendering
            inner = f"{_piece(text[:a])}<mark>{_piece(text[a:b])}</mark>{_piece(text[b:])}"
        else:
            inner = md_text(text)
        line += f'<br><span class="dz-kwic-cp" lang="{cp_lang}">{inner}</span>'
    return line


def term_page(
    i: int, e: Entry, t: TermStats, docs: dict[str, Document], order: list[str], settings: Settings
) -> list[Page]:
    """An entry's page: its facts, the renderings translators used, and its occurrences in
    context by document, newest first; past TERM_PAGE_BYTES or TERM_DOCS_PAGE documents the
    occurrences go on on further pages (glossary/<slug>/2.md...)."""
    shown: dict[str, list[Occurrence]] = {}
    for o in t.occurrences:
        shown.setdefault(o.slug, []).append(o)
    found = [slug for slug in order if t.by_doc.get(slug, 0)]
    parts = _term_parts(_term_units(e, t, shown, found, docs, settings))
    count = len(parts)

    def path_of(n: int) -> str:
        return term_page_path(e, n)

    out = []
    first = 1
    for number, part in enumerate(parts, start=1):
        here = path_of(number)
        title = f"{e.zh} · {e.name}" + (f", page {number}" if number > 1 else "")
        lines = [_front(title), f"# {_label(e)}{f', page {number}' if number > 1 else ''}\n"]
        if number == 1:
            lines += _term_head(e, t, docs, order, here, settings)
        lines.append("## Occurrences\n")
        if not t.total:
            lines.append("_Not found in any text yet._\n")
        elif number == 1:
            lines.append(
                f"{t.total} in {_plural(len(t.by_doc), 'document')}, newest document first: each in "
                "context, with the aligned text of the other language below it when there is one.\n"
            )
        else:
            these = list(dict.fromkeys(slug for slug, _, _ in part))
            last = first + len(these) - 1
            lines.append(f"Documents {first}–{last} of {len(found)}, newest first.\n")
        for slug, a, b in part:
            everything = shown.get(slug, [])
            lines += _term_doc(
                slug, t.by_doc[slug], everything[a:b], docs[slug], here, settings,
                continued=a > 0, more=b == len(everything), kept=len(everything), others=docs,
            )  # fmt: skip
        first += len({slug for slug, a, _ in part if a == 0})
        if count > 1:
            lines.append(pager(number, count, path_of, "← Previous", "Next →"))
        lines.append(f"[All glossary entries]({relative_md(here, GLOSSARY_INDEX)})\n")
        out.append(Page(here, "\n".join(lines)))
    return out


def _term_units(
    e: Entry,
    t: TermStats,
    shown: dict[str, list[Occurrence]],
    found: list[str],
    docs: dict[str, Document],
    settings: Settings,
) -> list[tuple[str, int, int, int]]:
    """What an entry's pages are made of, in order, each with its size in bytes."""
    # Units of a page: a document's occurrences, or a run of them when one document's alone
    # would pass TERM_PAGE_BYTES (a long law that uses the term on every page).
    units: list[tuple[str, int, int, int]] = []  # (slug, first, end, cost)
    for slug in found:
        occurrences = shown.get(slug, [])
        head = _term_doc(
            slug, t.by_doc[slug], [], docs[slug], term_path(e), settings, more=False, others=docs
        )
        # the heading's HTML, and its title again in the page's table of contents
        base = (
            sum(len(line.encode()) + 1 for line in head)
            + TERM_HEADING_BYTES
            + len(display_title(docs[slug]).encode())
        )
        start, cost = 0, base
        for k, o in enumerate(occurrences):
            line = len(_occurrence_line(o, docs[slug], term_path(e), settings).encode()) + 1
            if k > start and cost + line > TERM_PAGE_BYTES:
                units.append((slug, start, k, cost))
                start, cost = k, base
            cost += line
        units.append((slug, start, len(occurrences), cost))
    return units


def _term_parts(units: list[tuple[str, int, int, int]]) -> list[list[tuple[str, int, int]]]:
    """The units on pages: a new page past TERM_PAGE_BYTES or TERM_DOCS_PAGE units."""
    parts: list[list[tuple[str, int, int]]] = [[]]
    weight = 0
    for slug, a, b, cost in units:
        if parts[-1] and (weight + cost > TERM_PAGE_BYTES or len(parts[-1]) >= TERM_DOCS_PAGE):
            parts.append([])
            weight = 0
        parts[-1].append((slug, a, b))
        weight += cost
    return parts


def _term_head(
    e: Entry, t: TermStats, docs: dict[str, Document], order: list[str], here: str, settings: Settings
) -> list[str]:
    lines = []
    kind = KIND_NAMES[e.kind][:-1] if e.kind != "person" else "Person"
    lines.append(f"_{kind}_{'. ' + md_text(e.note) if e.note else ''}\n")
    facts = [
        (
            "Chinese",
            _zh(e.zh) + (f" (also {', '.join(_zh(v) for v in e.zh_variants)})" if e.zh_variants else ""),
        )
    ]
    facts.append(("Accepted English", ", ".join(md_text(r) for r in e.en)))
    if e.variants:
        facts.append(("Other wordings matched", ", ".join(md_text(v) for v in e.variants)))
    facts.append(("Occurrences", f"{t.total} in {_plural(len(t.by_doc), 'document')}"))
    rows = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
    lines.append(f'<dl class="dz-facts">{rows}</dl>\n')
    rendered = sum(n for _, n in t.renderings.values())
    if rendered or t.unrendered:
        lines.append("## How translators rendered it\n")
        lines.append(
            "Each Chinese occurrence that has an aligned English counterpart, by the wording of the "
            f"glossary that the counterpart uses (with the newest {RENDERING_DOCS} documents that "
            "use it).\n"
        )
        lines.append("| Rendering | Times | Documents |\n| --- | --: | --- |")
        for key, (form, n) in sorted(t.renderings.items(), key=lambda kv: (-kv[1][1], kv[1][0])):
            using = [s for s in order if s in t.rendering_docs.get(key, ())]
            where = ", ".join(
                _doc_link(docs[s], here, settings) + _mark(docs[s], docs) for s in using[:RENDERING_DOCS]
            )
            if len(using) > RENDERING_DOCS:
                where += f" and {len(using) - RENDERING_DOCS} more"
            lines.append(f"| {md_text(form)} | {n} | {where} |")
        if t.unrendered:
            lines.append(f"| _none of the glossary's wordings_ | {t.unrendered} | see below |")
        lines.append("")
    return lines


def _term_doc(
    slug: str,
    n: int,
    shown: list[Occurrence],
    doc: Document,
    here: str,
    settings: Settings,
    continued: bool = False,
    more: bool = True,
    kept: int | None = None,
    others: dict[str, Document] | None = None,
) -> list[str]:
    """A document's occurrences of a term (or a run of them, `continued` from the page before);
    `more`: say how many of the document's `n` the glossary does not show (after the last run;
    `kept`: how many it shows in all, by default those given)."""
    date = f" · {_date(doc)}" if _date(doc) else ""
    only = f" · {LANG_NAMES[doc.languages[0]]} only" if len(doc.languages) == 1 else ""
    if continued:
        lines = [f"### {_doc_link(doc, here, settings)} (continued)\n"]
    else:
        # A block of its own (a raw HTML block, values escaped by md_text): the mark's <details>
        # may not sit in a paragraph. What the text is travels with its renderings.
        facts = f"{_plural(n, 'occurrence')}{date}{only}{_mark(doc, others)}"
        lines = [f"### {_doc_link(doc, here, settings)}\n", f'<div class="dz-term-doc">{facts}</div>\n']
    lines += [_occurrence_line(o, doc, here, settings) for o in shown]
    kept = len(shown) if kept is None else kept
    if more and kept < n:
        lines.append(
            f"- {n - kept} more in this document (the glossary shows at most {MAX_KWIC} "
            "occurrences of an entry in context)"
        )
    lines.append("")
    return lines


def _occurrence_line(o: Occurrence, doc: Document, here: str, settings: Settings) -> str:
    target = relative_md(here, paging.part_path(doc_path(doc, settings), o.part)) + f"#{o.anchor}"
    return f"- [¶{o.number}]({target}) {_kwic(o)}"
