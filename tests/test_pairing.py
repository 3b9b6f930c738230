"""Cross-file pairing, editors' bead corrections and the alignment downloads, in real builds."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from duizhao import align, pipeline, segment
from duizhao.model import Level

from .conftest import SOURCES, build, seed
from .helpers import cleaned


def halves() -> tuple[str, str]:
    """Seed 000's Chinese and English paragraphs as two separate texts (a real translation pair)."""
    paragraphs = segment.segment(cleaned(seed("000")).blocks)
    zh = "\n\n".join(p.text for p in paragraphs if align.side(p) == "zh")
    en = "\n\n".join(p.text for p in paragraphs if align.side(p) == "en")
    return zh + "\n", en + "\n"


def corpus_with(tmp_path: Path, files: dict[str, str], distractors: bool = True) -> pipeline.Corpus:
    src = tmp_path / "sources"
    src.mkdir()
    if distractors:  # the other seeds: one zh speech and three en texts on the same topic
        for path in SOURCES.glob("00[1-4]_*"):
            (src / path.name).write_bytes(path.read_bytes())
    for name, text in files.items():
        (src / name).write_text(text, encoding="utf-8")
    return pipeline.build_corpus(src)


def by_name(corpus: pipeline.Corpus) -> dict:
    return {d.source.name: d for d in corpus.documents}


def test_translation_pair_is_detected_among_same_topic_texts(tmp_path) -> None:
    zh, en = halves()
    corpus = corpus_with(tmp_path, {"speech-zh.txt": zh, "speech-en.txt": en})
    docs = by_name(corpus)
    a, b = docs["speech-zh.txt"], docs["speech-en.txt"]
    assert a.counterpart.name == "speech-en.txt" and b.counterpart.name == "speech-zh.txt"
    assert a.counterpart.how == "detected" and a.counterpart.score >= 0.55
    assert any("numbers shared" in e for e in a.counterpart.evidence)
    assert a.languages == b.languages == ("zh", "en")
    assert [(len(x.zh), len(x.en)) for x in a.beads] == [(1, 1)] * 3
    assert a.beads[2].zh[0].text.startswith("中国古语云") and a.beads[2].en[0].text.startswith(
        "A Chinese adage"
    )
    # the same-topic seeds are not paired with anything
    for name, doc in docs.items():
        if name.startswith("00"):
            assert doc.counterpart is None, name
    assert any(d.level is Level.INFO and "detected" in d.message for d in corpus.diagnostics)


def test_declared_pair_and_none(tmp_path) -> None:
    zh, en = halves()
    corpus = corpus_with(
        tmp_path,
        {
            "a.txt": zh,
            "b.txt": en,
            "a.yml": "translation_of: b.txt\n",
            "001_0fe0603ee9209ad7.yml": "translation_of: none\n",
        },
    )
    docs = by_name(corpus)
    assert docs["a.txt"].counterpart.how == "declared"
    assert docs["b.txt"].counterpart.name == "a.txt"
    assert docs["001_0fe0603ee9209ad7.txt"].counterpart is None


def test_bad_translation_of_is_an_error_naming_the_sidecar(tmp_path) -> None:
    corpus = corpus_with(
        tmp_path, {"a.txt": halves()[0], "a.yml": "translation_of: nowhere.txt\n"}, distractors=False
    )
    errors = [d for d in corpus.all_diagnostics if d.level is Level.ERROR]
    assert errors and errors[0].path == "a.yml" and "nowhere.txt" in errors[0].message


def test_pair_page_shows_both_columns_names_the_counterpart_and_offers_downloads(project) -> None:
    zh, en = halves()
    root = project(
        {"speech-zh.txt": zh, "speech-en.txt": en, "speech-zh.yml": "translation_of: speech-en.txt\n"}
    )
    result = build(root)
    assert result.returncode == 0, result.log
    for slug, other in (("speech-zh", "speech-en"), ("speech-en", "speech-zh")):
        page = result.doc(slug)
        assert 'class="dz-doc dz-bilingual"' in page
        assert "dz-counterpart" in page and f"{other}.txt" in page
        assert page.count('class="dz-pair"') == 3
        assert 'data-link="1"' in page  # sentence links inside the rows


def test_downloads_are_valid_and_linked_from_the_page(seed_site) -> None:
    slug = seed("000").stem
    page = seed_site.doc(slug)
    hrefs = re.findall(r'<p class="dz-downloads">.*?</p>', page)[0]
    targets = re.findall(r'href="([^"]+)"', hrefs)
    assert [t.rsplit(".", 1)[1] for t in targets] == ["tmx", "json"]
    base = seed_site.site / "texts" / slug
    tmx_path, json_path = ((base / t).resolve() for t in targets)
    assert tmx_path.is_file() and json_path.is_file()
    tmx = ET.parse(tmx_path).getroot()
    assert tmx.get("version") == "1.4"
    units = tmx.findall("./body/tu")
    data = json.loads(json_path.read_text(encoding="utf-8"))
    linked = [k for b in data["beads"] for k in b["links"] if k["zh"] and k["en"]]
    assert len(units) == len(linked) >= 3
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    first = units[0]
    assert [t.get(lang) for t in first.findall("tuv")] == ["zh-Hans", "en"]
    assert first.find("tuv/seg").text.startswith("第三")
    assert data["source"] == seed("000").name and len(data["beads"]) == 3
    assert all(0 <= k["confidence"] <= 1 for b in data["beads"] for k in b["links"])
    # one-language texts have no alignment to download
    assert "dz-downloads" not in seed_site.doc(seed("002").stem)
    assert not (seed_site.site / "texts" / f"{seed('002').stem}.tmx").exists()
