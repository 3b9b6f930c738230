"""Sentence alignment: a zh and an en list of sentences -> monotonic beads, each with a confidence.

The score of a bead (zh sentences i0..i1 beside en sentences j0..j1) combines
- lexical evidence: how much of the English side the dictionary renderings of the Chinese side
  cover, and how much of the Chinese side finds a rendering on the English side (both weighted by
  inverse sentence frequency within the document, so rare words count more than common ones);
  numbers, Latin words inside the Chinese and romanised names (陈清扬 ~ "Chen Qingyang") count
  as words;
- length: the ratio of the two sides' lengths against the document's own ratio;
- optionally (embed.py, off by default), the cosine of the two sides' sentence vectors.
A bead boundary that falls inside a quotation on the English side only costs extra (QUOTES).
A dynamic programme finds the monotonic sequence of beads (1:1, 1:2, 2:1, ... up to 1:5, and 1:0 /
0:1 for a sentence without counterpart) with the highest total score. Every bead type is scored
the same way; there is no prior favouring one shape, so a split is chosen only when its own
evidence beats the merge.

Long documents are aligned twice: first blocks of consecutive sentences, coarsely, which gives a
path; then sentences, inside a band around that path (so time and memory grow linearly).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..vocab import lexicon as lx
from . import embed as embed_mod

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
# Words with no possible counterpart anywhere on the other side count at this share of their
# weight in a bead's coverage: a dictionary gap is not evidence against a pair, but text that
# matches nothing must not be absorbed into a neighbouring bead for free. (MAC-Dev strict F1 0.872
# at 0, 0.870 at 0.5, 0.865 at 1; the Bible 0.969 / 0.972 / 0.972.)
UNMATCHED = 0.5
# Second pass (see learn): a zh word and an English stem that share at least LEARN_MIN beads of
# the first alignment, with a Dice coefficient of at least LEARN_DICE, count as translations.
# Only for texts aligned without a band, where a second pass costs little. (MAC-Dev strict F1
# 0.870 without, 0.878 with; 3 / 0.6 sits between settings that score the same.)
LEARN = True
LEARN_MIN = 3
LEARN_DICE = 0.6
# QUOTES: quotation marks that open and close, by side. A boundary between beads that falls inside
# a quotation on the English side only (a reply split over sentences) is rare in translations: on
# MAC-Dev's tune half, 2% of the gold bead boundaries against a quarter of the aligner's wrong
# ones. So is one right after a Chinese sentence closing a quotation where the English sentence
# before it closes none: 2% of the gold boundaries (both halves), a fifth of the wrong ones.
# English: curly marks, and straight ones by position (after a space an opener, before one a
# closer), never an apostrophe inside a word (don't, Hai's).
ZH_OPEN = re.compile(r"[“「『]")
ZH_CLOSE = re.compile(r"[”」』]")
EN_OPEN = re.compile(r"[“‘]|(?:^|(?<=[\s(\[—–-]))['\"]")
EN_CLOSE = re.compile(r"”|’(?![A-Za-z])|['\"](?=[\s)\],.;:!?—–-]|$)|(?<=[.,;:!?…—–-])['\"]")
# Above this many cells (zh x en sentences) the sentence pass runs in a band around a coarse path.
FULL_CELLS = 250_000
# Half-width of the band around the coarse path, in en sentences, on top of one block's width.
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
    """The aligner's parameters. The first four were chosen on MAC-Dev by leave-one-chapter-out
    over a 27-point grid (len_weight 0.25-0.35, sigma 0.6-0.8, size 0.15-0.35): all six folds
    picked the same values, and the held-out strict F1 (0.880) equals the dev F1. The Bible was
    not used. The quotation costs and the embedding weights were chosen on MAC-Dev's tune half
    only (bench/align.py: chapters 002, 004, 005); with the quotation cost, a 45-point grid of
    skip, size and len_weight on that half still picks the first four's values.

    skip: the score of a 1:0 or 0:1 bead. Negative, so leaving a sentence out must be paid for
      by better beads elsewhere.
    len_weight: the share of a bead's quality that length carries (the rest is lexical evidence).
    sigma: how far (natural log of the length ratio) a translation may stray from the document's
      own zh/en ratio: at one sigma the length score is 0.61.
    size: a bead's quality counts ((zh + en sentences) / 2) ** size times. Above 0, one bead that
      covers several sentences well beats several weak small ones (most 1:n beads are real).
    quote: the cost of a bead boundary inside a quotation on the English side but not on the
      Chinese side (see QUOTES). Chosen on MAC-Dev's tune half (002, 004, 005; bench/align.py):
      0.10-0.15 score the same there (0.860-0.861 strict F1, 0.843 at 0), 0.05 and 0.3 less.
    close: the cost of a bead boundary right after a Chinese sentence that closes a quotation
      where the English sentence before it closes none (a reply's last English sentence left
      for the next row). Tune half, with quote 0.12: 0.861 at 0, 0.866 at 0.05-0.1, 0.871 at
      0.15-0.2, 0.866 at 0.3.
    embed, cos0, cos1: with the embedding extra (embed.py), a bead's lexical similarity becomes
      (1 - embed) x itself + embed x its two sides' cosine mapped from cos0..cos1 onto 0..1.
      Chosen on the tune half over an 18-point grid (embed 0.3-0.7, cos0 0.1-0.3, cos1 0.6-0.8):
      0.3 / 0.2 / 0.8 ties with 0.5 / 0.2 / 0.8 at the best strict F1 (0.875), the smaller
      weight kept. The dictionary stays the main signal: alone the embeddings are weaker.
    """

    skip: float = -0.2
    len_weight: float = 0.35
    sigma: float = 0.7
    size: float = 0.35
    quote: float = 0.12
    close: float = 0.15
    embed: float = 0.3
    cos0: float = 0.2
    cos1: float = 0.8


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
    # Weight of each sentence's words that have no possible counterpart on the other side at all:
    # they lower the coverage of any bead that takes the sentence in.
    zh_rest: np.ndarray
    en_rest: np.ndarray
    # Per boundary k (before sentence k, 0..n): whether it falls inside a quotation, whether it
    # follows a closed one (see _quoted).
    zh_quoted: tuple[np.ndarray, np.ndarray] | None = None
    en_quoted: tuple[np.ndarray, np.ndarray] | None = None
    # Sentence vectors (embed.py), when the embedding extra is enabled.
    zh_emb: np.ndarray | None = None
    en_emb: np.ndarray | None = None

    @property
    def wz(self) -> np.ndarray:
        return np.array([w.sum() for w in self.zh_weights], dtype=np.float64) + self.zh_rest

    @property
    def we(self) -> np.ndarray:
        return np.array([self.en_weight[ids].sum() for ids in self.en_ids], dtype=np.float64) + self.en_rest


def _length(text: str) -> int:
    return max(1, len("".join(text.split())))


def _quoted(sentences: Sequence[str], opener: re.Pattern, closer: re.Pattern) -> tuple[np.ndarray, np.ndarray]:
    """Per boundary before sentence k (0..n), judged from its two neighbours only (so that one
    stray mark does not carry through the text): whether it falls inside a quotation (the sentence
    before ends with a quotation still open, or the one after begins by closing one), and whether
    it follows a closed one (the sentence before ends its last quotation)."""
    marks = []
    for s in sentences:
        found = sorted([(m.start(), 1) for m in opener.finditer(s)] + [(m.start(), -1) for m in closer.finditer(s)])
        marks.append([k for _, k in found])
    inside = np.zeros(len(sentences) + 1, dtype=bool)
    closed = np.zeros(len(sentences) + 1, dtype=bool)
    for k in range(1, len(sentences)):
        before, after = marks[k - 1], marks[k]
        inside[k] = bool(before and before[-1] == 1) or bool(after and after[0] == -1)
        closed[k] = bool(before and before[-1] == -1)
    return inside, closed


def evidence(zh: Sequence[str], en: Sequence[str], lex: lx.Lexicon) -> Evidence:  # noqa: C901 (left: one pass per kind of evidence, to split)
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
    by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for key, splits in names.items():
        by_first.setdefault(splits[0][0], []).append((key, splits[0]))
    starts: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    if by_first:
        # Only the characters the Chinese side has can begin a name in it (_name_hits): asking
        # every character of the dictionary cost 10 ms a call, most of a long text's alignment.
        for ch in set().union(*map(set, zh)):
            found = [name for syl in lex.readings.get(ch, ()) for name in by_first.get(syl, ())]
            if found:
                starts[ch] = found

    df: dict[str, int] = {}
    for terms in en_terms:
        for t in set(terms):
            df[t] = df.get(t, 0) + 1
    vocab = {t: k for k, t in enumerate(df)}
    # Each distinct zh word's renderings that occur in the English, looked up once.
    useful: dict[str, frozenset[str]] = {}
    zh_raw: list[list[frozenset[str]]] = []
    zh_lost: list[list[str]] = []  # words with a meaning, none of it in the English
    for s in zh:
        toks, lost = [], []
        for w in lex.zh_words(s):
            t = useful.get(w)
            if t is None:
                t = useful[w] = frozenset(lex.meaning(w) & vocab.keys())
            if t:
                toks.append(t)
            elif lex.meaning(w):
                lost.append(w)
        zh_lost.append(lost)
        toks.extend(frozenset({key}) for key in _name_hits(s, lex, starts))
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
    ids: dict[frozenset[str], np.ndarray] = {}
    for toks in zh_raw:
        for t in toks:
            if t not in ids:
                ids[t] = np.array(sorted(vocab[e] for e in t), dtype=np.int64)
    zh_tokens = [[ids[t] for t in toks] for toks in zh_raw]
    zh_weights = [np.array([math.log((n + 1) / zdf[t]) for t in toks]) for toks in zh_raw]
    ldf: dict[str, int] = {}
    for lost in zh_lost:
        for w in set(lost):
            ldf[w] = ldf.get(w, 0) + 1
    zh_rest = np.array([sum(math.log((n + 1) / ldf[w]) for w in lost) for lost in zh_lost])
    en_rest = np.array([sum(en_weight[vocab[t]] for t in set(terms) if t not in reach) for terms in en_terms])
    return Evidence(
        zh_tokens=zh_tokens,
        zh_weights=zh_weights,
        en_ids=en_ids,
        en_weight=en_weight,
        zh_len=np.array([_length(s) for s in zh], dtype=np.float64),
        en_len=np.array([_length(s) for s in en], dtype=np.float64),
        vocab=len(vocab),
        zh_rest=zh_rest * UNMATCHED,
        en_rest=en_rest * UNMATCHED,
        zh_quoted=_quoted(zh, ZH_OPEN, ZH_CLOSE),
        en_quoted=_quoted(en, EN_OPEN, EN_CLOSE),
    )


def _name_hits(text: str, lex: lx.Lexicon, starts: dict[str, list[tuple[str, tuple[str, ...]]]]) -> set[str]:
    """Romanised names (see evidence) that consecutive characters of `text` can be read as;
    `starts` maps each character that can begin one to the names it may begin."""
    hits: set[str] = set()
    readings = lex.readings
    for p, ch in enumerate(text):
        for key, split in starts.get(ch, ()):
            if p + len(split) <= len(text) and all(
                s in readings.get(text[p + q], ()) for q, s in enumerate(split[1:], 1)
            ):
                hits.add(key)
    return hits


def shared_names(zh_text: str, en_text: str, lex: lx.Lexicon) -> set[str]:
    """Capitalised English words of `en_text` that `zh_text` contains as romanised Chinese."""
    starts: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    words: dict[str, str] = {}
    by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for w in lx.name_candidates(en_text):
        for split in lex.romanised(w):
            if len(split) < 2:
                continue  # one syllable ("Li", "Wang") matches too much at document scale
            key = "-".join(split)
            words[key] = w
            by_first.setdefault(split[0], []).append((key, split))
    for ch in set(zh_text) if by_first else ():
        found = [name for syl in lex.readings.get(ch, ()) for name in by_first.get(syl, ())]
        if found:
            starts[ch] = found
    return {words[k] for k in _name_hits(zh_text, lex, starts)}


def _band_matrices(ev: Evidence, lo: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """me[r, k]: weight of en sentence lo[r]+k's words that zh sentence r's words may render;
    mz[r, k]: weight of zh sentence r's words that find a rendering in en sentence lo[r]+k."""
    n, m = len(ev.zh_tokens), len(ev.en_ids)
    present = np.zeros((m + width, ev.vocab + 1), dtype=bool)
    for j, ids in enumerate(ev.en_ids):
        present[j, ids] = True
    me = np.zeros((n, width))
    mz = np.zeros((n, width))
    w = ev.en_weight
    for r in range(n):
        toks = ev.zh_tokens[r]
        if not toks:
            continue
        rows = present[lo[r] : lo[r] + width]
        flat = np.concatenate(toks)
        union = np.unique(flat)
        me[r] = rows[:, union] @ w[union]
        starts = np.cumsum([0] + [len(t) for t in toks[:-1]])
        hit = np.logical_or.reduceat(rows[:, flat], starts, axis=1)
        mz[r] = hit @ ev.zh_weights[r]
    return me, mz


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


