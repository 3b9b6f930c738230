"""Cross-links in real Chromium: following a term from the text to its page and back to the row it
came from, the timeline picture's links, and axe-core on every kind of browse page."""

from __future__ import annotations

import pytest

from .conftest import seed
from .test_a11y import violations_on
from .test_reader import DESKTOP, PHONE

pytestmark = pytest.mark.browser

BROWSE = {
    "glossary": "glossary/",
    "term": "glossary/world-internet-conference/",
    "timeline": "timeline/",
    "year": "timeline/2017/",
    "speakers": "people/",
    "publishers": "publishers/",
    "tags": "tags/",
}


def slug(prefix: str) -> str:
    return seed(prefix).stem.lower()


def test_a_term_in_the_text_leads_to_its_page_and_back_to_the_row(browser, site_url) -> None:
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{site_url}texts/{slug('000')}/")
    term = page.locator(".dz-cell.dz-zh a.dz-term", has_text="世界互联网大会").first
    # quiet in the text: the term keeps the text's colour, and is underlined (not colour alone)
    style = term.evaluate(
        "a => [getComputedStyle(a).color, getComputedStyle(a.closest('.dz-s')).color, getComputedStyle(a).textDecorationLine]"
    )
    assert style[0] == style[1] and "underline" in style[2]
    term.click()
    page.wait_for_url("**/glossary/world-internet-conference/")
    assert page.locator("h1").inner_text().startswith("世界互联网大会")
    row = page.locator("article li:has(.dz-kwic[lang=zh-Hans]) a").first
    row.click()
    page.wait_for_url(f"**/texts/{slug('000')}/#p-*")
    anchor = page.evaluate("location.hash.slice(1)")
    top = page.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top")
    assert 0 <= top < 400  # the row is on screen, under the sticky bars
    assert not errors, errors
    ctx.close()


def test_the_timeline_dots_open_their_documents(browser, site_url) -> None:
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    page.goto(f"{site_url}timeline/")
    dots = page.locator("svg.dz-timeline-svg a:has(circle)")
    assert dots.count() == 3
    box = page.locator("svg.dz-timeline-svg").bounding_box()
    assert box and box["width"] > 100 and box["height"] > 50
    dots.first.click()
    page.wait_for_url("**/texts/*/")
    assert page.locator(".dz-doc").count() == 1
    ctx.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_serious_violations_on_browse_pages(browser, site_url, viewport) -> None:
    pages = {**BROWSE, "document with connections": f"texts/{slug('003')}/"}
    found = violations_on(browser, site_url, pages, viewport)
    assert not found, found
