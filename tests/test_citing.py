"""Copying and citing in real Chromium: each copy action puts exactly the source's text on the
clipboard (computed here from the pipeline's own paragraphs, not from the page), a drag inside one
column copies that column only, the citation dialog's formats for seed 001 match references
written by hand from each style guide, BibTeX and RIS parse, and a sentence's anchor scrolls to it
and marks it."""

from __future__ import annotations

import datetime
import json
from functools import cache
from pathlib import Path

import pytest

from duizhao import pipeline

from .conftest import TEST_SITE, seed
from .test_reader import DESKTOP, PHONE, pages_of

pytestmark = pytest.mark.browser

# The clock the browser is given, so the access date is known.
ACCESSED = datetime.datetime(2024, 5, 1, 12, 0, 0)
SEED_001 = seed("001").stem.lower()
URL_001 = f"{TEST_SITE}texts/{SEED_001}/"

# Seed 001 (蔡名照's speech, Chinese only, no source URL, no publisher: its dateline "2013年11月5日
# 斯坦福大学" names the place), cited on 1 May 2024, written by hand:
REFERENCES = {
    # The Chicago Manual of Style, 17th ed., 14.206 (web content) and 14.217 (speeches): Author.
    # "Title." Venue. Publisher, Month Day, Year. Accessed Month Day, Year. URL.
    "chicago": (
        "蔡名照. “共同维护网络空间安全.” 第四届全球网络空间合作峰会. November 5, 2013. "
        "Chinese original text. Source URL unknown. Accessed May 1, 2024. " + URL_001 + "."
    ),
    # APA Publication Manual, 7th ed., 10.16 (webpage): Author. (Year, Month Day). Title (italics).
    # Site name. Retrieved Month Day, Year, from URL (no final period after a URL).
    "apa": (
        "蔡名照. (2013, November 5). 共同维护网络空间安全. 第四届全球网络空间合作峰会. "
        "Chinese original text. Source URL unknown. Retrieved May 1, 2024, from " + URL_001
    ),
    # GB/T 7714-2015, 4.8 and 8.8 (electronic resources): 主要责任者. 题名[EB/OL]. 出版者,
    # (发表日期)[引用日期]. 获取和访问路径.
    "gbt": (
        "蔡名照. 共同维护网络空间安全[EB/OL]. (2013-11-05)[2024-05-01]. "
        + URL_001
        + ". 中文原文。原始网址不详。"
    ),
}


@cache
def paragraphs(sources: Path) -> dict[str, dict[str, dict[str, str]]]:
    """slug -> pair anchor -> {"zh": text, "en": text}: the pipeline's own paragraphs, a blank line
    between two of one side (what a copy of that side must give)."""
    corpus = pipeline.build_corpus(sources, workers=1)
    out: dict[str, dict[str, dict[str, str]]] = {}
    for doc in pipeline.published(corpus):
        out[doc.slug] = {
            b.anchor: {lang: "\n\n".join(p.text for p in getattr(b, lang)) for lang in ("zh", "en")}
            for b in doc.beads
        }
    return out


@pytest.fixture(scope="module")
def texts(reader_site):
    return paragraphs(reader_site.root / "sources")


@pytest.fixture()
def ctx(browser):
    c = browser.new_context(viewport=DESKTOP)
    c.grant_permissions(["clipboard-read", "clipboard-write"])
    yield c
    c.close()


def open_page(ctx, url: str):
    page = ctx.new_page()
    page.clock.set_fixed_time(ACCESSED)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.errors = errors  # type: ignore[attr-defined]
    return page


def clipboard_after(page, action) -> str:
    """What the clipboard holds once `action` has run and the page said so."""
    page.evaluate("navigator.clipboard.writeText('')")
    page.evaluate("document.querySelector('.dz-status') && (document.querySelector('.dz-status').textContent = '')")
    action()
    page.wait_for_function("document.querySelector('.dz-status') && document.querySelector('.dz-status').textContent")
    return page.evaluate("navigator.clipboard.readText()")


def bilingual_slug(reader_site, texts) -> str:
    """A bilingual page with at least four pairs, all with both sides."""
    for slug in pages_of(reader_site.site, "dz-bilingual"):
        pairs = texts[slug]
        if len(pairs) >= 4 and all(p["zh"] and p["en"] for p in list(pairs.values())[:4]):
            return slug
    raise AssertionError("no bilingual page with four full pairs")