def _dp(ev: Evidence, lo: np.ndarray, width: int, p: Params) -> list[tuple[int, int, int, int, float]]:
    """Best monotonic bead path inside a band: DP row i (i zh sentences done) covers en positions
    L[i] .. L[i]+width-1. Returns beads as (i0, i1, j0, j1, quality in 0..1)."""
    n, m = len(ev.zh_tokens), len(ev.en_ids)
    L = np.concatenate([lo, [lo[-1]]]).astype(np.int64)  # DP row n reuses the last band
    me, mz = _band_matrices(ev, L[:n], width)
    cme = np.zeros((n, width + 1))
    cmz = np.zeros((n, width + 1))
    cme[:, 1:] = me.cumsum(1)
    cmz[:, 1:] = mz.cumsum(1)
    cwz = np.concatenate([[0.0], ev.wz.cumsum()])
    cwe = np.concatenate([[0.0], ev.we.cumsum()])
    clz = np.concatenate([[0.0], ev.zh_len.cumsum()])
    cle = np.concatenate([[0.0], ev.en_len.cumsum()])
    ratio = _ratio(ev)
    emb = None
    if p.embed and ev.zh_emb is not None and ev.en_emb is not None:
        emb = _embedding_cosines(ev, L, width, SHAPES)

    shapes = SHAPES + SKIP_SHAPES
    ns = len(shapes)
    rows = np.arange(n + 1)
    j = L[:, None] + np.arange(width)[None, :]  # (n+1, W) absolute en position of each cell
    inside = j <= m
    jc = np.minimum(j, m)
    sentinel = (n + 1) * width
    score = np.full((n + 1, ns, width), -1e18)
    quality = np.zeros((n + 1, ns, width))
    prev_idx = np.full((n + 1, ns, width), sentinel, dtype=np.int64)
    for s, (a, b) in enumerate(shapes):
        i = rows[a:]
        ji, jci = j[a:], jc[a:]
        pj = ji - b
        kprev = pj - L[i - a][:, None]
        ok = inside[a:] & (pj >= 0) & (kprev >= 0) & (kprev < width)
        prev_idx[a:, s] = np.where(ok, (i - a)[:, None] * width + np.clip(kprev, 0, width - 1), sentinel)
        if b == 0:
            score[a:, s] = np.where(ok, p.skip, -1e18)
            continue
        sme = np.zeros(ji.shape)
        smz = np.zeros(ji.shape)
        for t in range(1, a + 1):
            r = (i - t)[:, None]
            hi = np.clip(ji - L[i - t][:, None], 0, width)
            lo_ = np.clip(pj - L[i - t][:, None], 0, width)
            sme += cme[r, hi] - cme[r, lo_]
            smz += cmz[r, hi] - cmz[r, lo_]
        pjc = np.clip(pj, 0, m)
        cos = None
        if emb is not None:
            cos = emb[(a, b)][a:]
        q = _quality(
            sme,
            smz,
            (cwz[i] - cwz[i - a])[:, None],
            cwe[jci] - cwe[pjc],
            (clz[i] - clz[i - a])[:, None],
            cle[jci] - cle[pjc],
            ratio,
            p,
            cos,
        )
        quality[a:, s] = q
        score[a:, s] = np.where(ok, q * ((a + b) / 2) ** p.size, -1e18)

    # The cost of a bead ending at each cell (i, j): a boundary inside an English quotation only.
    edge = np.zeros((n + 1, width))
    if ev.zh_quoted is not None and ev.en_quoted is not None:
        pad = np.zeros(width + 1, dtype=bool)
        (zq, zc), (eq, ec) = ev.zh_quoted, [np.concatenate([a, pad]) for a in ev.en_quoted]
        edge = np.where(eq[j] & ~zq[:, None], -p.quote, 0.0)
        edge -= np.where(zc[:, None] & ~ec[j], p.close, 0.0)
    best = np.full(sentinel + 1, -1e18)
    choice = np.zeros((n + 1, width), dtype=np.int16)
    cols = np.arange(width)
    outside = ~inside
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
        steps = np.concatenate([[0.0], np.cumsum(p.skip + edge[i, 1:])])
        run = np.maximum.accumulate(cand - steps)
        run += steps
        left = run > cand + 1e-9
        cand = np.where(left, run, cand)
        cand[outside[i]] = -1e18
        best[i * width : (i + 1) * width] = cand
        choice[i] = np.where(left, ns, pick)
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


