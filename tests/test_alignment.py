"""Sentence alignment (alignment.py, lexicon.py) and its CLI contract `duizhao align`."""

from __future__ import annotations

import re

import pytest

from duizhao.align import align, alignment, segment
from duizhao.link import glossary
from duizhao.model import Block, BlockKind
from duizhao.vocab import lexicon

from .conftest import seed
from .helpers import cleaned
from .test_cli import run

BEAD_LINE = re.compile(r"^\[(\d+(,\d+)*)?\]:\[(\d+(,\d+)*)?\]$")


def seed_000_sentences() -> tuple[list[str], list[str]]:
    beads = align.pair(segment.segment(cleaned(seed("000")).blocks))
    return [s for b in beads for s in b.zh_sentences], [s for b in beads for s in b.en_sentences]


def covers_in_order(beads, n: int, m: int) -> None:
    """Every sentence in exactly one bead, monotonically."""
    zh = [i for b in beads for i in b.zh]
    en = [j for b in beads for j in b.en]
    assert zh == list(range(n)) and en == list(range(m))


def test_lexicon_knows_words_names_numbers_and_marks() -> None:
    lex = lexicon.cedict()
    assert "friendship" in lex.translations("友谊")
    assert ("qing", "yang") in lex.romanised("Qingyang")
    assert lex.romanised("Abraham") == []
    assert "catch" in lexicon.en_terms("She caught the ball.")  # irregular forms meet the gloss
    assert {"2017"} in lex.zh_terms("2017年")
    assert {"p:?"} in lex.zh_terms("到底是谁？")
    assert "p:?" in lexicon.en_terms("Who is it?")
    assert alignment.shared_names("陈清扬把我拽住", "Chen Qingyang caught me", lex) == {"Qingyang"}


def test_glossary_adds_terms_the_dictionary_lacks() -> None:
    term = "网络空间命运共同体"
    base = lexicon.cedict()
    assert base.translations(term) == frozenset()
    data = [
        {"zh": term, "en": "community with a shared future in cyberspace", "variants": ["cyber community"]}
    ]
    lex = base.with_glossary(glossary.glossary_terms(data))
    assert {"communiti", "share", "futur", "cyberspac"} <= lex.translations(term)
    assert term in lex.zh_words(f"构建{term}。")


def test_seed_000_sentences_align_one_to_one_or_merge_in_order() -> None:
    zh, en = seed_000_sentences()
    beads = alignment.align(zh, en)
    covers_in_order(beads, len(zh), len(en))
    assert all(b.zh and b.en for b in beads)  # a faithful translation: nothing left unmatched
    assert all(0 < b.confidence <= 1 for b in beads)
    first = next(b for b in beads if 0 in b.zh)
    assert 0 in first.en  # "第三，…倡导者。" has no English of its own: it joins the next sentence
    adage = next(b for b in beads if any("中国古语云" in zh[i] for i in b.zh))
    assert any(en[j].startswith("A Chinese adage goes") for j in adage.en)


def test_untranslated_sentence_gets_an_empty_side_and_others_stay_paired() -> None:
    # (A short untranslated clause may be absorbed by its neighbour; a sentence of its own may not.)
    zh = [
        "中国愿同各国加强网络安全合作。",
        "这一段话在英文版本里完全没有出现，它讲的是天气、山水、一只很大的猫和一碗热气腾腾的面条。",
        "我们欢迎对话。",
    ]
    en = [
        "China is ready to strengthen cyber security cooperation with all countries.",
        "We welcome dialogue.",
    ]
    beads = alignment.align(zh, en)
    assert [(b.zh, b.en) for b in beads] == [((0,), (0,)), ((1,), ()), ((2,), (1,))]
    assert beads[1].confidence == 0.0


def test_one_sentence_translated_as_two() -> None:
    zh = ["会议于2017年12月3日在乌镇开幕，来自80个国家的代表出席。", "中国将继续扩大开放。"]
    en = [
        "The conference opened in Wuzhen on December 3, 2017.",
        "Delegates from 80 countries attended.",
        "China will keep opening up.",
    ]
    beads = alignment.align(zh, en)
    assert [(b.zh, b.en) for b in beads] == [((0,), (0, 1)), ((1,), (2,))]


