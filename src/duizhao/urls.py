"""Page paths and the URLs MkDocs gives them, computed the same way MkDocs does, so links written
inside raw HTML (which MkDocs does not rewrite) work with and without directory URLs."""

from __future__ import annotations

import posixpath


def page_url(path: str, use_directory_urls: bool) -> str:
    """URL of a generated page relative to the site root: "texts/a.md" -> "texts/a/"."""
    stem = path[:-3] if path.endswith(".md") else path
    if not use_directory_urls:
        return stem + ".html" if path.endswith(".md") else path
    if not path.endswith(".md"):
        return path
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(from_path: str, to_path: str, use_directory_urls: bool, anchor: str = "") -> str:
    """Link from the page at `from_path` to `to_path` (both docs-relative source paths)."""
    here = page_url(from_path, use_directory_urls)
    there = page_url(to_path, use_directory_urls)
    base = here if here.endswith("/") or here == "" else posixpath.dirname(here) + "/"
    if base in ("", "/"):
        rel = there or "./"
    else:
        rel = posixpath.relpath(there or ".", base.rstrip("/") or ".")
        if there.endswith("/") and not rel.endswith("/"):
            rel += "/"
        if rel == "./" or rel == ".":
            rel = "./"
    if use_directory_urls is False and rel.endswith("/"):
        rel += "index.html"
    return rel + (f"#{anchor}" if anchor else "")
