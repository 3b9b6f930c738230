"""The reader in real Chromium (Debian's, through Playwright) at 1280x800 and 390x844: layout,
the language switch and its memory, permalinks, sentence links by mouse and keyboard, peeking,
citations, problem reports, print and the page without JavaScript."""

from __future__ import annotations

import dataclasses
import urllib.parse
from pathlib import Path

import pytest

from .conftest import TEST_REPO

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
STORE = "duizhao.view"


def pages_of(site: Path, kind: str) -> list[str]:
    """Slugs of the built document pages of one kind ("dz-bilingual" or "dz-monolingual")."""
    out = []
    for page in sorted((site / "texts").glob("*/index.html")):
        if f'class="dz-doc {kind}"' in page.read_text(encoding="utf-8"):
            out.append(page.parent.name)
    return out


@pytest.fixture(scope="module")
def bilingual(reader_site) -> list[str]:
    slugs = pages_of(reader_site.site, "dz-bilingual")
    assert len(slugs) >= 2, "the reader tests need two bilingual pages"
    return slugs


@pytest.fixture(scope="module")
def monolingual(reader_site) -> list[str]:
    slugs = pages_of(reader_site.site, "dz-monolingual")
    assert slugs
    return slugs


def longest(reader_site, slugs: list[str]) -> str:
    """The bilingual page with the most pairs (the one worth scrolling in)."""
    return max(slugs, key=lambda s: reader_site.doc(s).count('class="dz-pair"'))


@pytest.fixture()
def context(browser):
    ctx = browser.new_context(viewport=DESKTOP)
    yield ctx
    ctx.close()


def open_page(ctx, url: str):
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.errors = errors  # type: ignore[attr-defined]
    return page


def cell_boxes(page) -> list[dict]:
    return page.eval_on_selector_all(
        ".dz-pair",
        """pairs => pairs.map(p => {
            const box = e => { if (!e || !e.getClientRects().length) return null;
                               const r = e.getBoundingClientRect();
                               return {x: r.x, y: r.y, w: r.width, h: r.height, bottom: r.bottom}; };
            const pr = p.getBoundingClientRect();
            return {id: p.id, pair: {y: pr.y, h: pr.height},
                    zh: box(p.querySelector('.dz-cell.dz-zh')), en: box(p.querySelector('.dz-cell.dz-en'))}; })""",
    )


def first_line_top(page, selector: str) -> float:
    """Top of the first line of text in an element (a Range over its first text node)."""
    return page.eval_on_selector(
        selector,
        """e => { const w = document.createTreeWalker(e, NodeFilter.SHOW_TEXT,
                      {acceptNode: n => n.textContent.trim() ? 1 : 3});
                  const n = w.nextNode(); const r = document.createRange();
                  r.setStart(n, 0); r.setEnd(n, 1); return r.getClientRects()[0].top; }""",
    )


# ---- Layout -------------------------------------------------------------------------------------


def test_desktop_pairs_are_rows_with_tops_aligned(browser, reader_url, reader_site, bilingual, shots) -> None:
    ctx = browser.new_context(viewport=DESKTOP)
    for slug in bilingual:
        page = open_page(ctx, f"{reader_url}texts/{slug}/")
        rows = cell_boxes(page)
        assert rows
        for row in rows:
            zh, en = row["zh"], row["en"]
            assert zh and en, row["id"]
            assert zh["x"] + zh["w"] <= en["x"], "zh on the left, en on the right, no overlap"
            assert abs(zh["y"] - en["y"]) <= 2, f"{slug} {row['id']}: cell tops {zh['y']} vs {en['y']}"
            # the row is as tall as its longer side
            assert row["pair"]["h"] >= max(zh["h"], en["h"])
            assert min(zh["w"], en["w"]) > 380, "both columns get a readable width"
        # first lines of text, not only the boxes, start at the same height
        for pair in page.query_selector_all(".dz-pair:not(:has(.dz-empty))"):
            pid = pair.get_attribute("id")
            zh_top = first_line_top(page, f"#{pid} .dz-zh")
            en_top = first_line_top(page, f"#{pid} .dz-en")
            assert abs(zh_top - en_top) <= 6, f"{slug} {pid}: first lines {zh_top} vs {en_top}"
        assert not page.errors, page.errors  # type: ignore[attr-defined]
        page.screenshot(path=str(shots / f"desktop-{slug}.png"), full_page=True)
        page.close()
    ctx.close()


