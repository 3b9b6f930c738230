"""Editors' alignment corrections in a sidecar's `beads:` list."""

from __future__ import annotations

from duizhao import pipeline
from duizhao.model import Level

from .conftest import build

ZH = [
    "中国愿同各国一道，加强网络空间对话与合作，共同维护网络安全。",
    "我们反对任何形式的网络攻击和网络窃密行为。",
    "这是一段只有中文的说明，讲的是会议的天气、饭菜和会场里的一只猫。",
    "谢谢大家。",
]
EN = [
    "China is ready to work with all countries to strengthen dialogue and cooperation in cyberspace and jointly safeguard cyber security.",
    "We oppose cyber attacks and cyber theft in any form.",
    "Thank you.",
]


def corpus(tmp_path, sidecar: str | None) -> pipeline.Corpus:
    src = tmp_path / "sources"
    src.mkdir(parents=True, exist_ok=True)
    (src / "doc.txt").write_text("\n\n".join(ZH + EN) + "\n", encoding="utf-8")
    if sidecar is not None:
        (src / "doc.yml").write_text(sidecar, encoding="utf-8")
    return pipeline.build_corpus(src)


def shapes(doc) -> list[tuple[str, str]]:
    return [("".join(p.text[:2] for p in b.zh), "".join(p.text[:2] for p in b.en)) for b in doc.beads]


def test_automatic_alignment_leaves_the_untranslated_paragraph_alone(tmp_path) -> None:
    doc = corpus(tmp_path, None).documents[0]
    assert shapes(doc) == [("中国", "Ch"), ("我们", "We"), ("这是", ""), ("谢谢", "Th")]


def test_merge_unpair_split_and_pair(tmp_path) -> None:
    auto = corpus(tmp_path / "auto", None).documents[0]
    a, b, _, _ = (x.anchor for x in auto.beads)
    doc = corpus(tmp_path / "merge", f"beads:\n  - merge: [{a}, {b}]\n").documents[0]
    assert shapes(doc)[0] == ("中国我们", "ChWe") and doc.beads[0].method == "editor"
    assert doc.beads[0].confidence == 1.0 and len(doc.beads[0].links) == 2
    doc = corpus(tmp_path / "unpair", f"beads:\n  - unpair: {b}\n").documents[0]
    assert shapes(doc)[1:3] == [("我们", ""), ("", "We")]
    doc = corpus(tmp_path / "split", f"beads:\n  - merge: [{a}, {b}]\n  - split: {a}\n").documents[0]
    assert doc.diagnostics and "no row" in doc.diagnostics[-1].message  # merged row has a new anchor
    doc = corpus(tmp_path / "pair", 'beads:\n  - pair: {zh: "这是一段", en: "Thank you"}\n').documents[0]
    assert shapes(doc) == [("中国", "Ch"), ("我们", "We"), ("这是", "Th"), ("谢谢", "")]
    assert doc.beads[2].method == "editor"


def test_bad_corrections_name_file_and_line(tmp_path) -> None:
    sidecar = (
        "title_en: A speech\n"
        "beads:\n"
        "  - merge: [p-00000000, p-11111111]\n"
        "  - twist: p-1\n"
        '  - pair: {zh: "没有这段", en: "Thank you"}\n'
    )
    doc = corpus(tmp_path, sidecar).documents[0]
    errors = [d for d in doc.diagnostics if d.level is Level.ERROR]
    assert [(e.path, e.line) for e in errors] == [("doc.yml", 3), ("doc.yml", 4), ("doc.yml", 5)]
    assert "no row p-00000000" in errors[0].message
    assert "exactly one of merge" in errors[1].message
    assert "没有这段" in errors[2].message
    assert shapes(doc) == [("中国", "Ch"), ("我们", "We"), ("这是", ""), ("谢谢", "Th")]


def test_bad_correction_fails_the_strict_build(project) -> None:
    root = project(
        {
            "doc.txt": "\n\n".join(ZH + EN) + "\n",
            "doc.yml": "beads:\n  - split: p-deadbeef\n",
        }
    )
    result = build(root)
    assert result.returncode != 0 and "doc.yml:2" in result.log
