"""HTML scrapes to cleaner lines: elements that are never text are dropped (and audited), block
elements become lines that keep what their tag says (heading, list item, quote, caption)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from .clean import Line
from .model import BlockKind, Decoded, Removal

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


def html_lines(decoded: Decoded) -> tuple[list[Line], list[Removal]]:
    soup = BeautifulSoup(decoded.text, "html.parser")
    removals: list[Removal] = []
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in list(soup.find_all(True)):
        if getattr(tag, "decomposed", False):
            continue
        reason = DROP_TAGS.get(tag.name or "")
        if reason is None and _is_chrome(tag):
            reason = "page chrome (comment, share, related-links or navigation block)"
        if reason is not None:
            text = SPACES.sub(" ", tag.get_text(" ")).strip()
            if text:
                removals.append(
                    Removal(tag.sourceline or 1, text, f"html.{tag.name}", f"<{tag.name}>: {reason}")
                )
            tag.decompose()

    lines: list[Line] = []
    buffer: list[str] = []
    state = {"no": 1, "kind": (BlockKind.PARAGRAPH, 0)}

    def flush() -> None:
        text = SPACES.sub(" ", "".join(buffer)).strip()
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
                )
            )

    def walk(node: Tag, kind: tuple[BlockKind, int]) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not buffer:
                    state["no"] = getattr(child.parent, "sourceline", None) or state["no"]
                    state["kind"] = kind
                buffer.append(str(child))
            elif isinstance(child, Tag):
                if child.name in BLOCK_TAGS:
                    flush()
                    inner = _kind(child)
                    walk(child, inner if inner[0] is not BlockKind.PARAGRAPH else kind)
                    flush()
                else:
                    walk(child, kind)

    root = soup.body or soup
    walk(root, (BlockKind.PARAGRAPH, 0))
    flush()
    return lines, removals