def _coarse(ev: Evidence, gz: int, ge: int) -> Evidence:
    """The same evidence over blocks of gz zh and ge en sentences."""
    n, m = len(ev.zh_tokens), len(ev.en_ids)
    zt, zw, ei = [], [], []
    for k in range(0, n, gz):
        # A word repeated inside a block is one token with the summed weight (fewer columns).
        merged: dict[bytes, list] = {}
        for toks, weights in zip(ev.zh_tokens[k : k + gz], ev.zh_weights[k : k + gz], strict=True):
            for t, w in zip(toks, weights, strict=True):
                key = t.tobytes()
                if key in merged:
                    merged[key][1] += w
                else:
                    merged[key] = [t, w]
        zt.append([t for t, _ in merged.values()])
        zw.append(np.array([w for _, w in merged.values()], dtype=np.float64))
    for k in range(0, m, ge):
        ids = ev.en_ids[k : k + ge]
        ei.append(np.unique(np.concatenate(ids)) if ids else np.zeros(0, dtype=np.int64))

    def sums(a: np.ndarray, g: int) -> np.ndarray:
        return np.add.reduceat(a, np.arange(0, len(a), g))

    return Evidence(
        zt,
        zw,
        ei,
        ev.en_weight,
        sums(ev.zh_len, gz),
        sums(ev.en_len, ge),
        ev.vocab,
        sums(ev.zh_rest, gz),
        sums(ev.en_rest, ge),
    )


