"""The parallel text of a document page: each bead a row of one or two columns, each paragraph
with its numbered sentences, bold runs and glossary links as properly nested inline marks."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..markup import LANG_TAGS, esc
from ..model import Bead, BlockKind, Paragraph, link_groups, sentence_offsets
from ..settings import Settings
from . import connections

if TYPE_CHECKING:
    from ..link.link import DocLinks

# Pairs the aligner was unsure of are flagged so readers check them (and can report them). Why 0.5:
# below it the length evidence alone disagrees more often than it agrees (see align.BEAD_COSTS).
LOW_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Mark:
    """An inline element over text[start:end]; marks of one layer never overlap each other."""

    start: int
    end: int
    open: str
    close: str


def inline_html(text: str, layers: list[list[Mark]]) -> str:
    """Escaped `text` with the marks of each layer wrapped around it, outer layers first.

    A mark that crosses an outer one is split, so the HTML always nests properly: e.g. bold text
    running over a sentence boundary becomes two <strong> elements, one in each sentence span.
    """
    cuts = {0, len(text)}
    for layer in layers:
        for m in layer:
            cuts.update((max(0, m.start), min(len(text), m.end)))
    points = sorted(cuts)
    out: list[str] = []
    stack: list[Mark] = []
    # Segments come in order and a layer's marks do not overlap: one cursor per layer finds the
    # mark over each segment (a scan of the whole layer per segment is quadratic in sentences).
    ordered = [sorted(layer, key=lambda m: (m.start, m.end)) for layer in layers]
    cursors = [0] * len(ordered)
    for a, b in itertools.pairwise(points):
        active = []
        for k, layer in enumerate(ordered):
            i = cursors[k]
            while i < len(layer) and layer[i].end < b:
                i += 1
            cursors[k] = i
            while i < len(layer) and layer[i].start <= a:
                if b <= layer[i].end:
                    active.append(layer[i])
                    break
                i += 1
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] is active[keep]:
            keep += 1
        for m in reversed(stack[keep:]):
            out.append(m.close)
        for m in active[keep:]:
            out.append(m.open)
        stack = active
        out.append(esc(text[a:b]))
    for m in reversed(stack):
        out.append(m.close)
    return "".join(out)


# Inline marks of the glossary terms in a paragraph's text (see connections.term_link).
TermMarks = Callable[[str], list[Mark]]


def _paragraph_html(
    p: Paragraph, groups: list[int], first: int, top: int = 1, terms: TermMarks | None = None
) -> str:
    """One paragraph; its sentences are numbered from `first` within the bead's side. `top` is the
    document's highest heading level, which becomes <h2> (the page title is the <h1>), so heading
    levels never skip one."""
    text = p.text
    sentences = [
        Mark(
            s,
            e,
            f'<span class="dz-s" data-s="{first + i}" data-link="{groups[first + i] if first + i < len(groups) else 0}">',
            "</span>",
        )
        for i, (s, e) in enumerate(sentence_offsets(text, p.sentences))
    ]
    strong = [Mark(s, e, "<strong>", "</strong>") for s, e in p.block.strong]
    # Glossary links are the innermost layer: split at sentence and bold edges, never broken.
    inner = inline_html(text, [sentences, strong, terms(text) if terms else []])
    kind = p.kind
    if kind is BlockKind.HEADING:
        level = min(6, max(2, p.block.level - top + 2))
        return f'<h{level} class="dz-h">{inner}</h{level}>'
    cls = {
        BlockKind.PARAGRAPH: "dz-p",
        BlockKind.LIST_ITEM: "dz-p dz-li",
        BlockKind.QUOTE: "dz-p dz-quote",
        BlockKind.CAPTION: "dz-p dz-caption",
        BlockKind.SALUTATION: "dz-p dz-salutation",
        BlockKind.SIGNOFF: "dz-p dz-signoff",
        BlockKind.NOTE: "dz-p dz-note",
    }[kind]
    label = {
        BlockKind.CAPTION: '<span class="dz-label">Caption</span> ',
        BlockKind.NOTE: '<span class="dz-label">Note</span> ',
    }.get(kind, "")
    return f'<p class="{cls}">{label}{inner}</p>'


def _cell(
    lang: str,
    paragraphs: tuple[Paragraph, ...],
    groups: list[int],
    top: int = 1,
    terms: TermMarks | None = None,
    zh_tag: str = LANG_TAGS["zh"],
) -> str:
    """One column of a bead: its paragraphs, or a note that the other side has no counterpart."""
    tag = zh_tag if lang == "zh" else LANG_TAGS[lang]
    if not paragraphs:
        # Say that the gap is real (the other side has no counterpart here), in the interface's
        # language, so nobody reads a shifted pairing into it.
        missing = "No Chinese counterpart" if lang == "zh" else "No English counterpart"
        return (
            f'<div class="dz-cell dz-{lang} dz-empty" lang="{tag}">'
            f'<p class="dz-missing" lang="en">{missing}</p></div>'
        )
    parts, first = [], 0
    for p in paragraphs:
        parts.append(_paragraph_html(p, groups, first, top, terms))
        first += len(p.sentences)
    return f'<div class="dz-cell dz-{lang}" lang="{tag}">{"".join(parts)}</div>'


def pair_html(
    bead: Bead,
    number: int,
    languages: tuple[str, ...],
    top: int = 1,
    terms: TermMarks | None = None,
    zh_tag: str = LANG_TAGS["zh"],
) -> str:
    """One bead as a row: its permalink, a flag when the pairing is unsure, and its columns."""
    zh_groups, en_groups = link_groups(bead)
    if len(languages) == 1:
        # One column holds every paragraph of the bead, whichever side the aligner gave it (a
        # mixed-language paragraph in a one-language text): no text is ever left off the page.
        cells = _cell(languages[0], bead.zh + bead.en, zh_groups + en_groups, top, terms, zh_tag)
    else:
        cells = "".join(
            _cell(lang, bead.zh, zh_groups, top, terms, zh_tag)
            if lang == "zh"
            else _cell(lang, bead.en, en_groups, top, terms)
            for lang in languages
        )
    link = (
        f'<a class="dz-permalink" href="#{bead.anchor}" '
        f'aria-label="Paragraph {number}: permalink" title="Permalink to paragraph {number}">¶{number}</a>'
    )
    flag = ""
    if len(languages) == 2 and bead.zh and bead.en and bead.confidence < LOW_CONFIDENCE:
        flag = (
            f'<span class="dz-flag" title="Paired automatically with low confidence '
            f'({bead.confidence:.2f}): check that these paragraphs translate each other">'
            '<span class="dz-sr">uncertain pairing</span></span>'
        )
    return (
        f'<div class="dz-pair" id="{bead.anchor}" data-n="{number}" data-confidence="{bead.confidence:.2f}" '
        f'data-method="{esc(bead.method)}">{link}{flag}{cells}</div>'
    )


def term_marks(links: DocLinks | None, here: str, settings: Settings) -> TermMarks | None:
    """The glossary links of the page at `here`, as marks of a paragraph's text (None: no terms)."""
    if links is None or not links.hits:
        return None
    tags: dict[int, tuple[str, str]] = {}

    def marks(text: str) -> list[Mark]:
        # The first occurrence of each entry in a paragraph is a link; repeats are not (a dense
        # glossary would otherwise underline every other word, and weigh on the page).
        out, seen = [], set()
        for h in links.hits.get(text, ()):
            if h.entry in seen:
                continue
            seen.add(h.entry)
            if h.entry not in tags:
                tags[h.entry] = connections.term_link(
                    links.entries[h.entry], here, settings.use_directory_urls
                )
            out.append(Mark(h.start, h.end, *tags[h.entry]))
        return out

    return marks
