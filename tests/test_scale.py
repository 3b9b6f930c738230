"""Pages that must not grow with the corpus: the documents index is split into pages, the home page
lists the newest documents only, and no page lists every document in its navigation."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from duizhao import render

from .conftest import build

N = 2 * render.INDEX_PAGE_SIZE + 17  # three index pages, the last one short


def _scrape(i: int) -> str:
    """A small bilingual scrape with its own date, so the order is known: document i is dated
    day i after 2001-01-01, i.e. higher i is newer."""
    year, day = 2001 + i // 300, i % 300
    month, dom = 1 + day // 28, 1 + day % 28
    return (
        f"Statement number {i} on cooperation in cyberspace\n"
        f"{year}-{month:02d}-{dom:02d}\n\n"
        f"第{i}号声明：各国应加强网络空间对话与合作，共同维护和平、安全、开放的网络空间。\n\n"
        f"Statement {i}: countries should strengthen dialogue and cooperation in cyberspace and "
        "jointly keep it peaceful, secure and open.\n"
    )


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    from .conftest import make_project

    src = tmp_path_factory.mktemp("many-sources")
    for i in range(N):
        (src / f"statement-{i:04d}.txt").write_text(_scrape(i), encoding="utf-8")
    result = build(make_project(tmp_path_factory.mktemp("many-site"), src))
    assert result.returncode == 0, result.log  # strict: every pager link resolved
    return result


def _rows(html: str) -> list[str]:
    page = BeautifulSoup(html, "html.parser")
    return [a["href"] for a in page.select("article table tbody tr td:first-child a")]


@pytest.mark.slow
def test_documents_index_is_split_into_pages_listing_each_document_once(big_site) -> None:
    pages = [big_site.page("texts/index.html")] + [
        big_site.page(f"texts/{render.INDEX_PAGES_DIR}/{n}/index.html") for n in (2, 3)
    ]
    rows = [_rows(html) for html in pages]
    assert [len(r) for r in rows] == [render.INDEX_PAGE_SIZE, render.INDEX_PAGE_SIZE, 17]
    slugs = [re.search(r"statement-(\d{4})", href).group(1) for r in rows for href in r]
    # Every document exactly once, newest first across the pages.
    assert slugs == [f"{i:04d}" for i in reversed(range(N))]
    assert not (big_site.site / "texts" / render.INDEX_PAGES_DIR / "4").exists()
    # Each page says where it is and links to its neighbours.
    second = BeautifulSoup(pages[1], "html.parser").select_one("article")
    assert "Page 2 of 3" in second.get_text()
    hrefs = {a.get_text(): a["href"] for a in second.select("a")}
    assert hrefs["← Newer"] == "../../" and hrefs["Older →"] == "../3/"


@pytest.mark.slow
def test_home_lists_the_newest_documents_and_links_to_all(big_site) -> None:
    home = BeautifulSoup(big_site.page("index.html"), "html.parser")
    rows = home.select("article table tbody tr")
    assert len(rows) == render.HOME_LIMIT
    assert "statement-" + f"{N - 1:04d}" in rows[0].a["href"]
    more = home.find("a", string="all documents")
    assert more is not None and more["href"] == "texts/"
    assert f"The {render.HOME_LIMIT} newest of {N}" in home.get_text()


@pytest.mark.slow
def test_no_page_grows_with_the_corpus(big_site) -> None:
    """Navigation never lists the documents: a document page is as heavy with 217 documents
    around it as alone, and listing pages stay within the page budget."""
    sizes = {p.relative_to(big_site.site).as_posix(): p.stat().st_size for p in big_site.site.rglob("*.html")}
    # The timeline draws a dot per document up to timeline.DOTS_MAX documents (then a bar a year),
    # so its page is bounded but over budget near that size: left to the timeline's own design.
    heavy = {k: v for k, v in sizes.items() if v >= 80 * 1024 and k != "timeline/index.html"}
    assert not heavy, heavy
    doc = BeautifulSoup(big_site.doc("statement-0100"), "html.parser")
    nav_links = [a["href"] for a in doc.select("nav a[href]")]
    assert not [h for h in nav_links if "statement-" in h]
