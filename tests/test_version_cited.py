"""The downloads of a document that is one of several versions (a translation in another source)
name the version they come from: the per-document TMX's header and JSON, and the corpus data's
counterpart columns, in a real build; a text in one version keeps its downloads as they were."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from duizhao.publish import corpus_data

from .conftest import build, seed
from .test_pairing import halves

URL_ZH = "https://www.example.gov.cn/speech-2015-12-16.html"
URL_EN = "https://en.example.org/speech-2015-12-16/"


def test_a_pairs_downloads_name_the_copy_they_come_from(project) -> None:
    zh, en = halves()
    root = project(
        {
            "speech-zh.txt": zh,
            "speech-en.txt": en,
            "speech-zh.yml": (
                f"translation_of: speech-en.txt\npublisher: 国家互联网信息办公室\ndate: 2015-12-16\nsource_url: {URL_ZH}\n"
            ),
            "speech-en.yml": f"publisher: Example Review\ndate: 2015-12-17\nsource_url: {URL_EN}\n",
        }
    )
    result = build(root)
    assert result.returncode == 0, result.log
    texts = result.site / "texts"
    header = ET.parse(texts / "speech-zh.tmx").getroot().find("header")
    props = {p.get("type"): p.text for p in header.findall("prop")}
    assert props["x-publisher"] == "国家互联网信息办公室" and props["x-date"] == "2015-12-16"
    assert props["x-source-url"] == URL_ZH
    assert props["x-version"].startswith(
        f"Version cited: this copy (国家互联网信息办公室, 2015-12-16, {URL_ZH})"
    )
    assert (
        "its English column is another version" in props["x-version"]
        and "speech-en.txt" in props["x-version"]
    )
    version = json.loads((texts / "speech-en.json").read_text(encoding="utf-8"))["version"]
    assert (version["publisher"], version["date"], version["url"]) == ("Example Review", "2015-12-17", URL_EN)
    assert "its Chinese column is another version" in version["cited"]
    # The corpus data (the work once, from the Chinese side) names the English column's copy.
    lines = (result.site / corpus_data.DATA_DIR / corpus_data.JSONL).open(encoding="utf-8")
    rows = [row for line in lines if (row := json.loads(line))["document"] == "speech-zh"]
    assert rows and {(r["publisher"], r["url"]) for r in rows} == {("国家互联网信息办公室", URL_ZH)}
    assert {(r["counterpart_publisher"], r["counterpart_date"], r["counterpart_url"]) for r in rows} == {
        ("Example Review", "2015-12-17", URL_EN)
    }


def test_a_text_in_one_version_keeps_its_downloads_as_they_were(seed_site) -> None:
    slug = seed("000").stem.lower()  # bilingual, in one file, published once
    texts = seed_site.site / "texts"
    assert "x-version" not in (texts / f"{slug}.tmx").read_text(encoding="utf-8")
    assert "version" not in json.loads((texts / f"{slug}.json").read_text(encoding="utf-8"))
    assert "data-version=" not in seed_site.doc(slug)


def test_a_text_republished_many_times_names_the_reference_and_a_few_others(tmp_path) -> None:
    from duizhao import pipeline
    from duizhao.link.versions import Other
    from duizhao.publish import citation

    src = tmp_path / "sources"
    src.mkdir()
    (src / "copy.txt").write_bytes(seed("001").read_bytes())
    (doc,) = pipeline.build_corpus(src).documents
    others = tuple(
        Other(f"c{i}", f"Site {i}", "2020-01-0" + str(i), False, "", ("ref", f"c{i}")) for i in range(1, 7)
    )
    others += (
        Other("ref", "中华人民共和国外交部", "2019-12-31", True, "the earliest dated", ("ref", "copy")),
    )
    said = citation.version_cited(doc, others)
    assert "one of 8 versions of the text; the others: 中华人民共和国外交部, 2019-12-31 (reference); " in said
    assert said.count("Site ") == citation.OTHERS_NAMED - 1 and said.endswith("; and 4 more.")
