"""Reading on a phone, in real Chromium with touch at 320, 390 and 430 px: no page scrolls sideways
(every kind of page, its panels opened, the copy menu and the citation dialog open), a tapped
sentence's counterpart is brought on screen, and the first screen of a document shows its text."""

from __future__ import annotations

import pytest

from .test_privacy import page_kinds
from .test_reader import pages_of

pytestmark = pytest.mark.browser

WIDTHS = (320, 390, 430)


def phone(browser, width: int):
    return browser.new_context(
        viewport={"width": width, "height": 844}, has_touch=True, is_mobile=True, device_scale_factor=2
    )


def overflow(page, width: int) -> list[str]:
    """What sticks out to the right of a `width`-wide screen, if the page scrolls sideways."""
    if page.evaluate("document.documentElement.scrollWidth") <= width:
        return []
    return page.evaluate(
        """w => [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > w + 1)
              .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
              .slice(-5)""",
        width,
    ) or ["(the page scrolls sideways)"]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(browser, reader_site, reader_url, width) -> None:
    ctx = phone(browser, width)
    page = ctx.new_page()
    wide: dict[str, list[str]] = {}
    for name, path in page_kinds(reader_site.site).items():
        page.goto(reader_url + path)
        if page.locator(".dz-more").count():
            page.click(".dz-more")  # the folded header, unfolded
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        found = overflow(page, width)
        if found:
            wide[name] = found
        if page.locator(".dz-pair").count() and page.locator(".dz-doc-tools").count():
            page.tap(".dz-pair .dz-s")
            page.click(".dz-pair .dz-copy-btn")
            assert page.is_visible(".dz-copy-menu")
            found = overflow(page, width)
            if found:
                wide[name + ", copy menu open"] = found
            page.click(".dz-pair .dz-cite-btn")
            assert page.is_visible(".dz-cite-dialog")
            box = page.eval_on_selector(".dz-cite-dialog", "d => d.getBoundingClientRect().toJSON()")
            if box["left"] < 0 or box["right"] > width or overflow(page, width):
                wide[name + ", citation dialog"] = [str(box), *overflow(page, width)]
            page.keyboard.press("Escape")
    ctx.close()
    assert not wide, wide


@pytest.mark.parametrize("width", WIDTHS)
def test_a_tapped_sentence_brings_its_counterpart_on_screen(browser, reader_site, reader_url, width) -> None:
    slug = pages_of(reader_site.site, "dz-bilingual")[0]
    ctx = phone(browser, width)
    page = ctx.new_page()
    page.goto(f"{reader_url}texts/{slug}/")
    pid = page.eval_on_selector_all(
        ".dz-pair", "ps => ps.find(p => p.querySelector('.dz-zh .dz-s') && p.querySelector('.dz-en .dz-s')).id"
    )
    # The pair's last Chinese sentence near the foot of the screen: its English lies below it.
    page.eval_on_selector_all(
        f"#{pid} .dz-zh .dz-s",
        "ss => { const s = ss[ss.length - 1]; window.scrollBy(0, s.getBoundingClientRect().bottom - innerHeight + 2); }",
    )
    before = page.eval_on_selector(f"#{pid} .dz-en .dz-s", "s => s.getBoundingClientRect().top")
    assert before > 844, "the counterpart starts off screen"
    page.tap(f"#{pid} .dz-zh .dz-s >> nth=-1")
    lit = page.eval_on_selector_all(
        f"#{pid} .dz-en .dz-s.dz-hl, #{pid} .dz-en.dz-hl-cell",
        "es => es.map(e => e.getBoundingClientRect().toJSON())",
    )
    assert lit, "the counterpart is lit"
    bar = page.eval_on_selector(".dz-toolbar", "t => t.getBoundingClientRect().bottom")
    top = min(b["top"] for b in lit)
    assert bar <= top < 844, (bar, top)
    # and the tapped sentence is still on screen when both fit
    tapped = page.eval_on_selector(f"#{pid} .dz-zh .dz-s.dz-hl-self", "s => s.getBoundingClientRect().toJSON()")
    if max(b["bottom"] for b in lit) - tapped["top"] < 844 - bar:
        assert tapped["top"] >= bar - 1
    ctx.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_first_screen_of_a_document_shows_its_text(browser, reader_site, reader_url, width) -> None:
    ctx = phone(browser, width)
    page = ctx.new_page()
    for kind in ("dz-bilingual", "dz-monolingual"):
        for slug in pages_of(reader_site.site, kind):
            page.goto(f"{reader_url}texts/{slug}/")
            top = page.eval_on_selector(".dz-pair .dz-s", "s => s.getBoundingClientRect().top")
            assert top < 844 * 2 / 3, (slug, top)
            # the translation status stays in view; the rest is one tap away
            if page.locator(".dz-field-key").count():
                assert page.is_visible(".dz-field-key")
            assert not page.is_visible(".dz-links")
            page.click(".dz-more")
            assert page.is_visible(".dz-links") and page.get_attribute(".dz-more", "aria-expanded") == "true"
    ctx.close()