def test_banded_alignment_agrees_with_the_full_search(monkeypatch: pytest.MonkeyPatch) -> None:
    zh, en = seed_000_sentences()
    full = alignment.align(zh, en)
    monkeypatch.setattr(alignment, "FULL_CELLS", 20)  # force the coarse pass and the band
    banded = alignment.align(zh, en)
    assert [(b.zh, b.en) for b in banded] == [(b.zh, b.en) for b in full]


def test_empty_sides() -> None:
    assert alignment.align([], []) == []
    assert [(b.zh, b.en) for b in alignment.align(["一。"], [])] == [((0,), ())]
    assert [(b.zh, b.en) for b in alignment.align([], ["One."])] == [((), (0,))]


def test_every_bead_has_sentence_links_with_confidence() -> None:
    beads = align.pair(segment.segment(cleaned(seed("000")).blocks))
    for bead in beads:
        assert bead.links
        assert [i for k in bead.links for i in k.zh] == list(range(len(bead.zh_sentences)))
        assert [j for k in bead.links for j in k.en] == list(range(len(bead.en_sentences)))
        assert 0 < bead.confidence <= 1


def test_halves_document_pairs_headings_with_headings() -> None:
    blocks = [
        Block(BlockKind.HEADING, "共同维护网络空间安全", (1,), level=1),
        Block(BlockKind.PARAGRAPH, "中国愿同各国一道，加强网络空间对话与合作。", (3,)),
        Block(BlockKind.HEADING, "Jointly safeguard security in cyberspace", (5,), level=1),
        Block(
            BlockKind.PARAGRAPH, "China is ready to strengthen dialogue and cooperation in cyberspace.", (7,)
        ),
    ]
    beads = align.pair(segment.segment(blocks))
    assert [(b.zh[0].kind, b.en[0].kind) for b in beads] == [
        (BlockKind.HEADING, BlockKind.HEADING),
        (BlockKind.PARAGRAPH, BlockKind.PARAGRAPH),
    ]


# ---- the CLI contract: one sentence a line in, one bead a line out ----


