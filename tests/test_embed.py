"""The aligner's optional embedding signal (embed.py): off unless asked for, cached per sentence,
and the banded search agrees with the full one when it is on."""

from __future__ import annotations

import numpy as np
import pytest

from duizhao.align import alignment, embed

from .test_alignment import DIALOGUE_EN, DIALOGUE_ZH, covers_in_order, seed_000_sentences

pytest.importorskip(embed.PACKAGE)  # the [embed] extra (installed with the test dependencies)


def test_off_unless_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(embed.ENV, raising=False)
    assert embed.available() and not embed.enabled()
    calls = []
    monkeypatch.setattr(embed, "vectors", lambda s: calls.append(s) or np.zeros((len(s), 512)))
    alignment.align(DIALOGUE_ZH, DIALOGUE_EN)
    assert calls == []  # a default build never encodes a sentence
    monkeypatch.setenv(embed.ENV, "1")
    assert embed.enabled()
    alignment.align(DIALOGUE_ZH, DIALOGUE_EN)
    assert calls == [DIALOGUE_ZH, DIALOGUE_EN]


def test_vectors_are_unit_length_cached_and_meaning_lies_near_its_translation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    zh = ["老人坐在门口，看着远处的山。", "孩子想了想。"]
    en = ["The child thought for a while.", "The old man sat at the door, looking at the distant mountains."]
    vz, ve = embed.vectors(zh), embed.vectors(en)
    assert vz.shape == (2, 512) and np.allclose(np.linalg.norm(vz, axis=1), 1.0, atol=1e-5)
    sim = vz @ ve.T
    assert sim[0, 1] > sim[0, 0] and sim[1, 0] > sim[1, 1]  # each nearer its own translation
    monkeypatch.setattr(embed, "_model", lambda: pytest.fail("a cached sentence was encoded again"))
    again = embed.vectors([zh[1], zh[0], zh[1]])
    assert np.array_equal(again, vz[[1, 0, 1]])


def test_with_embeddings_seed_000_still_aligns_completely_and_in_order() -> None:
    zh, en = seed_000_sentences()
    beads = alignment.align(zh, en, embed=True)
    covers_in_order(beads, len(zh), len(en))
    assert all(b.zh and b.en for b in beads)
    plain = alignment.align(zh, en, embed=False)
    same = sum((b.zh, b.en) in {(c.zh, c.en) for c in plain} for b in beads)
    assert same >= 0.8 * len(beads)  # a second opinion, not a different aligner


def test_banded_alignment_with_embeddings_agrees_with_the_full_search(monkeypatch: pytest.MonkeyPatch) -> None:
    zh, en = seed_000_sentences()
    full = alignment.align(zh, en, embed=True)
    monkeypatch.setattr(alignment, "FULL_CELLS", 20)  # force the coarse pass and the band
    banded = alignment.align(zh, en, embed=True)
    assert [(b.zh, b.en) for b in banded] == [(b.zh, b.en) for b in full]


def test_turning_embeddings_on_or_off_misses_the_document_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    from duizhao import cache

    key = ("a.txt", "0" * 64, "a", "", "", "rules")
    monkeypatch.delenv(embed.ENV, raising=False)
    off = cache.digest(key)
    monkeypatch.setenv(embed.ENV, "1")
    on = cache.digest(key)
    monkeypatch.setenv(embed.ENV, "0")
    assert off != on and cache.digest(key) == off
