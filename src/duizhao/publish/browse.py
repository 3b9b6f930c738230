"""The browse pages: the glossary and a page per entry, the timeline (a picture and the list it
draws, with a page per year), speakers and authors, publishers, and the tags index.

Ordinary Markdown pages: links between pages are Markdown links, which MkDocs resolves and
validates (a broken link or anchor fails the strict build), and they are indexed by search like any
page. Source text and glossary text only enter them through render.md_text (every ASCII mark an
entity), so nothing from a scrape or the glossary can form Markdown or HTML.
"""

from __future__ import annotations

from .. import paging, script
from ..link.link import MAX_KWIC, Group, Linkage, TermStats
from ..link.matcher import KIND_NAMES, KINDS, Entry
from ..link.scan import Occurrence
from ..markup import ZH_TAG
from ..model import Document, Page
from ..urls import relative
from . import provenance, timeline
from .connections import (
    GLOSSARY_INDEX,
    GROUPS_PER_PAGE,
    PEOPLE_DIR,
    PUBLISHERS_DIR,
    TAGS_DIR,
    TAGS_PAGE,
    TIMELINE_INDEX,
    group_path,
    numbered,
    overview_path,
    tag_path,
    term_page_path,
    term_path,
    year_path,
)
from .render import (
    INDEX_PAGE_SIZE,
    LANG_NAMES,
    Settings,
    chunks,
    display_title,
    doc_path,
    front_matter,
    md_text,
    pager,
    relative_md,
    work_title,
    works,
)

ZH = ZH_TAG
# No browse page grows with the corpus (budget: 80 KB of HTML a page at 10,000 documents): long
# lists go on pages of INDEX_PAGE_SIZE documents, like the documents index.
# A year's documents listed on the timeline page itself; the rest are on the year's own pages.
# Fewer when the corpus spans many years: TIMELINE_ROWS rows in all (at least one a year).
TIMELINE_LIST = 10
# Why 120: a row with its provenance mark is up to ~400 bytes; 120 of them, the picture and the
# theme's chrome stay within the 80 KB budget.
TIMELINE_ROWS = 120
# A speaker's or publisher's newest documents shown on the overview; all are on the group's pages.
GROUP_LIST = 5
# Roles of a speaker named on the overview (a role can differ from document to document).
ROLES_LIST = 3
# Tags a page of the tags overview.
TAGS_PER_PAGE = 100
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


# ---- Glossary -------------------------------------------------------------------------------------


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
    parts: list[list[tuple[str, int, int]]] = [[]]
    weight = 0
    for slug, a, b, cost in units:
        if parts[-1] and (weight + cost > TERM_PAGE_BYTES or len(parts[-1]) >= TERM_DOCS_PAGE):
            parts.append([])
            weight = 0
        parts[-1].append((slug, a, b))
        weight += cost
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


# ---- Timeline -------------------------------------------------------------------------------------


def _year_of(doc: Document) -> str:
    d = _date(doc)
    return d[:4] if d[:4].isdigit() else ""


