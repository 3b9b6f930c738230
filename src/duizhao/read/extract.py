"""HTML scrapes to cleaner lines: elements that are never text are dropped (and audited), block
elements become lines that keep what their tag says (heading, list item, quote, caption)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import (
    BeautifulSoup,
    CData,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    PageElement,
    ProcessingInstruction,
    Tag,
)

from ..model import BlockKind, Decoded, Removal, Signal
from ..script import units
from . import pagemeta
from .lines import Facts, Line

# Elements that never hold the text a reader wants. Why each: scripts/styles/templates are code;
# forms, buttons, inputs are widgets; iframes/objects embed other pages; nav/footer/aside are site
# chrome by definition of the HTML standard.
DROP_TAGS = {
    "script": "script code",
    "style": "style sheet",
    "noscript": "fallback for scripts",
    "template": "template markup",
    "form": "form (comment box, search, login)",
    "button": "button label",
    "input": "form field",
    "select": "form field",
    "textarea": "form field",
    "iframe": "embedded page",
    "object": "embedded object",
    "embed": "embedded object",
    "svg": "graphic",
    "canvas": "graphic",
    "nav": "site navigation",
    "footer": "site footer",
    "aside": "sidebar",
    # The head's own elements (not the head itself: a page without </head> has its whole body
    # inside <head> for Python's parser, and browsers show that body).
    "title": "the page's <title> (read into the header)",
    "meta": "document metadata",
    "link": "document metadata",
    "base": "document metadata",
}
BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "li",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "figcaption",
    "caption",
    "td",
    "th",
    "tr",
    "table",
    "ul",
    "ol",
    "dl",
    "figure",
    "address",
    "center",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "hr",
    "tbody",
    "thead",
    "body",
    "html",
}
HEADING = re.compile(r"^h([1-6])$")
# A form this short is a widget (comment box, search, login); a longer one wraps the page (ASP.NET
# pages put the whole body in one <form>), so only its inputs go.
FORM_MAX_UNITS = 80
# Elements hidden from every reader: the hidden attribute, display:none, aria-hidden.
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Dropped elements that held visible text leave a marker; the region finder counts each of their
# text pieces (up to this many) as a non-prose line, as it would in a text dump of the page.
GAP_TAG = "duizhao-gap"
GAP_MARK_MAX = 2
INVISIBLE_TAGS = {"script", "style", "noscript", "template", "title", "meta", "link", "base", "svg", "canvas"}
# A chrome-named element holding more than this share of the page's text is a wrapper, not chrome.
CHROME_MAX_SHARE = 0.5
# class/id tokens that mark comment sections (message boards: msgBox, pinglun, liuyan), share bars, link lists.
CHROME_TOKENS = re.compile(
    r"(^|[-_\s])(comments?|msgbox|pinglun|liuyan|share|sharing|social|related|recommend|breadcrumbs?|crumbs?|sidebar|"
    r"footer|nav|navbar|menu|advert|ads?|sponsor|newsletter|subscribe|toolbar|print|pagination)"
    r"($|[-_\s])",
    re.I,
)
SPACES = re.compile(r"\s+")


HEADING_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


def _kind(tag: Tag) -> tuple[BlockKind, int]:
    m = HEADING.match(tag.name or "")
    if m:
        return BlockKind.HEADING, int(m.group(1))
    if tag.name == "li" and not _layout_item(tag):
        return BlockKind.LIST_ITEM, 0
    if tag.name == "blockquote":
        return BlockKind.QUOTE, 0
    if tag.name in ("figcaption", "caption"):
        return BlockKind.CAPTION, 0
    return BlockKind.PARAGRAPH, 0


# An <li> that holds a heading or this many paragraphs is a layout column ("<ul class=two-coloum>
# <li>" around a whole article), not an item of a list: its paragraphs are paragraphs.
LAYOUT_ITEM_PARAGRAPHS = 4


def _layout_item(tag: Tag) -> bool:
    return (
        tag.find(HEADING_TAGS) is not None
        or len(tag.find_all("p", limit=LAYOUT_ITEM_PARAGRAPHS)) >= LAYOUT_ITEM_PARAGRAPHS
    )


# class/id tokens that name the article itself: an element that carries one is never chrome,
# whatever else its names say ("article-body pagination-first", "content-with-sidebar-wrp").
ARTICLE_TOKENS = re.compile(
    r"(^|[-_\s])(article|articles|story|entry|post|content|main|body|text|detail|details|zoom|"
    r"articlebody|postbody|entry-content|正文)($|[-_\s])",
    re.I,
)
# A chrome-named element that is mostly prose (this much text, little of it in links) holds the
# article: its own name is the site's habit, not what it holds. Not for comment sections.
PROSE_MIN_CHARS = 400
PROSE_MAX_LINK_SHARE = 0.3
READERS_TOKENS = re.compile(r"(^|[-_\s])(comments?|replies|reply|discuss|disqus|msgbox|pinglun|liuyan)($|[-_\s])", re.I)


def _names(tag: Tag) -> str:
    return " ".join(tag.get("class", []) or []) + " " + str(tag.get("id", "") or "")


def _is_chrome(tag: Tag) -> bool:
    names = _names(tag)
    return (
        bool(CHROME_TOKENS.search(names))
        and tag.name not in ("body", "html", "article", "main")
        and not ARTICLE_TOKENS.search(names)
        and tag.get("itemprop") != "articleBody"
    )


def _holds_prose(tag: Tag, size: tuple[int, int, int]) -> bool:
    """A chrome-named element that is an article's wrapper: long, and little of it links."""
    length, _, linked = size
    return (
        length >= PROSE_MIN_CHARS
        and linked <= PROSE_MAX_LINK_SHARE * length
        and not READERS_TOKENS.search(_names(tag))
    )


