"""The browse pages: the glossary and a page per entry, the timeline (a picture and the list it
draws, with a page per year), speakers and authors, publishers, and the tags index.

Ordinary Markdown pages: links between pages are Markdown links, which MkDocs resolves and
validates (a broken link or anchor fails the strict build), and they are indexed by search like any
page. Source text and glossary text only enter them through render.md_text (every ASCII mark an
entity), so nothing from a scrape or the glossary can form Markdown or HTML.
"""

from __future__ import annotations

import yaml

from . import script, timeline
from .connections import (
    GLOSSARY_INDEX,
    PEOPLE_PAGE,
    PUBLISHERS_PAGE,
    TAGS_PAGE,
    TIMELINE_INDEX,
    term_path,
    year_path,
)
from .glossary import KIND_NAMES, KINDS, Entry
from .link import MAX_KWIC, Group, Linkage, Occurrence, TermStats
from .model import Document, Page
from .render import LANG_NAMES, Settings, display_title, doc_path, md_text, relative_md
from .urls import relative

ZH = "zh-Hans"
# A year's documents listed on the timeline page itself; the rest are on the year's own page.
TIMELINE_LIST = 20


def _front(title: str) -> str:
    return "---\n" + yaml.safe_dump({"title": title}, allow_unicode=True, width=10_000) + "---\n\n"


def _zh(text: str) -> str:
    return f'<span lang="{ZH}">{md_text(text)}</span>'


def _label(e: Entry) -> str:
    return f"{_zh(e.zh)} · {md_text(e.name)}"


def _doc_link(doc: Document, here: str, settings: Settings, anchor: str = "") -> str:
    target = relative_md(here, doc_path(doc, settings)) + (f"#{anchor}" if anchor else "")
    title = display_title(doc)
    text = _zh(title) if script.language(title) == "zh" else md_text(title)
    return f"[{text}]({target})"


def _date(doc: Document) -> str:
    return doc.metadata.date.value if doc.metadata.date else ""


def _plural(n: int, word: str, many: str = "") -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


# ---- Glossary -------------------------------------------------------------------------------------


def glossary_index(linkage: Linkage) -> Page:
    entries = linkage.glossary.entries
    found = sum(1 for t in linkage.terms if t.total)
    lines = [
        _front("Glossary"),
        "# Glossary\n",
        f"{_plural(len(entries), 'entry', 'entries')}, "
        f"{found} found in the texts. Every occurrence of an entry in a text, Chinese or English, "
        "links to its page, which lists each occurrence in context beside its aligned counterpart and "
        "the renderings translators used. Editors extend the glossary in `sources/glossary.yml` "
        "(see the [editor's guide](../editors.md#edit-the-glossary)).\n",
    ]
    if not entries:
        lines.append("_No glossary yet: add `sources/glossary.yml`._\n")
    for kind in KINDS:
        group = [(i, e) for i, e in enumerate(entries) if e.kind == kind]
        if not group:
            continue
        group.sort(key=lambda ie: (-linkage.terms[ie[0]].total, ie[1].name.casefold()))
        lines.append(f"## {KIND_NAMES[kind]}\n")
        lines.append("| Chinese | English | Occurrences | Documents |")
        lines.append("| --- | --- | --: | --: |")
        for i, e in group:
            t = linkage.terms[i]
            link = relative_md(GLOSSARY_INDEX, term_path(e))
            lines.append(f"| [{_zh(e.zh)}]({link}) | {md_text(e.name)} | {t.total} | {len(t.by_doc)} |")
        lines.append("")
    return Page(GLOSSARY_INDEX, "\n".join(lines) + "\n")


def _kwic(o: Occurrence) -> str:
    lang = ZH if o.lang == "zh" else "en"
    line = (
        f'<span class="dz-kwic" lang="{lang}">{md_text(o.before)}<mark>{md_text(o.form)}</mark>'
        f"{md_text(o.after)}</span>"
    )
    if o.counterpart:
        cp_lang = ZH if o.counterpart_lang == "zh" else "en"
        text = o.counterpart
        if o.rendering:
            a, b = o.rendering
            inner = f"{md_text(text[:a])}<mark>{md_text(text[a:b])}</mark>{md_text(text[b:])}"
        else:
            inner = md_text(text)
        line += f'<br><span class="dz-kwic-cp" lang="{cp_lang}">{inner}</span>'
    return line