def test_cli_prints_gold_format_beads(tmp_path) -> None:
    zh, en = seed_000_sentences()
    (tmp_path / "a.zh").write_text("\n".join(zh) + "\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("\n".join(en) + "\n", encoding="utf-8")
    proc = run("align", str(tmp_path / "a.zh"), str(tmp_path / "a.en"))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines and all(BEAD_LINE.match(line) for line in lines)
    parsed = [
        tuple(tuple(int(x) for x in side.strip("[]").split(",") if x) for side in line.split(":"))
        for line in lines
    ]
    assert [i for z, _ in parsed for i in z] == list(range(len(zh)))
    assert [j for _, e in parsed for j in e] == list(range(len(en)))
    assert lines[0] == "[0,1]:[0,1]"
    with_conf = run("align", "--confidence", str(tmp_path / "a.zh"), str(tmp_path / "a.en"))
    assert all(re.match(r"^\S+\t[01]\.\d{3}$", line) for line in with_conf.stdout.splitlines())


def test_cli_names_a_missing_or_undecodable_file(tmp_path) -> None:
    good = tmp_path / "a.en"
    good.write_text("One.\n", encoding="utf-8")
    proc = run("align", str(tmp_path / "missing.zh"), str(good))
    assert proc.returncode == 2 and "missing.zh" in proc.stderr
    bad = tmp_path / "b.zh"
    bad.write_bytes(b"\xff\xfe\xfa broken\n")
    proc = run("align", str(bad), str(good))
    assert proc.returncode == 1 and "b.zh" in proc.stderr and "UTF-8" in proc.stderr


def test_sources_glossary_feeds_the_aligner_and_bad_yaml_is_named(tmp_path) -> None:
    from duizhao import pipeline

    src = tmp_path / "sources"
    src.mkdir()
    term = "网络空间命运共同体"
    (src / "glossary.yml").write_text(
        f"- zh: {term}\n  en: community with a shared future in cyberspace\n  note: a policy term\n",
        encoding="utf-8",
    )
    lex, notes, _ = pipeline.load_lexicon(src)
    assert not notes and "futur" in lex.translations(term)
    (src / "glossary.yml").write_text("- zh: [unclosed\n", encoding="utf-8")
    _, notes, _ = pipeline.load_lexicon(src)
    assert notes and notes[0].path == "glossary.yml" and notes[0].line


# A dialogue where the English splits a reply over two sentences ("…mountain?" / "Tell me!'"):
# the boundary between them lies inside an English quotation only.
DIALOGUE_ZH = [
    "老人坐在门口，看着远处的山。",
    "孩子跑过来问道：“爷爷，山那边是什么？”",
    "老人笑着说：“山那边还是山。”",
    "孩子想了想，又问：“那山的后面呢？”",
    "老人没有回答，只是摸了摸他的头。",
]
DIALOGUE_EN = [
    "The old man sat at the door, looking at the distant mountains.",
    "The child ran over.",
    "'Grandpa, what is on the other side of the mountain?",
    "Tell me!'",
    "'More mountains,' the old man said with a smile.",
    "The child thought for a while.",
    "'And behind those?'",
    "The old man did not answer; he only stroked the boy's head.",
]


def test_quotation_boundaries_are_found_and_apostrophes_are_not_quotes() -> None:
    en = ["'Grandpa, what is it?", "Is it the sea?'", "He said 'no'.", "Don't go, it's Hai's.", "'Yes.'"]
    inside, closed = alignment._quoted(en, alignment.EN_OPEN, alignment.EN_CLOSE)
    assert inside.tolist() == [False, True, False, False, False, False]  # only inside the open question
    assert closed.tolist() == [False, False, True, True, False, False]  # after "…sea?'" and "…'no'."
    zh = ["他问：“是什么？", "是海吗？”", "他走了。"]
    inside, closed = alignment._quoted(zh, alignment.ZH_OPEN, alignment.ZH_CLOSE)
    assert inside.tolist() == [False, True, False, False] and closed.tolist() == [False, False, True, False]
    assert alignment._quoted(DIALOGUE_EN, alignment.EN_OPEN, alignment.EN_CLOSE)[0][3]
    assert not alignment._quoted(DIALOGUE_ZH, alignment.ZH_OPEN, alignment.ZH_CLOSE)[0].any()


def test_a_boundary_inside_an_english_quotation_only_is_paid_for() -> None:
    def beads(quote: float) -> list:
        params = alignment.Params(quote=quote, close=0.0)
        return [(b.zh, b.en) for b in alignment.align(DIALOGUE_ZH, DIALOGUE_EN, params=params)]

    free = beads(0.0)
    assert ((1,), (1, 2)) in free and ((2,), (3, 4)) in free  # the reply split between two rows
    costly = beads(0.3)
    assert ((1,), (1, 2, 3)) in costly and ((2,), (4,)) in costly  # the reply kept whole
    covers_in_order([alignment.SentenceBead(z, e) for z, e in costly], len(DIALOGUE_ZH), len(DIALOGUE_EN))


def test_banded_alignment_with_quotation_costs_agrees_with_the_full_search(monkeypatch: pytest.MonkeyPatch) -> None:
    zh = DIALOGUE_ZH * 6
    en = DIALOGUE_EN * 6
    params = alignment.Params(quote=0.3)
    full = alignment.align(zh, en, params=params)
    monkeypatch.setattr(alignment, "FULL_CELLS", 200)
    banded = alignment.align(zh, en, params=params)
    assert [(b.zh, b.en) for b in banded] == [(b.zh, b.en) for b in full]


def test_a_truncated_translation_leaves_the_uncovered_sentences_unmatched() -> None:
    zh = [
        "中国愿同各国加强网络安全合作。",
        "我们欢迎对话。",
        "网络空间是人类共同的活动空间。",
        "各国应该共同构建和平、安全、开放、合作的网络空间。",
        "互联网发展给人类带来了巨大的机遇。",
    ]
    en = ["China is ready to strengthen cyber security cooperation with all countries.", "We welcome dialogue."]
    beads = alignment.align(zh, en)
    assert [(b.zh, b.en) for b in beads] == [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), ())]
    assert [b.confidence for b in beads[2:]] == [0.0, 0.0, 0.0]


