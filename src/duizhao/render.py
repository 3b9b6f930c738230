"""Stage 7, render: documents to page Markdown.

A document page is front matter we write plus one raw HTML block. Source text only ever enters
that block HTML-escaped, and Markdown leaves raw HTML blocks alone, so nothing from a scrape is
read as Markdown, HTML, front matter or template syntax. Listing pages use Markdown links (which
MkDocs validates) with every ASCII punctuation mark of source text written as an entity.
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass
from importlib import resources

import yaml

from .forge import issue_url
from .model import Bead, BlockKind, Document, Field, Page, Paragraph
from .urls import relative

LANG_TAGS = {"zh": "zh-Hans", "en": "en"}
LANG_NAMES = {"zh": "中文", "en": "English"}
STATIC_FILES = ("duizhao.css", "duizhao.js")
ASSET_DIR = "assets/duizhao"
HOME_MARKER = "<!-- duizhao:documents -->"
TRANSLATION_LABELS = {
    "original": "original text",
    "human": "human translation",
    "machine-suspected": "machine translation suspected, unreviewed",
    "official-bilingual": "official bilingual release",
    "unknown": "translation status unknown",
}


@dataclass(frozen=True)
class Settings:
    texts_dir: str = "texts"
    use_directory_urls: bool = True
    # The project's repository (mkdocs.yml repo_url), for "Edit source" and "Report a problem"
    # links; empty when the site has none, and the links are then left out.
    repo_url: str = ""
    # Branch that edit links point at.
    branch: str = "main"
    # Folder of the scrapes inside the repository.
    sources_dir: str = "sources"
    # The published site's address (mkdocs.yml site_url), for full links in issue reports.
    site_url: str = ""


def esc(text: str) -> str:
    return html.escape(text, quote=True)


_MD_PUNCT = re.compile(r"[!-/:-@\[-`{-~]")


def md_text(text: str) -> str:
    """Source text for a Markdown context: every ASCII punctuation mark becomes a numeric entity, so
    no Markdown (or extension) syntax can form, and the reader still sees the same characters."""
    return _MD_PUNCT.sub(lambda m: f"&#{ord(m.group())};", text)


def doc_path(doc: Document, settings: Settings) -> str:
    return f"{settings.texts_dir}/{doc.slug}.md"


def titles(doc: Document) -> list[tuple[str, Field]]:
    out = []
    for lang, f in (("zh", doc.metadata.title_zh), ("en", doc.metadata.title_en)):
        if f is not None and f.value:
            out.append((lang, f))
    return out


def display_title(doc: Document) -> str:
    parts = [f.value for _, f in titles(doc)]
    return " / ".join(parts) if parts else doc.source.name


def _front_matter(values: dict) -> str:
    return "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=True, width=10_000) + "---\n\n"


@dataclass(frozen=True)
class Mark:
    """An inline element over text[start:end]; marks of one layer never overlap each other."""

    start: int
    end: int
    open: str
    close: str


def inline_html(text: str, layers: list[list[Mark]]) -> str:
    """Escaped `text` with the marks of each layer wrapped around it, outer layers first.

    A mark that crosses an outer one is split, so the HTML always nests properly: e.g. bold text
    running over a sentence boundary becomes two <strong> elements, one in each sentence span.
    """
    cuts = {0, len(text)}
    for layer in layers:
        for m in layer:
            cuts.update((max(0, m.start), min(len(text), m.end)))
    points = sorted(cuts)
    out: list[str] = []
    stack: list[Mark] = []
    for a, b in itertools.pairwise(points):
        active = []
        for layer in layers:
            hit = next((m for m in layer if m.start <= a and b <= m.end), None)
            if hit is not None:
                active.append(hit)
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] is active[keep]:
            keep += 1
        for m in reversed(stack[keep:]):
            out.append(m.close)
        for m in active[keep:]:
            out.append(m.open)
        stack = active
        out.append(esc(text[a:b]))
    for m in reversed(stack):
        out.append(m.close)
    return "".join(out)


def sentence_offsets(text: str, sentences: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where each sentence sits in its paragraph; the whole text if they cannot be found in order."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for sentence in sentences:
        i = text.find(sentence, pos)
        if i < 0:
            return [(0, len(text))]
        spans.append((i, i + len(sentence)))
        pos = i + len(sentence)
    return spans or [(0, len(text))]


def link_groups(bead: Bead) -> tuple[list[int], list[int]]:
    """The link group of every zh and en sentence of a bead (see model.Link); without sentence
    links every sentence is in group 0, so the whole zh side answers to the whole en side."""
    zh = [0] * len(bead.zh_sentences)
    en = [0] * len(bead.en_sentences)
    for k, link in enumerate(bead.links):
        for i in link.zh:
            if i < len(zh):
                zh[i] = k
        for i in link.en:
            if i < len(en):
                en[i] = k
    return zh, en


def _paragraph_html(p: Paragraph, groups: list[int], first: int) -> str:
    """One paragraph; its sentences are numbered from `first` within the bead's side."""
    text = p.text
    sentences = [
        Mark(
            s,
            e,
            f'<span class="dz-s" data-s="{first + i}" data-link="{groups[first + i] if first + i < len(groups) else 0}">',
            "</span>",
        )
        for i, (s, e) in enumerate(sentence_offsets(text, p.sentences))
    ]
    strong = [Mark(s, e, "<strong>", "</strong>") for s, e in p.block.strong]
    inner = inline_html(text, [sentences, strong])
    kind = p.kind
    if kind is BlockKind.HEADING:
        level = min(6, max(2, p.block.level + 1))
        return f'<h{level} class="dz-h">{inner}</h{level}>'
    cls = {
        BlockKind.PARAGRAPH: "dz-p",
        BlockKind.LIST_ITEM: "dz-p dz-li",
        BlockKind.QUOTE: "dz-p dz-quote",
        BlockKind.CAPTION: "dz-p dz-caption",
        BlockKind.SALUTATION: "dz-p dz-salutation",
        BlockKind.SIGNOFF: "dz-p dz-signoff",
        BlockKind.NOTE: "dz-p dz-note",
    }[kind]
    label = {
        BlockKind.CAPTION: '<span class="dz-label">Caption</span> ',
        BlockKind.NOTE: '<span class="dz-label">Note</span> ',
    }.get(kind, "")
    return f'<p class="{cls}">{label}{inner}</p>'


