"""Stage 4, segment: kept blocks become paragraphs with a language and sentences."""

from __future__ import annotations

import itertools
import re

from .. import script
from ..model import Block, Paragraph

# zh: a sentence ends at 。！？… (and ；, which closes a clause as strongly in policy prose),
# including any closing quotes or brackets that follow.
ZH_SENTENCE = re.compile(
    rf"[^{script.ZH_FINAL}]*[{script.ZH_FINAL}]+[{re.escape(script.CLOSERS)}]*|[^{script.ZH_FINAL}]+$"
)
# en: abbreviations that end with a period but do not end a sentence.
EN_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st no nos vol vols fig figs art arts sec para paras ed eds
    e.g i.e etc vs cf al approx est dept govt corp inc ltd co
    jan feb mar apr jun jul aug sep sept oct nov dec
    u.s u.k u.n e.u p.r.c h.e u.s.a d.c a.m p.m""".split()
)
EN_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9\u4e00-\u9fff])")


def split_zh(text: str) -> list[str]:
    return [s.strip() for s in ZH_SENTENCE.findall(text) if s.strip()]


def split_en(text: str) -> list[str]:
    out: list[str] = []
    start = 0
    for m in EN_BOUNDARY.finditer(text):
        candidate = text[start : m.start()].rstrip()
        last_word = re.search(r"([A-Za-z.]+)\.[\"'”’)\]]*$", candidate)
        if last_word and last_word.group(1).lower() in EN_ABBREVIATIONS:
            continue
        # "U.S." style initialisms: a single capital letter before the final period.
        if re.search(r"(?:^|\s)[A-Z]\.$", candidate):
            continue
        # Skip the boundary when the whitespace is inside closing quotes just consumed.
        end = m.end()
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = end
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def sentences(text: str, lang: str) -> tuple[str, ...]:
    if lang == "zh":
        return tuple(split_zh(text))
    if lang == "en":
        return tuple(split_en(text))
    # mixed: split on both kinds of boundary
    parts: list[str] = []
    for piece in split_zh(text):
        parts.extend(split_en(piece))
    return tuple(parts)


# A paragraph longer than this is shown as several (cut between sentences, or inside a sentence
# longer than it): no page or pair grows with one runaway line (a 1 MB line with no break).
# Why 4,000 characters: a long paragraph of a white paper has 600-1,500 (Chinese) or 1,000-2,500
# (English); past 4,000 a "paragraph" is a scrape without line breaks, not an author's unit.
MAX_PARAGRAPH_CHARS = 4_000


def _cuts(text: str, lang: str, limit: int) -> list[int]:
    """Offsets where a text of more than `limit` characters is cut: between sentences where
    sentences fit, else at the last space before the limit, else at the limit."""
    ends = []
    pos = 0
    for sentence in sentences(text, lang):
        i = text.find(sentence, pos)
        if i < 0:
            break
        pos = i + len(sentence)
        ends.append(pos)
    cuts, start = [], 0
    while len(text) - start > limit:
        fitting = [e for e in ends if start < e <= start + limit]
        if fitting:
            cut = fitting[-1]
        else:
            space = text.rfind(" ", start + limit // 2, start + limit)
            cut = space + 1 if space > 0 else start + limit
        cuts.append(cut)
        start = cut
    return cuts


def split_long(
    blocks: tuple[Block, ...] | list[Block], limit: int = MAX_PARAGRAPH_CHARS
) -> tuple[list[Block], int]:
    """The blocks with every one longer than `limit` cut into several of the same kind and source
    lines (no character is lost: the pieces join back into the text), and how many were cut."""
    out: list[Block] = []
    cut_count = 0
    for block in blocks:
        if len(block.text) <= limit:
            out.append(block)
            continue
        cut_count += 1
        bounds = [0, *_cuts(block.text, script.language(block.text), limit), len(block.text)]
        for a, b in itertools.pairwise(bounds):
            piece = block.text[a:b]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()  # (only the spaces at a cut go)
            if not piece:
                continue
            a += lead
            strong = tuple(
                (max(s, a) - a, min(e, a + len(piece)) - a)
                for s, e in block.strong
                if s < a + len(piece) and e > a
            )
            out.append(Block(block.kind, piece, block.lines, block.level, strong))
    return out, cut_count


def segment(blocks: tuple[Block, ...] | list[Block]) -> tuple[Paragraph, ...]:
    out = []
    for i, block in enumerate(blocks):
        lang = script.language(block.text)
        out.append(Paragraph(block=block, lang=lang, sentences=sentences(block.text, lang), index=i))
    return tuple(out)
