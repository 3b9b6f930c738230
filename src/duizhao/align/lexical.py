"""Lexical evidence for sentence alignment (alignment.py): per sentence, the words that may render
each other across the two sides, weighted by inverse sentence frequency within the document, with
numbers, Latin words inside the Chinese and romanised names (陈清扬 ~ "Chen Qingyang") counted as
words; sentence lengths; and where quotations open and close (bead boundaries inside a quotation on
one side only are rare in translations).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..vocab import lexicon as lx

# Words with no possible counterpart anywhere on the other side count at this share of their
# weight in a bead's coverage: a dictionary gap is not evidence against a pair, but text that
# matches nothing must not be absorbed into a neighbouring bead for free. (MAC-Dev strict F1 0.872
# at 0, 0.870 at 0.5, 0.865 at 1; the Bible 0.969 / 0.972 / 0.972.)
UNMATCHED = 0.5

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
    # The en/zh length ratio to score beads against, where the whole texts' ratio is not to be
    # trusted (alignment.PARTIAL); else None.
    ratio: float | None = None

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



Names = dict[str, list[tuple[str, tuple[str, ...]]]]


def _en_names(zh: Sequence[str], en: Sequence[str], lex: lx.Lexicon, en_terms: list[list[str]]) -> Names:
    """Romanised names: an English word that splits into pinyin syllables becomes a term
    "py:qing-yang" of its sentence (added to `en_terms`); a zh sentence has it when consecutive
    characters can be read so. Returns, per character the Chinese side has, the names it may begin."""
    names: dict[str, list[tuple[str, ...]]] = {}
    for k, s in enumerate(en):
        for w in lx.name_candidates(s):
            for split in lex.romanised(w):
                names.setdefault("py:" + "-".join(split), []).append(split)
                en_terms[k].append("py:" + "-".join(split))
    by_first: Names = {}
    for key, splits in names.items():
        by_first.setdefault(splits[0][0], []).append((key, splits[0]))
    starts: Names = {}
    if by_first:
        # Only the characters the Chinese side has can begin a name in it (_name_hits): asking
        # every character of the dictionary cost 10 ms a call, most of a long text's alignment.
        for ch in set().union(*map(set, zh)):
            found = [name for syl in lex.readings.get(ch, ()) for name in by_first.get(syl, ())]
            if found:
                starts[ch] = found
    return starts


def _counts(groups: Sequence[Sequence]) -> dict:
    """In how many groups each item occurs."""
    df: dict = {}
    for items in groups:
        for t in set(items):
            df[t] = df.get(t, 0) + 1
    return df


def _zh_side(
    zh: Sequence[str], lex: lx.Lexicon, vocab: dict[str, int], starts: Names
) -> tuple[list[list[frozenset[str]]], list[list[str]]]:
    """Per zh sentence: its words' renderings that occur in the English (each distinct word looked
    up once), and its words with a meaning none of which is in the English."""
    useful: dict[str, frozenset[str]] = {}
    zh_raw: list[list[frozenset[str]]] = []
    zh_lost: list[list[str]] = []
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
    return zh_raw, zh_lost


def evidence(zh: Sequence[str], en: Sequence[str], lex: lx.Lexicon) -> Evidence:
    n, m = len(zh), len(en)
    en_terms = [lx.en_terms(s) for s in en]
    starts = _en_names(zh, en, lex, en_terms)
    df = _counts(en_terms)
    vocab = {t: k for k, t in enumerate(df)}
    zh_raw, zh_lost = _zh_side(zh, lex, vocab, starts)
    reach: set[str] = set().union(*(t for toks in zh_raw for t in toks))
    en_weight = np.zeros(len(vocab) + 1)
    for t, d in df.items():
        en_weight[vocab[t]] = math.log((m + 1) / d)
    en_ids = [np.array(sorted({vocab[t] for t in terms if t in reach}), dtype=np.int64) for terms in en_terms]
    zdf = _counts(zh_raw)
    ids = {t: np.array(sorted(vocab[e] for e in t), dtype=np.int64) for toks in zh_raw for t in toks}
    ldf = _counts(zh_lost)
    zh_rest = np.array([sum(math.log((n + 1) / ldf[w]) for w in lost) for lost in zh_lost])
    en_rest = np.array([sum(en_weight[vocab[t]] for t in set(terms) if t not in reach) for terms in en_terms])
    return Evidence(
        zh_tokens=[[ids[t] for t in toks] for toks in zh_raw],
        zh_weights=[np.array([math.log((n + 1) / zdf[t]) for t in toks]) for toks in zh_raw],
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


def band_matrices(ev: Evidence, lo: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
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



def coarse(ev: Evidence, gz: int, ge: int) -> Evidence:
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