def _path(ev: Evidence, p: Params) -> list[tuple[int, int, int, int, float]]:
    n, m = len(ev.zh_tokens), len(ev.en_ids)
    if n * m <= FULL_CELLS:
        return _dp(ev, np.zeros(n, dtype=np.int64), m + 1, p)
    # Blocks small enough that the coarse grid fits FULL_CELLS; their path gives the band.
    factor = math.ceil(math.sqrt(2 * n * m / FULL_CELLS))
    gz = max(1, factor)
    ge = max(1, round(factor * m / n))
    coarse = _path(_coarse(ev, gz, ge), p)
    center = np.zeros(n + 1)
    for z0, z1, e0, e1, _ in coarse:
        a0, a1 = z0 * gz, min(n, z1 * gz)
        b0, b1 = e0 * ge, min(m, e1 * ge)
        for i in range(a0, a1 + 1):
            center[i] = b0 + (b1 - b0) * (i - a0) / max(1, a1 - a0)
    half = ge + BAND
    width = min(m + 1, 2 * half + 1)
    lo = np.clip(np.round(center[:n]).astype(np.int64) - half, 0, m + 1 - width)
    return _dp(ev, np.maximum.accumulate(lo), width, p)


def align(
    zh: Sequence[str],
    en: Sequence[str],
    *,
    lexicon: lx.Lexicon | None = None,
    params: Params | None = None,
    embed: bool | None = None,
) -> list[SentenceBead]:
    """Monotonic sentence alignment of `zh` and `en` (either may be empty). `embed`: mix in the
    sentence-embedding signal (embed.py); by default when the extra is installed and enabled."""
    p = params or Params()
    n, m = len(zh), len(en)
    if not n or not m:
        return [SentenceBead((i,), (), 0.0) for i in range(n)] + [
            SentenceBead((), (j,), 0.0) for j in range(m)
        ]
    lex = lexicon or lx.cedict()
    vectors: dict[str, np.ndarray] = {}
    if (embed_mod.enabled() if embed is None else embed) and p.embed:
        vectors = {"zh_emb": embed_mod.vectors(zh), "en_emb": embed_mod.vectors(en)}
    path = _path(replace(evidence(zh, en, lex), **vectors), p)
    if LEARN and n * m <= FULL_CELLS:
        learned = learn(zh, en, path, lex)
        if learned:
            path = _path(replace(evidence(zh, en, lex.extended(learned)), **vectors), p)
    return [
        SentenceBead(tuple(range(i0, i1)), tuple(range(j0, j1)), round(q, 3)) for i0, i1, j0, j1, q in path
    ]


