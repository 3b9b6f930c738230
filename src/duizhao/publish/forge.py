"""Links into the project's repository on its forge (GitHub) for a document page's buttons. A
generated page has no file of its own, so "edit" must lead to what an editor may change: the sidecar
beside the scrape, never the scrape and never generated Markdown.

Every function returns "" (or no buttons) when the site has no repo_url.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from ..model import Document
from ..settings import Settings

# What a new sidecar starts with when an editor opens it from a page: the keys, commented out.
SIDECAR_TEMPLATE = """\
# Corrections for {name}. The scrape itself is never edited: what is written here overrides what
# the pipeline decided. Uncomment what you need; docs/editors.md explains every key.
# title_zh:
# title_en:
# date: YYYY-MM-DD
# author:
# role:
# venue:
# publisher:
# source_url:
# translation: human   # original | human | machine-suspected | official-bilingual | unknown
# keep: []             # source lines the cleaner removed but readers need (numbers or exact text)
# drop: []             # source lines the cleaner kept but are not part of the text
"""


def _path(settings: Settings, name: str) -> str:
    folder = settings.sources_dir.strip("/")
    return quote(f"{folder}/{name}" if folder else name)


def scrape_url(settings: Settings, name: str) -> str:
    """The scrape as stored, for reading (GitHub's file view)."""
    if not settings.repo_url:
        return ""
    return f"{settings.repo_url}/blob/{quote(settings.branch)}/{_path(settings, name)}"


def sidecar_name(name: str) -> str:
    """The sidecar a new correction goes into: `<stem>.yml` beside the scrape."""
    return (name.rsplit(".", 1)[0] if "." in name.rsplit("/", 1)[-1] else name) + ".yml"


def sidecar_url(settings: Settings, name: str, existing: str | None) -> str:
    """Edit the sidecar `existing` (relative to sources/), or open GitHub's new-file form for one,
    prefilled with the commented keys."""
    if not settings.repo_url:
        return ""
    branch = quote(settings.branch)
    if existing:
        return f"{settings.repo_url}/edit/{branch}/{_path(settings, existing)}"
    target = sidecar_name(name)
    folder, _, filename = f"{settings.sources_dir.strip('/')}/{target}".lstrip("/").rpartition("/")
    query = urlencode({"filename": filename, "value": SIDECAR_TEMPLATE.format(name=name)})
    return f"{settings.repo_url}/new/{branch}/{quote(folder)}?{query}"


def page_actions(settings: Settings, doc: Document, sidecar: str | None) -> list[dict[str, str]]:
    """The buttons at the top of a document page: edit (the sidecar) and view (the scrape). ("Report
    a problem" is in the page header and on every pair: citation.report_url.) Icons are Material's;
    overrides/partials/actions.html draws them."""
    if not settings.repo_url:
        return []
    name = doc.source.name
    edit_title = (
        f"Edit corrections ({settings.sources_dir}/{sidecar})"
        if sidecar
        else f"Add corrections ({settings.sources_dir}/{sidecar_name(name)}); the scrape is never edited"
    )
    return [
        {
            "url": sidecar_url(settings, name, sidecar),
            "title": edit_title,
            "icon": "material/file-edit-outline",
            "rel": "edit",
        },
        {
            "url": scrape_url(settings, name),
            "title": f"View the scrape ({settings.sources_dir}/{name})",
            "icon": "material/file-eye-outline",
            "rel": "",
        },
    ]
