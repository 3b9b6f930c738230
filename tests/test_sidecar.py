"""Sidecar files: validated corrections beside a scrape."""

from __future__ import annotations

from duizhao import pipeline
from duizhao.model import Level
from duizhao.read import sidecar

from .conftest import build


def test_unknown_keys_and_bad_values_are_reported_with_lines() -> None:
    text = "title_en: A title\ndate: 13 December 2017\nauthr: Someone\ntranslation: robot\n"
    car, notes = sidecar.parse(text, "x.yml")
    by_line = {n.line: n for n in notes}
    assert by_line[2].level is Level.ERROR and "ISO 8601" in by_line[2].message
    assert by_line[3].level is Level.WARNING and "unknown key 'authr'" in by_line[3].message
    assert by_line[4].level is Level.ERROR and "translation" in by_line[4].message
    assert car.metadata == {"title_en": "A title"}
    assert str(by_line[3]).startswith("x.yml:3:")


def test_invalid_yaml_names_the_line() -> None:
    _, notes = sidecar.parse("title_en: ok\nkeep: [1, 2\n", "x.yml")
    assert notes and notes[0].level is Level.ERROR and notes[0].line is not None


def test_sidecar_overrides_metadata_and_cleaning(tmp_path) -> None:
    src = tmp_path / "sources"
    src.mkdir()
    (src / "op-ed.txt").write_text(
        "Share this article\n\n"
        "China is ready to strengthen cooperation with all countries in cyberspace, officials said.\n\n"
        "A line the editor wants gone, though it looks like an ordinary sentence of the text.\n",
        encoding="utf-8",
    )
    (src / "op-ed.yml").write_text(
        "title_en: Cooperation in cyberspace\ndate: 2020-01-02\ntags: [cooperation]\n"
        'keep: ["Share this article"]\ndrop: [5]\n',
        encoding="utf-8",
    )
    (src / "orphan.yml").write_text("title_en: nobody\n", encoding="utf-8")
    corpus = pipeline.build_corpus(src)
    doc = corpus.documents[0]
    assert doc.metadata.title_en.value == "Cooperation in cyberspace"
    assert doc.metadata.title_en.origin == "given"
    assert doc.metadata.date.value == "2020-01-02" and doc.metadata.tags == ("cooperation",)
    texts = [p.text for p in doc.paragraphs]
    assert "Share this article" in texts
    assert not any("editor wants gone" in t for t in texts)
    assert any(r.rule == "sidecar.drop" and r.line == 5 for r in doc.removals)
    assert any(d.path == "orphan.yml" for d in corpus.diagnostics)


def test_bad_sidecar_fails_the_strict_build(project) -> None:
    root = project(
        {
            "doc.txt": "China is ready to strengthen cooperation with all countries in cyberspace.\n",
            "doc.yml": "date: yesterday\n",
        }
    )
    result = build(root)
    assert result.returncode != 0 and "doc.yml:1" in result.log