def _cell(lang: str, paragraphs: tuple[Paragraph, ...], groups: list[int]) -> str:
    tag = LANG_TAGS[lang]
    if not paragraphs:
        return f'<div class="dz-cell dz-{lang} dz-empty" lang="{tag}"></div>'
    parts, first = [], 0
    for p in paragraphs:
        parts.append(_paragraph_html(p, groups, first))
        first += len(p.sentences)
    return f'<div class="dz-cell dz-{lang}" lang="{tag}">{"".join(parts)}</div>'


def _pair_html(bead: Bead, number: int, languages: tuple[str, ...]) -> str:
    zh_groups, en_groups = link_groups(bead)
    cells = "".join(
        _cell(lang, bead.zh, zh_groups) if lang == "zh" else _cell(lang, bead.en, en_groups)
        for lang in languages
    )
    link = (
        f'<a class="dz-permalink" href="#{bead.anchor}" '
        f'aria-label="Permalink to paragraph {number}" title="Permalink">¶{number}</a>'
    )
    return (
        f'<div class="dz-pair" id="{bead.anchor}" data-confidence="{bead.confidence:.2f}" '
        f'data-method="{esc(bead.method)}">{link}{cells}</div>'
    )


def _meta_rows(doc: Document) -> list[tuple[str, str]]:
    m = doc.metadata
    rows: list[tuple[str, str]] = []

    def val(f: Field | None) -> str:
        if f is None:
            return ""
        origin = (
            f' <span class="dz-origin" title="{esc(f.evidence)}">({esc(f.origin)})</span>'
            if f.origin != "extracted"
            else ""
        )
        return f'<span title="{esc(f.evidence)}">{esc(f.value)}</span>{origin}'

    if m.date:
        rows.append(("Date", f'<time datetime="{esc(m.date.value)}">{val(m.date)}</time>'))
    if m.author:
        who = val(m.author) + (f", {val(m.role)}" if m.role else "")
        rows.append(("Speaker or author", who))
    if m.venue:
        rows.append(("Venue", val(m.venue)))
    if m.publisher:
        rows.append(("Publisher", val(m.publisher)))
    if m.source_url:
        url = m.source_url.value
        shown = esc(url)
        if re.match(r"^https?://", url.strip().lower()):
            shown = f'<a href="{esc(url)}" rel="nofollow noopener noreferrer">{esc(url)}</a>'
        rows.append(("Source", shown))
    langs = " · ".join(LANG_NAMES[lang] for lang in doc.languages) or "—"
    rows.append(("Languages", langs))
    if m.translation:
        label = TRANSLATION_LABELS.get(m.translation.value, m.translation.value)
        rows.append(
            (
                "Translation",
                f'<span class="dz-badge dz-badge-{esc(m.translation.value)}" title="{esc(m.translation.evidence)}">{esc(label)}</span>',
            )
        )
    return rows


