"""Stage 5: pairing paragraphs into beads."""

from __future__ import annotations

from duizhao import script
from duizhao.align import align, segment
from duizhao.model import Block, BlockKind, Document, Metadata, RawSource

from .conftest import seed
from .helpers import cleaned


def paragraphs(*texts: str):
    return segment.segment([Block(BlockKind.PARAGRAPH, t, (i + 1,)) for i, t in enumerate(texts)])


def test_seed_000_interleaved_pairs_in_order() -> None:
    beads = align.pair(segment.segment(cleaned(seed("000")).blocks))
    assert len(beads) == 3
    for bead in beads:
        assert len(bead.zh) == 1 and len(bead.en) == 1
        assert bead.method == "interleaved"
    assert beads[0].zh[0].text.startswith("第三,中国是网络安全国际合作的积极倡导者")
    assert beads[0].en[0].text.startswith("On cyber security, countries of the world")
    assert beads[2].zh[0].text.startswith("中国古语云")
    assert beads[2].en[0].text.startswith("A Chinese adage goes")


def test_one_language_gives_one_sided_beads() -> None:
    beads = align.pair(paragraphs("First paragraph here.", "Second paragraph here."))
    assert [len(b.en) for b in beads] == [1, 1] and not any(b.zh for b in beads)


def test_a_stray_line_of_the_other_language_leaves_a_text_one_language() -> None:
    # A Chinese news item with a photo credit and an agency tag in Latin letters: one column, every
    # line kept in reading order; the same credit beside a real translation still pairs.
    zh = [
        "国家互联网信息办公室发布《网络数据安全管理条例》解读，就数据处理者的义务作出说明。" * 3,
        "Photo: Xinhua",
        "条例自2025年1月1日起施行，各地网信部门将加强监督检查。" * 3,
    ]
    one = segment.segment([Block(BlockKind.PARAGRAPH, t, (i + 1,)) for i, t in enumerate(zh)])
    beads = align.pair(one)
    assert [b.en[0].text if b.en else b.zh[0].text for b in beads] == zh
    doc = Document("x", RawSource("x.txt", b"", ""), None, Metadata(), one, beads, ())
    assert doc.languages == ("zh",) and not doc.bilingual
    en = "The Cyberspace Administration of China published an explanation of the regulations on network data security."
    two = paragraphs(zh[0], en)
    assert script.text_languages((p.lang, p.text) for p in two) == ("zh", "en")
    assert [(len(b.zh), len(b.en)) for b in align.pair(two)] == [(1, 1)]


def test_halves_with_an_untranslated_paragraph_get_an_empty_cell() -> None:
    zh = [
        "中国愿同各国一道加强网络空间对话与合作，共同维护网络安全。" * 2,
        "这是一段没有译文的很长的中文段落，" * 6,
        "谢谢大家。",
    ]
    en = [
        "China stands ready to work with all countries to strengthen dialogue and cooperation in cyberspace "
        "and jointly safeguard cyber security, together with all others.",
        "Thank you.",
    ]
    beads = align.pair(paragraphs(*zh, *en))
    shapes = [(len(b.zh), len(b.en)) for b in beads]
    assert shapes == [(1, 1), (1, 0), (1, 1)]


def test_anchors_depend_on_content_not_position() -> None:
    a = align.pair(paragraphs("Alpha paragraph.", "Beta paragraph."))
    b = align.pair(paragraphs("A new opening paragraph.", "Alpha paragraph.", "Beta paragraph."))
    assert [x.anchor for x in a] == [x.anchor for x in b[1:]]
    assert len({x.anchor for x in b}) == 3


def test_repeated_paragraphs_get_distinct_anchors() -> None:
    beads = align.pair(paragraphs("Thank you.", "Thank you."))
    assert beads[0].anchor != beads[1].anchor
