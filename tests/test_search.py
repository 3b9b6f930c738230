"""The search index (duizhao.publish.search): terms, postings, chunks, and the index of the seed site."""

from __future__ import annotations

import json
import math
import random

from duizhao import pipeline
from duizhao.link import glossary
from duizhao.publish import search, search_entries, search_terms
from duizhao.publish.search_entries import Entry

from .conftest import SOURCES


def entry(key: str, text: str, title: str = "") -> Entry:
    tok = search_terms.tokenizer()
    return Entry(
        key=key,
        url=key.replace(".md", "/"),
        kind="text",
        title_zh="",
        title_en=title,
        date="",
        pairs=(("p-1", 1, "", text),),
        terms=search_entries._count((title,), (text,), tok),
    )


def test_han_text_becomes_overlapping_bigrams() -> None:
    assert search_terms.terms("世界互联网大会") == ["世界", "界互", "互联", "联网", "网大", "大会"]
    # Runs break at punctuation and Latin text; a lone character is its own term.
    assert search_terms.terms("网，G20峰会") == ["网", "g20", "峰会"]


def test_english_words_are_folded_and_lose_plural_endings_and_stop_words() -> None:
    assert search_terms.terms("The World Internet Conferences") == ["world", "internet", "conference"]
    assert search_terms.terms("policies, Zürich, ＷＯＲＬＤ") == ["policy", "zurich", "world"]
    # Words whose "s" is not a plural keep it.
    assert search_terms.terms("virus class gas") == ["virus", "class", "gas"]


def test_varints_round_trip() -> None:
    rng = random.Random(5)
    postings = sorted(rng.sample(range(100_000), 500))
    encoded = ""
    last = -1
    for doc in postings:
        encoded += search.varint(doc - last - 1) + search.DIGITS[doc % 32]
        last = doc
    assert search.decode_postings(encoded) == [(d, d % 32) for d in postings]


def test_every_term_is_found_in_its_chunk_with_its_documents() -> None:
    rng = random.Random(1)
    words = [f"w{i}" for i in range(400)] + ["网络", "空间", "安全"]
    entries = [entry(f"texts/d{i:03}.md", " ".join(rng.sample(words, 30))) for i in range(60)]
    index = search.build(entries, chunk_bytes=2_000)
    chunks = [p for p, _ in index.files if p.startswith("search/t/")]
    assert len(chunks) >= 3, "small chunks were asked for"
    ordered = sorted(entries, key=lambda e: e.key)
    for term in ["w0", "w399", "w57", "网络", "安全"]:
        expected = [i for i, e in enumerate(ordered) if term in dict(e.terms)]
        assert [d for d, _ in search.lookup(index, term)] == expected
    assert search.lookup(index, "absent") == []


def test_build_is_deterministic_whatever_the_order_of_entries() -> None:
    entries = [entry(f"texts/d{i}.md", f"cyber word{i} 网络空间{i}") for i in range(20)]
    a = search.build(entries, chunk_bytes=200)
    b = search.build(list(reversed(entries)), chunk_bytes=200)
    assert a.files == b.files


def test_index_files_are_scripts_with_utf8_text_not_escapes() -> None:
    index = search.build([entry("texts/a.md", "网络空间命运共同体 community", title="标题 Title")])
    manifest = index.file("search/manifest.js").decode()
    assert manifest.startswith("dzSearch.manifest(")
    doc = index.file("search/d/0.js").decode()
    assert doc.startswith("dzSearch.doc(0,") and "网络空间命运共同体" in doc and "\\u" not in doc
    data = json.loads(manifest[manifest.index("(") + 1 : manifest.rindex(")")])
    assert data["docs"] == 1 and data["tokenizer"]["stop"] and data["tokenizer"]["han"]


def test_title_terms_weigh_more_than_text_terms() -> None:
    index = search.build(
        [entry("texts/a.md", "governance", title="Governance"), entry("texts/b.md", "governance")]
    )
    (a, tf_a), (b, tf_b) = search.lookup(index, "governance")
    assert (a, b) == (0, 1) and tf_a > tf_b