def _audit_html(doc: Document) -> str:
    src = doc.source
    enc = doc.decoded.encoding if doc.decoded else "—"
    rows = "".join(
        f"<tr><td>{r.line}</td><td>{esc(r.action)}</td><td><code>{esc(r.rule)}</code></td>"
        f'<td lang="{LANG_TAGS.get(_lang_of(r.text), "en")}">{esc(r.text) if r.text else "—"}</td><td>{esc(r.reason)}</td></tr>'
        for r in doc.removals
    )
    table = (
        '<table class="dz-audit-table"><thead><tr><th scope="col">Line</th><th scope="col">Action</th>'
        '<th scope="col">Rule</th><th scope="col">Text</th><th scope="col">Why</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        if doc.removals
        else "<p>The cleaner removed nothing.</p>"
    )
    return (
        '<details class="dz-audit"><summary>Source and cleaning</summary>'
        f"<p>Source file <code>{esc(src.name)}</code>, {len(src.data):,} bytes, encoding {esc(enc)}.<br>"
        f'SHA-256 <code class="dz-sha">{src.sha256}</code></p>'
        f"<p>{sum(1 for r in doc.removals if r.action == 'removed')} lines removed, "
        f"{sum(1 for r in doc.removals if r.action == 'metadata')} moved to the header, "
        f"{sum(1 for r in doc.removals if r.action == 'altered')} altered.</p>"
        f"{table}</details>"
    )


def _lang_of(text: str) -> str:
    from .script import language

    lang = language(text)
    return lang if lang in LANG_TAGS else "en"


def document_page(doc: Document, settings: Settings) -> Page:
    languages = doc.languages or ("en",)
    title_html = (
        "".join(
            f'<span class="dz-title-{lang}" lang="{LANG_TAGS[lang]}">{esc(f.value)}</span>'
            for lang, f in titles(doc)
        )
        or f"<span>{esc(doc.source.name)}</span>"
    )
    meta = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in _meta_rows(doc))
    notice = ""
    if len(languages) == 1:
        only = LANG_NAMES[languages[0]]
        missing = "English" if languages[0] == "zh" else "Chinese"
        notice = (
            f'<p class="dz-notice" role="note">No translation is available yet: this document is '
            f"in {only} only; a {missing} version has not been found or made.</p>"
        )
    mode = "dz-bilingual" if len(languages) == 2 else "dz-monolingual"
    pairs = "".join(_pair_html(b, i, languages) for i, b in enumerate(doc.beads, start=1))
    body = (
        f'<div class="dz-doc {mode}" data-slug="{esc(doc.slug)}">'
        f'<header class="dz-header"><h1 class="dz-title">{title_html}</h1>'
        f'<dl class="dz-meta">{meta}</dl>{notice}</header>'
        f'<div class="dz-text" data-languages="{" ".join(languages)}">{pairs}</div>'
        f"{_audit_html(doc)}</div>"
    )
    front = {
        "title": esc(display_title(doc)),
        "description": esc(_description(doc)),
        "hide": ["toc"],
    }
    return Page(path=doc_path(doc, settings), markdown=_front_matter(front) + body + "\n")


def _description(doc: Document) -> str:
    first = next((p.text for p in doc.paragraphs if p.kind is BlockKind.PARAGRAPH), "")
    return first[:160]


def _sort_key(doc: Document) -> tuple:
    date = doc.metadata.date.value if doc.metadata.date else ""
    return (date == "", _neg(date), display_title(doc))


def _neg(date: str) -> str:
    # newest first: invert digits so a plain ascending sort puts later dates first
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in date)


def document_table(docs: list[Document], from_path: str, settings: Settings) -> str:
    """A Markdown table of every document: title (linked), date, languages."""
    if not docs:
        return "_No documents yet: add scrapes to `sources/`._\n"
    lines = ["| Document | Date | Languages |", "| --- | --- | --- |"]
    for doc in sorted(docs, key=_sort_key):
        target = doc_path(doc, settings)
        rel = relative_md(from_path, target)
        date = doc.metadata.date.value if doc.metadata.date else "—"
        langs = " · ".join(LANG_NAMES[lang] for lang in doc.languages) or "—"
        lines.append(f"| [{md_text(display_title(doc))}]({rel}) | {date} | {langs} |")
    return "\n".join(lines) + "\n"


def relative_md(from_path: str, to_path: str) -> str:
    """A Markdown link target between two source paths (MkDocs resolves and validates it)."""
    import posixpath

    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def index_page(docs: list[Document], settings: Settings) -> Page:
    path = f"{settings.texts_dir}/index.md"
    body = (
        _front_matter({"title": "Documents"})
        + "# Documents\n\n"
        + f"{len(docs)} documents, newest first.\n\n"
        + document_table(docs, path, settings)
    )
    return Page(path=path, markdown=body)


def fill_home(markdown: str, docs: list[Document], page_path: str, settings: Settings) -> str:
    if HOME_MARKER not in markdown:
        return markdown
    return markdown.replace(HOME_MARKER, document_table(docs, page_path, settings))


def static_files() -> list[tuple[str, bytes]]:
    pkg = resources.files("duizhao.static")
    return [(f"{ASSET_DIR}/{name}", pkg.joinpath(name).read_bytes()) for name in STATIC_FILES]


__all__ = [
    "Settings",
    "document_page",
    "fill_home",
    "index_page",
    "issue_url",
    "md_text",
    "relative",
    "static_files",
]
