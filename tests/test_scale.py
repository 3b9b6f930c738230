"""Pages that must not grow with the corpus: the documents index is split into pages, the home page
lists the newest documents only, no page lists every document in its navigation, and the browse
pages (timeline and years, speakers, publishers, tags, glossary terms) list big groups in pages."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from duizhao.publish import browse, documents_index, front

from .conftest import build
from .helpers import broken_links

N = 2 * documents_index.INDEX_PAGE_SIZE + 17  # three index pages, the last one short
BUDGET = 80 * 1024
# Groups bigger than a page, and more groups than an overview page holds (sidecars below): every
# document shares the speaker "Hua Chunying" when i % 3 == 0 (else one of SPEAKERS others), the
# publisher, the tag "cooperation" (and one of TOPICS others), the year 2001 and the glossary's
# "cyberspace" (twice each: more occurrences than link.MAX_KWIC).
SPEAKERS = 40
TOPICS = 120
UNDATED = browse.TIMELINE_LIST + 3


def _sidecar(i: int) -> str:
    author = "Hua Chunying" if i % 3 == 0 else f"Speaker {i % SPEAKERS:02d}"
    return (
        f"author: {author}\nrole: Spokesperson, role {i}\npublisher: Ministry of Foreign Affairs\n"
        f"tags: [cooperation, topic {i % TOPICS:03d}]\n"
    )


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
        (src / f"statement-{i:04d}.yml").write_text(_sidecar(i), encoding="utf-8")
    (src / "glossary.yml").write_text("- zh: 网络空间\n  en: cyberspace\n", encoding="utf-8")
    result = build(make_project(tmp_path_factory.mktemp("many-site"), src))
    assert result.returncode == 0, result.log  # strict: every pager link resolved
    return result


def _rows(html: str) -> list[str]:
    page = BeautifulSoup(html, "html.parser")
    return [a["href"] for a in page.select("article table tbody tr td:first-child a")]


@pytest.mark.slow
def test_documents_index_is_split_into_pages_listing_each_document_once(big_site) -> None:
    pages = [big_site.page("texts/index.html")] + [
        big_site.page(f"texts/{documents_index.INDEX_PAGES_DIR}/{n}/index.html") for n in (2, 3)
    ]
    rows = [_rows(html) for html in pages]
    assert [len(r) for r in rows] == [documents_index.INDEX_PAGE_SIZE, documents_index.INDEX_PAGE_SIZE, 17]
    slugs = [re.search(r"statement-(\d{4})", href).group(1) for r in rows for href in r]
    # Every document exactly once, newest first across the pages.
    assert slugs == [f"{i:04d}" for i in reversed(range(N))]
    assert not (big_site.site / "texts" / documents_index.INDEX_PAGES_DIR / "4").exists()
    # Each page says where it is and links to its neighbours.
    second = BeautifulSoup(pages[1], "html.parser").select_one("article")
    assert "Page 2 of 3" in second.get_text()
    hrefs = {a.get_text(): a["href"] for a in second.select("a")}
    assert hrefs["← Newer"] == "../../" and hrefs["Older →"] == "../3/"


@pytest.mark.slow
def test_home_lists_the_newest_documents_and_links_to_all(big_site) -> None:
    home = BeautifulSoup(big_site.page("index.html"), "html.parser")
    rows = home.select("article .dz-front-list > li")
    assert len(rows) == front.FRONT_NEWEST
    assert "statement-" + f"{N - 1:04d}" in rows[0].a["href"]
    more = home.find("a", string=f"All {N} texts, newest first")
    assert more is not None and more["href"] == "texts/"
    assert home.select_one(".dz-n-works")["data-n"] == str(N)


@pytest.mark.slow
def test_no_page_grows_with_the_corpus(big_site) -> None:
    """Navigation never lists the documents: a document page is as heavy with 217 documents
    around it as alone, and listing pages stay within the page budget."""
    sizes = {p.relative_to(big_site.site).as_posix(): p.stat().st_size for p in big_site.site.rglob("*.html")}
    heavy = {k: v for k, v in sizes.items() if v > BUDGET}
    assert not heavy, heavy
    doc = BeautifulSoup(big_site.doc("statement-0100"), "html.parser")
    nav_links = [a["href"] for a in doc.select("nav a[href]")]
    assert not [h for h in nav_links if "statement-" in h]


@pytest.mark.slow
def test_every_link_resolves_across_the_paged_listings(big_site) -> None:
    """Strict MkDocs checks the Markdown links; this also checks raw HTML (a document's tags and
    Connections, the timeline's SVG): overview pages, anchors and all."""
    checked, broken = broken_links(big_site.site)
    assert checked > 5000
    assert not broken, broken[:20]


def _pages_and_docs(site: Path, start: str, within: str) -> tuple[set[str], set[str]]:
    """From the page `start` (site-relative), every page reachable through links to pages under
    `within` (pagers, "all its documents"), and the documents (slugs) those pages link to."""
    seen, docs, todo = set(), set(), [start]
    while todo:
        page = todo.pop()
        if page in seen:
            continue
        seen.add(page)
        base = "http://site/" + page
        article = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").select_one(
            "article"
        )
        for a in article.select("a[href]"):
            path = urllib.parse.urlsplit(urllib.parse.urljoin(base, a["href"])).path.lstrip("/")
            if m := re.fullmatch(r"texts/(statement-\d{4})/", path):
                docs.add(m.group(1))
            elif path.startswith(within) and path.endswith("/"):
                todo.append(path + "index.html")
    return seen, docs


