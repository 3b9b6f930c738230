"""Links into the project's repository on its forge (GitHub): view a scrape, edit or create its
sidecar, report a problem. A generated page has no file of its own, so "edit" must lead to what an
editor may change: the sidecar beside the scrape, never the scrape and never generated Markdown.

Every function returns "" when the site has no repo_url, and callers then leave the link out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

if TYPE_CHECKING:  # render re-exports issue_url, so no import at run time
    from .render import Settings

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
# Longest issue body we put into a URL: GitHub refuses very long request lines.
MAX_BODY = 1500


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


def issue_url(
    settings: Settings,
    page_title: str,
    anchor: str = "",
    page_path: str = "",
    source: str = "",
) -> str:
    """A new issue, prefilled with the page (and paragraph anchor) it is about.

    `page_path` is the page's URL relative to the site root (e.g. "texts/a/"); with the site's
    site_url it becomes a full link. `source` names the scrape, so a maintainer can open it."""
    if not settings.repo_url:
        return ""
    where = f"#{anchor}" if anchor else ""
    title = f"Problem on “{page_title}”" + (f" ({where})" if where else "")
    page = (settings.site_url.rstrip("/") + "/" + page_path if settings.site_url else page_path) + where
    lines = [f"Page: {page}" if page else f"Page: {page_title}"]
    if anchor:
        lines.append(f"Paragraph: {where}")
    if source:
        lines.append(f"Source file: {settings.sources_dir.strip('/')}/{source}")
    lines += [
        "",
        "What is wrong? (text missing or left over after cleaning, wrong title/date/author, "
        "Chinese and English paired wrongly, translation, other)",
        "",
        "",
    ]
    body = "\n".join(lines)[:MAX_BODY]
    return f"{settings.repo_url}/issues/new?" + urlencode({"title": title[:200], "body": body})


def page_actions(
    settings: Settings, name: str, sidecar: str | None, page_title: str, page_path: str
) -> list[dict[str, str]]:
    """The buttons at the top of a document page: edit (the sidecar), view (the scrape), report.
    Icons are Material's; the theme override draws them."""
    if not settings.repo_url:
        return []
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
        {
            "url": issue_url(settings, page_title, "", page_path, name),
            "title": "Report a problem with this page",
            "icon": "material/message-alert-outline",
            "rel": "",
        },
    ]
