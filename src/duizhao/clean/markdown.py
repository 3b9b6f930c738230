"""A Markdown scrape's markup: heading, quote and bold markers, links, images, tags and shortcodes."""

from __future__ import annotations

import html
import re

from ..model import BlockKind, Removal
from ..read.lines import Facts, Line
from .audit import removal
from .coverage import content_len

MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
MD_QUOTE = re.compile(r"^>\s?")
BOLD_LEAD = re.compile(r"^\*\*(.+?)\*\*")
# A setext heading's underline ("Title" over "=====" or "-----"): how converters such as
# Turndown write <h1> and <h2> by default.
SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
SETEXT_MIN = 3


# A line of HTML tags only (with their attributes), no text between them.
TAG_LINE = re.compile(r"^(?:\s*</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>)+\s*$")
# A Markdown link's target, with its optional title: (address "title").
LINK_TARGET = r"\([^)\s]*(?:\s+\"[^\"]*\")?\)"
MD_LINK = re.compile(r"!?\[([^\]\[]*)\]" + LINK_TARGET)


# Inline markup of a Markdown scrape's text lines: images, a link's address (its text stays) and
# HTML tags, template shortcodes ("{{< video src=… >}}", Hugo's).
INLINE_MARKUP = re.compile(
    r"!\[[^\]\[]*\]" + LINK_TARGET  # an image
    + r"|(?<=\])" + LINK_TARGET  # a link's address, after its text
    + r"|\[(?=[^\]\[]*\]\()|\](?=\()"  # the brackets around a link's text
    r"|</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>"  # an HTML tag
    r"|\{\{[<%].*?[>%]\}\}"  # a template shortcode
)


# A block element's tag inside a line of a Markdown scrape: a feed's archive puts a post's whole
# HTML on one line ("<p>…</p><p>…</p>"), whose paragraphs are lines of their own.
BLOCK_TAG = re.compile(r"<(?:/?(?:p|div|li|ul|ol|h[1-6]|blockquote|tr|table|section|figure)|br\s*/?)(?:\s[^<>]*)?>", re.I)
BLOCK_TAGS_MIN = 2


def html_blocks(lines: list[Line], removals: list[Removal]) -> list[Line]:
    """`lines` with each line that holds several block elements' tags split at them (audited)."""
    out: list[Line] = []
    for line in lines:
        tags = BLOCK_TAG.findall(line.text)
        pieces = [p.strip() for p in BLOCK_TAG.split(line.text)]
        if len(tags) < BLOCK_TAGS_MIN or sum(1 for p in pieces if p) < 2:
            out.append(line)
            continue
        removals.append(
            Removal(line.no, "".join(tags)[:200], "markup.html", "HTML block tags in a Markdown scrape: markup", "altered")
        )
        # (and its entities read: "&copy;", "&nbsp;")
        texts = [t for p in pieces if (t := html.unescape(p).replace("\xa0", " ").strip())]
        out += [Line(line.no, t, True, Facts(t)) for t in texts]
    return out


def setext_headings(lines: list[Line], removals: list[Removal]) -> list[Line]:
    """`lines` with each setext heading written as an ATX one ("# Title"), its underline gone (audited)."""
    out: list[Line] = []
    for line in lines:
        under = SETEXT_UNDERLINE.match(line.text)
        above = out[-1] if out else None
        if (
            under
            and len(under.group(1)) >= SETEXT_MIN
            and above is not None
            and not line.blank_before
            and above.kind is BlockKind.PARAGRAPH
            and not MD_HEADING.match(above.text)
            and not SETEXT_UNDERLINE.match(above.text)
            and content_len(above.text)
        ):
            level = "#" if under.group(1)[0] == "=" else "##"
            removals.append(removal(line, "markup.heading", "Markdown heading underline (setext)"))
            above.retext(f"{level} {above.text.strip()}")
            continue
        out.append(line)
    return out


def inline_markup(kept: list[Line], removals: list[Removal]) -> list[Line]:
    """Kept lines of a Markdown scrape without their inline markup (the reader sees the words, the
    audit keeps what went); a line that was only markup goes."""
    out: list[Line] = []
    for line in kept:
        if "](" not in line.text and "<" not in line.text and "{{" not in line.text:
            out.append(line)
            continue
        gone = [m.group(0) for m in INLINE_MARKUP.finditer(line.text)]
        if not gone:
            out.append(line)
            continue
        text = INLINE_MARKUP.sub("", line.text)
        if not content_len(text):
            removals.append(
                removal(line, "markup.inline", "images, link addresses, tags and shortcodes only: markup, not text")
            )
            continue
        removals.append(
            Removal(line.no, "".join(gone), "markup.inline", "images, link addresses, tags and shortcodes: markup", "altered")
        )
        line.retext(re.sub(r"\s{2,}", " ", text).strip())
        if any(g.lower().startswith("<figcaption") for g in gone):
            line.kind = BlockKind.CAPTION  # (a caption stands apart from the prose around it)
        out.append(line)
    return out


def markdown_link_share(text: str) -> float:
    """The share of a line's words (not counting addresses) that are link text: the Markdown
    counterpart of an HTML line's link share."""
    linked = sum(len(m.group(1).strip()) for m in MD_LINK.finditer(text))
    shown = len(MD_LINK.sub(lambda m: m.group(1), text).strip(" *-+•|"))
    return min(1.0, linked / shown) if shown else 1.0