def test_phone_pairs_stack_zh_then_en(browser, reader_url, bilingual, shots) -> None:
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    for slug in bilingual:
        page = open_page(ctx, f"{reader_url}texts/{slug}/")
        for row in cell_boxes(page):
            zh, en = row["zh"], row["en"]
            assert zh["bottom"] <= en["y"] + 1, f"{slug} {row['id']}: zh above en"
            assert abs(zh["x"] - en["x"]) <= 1 and en["w"] <= PHONE["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scroll"
        page.screenshot(path=str(shots / f"phone-{slug}.png"), full_page=True)
        page.close()
    ctx.close()


def test_one_language_page_is_one_readable_column(browser, reader_url, monolingual) -> None:
    ctx = browser.new_context(viewport=DESKTOP)
    page = open_page(ctx, f"{reader_url}texts/{monolingual[0]}/")
    assert "No translation is available yet" in page.inner_text(".dz-notice")
    assert page.query_selector(".dz-toolbar") is None  # nothing to switch
    widths = page.eval_on_selector_all(".dz-cell", "cs => cs.map(c => c.getBoundingClientRect().width)")
    # the page's width, up to a long but readable measure (44 em, about 90 Latin characters):
    # neither the full 1280 px nor a strip in the left half (issue 21; test_reading.py checks
    # that it is centred)
    assert all(600 <= w <= 720 for w in widths), widths
    ctx.close()


# ---- The language switch ----------------------------------------------------------------------


def visible_cells(page, lang: str) -> int:
    return page.eval_on_selector_all(
        f".dz-cell.dz-{lang}:not(.dz-empty)", "cs => cs.filter(c => c.getClientRects().length).length"
    )


def test_switch_shows_one_language_and_remembers_it_across_pages(browser, reader_url, bilingual) -> None:
    ctx = browser.new_context(viewport=DESKTOP)
    first, second = bilingual[0], bilingual[1]
    page = open_page(ctx, f"{reader_url}texts/{first}/")
    assert page.is_visible(".dz-toolbar")
    assert page.get_attribute(".dz-views [data-view=both]", "aria-pressed") == "true"
    total_en = visible_cells(page, "en")

    page.click(".dz-views [data-view=en]")
    assert visible_cells(page, "zh") == 0 and visible_cells(page, "en") == total_en
    assert page.get_attribute(".dz-views [data-view=en]", "aria-pressed") == "true"
    assert page.evaluate(f"localStorage.getItem('{STORE}')") == "en"

    # another document, and the home page in between: the choice holds
    page.goto(reader_url)
    page.goto(f"{reader_url}texts/{second}/")
    assert page.get_attribute(".dz-views [data-view=en]", "aria-pressed") == "true"
    assert visible_cells(page, "zh") == 0 and visible_cells(page, "en") > 0

    # the original is one click away wherever one has scrolled to: the switch stays on screen
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    box = page.eval_on_selector(".dz-toolbar", "e => e.getBoundingClientRect().toJSON()")
    assert 0 <= box["y"] <= 60
    page.click(".dz-views [data-view=zh]")
    assert visible_cells(page, "en") == 0 and visible_cells(page, "zh") > 0
    page.click(".dz-views [data-view=both]")
    assert visible_cells(page, "zh") > 0 and visible_cells(page, "en") > 0
    page.reload()
    assert page.get_attribute(".dz-views [data-view=both]", "aria-pressed") == "true"
    ctx.close()


def test_switch_keeps_the_reading_place(browser, reader_url, reader_site, bilingual) -> None:
    slug = longest(reader_site, bilingual)
    ctx = browser.new_context(viewport=DESKTOP)
    page = open_page(ctx, f"{reader_url}texts/{slug}/")
    ids = page.eval_on_selector_all(".dz-pair", "ps => ps.map(p => p.id)")
    target = ids[1]
    page.click(f"#{target} .dz-permalink")
    before = page.eval_on_selector(f"#{target}", "e => e.getBoundingClientRect().top")
    assert page.evaluate("scrollY < document.documentElement.scrollHeight - innerHeight - 100")
    page.click(".dz-views [data-view=zh]")
    after = page.eval_on_selector(f"#{target}", "e => e.getBoundingClientRect().top")
    assert abs(after - before) <= 2
    ctx.close()


def test_a_paragraph_without_counterpart_is_never_dropped(
    browser, reader_url, reader_site, bilingual
) -> None:
    # tests/data/reader/statement-with-domestic-note.txt has a zh paragraph with no English
    slug = next((s for s in bilingual if "dz-empty" in reader_site.doc(s)), None)
    assert slug is not None, "no bilingual test page has a paragraph without counterpart"
    ctx = browser.new_context(viewport=DESKTOP)
    page = open_page(ctx, f"{reader_url}texts/{slug}/")
    count = page.eval_on_selector_all(".dz-pair", "ps => ps.length")
    for view in ("zh", "en", "both"):
        page.click(f".dz-views [data-view={view}]")
        shown = page.eval_on_selector_all(
            ".dz-pair",
            "ps => ps.filter(p => [...p.querySelectorAll('.dz-cell:not(.dz-empty)')].some(c => c.getClientRects().length)).length",
        )
        assert shown == count, view
    ctx.close()


# ---- Permalinks ----------------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_permalink_scrolls_to_its_pair_below_the_sticky_bars(
    browser, reader_url, reader_site, bilingual, viewport
) -> None:
    slug = longest(reader_site, bilingual)
    ctx = browser.new_context(viewport=viewport)
    page = open_page(ctx, f"{reader_url}texts/{slug}/")
    ids = page.eval_on_selector_all(".dz-pair", "ps => ps.map(p => p.id)")
    target = ids[len(ids) // 2]
    page.click(f"#{target} .dz-permalink")
    assert page.evaluate("location.hash") == f"#{target}"

    def placed() -> None:
        top = page.eval_on_selector(f"#{target}", "e => e.getBoundingClientRect().top")
        bars = page.eval_on_selector(".dz-toolbar", "e => e.getBoundingClientRect().bottom")
        at_end = page.evaluate(
            "Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight - 1"
        )
        # just below the sticky header and switch; lower only when the page cannot scroll further
        assert bars - 1 <= top and (top <= bars + 24 or (at_end and top < viewport["height"])), (top, bars)

    placed()
    # a fresh visit to the address lands there too, and the pair is marked
    page2 = open_page(ctx, f"{reader_url}texts/{slug}/#{target}")
    page = page2
    placed()
    assert page.evaluate(f"document.querySelector('#{target}').matches(':target')")
    ctx.close()


def test_source_and_cleaning_link_opens_the_panel(browser, reader_url, bilingual) -> None:
    ctx = browser.new_context(viewport=DESKTOP)
    page = open_page(ctx, f"{reader_url}texts/{bilingual[0]}/")
    assert not page.eval_on_selector(".dz-audit", "d => d.open")
    page.click(".dz-links a[href='#source-and-cleaning']")
    assert page.eval_on_selector(".dz-audit", "d => d.open")
    assert page.is_visible(".dz-audit p")
    ctx.close()


# ---- Sentence links ------------------------------------------------------------------------------


def highlighted(page) -> dict:
    return page.evaluate(
        """() => ({zh: [...document.querySelectorAll('.dz-zh .dz-s.dz-hl')].map(s => s.closest('.dz-pair').id + ':' + s.dataset.s),
                 en: [...document.querySelectorAll('.dz-en .dz-s.dz-hl')].map(s => s.closest('.dz-pair').id + ':' + s.dataset.s)})"""
    )


def test_hover_highlights_the_counterpart(browser, reader_url, reader_site, bilingual) -> None:
    slug = longest(reader_site, bilingual)
    ctx = browser.new_context(viewport=DESKTOP)
    page = open_page(ctx, f"{reader_url}texts/{slug}/")
    pid = page.eval_on_selector_all(".dz-pair:not(:has(.dz-empty))", "ps => ps[1].id")
    page.hover(f"#{pid} .dz-zh .dz-s")
    hl = highlighted(page)
    link = page.eval_on_selector(f"#{pid} .dz-zh .dz-s", "s => s.dataset.link")
    partners = page.eval_on_selector_all(
        f'#{pid} .dz-en .dz-s[data-link="{link}"]', "ss => ss.map(s => s.dataset.s)"
    )
    # the zh sentence answers to its aligned en sentence(s) in its pair, nothing else
    assert hl["zh"] == [f"{pid}:0"]
    assert partners and sorted(hl["en"]) == sorted(f"{pid}:{i}" for i in partners)
    groups = page.eval_on_selector_all(
        f"#{pid} .dz-en .dz-s", "ss => new Set(ss.map(s => s.dataset.link)).size"
    )
    if groups == 1:
        # paragraph level: shown as one tinted block, not a run of sentence bubbles
        colour = page.eval_on_selector(f"#{pid} .dz-en", "c => getComputedStyle(c).backgroundColor")
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    page.hover(".dz-title")
    assert highlighted(page) == {"zh": [], "en": []}
    # and from the other side
    page.hover(f"#{pid} .dz-en .dz-s")
    assert highlighted(page)["zh"] and all(h.startswith(pid) for h in highlighted(page)["zh"])
    ctx.close()


def test_keyboard_reaches_sentences_and_jumps_to_the_counterpart(
    browser, reader_url, reader_site, bilingual
) -> None:
    slug = longest(reader_site, bilingual)
    ctx = browser.new_context(viewport=DESKTOP)
    page = open_page(ctx, f"{reader_url}texts/{slug}/")
    page.focus(".dz-views [data-view=en]")
    page.keyboard.press("Tab")
    active = (
        "() => { const a = document.activeElement; const p = a.closest('.dz-pair');"
        " return {cls: a.className, s: a.dataset.s, lang: a.closest('.dz-cell') ? a.closest('.dz-cell').lang : null,"
        " pair: p ? p.id : null}; }"
    )
    ids = page.eval_on_selector_all(".dz-pair", "ps => ps.map(p => p.id)")
    first = page.evaluate(active)
    assert "dz-s" in first["cls"] and first["lang"] == "zh-Hans" and first["pair"] == ids[0]
    assert highlighted(page)["en"], "focus highlights like hover"
    assert page.is_visible("#dz-keys"), "the keys are explained while the text has focus"

    # down: next sentence in the same language, across pairs
    seen = [first]
    for _ in range(3):
        page.keyboard.press("ArrowDown")
        seen.append(page.evaluate(active))
    assert all(s["lang"] == "zh-Hans" for s in seen)
    assert len({(s["pair"], s["s"]) for s in seen}) == 4
    assert ids.index(seen[-1]["pair"]) >= ids.index(first["pair"])
    here = seen[-1]

    # right: the counterpart in the English column of the same pair; left: back where we were
    page.keyboard.press("ArrowRight")
    there = page.evaluate(active)
    assert there["lang"] == "en" and there["pair"] == here["pair"]
    assert f"{here['pair']}:{here['s']}" in highlighted(page)["zh"]
    page.keyboard.press("ArrowLeft")
    assert page.evaluate(active) == here

    # one tab stop for the whole text: Tab leaves it for the glossary links of the sentence it is
    # on, if any, then the pair's actions, never the next sentence
    sentence = page.evaluate("document.activeElement.textContent")
    terms = page.evaluate("document.activeElement.querySelectorAll('a.dz-term').length")
    for _ in range(terms):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.matches('a.dz-term')")
        assert page.evaluate("document.activeElement.closest('.dz-s').textContent") == sentence
    page.keyboard.press("Tab")
    out = page.evaluate("() => document.activeElement.closest('.dz-actions') !== null")
    assert out
    ctx.close()


def test_sentence_level_links_highlight_only_their_counterparts(browser, tmp_path) -> None:
    """With sentence links from the aligner, a sentence lights only its own counterparts."""
    from duizhao import pipeline
    from duizhao.model import Link
    from duizhao.publish import layout, render
    from duizhao.vocab.rules import load_rules

    from .conftest import serve
    from .helpers import raw

    text = (
        "中国愿同各国加强合作。我们欢迎对话。这一句没有译文。\n\n"
        "China is ready to strengthen cooperation with all countries. We welcome dialogue.\n"
    )
    doc = pipeline.build_document(raw(text, "links.txt"), load_rules(), "links")
    bead = doc.beads[0]
    assert len(bead.zh_sentences) == 3 and len(bead.en_sentences) == 2
    linked = dataclasses.replace(bead, links=(Link((0,), (0,)), Link((1,), (1,))))
    doc.beads = (linked, *doc.beads[1:])
    body = render.document_page(doc, render.Settings()).markdown.split("---\n", 2)[2]
    for name, data in layout.static_files():
        (tmp_path / Path(name).name).write_bytes(data)
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="stylesheet" href="duizhao.css">'
        f'</head><body><article class="md-typeset">{body}</article><script src="duizhao.js"></script></body></html>',
        encoding="utf-8",
    )
    url, server = serve(tmp_path)
    try:
        page = browser.new_page(viewport=DESKTOP)
        page.goto(url)
        page.hover(".dz-zh .dz-s[data-s='1']")
        hl = highlighted(page)
        assert [h.split(":")[1] for h in hl["zh"]] == ["1"] and [h.split(":")[1] for h in hl["en"]] == ["1"]
        page.hover(".dz-zh .dz-s[data-s='2']")  # no counterpart: nothing lights on the other side
        assert highlighted(page)["en"] == []
        page.focus(".dz-zh .dz-s[data-s='0']")
        page.keyboard.press("ArrowRight")
        assert page.evaluate("document.activeElement.dataset.s") == "0"
        assert page.evaluate("document.activeElement.closest('.dz-cell').lang") == "en"
        page.close()
    finally:
        server.shutdown()