def learn(
    zh: Sequence[str], en: Sequence[str], path: list[tuple[int, int, int, int, float]], lex: lx.Lexicon
) -> dict[str, set[str]]:
    """Word associations the dictionary lacks, learned from a first alignment: a zh word and an
    English stem that keep turning up in the same beads (Dice coefficient) are taken as
    translations for this text. Translated names (韦小宝 ~ "Trinket"), set phrases and a
    translator's habits are the usual finds."""
    zw = [set(lex.zh_words(s)) for s in zh]
    ew = [set(lx.en_terms(s)) for s in en]
    cz: dict[str, int] = {}
    ce: dict[str, int] = {}
    both: dict[tuple[str, str], int] = {}
    for i0, i1, j0, j1, _ in path:
        if i0 == i1 or j0 == j1:
            continue
        zs = set().union(*zw[i0:i1]) - {w for w in set().union(*zw[i0:i1]) if w[:1] == "="}
        es = set().union(*ew[j0:j1])
        for w in zs:
            cz[w] = cz.get(w, 0) + 1
        for e in es:
            ce[e] = ce.get(e, 0) + 1
        for w in zs:
            for e in es:
                both[(w, e)] = both.get((w, e), 0) + 1
    out: dict[str, set[str]] = {}
    for (w, e), c in both.items():
        if c >= LEARN_MIN and 2 * c / (cz[w] + ce[e]) >= LEARN_DICE and e not in lex.meaning(w):
            out.setdefault(w, set()).add(e)
    return out
