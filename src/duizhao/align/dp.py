"""The dynamic programme of sentence alignment (alignment.py): every bead shape scored at every
cell of a band, the best monotonic path through them.

A bead's quality (0..1) mixes its lexical similarity (the harmonic mean of how much of each side
the other side's words may render, lexical.py), optionally its two sides' embedding cosine, and
how well its length ratio fits the document's. A bead of several sentences is scored on its merged
text, so its quality is comparable with that of the smaller beads it could be split into.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .lexical import Evidence, band_matrices
from .params import Params

# Bead shapes (zh sentences, en sentences). Why up to 5: a long Chinese sentence strung with
# commas often becomes four or five English sentences in literary and policy translation.
SHAPES: tuple[tuple[int, int], ...] = (
    (1, 1),
    (1, 2),
    (2, 1),
    (1, 3),
    (3, 1),
    (2, 2),
    (1, 4),
    (4, 1),
    (2, 3),
    (3, 2),
    (1, 5),
    (5, 1),
)
# English characters (spaces left out) per Chinese character in translations: 2.9-4.3 on MAC-Dev's
# chapters, 3.4 in the Bible. A short text's own ratio is shrunk towards it, as if PRIOR_WEIGHT
# sentence pairs had shown it: one untranslated paragraph must not skew a three-paragraph text.
PRIOR_RATIO = 3.3
PRIOR_WEIGHT = 4

SKIP_SHAPES = ((1, 0),)


def _span_vectors(single: np.ndarray, most: int) -> list[np.ndarray]:
    """out[a][i]: the unit vector of sentences i-a..i-1 (rows 0..a-1 are zero), the normalised sum
    of the sentences' vectors. (Embedding two sentences' joined text instead scored lower on the
    tune half, 0.854 against 0.875, and doubles the encoding time.)"""
    n, dim = single.shape
    c = np.concatenate([np.zeros((1, dim)), single.astype(np.float64).cumsum(0)])
    out = [np.zeros((n + 1, dim))]
    for a in range(1, most + 1):
        v = np.zeros((n + 1, dim))
        if a <= n:
            v[a:] = c[a:] - c[:-a]
        v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)
        out.append(v)
    return out


def _embedding_cosines(ev: Evidence, L: np.ndarray, width: int, shapes: Sequence[tuple[int, int]]) -> dict:
    """cos[(a, b)][i, k]: the cosine of zh sentences i-a..i-1 with en sentences j-b..j-1, where
    j = L[i] + k (the DP's cells)."""
    most = max(max(a, b) for a, b in shapes)
    zv = _span_vectors(ev.zh_emb, most)
    envs = _span_vectors(ev.en_emb, most)
    pad = np.zeros((width + 1, ev.en_emb.shape[1]))
    out = {}
    for a, b in shapes:
        if not b:
            continue
        e = np.concatenate([envs[b], pad])
        out[(a, b)] = np.stack([e[L[i] : L[i] + width] @ zv[a][i] for i in range(len(L))])
    return out


def _ratio(ev: Evidence) -> float:
    """The document's en/zh length ratio, shrunk towards PRIOR_RATIO."""
    seen = min(len(ev.zh_len), len(ev.en_len))
    if ev.ratio:  # (the whole texts' ratio is not to be trusted: alignment.PARTIAL)
        return ev.ratio
    own = math.log(ev.en_len.sum() / ev.zh_len.sum())
    return math.exp((seen * own + PRIOR_WEIGHT * math.log(PRIOR_RATIO)) / (seen + PRIOR_WEIGHT))


def _quality(
    sme, smz, wz, we, zh_len, en_len, ratio: float, p: Params, cos=None
) -> np.ndarray | float:
    """A bead's quality in 0..1 from its matched weights (sme: of its en words, smz: of its zh
    words), its total weights and lengths, and (with embeddings) its two sides' cosine; arrays or
    numbers alike."""
    ce = np.minimum(1.0, sme / np.maximum(we, 1e-9))
    cz = np.minimum(1.0, smz / np.maximum(wz, 1e-9))
    sim = 2 * ce * cz / np.maximum(ce + cz, 1e-12)
    if cos is not None:
        near = np.clip((cos - p.cos0) / (p.cos1 - p.cos0), 0.0, 1.0)
        sim = (1 - p.embed) * sim + p.embed * near
    lr = np.log(np.maximum(en_len, 1e-9) / (ratio * zh_len))
    return (1 - p.len_weight) * sim + p.len_weight * np.exp(-(lr * lr) / (2 * p.sigma**2))



Path = list[tuple[int, int, int, int, float]]  # beads as (i0, i1, j0, j1, quality in 0..1)


@dataclass
class Grid:
    """The DP's cells: row i (i zh sentences done) covers en positions L[i] .. L[i]+width-1; j
    holds each cell's absolute en position. With the prefix sums that score a bead in O(1)."""

    ev: Evidence
    L: np.ndarray
    width: int
    j: np.ndarray
    cme: np.ndarray  # per zh row, cumulated over the band: matched weight of the en words
    cmz: np.ndarray  # the same of the zh words
    cum: dict[str, np.ndarray]  # prefix sums of the sentences' weights and lengths

    @classmethod
    def build(cls, ev: Evidence, lo: np.ndarray, width: int) -> Grid:
        n = len(ev.zh_tokens)
        L = np.concatenate([lo, [lo[-1]]]).astype(np.int64)  # DP row n reuses the last band
        me, mz = band_matrices(ev, L[:n], width)
        cme = np.zeros((n, width + 1))
        cmz = np.zeros((n, width + 1))
        cme[:, 1:] = me.cumsum(1)
        cmz[:, 1:] = mz.cumsum(1)
        sides = {"wz": ev.wz, "we": ev.we, "lz": ev.zh_len, "le": ev.en_len}
        cum = {k: np.concatenate([[0.0], v.cumsum()]) for k, v in sides.items()}
        j = L[:, None] + np.arange(width)[None, :]  # (n+1, W) absolute en position of each cell
        return cls(ev, L, width, j, cme, cmz, cum)


def _shape_quality(g: Grid, a: int, b: int, ratio: float, p: Params, cos: np.ndarray | None) -> np.ndarray:
    """The quality of every a:b bead (b > 0) ending at rows a..n, all cells."""
    n, m = len(g.ev.zh_tokens), len(g.ev.en_ids)
    i = np.arange(a, n + 1)
    ji = g.j[a:]
    jci = np.minimum(ji, m)
    pj = ji - b
    sme = np.zeros(ji.shape)
    smz = np.zeros(ji.shape)
    weighs = bool(p.weakest) and a > 1  # (Params.weakest, read below)
    weakest = np.ones(ji.shape)  # the least share of one zh sentence's words the en side renders
    for t in range(1, a + 1):
        r = (i - t)[:, None]
        hi = np.clip(ji - g.L[i - t][:, None], 0, g.width)
        lo_ = np.clip(pj - g.L[i - t][:, None], 0, g.width)
        sme += g.cme[r, hi] - g.cme[r, lo_]
        own = g.cmz[r, hi] - g.cmz[r, lo_]
        smz += own
        if weighs:
            alone = g.cum["wz"][i - t + 1] - g.cum["wz"][i - t]  # (the sentence's own weight)
            weakest = np.minimum(weakest, own / np.maximum(alone[:, None], 1e-9))
    pjc = np.clip(pj, 0, m)
    c = g.cum
    wz = (c["wz"][i] - c["wz"][i - a])[:, None]
    we = c["we"][jci] - c["we"][pjc]
    if weighs:
        # At either end of the text, a sentence the other side hardly renders (an added lead, a
        # tail with no translation) pulls its bead down (Params.weakest).
        ends = ((i - a) == 0)[:, None] | (pj <= 0) | (i == n)[:, None] | (ji >= m)
        lam = np.where(ends, p.weakest, 0.0)
        smz = (1 - lam) * smz + lam * np.minimum(1.0, weakest) * wz
    return _quality(
        sme,
        smz,
        wz,
        we,
        (c["lz"][i] - c["lz"][i - a])[:, None],
        c["le"][jci] - c["le"][pjc],
        ratio,
        p,
        cos,
    )


def _bead_scores(g: Grid, p: Params) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row, shape (SHAPES + SKIP_SHAPES) and cell: the score of the bead ending there, its
    quality, and the flat index of the cell it starts from (a sentinel where it cannot fit)."""
    n, m = len(g.ev.zh_tokens), len(g.ev.en_ids)
    ratio = _ratio(g.ev)
    emb = None
    if p.embed and g.ev.zh_emb is not None and g.ev.en_emb is not None:
        emb = _embedding_cosines(g.ev, g.L, g.width, SHAPES)
    shapes = SHAPES + SKIP_SHAPES
    width = g.width
    sentinel = (n + 1) * width
    score = np.full((n + 1, len(shapes), width), -1e18)
    quality = np.zeros((n + 1, len(shapes), width))
    prev_idx = np.full((n + 1, len(shapes), width), sentinel, dtype=np.int64)
    for s, (a, b) in enumerate(shapes):
        i = np.arange(a, n + 1)
        pj = g.j[a:] - b
        kprev = pj - g.L[i - a][:, None]
        ok = (g.j[a:] <= m) & (pj >= 0) & (kprev >= 0) & (kprev < width)
        prev_idx[a:, s] = np.where(ok, (i - a)[:, None] * width + np.clip(kprev, 0, width - 1), sentinel)
        if b == 0:
            # At either end of the English (a translation that stops early, a lead it never had).
            ends = (g.j[a:] == m) | (g.j[a:] == 0)
            score[a:, s] = np.where(ok, np.where(ends, p.edge, p.skip), -1e18)
            continue
        q = _shape_quality(g, a, b, ratio, p, emb[(a, b)][a:] if emb is not None else None)
        quality[a:, s] = q
        score[a:, s] = np.where(ok, q * ((a + b) / 2) ** p.size, -1e18)
    return score, quality, prev_idx


def _edges(g: Grid, p: Params) -> np.ndarray:
    """The cost of a bead ending at each cell (i, j): a boundary inside an English quotation only,
    or right after a closed Chinese one where the English closes none."""
    edge = np.zeros(g.j.shape)
    if g.ev.zh_quoted is not None and g.ev.en_quoted is not None:
        pad = np.zeros(g.width + 1, dtype=bool)
        (zq, zc), (eq, ec) = g.ev.zh_quoted, [np.concatenate([a, pad]) for a in g.ev.en_quoted]
        edge = np.where(eq[g.j] & ~zq[:, None], -p.quote, 0.0)
        edge -= np.where(zc[:, None] & ~ec[g.j], p.close, 0.0)
    return edge


def _forward(g: Grid, p: Params, score: np.ndarray, prev_idx: np.ndarray) -> np.ndarray:
    """The best score of every cell, row by row; returns each cell's choice: the shape of its last
    bead, or len(shapes) for a 0:1 bead."""
    n, m = len(g.ev.zh_tokens), len(g.ev.en_ids)
    width, j = g.width, g.j
    ns = len(SHAPES) + len(SKIP_SHAPES)
    edge = _edges(g, p)
    best = np.full((n + 1) * width + 1, -1e18)
    choice = np.zeros((n + 1, width), dtype=np.int16)
    cols = np.arange(width)
    outside = j > m
    for i in range(n + 1):
        if i == 0:
            cand = np.where(j[0] == 0, 0.0, -1e18)
            pick = np.full(width, -1, dtype=np.int16)
        else:
            v = best[prev_idx[i]]
            v += score[i]
            pick = v.argmax(0)
            cand = v[pick, cols]
        cand = cand + edge[i]
        # 0:1 beads, en sentences alone, run left to right along the row (cells past the end of
        # the text sit at the row's right end, so the run never carries them back in); each step
        # costs a skip and the cost of the cell it ends at.
        skip = p.edge if i in (0, n) else p.skip
        steps = np.concatenate([[0.0], np.cumsum(skip + edge[i, 1:])])
        run = np.maximum.accumulate(cand - steps)
        run += steps
        left = run > cand + 1e-9
        cand = np.where(left, run, cand)
        cand[outside[i]] = -1e18
        best[i * width : (i + 1) * width] = cand
        choice[i] = np.where(left, ns, pick)
    return choice


def _backtrack(g: Grid, choice: np.ndarray, quality: np.ndarray) -> Path:
    shapes = SHAPES + SKIP_SHAPES
    ns = len(shapes)
    n, m = len(g.ev.zh_tokens), len(g.ev.en_ids)
    L = g.L
    out = []
    i, k = n, m - L[n]
    while i or L[i] + k:
        s = choice[i, k]
        jj = L[i] + k
        if s == ns:
            out.append((i, i, jj - 1, jj, 0.0))
            k -= 1
            continue
        a, b = shapes[s]
        q = quality[i, s, k] if b else 0.0
        out.append((i - a, i, jj - b, jj, float(q)))
        i, k = i - a, jj - b - L[i - a]
    return out[::-1]


def best_path(ev: Evidence, lo: np.ndarray, width: int, p: Params) -> Path:
    """Best monotonic bead path inside a band: DP row i (i zh sentences done) covers en positions
    lo[i] .. lo[i]+width-1."""
    g = Grid.build(ev, lo, width)
    score, quality, prev_idx = _bead_scores(g, p)
    return _backtrack(g, _forward(g, p, score, prev_idx), quality)
