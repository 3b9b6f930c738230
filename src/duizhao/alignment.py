"""Sentence alignment: a zh and an en list of sentences -> monotonic beads, each with a confidence.

The score of a bead (zh sentences i0..i1 beside en sentences j0..j1) combines
- lexical evidence: how much of the English side the dictionary renderings of the Chinese side
  cover, and how much of the Chinese side finds a rendering on the English side (both weighted by
  inverse sentence frequency within the document, so rare words count more than common ones);
  numbers, Latin words inside the Chinese and romanised names (陈清扬 ~ "Chen Qingyang") count
  as words;
- length: the ratio of the two sides' lengths against the document's own ratio.
A dynamic programme finds the monotonic sequence of beads (1:1, 1:2, 2:1, ... up to 1:5, and 1:0 /
0:1 for a sentence without counterpart) with the highest total score. Every bead type is scored
the same way; there is no prior favouring one shape, so a split is chosen only when its own
evidence beats the merge.

Long documents are aligned twice: first blocks of consecutive sentences, coarsely, which gives a
path; then sentences, inside a band around that path (so time and memory grow linearly).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import lexicon as lx

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
# Above this many cells (zh x en sentences) the sentence pass runs in a band around a coarse path.
FULL_CELLS = 400_000
# Coarse pass: about this many sentences per block.
BLOCK = 8
# Half-width of the band around the coarse path, in en sentences, on top of one block's worth.
BAND = 12


@dataclass(frozen=True)
class SentenceBead:
    zh: tuple[int, ...]
    en: tuple[int, ...]
    confidence: float = 1.0

    def __str__(self) -> str:
        return f"[{','.join(map(str, self.zh))}]:[{','.join(map(str, self.en))}]"


@dataclass(frozen=True)
class Params:
    """The aligner's few parameters, each with its reason.

    skip: the score of a 1:0 or 0:1 bead. Negative, so leaving a sentence out must be paid for
      by a better bead elsewhere; small, because a real 1:2 bead usually scores only a little
      better than its 1:1 part.
    len_weight: the share of the score that length carries (the rest is lexical evidence).
    sigma: how far (natural log of the length ratio) a translation may stray from the
      document's own ratio before the length score halves (about 0.6 of sigma).
    """

    skip: float = -0.1
    len_weight: float = 0.3
    sigma: float = 0.5
    size: float = 0.0


@dataclass
class Evidence:
    """Per-sentence lexical features over one document pair, as vocabulary ids."""

    zh_tokens: list[list[np.ndarray]]  # per zh sentence, per word: the en vocabulary ids it may render
    zh_weights: list[np.ndarray]  # per zh sentence, per word: its weight
    en_ids: list[np.ndarray]  # per en sentence: its distinct (matchable) vocabulary ids
    en_weight: np.ndarray  # per vocabulary id
    zh_len: np.ndarray
    en_len: np.ndarray
    vocab: int

    @property
    def wz(self) -> np.ndarray:
        return np.array([w.sum() for w in self.zh_weights], dtype=np.float64)

    @property
    def we(self) -> np.ndarray:
        return np.array([self.en_weight[ids].sum() for ids in self.en_ids], dtype=np.float64)


def _length(text: str) -> int:
    return max(1, len("".join(text.split())))


def evidence(zh: Sequence[str], en: Sequence[str], lex: lx.Lexicon) -> Evidence:
    n, m = len(zh), len(en)
    en_terms = [lx.en_terms(s) for s in en]
    # Romanised names: an English word that splits into pinyin syllables becomes a term
    # "py:qing-yang"; a zh sentence has it when consecutive characters can be read so.
    names: dict[str, list[tuple[str, ...]]] = {}
    for s in en:
        for w in lx.name_candidates(s):
            for split in lex.romanised(w):
                names.setdefault("py:" + "-".join(split), []).append(split)
    for k, terms in enumerate(en_terms):
        extra = []
        for w in lx.name_candidates(en[k]):
            extra.extend("py:" + "-".join(sp) for sp in lex.romanised(w))
        if extra:
            terms.extend(extra)
    by_first: dict[str, list[tuple[str, str]]] = {}
    for key, splits in names.items():
        by_first.setdefault(splits[0][0], []).append((key, splits[0]))

    df: dict[str, int] = {}
    for terms in en_terms:
        for t in set(terms):
            df[t] = df.get(t, 0) + 1
    vocab = {t: k for k, t in enumerate(df)}
    zh_raw: list[list[frozenset[str]]] = []
    for s in zh:
        toks = [frozenset(t & vocab.keys()) for t in lex.zh_terms(s)]
        toks = [t for t in toks if t]
        toks.extend(frozenset({key}) for key in _name_hits(s, lex, by_first))
        zh_raw.append(toks)
    reach: set[str] = set()
    for toks in zh_raw:
        for t in toks:
            reach |= t
    en_weight = np.zeros(len(vocab) + 1)
    for t, d in df.items():
        en_weight[vocab[t]] = math.log((m + 1) / d)
    en_ids = [np.array(sorted({vocab[t] for t in terms if t in reach}), dtype=np.int64) for terms in en_terms]
    zdf: dict[frozenset[str], int] = {}
    for toks in zh_raw:
        for t in set(toks):
            zdf[t] = zdf.get(t, 0) + 1
    zh_tokens = [[np.array(sorted(vocab[e] for e in t), dtype=np.int64) for t in toks] for toks in zh_raw]
    zh_weights = [np.array([math.log((n + 1) / zdf[t]) for t in toks]) for toks in zh_raw]
    return Evidence(
        zh_tokens=zh_tokens,
        zh_weights=zh_weights,
        en_ids=en_ids,
        en_weight=en_weight,
        zh_len=np.array([_length(s) for s in zh], dtype=np.float64),
        en_len=np.array([_length(s) for s in en], dtype=np.float64),
        vocab=len(vocab),
    )


def _name_hits(
    text: str, lex: lx.Lexicon, by_first: dict[str, list[tuple[str, tuple[str, ...]]]]
) -> set[str]:
    hits = set()
    if not by_first:
        return hits
    for p, ch in enumerate(text):
        for syl in lex.readings.get(ch, ()):
            for key, split in by_first.get(syl, ()):
                if p + len(split) <= len(text) and all(
                    s in lex.readings.get(text[p + q], ()) for q, s in enumerate(split)
                ):
                    hits.add(key)
    return hits


def _band_matrices(ev: Evidence, lo: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """me[i, k]: weight of en sentence lo[i]+k's words that zh sentence i's words may render;
    mz[i, k]: weight of zh sentence i's words that find a rendering in en sentence lo[i]+k."""
    n, m = len(ev.zh_tokens), len(ev.en_ids)
    present = np.zeros((m + width, ev.vocab + 1), dtype=bool)
    for j, ids in enumerate(ev.en_ids):
        present[j, ids] = True
    me = np.zeros((n, width))
    mz = np.zeros((n, width))
    w = ev.en_weight
    for i in range(n):
        toks = ev.zh_tokens[i]
        if not toks:
            continue
        rows = present[lo[i] : lo[i] + width]
        union = np.unique(np.concatenate(toks))
        me[i, : len(rows)] = rows[:, union].astype(np.float64) @ w[union]
        flat = np.concatenate(toks)
        starts = np.cumsum([0] + [len(t) for t in toks[:-1]])
        hit = np.logical_or.reduceat(rows[:, flat], starts, axis=1)
        mz[i, : len(rows)] = hit.astype(np.float64) @ ev.zh_weights[i]
    return me, mz