def term_page(
    i: int, e: Entry, t: TermStats, docs: dict[str, Document], order: list[str], settings: Settings
) -> Page:
    here = term_path(e)
    lines = [_front(f"{e.zh} · {e.name}"), f"# {_label(e)}\n"]
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
            "glossary that the counterpart uses.\n"
        )
        lines.append("| Rendering | Times | Documents |\n| --- | --: | --- |")
        for key, (form, n) in sorted(t.renderings.items(), key=lambda kv: (-kv[1][1], kv[1][0])):
            where = ", ".join(
                _doc_link(docs[s], here, settings) for s in order if s in t.rendering_docs.get(key, ())
            )
            lines.append(f"| {md_text(form)} | {n} | {where} |")
        if t.unrendered:
            lines.append(f"| _none of the glossary's wordings_ | {t.unrendered} | see below |")
        lines.append("")
    lines.append("## Occurrences\n")
    if not t.total:
        lines.append("_Not found in any text yet._\n")
    else:
        lines.append(
            f"{t.total} in {_plural(len(t.by_doc), 'document')}, newest document first: each in "
            "context, with the aligned text of the other language below it when there is one.\n"
        )
    shown: dict[str, list[Occurrence]] = {}
    for o in t.occurrences:
        shown.setdefault(o.slug, []).append(o)
    for slug in order:
        n = t.by_doc.get(slug, 0)
        if not n:
            continue
        doc = docs[slug]
        date = f" · {_date(doc)}" if _date(doc) else ""
        only = f" · {LANG_NAMES[doc.languages[0]]} only" if len(doc.languages) == 1 else ""
        lines.append(f"### {_doc_link(doc, here, settings)}\n")
        lines.append(f"{_plural(n, 'occurrence')}{date}{only}\n")
        for o in shown.get(slug, []):
            target = relative_md(here, doc_path(doc, settings)) + f"#{o.anchor}"
            lines.append(f"- [¶{o.number}]({target}) {_kwic(o)}")
        if len(shown.get(slug, [])) < n:
            lines.append(
                f"- {n - len(shown.get(slug, []))} more in this document (a term page shows at most "
                f"{MAX_KWIC} occurrences in context)"
            )
        lines.append("")
    lines.append(f"[All glossary entries]({relative_md(here, GLOSSARY_INDEX)})\n")
    return Page(here, "\n".join(lines))


# ---- Timeline -------------------------------------------------------------------------------------


def _year_of(doc: Document) -> str:
    d = _date(doc)
    return d[:4] if d[:4].isdigit() else ""


def timeline_pages(docs: list[Document], settings: Settings) -> list[Page]:
    by_year: dict[str, list[Document]] = {}
    undated = []
    for doc in sorted(docs, key=lambda d: (_date(d), display_title(d))):
        y = _year_of(doc)
        (by_year.setdefault(y, []) if y else undated).append(doc)
    here = TIMELINE_INDEX
    points = [
        timeline.Point(
            _date(d),
            display_title(d),
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
            "at a dot for its title, or follow a year to its page; the same documents are listed below."
            "</figcaption></figure>\n"
        )
    out = []
    for y in years:
        group = by_year[y]
        lines.append(f"## {y} {{#y{y}}}\n")
        for d in group[:TIMELINE_LIST]:
            lines.append(f"- {_date(d)} · {_doc_link(d, here, settings)}")
        lines.append("")
        if len(group) > TIMELINE_LIST:
            lines.append(f"[All {len(group)} documents of {y}]({relative_md(here, year_path(y))})\n")
        out.append(_year_page(y, group, settings))
    lines.append("## Undated {#undated}\n")
    if undated:
        lines += [f"- {_doc_link(d, here, settings)}" for d in undated]
        lines.append("")
    else:
        lines.append("Every document has a date.\n")
    return [Page(here, "\n".join(lines)), *out]


def _year_page(year: str, docs: list[Document], settings: Settings) -> Page:
    here = year_path(year)
    lines = [_front(f"Timeline: {year}"), f"# {year}\n", f"{_plural(len(docs), 'document')}, oldest first.\n"]
    lines += [f"- {_date(d)} · {_doc_link(d, here, settings)}" for d in docs]
    lines.append(f"\n[The whole timeline]({relative_md(here, TIMELINE_INDEX)})\n")
    return Page(here, "\n".join(lines))


# ---- Speakers, publishers, tags -------------------------------------------------------------------


def _group_page(
    path: str,
    title: str,
    what: str,
    groups: list[Group],
    docs: dict[str, Document],
    total: int,
    settings: Settings,
) -> Page:
    named = sum(len(g.slugs) for g in groups)
    lines = [
        _front(title),
        f"# {title}\n",
        f"{_plural(len(groups), what, 'people' if what == 'person' else '')}; "
        f"{_plural(named, 'document')} name one, {total - named} do not.\n",
    ]
    for g in groups:
        other = f" · {_zh(g.other_name)}" if g.other_name else ""
        lines.append(f"## {md_text(g.name)}{other} {{#{g.anchor}}}\n")
        if g.roles:
            lines.append(
                "; ".join(_zh(r) if script.language(r) == "zh" else md_text(r) for r in g.roles) + "\n"
            )
        for slug in g.slugs:
            d = docs[slug]
            date = f"{_date(d)} · " if _date(d) else ""
            lines.append(f"- {date}{_doc_link(d, path, settings)}")
        lines.append("")
    return Page(path, "\n".join(lines))


def tags_page() -> Page:
    text = (
        _front("Tags")
        + "# Tags\n\n"
        + "Documents by tag. A document is tagged with the glossary's people, places, organisations, "
        "events and key terms it mentions at least twice, and with the tags an editor gives it in its "
        "sidecar (`tags:`).\n\n" + "<!-- material/tags -->\n"
    )
    return Page(TAGS_PAGE, text)


def pages(linkage: Linkage, docs: list[Document], settings: Settings) -> list[Page]:
    """Every browse page."""
    by_slug = {d.slug: d for d in docs}
    out = [glossary_index(linkage)]
    out += [
        term_page(i, e, linkage.terms[i], by_slug, linkage.order, settings)
        for i, e in enumerate(linkage.glossary.entries)
    ]
    out += timeline_pages(docs, settings)
    out.append(
        _group_page(
            PEOPLE_PAGE, "Speakers and authors", "person", linkage.people, by_slug, len(docs), settings
        )
    )
    out.append(
        _group_page(
            PUBLISHERS_PAGE, "Publishers", "publisher", linkage.publishers, by_slug, len(docs), settings
        )
    )
    out.append(tags_page())
    return out
