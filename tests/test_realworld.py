"""The real-world development corpus (tests/data/realworld: genuine scrapes, their origins and the
truth written by reading them) through a real strict MkDocs build: it passes, what the pages show
a reader is honest (a derived title says so and stays out of citations), Traditional Chinese is
tagged and found from Simplified, and metadata accuracy does not fall below what it reached."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from .conftest import ROOT, Build, serve

REALWORLD = ROOT / "tests" / "data" / "realworld"
TRUTH = yaml.safe_load((REALWORLD / "meta" / "truth.yml").read_text(encoding="utf-8"))


def test_the_whole_corpus_builds_strict(realworld_site: Build) -> None:
    assert realworld_site.returncode == 0, realworld_site.log[-4000:]
    assert "Traceback" not in realworld_site.log
    built = list((realworld_site.site / "texts").glob("*/index.html"))
    assert len(built) >= len(TRUTH) + 31


def _docs(site: Path) -> list[tuple[Path, BeautifulSoup]]:
    out = []
    for page in sorted((site / "texts").glob("*/index.html")):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        if html.select_one(".dz-doc .dz-text") is not None:
            out.append((page, html))
    return out


def test_a_derived_title_says_so_and_is_never_cited(realworld_site: Build) -> None:
    untitled = 0
    for page, html in _docs(realworld_site.site):
        doc = html.select_one(".dz-doc")
        heading = html.select_one("h1.dz-title")
        derived = heading.select_one(".dz-untitled") is not None
        untitled += derived
        cited = {doc.get("data-title-zh", ""), doc.get("data-title-en", "")} - {""}
        for mark in heading.select(".dz-untitled"):
            assert "[Untitled]" in mark.get_text(), page
            # The guess (the span after the mark) is no citation title; the other language's
            # stated title beside it may be.
            guess = mark.find_next_sibling("span").get_text()
            assert guess and not any(guess in c or c in guess for c in cited), page
        # A value marked as inferred in the header is never in the citation either.
        for dd in html.select(".dz-meta dd"):
            if dd.select_one(".dz-origin") and "inferred" in dd.get_text():
                value = dd.select_one("span").get_text()
                assert value not in {
                    doc.get(f"data-{k}", "") for k in ("author", "date", "publisher", "role")
                }, page
    assert untitled < 10  # (most pages state their title)


def test_traditional_chinese_pages_are_tagged_zh_hant(realworld_site: Build) -> None:
    # (by the metadata truth's language; the cleaning set's pages have none: a Taiwanese blog
    # among them is rightly zh-Hant)
    script = {t["file"]: t["language"] for t in TRUTH if t["language"].startswith("zh-")}
    assert {"zh-Hans", "zh-Hant"} <= set(script.values())
    checked = 0
    for _, html in _docs(realworld_site.site):
        source = html.select_one(".dz-doc")["data-source"].removeprefix("sources/")
        tags = {c["lang"] for c in html.select(".dz-cell.dz-zh")}
        if source in script:
            assert tags == {script[source]}, source
            checked += 1
    assert checked >= len(script) // 2  # (a pair's two files make one page)


def test_no_venue_is_a_date_or_a_number(realworld_site: Build) -> None:
    for page, html in _docs(realworld_site.site):
        for field in html.select(".dz-meta .dz-field"):
            if field.select_one("dt").get_text() == "Venue":
                venue = field.select_one("dd").get_text()
                assert not re.search(r"\d{1,2}:\d{2}|^\W*\d[\d\s./:-]*$|\d{4}-\d{2}-\d{2}", venue), (
                    page,
                    venue,
                )


# What the metadata reached on the tuning halves together (bench/meta.py: tune, fresh-tune and
# r4-tune to r11-tune; 168 pages): a floor, so a change that loses ground on genuine pages fails here;
# the figures are in the closing notes, with the held and blind halves. Round 10's tuning half (15
# government and news pages, speakers named only in headlines or labels, occasions in reported
# speech) took the pooled speaker figure from 93% to 89% and venue from 46% to 38%: the floors for
# those two were lowered then to stay a guard against losing ground, not a target. Rounds 14 and 15
# (236 tuning pages in all) brought 15 pages of two Singapore ministries' site sources whose files
# name no publisher (no address, no site name; the truth names the site they came from): a
# publisher there has no evidence and stays absent, so the pooled publisher figure is 88% (floor
# 0.9 -> 0.86); venue 34.5% (floor 0.35 -> 0.33). Round 17's tuning half (news pages whose four
# venues are occasions no rule reads: "Kashmir Solidarity Day", a working meeting) brought the
# pooled venue figure to 41/125 = 32.8% on its first run (floor 0.33 -> 0.32). Round 18's tuning
# half brought 13 pages of three sites whose files state no publisher the rules read (four
# Reading the China Dream translations name the site nowhere; four 中国数字时代 archive posts name
# it only in a feed footer the text keeps): pooled publisher 238/277 = 85.9% (floor 0.86 -> 0.85).
FLOORS = {"title": 0.95, "date": 0.9, "speaker": 0.86, "publisher": 0.85, "venue": 0.32, "language": 1.0}


def test_metadata_accuracy_on_the_tune_half_stays_above_its_floor() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    import meta

    truth, docs = meta.run(REALWORLD / "meta")
    tune = [t for t in truth if t["split"] == "tune" or t["split"].endswith("-tune")]
    for field, floor in FLOORS.items():
        results = [meta.compare(t, docs.get(t["file"]))[field][0] for t in tune]
        asked = [r for r in results if r is not None]
        assert sum(asked) >= floor * len(asked), (field, sum(asked), len(asked))
    # Pairs, both halves: no false pair; every expected pair but the abridged gist (three short
    # paragraphs of an 8,000-character post) found.
    partner = {n: d.counterpart.name for n, d in docs.items() if d.counterpart is not None}
    expected = {t["file"]: t["pair"] for t in truth if t.get("pair")}
    assert all(expected.get(a) == b for a, b in partner.items()), partner
    missed = sorted(a for a, b in expected.items() if partner.get(a) != b)
    assert len(missed) <= 2, missed


@pytest.mark.browser
def test_a_simplified_query_finds_a_traditional_text(realworld_site: Build, browser) -> None:
    from .test_search_browser import run_search

    url, server = serve(realworld_site.site)
    page = browser.new_page()
    try:
        page.goto(url + "texts/", wait_until="load")
        found = run_search(page, "网络沙皇")  # the text writes 網絡沙皇
        assert any("lu-wei" in h for h in found), found
        assert page.eval_on_selector_all(".dz-search-zh mark", "ms => ms.length") > 0
    finally:
        page.close()
        server.shutdown()
