"""What a reader sees, in real Chromium: pairs side by side on desktop, stacked on a phone."""

from __future__ import annotations

import pytest

from .conftest import SOURCES

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def doc_url(site_url: str, prefix: str) -> str:
    stem = next(SOURCES.glob(f"{prefix}_*")).stem.lower()
    return f"{site_url}texts/{stem}/"


def boxes(page):
    return page.eval_on_selector_all(
        ".dz-pair",
        """pairs => pairs.map(p => Array.from(p.querySelectorAll('.dz-cell')).map(c => {
              const r = c.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height,
              lang: c.getAttribute('lang')}; }))""",
    )


def test_desktop_pairs_side_by_side_with_aligned_tops(browser, site_url, shots) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(doc_url(site_url, "000"))
    rows = boxes(page)
    assert len(rows) == 3
    for zh, en in rows:
        assert zh["lang"] == "zh-Hans" and en["lang"] == "en"
        assert zh["x"] + zh["w"] <= en["x"]  # zh left, en right, no overlap
        assert abs(zh["y"] - en["y"]) <= 2
        assert zh["w"] > 250 and en["w"] > 250
    page.screenshot(path=str(shots / "desktop-000.png"), full_page=True)
    page.close()


def test_phone_pairs_stack_zh_then_en(browser, site_url, shots) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(doc_url(site_url, "000"))
    for zh, en in boxes(page):
        assert zh["y"] + zh["h"] <= en["y"] + 1
        assert en["w"] <= PHONE["width"]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "no horizontal scrolling on a phone"
    page.screenshot(path=str(shots / "phone-000.png"), full_page=True)
    page.close()


def test_permalink_targets_its_pair(browser, site_url) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(doc_url(site_url, "000"))
    anchor = page.eval_on_selector_all(".dz-pair", "ps => ps[2].id")
    page.goto(doc_url(site_url, "000") + "#" + anchor)
    top = page.eval_on_selector(f"#{anchor}", "e => e.getBoundingClientRect().top")
    assert 0 <= top < DESKTOP["height"] / 2
    page.close()
