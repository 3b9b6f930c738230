"""The cleaner's line model: a line of a scrape on its way through the cleaner (`Line`) and what
the cleaner asks of its text (`Facts`). Made by the readers (text scrapes in `clean`, HTML in
`extract`), read by the cleaner's stages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import script
from ..model import BlockKind
from ..vocab import prefilter
from ..vocab.rules import Kind

WORD_OR_NUMBER_COUNT, NOT_HAN = script.WORD_OR_NUMBER_COUNT, script.NOT_HAN
# Content: a letter or digit of any script (Han, Latin, Cyrillic, Hangul...), not punctuation.
CONTENT_CHAR = re.compile(r"[^\W_]")


class Facts:
    """What the cleaner asks of one line's text, again and again: counted once per text.

    A Line keeps the Facts of its current text (see `Line.facts`); they live and die with the
    document, so nothing is remembered from one source to the next."""

    __slots__ = ("_folded", "_language", "ends_sentence", "han", "has_content", "text", "units")

    def __init__(self, text: str) -> None:
        # script.han_and_units and script.ends_sentence, written out: made for every distinct
        # line, where two calls cost a tenth of the counting (speed; tests hold them equal).
        self.text = text
        if text.isascii():
            self.han = 0
            self.units = units = len(WORD_OR_NUMBER_COUNT.findall(text))
            # content_len(text) > 0, without counting: in ASCII text the content characters
            # are exactly those units are made of...
            self.has_content = units > 0
        else:
            self.han = han = len(NOT_HAN.sub("", text))
            self.units = han + len(WORD_OR_NUMBER_COUNT.findall(text))
            # ...Han characters are content, else the first one found
            self.has_content = han > 0 or CONTENT_CHAR.search(text) is not None
        core = text.rstrip().rstrip(script.CLOSERS)
        self.ends_sentence = bool(core) and core[-1] in script.FINAL
        self._language: str | None = None
        self._folded: str | None = None

    @property
    def language(self) -> str:
        if self._language is None:
            self._language = script.language(self.text, self.han)
        return self._language

    @property
    def folded(self) -> str:
        """prefilter.fold(text): the text as prefilters compare it."""
        if self._folded is None:
            self._folded = prefilter.fold(self.text)
        return self._folded


@dataclass(slots=True)  # (thousands a page: slots make them quicker to make and to read)
class Line:
    """One non-blank line on its way through the cleaner."""

    no: int
    text: str
    blank_before: bool
    # The Facts of `text`, read as they are (a plain attribute: asked of every line several
    # times, speed): whatever changes the text changes them too, through `retext`. The maker of
    # a Line gives them: Facts(text), or those of the same text seen before.
    facts: Facts = field(repr=False, compare=False)
    kind: BlockKind = BlockKind.PARAGRAPH
    level: int = 0
    strong: tuple[tuple[int, int], ...] = ()
    coverage: float = 0.0
    top_kind: Kind | None = None
    kinds_found: tuple[str, ...] = ()
    # set by the html extractor: the element decided the kind, text rules must not re-guess it
    fixed: bool = False
    # kept by the editor (sidecar `keep`): stays in the body whatever the rules say
    pinned: bool = False
    units: int = 0  # script.units of the text, computed once
    # whether trafilatura's extraction kept the line (HTML only; None: no opinion)
    main: bool | None = None
    # visible text the HTML extractor dropped just before this line, in text pieces
    gap_before: int = 0
    gap_text: tuple[str, ...] = ()  # the text pieces of what was dropped there
    # share of the text inside links (HTML only): menus and link lists are all links
    link_share: float = 0.0
    # further source lines glued into this one (fragments of one sentence, see _glue_fragments)
    more: tuple[int, ...] = ()
    # HTML only: which block element holds the text (lines split by <br> share it); 0: unknown
    element: int = 0

    def retext(self, text: str) -> None:
        """Change the text, and its Facts with it."""
        self.text = text
        self.facts = Facts(text)
