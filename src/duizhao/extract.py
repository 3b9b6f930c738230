"""HTML scrapes to cleaner lines: elements that are never text are dropped (and audited), block
elements become lines that keep what their tag says (heading, list item, quote, caption)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from .clean import Line
from .model import BlockKind, Decoded, Removal
from .script import units

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
    "head": "document head",
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
INVISIBLE_TAGS = {"script", "style", "noscript", "template", "head", "svg", "canvas"}
# A chrome-named element holding more than this share of the page's text is a wrapper, not chrome.
CHROME_MAX_SHARE = 0.5
# class/id tokens that mark comment sections, share bars and related-link lists.
CHROME_TOKENS = re.compile(
    r"(^|[-_\s])(comments?|share|sharing|social|related|recommend|breadcrumbs?|crumbs?|sidebar|"
    r"footer|nav|navbar|menu|advert|ads?|sponsor|newsletter|subscribe|toolbar|print|pagination)"
    r"($|[-_\s])",
    re.I,
)
SPACES = re.compile(r"\s+")


def _kind(tag: Tag) -> tuple[BlockKind, int]:
    m = HEADING.match(tag.name or "")
    if m:
        return BlockKind.HEADING, int(m.group(1))
    if tag.name == "li":
        return BlockKind.LIST_ITEM, 0
    if tag.name == "blockquote":
        return BlockKind.QUOTE, 0
    if tag.name in ("figcaption", "caption"):
        return BlockKind.CAPTION, 0
    return BlockKind.PARAGRAPH, 0


def _is_chrome(tag: Tag) -> bool:
    attrs = " ".join(tag.get("class", []) or []) + " " + str(tag.get("id", "") or "")
    return bool(CHROME_TOKENS.search(attrs)) and tag.name not in ("body", "html", "article", "main")


def _is_hidden(tag: Tag) -> bool:
    return (
        tag.has_attr("hidden")
        or bool(HIDDEN_STYLE.search(str(tag.get("style", "") or "")))
        or str(tag.get("aria-hidden", "")).lower() == "true"
    )


def _text_len(tag: Tag) -> int:
    return len(SPACES.sub("", tag.get_text()))


def html_lines(decoded: Decoded) -> tuple[list[Line], list[Removal]]:
    soup = BeautifulSoup(decoded.text, "html.parser")
    removals: list[Removal] = []
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    page_len = max(1, _text_len(soup.body or soup))
    for tag in list(soup.find_all(True)):
        if getattr(tag, "decomposed", False):
            continue
        reason = DROP_TAGS.get(tag.name or "")
        if tag.name == "form" and units(tag.get_text(" ")) > FORM_MAX_UNITS:
            reason = None
        if reason is None and tag.name not in ("html", "body") and _is_hidden(tag):
            reason = "hidden element (never shown to readers)"
        if reason is None and _is_chrome(tag) and _text_len(tag) <= CHROME_MAX_SHARE * page_len:
            reason = "page chrome (comment, share, related-links or navigation block)"
        if reason is not None:
            text = SPACES.sub(" ", tag.get_text(" ")).strip()
            if text:
                removals.append(
                    Removal(tag.sourceline or 1, text, f"html.{tag.name}", f"<{tag.name}>: {reason}")
                )
            if text and tag.name not in INVISIBLE_TAGS:
                # Leave a mark where visible text was: the region finder counts it as a gap.
                pieces = [SPACES.sub(" ", t).strip() for t in tag.find_all(string=True) if t.strip()]
                mark = soup.new_tag(GAP_TAG, attrs={"n": str(min(len(pieces), GAP_MARK_MAX))})
                mark.pieces = pieces  # the clean stage looks for end-of-text markers among them
                tag.replace_with(mark)
            else:
                tag.decompose()

    lines: list[Line] = []
    buffer: list[tuple[str, bool]] = []  # text pieces, and whether each sits inside a link
    state: dict = {"no": 1, "kind": (BlockKind.PARAGRAPH, 0), "gap": 0, "gap_text": ()}

    def flush() -> None:
        text = SPACES.sub(" ", "".join(t for t, _ in buffer)).strip()
        linked = sum(len(t.strip()) for t, in_link in buffer if in_link)
        buffer.clear()
        if text:
            kind, level = state["kind"]
            lines.append(
                Line(
                    no=state["no"],
                    text=text,
                    blank_before=True,
                    kind=kind,
                    level=level,
                    fixed=kind is not BlockKind.PARAGRAPH,
                    link_share=min(1.0, linked / max(1, len(text))),
                    gap_before=state["gap"],
                    gap_text=state["gap_text"],
                )
            )
            state["gap"], state["gap_text"] = 0, ()

    def walk(node: Tag, kind: tuple[BlockKind, int], in_link: bool) -> None:
        for child in node.children:
            if isinstance(child, Tag) and child.name == GAP_TAG:
                flush()
                state["gap"] += int(child.get("n", 1))
                state["gap_text"] = (*state["gap_text"], *getattr(child, "pieces", ()))
                continue
            if isinstance(child, NavigableString):
                if not buffer:
                    state["no"] = getattr(child.parent, "sourceline", None) or state["no"]
                    state["kind"] = kind
                buffer.append((str(child), in_link))
            elif isinstance(child, Tag):
                linked = in_link or child.name == "a"
                if child.name in BLOCK_TAGS:
                    flush()
                    inner = _kind(child)
                    walk(child, inner if inner[0] is not BlockKind.PARAGRAPH else kind, linked)
                    flush()
                else:
                    walk(child, kind, linked)

    root = soup.body or soup
    walk(root, (BlockKind.PARAGRAPH, 0), False)
    flush()
    _second_opinion(decoded.text, lines)
    return lines, removals


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