# ---- Peeking on a phone -----------------------------------------------------------------------


def test_phone_one_language_with_tap_to_peek_keeps_the_place(
    browser, reader_url, reader_site, bilingual, shots
) -> None:
    slug = longest(reader_site, bilingual)
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = open_page(ctx, f"{reader_url}texts/{slug}/")
    page.tap(".dz-views [data-view=zh]")
    assert visible_cells(page, "en") == 0
    pid = page.eval_on_selector_all(".dz-pair:not(:has(.dz-empty))", "ps => ps[ps.length - 2].id")
    page.eval_on_selector(f"#{pid}", "e => e.scrollIntoView({block: 'center'})")
    top = page.eval_on_selector(f"#{pid}", "e => e.getBoundingClientRect().top")
    page.tap(f"#{pid} .dz-zh")
    assert page.is_visible(f"#{pid} .dz-en"), "the tapped paragraph shows its English"
    assert visible_cells(page, "en") == 1, "and only that one"
    assert abs(page.eval_on_selector(f"#{pid}", "e => e.getBoundingClientRect().top") - top) <= 2
    zh, en = (
        page.eval_on_selector(f"#{pid} .dz-{x}", "e => e.getBoundingClientRect().toJSON()")
        for x in ("zh", "en")
    )
    assert en["y"] >= zh["y"] + zh["height"] - 1, "the counterpart opens below, in place"
    page.screenshot(path=str(shots / f"phone-peek-{slug}.png"))
    # the peek button says what it does and closes it again
    assert page.get_attribute(f"#{pid} .dz-peek-btn", "aria-pressed") == "true"
    page.tap(f"#{pid} .dz-peek-btn")
    assert not page.is_visible(f"#{pid} .dz-en")
    ctx.close()


