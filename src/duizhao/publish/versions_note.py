"""The note on a document's page naming the other versions of its text (link/versions.py: the same
text republished) and linking to their comparison (compare_page.py): "also published by X on DATE;
compare"."""

from __future__ import annotations

from ..link.versions import Other
from ..markup import esc
from ..settings import Settings
from ..urls import relative

COMPARE_DIR = "compare"


def page_path(ref: str, other: str) -> str:
    """The compare page of a work's reference and another of its versions (slugs)."""
    return f"{COMPARE_DIR}/{ref}--{other}.md"


def note_html(also: tuple[Other, ...], here: str, settings: Settings) -> str:
    """The line on a version's page: each other version, by publisher and date, and the comparison."""
    if not also:
        return ""
    items = []
    for a in also:
        who = esc(a.publisher) if a.publisher else "another source"
        when = f" on {esc(a.date)}" if a.date else " (undated)"
        doc = relative(here, f"{settings.texts_dir}/{a.slug}.md", settings.use_directory_urls)
        cmp = relative(here, page_path(*a.pair), settings.use_directory_urls)
        role = (
            ' <span class="dz-version-ref" title="' + esc(a.why) + '">(reference)</span>'
            if a.reference
            else ""
        )
        items.append(
            f'<a href="{esc(doc)}">also published by {who}{when}</a>{role}; <a href="{esc(cmp)}">compare</a>'
        )
    return '<p class="dz-versions">The same text, republished: ' + " · ".join(items) + "</p>"