def _decode(back: np.ndarray, lo: np.ndarray, n: int, m: int) -> list[tuple[int, int, int, int]]:
    out = []
    i, j = n, m
    while i or j:
        a, b = back[i, j - lo[i]]
        out.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    return out[::-1]


def _dp(ev: Evidence, lo: np.ndarray, width: int, p: Params):
    """Best monotonic bead path inside the band: row i (zh sentences done) covers en positions
    lo[i] .. lo[i]+width-1. Returns the beads as (i0, i1, j0, j1) and each bead's score."""
    n, m = len(ev.zh_tokens), len(ev.en_ids)
    rows_lo = np.concatenate([lo, [lo[-1]]])  # row i of the DP (0..n) uses band of zh sentence i
    me, mz = _band_matrices(ev, rows_lo[:n], width)
    # Column cumulative sums per zh sentence, in absolute en coordinates via its band offset.
    cme = np.zeros((n, width + 1))
    cmz = np.zeros((n, width + 1))
    cme[:, 1:] = me.cumsum(1)
    cmz[:, 1:] = mz.cumsum(1)
    wz, we = ev.wz, ev.we
    cwz = np.concatenate([[0.0], wz.cumsum()])
    cwe = np.concatenate([[0.0], we.cumsum()])
    clz = np.concatenate([[0.0], ev.zh_len.cumsum()])
    cle = np.concatenate([[0.0], ev.en_len.cumsum()])
    ratio = cle[-1] / clz[-1]
    neg = -1e18
    best = np.full((n + 1, width), neg)
    back = np.zeros((n + 1, width, 2), dtype=np.int16)
    dpj = rows_lo[: n + 1, None] + np.arange(width)[None, :]  # absolute en position of each cell
    valid = dpj <= m

    def col_sum(c: np.ndarray, r: int, j: np.ndarray) -> np.ndarray:
        k = np.clip(j - rows_lo[r], 0, width)
        return c[r, k]

    for i in range(n + 1):
        j = dpj[i]
        cand = np.full(width, neg)
        bk = np.zeros((width, 2), dtype=np.int16)
        for a, b in SHAPES:
            if a > i:
                continue
            pj = j - b
            k = pj - rows_lo[i - a]
            ok = valid[i] & (pj >= 0) & (k >= 0) & (k < width)
            if not ok.any():
                continue
            prev = np.where(ok, best[i - a, np.clip(k, 0, width - 1)], neg)
            sme = np.zeros(width)
            smz = np.zeros(width)
            for r in range(i - a, i):
                sme += col_sum(cme, r, j) - col_sum(cme, r, pj)
                smz += col_sum(cmz, r, j) - col_sum(cmz, r, pj)
            jj = np.clip(j, 0, m)
            pjj = np.clip(pj, 0, m)
            den_e = cwe[jj] - cwe[pjj]
            ce = np.minimum(1.0, sme / np.maximum(den_e, 1e-9))
            cz = min(1.0, 1.0) * np.minimum(1.0, smz / max(cwz[i] - cwz[i - a], 1e-9))
            sim = np.where(ce + cz > 0, 2 * ce * cz / np.maximum(ce + cz, 1e-12), 0.0)
            r = np.log(np.maximum(cle[jj] - cle[pjj], 1e-9) / (ratio * (clz[i] - clz[i - a])))
            lenp = np.exp(-(r * r) / (2 * p.sigma**2))
            score = ((1 - p.len_weight) * sim + p.len_weight * lenp) * ((a + b) / 2) ** p.size
            v = prev + score
            better = v > cand
            cand = np.where(better, v, cand)
            bk[better] = (a, b)
        if i > 0:
            # 1:0 — zh sentence i-1 alone.
            k = j - rows_lo[i - 1]
            ok = valid[i] & (k >= 0) & (k < width)
            prev = np.where(ok, best[i - 1, np.clip(k, 0, width - 1)], neg) + p.skip
            better = prev > cand
            cand = np.where(better, prev, cand)
            bk[better] = (1, 0)
        else:
            at0 = j == 0
            cand = np.where(at0, 0.0, cand)
        # 0:1 — en sentences alone, left to right along the row: a running maximum.
        steps = np.arange(width) * p.skip
        run = np.maximum.accumulate(np.where(valid[i], cand - steps, neg)) + steps
        from_left = run > cand + 1e-12
        cand = np.where(from_left, run, cand)
        bk[from_left] = (0, 1)
        cand[~valid[i]] = neg
        best[i] = cand
        back[i] = bk
    path = _decode(back, rows_lo, n, m)
    return path, best


