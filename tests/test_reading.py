"""Reading, second part of issue 21: the provenance mark wherever a text is listed (with its
evidence one tap away), a skip link, glossary links in the text reachable by keyboard, term marks
that can be turned off, reader settings remembered (text size, line spacing, column order,
colours), one-language pages that use the width, the timeline on a phone, and an offline zip
that carries only what its pages use."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from duizhao.model import Field
from duizhao.publish import bundle as bundling
from duizhao.publish import provenance, sanitize

from .test_a11y import axe
from .test_reader import DESKTOP, PHONE, pages_of

SLUG = re.compile(r"(?:^|/)([0-9a-z_-]+)/(?:index\.html)?$")


# ---- The mark itself (no build) ------------------------------------------------------------------


def test_a_mark_names_the_status_and_how_it_was_found() -> None:
    f = Field("machine-suspected", origin="derived", evidence='dates written "May 11th" <b>')
    html = provenance.mark(f)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.summary.get_text() == "machine translation suspected"
    why = soup.select_one(".dz-prov-why").get_text()
    # a rule's guess says so; the evidence is text, never markup
    assert why.startswith("inferred by a rule;") and '"May 11th" <b>' in why
    assert soup.find("b") is None
    given = BeautifulSoup(provenance.mark(Field("human", origin="given")), "html.parser")
    assert given.summary.get_text() == "human translation"
    assert given.select_one(".dz-prov-why").get_text() == "stated by an editor"
    assert provenance.mark(None) == ""
    long = provenance.mark(Field("machine-suspected", origin="derived", evidence="calque: word " * 40))
    why = BeautifulSoup(long, "html.parser").select_one(".dz-prov-why").get_text()
    assert len(why) < 250 and why.endswith("… (in full on its page)") and "calque: word" in why
    # In Markdown every ASCII mark of the evidence is an entity: no Markdown can form from it.
    md = provenance.mark(Field("unknown", evidence="*a* [b](c) | d"), markdown=True)
    assert "*" not in md.split("<summary>")[1] and "|" not in md and "[" not in md
    # The allow-list keeps the mark as it is, in a document block and on a listing page alike.
    def same(a: str, b: str) -> bool:  # the same elements, attributes and text (entities aside)
        return str(BeautifulSoup(a, "html.parser")) == str(BeautifulSoup(b, "html.parser"))

    assert same(sanitize.clean(html), html) and same(sanitize.clean_page(md), md)


def test_the_bundle_leaves_out_media_no_page_names(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "assets" / "shots").mkdir(parents=True)
    (site / "index.html").write_text('<img src="assets/used%20one.png"><link href="x.css" rel="stylesheet">')
    (site / "x.css").write_text("a { background: url(bg.svg) }")
    for name in ("used one.png", "bg.svg", "shots/readme-only.png", "shots/big.jpg"):
        (site / "assets" / name).write_bytes(b"\x89PNG" + bytes(2000))
    (site / "bg.svg").write_text("<svg/>")
    rels = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert bundling.unused_media(site, rels) == {"assets/shots/readme-only.png", "assets/shots/big.jpg"}
    out = tmp_path / "out.zip"
    bundling.write_zip(site, out, "s", 0)
    names = set(zipfile.ZipFile(out).namelist())
    assert "s/assets/used one.png" in names and "s/bg.svg" in names and "s/assets/bg.svg" in names
    assert not any("shots" in n for n in names)


# ---- The mark on every list of the built site ------------------------------------------------------


def _statuses(site: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Each document's status, evidence and counterpart as its own page's header gives them."""
    status, evidence, counterpart = {}, {}, {}
    for page in sorted((site / "texts").glob("*/index.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        badge = soup.select_one(".dz-header .dz-badge")
        if badge is None:
            continue
        slug = page.parent.name
        status[slug] = next(c for c in badge["class"] if c.startswith("dz-badge-")).removeprefix("dz-badge-")
        why = soup.select_one(".dz-header .dz-why > span")
        evidence[slug] = why.get_text() if why else ""
        cp = soup.select_one(".dz-header .dz-counterpart a")
        if cp is not None:
            counterpart[slug] = SLUG.search(cp["href"]).group(1)
    return status, evidence, counterpart


def _marks(page: Path, known: set[str]) -> list[tuple[str, str, str]]:
    """(document slug, status, evidence) of every mark on a page: a mark belongs to the document
    link before it (a list row, a table row, an occurrence heading)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    out = []
    for mark in soup.select("details.dz-prov"):
        link = mark.find_previous("a", href=lambda h: bool(h) and "#" not in h and SLUG.search(h))
        slug = SLUG.search(link["href"]).group(1) if link is not None else ""
        assert slug in known, (page, str(mark)[:200])
        value = next(c for c in mark["class"] if c.startswith("dz-prov-")).removeprefix("dz-prov-")
        out.append((slug, value, mark.select_one(".dz-prov-why").get_text()))
    return out


def test_every_listed_text_carries_its_provenance(reader_site) -> None:
    site = reader_site.site
    status, evidence, counterpart = _statuses(site)
    assert "machine-suspected" in status.values(), "the seeds hold a suspected machine translation"
    pages = {
        "documents": [site / "texts" / "index.html"],
        "home": [site / "index.html"],
        "timeline": sorted((site / "timeline").rglob("index.html")),
        "glossary terms": sorted(p for p in (site / "glossary").glob("*/index.html")),
        "speakers": sorted((site / "people").rglob("index.html")),
        "publishers": sorted((site / "publishers").rglob("index.html")),
        "tags": sorted((site / "tags").rglob("index.html")),
        "related documents": [site / "texts" / s / "index.html" for s in status],
    }
    seen: dict[str, set[str]] = {}
    for kind, paths in pages.items():
        for path in paths:
            for slug, value, why in _marks(path, set(status)):
                # the document's own status or, for a work in two sources, its other source's
                allowed = {status[slug]} | ({status[counterpart[slug]]} if slug in counterpart else set())
                assert value in allowed, (kind, path, slug, value, allowed)
                if value == status[slug] and evidence[slug]:
                    # the evidence, or (a long one) its beginning and a pointer to the page
                    given = why.split("; ", 1)[1]
                    assert given == evidence[slug] or (
                        given.endswith("… (in full on its page)")
                        and evidence[slug].startswith(given.removesuffix("… (in full on its page)"))
                    ), (kind, path, slug, given)
                seen.setdefault(kind, set()).add(value)
    assert set(seen) == set(pages), f"no mark on: {set(pages) - set(seen)}"
    # The list every document is on shows each once with its status.
    listed = _marks(site / "texts" / "index.html", set(status))
    assert {s for s, _, _ in listed} >= {s for s in status if s not in counterpart or s < counterpart[s]}
    # A translator harvesting renderings from term pages sees which texts are suspected MT.
    assert "machine-suspected" in seen["glossary terms"] and "machine-suspected" in seen["timeline"]


# ---- In the browser ---------------------------------------------------------------------------------


@pytest.mark.browser
def test_the_evidence_is_one_tap_away(browser, reader_site, reader_url) -> None:
    ctx = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = ctx.new_page()
    page.goto(reader_url + "texts/")
    mark = page.locator("details.dz-prov-machine-suspected").first
    assert not mark.locator(".dz-prov-why").is_visible()
    mark.locator("summary").tap()
    why = mark.locator(".dz-prov-why")
    assert why.is_visible() and "inferred by a rule" in why.inner_text()
    ctx.close()
    # and by keyboard: the summary is a tab stop; Enter opens it
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    page.goto(reader_url + "timeline/")
    page.focus("details.dz-prov summary")
    page.keyboard.press("Enter")
    assert page.is_visible("details.dz-prov[open] .dz-prov-why")
    ctx.close()


def _tab_until(page, selector: str, most: int = 40) -> bool:
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return True
    return False


@pytest.mark.browser
def test_a_skip_link_leads_every_page_and_reaches_the_text(browser, reader_site, reader_url) -> None:
    from .test_privacy import page_kinds

    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    for name, path in page_kinds(reader_site.site).items():
        if path == "404.html":
            # Its links are root-relative to the published address (site_url), which the local
            # test server does not serve: it gets no script and no style here.
            continue
        page.goto(reader_url + path)
        page.keyboard.press("Tab")
        first = page.evaluate("document.activeElement.className + ' ' + document.activeElement.textContent")
        assert "md-skip" in first and "Skip" in first, (name, first)
    slug = pages_of(reader_site.site, "dz-bilingual")[0]
    page.goto(f"{reader_url}texts/{slug}/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.matches('#dz-text .dz-s')"), "Enter lands in the text"
    ctx.close()


def _sentence_with_term(page) -> None:
    """Focus the text's tab stop, then move down sentence by sentence to one holding a term link."""
    page.focus("#dz-text .dz-s[tabindex='0']")
    for _ in range(200):
        if page.evaluate("!!document.activeElement.querySelector('a.dz-term')"):
            return
        page.keyboard.press("ArrowDown")
    pytest.fail("no sentence with a glossary link")


@pytest.mark.browser
def test_term_links_in_the_text_are_reached_by_keyboard_and_can_be_turned_off(
    browser, reader_site, reader_url
) -> None:
    slug = pages_of(reader_site.site, "dz-bilingual")[0]
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    page.goto(f"{reader_url}texts/{slug}/")
    _sentence_with_term(page)
    sentence = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('a.dz-term')")
    assert page.evaluate("document.activeElement.closest('.dz-s').textContent") == sentence
    term = page.evaluate("document.activeElement.getAttribute('href')")
    # only the sentence holding the tab stop offers its links: the rest of the text stays one stop
    stops = page.eval_on_selector_all("a.dz-term[tabindex='0']", "as => as.map(a => a.closest('.dz-s').textContent)")
    assert set(stops) == {sentence}
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/glossary/"))
    assert page.url.rstrip("/").endswith(term.rstrip("/").split("/")[-1])

    # Turned off in the reader settings: no underline, no link colour, no tab stop; remembered.
    page.goto(f"{reader_url}texts/{slug}/")
    page.click(".dz-settings-btn")
    page.check("input[name=dz-setting-terms][value=off]")
    page.keyboard.press("Escape")
    page.reload()
    style = page.eval_on_selector(
        "a.dz-term",
        "a => { const s = getComputedStyle(a), p = getComputedStyle(a.closest('.dz-s'));"
        " return [s.textDecorationLine, s.color === p.color, s.borderBottomStyle, s.pointerEvents]; }",
    )
    assert style[0] == "none" and style[1] and style[2] == "none" and style[3] == "none", style
    _sentence_with_term(page)
    page.keyboard.press("Tab")
    assert not page.evaluate("document.activeElement.matches('a.dz-term')")
    ctx.close()


@pytest.mark.browser
def test_reader_settings_apply_and_are_remembered(browser, reader_site, reader_url) -> None:
    slug = pages_of(reader_site.site, "dz-bilingual")[0]
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    url = f"{reader_url}texts/{slug}/"
    page.goto(url)

    def measure() -> dict:
        return page.evaluate(
            """() => { const p = [...document.querySelectorAll('.dz-pair')].find(p => p.querySelector('.dz-zh .dz-s') && p.querySelector('.dz-en .dz-s'));
                 const zh = p.querySelector('.dz-zh'), en = p.querySelector('.dz-en');
                 return {size: parseFloat(getComputedStyle(en).fontSize),
                         lead: parseFloat(getComputedStyle(en).lineHeight) / parseFloat(getComputedStyle(en).fontSize),
                         zhX: zh.getBoundingClientRect().left, enX: en.getBoundingClientRect().left,
                         bg: getComputedStyle(document.body).backgroundColor,
                         scheme: document.body.getAttribute('data-md-color-scheme')}; }"""
        )

    before = measure()
    assert before["zhX"] < before["enX"] and before["scheme"] == "default"
    page.click(".dz-settings-btn")
    assert page.get_attribute(".dz-settings-btn", "aria-expanded") == "true"
    violations = axe(page)  # the open panel
    for name, value in (("size", "130"), ("leading", "loose"), ("order", "en"), ("scheme", "dark")):
        page.check(f"input[name=dz-setting-{name}][value='{value}']")
    page.keyboard.press("Escape")
    assert not page.is_visible(".dz-settings")
    after = measure()
    assert after["size"] == pytest.approx(before["size"] * 1.3, rel=0.02)
    assert after["lead"] > before["lead"] + 0.2
    assert after["enX"] < after["zhX"], "English on the left"
    assert after["scheme"] == "slate" and after["bg"] != before["bg"]
    violations += axe(page)  # the dark scheme
    # English left: from a Chinese sentence (now the right column) ← goes to its English
    # counterpart and → does not; from there → comes back.
    page.focus("#dz-text .dz-s[tabindex='0']")
    for _ in range(50):
        if page.evaluate(
            "document.activeElement.closest('.dz-zh') && !!document.activeElement.closest('.dz-pair').querySelector('.dz-en .dz-s')"
        ):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("!!document.activeElement.closest('.dz-zh')")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("!!document.activeElement.closest('.dz-en')")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("!!document.activeElement.closest('.dz-zh')")
    # Remembered: on another page and on this one reloaded.
    page.goto(reader_url + "about/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.goto(url)
    assert measure() == after
    page.click(".dz-settings-btn")
    assert page.is_checked("input[name=dz-setting-order][value=en]")
    ctx.close()
    assert not violations, violations


@pytest.mark.browser
def test_one_language_pages_use_the_width(browser, reader_site, reader_url) -> None:
    mono = pages_of(reader_site.site, "dz-monolingual")[0]
    bi = pages_of(reader_site.site, "dz-bilingual")[0]
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    geometry = (
        "() => { const t = document.querySelector('#dz-text').getBoundingClientRect();"
        " const c = [...document.querySelectorAll('.dz-cell')].find(c => c.getClientRects().length && c.querySelector('.dz-s')).getBoundingClientRect();"
        " return [t.left, t.width, c.left, c.width]; }"
    )
    for url, view in ((f"texts/{mono}/", None), (f"texts/{bi}/", "en"), (f"texts/{bi}/", "zh")):
        page.goto(reader_url + url)
        if view:
            page.click(f".dz-views [data-view={view}]")
        left, width, cell_left, cell_width = page.evaluate(geometry)
        assert cell_width >= 0.55 * width, (url, view, cell_width, width)
        middle = cell_left + cell_width / 2
        assert abs(middle - (left + width / 2)) < 0.1 * width, (url, view, "centred, not in the left half")
    ctx.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", (320, 390, 430))
def test_the_timeline_reads_on_a_phone(browser, reader_site, reader_url, width) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 844}, has_touch=True, is_mobile=True)
    page = ctx.new_page()
    page.goto(reader_url + "timeline/")
    assert page.locator("figure.dz-timeline").count() == 1 and not page.is_visible("figure.dz-timeline")
    items = page.eval_on_selector_all(
        "article h2 + ul > li",
        "ls => ls.map(l => [l.getBoundingClientRect().right, parseFloat(getComputedStyle(l).fontSize), l.getClientRects().length])",
    )
    dated = len(page.eval_on_selector_all("article h2[id^=y]", "hs => hs"))
    assert dated and len(items) >= dated
    assert all(right <= width and size >= 14 and shown for right, size, shown in items), items
    ctx.close()
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    page.goto(reader_url + "timeline/")
    assert page.is_visible("figure.dz-timeline svg"), "the picture stays on wide screens"
    ctx.close()


@pytest.mark.browser
def test_no_serious_violations_on_lists_with_marks(browser, reader_site, reader_url) -> None:
    term = next(
        p.parent.name
        for p in sorted((reader_site.site / "glossary").glob("*/index.html"))
        if "dz-prov-machine-suspected" in p.read_text(encoding="utf-8")
    )
    found = {}
    for viewport in (DESKTOP, PHONE):
        ctx = browser.new_context(viewport=viewport)
        page = ctx.new_page()
        for path in ("timeline/", f"glossary/{term}/", "people/"):
            page.goto(reader_url + path)
            page.evaluate("document.querySelectorAll('details.dz-prov').forEach(d => d.open = true)")
            if v := axe(page):
                found[(viewport["width"], path)] = v
        ctx.close()
    assert not found, found
