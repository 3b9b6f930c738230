"""Stage 5, align: paragraphs become beads, rows of zh paragraphs beside their en counterparts.

- one language: each paragraph is a bead of its own (the other side empty);
- interleaved files (zh, en, zh, en…): each zh run is paired with the en run next to it;
- a zh half followed by an en half: a monotonic alignment of the paragraphs by lexical evidence
  and length (alignment.py; n:m beads, gaps allowed), so an unmatched paragraph gets an empty cell
  instead of shifting every pair after it.
Then, inside every bead, the sentences are aligned (Bead.links), each link with a confidence.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import replace

from . import alignment, script
from . import lexicon as lx
from .model import Bead, Link, Paragraph


def side(p: Paragraph) -> str:
    """The column a paragraph belongs in: its language, or the dominant script when mixed."""
    if p.lang in ("zh", "en"):
        return p.lang
    return "zh" if script.han_count(p.text) * script.LETTERS_PER_HAN >= script.latin_letters(p.text) else "en"


def pair(paragraphs: tuple[Paragraph, ...], lexicon: lx.Lexicon | None = None) -> tuple[Bead, ...]:
    """Beads of one document's paragraphs, with sentence links inside each."""
    present = {side(p) for p in paragraphs if p.lang in ("zh", "en")}
    if len(present) < 2:
        beads = [_bead([p], []) if side(p) == "zh" else _bead([], [p]) for p in paragraphs]
        return with_anchors(beads)
    lexicon = lexicon or lx.cedict()

    runs: list[tuple[str, list[Paragraph]]] = []
    for p in paragraphs:
        s = side(p)
        if runs and runs[-1][0] == s:
            runs[-1][1].append(p)
        else:
            runs.append((s, [p]))

    if len(runs) >= 3:
        beads = _interleaved(runs, lexicon)
    else:
        zh = [p for p in paragraphs if side(p) == "zh"]
        en = [p for p in paragraphs if side(p) == "en"]
        beads = align_paragraphs(zh, en, lexicon=lexicon)
    return with_anchors([link_sentences(b, lexicon) for b in beads])


def link_sentences(bead: Bead, lexicon: lx.Lexicon | None = None) -> Bead:
    """The bead with its sentences aligned (Bead.links). A bead whose pairing came from structure
    (interleaved runs) takes its confidence from its sentence links, weighted by their size."""
    zh, en = bead.zh_sentences, bead.en_sentences
    if not zh or not en:
        return bead
    found = alignment.align(zh, en, lexicon=lexicon or lx.cedict())
    links = tuple(Link(b.zh, b.en, b.confidence) for b in found)
    confidence = bead.confidence
    if bead.method == "interleaved":
        size = sum(len(k.zh) + len(k.en) for k in links)
        confidence = round(sum(k.confidence * (len(k.zh) + len(k.en)) for k in links) / size, 3)
    return replace(bead, links=links, confidence=confidence)


def _bead(zh: list[Paragraph], en: list[Paragraph], method: str = "single", confidence: float = 1.0) -> Bead:
    return Bead(zh=tuple(zh), en=tuple(en), anchor="", confidence=confidence, method=method)


def _interleaved(runs: list[tuple[str, list[Paragraph]]], lexicon: lx.Lexicon) -> list[Bead]:
    """Pair each run with its neighbour of the other language, in reading order."""
    beads: list[Bead] = []
    i = 0
    while i < len(runs):
        lang, group = runs[i]
        if i + 1 < len(runs):
            other = runs[i + 1][1]
            zh, en = (group, other) if lang == "zh" else (other, group)
            if len(zh) == len(en):
                beads.extend(_bead([a], [b], "interleaved") for a, b in zip(zh, en, strict=True))
            else:
                beads.extend(align_paragraphs(zh, en, method="interleaved", lexicon=lexicon))
            i += 2
        else:
            beads.append(_bead(group, []) if lang == "zh" else _bead([], group))
            i += 1
    return beads


def align_paragraphs(
    zh: list[Paragraph], en: list[Paragraph], method: str = "sequential", lexicon: lx.Lexicon | None = None
) -> list[Bead]:
    """Monotonic alignment of two paragraph lists (each paragraph one unit), n:m with gaps."""
    found = alignment.align([p.text for p in zh], [p.text for p in en], lexicon=lexicon or lx.cedict())
    return [
        _bead([zh[i] for i in b.zh], [en[j] for j in b.en], method, confidence=b.confidence) for b in found
    ]


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"\s+", " ", text).strip()


def anchor_for(bead: Bead) -> str:
    """Derived from the text, not the position, so re-cleaning elsewhere never moves it: the zh side
    when there is one (the original in most documents), else the en side."""
    basis = " ".join(p.text for p in (bead.zh or bead.en))
    return "p-" + hashlib.blake2b(_normal(basis).encode(), digest_size=4).hexdigest()


def with_anchors(beads: list[Bead]) -> tuple[Bead, ...]:
    seen: dict[str, int] = {}
    out = []
    for b in beads:
        anchor = anchor_for(b)
        seen[anchor] = seen.get(anchor, 0) + 1
        if seen[anchor] > 1:
            anchor = f"{anchor}-{seen[anchor]}"
        out.append(replace(b, anchor=anchor))
    return tuple(out)


# The name the review tests (and any older caller) know it by.
_with_anchors = with_anchors
