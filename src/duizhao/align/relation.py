"""A translation or a text about the same event? From the sentence alignment pairing already computes
(evidence.py): how much of each text the other aligns to (coverage). A translation, whole or
abridged, has nearly every sentence of its shorter side aligned with good confidence; a summary, a
report or a digest that quotes a statement paraphrases, so even its own sentences find weak
counterparts. Such a pair is "related", never shown as a translation: pairing (pairing.py) links the
two as related texts instead of aligning them (see bench/relation.py for the figures). Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

# A sentence counts as covered when its bead pairs both languages with at least this confidence.
# Why: on the real-world pairs (bench/relation.py) translated sentences score 0.5-0.9, while at 0.4
# the aligner still pairs 30-80% of the sentences of two texts that only share their subject.
COVERED = 0.5
# Measured by bench/relation.py on the real-world corpus's 18 zh/en pairs of one group (truth.yml):
# the shorter text's coverage (by sentences) is 0.83-1.00 for 6 of the 7 translations (one
# abridged; the 7th, 0.29, is missed) and 0.14-0.43 for the related pairs of at least
# MIN_SENTENCES sentences. Why 0.6: between the two, nearer the related pairs' highest.
TRANSLATION_SHORT = 0.6
# ... and the longer text's coverage under this makes it a partial translation. Why: the whole
# translations' longer side is 0.81-1.00, the abridged one's (Rust in Chromium, two paragraphs
# of the English) 0.51.
WHOLE_LONG = 0.65
# A shorter text of fewer sentences than this is never called a translation on coverage alone.
# Why: a four-sentence news item on the Belt and Road Forum aligned 3 of its 4 sentences with
# Xi's keynote (0.75), which it only reports.
MIN_SENTENCES = 5


class _Bead(Protocol):
    zh: Sequence[int]
    en: Sequence[int]
    confidence: float


@dataclass(frozen=True)
class Relation:
    kind: str  # "translation", "partial translation" or "related"
    zh_coverage: float  # share of the Chinese text's sentences aligned (confidently) to the English
    en_coverage: float
    reason: str


# (sentences of the Chinese text covered, its sentences, the same for the English): what evidence.py
# keeps of its alignment, plain integers so the pairing memo stores them as they are.
Coverage = tuple[int, int, int, int]


def covered(beads: Sequence[_Bead], zh_count: int, en_count: int) -> Coverage:
    """Each side's sentences in a bead that pairs both languages with confidence, and its total."""
    zh = sum(len(b.zh) for b in beads if b.zh and b.en and b.confidence >= COVERED)
    en = sum(len(b.en) for b in beads if b.zh and b.en and b.confidence >= COVERED)
    return zh, zh_count, en, en_count


def judge(shape: Coverage) -> Relation:
    """What a pair is, from its Coverage (classify's figures)."""
    zh, zh_count, en, en_count = shape
    return classify(zh / max(1, zh_count), en / max(1, en_count), zh_count, en_count)


def coverage(beads: Sequence[_Bead], zh_count: int, en_count: int) -> tuple[float, float]:
    """The share of each side's sentences in a bead that pairs both languages with confidence."""
    zh, _, en, _ = covered(beads, zh_count, en_count)
    return zh / max(1, zh_count), en / max(1, en_count)


def classify(zh_coverage: float, en_coverage: float, zh_sentences: int, en_sentences: int) -> Relation:
    """What a zh/en pair is, from its coverage both ways and the texts' sentence counts."""
    zh_shorter = zh_sentences <= en_sentences
    short, long_ = (zh_coverage, en_coverage) if zh_shorter else (en_coverage, zh_coverage)
    side = "Chinese" if zh_shorter else "English"
    figures = f"{zh_coverage:.0%} of the Chinese and {en_coverage:.0%} of the English sentences aligned"
    if min(zh_sentences, en_sentences) < MIN_SENTENCES:
        kind, why = "related", f"the {side} text is too short to tell a translation by coverage, {figures}"
    elif short < TRANSLATION_SHORT:
        kind, why = (
            "related",
            f"the shorter ({side}) text mostly does not align: a summary or report, {figures}",
        )
    elif long_ < WHOLE_LONG:
        kind, why = (
            "partial translation",
            f"the shorter ({side}) text translates part of the other, {figures}",
        )
    else:
        kind, why = "translation", figures
    return Relation(kind, round(zh_coverage, 3), round(en_coverage, 3), why)