def timeline_pages(
    docs: list[Document], settings: Settings, others: dict[str, Document] | None = None
) -> list[Page]:
    by_year: dict[str, list[Document]] = {}
    undated = []
    for doc in sorted(docs, key=lambda d: (_date(d), display_title(d))):
        y = _year_of(doc)
        (by_year.setdefault(y, []) if y else undated).append(doc)
    here = TIMELINE_INDEX
    points = [
        timeline.Point(
            _date(d),
            work_title(d),
            relative(here, doc_path(d, settings), settings.use_directory_urls),
            d.bilingual,
        )
        for docs_ in by_year.values()
        for d in docs_
    ]
    year_hrefs = {y: relative(here, year_path(y), settings.use_directory_urls) for y in by_year}
    picture = timeline.svg(points, year_hrefs)
    dated = sum(len(v) for v in by_year.values())
    years = sorted(by_year)
    span = f", {years[0]}–{years[-1]}" if years else ""
    lines = [
        _front("Timeline"),
        "# Timeline\n",
        f"{_plural(dated, 'dated document')}{span}; {_plural(len(undated), 'document')} without a date.\n",
    ]
    if picture:
        lines.append(
            f'<figure class="dz-timeline">{picture}<figcaption>Each dot is a document at its date (filled: '
            "Chinese and English; hollow: one language; a large corpus is drawn as one bar a year). Point "
            "at a dot for its title, or follow a year to its page, which lists all its documents; below, the first "
            "of each year."
            "</figcaption></figure>\n"
        )
    out = []
    listed = max(1, min(TIMELINE_LIST, TIMELINE_ROWS // max(1, len(years))))
    for y in years:
        group = by_year[y]
        lines.append(f"## {y} {{#y{y}}}\n")
        lines += [f"- {_date(d)} · {_doc_link(d, here, settings)}{_mark(d, others)}" for d in group[:listed]]
        lines.append("")
        if len(group) > listed:
            lines.append(f"[All {len(group)} documents of {y}]({relative_md(here, year_path(y))})\n")
        out += _year_pages(y, group, settings, others)
    lines.append("## Undated {#undated}\n")
    if undated:
        lines += [f"- {_doc_link(d, here, settings)}{_mark(d, others)}" for d in undated[:TIMELINE_LIST]]
        lines.append("")
        if len(undated) > TIMELINE_LIST:
            link = relative_md(here, year_path("undated"))
            lines.append(f"[All {len(undated)} documents without a date]({link})\n")
            out += _year_pages("undated", undated, settings, others)
    else:
        lines.append("Every document has a date.\n")
    return [Page(here, "\n".join(lines)), *out]


def _year_pages(
    year: str, docs: list[Document], settings: Settings, others: dict[str, Document] | None = None
) -> list[Page]:
    """A year's documents (or the undated ones), oldest first, INDEX_PAGE_SIZE a page."""
    title = "Timeline: undated" if year == "undated" else f"Timeline: {year}"
    what = "without a date" if year == "undated" else "oldest first"

    def head(n: int, first: int, last: int) -> str:
        here = f" ({first}–{last} here)" if len(docs) > INDEX_PAGE_SIZE else ""
        return f"{_plural(len(docs), 'document')}, {what}{here}.\n"

    return _pages_of(
        lambda n: year_path(year, n),
        title,
        docs,
        INDEX_PAGE_SIZE,
        head,
        lambda here, chunk: _doc_rows(here, chunk, settings, others),
        lambda here: f"[The whole timeline]({relative_md(here, TIMELINE_INDEX)})\n",
        "← Earlier",
        "Later →",
    )


# ---- Speakers, publishers, tags -------------------------------------------------------------------


def _group_pages(
    folder: str,
    title: str,
    what: str,
    groups: list[Group],
    docs: dict[str, Document],
    total: int,
    settings: Settings,
) -> list[Page]:
    """The overview of the speakers (or publishers): GROUPS_PER_PAGE groups a page, most documents
    first, each with its newest GROUP_LIST documents; and each group's own pages when it has more."""
    named = sum(len(g.slugs) for g in groups)
    many = "people" if what == "person" else ""

    def head(n: int, first: int, last: int) -> str:
        here = f" ({first}–{last} here, most documents first)" if len(groups) > GROUPS_PER_PAGE else ""
        return f"{_plural(len(groups), what, many)}{here}; {_plural(named, 'document')} name one, {total - named} do not.\n"

    def body(here: str, chunk: list[Group]) -> list[str]:
        lines = []
        for g in chunk:
            other = f" · {_zh(g.other_name)}" if g.other_name else ""
            lines.append(f"## {md_text(g.name)}{other} {{#{g.anchor}}}\n")
            if g.roles:
                roles = "; ".join(
                    _zh(r) if script.language(r) == "zh" else md_text(r) for r in g.roles[:ROLES_LIST]
                )
                more = (
                    f" and {_plural(len(g.roles) - ROLES_LIST, 'other role')}"
                    if len(g.roles) > ROLES_LIST
                    else ""
                )
                lines.append(roles + more + "\n")
            lines += _doc_rows(here, [docs[s] for s in g.slugs[:GROUP_LIST]], settings, docs)
            lines.append("")
            if len(g.slugs) > GROUP_LIST:
                link = relative_md(here, group_path(folder, g.anchor))
                lines.append(f"The newest {GROUP_LIST} of {len(g.slugs)}: [all its documents]({link})\n")
        return lines

    out = _pages_of(
        lambda n: overview_path(folder, n),
        title,
        groups,
        GROUPS_PER_PAGE,
        head,
        body,
        None,
        "← Previous",
        "Next →",
    )
    for g in groups:
        if len(g.slugs) <= GROUP_LIST:
            continue
        back = overview_path(folder, g.rank // GROUPS_PER_PAGE + 1)
        out += _pages_of(
            lambda n, g=g: group_path(folder, g.anchor, n),
            ("Speaker or author: " if what == "person" else "Publisher: ")
            + g.name
            + (f" · {g.other_name}" if g.other_name else ""),
            [docs[s] for s in g.slugs],
            INDEX_PAGE_SIZE,
            lambda n, first, last, g=g: (
                f"{_plural(len(g.slugs), 'document')}, newest first"
                + (f" ({first}–{last} here)" if len(g.slugs) > INDEX_PAGE_SIZE else "")
                + ".\n"
            ),
            lambda here, chunk: _doc_rows(here, chunk, settings, docs),
            lambda here, g=g, back=back: f"[{title}]({relative_md(here, back)}#{g.anchor})\n",
            label=("Speaker or author: " if what == "person" else "Publisher: ")
            + md_text(g.name)
            + (f" · {_zh(g.other_name)}" if g.other_name else ""),
        )
    return out


def tags_pages(linkage: Linkage, docs: dict[str, Document], settings: Settings) -> list[Page]:
    """The tags overview (tags.md: each tag with its number of documents, TAGS_PER_PAGE tags a
    page, most documents first) and each tag's page (its documents, INDEX_PAGE_SIZE a page)."""
    tagged = linkage.tagged()
    ranked = sorted(tagged, key=lambda t: (-len(tagged[t]), t.casefold(), t))
    intro = (
        "Documents by tag. A document is tagged with the glossary's people, places, organisations, "
        "events and key terms it mentions at least twice, and with the tags an editor gives it in its "
        "sidecar (`tags:`)."
    )

    def head(n: int, first: int, last: int) -> str:
        here = f" ({first}–{last} here, most documents first)" if len(ranked) > TAGS_PER_PAGE else ""
        count = f"{_plural(len(ranked), 'tag')}{here}." if ranked else "_No tags yet._"
        return f"{intro}\n\n{count}\n"

    def body(here: str, chunk: list[str]) -> list[str]:
        if not chunk:
            return []
        lines = ["| Tag | Documents |", "| --- | --: |"]
        for t in chunk:
            link = relative_md(here, tag_path(linkage.tags[t]))
            lines.append(f"| [{_heading(t)}]({link}) | {len(tagged[t])} |")
        return lines

    out = _pages_of(
        lambda n: overview_path(TAGS_DIR, n),
        "Tags",
        ranked,
        TAGS_PER_PAGE,
        head,
        body,
        None,
        "← Previous",
        "Next →",
    )
    for t in ranked:
        slug = linkage.tags[t]
        members = [docs[s] for s in tagged[t]]
        out += _pages_of(
            lambda n, slug=slug: tag_path(slug, n),
            f"Tag: {t}",
            members,
            INDEX_PAGE_SIZE,
            lambda n, first, last, members=members: (
                f"{_plural(len(members), 'document')}, newest first"
                + (f" ({first}–{last} here)" if len(members) > INDEX_PAGE_SIZE else "")
                + ".\n"
            ),
            lambda here, chunk: _doc_rows(here, chunk, settings, docs),
            lambda here: f"[All tags]({relative_md(here, TAGS_PAGE)})\n",
            label=f"Tag: {_heading(t)}",
        )
    return out


def pages(
    linkage: Linkage, docs: list[Document], settings: Settings, listed: list[Document] | None = None
) -> list[Page]:
    """Every browse page. `listed`: the documents that stand for their works (render.works) on
    the timeline."""
    by_slug = {d.slug: d for d in docs}
    out = glossary_index(linkage, settings)
    for i in with_pages(linkage, settings):
        out += term_page(i, linkage.glossary.entries[i], linkage.terms[i], by_slug, linkage.order, settings)
    out += timeline_pages(listed if listed is not None else docs, settings, by_slug)
    out += _group_pages(
        PEOPLE_DIR, "Speakers and authors", "person", linkage.people, by_slug, len(docs), settings
    )
    out += _group_pages(
        PUBLISHERS_DIR, "Publishers", "publisher", linkage.publishers, by_slug, len(docs), settings
    )
    out += tags_pages(linkage, by_slug, settings)
    return out