def _is_hidden(tag: Tag) -> bool:
    return (
        tag.has_attr("hidden")
        or bool(HIDDEN_STYLE.search(str(tag.get("style", "") or "")))
        or str(tag.get("aria-hidden", "")).lower() == "true"
    )


def _text_len(tag: Tag) -> int:
    return len(SPACES.sub("", tag.get_text()))


# Strings a browser never shows as text (bs4's get_text leaves them out too); and those it counts.
NOT_TEXT = (Doctype, Declaration, ProcessingInstruction)
TEXT_TYPES = (NavigableString, CData)


def _sizes(soup: BeautifulSoup) -> dict[int, tuple[int, int, int]]:
    """Every element's text length (spaces left out, as `_text_len`), units and length inside
    links, by id(), in one pass
    from the leaves up: asking each element for its text would cost the square of the nesting depth
    (10,000 nested elements). Units are summed over text pieces, so a word split by an inline tag
    counts twice; they only decide whether a form is short."""
    sizes: dict[int, tuple[int, int]] = {}
    stack: list[tuple[Tag, bool]] = [(soup, False)]
    while stack:
        tag, done = stack.pop()
        if not done:
            stack.append((tag, True))
            stack.extend((child, False) for child in tag.contents if isinstance(child, Tag))
            continue
        length = count = linked = 0
        for child in tag.contents:
            if isinstance(child, Tag):
                a, b, c = sizes[id(child)]
                length, count, linked = length + a, count + b, linked + c
            elif type(child) in TEXT_TYPES:
                length += len(SPACES.sub("", child))
                count += units(child)
        sizes[id(tag)] = (length, count, length if tag.name == "a" else linked)
    return sizes


def html_lines(decoded: Decoded) -> tuple[list[Line], list[Removal], list[Signal]]:
    """The page's lines, what was dropped on the way, and what its head says about it."""
    soup = BeautifulSoup(decoded.text, "html.parser")
    signals = pagemeta.signals(soup)  # (before the head is dropped below)
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    removals = _drop_elements(soup)
    lines = _walk(soup)
    _second_opinion(decoded.text, lines)
    return lines, removals, signals


def _drop_elements(soup: BeautifulSoup) -> list[Removal]:
    """Take out what readers never see as the text (dropped tags, hidden elements, page chrome),
    each with a Removal; where visible text was, leave a gap mark."""
    removals: list[Removal] = []
    sizes = _sizes(soup)
    page_len = max(1, sizes[id(soup.body or soup)][0])
    title = SPACES.sub("", soup.title.get_text()) if soup.title is not None else ""
    gone: set[int] = set()  # elements removed with an ancestor: nothing more to decide about them
    for tag in list(soup.find_all(True)):
        if tag.parent is not None and id(tag.parent) in gone:
            gone.add(id(tag))
            continue
        reason = None if _holds_headline(tag, title) else _drop_reason(tag, sizes[id(tag)], page_len)
        if reason is not None:
            gone.add(id(tag))
            _drop(soup, tag, reason, removals)
    return removals


def _holds_headline(tag: Tag, title: str) -> bool:
    """An <aside> that holds the page's headline (an <h1> its <title> opens with) is the article's
    head set beside it, not a sidebar: `<aside class="contxt-aside"><h1>…</h1><span>date</span>`."""
    if tag.name != "aside" or not title:
        return False
    return any((h := SPACES.sub("", h1.get_text())) and title.startswith(h) for h1 in tag.find_all("h1"))


def _drop_reason(tag: Tag, size: tuple[int, int, int], page_len: int) -> str | None:
    """Why the element goes (None: it stays); `size` is its entry in `_sizes`."""
    reason = DROP_TAGS.get(tag.name or "")
    if tag.name == "form" and size[1] > FORM_MAX_UNITS:
        reason = None
    if reason is None and tag.name not in ("html", "body") and _is_hidden(tag):
        reason = "hidden element (never shown to readers)"
    if (
        reason is None
        and _is_chrome(tag)
        and size[0] <= CHROME_MAX_SHARE * page_len
        and not _holds_prose(tag, size)
    ):
        reason = "page chrome (comment, share, related-links or navigation block)"
    return reason