# ---- Citation and problem reports -------------------------------------------------------------------


def test_copy_citation_names_titles_author_date_and_anchor(
    browser, reader_url, reader_site, bilingual
) -> None:
    slug = next(s for s in bilingual if 'data-author="' in reader_site.doc(s))
    html = reader_site.doc(slug)
    ctx = browser.new_context(viewport=DESKTOP)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"])
    page = open_page(ctx, f"{reader_url}texts/{slug}/")
    data = page.eval_on_selector(".dz-doc", "d => ({...d.dataset})")
    assert data["titleZh"] and data["titleEn"] and data["author"] and data["date"]
    canonical = page.get_attribute("link[rel=canonical]", "href")
    # the pair's cite button opens the citation dialog on that pair
    pid = page.eval_on_selector_all(".dz-pair", "ps => ps[2].id")
    page.hover(f"#{pid} .dz-cell")
    page.click(f"#{pid} .dz-cite-btn")
    cited = page.inner_text(".dz-cite-dialog [data-format=chicago] .dz-cite-text")
    for part in (data["titleZh"], data["titleEn"], data["author"], "¶3", f"{canonical}#{pid}"):
        assert part in cited, (part, cited)
    page.keyboard.press("Escape")
    assert not page.is_visible(".dz-cite-dialog")
    # the keyboard way: C on a focused sentence copies the pair's citation
    page.evaluate("navigator.clipboard.writeText('')")
    page.focus(".dz-views [data-view=en]")
    page.keyboard.press("Tab")
    page.keyboard.press("c")
    first = page.eval_on_selector(".dz-pair", "p => p.id")
    for _ in range(50):
        cited = page.evaluate("navigator.clipboard.readText()")
        if cited:
            break
        page.wait_for_timeout(50)
    assert cited.endswith(f"{canonical}#{first}.") and "¶1." in cited, "the public address, even read from a copy"
    assert page.inner_text(".dz-status") == "Citation copied"
    # the whole document's citation, from the header's dialog
    page.click(".dz-cite-doc")
    whole = page.inner_text(".dz-cite-dialog [data-format=chicago] .dz-cite-text")
    assert whole.endswith(f"{canonical}.") and "¶" not in whole and data["titleEn"] in whole
    assert "Report a problem" in html
    ctx.close()