def _slugs(ids) -> set[str]:
    return {f"statement-{i:04d}" for i in ids}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("start", "within", "members", "least_pages"),
    [
        # the year 2001: every document, on the timeline and the year's three pages
        ("timeline/index.html", "timeline/2001/", range(N), 4),
        # one speaker with N/3 documents, through the overview's two pages
        ("people/index.html", "people/", range(0, N, 3), 3),
        ("people/index.html", "people/person-hua-chunying/", range(0, N, 3), 2),
        ("publishers/index.html", "publishers/publisher-ministry-of-foreign-affairs/", range(N), 4),
        ("tags/index.html", "tags/cooperation/", range(N), 4),
        ("tags/index.html", "tags/", range(N), 4 + TOPICS),
        ("glossary/cyberspace/index.html", "glossary/cyberspace/", range(N), 3),
    ],
)
def test_every_document_is_reachable_through_each_listings_pages(
    big_site, start, within, members, least_pages
):
    pages, docs = _pages_and_docs(big_site.site, start, within)
    assert docs >= _slugs(members), sorted(_slugs(members) - docs)[:5]
    assert len(pages) >= least_pages


@pytest.mark.slow
def test_overviews_show_counts_and_the_newest_few(big_site) -> None:
    people = BeautifulSoup(big_site.page("people/index.html"), "html.parser").select_one("article")
    hua = people.find(id="person-hua-chunying")
    assert hua is not None
    listed = hua.find_next("ul").select("li")
    assert len(listed) == browse.GROUP_LIST and f"statement-{(N - 1) // 3 * 3:04d}" in str(listed[0])
    assert f"The newest {browse.GROUP_LIST} of {len(range(0, N, 3))}" in people.get_text()
    assert "and " in people.get_text() and "other roles" in people.get_text()  # roles capped
    from duizhao.publish.connections import GROUPS_PER_PAGE

    groups = SPEAKERS + 1  # Hua Chunying and the others
    assert f"Page 1 of {-(-groups // GROUPS_PER_PAGE)}" in people.get_text()
    # a speaker on the overview's second page: its documents link there, anchor and all
    page2 = BeautifulSoup(big_site.page("people/page/2/index.html"), "html.parser").select_one("article")
    speaker = page2.select_one("h2[id]")
    assert speaker["id"].startswith("person-speaker-")
    slug = re.search(r"statement-\d{4}", speaker.find_next("ul").a["href"]).group(0)
    doc = BeautifulSoup(big_site.doc(slug), "html.parser").select_one(".dz-browse")
    href = doc.find("a", string=re.compile("Speaker"))["href"]
    assert href == f"../../people/page/2/#{speaker['id']}"
    tags = BeautifulSoup(big_site.page("tags/index.html"), "html.parser").select_one("article")
    first = tags.select("tbody tr")[0]
    assert first.a.get_text() == "cooperation" and first.select("td")[1].get_text() == str(N)
    # the timeline's list stays short: TIMELINE_LIST documents of the year, then the year's pages
    timeline = BeautifulSoup(big_site.page("timeline/index.html"), "html.parser")
    assert len(timeline.select("article ul li")) == browse.TIMELINE_LIST
    assert timeline.select_one("figure svg") is not None


@pytest.mark.slow
def test_undated_documents_past_the_timelines_list_have_their_own_page(tmp_path_factory) -> None:
    from .conftest import make_project

    src = tmp_path_factory.mktemp("undated-sources")
    for i in range(UNDATED):
        (src / f"note-{i:02d}.txt").write_text(
            f"Note {i} on cooperation in cyberspace\n\nCountries should strengthen dialogue, note {i}.\n",
            encoding="utf-8",
        )
    result = build(make_project(tmp_path_factory.mktemp("undated-site"), src))
    assert result.returncode == 0, result.log
    timeline = BeautifulSoup(result.page("timeline/index.html"), "html.parser").select_one("article")
    assert len(timeline.select("#undated ~ ul li")) == browse.TIMELINE_LIST
    more = timeline.find("a", string=f"All {UNDATED} documents without a date")
    assert more is not None and more["href"] == "undated/"
    undated = BeautifulSoup(result.page("timeline/undated/index.html"), "html.parser")
    assert len(undated.select("article ul li a")) == UNDATED
    # a document page's "undated" link still lands on the timeline's Undated section
    assert 'href="../../timeline/#undated"' in result.doc("note-00")