def test_postings_carry_bm25_weights_computed_at_build_time() -> None:
    """The browser adds up idf x level: the weights read back from the files are BM25's (k1 1.2,
    b 0.75) to within a level's rounding, computed here from the counts independently."""
    filler = " ".join(f"filler{i}" for i in range(60))
    entries = [
        entry("texts/a.md", "sovereignty cyberspace"),  # short
        entry("texts/b.md", f"sovereignty cyberspace {filler}"),  # the same counts, long
        entry("texts/c.md", "cyberspace cyberspace cyberspace governance"),
        entry("texts/d.md", "cyberspace governance"),
    ]
    index = search.build(entries)
    sov, cyber = search.weights(index, "sovereignty"), search.weights(index, "cyberspace")
    # shorter document first for the same count; a rarer term weighs more in the same document
    assert sov[0] > sov[1] and sov[0] > cyber[0]
    # a repeated term weighs more, but less than in proportion (saturation)
    assert cyber[3] < cyber[2] < 3 * cyber[3]
    lengths = [2, 62, 4, 2]
    avg = sum(lengths) / 4
    for term, tf, found in (("sovereignty", [1, 1, 0, 0], sov), ("cyberspace", [1, 1, 3, 1], cyber)):
        df = sum(1 for n in tf if n)
        idf = math.log(1 + (4 - df + 0.5) / (df + 0.5))
        for d, n in enumerate(tf):
            if not n:
                assert d not in found
                continue
            expected = idf * n * 2.2 / (n + 1.2 * (1 - 0.75 + 0.75 * lengths[d] / avg))
            assert abs(found[d] - expected) / expected < 0.07, (term, d, found[d], expected)


def test_seed_index_finds_the_documents_that_hold_each_query() -> None:
    docs = pipeline.published(pipeline.build_corpus(SOURCES))
    index = search.site_index(docs, [("about.md", "# About\n\nWhat the site is.\n")])
    ordered = sorted(
        [search.document_entry(d, "texts", True) for d in docs]
        + [search.page_entry("about.md", "# About", True)],
        key=lambda e: (search.KIND_ORDER.index(e.kind), e.key),
    )
    for query in ["世界互联网大会", "World Internet Conference", "网络空间"]:
        holding = {
            i
            for i, e in enumerate(ordered)
            if any(query.lower() in (zh + " " + en).lower() for _, _, zh, en, *_ in e.pairs)
        }
        assert holding, query
        found = None
        for term in search_terms.terms(query):
            docs_with = {d for d, _ in search.lookup(index, term)}
            found = docs_with if found is None else found & docs_with
        assert holding <= found, query


def test_hand_written_pages_are_indexed_by_section() -> None:
    text = "# Editor's guide\n\nIntro.\n\n## Add a scrape\n\nPut the file into `sources/`.\n\n## Add a scrape\n\nAgain.\n"
    e = search.page_entry("editors.md", text, use_directory_urls=True)
    assert e.url == "editors/" and e.title_en == "Editor's guide"
    assert [p[0] for p in e.pairs] == ["", "add-a-scrape", "add-a-scrape_1"]
    assert "sources/" in e.pairs[1][3] and "`" not in e.pairs[1][3]


def test_seed_site_ships_the_index_and_the_search_assets(seed_site) -> None:
    site = seed_site.site
    assert (site / "search" / "manifest.js").is_file()
    assert not (site / "search" / "search_index.json").exists(), "Material's search plugin is off"
    docs = list((site / "search" / "d").glob("*.js"))
    entries, _ = glossary.parse((SOURCES / glossary.GLOSSARY_FILE).read_text(encoding="utf-8"))
    expected = len(list(SOURCES.glob("*.txt"))) + len(list((seed_site.root / "docs").glob("*.md")))
    # Glossary entries are found when they have a page: those the texts use.
    paged = [e for e in entries.entries if (site / "glossary" / e.slug / "index.html").is_file()]
    assert 0 < len(paged) < len(entries.entries)
    assert len(docs) == expected + len(paged), "documents, hand-written pages and glossary terms"
    page = seed_site.page("index.html")
    assert "assets/duizhao/search.js" in page and "assets/duizhao/search.css" in page
    # Document files link to pages that exist.
    for path in docs:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text[text.index(",") + 1 : text.rindex(")")])
        target = site / data["u"]
        assert (target / "index.html").is_file() or target.is_file(), data["u"]