def _drop(soup: BeautifulSoup, tag: Tag, reason: str, removals: list[Removal]) -> None:
    """Remove the element, recording its text; a gap mark takes the place of visible text."""
    text = SPACES.sub(" ", tag.get_text(" ")).strip()
    if text:
        removals.append(Removal(tag.sourceline or 1, text, f"html.{tag.name}", f"<{tag.name}>: {reason}"))
    if text and tag.name not in INVISIBLE_TAGS:
        # Leave a mark where visible text was: the region finder counts it as a gap.
        pieces = [SPACES.sub(" ", t).strip() for t in tag.find_all(string=True) if t.strip()]
        mark = soup.new_tag(GAP_TAG, attrs={"n": str(min(len(pieces), GAP_MARK_MAX))})
        mark.pieces = pieces  # the clean stage looks for end-of-text markers among them
        tag.replace_with(mark)
    else:
        tag.extract()


class _Lines:
    """The page's lines as its text comes in: a block's pieces become one Line when it ends."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.buffer: list[tuple[str, bool]] = []  # text pieces, and whether each sits inside a link
        self.no = 1
        self.kind = (BlockKind.PARAGRAPH, 0)
        self.gap = self.element = 0  # (element: the block element holding the line's text)
        self.gap_text: tuple[str, ...] = ()

    def text(self, piece: NavigableString, kind: tuple[BlockKind, int], in_link: bool) -> None:
        if not self.buffer:
            self.no = getattr(piece.parent, "sourceline", None) or self.no
            self.kind = kind
            self.element = next((id(t) for t in piece.parents if t.name in BLOCK_TAGS), 0)
        self.buffer.append((str(piece), in_link))

    def gap_mark(self, mark: Tag) -> None:
        """A dropped element's mark: the next line has a gap (and the dropped text) before it."""
        self.flush()
        self.gap += int(mark.get("n", 1))
        self.gap_text = (*self.gap_text, *mark.__dict__.get("pieces", ()))

    def flush(self) -> None:
        text = SPACES.sub(" ", "".join(t for t, _ in self.buffer)).strip()
        linked = sum(len(t.strip()) for t, in_link in self.buffer if in_link)
        self.buffer.clear()
        if text:
            kind, level = self.kind
            self.lines.append(
                Line(
                    no=self.no,
                    text=text,
                    blank_before=True,
                    kind=kind,
                    level=level,
                    fixed=kind is not BlockKind.PARAGRAPH,
                    link_share=min(1.0, linked / max(1, len(text))),
                    gap_before=self.gap,
                    gap_text=self.gap_text,
                    facts=Facts(text),
                    element=self.element,
                )
            )
            self.gap, self.gap_text = 0, ()


def _walk(soup: BeautifulSoup) -> list[Line]:
    """The lines of what is left of the page, in document order.

    Depth-first over the tree with a stack of child iterators (no recursion: 10,000 nested
    elements are a valid page). A block element's text is flushed as a line when it ends."""
    out = _Lines()
    root_kind = (BlockKind.PARAGRAPH, 0)
    stack: list[tuple[Iterator[PageElement], tuple[BlockKind, int], bool, bool]] = [
        (iter(list(soup.contents)), root_kind, False, False)
    ]
    while stack:
        children, kind, in_link, block = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if block:
                out.flush()
            continue
        if isinstance(child, Tag) and child.name == GAP_TAG:
            out.gap_mark(child)
            continue
        if isinstance(child, NavigableString):
            if not isinstance(child, NOT_TEXT):
                out.text(child, kind, in_link)
        elif isinstance(child, Tag):
            linked = in_link or child.name == "a"
            if child.name in BLOCK_TAGS:
                out.flush()
                inner = _kind(child)
                inner = inner if inner[0] is not BlockKind.PARAGRAPH else kind
                stack.append((iter(list(child.contents)), inner, linked, True))
            else:
                stack.append((iter(list(child.contents)), kind, linked, False))
    out.flush()
    return out.lines


def _squash(text: str) -> str:
    return SPACES.sub("", text)


def _second_opinion(html: str, lines: list[Line]) -> None:
    """Mark each line with whether trafilatura's main-text extraction kept it (Line.main).

    trafilatura is a maintained extractor with the best figures on English news pages; on older
    Chinese portals it keeps link lists and comment threads, so the cleaner only takes its word
    where it agrees with our own main-text region (see clean.TRUST_SHARE)."""
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a declared dependency; our own rules still work
        return
    text = trafilatura.extract(html, include_comments=False, include_tables=True, deduplicate=False)
    if not text:
        return
    kept = _squash(text)
    for line in lines:
        squashed = _squash(line.text)
        if squashed:
            line.main = squashed in kept
