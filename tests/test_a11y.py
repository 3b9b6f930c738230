"""Accessibility: axe-core (from npm, pinned in package-lock.json) run inside Chromium on the home
page, bilingual pages and a one-language page, at desktop and phone sizes and in the reader's
states (one language, a peek open, paragraph actions shown). No serious or critical violation,
Material's own markup included."""

from __future__ import annotations

import pytest

from .conftest import ROOT
from .test_reader import DESKTOP, PHONE, pages_of

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def axe(page) -> list[dict]:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make test` (it runs `npm ci`)")
    # Colours are measured at rest: Material fades link colours over 125 ms after a scheme
    # change, and a contrast read in the middle of that fade is not what a reader sees.
    page.evaluate(
        """() => Promise.race([
             Promise.all(document.getAnimations()
               .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
               .map(a => a.finished.catch(() => null))),
             new Promise(r => setTimeout(r, 3000))])"""
    )
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
            "help": v["help"],
        }
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.fixture(scope="module")
def targets(reader_site) -> dict[str, str]:
    bilingual = pages_of(reader_site.site, "dz-bilingual")
    monolingual = pages_of(reader_site.site, "dz-monolingual")
    out = {"home": "", "documents": "texts/"}
    out.update({f"bilingual {s}": f"texts/{s}/" for s in bilingual})
    out["one language"] = f"texts/{monolingual[0]}/"
    return out


def violations_on(browser, base: str, pages: dict[str, str], viewport: dict) -> dict[str, list[dict]]:
    """axe's blocking violations on each named page (path under `base`), at one viewport."""
    ctx = browser.new_context(viewport=viewport)
    found = {}
    for name, path in pages.items():
        page = ctx.new_page()
        page.goto(base + path)
        violations = axe(page)
        if violations:
            found[name] = violations
        page.close()
    ctx.close()
    return found


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_serious_violations_on_any_kind_of_page(browser, reader_url, targets, viewport) -> None:
    found = violations_on(browser, reader_url, targets, viewport)
    assert not found, found


def test_no_serious_violations_in_reader_states(browser, reader_url, targets) -> None:
    """One language with a peek open, the keyboard hint and the paragraph actions on screen."""
    path = next(p for n, p in targets.items() if n.startswith("bilingual"))
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    page.goto(reader_url + path)
    page.click(".dz-views [data-view=en]")
    page.click(".dz-pair:nth-child(2) .dz-en")
    page.focus(".dz-views [data-view=en]")
    page.keyboard.press("Tab")
    assert page.is_visible(".dz-actions") and page.is_visible("#dz-keys")
    assert page.eval_on_selector_all(".dz-peeking", "ps => ps.length") == 1
    violations = axe(page)
    # the pair's copy menu, then the citation dialog, open
    page.hover(".dz-pair:nth-child(2) .dz-cell")
    page.click(".dz-pair:nth-child(2) .dz-copy-btn")
    assert page.is_visible(".dz-copy-menu")
    violations += axe(page)
    page.keyboard.press("Escape")
    page.click(".dz-cite-doc")
    assert page.is_visible(".dz-cite-dialog")
    violations += axe(page)
    ctx.close()
    assert not violations, violations


def test_every_cell_and_title_says_its_language(reader_site) -> None:
    """lang on every cell and title part, so screen readers switch voices pair by pair."""
    from bs4 import BeautifulSoup

    for slug in pages_of(reader_site.site, "dz-bilingual") + pages_of(reader_site.site, "dz-monolingual"):
        page = BeautifulSoup(reader_site.doc(slug), "html.parser")
        cells = page.select(".dz-cell")
        assert cells and all(c.get("lang") in ("zh-Hans", "en") for c in cells), slug
        for c in cells:
            assert ("dz-zh" in c["class"]) == (c["lang"] == "zh-Hans")
        assert all(t.get("lang") for t in page.select(".dz-title > span[class^=dz-title-]"))
        # reading order is pair by pair: zh then en inside each pair, pairs in document order
        for pair in page.select(".dz-pair"):
            langs = [c["lang"] for c in pair.select(".dz-cell")]
            assert langs in (["zh-Hans", "en"], ["zh-Hans"], ["en"]), langs