def test_export_writes_the_same_index_as_the_hook(seed_site, tmp_path) -> None:
    import subprocess

    from .conftest import BIN, env

    proc = subprocess.run(
        [str(BIN / "duizhao"), "export", str(tmp_path / "out"), "--sources", str(seed_site.root / "sources")],
        cwd=seed_site.root,
        env=env(),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    exported = tmp_path / "out" / "docs" / "search"
    built = seed_site.site / "search"
    names = sorted(p.relative_to(built).as_posix() for p in built.rglob("*.js"))
    assert names == sorted(p.relative_to(exported).as_posix() for p in exported.rglob("*.js"))
    for name in names:
        assert (exported / name).read_bytes() == (built / name).read_bytes(), name


def test_filters_are_terms_of_the_index_and_their_values_are_in_the_manifest() -> None:
    """Year, language, translation status, speaker and publisher of each seed: one posting each,
    so a filter is one more term of the query; the manifest lists the values for the menus."""
    docs = pipeline.published(pipeline.build_corpus(SOURCES))
    index = search.site_index(docs, [])
    manifest = search._payload(index.file("search/manifest.js"))[0]
    speech = next(d for d in docs if d.source.name.startswith("001"))
    op_ed = next(d for d in docs if d.source.name.startswith("003"))
    ordered = sorted(docs, key=lambda d: f"texts/{d.slug}.md")
    for doc, wanted in [
        (speech, ["~y2013", "~lzh", "~a蔡名照"]),
        (op_ed, ["~y2016", "~len", "~pHuffington Post", "~aWang Qun"]),
    ]:
        for term in wanted:
            assert term in manifest["facets"], term
            assert ordered.index(doc) in {d for d, _ in search.lookup(index, term)}, term
    assert "~lboth" not in {t for t, _ in search.document_entry(op_ed, "texts", True).terms}
    # a reader's query never produces a filter term
    assert not any(t.startswith(search.FACET) for t in search_terms.terms("~y2013 ~lzh"))


def test_an_entry_file_lists_the_documents_holding_a_searched_form_as_written() -> None:
    """search/g/N-LANG.js: the documents whose text holds one of the entry's first `renderings`
    forms of that language as a phrase (not its words apart, not a word that only contains it),
    weighed like a term, with the idf of the forms' words."""
    entries_, _ = glossary.parse(
        "- zh: 世界互联网大会\n  en: World Internet Conference\n"
        "  variants: [WIC, Wuzhen Summit, Internet Conference of the World]\n"
    )
    texts = [
        "the World Internet Conference opened in the water town",
        "world leaders met online; the internet conference closed",  # the words, not the phrase
        "WIC delegates arrived in the water town on time",
        "they met twice in the water town that year",  # "wic" inside a word
        "the Internet Conference of the World met",  # a fourth form: not searched
        "the World Internet Conference, the World Internet Conference",
        "世界互联网大会在乌镇举行",
    ]
    index = search.build(
        [entry(f"texts/d{i}.md", t) for i, t in enumerate(texts)], equivalents=entries_.entries
    )
    assert search._payload(index.file("search/glossary.js"))[0] == [
        [
            ["世界互联网大会"],
            ["World Internet Conference", "WIC", "Wuzhen Summit", "Internet Conference of the World"],
        ]
    ]
    key, postings, idfs = search._payload(index.file("search/g/0-en.js"))
    assert key == "0-en"
    _, listed = search.decode_term(postings)
    assert [d for d, _ in listed] == [0, 2, 5]
    level = dict(listed)
    assert level[5] > level[0]  # said twice
    # (the words of the forms that the index holds: no text here says "Wuzhen Summit")
    assert set(idfs) == {"world", "internet", "conference", "wic"}
    assert idfs["wic"] == search.idf_header(search._payload(index.file("search/t/0.js"))[1]["wic"])[0]
    _, listed_zh = search.decode_term(search._payload(index.file("search/g/0-zh.js"))[1])
    assert [d for d, _ in listed_zh] == [6]
