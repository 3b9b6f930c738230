"""The corpus as data (issue 20): the built site's data/ files and `duizhao export-corpus`, read
back with real parsers (xml.etree for TMX and TBX, json line by line, the csv module), checked
against their formats' structure, against each other and against the pipeline's own documents."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from duizhao import pipeline
from duizhao.link import glossary
from duizhao.publish import corpus_data, downloads, listing

from .conftest import BIN, ROOT, SOURCES, env
from .test_pairing import halves

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX = "{urn:iso:std:iso:30042:ed-2}"
ZH_TAGS = ("zh-Hans", "zh-Hant")


def export_corpus(out: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "duizhao"), "export-corpus", str(out), *args], capture_output=True, text=True, env=env()
    )


def read_all(folder: Path) -> dict:
    """Every data file of `folder`, parsed: TMX and TBX roots, JSONL rows, TSV and CSV rows."""
    tsv = list(csv.reader((folder / "corpus.tsv").open(encoding="utf-8", newline=""), dialect="excel-tab"))
    return {
        "tmx": ET.parse(folder / "corpus.tmx").getroot(),
        "jsonl": [
            json.loads(line) for line in (folder / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
        ],
        "tsv_header": tsv[0],
        "tsv": tsv[1:],
        "tbx": ET.parse(folder / "glossary.tbx").getroot(),
        "csv": list(csv.DictReader((folder / "glossary.csv").open(encoding="utf-8", newline=""))),
    }


def props(element: ET.Element) -> dict[str, str]:
    return {p.get("type"): p.text or "" for p in element.findall("prop")}


def check_pairs(found: dict) -> list[dict]:
    """The three files of pairs are well formed and say the same thing, row for row; the rows."""
    tmx, rows = found["tmx"], found["jsonl"]
    assert tmx.tag == "tmx" and tmx.get("version") == "1.4"
    header = tmx.find("header")
    assert header is not None
    for attr in (
        "creationtool",
        "creationtoolversion",
        "segtype",
        "o-tmf",
        "adminlang",
        "srclang",
        "datatype",
    ):
        assert header.get(attr), attr  # TMX 1.4's required header attributes
    units = tmx.findall("./body/tu")
    assert int(props(header)["x-pairs"]) == len(units) == len(rows) == len(found["tsv"])
    assert found["tsv_header"] == list(corpus_data.COLUMNS)
    tags = {row["zh_lang"] for row in rows}
    assert header.get("srclang") == (tags.pop() if len(tags) == 1 else "*all*")
    for tu, row, line in zip(units, rows, found["tsv"], strict=True):
        assert list(row) == list(corpus_data.COLUMNS)
        assert tu.get("tuid") == row["id"]
        # TMX 1.4's content model: properties (and notes) first, then the variants.
        children = [c.tag for c in tu]
        assert children == ["prop"] * (len(children) - 2) + ["tuv", "tuv"]
        tuvs = tu.findall("tuv")
        assert [t.get(XML_LANG) for t in tuvs] == [row["zh_lang"], "en"] and row["zh_lang"] in ZH_TAGS
        zh, en = (t.find("seg").text for t in tuvs)
        assert (zh, en) == (row["zh"], row["en"]) and zh.strip() and en.strip()
        # Every document field is a property of the unit, named after its column.
        expected = {
            corpus_data.prop_type(c): corpus_data.tsv_value(v)
            for c, v in row.items()
            if c not in ("id", "zh", "en", "zh_lang", "en_lang") and v != ""
        }
        assert props(tu) == expected
        assert isinstance(row["confidence"], float) and 0 <= row["confidence"] <= 1
        # TSV: the same values, a tab or line break inside one replaced by a space.
        assert line == [corpus_data.one_line(corpus_data.tsv_value(v)) for v in row.values()]
    return rows


# TBX-Basic's picklists (its DCA schematron): the term notes this glossary uses, and their values.
TERM_NOTES = {
    "administrativeStatus": {
        "preferredTerm-admn-sts",
        "admittedTerm-admn-sts",
        "deprecatedTerm-admn-sts",
        "supersededTerm-admn-sts",
    },
    "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
}


def check_glossary(found: dict, entries: tuple) -> None:
    tbx = found["tbx"]
    assert tbx.tag == f"{TBX}tbx" and tbx.get("type") == "TBX-Basic" and tbx.get("style") == "dca"
    assert tbx.get(XML_LANG) == "en"
    assert all(e.tag.startswith(TBX) for e in tbx.iter())  # DCA style: no element of another namespace
    for note in tbx.iter(f"{TBX}termNote"):
        assert note.text in TERM_NOTES[note.get("type")], (note.get("type"), note.text)
    assert tbx.find(f"{TBX}tbxHeader/{TBX}fileDesc/{TBX}sourceDesc") is not None
    concepts = tbx.findall(f"{TBX}text/{TBX}body/{TBX}conceptEntry")
    assert len(concepts) == len(entries) == len(found["csv"]) > 0
    assert len({c.get("id") for c in concepts}) == len(concepts)
    for concept, entry, row in zip(concepts, entries, found["csv"], strict=True):
        secs = concept.findall(f"{TBX}langSec")
        langs = [s.get(XML_LANG) for s in secs]
        assert langs[-1] == "en" and all(tag in ZH_TAGS for tag in langs[:-1]) and len(langs) >= 2
        terms = {
            tag: [t.text for t in s.findall(f"{TBX}termSec/{TBX}term")]
            for tag, s in zip(langs, secs, strict=True)
        }
        assert terms["en"] == [corpus_data.clean(t) for t in (*entry.en, *entry.variants)]
        assert sorted(t for tag in langs[:-1] for t in terms[tag]) == sorted(
            corpus_data.clean(t) for t in entry.zh_forms
        )
        first = secs[-1].find(f"{TBX}termSec")
        status = first.find(f"{TBX}termNote[@type='administrativeStatus']")
        assert status is not None and status.text == "preferredTerm-admn-sts"
        assert row["zh"] == corpus_data.clean(entry.zh) and row["en"] == corpus_data.clean(entry.en[0])
        assert row["kind"] == entry.kind and row["zh_lang"] in ZH_TAGS


def test_seed_site_offers_the_corpus_as_data(seed_site) -> None:
    # Linked from the home page, by relative links (the offline copy opens them from file://).
    home = seed_site.page("index.html")
    hrefs = set(re.findall(r'href="(data/[^"#]*)"', home))
    assert {f"data/{name}" for name in corpus_data.FILES} <= hrefs
    assert any(h in ("data/", "data/index.html") for h in hrefs)
    for href in hrefs:
        target = seed_site.site / href
        assert (target / "index.html" if href.endswith("/") else target).is_file(), href
    page = seed_site.page("data/index.html")
    for name in corpus_data.FILES:
        assert f'href="{name}"' in page

    found = read_all(seed_site.site / "data")
    rows = check_pairs(found)

    # Against the pipeline's own documents: one entry per work, as the documents index lists them.
    corpus = pipeline.build_corpus(SOURCES)
    works = listing.works(pipeline.published(corpus))
    two_sided = {(d.slug, b.anchor) for d in works for b in d.beads if b.zh and b.en}
    assert {(r["document"], r["id"].split("#")[1].rsplit(".", 1)[0]) for r in rows} == two_sided
    units = sum(max(len(b.links), 1) for d in works for b in d.beads)
    assert len(rows) + int(props(found["tmx"].find("header"))["x-skipped-one-sided"]) == units
    assert 0 < len(rows) < units  # the seeds hold one-language texts: their paragraphs are left out
    # Each document's own TMX (texts/SLUG.tmx) holds the same pairs as the corpus's.
    per_document = []
    for doc in works:
        own = seed_site.site / "texts" / f"{doc.slug}.tmx"
        if own.exists():
            for tu in ET.parse(own).getroot().findall("./body/tu"):
                per_document.append(
                    (f"{doc.slug}#{tu.get('tuid')}", *(s.text for s in tu.findall("tuv/seg")))
                )
    assert per_document == [(r["id"], r["zh"], r["en"]) for r in rows]

    # Document fields are the model's, each with its origin; a derived title is left out.
    by_slug = {d.slug: d for d in works}
    for row in rows:
        doc = by_slug[row["document"]]
        assert row["source"] == doc.source.name
        for column, attr in corpus_data.DOC_FIELDS:
            f = getattr(doc.metadata, attr)
            assert (row[column], row[f"{column}_origin"]) == ((f.value, f.origin) if f else ("", ""))
        for lang in ("zh", "en"):
            f = getattr(doc.metadata, f"title_{lang}")
            assert row[f"title_{lang}"] == (f.value if f is not None and f.origin != "derived" else "")
    assert any(r["translation_status_origin"] == "derived" for r in rows)
    derived = [
        f for d in works for f in (d.metadata.title_zh, d.metadata.title_en) if f and f.origin == "derived"
    ]
    assert derived  # (the seeds have a text whose title is its first sentence)
    exported = json.dumps(rows, ensure_ascii=False)
    assert not any(f'"title_zh": {json.dumps(f.value, ensure_ascii=False)}' in exported for f in derived)

    known, _ = glossary.load(SOURCES)
    check_glossary(found, known.entries)


def test_export_corpus_writes_the_sites_files(seed_site, tmp_path) -> None:
    """The command reads the same settings (mkdocs.yml's sources folder) and writes the same bytes."""
    out = tmp_path / "out"
    proc = export_corpus(out, "--config", str(seed_site.root / "mkdocs.yml"))
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(corpus_data.FILES)
    for name in corpus_data.FILES:
        assert (out / name).read_bytes() == (seed_site.site / "data" / name).read_bytes(), name
    pairs = len(read_all(out)["jsonl"])
    assert f"{pairs} sentence pairs" in proc.stderr


def test_export_corpus_of_a_missing_folder_names_it(tmp_path) -> None:
    proc = export_corpus(tmp_path / "out", "--sources", str(tmp_path / "nowhere"))
    assert proc.returncode == 2 and "nowhere" in proc.stderr
    assert not (tmp_path / "out").exists()


ADVERSARIAL = ROOT / "tests" / "adversarial" / "files"
# What a sidecar and the glossary may say: markup, entities, quotes, a tab, line breaks, controls.
HOSTILE = "A <b>\"title\"</b> & 'quotes'\tafter a tab\nand a line ]]> &amp;"
SIDECAR = (
    "title_en: " + json.dumps(HOSTILE + "\x01\x1b\x7f end") + "\n"
    "author: " + json.dumps("Li <Ming> & co\u2028second line") + "\n"
    "translation: human\n"
)
GLOSSARY = (
    "- zh: 网络安全\n  en: [cyber security]\n  note: " + json.dumps(HOSTILE + "\x0b") + "\n"
    "- zh: 網絡主權\n  en: cyber sovereignty\n  zh_variants: [网络主权]\n"
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The adversarial corpus's text scrapes whose lines look like HTML (both languages), with a
    sidecar and a glossary holding markup, quotes, tabs, line breaks and control characters."""
    src = tmp_path_factory.mktemp("hostile-sources")
    for name in ("xss-text.txt", "xss-page.html"):
        shutil.copy(ADVERSARIAL / name, src / name)
    (src / "xss-text.yml").write_text(SIDECAR, encoding="utf-8")
    (src / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    out = src.parent / "hostile-out"
    return out, export_corpus(out, "--sources", str(src), "--config", str(src / "no-mkdocs.yml"))


def test_hostile_text_survives_every_format(hostile) -> None:
    out, proc = hostile
    assert proc.returncode == 0, proc.stderr
    found = read_all(out)  # (every file parses: nothing broke the XML, the JSON or the rows)
    rows = check_pairs(found)
    text = {r["source"]: " ".join((r["zh"], r["en"])) for r in rows}
    # Lines that look like HTML are text, exactly as the page shows them. (Which English lines
    # pair with the scrape's one Chinese sentence is the aligner's call: those it pairs are
    # exported as typed; the others are unmatched and left out of the pairs.)
    assert "<script>top.__dz_pwned=1</script>" in text["xss-text.txt"]
    typed = " ".join((ADVERSARIAL / "xss-text.txt").read_text(encoding="utf-8").split())
    english = [r["en"] for r in rows if r["source"] == "xss-text.txt"]
    assert any("<" in e for e in english) and all(e in typed for e in english)
    assert "xss-page.html" in text
    raw = (out / "corpus.tmx").read_text(encoding="utf-8")
    assert "<script>" not in raw and "&lt;script&gt;" in raw
    # The sidecar's values: controls removed, the rest kept (JSON and TMX), one line in TSV.
    row = next(r for r in rows if r["source"] == "xss-text.txt")
    assert row["title_en"] == HOSTILE + " end"
    assert (row["translation_status"], row["translation_status_origin"]) == ("human", "given")
    assert row["speaker"] == "Li <Ming> & co\u2028second line" and row["speaker_origin"] == "given"
    tu = next(t for t in found["tmx"].findall("./body/tu") if t.get("tuid") == row["id"])
    assert props(tu)["x-title-en"] == HOSTILE + " end"
    line = next(r for r in found["tsv"] if r[0] == row["id"])
    title = line[corpus_data.COLUMNS.index("title_en")]
    assert title == "A <b>\"title\"</b> & 'quotes' after a tab and a line ]]> &amp; end"
    assert line[corpus_data.COLUMNS.index("speaker")] == "Li <Ming> & co second line"
    tsv = (out / "corpus.tsv").read_text(encoding="utf-8")
    assert len(tsv.splitlines()) == len(rows) + 1
    # The glossary: both files parse, the note keeps its markup, the Traditional term is zh-Hant.
    known, _ = glossary.parse(GLOSSARY)
    check_glossary(found, known.entries)
    notes = [n.text for n in found["tbx"].iter(f"{TBX}note")]
    assert HOSTILE in notes
    assert found["csv"][0]["note"] == corpus_data.one_line(HOSTILE)
    trad = found["tbx"].findall(f"{TBX}text/{TBX}body/{TBX}conceptEntry")[1]
    assert [s.get(XML_LANG) for s in trad.findall(f"{TBX}langSec")] == ["zh-Hant", "zh-Hans", "en"]
    assert found["csv"][1]["zh_lang"] == "zh-Hant"


def test_clean_and_one_line_rules() -> None:
    assert corpus_data.clean("a\x00b\x08c\tok\nline\x7f\x85\x9f\ud800\ufffe.") == "abc\tok\nline."
    assert corpus_data.one_line("a\tb\r\nc\u2028d\x85e") == "a b c d e"


def test_a_file_name_with_control_characters_leaves_every_tmx_well_formed(tmp_path) -> None:
    """A source's name is untrusted too: it is a property of each unit, and of its document's TMX."""
    src = tmp_path / "sources"
    src.mkdir()
    name = "bilingual\x01\x1b\x85.txt"
    shutil.copy(next(SOURCES.glob("000_*")), src / name)
    corpus = pipeline.build_corpus(src)
    (doc,) = pipeline.published(corpus)
    own = ET.fromstring(downloads.to_tmx(doc))
    assert props(own.find("header"))["x-source"] == "bilingual.txt"
    data = corpus_data.collect([doc])
    units = ET.fromstring(corpus_data.to_tmx(data)).findall("./body/tu")
    assert len(units) == len(data.rows) > 0
    assert {props(tu)["x-source"] for tu in units} == {"bilingual.txt"}


def test_a_work_in_two_sources_is_exported_once_with_both_titles(tmp_path) -> None:
    """Two sources that translate each other: both pages show the pairs, the data holds them once,
    from the Chinese side (as the documents index lists the work), with each side's title."""
    zh, en = halves()
    src = tmp_path / "sources"
    src.mkdir()
    for name, text in {
        "speech-zh.txt": zh,
        "speech-en.txt": en,
        "speech-zh.yml": "translation_of: speech-en.txt\ntitle_zh: 共同构建网络空间命运共同体\n",
        "speech-en.yml": "title_en: Building a community with a shared future in cyberspace\n",
    }.items():
        (src / name).write_text(text, encoding="utf-8")
    docs = pipeline.published(pipeline.build_corpus(src))
    assert all(d.counterpart is not None for d in docs) and len(docs) == 2
    data = corpus_data.collect(docs)
    (work,) = [d for d in docs if d.source.name == "speech-zh.txt"]
    two_sided = [b.anchor for b in work.beads if b.zh and b.en]
    assert {r["document"] for r in data.rows} == {work.slug} and data.documents == 1
    assert sorted({r["id"].split("#")[1].rsplit(".", 1)[0] for r in data.rows}) == sorted(two_sided)
    assert len(two_sided) == 3
    for row in data.rows:
        assert row["title_zh"] == "共同构建网络空间命运共同体"
        assert row["title_en"] == "Building a community with a shared future in cyberspace"
        assert (row["counterpart"], row["counterpart_how"]) == ("speech-en.txt", "declared")
    own = ET.fromstring(downloads.to_tmx(work)).findall("./body/tu")
    assert [(f"{work.slug}#{tu.get('tuid')}", *(s.text for s in tu.findall("tuv/seg"))) for tu in own] == [
        (r["id"], r["zh"], r["en"]) for r in data.rows
    ]


def test_the_hugging_face_loader_reads_the_pairs(hostile, tmp_path, monkeypatch) -> None:
    """`datasets.load_dataset("json", data_files="corpus.jsonl")`, as the README says, on the seeds'
    export and on the hostile one (markup, quotes, tabs, line breaks): one row a line, every column,
    the texts as written; the TSV with the csv loader gives the same texts."""
    # (no network: the loader reads the local file; its cache goes to the test's folder)
    for name in ("HF_DATASETS_OFFLINE", "HF_HUB_OFFLINE"):
        monkeypatch.setenv(name, "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    import datasets  # (the test extra: imported here, after the environment above is set)

    seeds = tmp_path / "seeds"
    proc = export_corpus(seeds, "--sources", str(SOURCES), "--config", str(tmp_path / "no-mkdocs.yml"))
    assert proc.returncode == 0, proc.stderr
    for folder in (seeds, hostile[0]):
        rows = [
            json.loads(line) for line in (folder / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
        ]
        assert rows, folder
        cache = str(tmp_path / "hf" / folder.name)
        loaded = datasets.load_dataset(
            "json", data_files=str(folder / "corpus.jsonl"), split="train", cache_dir=cache
        )
        assert loaded.num_rows == len(rows)
        assert loaded.column_names == list(corpus_data.COLUMNS)
        assert loaded["zh"] == [r["zh"] for r in rows] and loaded["en"] == [r["en"] for r in rows]
        assert loaded["id"] == [r["id"] for r in rows]
        assert loaded["confidence"] == pytest.approx([r["confidence"] for r in rows])
        table = datasets.load_dataset(
            "csv", data_files=str(folder / "corpus.tsv"), delimiter="\t", split="train", cache_dir=cache
        )
        assert table.num_rows == len(rows) and table.column_names == list(corpus_data.COLUMNS)
        assert table["zh"] == [corpus_data.one_line(r["zh"]) for r in rows]
        assert table["en"] == [corpus_data.one_line(r["en"]) for r in rows]
