"""The "Source and cleaning" section of a document page (the source file, its encoding and hash,
the audit of every line the cleaner removed, moved or altered) and, for a long audit, its pages."""

from __future__ import annotations

from .. import paging
from ..markup import LANG_TAGS, esc
from ..model import Document, Page, Removal, display_title
from ..settings import Settings
from ..urls import relative
from . import sanitize
from .layout import doc_path, front_matter, lang_of, page_links

# Id of the "Source and cleaning" section, linked from the header.
SOURCE_PANEL_ID = "source-and-cleaning"


def _audit_rows(removals: tuple[Removal, ...] | list[Removal]) -> str:
    """The audit as a table, a row a line."""
    rows = "".join(
        f"<tr><td>{r.line}</td><td>{esc(r.action)}</td><td><code>{esc(r.rule)}</code></td>"
        f'<td lang="{LANG_TAGS.get(lang_of(r.text), "en")}">{esc(r.text) if r.text else "—"}</td><td>{esc(r.reason)}</td></tr>'
        for r in removals
    )
    return (
        '<table class="dz-audit-table"><thead><tr><th scope="col">Line</th><th scope="col">Action</th>'
        '<th scope="col">Rule</th><th scope="col">Text</th><th scope="col">Why</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _audit_summary(doc: Document, here: str, settings: Settings, pages: list[tuple[int, int]]) -> str:
    """A long audit on the document page: how many lines each rule took, and its pages."""
    counts: dict[tuple[str, str], int] = {}
    for r in doc.removals:
        counts[(r.rule, r.action)] = counts.get((r.rule, r.action), 0) + 1
    reasons = {r.rule: r.reason for r in doc.removals}
    rows = "".join(
        f"<tr><td><code>{esc(rule)}</code></td><td>{esc(action)}</td><td>{n:,}</td><td>{esc(reasons[rule])}</td></tr>"
        for (rule, action), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    links = " · ".join(
        f'<a href="{esc(relative(here, paging.audit_path(doc_path(doc, settings), k), settings.use_directory_urls))}">'
        f"lines {doc.removals[start].line:,}–{doc.removals[end - 1].line:,}</a>"
        for k, (start, end) in enumerate(pages, start=1)
    )
    return (
        f"<p>The audit lists {len(doc.removals):,} lines, too many for this page: by rule here, "
        f"line by line on {len(pages)} audit page{'s' if len(pages) != 1 else ''}: {links}.</p>"
        '<table class="dz-audit-rules"><thead><tr><th scope="col">Rule</th><th scope="col">Action</th>'
        '<th scope="col">Lines</th><th scope="col">Why</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def section_html(doc: Document, settings: Settings | None = None) -> str:
    """The section's content: the source file, what the cleaner did, and the audit (whole, or by
    rule with links to its pages when it is long)."""
    src = doc.source
    enc = doc.decoded.encoding if doc.decoded else "—"
    settings = settings or Settings()
    pages = paging.audit_pages(doc.removals)
    if not doc.removals:
        table = "<p>The cleaner removed nothing.</p>"
    elif pages:
        table = _audit_summary(doc, doc_path(doc, settings), settings, pages)
    else:
        table = _audit_rows(doc.removals)
    notes = "".join(
        f'<li class="dz-audit-note">{esc(d.level.value)}: {esc(d.message)}</li>' for d in doc.diagnostics
    )
    notes = f'<ul class="dz-audit-notes">{notes}</ul>' if notes else ""
    return (
        '<details class="dz-audit"><summary>Source and cleaning</summary>'
        f"<p>Source file <code>{esc(src.name)}</code>, {len(src.data):,} bytes, encoding {esc(enc)}.<br>"
        f'SHA-256 <code class="dz-sha">{src.sha256}</code></p>'
        f"<p>{sum(1 for r in doc.removals if r.action == 'removed')} lines removed, "
        f"{sum(1 for r in doc.removals if r.action == 'metadata')} moved to the header, "
        f"{sum(1 for r in doc.removals if r.action == 'altered')} altered.</p>"
        f"{notes}{table}</details>"
    )


def audit_pages(doc: Document, settings: Settings) -> list[Page]:
    """The audit of a long scrape line by line, on pages of at most paging.AUDIT_PAGE_BYTES."""
    ranges = paging.audit_pages(doc.removals)
    first = doc_path(doc, settings)
    out = []
    for k, (start, end) in enumerate(ranges, start=1):
        here = paging.audit_path(first, k)
        back = relative(here, first, settings.use_directory_urls, SOURCE_PANEL_ID)
        nav = page_links(
            "Audit pages",
            "Audit page",
            k,
            len(ranges),
            lambda n, here=here: relative(here, paging.audit_path(first, n), settings.use_directory_urls),
        )
        title = f"Cleaning audit of {display_title(doc)}" + (f", page {k}" if len(ranges) > 1 else "")
        body = sanitize.clean(
            f'<div class="dz-doc dz-audit-page" data-slug="{esc(doc.slug)}" data-source="{esc(settings.sources_dir)}/{esc(doc.source.name)}">'
            f'<header class="dz-header"><p class="dz-crumbs"><a href="{esc(back)}">Back to the document</a></p>'
            f'<h1 class="dz-title"><span>{esc(title)}</span></h1>{nav}</header>'
            f'<section class="dz-source" aria-label="Source and cleaning">'
            f"<p>Lines {doc.removals[start].line:,}–{doc.removals[end - 1].line:,} of <code>{esc(doc.source.name)}</code>: "
            f"{end - start:,} of the {len(doc.removals):,} audited lines.</p>"
            f"{_audit_rows(doc.removals[start:end])}{nav}</section></div>"
        )
        front = {"title": title, "hide": ["navigation", "toc"]}
        out.append(Page(here, front_matter(front) + body + "\n"))
    return out