def test_each_copy_action_gives_exactly_the_text(ctx, reader_site, reader_url, texts) -> None:
    slug = bilingual_slug(reader_site, texts)
    page = open_page(ctx, f"{reader_url}texts/{slug}/")
    anchors = page.eval_on_selector_all(".dz-pair", "ps => ps.map(p => p.id)")
    assert anchors == list(texts[slug]), "the page shows the pipeline's pairs, in order"
    pid = anchors[1]
    want = texts[slug][pid]
    page.hover(f"#{pid} .dz-cell")
    for what, expected in (("zh", want["zh"]), ("en", want["en"])):
        def act(what=what) -> None:
            page.click(f"#{pid} .dz-copy-btn")
            page.click(f"#{pid} .dz-copy-menu [data-copy={what}]")

        assert clipboard_after(page, act) == expected, what

    def cited() -> None:
        page.click(f"#{pid} .dz-copy-btn")
        page.click(f"#{pid} .dz-copy-menu [data-copy=cited]")

    got = clipboard_after(page, cited)
    body, _, citation = got.partition("\n\n— ")
    assert body == want["zh"] + "\n\n" + want["en"]
    assert citation.endswith(f"#{pid}.") and "¶2." in citation and "Accessed May 1, 2024." in citation
    # The whole text, from the header: each language, then both pair by pair with the citation.
    for what in ("zh", "en"):
        whole = clipboard_after(page, lambda what=what: page.click(f".dz-copy-doc[data-copy={what}]"))
        assert whole == "\n\n".join(p[what] for p in texts[slug].values() if p[what]), what
    both = clipboard_after(page, lambda: page.click(".dz-copy-doc[data-copy=cited]"))
    expected = "\n\n".join(
        "\n\n".join(t for t in (p["zh"], p["en"]) if t) for p in texts[slug].values()
    )
    assert both.startswith(expected + "\n\n— ") and "¶" not in both.rpartition("\n\n— ")[2]
    assert not page.errors, page.errors


# A phone's width, tall enough to hold both ends of a drag over two stacked pairs on screen.
TALL_PHONE = {"width": PHONE["width"], "height": 1600}


@pytest.mark.parametrize("viewport", [DESKTOP, TALL_PHONE], ids=["desktop", "phone"])
def test_a_drag_inside_one_column_copies_that_column_only(browser, reader_site, reader_url, texts, viewport) -> None:
    slug = bilingual_slug(reader_site, texts)
    c = browser.new_context(viewport=viewport)
    c.grant_permissions(["clipboard-read", "clipboard-write"])
    page = open_page(c, f"{reader_url}texts/{slug}/")
    anchors = list(texts[slug])
    for lang in ("zh", "en"):
        first, last = anchors[1], anchors[2]
        page.eval_on_selector(f"#{first}", "p => p.scrollIntoView()")
        start = page.eval_on_selector(
            f"#{first} .dz-cell.dz-{lang} .dz-s",
            """s => { const r = document.createRange(); r.setStart(s.firstChild, 0); r.setEnd(s.firstChild, 1);
                      const b = r.getClientRects()[0]; return [b.left + 1, b.top + b.height / 2]; }""",
        )
        end = page.eval_on_selector_all(
            f"#{last} .dz-cell.dz-{lang} .dz-s",
            """ss => { const s = ss[ss.length - 1]; const t = s.lastChild.nodeType === 3 ? s.lastChild : s.lastChild.lastChild;
                       const r = document.createRange(); r.setStart(t, t.length - 1); r.setEnd(t, t.length);
                       const b = r.getClientRects()[0]; return [b.right - 1, b.top + b.height / 2]; }""",
        )
        page.evaluate("() => window.getSelection().removeAllRanges()")
        page.evaluate("navigator.clipboard.writeText('')")
        page.mouse.move(*start)
        page.mouse.down()
        page.mouse.move((start[0] + end[0]) / 2, (start[1] + end[1]) / 2, steps=5)
        page.mouse.move(*end, steps=5)
        page.mouse.up()
        page.evaluate("document.execCommand('copy')")
        got = page.evaluate("navigator.clipboard.readText()")
        assert got == texts[slug][first][lang] + "\n\n" + texts[slug][last][lang], (lang, got)
    c.close()


def citation_texts(page) -> dict[str, str]:
    return {
        f: page.inner_text(f".dz-cite-dialog [data-format={f}] .dz-cite-text") for f in ("chicago", "apa", "gbt")
    }


