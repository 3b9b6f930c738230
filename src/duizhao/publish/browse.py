"""The browse pages: the glossary and a page per entry (glossary_pages.py), the timeline (a picture and the list it
draws, with a page per year), speakers and authors, publishers, and the tags index; the pieces
they share are listing.py's.

Ordinary Markdown pages: links between pages are Markdown links, which MkDocs resolves and
validates (a broken link or anchor fails the strict build), and they are indexed by search like any
page. Source text and glossary text only enter them through markup.md_text (every ASCII mark an
entity), so nothing from a scrape or the glossary can form Markdown or HTML.
"""

from __future__ import annotations

from .. import script
from ..link.link import Group, Linkage
from ..markup import md_text
from ..model import Document, Page, display_title
from ..settings import Settings
from ..urls import relative
from . import timeline
from .connections import (
    GROUPS_PER_PAGE,
    PEOPLE_DIR,
    PUBLISHERS_DIR,
    TAGS_DIR,
    TAGS_PAGE,
    TIMELINE_INDEX,
    group_path,
    overview_path,
    tag_path,
    year_path,
)
from .documents_index import INDEX_PAGE_SIZE
from .glossary_pages import (
    glossary_index,
    term_page,
    with_pages,
)
from .layout import doc_path, relative_md
from .listing import (
    _date,
    _doc_link,
    _doc_rows,
    _front,
    _heading,
    _mark,
    _pages_of,
    _plural,
    _zh,
    work_title,
)

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


# ---- Glossary -------------------------------------------------------------------------------------


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
        return [line for g in chunk for line in _group_lines(g, here, folder, docs, settings)]

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
        if len(g.slugs) > GROUP_LIST:
            out += _own_pages(folder, title, what, g, docs, settings)
    return out


def _group_lines(
    g: Group, here: str, folder: str, docs: dict[str, Document], settings: Settings
) -> list[str]:
    """A group on the overview page at `here`: its names, its roles, its newest documents and a
    link to its own pages when it has more."""
    lines = []
    other = f" · {_zh(g.other_name)}" if g.other_name else ""
    lines.append(f"## {md_text(g.name)}{other} {{#{g.anchor}}}\n")
    if g.roles:
        roles = "; ".join(_zh(r) if script.language(r) == "zh" else md_text(r) for r in g.roles[:ROLES_LIST])
        more = f" and {_plural(len(g.roles) - ROLES_LIST, 'other role')}" if len(g.roles) > ROLES_LIST else ""
        lines.append(roles + more + "\n")
    lines += _doc_rows(here, [docs[s] for s in g.slugs[:GROUP_LIST]], settings, docs)
    lines.append("")
    if len(g.slugs) > GROUP_LIST:
        link = relative_md(here, group_path(folder, g.anchor))
        lines.append(f"The newest {GROUP_LIST} of {len(g.slugs)}: [all its documents]({link})\n")
    return lines


def _own_pages(
    folder: str, title: str, what: str, g: Group, docs: dict[str, Document], settings: Settings
) -> list[Page]:
    """A group's own pages: its documents, newest first, INDEX_PAGE_SIZE a page, each page linking
    back to the group on the overview (`title`)."""
    back = overview_path(folder, g.rank // GROUPS_PER_PAGE + 1)
    kind = "Speaker or author: " if what == "person" else "Publisher: "
    return _pages_of(
        lambda n: group_path(folder, g.anchor, n),
        kind + g.name + (f" · {g.other_name}" if g.other_name else ""),
        [docs[s] for s in g.slugs],
        INDEX_PAGE_SIZE,
        lambda n, first, last: (
            f"{_plural(len(g.slugs), 'document')}, newest first"
            + (f" ({first}–{last} here)" if len(g.slugs) > INDEX_PAGE_SIZE else "")
            + ".\n"
        ),
        lambda here, chunk: _doc_rows(here, chunk, settings, docs),
        lambda here: f"[{title}]({relative_md(here, back)}#{g.anchor})\n",
        label=kind + md_text(g.name) + (f" · {_zh(g.other_name)}" if g.other_name else ""),
    )


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
    """Every browse page. `listed`: the documents that stand for their works (listing.works) on
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
