"""The comparison behind `duizhao review`, on documents the real pipeline builds: word diffs, pairs
split, merged and re-paired, low-confidence pairs, and how the report shows them."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from duizhao import pipeline
from duizhao.align import align
from duizhao.model import Bead, Document
from duizhao.review import report, review, textdiff
from duizhao.vocab.rules import load_rules

from .helpers import raw

ZH = [
    "网络空间是人类共同的活动空间，网络空间前途命运应由世界各国共同掌握。",
    "各国应该加强沟通、扩大共识、深化合作，共同构建网络空间命运共同体。",
    "中国愿同各国一道，推动网络空间全球治理体系变革，让互联网更好造福人类。",
]
EN = [
    "Cyberspace is the common space of human activities; its future should be in the hands of all countries.",
    "All countries should step up communication, broaden consensus and deepen cooperation to jointly "
    "build a community with a shared future in cyberspace.",
    "China is willing to work with all countries to reform the global governance system of cyberspace, "
    "so that the Internet better benefits humanity.",
]


def document(text: str, name: str = "doc.txt") -> Document:
    return pipeline.build_document(raw(text, name), load_rules(), "doc")


def bilingual() -> Document:
    doc = document("\n\n".join(ZH + EN) + "\n")
    assert [len(b.zh) + len(b.en) for b in doc.beads] == [2, 2, 2], "the aligner pairs 1:1 here"
    return doc


def regroup(doc: Document, groups: list[tuple[list[int], list[int]]]) -> Document:
    """The same paragraphs in other beads: (zh positions, en positions) per bead."""
    zh = [p for p in doc.paragraphs if align.side(p) == "zh"]
    en = [p for p in doc.paragraphs if align.side(p) == "en"]
    beads = [Bead(tuple(zh[i] for i in z), tuple(en[i] for i in e), "", 0.4, "sequential") for z, e in groups]
    return replace(doc, beads=align._with_anchors(beads))


def test_unchanged_documents_have_no_changes() -> None:
    change = review.diff_document(bilingual(), bilingual())
    assert not change.visible and not change.paragraphs and not change.pairs and not change.cleaning


def test_split_merged_and_repaired_pairs() -> None:
    base = bilingual()
    split = review.diff_document(base, regroup(base, [([0], [0]), ([1], []), ([], [1]), ([2], [2])]))
    assert [c.kind for c in split.pairs] == ["split"]
    (c,) = split.pairs
    assert [r.number for r in c.before] == [2] and [r.number for r in c.after] == [2, 3]
    assert (
        c.after[0].zh.startswith("各国应该")
        and not c.after[0].en
        and c.after[1].en.startswith("All countries")
    )
    assert not split.paragraphs  # the text is the same; only its pairing changed

    merged = review.diff_document(base, regroup(base, [([0, 1], [0, 1]), ([2], [2])]))
    assert [(c.kind, len(c.before), len(c.after)) for c in merged.pairs] == [("merged", 2, 1)]

    swapped = review.diff_document(base, regroup(base, [([0], [1]), ([1], [0]), ([2], [2])]))
    assert [(c.kind, len(c.before), len(c.after)) for c in swapped.pairs] == [("re-paired", 2, 2)]


def test_new_low_confidence_pairs_are_listed_once() -> None:
    base = bilingual()
    low = regroup(base, [([0], [0]), ([1], [1]), ([2], [2])])  # same shape, confidence 0.4
    change = review.diff_document(base, low)
    assert [r.number for r in change.low_confidence] == [1, 2, 3] and change.low_confidence_total == 3
    assert not review.diff_document(low, low).low_confidence  # already low before: not new


def test_changed_paragraph_keeps_its_place_and_diffs_by_word() -> None:
    base = document("First paragraph stays as it is.\n\nThe meeting was successfully held in Washington.\n")
    head = document("First paragraph stays as it is.\n\nThe meeting was held in Washington D.C.\n")
    (c,) = review.diff_document(base, head).paragraphs
    assert c.op == "changed" and c.pair.number == 2
    removed = "".join(t for op, t in c.segments if op == "-")
    added = "".join(t for op, t in c.segments if op == "+")
    assert removed.strip() in ("successfully", "successfully .") and "held" not in removed
    assert "D.C" in added and "Washington" not in added
    shown = report._segments(c)
    assert shown.startswith("The meeting was <del>successfully </del>held in Washington")


def test_unrelated_paragraphs_are_a_removal_and_an_addition() -> None:
    base = document("Kept paragraph one.\n\nAn old paragraph about trade and tariffs.\n")
    head = document("Kept paragraph one.\n\n网络空间命运共同体的理念得到广泛认同。\n")
    ops = sorted(c.op for c in review.diff_document(base, head).paragraphs)
    assert ops == ["added", "removed"]


words = st.lists(
    st.sampled_from(["cyber", "space", "网络", "空间", " ", ", ", "治理", "the", "。", "\n"]), max_size=30
)


@settings(deadline=None)  # the first call loads jieba
@given(words, words, st.sampled_from(["en", "zh"]))
def test_a_diff_rebuilds_both_texts(a: list[str], b: list[str], lang: str) -> None:
    before, after = "".join(a), "".join(b)
    segments = textdiff.diff(before, after, lang)
    assert "".join(t for op, t in segments if op != "+") == before
    assert "".join(t for op, t in segments if op != "-") == after
    assert all(t for _, t in segments)


def test_report_escapes_source_text() -> None:
    assert report.md("*a* <b> [c](d) |e| `f` $g$ &amp;") == r"\*a\* \<b\> \[c\](d) \|e\| \`f\` \$g\$ \&amp;"
    assert report.md("two\n\nlines") == "two lines"


def test_long_reports_shorten_past_the_document_limits(monkeypatch) -> None:
    monkeypatch.setattr(report, "MAX_DOCUMENTS", 2)
    monkeypatch.setattr(report, "MAX_LINES", 3)
    added = [
        review.diff_document(None, document(f"Statement number {i} on cyberspace.\n", f"d{i}.txt"), "added")
        for i in range(7)
    ]
    result = review.Review("base", "head", "", added, 0, [], [], [], [], {}, [])
    text = report.markdown(result)
    assert text.count("\n### Added: ") == 2
    assert "### 5 more documents, in short" in text
    assert text.count("\n- added: `d") == 3 and "- … and 2 more" in text
    assert "**Documents**: 7 added" in text