def test_report_a_problem_prefills_an_issue_naming_page_and_paragraph(browser, reader_url, bilingual) -> None:
    ctx = browser.new_context(viewport=DESKTOP)
    page = open_page(ctx, f"{reader_url}texts/{bilingual[0]}/")
    pid = page.eval_on_selector_all(".dz-pair", "ps => ps[1].id")
    page.hover(f"#{pid} .dz-cell")
    href = page.get_attribute(f"#{pid} .dz-report", "href")
    url = urllib.parse.urlsplit(href)
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{TEST_REPO}/issues/new"
    query = urllib.parse.parse_qs(url.query)
    assert "paragraph 2" in query["title"][0]
    assert f"texts/{bilingual[0]}/#{pid}" in query["body"][0]
    assert "sources/" in query["body"][0]
    # the header's link works without the script
    header = page.get_attribute(".dz-links a[href*='/issues/new']", "href")
    assert f"texts/{bilingual[0]}/" in urllib.parse.unquote_plus(header)
    ctx.close()


# ---- Without JavaScript, in print, and with no font downloads ---------------------------------------


def test_without_javascript_both_languages_side_by_side(browser, reader_url, bilingual) -> None:
    ctx = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = ctx.new_page()
    page.goto(f"{reader_url}texts/{bilingual[0]}/")
    assert not page.is_visible(".dz-toolbar")
    for row in cell_boxes(page):
        assert row["zh"]["x"] + row["zh"]["w"] <= row["en"]["x"] and abs(row["zh"]["y"] - row["en"]["y"]) <= 2
    ctx.close()


def test_print_shows_both_columns_whatever_the_screen_showed(browser, reader_url, bilingual, shots) -> None:
    ctx = browser.new_context(viewport={"width": 794, "height": 1123})
    page = open_page(ctx, f"{reader_url}texts/{bilingual[0]}/")
    page.click(".dz-views [data-view=en]")
    page.emulate_media(media="print")
    assert not page.is_visible(".dz-toolbar")
    for row in cell_boxes(page):
        assert row["zh"] and row["en"], "both languages print"
        assert row["zh"]["x"] + row["zh"]["w"] <= row["en"]["x"] and abs(row["zh"]["y"] - row["en"]["y"]) <= 2
    page.screenshot(path=str(shots / "print.png"), full_page=True)
    ctx.close()


def test_no_font_or_third_party_requests_for_the_reader(browser, reader_url, bilingual) -> None:
    ctx = browser.new_context(viewport=DESKTOP)
    requested: list[str] = []
    ctx.on("request", lambda r: requested.append(r.url))
    page = open_page(ctx, f"{reader_url}texts/{bilingual[0]}/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "font" in u.lower()], requested
    fonts = page.evaluate("[...document.fonts].map(f => f.family)")
    assert fonts == [], "no web fonts: system stacks only"
    ctx.close()
