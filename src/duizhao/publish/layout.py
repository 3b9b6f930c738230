"""Where generated pages lie and what they all carry: a document's page path, YAML front matter,
Markdown links between pages, language names and tags, the links between the pages of one
document, and the reader's static files."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from importlib import resources

import yaml

from ..markup import LANG_TAGS, esc
from ..model import Document
from ..script import language
from ..settings import Settings

LANG_NAMES = {"zh": "中文", "en": "English"}
STATIC_FILES = (
    "duizhao.css", "duizhao.js", "search.css", "search.js", "search-engine.js", "links.css",
    "front.css", "front.js", "lookup.js",
    "concordance.js", "concordance.css",  # (loaded by search.js on the concordance page only)
)  # fmt: skip
ASSET_DIR = "assets/duizhao"


def doc_path(doc: Document, settings: Settings) -> str:
    """The Markdown path of a document's (first) page."""
    return f"{settings.texts_dir}/{doc.slug}.md"


# Front-matter values the theme writes into pages as they are (Material's header, <title>,
# <meta name=description>): escaped here, so a title from a source is text wherever it lands.
ESCAPED_FRONT_MATTER = ("title", "description")


def front_matter(values: dict) -> str:
    """A page's YAML front matter; `title` and `description` are given as plain text."""
    values = {k: esc(v) if k in ESCAPED_FRONT_MATTER and isinstance(v, str) else v for k, v in values.items()}
    return "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=True, width=10_000) + "---\n\n"


def relative_md(from_path: str, to_path: str) -> str:
    """A Markdown link target between two source paths (MkDocs resolves and validates it)."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def lang_of(text: str) -> str:
    """The language of a text as one of LANG_TAGS' keys (English when it is neither)."""
    lang = language(text)
    return lang if lang in LANG_TAGS else "en"


def page_links(label: str, noun: str, number: int, count: int, href: Callable[[int], str]) -> str:
    """Links between the pages of one document (its parts, its audit): every page up to 12, else
    the first, the last and those near this one."""
    if count < 2:
        return ""
    shown = (
        range(1, count + 1)
        if count <= 12
        else sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    )
    items, prev = [], 0
    for n in shown:
        if n - prev > 1:
            items.append("<span>…</span>")
        if n == number:
            items.append(f'<strong aria-current="page">{n}</strong>')
        else:
            items.append(f'<a href="{esc(href(n))}">{n}</a>')
        prev = n
    step = []
    if number > 1:
        step.append(f'<a href="{esc(href(number - 1))}" rel="prev">← Previous</a>')
    if number < count:
        step.append(f'<a href="{esc(href(number + 1))}" rel="next">Next →</a>')
    return (
        f'<nav class="dz-parts" aria-label="{esc(label)}"><span>{noun} {number} of {count}:</span> '
        f"{' '.join(items)}{' · ' if step else ''}{' · '.join(step)}</nav>"
    )


def static_files() -> list[tuple[str, bytes]]:
    """The reader's stylesheets and scripts, each with the path it is written to."""
    pkg = resources.files("duizhao.static")
    return [(f"{ASSET_DIR}/{name}", pkg.joinpath(name).read_bytes()) for name in STATIC_FILES]
