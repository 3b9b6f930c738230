"""Stage 4, segment: kept blocks become paragraphs with a language and sentences."""

from __future__ import annotations

import re

from . import script
from .model import Block, Paragraph

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


def segment(blocks: tuple[Block, ...] | list[Block]) -> tuple[Paragraph, ...]:
    out = []
    for i, block in enumerate(blocks):
        lang = script.language(block.text)
        out.append(Paragraph(block=block, lang=lang, sentences=sentences(block.text, lang), index=i))
    return tuple(out)
