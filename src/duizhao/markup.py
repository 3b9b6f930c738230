"""How source text enters a page, in one place for every writer of HTML and Markdown (render,
browse, connections, timeline, provenance, downloads): escaped for HTML, escaped for Markdown, and
the language tags its elements carry. Below every stage, so none needs another's module for it."""

from __future__ import annotations

import html
import re

# The lang attribute of each language's text: our Chinese is Simplified unless a document says
# otherwise (vocab.hanzi.tag decides per document: zh-Hant for a Traditional text).
LANG_TAGS = {"zh": "zh-Hans", "en": "en"}
ZH_TAG = LANG_TAGS["zh"]

_MD_PUNCT = re.compile(r"[!-/:-@\[-`{-~]")


def esc(text: str) -> str:
    """Text (or an attribute value) for HTML: &, <, >, " and ' escaped."""
    return html.escape(text, quote=True)


def md_text(text: str) -> str:
    """Source text for a Markdown context: every ASCII punctuation mark becomes a numeric entity, so
    no Markdown (or extension) syntax can form, and the reader still sees the same characters. Line
    breaks become spaces: a table row or a list item is one line of Markdown."""
    return _MD_PUNCT.sub(lambda m: f"&#{ord(m.group())};", " ".join(text.split()))
