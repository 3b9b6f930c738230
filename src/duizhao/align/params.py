"""The sentence aligner's parameters (alignment.py, dp.py)."""

from __future__ import annotations

from dataclasses import dataclass


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
    edge: the score of a 1:0 or 0:1 bead beyond either end of the other side (a translation that
      stops early, a lead a repost added). Nothing is paid there: a sentence with support still
      joins a bead, one without stays alone rather than being forced into the first or last row.
      MAC-Dev (complete translations): tune half strict F1 0.8710 at -0.2, 0.8688 at 0; held
      half 0.9269 at both.
    weakest: in a bead at either end of the text, the share of its Chinese side's coverage that
      is its least-covered sentence's own (the rest is the pooled coverage), so an added lead
      sentence the English never renders is not carried into the first row. 0.5 is the smallest
      of 0.3 / 0.5 / 1 that leaves the test's added lead alone; MAC-Dev is unchanged by it.
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
    edge: float = 0.0
    weakest: float = 0.5
    len_weight: float = 0.35
    sigma: float = 0.7
    size: float = 0.35
    quote: float = 0.12
    close: float = 0.15
    embed: float = 0.3
    cos0: float = 0.2
    cos1: float = 0.8