def test_each_format_for_seed_001_matches_the_reference(ctx, reader_url, tmp_path) -> None:
    page = open_page(ctx, f"{reader_url}texts/{SEED_001}/")
    page.click(".dz-cite-doc")
    assert page.is_visible(".dz-cite-dialog")
    assert citation_texts(page) == REFERENCES
    assert page.eval_on_selector(".dz-cite-dialog [data-format=apa] .dz-cite-text i", "i => i.textContent") == "共同维护网络空间安全"
    assert "source URL unknown" in page.inner_text(".dz-cite-link")
    # "Copy" puts the shown text on the clipboard.
    got = clipboard_after(page, lambda: page.click(".dz-cite-dialog [data-format=gbt] .dz-cite-copy"))
    assert got == REFERENCES["gbt"]
    files = {}
    for fmt in ("bibtex", "ris", "csl"):
        with page.expect_download() as download:
            page.click(f".dz-cite-file[data-format={fmt}]")
        target = tmp_path / download.value.suggested_filename
        download.value.save_as(target)
        files[fmt] = target.read_text(encoding="utf-8")
    assert not page.errors, page.errors

    import bibtexparser
    import rispy

    note = "Chinese original text. Source URL unknown. Venue: 第四届全球网络空间合作峰会."
    library = bibtexparser.parse_string(files["bibtex"])
    assert not library.failed_blocks and len(library.entries) == 1
    entry = library.entries[0]
    assert entry.entry_type == "misc" and entry.key == SEED_001
    assert {f.key: f.value for f in entry.fields} == {
        "title": "共同维护网络空间安全",
        "author": "{蔡名照}",  # braced: a name written as it stands, not split into first and last
        "year": "2013",
        "date": "2013-11-05",
        "url": URL_001,
        "urldate": "2024-05-01",
        "note": note,
    }
    (record,) = rispy.loads(files["ris"])
    assert record == {
        "type_of_reference": "ELEC",
        "authors": ["蔡名照"],
        "title": "共同维护网络空间安全",
        "year": "2013",
        "date": "2013/11/05/",
        "language": "zh",
        "urls": [URL_001],
        "access_date": "2024/05/01/",
        "notes": [note],
    }
    assert json.loads(files["csl"]) == [
        {
            "id": SEED_001,
            "type": "webpage",
            "title": "共同维护网络空间安全",
            "author": [{"literal": "蔡名照"}],
            "issued": {"date-parts": [[2013, 11, 5]]},
                "event-title": "第四届全球网络空间合作峰会",
            "language": "zh-Hans",
            "URL": URL_001,
            "accessed": {"date-parts": [[2024, 5, 1]]},
            "note": note,
        }
    ]


def test_a_range_of_paragraphs_and_a_sentence_are_cited_with_their_anchors(ctx, reader_url) -> None:
    page = open_page(ctx, f"{reader_url}texts/{SEED_001}/")
    anchors = page.eval_on_selector_all(".dz-pair", "ps => ps.map(p => p.id)")
    page.hover(f"#{anchors[1]} .dz-cell")
    page.click(f"#{anchors[1]} .dz-cite-btn")
    page.fill(".dz-cite-to", "4")
    cited = citation_texts(page)
    assert cited["chicago"] == REFERENCES["chicago"].replace(
        "2013. Chinese", "2013. ¶2–¶4. Chinese"
    ).replace(URL_001 + ".", f"{URL_001}#{anchors[1]}.")
    assert cited["gbt"].endswith(f"{URL_001}#{anchors[1]}. ¶2–¶4. 中文原文。原始网址不详。")
    page.keyboard.press("Escape")
    # A tapped sentence is what the pair's cite button cites: its own anchor.
    page.click(f"#{anchors[2]} .dz-s >> nth=1")
    page.click(f"#{anchors[2]} .dz-cite-btn")
    chicago = page.inner_text(".dz-cite-dialog [data-format=chicago] .dz-cite-text")
    assert chicago.endswith(f"¶3, sentence 2. Chinese original text. Source URL unknown. Accessed May 1, 2024. {URL_001}#{anchors[2]}-s2.")
    page.keyboard.press("Escape")
    # That anchor, opened, scrolls to the sentence and marks it.
    page.goto("about:blank")
    page.goto(f"{reader_url}texts/{SEED_001}/#{anchors[2]}-s2")
    marked = page.eval_on_selector(
        ".dz-s.dz-target",
        "s => ({i: [...s.closest('.dz-pair').querySelectorAll('.dz-s')].indexOf(s), pair: s.closest('.dz-pair').id,"
        " top: s.getBoundingClientRect().top, bottom: s.getBoundingClientRect().bottom})",
    )
    assert marked["i"] == 1 and marked["pair"] == anchors[2]
    assert 0 < marked["top"] and marked["bottom"] < DESKTOP["height"]
    assert page.eval_on_selector_all(".dz-s.dz-target", "ss => ss.length") == 1
    assert not page.errors, page.errors


def test_a_machine_translation_says_so_and_is_not_given_its_originals_publisher(ctx, reader_url) -> None:
    slug = seed("003").stem.lower()  # an English machine translation of an article it names
    page = open_page(ctx, f"{reader_url}texts/{slug}/")
    page.click(".dz-cite-doc")
    cited = citation_texts(page)
    for style, text in cited.items():
        assert "Huffington Post" not in text.split("Machine translation")[0].split("机器翻译")[0], style
    assert "Machine translation suspected (unreviewed), of the text published in Huffington Post, May 11, 2016" in cited["chicago"]
    assert "疑似机器翻译(未经审校),原文载于Huffington Post, 2016-05-11。" in cited["gbt"]
    assert page.inner_text(".dz-cite-prov").startswith("Version: Machine translation suspected")


def test_derived_fields_never_enter_a_citation(ctx, reader_url) -> None:
    """Seed 000's titles are its first sentences (derived): no format carries them."""
    slug = seed("000").stem.lower()
    page = open_page(ctx, f"{reader_url}texts/{slug}/")
    derived = page.inner_text(".dz-title")
    page.click(".dz-cite-doc")
    cited = citation_texts(page)
    for text in cited.values():
        assert "第三,中国" not in text and "On cyber security" not in text
    assert cited["chicago"].startswith("[Untitled text].") and "第三" in derived