def _score_of(ev: Evidence, bead: tuple[int, int, int, int], p: Params) -> float:
    return 0.0


def _coarse_band(zh: Sequence[str], en: Sequence[str], lex: lx.Lexicon, p: Params) -> tuple[np.ndarray, int]:
    """Align blocks of about BLOCK sentences, then give every zh sentence a band of en positions
    around where its block landed."""
    n, m = len(zh), len(en)
    gz = max(1, round(n / max(1, math.ceil(n / BLOCK))))
    nb = math.ceil(n / gz)
    ge = max(1, math.ceil(m / nb))
    zb = ["".join(zh[k : k + gz]) for k in range(0, n, gz)]
    eb = [" ".join(en[k : k + ge]) for k in range(0, m, ge)]
    beads = align(zb, eb, lexicon=lex, params=p)
    center = np.zeros(n + 1)
    for bead in beads:
        if not bead.zh:
            continue
        z0, z1 = bead.zh[0] * gz, min(n, (bead.zh[-1] + 1) * gz)
        if bead.en:
            e0, e1 = bead.en[0] * ge, min(m, (bead.en[-1] + 1) * ge)
        else:
            e0 = e1 = center[z0] if z0 else 0
        for i in range(z0, z1 + 1):
            center[i] = e0 + (e1 - e0) * (i - z0) / max(1, z1 - z0)
    half = ge + BAND
    width = 2 * half + 1
    lo = np.clip(np.round(center[:n]).astype(np.int64) - half, 0, max(0, m + 1 - width))
    return np.maximum.accumulate(lo), width


def align(
    zh: Sequence[str],
    en: Sequence[str],
    *,
    lexicon: lx.Lexicon | None = None,
    params: Params | None = None,
) -> list[SentenceBead]:
    """Monotonic sentence alignment of `zh` and `en` (either may be empty)."""
    p = params or Params()
    n, m = len(zh), len(en)
    if not n or not m:
        return [SentenceBead((i,), ()) for i in range(n)] + [SentenceBead((), (j,)) for j in range(m)]
    lex = lexicon or lx.cedict()
    ev = evidence(zh, en, lex)
    if n * m <= FULL_CELLS:
        lo, width = np.zeros(n, dtype=np.int64), m + 1
    else:
        lo, width = _coarse_band(zh, en, lex, p)
    path, _ = _dp(ev, lo, width, p)
    return [SentenceBead(tuple(range(i0, i1)), tuple(range(j0, j1))) for i0, i1, j0, j1 in path]
