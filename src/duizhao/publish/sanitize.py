"""Stage 8, sanitise: the HTML made from a source passes an allow-list before it reaches a page.

render escapes every piece of source text, so on its output this pass changes nothing (the tests
check that); it is the second wall, for the day a change lets markup through. Only the elements and
attributes render writes survive, each attribute value checked:
- links only to http, https and mailto, decided on the entity- and percent-decoded, trimmed,
  lower-cased address (relative links within the site stay; `//host` and `\\host` do not);
- ids only of our own forms (`p-` plus eight hex digits for pairs, `dz-*`, the source panel), so no
  element can take the name of one of the theme's (`__search`, `__drawer`, `__config`...) or of a
  `window` property;
- classes only `dz-*` (never the theme's `md-*`, which its scripts look up), data attributes only
  ours (never `data-md-*`), no style, no event handler, no element that loads anything (img,
  iframe, object, link, base, form...).
Built on nh3 (the Rust ammonia sanitiser, an HTML5 parser), never on regular expressions.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from functools import lru_cache

import nh3

# Elements render writes. Anything else is unwrapped (its text kept: a sanitiser must not drop
# text silently), except script and style, whose content is code, not text.
TAGS = frozenset(
    {
        "a", "br", "button", "code", "dd", "details", "div", "dl", "dt", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "kbd", "li", "nav", "p", "section", "span", "strong", "summary", "table",
        "tbody", "td", "th", "thead", "time", "tr", "ul",
    }
)  # fmt: skip
DROP_CONTENT = frozenset({"script", "style"})
# Our data attributes, read by the reader's script (static/duizhao.js).
DATA_ATTRIBUTES = frozenset(
    {
        "data-s", "data-link", "data-n", "data-confidence", "data-method", "data-slug",
        "data-languages", "data-view", "data-title-zh", "data-title-en", "data-author", "data-role",
        "data-date", "data-publisher", "data-source", "data-url", "data-report", "data-term",
        "data-score", "data-how", "data-parts-src", "data-part-urls", "data-venue", "data-source-url",
        "data-translation", "data-counterpart", "data-counterpart-lang", "data-version",
    }
)  # fmt: skip
GENERIC = frozenset(
    {
        "class", "id", "lang", "title", "hidden", "role", "aria-label", "aria-hidden", "aria-pressed",
        "aria-current",
    }
)  # fmt: skip
ATTRIBUTES = {
    "*": set(GENERIC | DATA_ATTRIBUTES),
    # tabindex -1: glossary links inside sentences leave the text one tab stop (reader keys);
    # download and type: the alignment's TMX and JSON files.
    "a": {"href", "rel", "tabindex", "download", "type"},
    "section": {"aria-labelledby"},
    "time": {"datetime"},
    "th": {"scope"},
    "button": {"type"},
}
SCHEMES = frozenset({"http", "https", "mailto"})
URL_ATTRIBUTES = frozenset({"href", "data-url", "data-report", "data-parts-src", "data-source-url"})
# Our ids: a pair's anchor (align.anchor_for, "-2"... when two pairs share a text), the reader's
# own elements, and the source panel (source_section.SOURCE_PANEL_ID).
ID_PATTERN = re.compile(r"^(?:p-[0-9a-f]{8}(?:-[0-9]+)?|dz-[a-z0-9-]+|source-and-cleaning)$")
CLASS_TOKEN = re.compile(r"^dz-[a-z0-9-]+$")
# Values with a fixed form; anything else is dropped.
VALUE_PATTERNS = {
    "lang": re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$"),
    "datetime": re.compile(r"^[0-9][0-9T:+.Z -]*$"),
    "data-s": re.compile(r"^[0-9]+$"),
    "data-n": re.compile(r"^[0-9]+$"),
    "data-link": re.compile(r"^-?[0-9]+$"),
    "data-confidence": re.compile(r"^[0-9.]+$"),
    "data-view": re.compile(r"^(?:zh|en|both)$"),
    "data-translation": re.compile(r"^[a-z-]+$"),
    "data-counterpart-lang": re.compile(r"^(?:zh|en)$"),
    "role": re.compile(r"^(?:group|note|region|status)$"),
    "aria-hidden": re.compile(r"^(?:true|false)$"),
    "aria-pressed": re.compile(r"^(?:true|false|mixed)$"),
    "hidden": re.compile(r"^(?:|hidden)$"),
    "scope": re.compile(r"^(?:col|row)$"),
    "type": re.compile(r"^(?:button|application/[a-z0-9.+-]+)$"),
    "tabindex": re.compile(r"^-1$"),
    "download": re.compile(r"^$"),
    "data-score": re.compile(r"^[0-9.]+$"),
    "data-term": re.compile(r"^[^\s<>\"']*$"),
    "aria-labelledby": re.compile(r"^dz-[a-z0-9-]+$"),
    "aria-current": re.compile(r"^page$"),
}
REL_TOKENS = frozenset({"nofollow", "noopener", "noreferrer", "edit", "prev", "next"})
# Characters the WHATWG URL parser removes (tab, newline) or trims (C0 controls and space).
URL_REMOVED = re.compile(r"[\t\n\r]")
URL_TRIMMED = "".join(chr(c) for c in range(0x21))
URL_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")


def url_allowed(url: str) -> bool:
    """Whether a link may point at `url`: http, https or mailto, or a path within the site."""
    for form in (url, html.unescape(url), urllib.parse.unquote(html.unescape(url))):
        address = URL_REMOVED.sub("", form).strip(URL_TRIMMED).lower()
        if address.startswith(("//", "\\\\", "/\\", "\\/")):
            return False  # another host, whatever the page's own scheme (file: offline)
        m = URL_SCHEME.match(address)
        if m and m.group(1) not in SCHEMES:
            return False
    return True


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name in URL_ATTRIBUTES:
        return value if url_allowed(value) else None
    if name == "data-part-urls":  # relative links to a document's parts, one per part
        return value if value and all(url_allowed(u) and ":" not in u for u in value.split(" ")) else None
    if name == "id":
        return value if ID_PATTERN.match(value) else None
    if name == "class":
        kept = [t for t in value.split() if CLASS_TOKEN.match(t)]
        return " ".join(kept) if kept else None
    if name == "rel":
        kept = [t for t in value.lower().split() if t in REL_TOKENS]
        return " ".join(kept) if kept else None
    pattern = VALUE_PATTERNS.get(name)
    if pattern is not None and not pattern.match(value):
        return None
    return value


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags=set(DROP_CONTENT),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        attribute_filter=_attribute,
        strip_comments=True,
        link_rel=None,
        url_schemes=set(SCHEMES),
    )


def clean(fragment: str) -> str:
    """`fragment` with everything outside the allow-list removed (text is kept)."""
    return _cleaner().clean(fragment)


# ---- Every other page: the same rules, widened to what Markdown writes --------------------------
# Hand-written pages and the generated listing pages (glossary, terms, timeline, people,
# publishers, tags, the documents index) come through Markdown (tables, attr_list, toc), with
# values from sources/ escaped by markup.md_text; their HTML passes this allow-list in the hook.
PAGE_TAGS = TAGS | frozenset(
    {
        "blockquote", "em", "figure", "figcaption", "hr", "img", "mark", "ol", "pre", "sub", "sup",
        # the compare page's word differences (compare_page.py)
        "ins", "del",
        # the timeline's picture (timeline.py)
        "svg", "g", "circle", "line", "rect", "text", "title", "desc",
    }
)  # fmt: skip
PAGE_ATTRIBUTES = {
    **{k: set(v) for k, v in ATTRIBUTES.items()},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "style"},
    "td": {"style"},
    "svg": {"viewbox", "viewBox", "role", "aria-labelledby", "aria-describedby", "xmlns", "width", "height"},
    "circle": {"cx", "cy", "r"},
    "line": {"x1", "y1", "x2", "y2"},
    "rect": {"x", "y", "width", "height"},
    "text": {"x", "y", "text-anchor"},
}
PAGE_ATTRIBUTES["*"] |= {"aria-describedby"}
# Markdown's own: toc's permalinks; tables' column alignment is an inline style.
PAGE_CLASSES = frozenset({"headerlink"})
ALIGN_STYLE = re.compile(r"^text-align: (?:left|right|center);?$")
NUMBER = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")
VIEWBOX = re.compile(r"^[0-9. ]+$")
# Heading ids (toc slugs of any heading text, "_1" for one without Latin letters, attr_list's
# {#id}): any word characters, but never one of the theme's (they start with "__") and never an
# id that could stand for a window property of the reader's script's (our ids are checked above).
PAGE_ID = re.compile(r"^(?:_[0-9]+|(?!_)[\w-]+)$")
SVG_NUMBERS = frozenset({"cx", "cy", "r", "x", "y", "x1", "y1", "x2", "y2", "width", "height"})


def _page_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id":
        return value if PAGE_ID.match(value) or ID_PATTERN.match(value) else None
    if name == "class":
        kept = [t for t in value.split() if CLASS_TOKEN.match(t) or t in PAGE_CLASSES]
        return " ".join(kept) if kept else None
    if name == "style":
        return value if ALIGN_STYLE.match(value) else None
    if name == "src":
        return value if url_allowed(value) and not value.lower().startswith(("http:", "https:")) else None
    if name in SVG_NUMBERS:
        return value if NUMBER.match(value) else None
    if name.lower() == "viewbox":
        return value if VIEWBOX.match(value) else None
    if name == "text-anchor":
        return value if value in ("start", "middle", "end") else None
    if name == "xmlns":
        return value if value == "http://www.w3.org/2000/svg" else None
    if name in ("alt",):
        return value
    if name == "aria-describedby":
        return value if re.match(r"^dz-[a-z0-9-]+$", value) else None
    return _attribute(tag, name, value)


@lru_cache(maxsize=1)
def _page_cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(PAGE_TAGS),
        clean_content_tags=set(DROP_CONTENT),
        attributes={k: set(v) for k, v in PAGE_ATTRIBUTES.items()},
        attribute_filter=_page_attribute,
        strip_comments=True,
        link_rel=None,
        url_schemes=set(SCHEMES),
    )


def clean_page(fragment: str) -> str:
    """A page's content (not a document's text) with everything outside the allow-list removed:
    the document rules widened to Markdown's tables, lists, headings and the timeline picture.
    Images only from the site itself (a page must not make a request to another host)."""
    return _page_cleaner().clean(fragment)