def test_partial_pairs_leave_an_added_lead_and_a_missing_middle_paragraph_unmatched(tmp_path) -> None:
    from .test_pairing import by_name, corpus_with, halves

    zh, en = halves()
    zp, ep = zh.strip().split("\n\n"), en.strip().split("\n\n")
    lead = "编者按：近日，本站收到多位读者来信，询问如何订阅我们的周刊。请扫描文末二维码关注公众号，每周五推送最新文章。"
    cases = {
        "lead": ("\n\n".join([lead, *zp]) + "\n", en, [(1, 0), (1, 1), (1, 1), (1, 1)]),
        "middle": (zh, "\n\n".join([ep[0], ep[2]]) + "\n", [(1, 1), (1, 0), (1, 1)]),
    }
    for name, (z, e, shapes) in cases.items():
        files = {"speech-zh.txt": z, "speech-en.txt": e, "speech-zh.yml": "translation_of: speech-en.txt\n"}
        doc = by_name(corpus_with(tmp_path / name, files, distractors=False))["speech-zh.txt"]
        assert [(len(b.zh), len(b.en)) for b in doc.beads] == shapes, name
        for b in doc.beads:
            if b.zh and b.en:  # each kept paragraph beside its own translation
                assert ep.index(b.en[0].text) == zp.index(b.zh[0].text)


def test_a_boundary_after_a_closed_chinese_quotation_wants_a_closed_english_one() -> None:
    # The old man's words end with the Chinese sentence; in English they end with the sentence in
    # quotation marks (which also holds "great", a rendering of the child's 太好了).
    zh = [
        "老人坐在河边。",
        "老人笑着说：“你没学过游泳，可是手脚挺灵活，再练几天，你便能游过这条河了。”",
        "孩子高兴地说：“太好了！”",
        "他们一起回家了。",
    ]
    en = [
        "The old man sat by the river.",
        "'You have never learned to swim,' laughed the old man.",
        "He added that the boy was quick with his hands and feet.",
        "'A few more days and you will swim across this river, great!'",
        "'Great!'",
        "They went home together.",
    ]

    def beads(close: float) -> list:
        return [(b.zh, b.en) for b in alignment.align(zh, en, params=alignment.Params(close=close))]

    assert ((2,), (3, 4)) in beads(0.0)  # the reply's last sentence given to the child
    assert beads(alignment.Params().close) == [((0,), (0,)), ((1,), (1, 2, 3)), ((2,), (4,)), ((3,), (5,))]


# Issue 23, real text: seed 000 (a Chinese ambassador's article and its published English, cut
# by hand here). The seed's sentences all share the subject's words ("网络安全" ~ "cyber
# security"), so each one finds some support in any English sentence: only the length ratio
# (alignment.PARTIAL) and the skip at the ends (Params.edge, weakest) keep the tail and the lead out.
def test_a_real_truncated_translation_leaves_its_uncovered_tail_unmatched() -> None:
    zh, en = seed_000_sentences()
    full = [(b.zh, b.en) for b in alignment.align(zh, en)]
    last = max(k for k, (z, e) in enumerate(full) if 4 in e)  # the row of en sentence 4
    assert full[last] == ((4,), (4,))  # on the whole text, zh 4 is en 4's translation
    cut = [(b.zh, b.en) for b in alignment.align(zh, en[:5])]
    assert cut[: last + 1] == full[: last + 1]  # the translated part is aligned as before
    assert cut[last + 1 :] == [((i,), ()) for i in range(5, len(zh))]  # the rest unmatched


def test_a_repost_with_an_added_lead_leaves_the_lead_unmatched() -> None:
    zh, en = seed_000_sentences()
    lead = ["编者按：本文转载自中国驻英国大使馆网站。", "转载时略有删节，标题为编者所加。"]
    full = [(b.zh, b.en) for b in alignment.align(zh, en)]
    got = [(b.zh, b.en) for b in alignment.align(lead + zh, en)]
    assert got[:2] == [((0,), ()), ((1,), ())]
    assert got[2:] == [(tuple(i + 2 for i in z), e) for z, e in full]


# The same on the English side is not met: Params.weakest reads the Chinese side only (read on the
# English side too, it broke the seed's first 2:2 row, whose second English sentence the Chinese
# hardly renders). This records the expected result and fails until it is met.
@pytest.mark.xfail(strict=True, reason="issue 23: an English lead is still merged into the first rows")
def test_an_english_repost_with_an_added_lead_leaves_the_lead_unmatched() -> None:
    zh, en = seed_000_sentences()
    lead = [
        "Editor's note: This article was first published on the website of the Chinese Embassy in the UK.",
        "It is reproduced here with minor cuts.",
    ]
    full = [(b.zh, b.en) for b in alignment.align(zh, en)]
    got = [(b.zh, b.en) for b in alignment.align(zh, lead + en)]
    assert got[:2] == [((), (0,)), ((), (1,))]
    assert got[2:] == [(z, tuple(j + 2 for j in e)) for z, e in full]
