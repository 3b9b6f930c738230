"""Stage 5, align: paragraphs become beads, rows of zh paragraphs beside their en counterparts.

- one language: each paragraph is a bead of its own (the other side empty);
- interleaved files (zh, en, zh, en…): each zh run is paired with the en run next to it;
- a zh half followed by an en half: a monotonic length-based alignment (n:m beads, gaps allowed),
  so an unmatched paragraph gets an empty cell instead of shifting every pair after it.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from dataclasses import replace

from . import script
from .model import Bead, BlockKind, Paragraph

# Bead shapes tried by the paragraph aligner, with a prior cost each (rarer shapes cost more).
# Why these values: 1:1 dominates human translations of policy texts; 1:0/0:1 (untranslated
# paragraphs) and merges are uncommon but must stay possible.
BEAD_COSTS = {
    (1, 1): 0.0,
    (1, 0): 3.0,
    (0, 1): 3.0,
    (2, 1): 1.5,
    (1, 2): 1.5,
    (2, 2): 2.5,
    (3, 1): 3.0,
    (1, 3): 3.0,
}


def side(p: Paragraph) -> str:
    """The column a paragraph belongs in: its language, or the dominant script when mixed."""
    if p.lang in ("zh", "en"):
        return p.lang
    return "zh" if script.han_count(p.text) * script.LETTERS_PER_HAN >= script.latin_letters(p.text) else "en"


def pair(paragraphs: tuple[Paragraph, ...]) -> tuple[Bead, ...]:
    present = {side(p) for p in paragraphs if p.lang in ("zh", "en")}
    if len(present) < 2:
        beads = [_bead([p], []) if side(p) == "zh" else _bead([], [p]) for p in paragraphs]
        return _with_anchors(beads)

    runs: list[tuple[str, list[Paragraph]]] = []
    for p in paragraphs:
        s = side(p)
        if runs and runs[-1][0] == s:
            runs[-1][1].append(p)
        else:
            runs.append((s, [p]))

    if len(runs) >= 3:
        beads = _interleaved(runs)
    else:
        zh = [p for p in paragraphs if side(p) == "zh"]
        en = [p for p in paragraphs if side(p) == "en"]
        beads = align_paragraphs(zh, en)
    return _with_anchors(beads)


def _bead(zh: list[Paragraph], en: list[Paragraph], method: str = "single", confidence: float = 1.0) -> Bead:
    return Bead(zh=tuple(zh), en=tuple(en), anchor="", confidence=confidence, method=method)


def _interleaved(runs: list[tuple[str, list[Paragraph]]]) -> list[Bead]:
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
                beads.extend(align_paragraphs(zh, en, method="interleaved"))
            i += 2
        else:
            beads.append(_bead(group, []) if lang == "zh" else _bead([], group))
            i += 1
    return beads


def _length(p: Paragraph) -> float:
    """Length in comparable units: zh in Han characters, en in letters / LETTERS_PER_HAN."""
    return script.han_count(p.text) + script.latin_letters(p.text) / script.LETTERS_PER_HAN + 1


def _cost(zh: list[Paragraph], en: list[Paragraph], lengths: dict[int, float] | None = None) -> float:
    a = sum(lengths[id(p)] if lengths else _length(p) for p in zh)
    b = sum(lengths[id(p)] if lengths else _length(p) for p in en)
    if not zh or not en:
        return 0.0
    # A heading should pair with a heading.
    kind_penalty = 0.0 if (zh[0].kind is BlockKind.HEADING) == (en[0].kind is BlockKind.HEADING) else 2.0
    return abs(math.log(a / b)) * 2.0 + kind_penalty


# Above this many cells (zh x en paragraphs) the alignment runs in a band around the diagonal, so
# time grows linearly: 1,000 paragraphs a side would otherwise take minutes. Why 40,000: every
# text up to 200 paragraphs a side is still aligned in full. The band's half-width is BAND
# paragraphs beyond the diagonal's own slope (so consecutive rows of the band always touch).
FULL_CELLS = 40_000
BAND = 40


def align_paragraphs(zh: list[Paragraph], en: list[Paragraph], method: str = "sequential") -> list[Bead]:
    """Monotonic dynamic-programming alignment of two paragraph lists by length."""
    n, m = len(zh), len(en)
    inf = float("inf")
    lengths = {id(p): _length(p) for p in (*zh, *en)}  # measured once, not once per cell

    def cost(a: list[Paragraph], b: list[Paragraph]) -> float:
        return _cost(a, b, lengths)

    banded = n * m > FULL_CELLS
    width = BAND + math.ceil(max(n / max(1, m), m / max(1, n)))

    def centre(i: int) -> int:
        return round(i * m / n) if n else 0

    best: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        lo, hi = (max(0, centre(i) - width), min(m, centre(i) + width)) if banded else (0, m)
        for j in range(lo, hi + 1):
            here = best.get((i, j), inf)
            if here == inf:
                continue
            for (di, dj), prior in BEAD_COSTS.items():
                ni, nj = i + di, j + dj
                if ni > n or nj > m or (banded and abs(nj - centre(ni)) > width):
                    continue
                c = here + prior + cost(zh[i:ni], en[j:nj])
                if c < best.get((ni, nj), inf):
                    best[ni, nj], back[ni, nj] = c, (di, dj)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = back[i, j]
        bead_cost = cost(zh[i - di : i], en[j - dj : j]) + BEAD_COSTS[di, dj]
        beads.append(
            _bead(zh[i - di : i], en[j - dj : j], method, confidence=round(math.exp(-bead_cost / 2), 3))
        )
        i, j = i - di, j - dj
    return beads[::-1]


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"\s+", " ", text).strip()


def anchor_for(bead: Bead) -> str:
    """Derived from the text, not the position, so re-cleaning elsewhere never moves it: the zh side
    when there is one (the original in most documents), else the en side."""
    basis = " ".join(p.text for p in (bead.zh or bead.en))
    return "p-" + hashlib.blake2b(_normal(basis).encode(), digest_size=4).hexdigest()


def _with_anchors(beads: list[Bead]) -> tuple[Bead, ...]:
    seen: dict[str, int] = {}
    out = []
    for b in beads:
        anchor = anchor_for(b)
        seen[anchor] = seen.get(anchor, 0) + 1
        if seen[anchor] > 1:
            anchor = f"{anchor}-{seen[anchor]}"
        out.append(replace(b, anchor=anchor))
    return tuple(out)
