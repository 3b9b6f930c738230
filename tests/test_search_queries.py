"""Search as a researcher uses it, in real Chromium on the built seed site: real queries written by
reading the seeds (sources/00*.txt), each with the document that must come first and what its
first pair must show; the aligned counterpart sentence; phrases verified per pair; filters; the
match marked on the page a result leads to."""

from __future__ import annotations

import pytest

from .conftest import SOURCES
from .test_search_browser import DESKTOP, run_search

pytestmark = pytest.mark.browser


def seed_slug(prefix: str) -> str:
    return next(SOURCES.glob(f"{prefix}_*.txt")).stem.lower()


# (query, the seed that must be the first result, text its first pair must show or None when the
# query is in the document's header only, text the aligned counterpart must show or None)
QUERIES = [
    (
        "世界互联网大会",
        "000",
        "自2014年起,中国已连续举办五届世界互联网大会",
        "hosted five sessions of the World Internet Conference",
    ),
    ("二十国集团", "000", "二十国集团(G20)", "the UN and the G20"),
    ("网络安全国际合作", "000", "网络安全国际合作", None),
    ("蔡名照", "001", None, None),  # the speaker, named in the header
    ("斯坦福大学", "001", "斯坦福大学", None),
    ("网络空间国家主权", "001", "尊重网络空间国家主权", None),
    ("網絡空間國家主權", "001", "尊重网络空间国家主权", None),  # Traditional finds Simplified
    ("东西方研究所", "001", "东西方研究所", None),
    ("1994年4月20日", "001", "中国从美国接入了国际互联网", None),
    ("中国梦", "001", "中国梦", None),
    ("网络恐怖主义", "001", "网络恐怖主义", None),
    ("World Internet Conference", "002", "World Internet Conference", None),
    ("Wuzhen", "002", "Wuzhen", None),
    ("Thomas Kwesi Kwadi", "002", "Speaking at the closing ceremony, Thomas Kwesi Kwadi", None),
    ("President Xi Jinping", "002", "President Xi Jinping quoted an old Chinese proverb", None),
    ("cyberspace sovereignty", "002", "To respect cyberspace sovereignty", None),
    ("Zhang Shenglei", "002", None, None),  # the author
    ("Huffington Post", "003", "Huffington Post", None),
    ("high-level expert group", "003", "high-level expert group", None),
    ("expert group rules cyberspace", "003", "high-level expert group on international rules", None),
    ("Supreme Leader", "003", "Supreme Leader", None),
    ("Global Data Security Initiative", "004", "Global Data Security Initiative", None),
    ('"British National Network Security Center"', "004", "British National Network Security Center", None),
]


@pytest.fixture(scope="module")
def page(browser, site_url):
    p = browser.new_page(viewport=DESKTOP)
    p.goto(site_url)
    yield p
    p.close()


def first_result(page) -> dict:
    return page.eval_on_selector(
        ".dz-search-result",
        """li => ({
            href: li.querySelector('.dz-search-doc').href,
            facts: (li.querySelector('.dz-search-date') || {}).textContent || '',
            factMarks: Array.from(li.querySelectorAll('.dz-search-date mark')).map(m => m.textContent),
            pair: li.querySelector('.dz-search-pair') && {
                zh: (li.querySelector('.dz-search-pair .dz-search-zh') || {}).textContent || '',
                en: (li.querySelector('.dz-search-pair .dz-search-en') || {}).textContent || '',
                aligned: (li.querySelector('.dz-search-pair .dz-search-aligned') || {}).textContent || '',
                marks: Array.from(li.querySelectorAll('.dz-search-pair mark')).map(m => m.textContent),
            },
        })""",
    )


def assert_first(
    page, query: str, slugs: tuple[str, ...], shows: str | None, counterpart: str | None = None
) -> None:
    """Search `query`: the first result is one of the documents `slugs`, its first pair shows
    `shows` marked (None: found by its header, the speaker or publisher marked there) and its
    aligned sentence `counterpart`."""
    run_search(page, query)
    first = first_result(page)
    assert any(f"/texts/{slug}/" in first["href"] for slug in slugs), (query, first)
    if shows is None:
        assert first["factMarks"], first
        return
    pair = first["pair"]
    assert pair is not None, first
    assert shows in " ".join(pair["zh"].split()) + " " + " ".join(pair["en"].split()), (query, pair)
    assert pair["marks"], pair
    if counterpart is not None:
        assert counterpart in pair["aligned"], (query, pair)


@pytest.mark.parametrize(("query", "seed", "shows", "counterpart"), QUERIES, ids=[q[0] for q in QUERIES])
def test_a_real_query_puts_the_right_document_and_pair_first(page, query, seed, shows, counterpart) -> None:
    assert_first(page, query, (seed_slug(seed),), shows, counterpart)


def test_a_hit_shows_the_aligned_sentence_not_the_paragraph_start(page) -> None:
    run_search(page, "世界互联网大会")
    pair = first_result(page)["pair"]
    # the Chinese sentence holding the phrase, and the English sentence aligned with it, both marked
    assert pair["zh"].startswith("自2014年起") and not pair["zh"].startswith("第三")
    assert pair["en"].startswith("Moreover, China has hosted") and "On cyber security" not in pair["en"]
    assert pair["marks"] == ["世界互联网大会", "World Internet Conference"]


def test_a_chinese_phrase_is_verified_in_every_pair_shown(page) -> None:
    """Bigrams find candidates; a pair holding only 互联网 (a part of the phrase) is not a hit."""
    run_search(page, "世界互联网大会")
    pairs = page.eval_on_selector_all(
        ".dz-search-result .dz-search-pair", "ps => ps.map(p => p.textContent.replace(/\\s+/g, ' '))"
    )
    assert pairs
    renderings = ("世界互联网大会", "World Internet Conference", "WIC", "Wuzhen Summit")
    assert all(any(r in p for r in renderings) for p in pairs), pairs


def test_a_glossary_term_also_finds_the_other_languages_text_and_says_so(page) -> None:
    """世界互联网大会 finds the English-only op-ed (002) through the glossary's rendering."""
    run_search(page, "世界互联网大会")
    results = page.eval_on_selector_all(
        ".dz-search-result",
        "ls => ls.map(l => [l.querySelector('.dz-search-doc').href, (l.querySelector('.dz-search-via') || {}).textContent || ''])",
    )
    op_ed = [via for href, via in results if f"/texts/{seed_slug('002')}/" in href]
    assert op_ed == ["also: World Internet Conference"]
    assert "Also searched: World Internet Conference" in page.inner_text(".dz-search-status")


def test_the_editors_guide_is_not_among_the_documents(page) -> None:
    run_search(page, "cyber sovereignty")
    items = page.eval_on_selector_all(
        ".dz-search-results > li",
        "ls => ls.map(l => l.classList.contains('dz-search-group') ? 'group' : l.querySelector('.dz-search-doc').href)",
    )
    assert "group" in items
    documents, others = items[: items.index("group")], items[items.index("group") + 1 :]
    assert documents and all("/texts/" in h for h in documents)
    assert any(h.rstrip("/").endswith("/editors") for h in others)


@pytest.mark.parametrize(
    ("query", "facet", "value", "seeds"),
    [
        ("网络空间", "y", "2013", {"001"}),  # the year: only the 2013 speech
        ("World Internet Conference", "l", "zh", {"000"}),  # with Chinese text: not the English op-ed
        ("cyberspace", "p", "Huffington Post", {"003"}),  # the publisher
        ("cyberspace", "a", "Zhang Shenglei", {"002"}),  # the author
    ],
)
def test_filters_keep_only_the_documents_they_name(browser, site_url, query, facet, value, seeds) -> None:
    p = browser.new_page(viewport=DESKTOP)
    p.goto(site_url)
    unfiltered = run_search(p, query)
    assert len([h for h in unfiltered if "/texts/" in h]) > len(seeds)
    p.select_option(f"#dz-search-filter-{facet}", value)
    p.wait_for_function(
        "n => document.querySelector('.dz-search').dataset.state === 'done'"
        " && document.querySelectorAll('.dz-search-doc').length === n",
        arg=len(seeds),
    )
    found = p.eval_on_selector_all(".dz-search-doc", "as => as.map(a => a.href)")
    assert {h.rstrip("/").split("/")[-1][:3] for h in found} == seeds, found
    p.close()


def test_landing_on_a_result_marks_the_match_in_its_row(browser, site_url) -> None:
    p = browser.new_page(viewport=DESKTOP)
    p.goto(site_url)
    run_search(p, "网络空间国家主权")
    link = p.query_selector(f".dz-search-pair[href*='{seed_slug('001')}']")
    href = link.get_attribute("href")
    link.click()
    p.wait_for_url(href)
    anchor = href.split("#")[1]
    p.wait_for_selector(f"#{anchor} mark.dz-search-hit")
    marked = p.eval_on_selector_all(f"#{anchor} mark.dz-search-hit", "ms => ms.map(m => m.textContent)")
    assert marked and set(marked) == {"网络空间国家主权"}, marked
    # the row's text is unchanged by the marks
    assert "尊重网络空间国家主权" in p.inner_text(f"#{anchor}")
    # nothing is marked elsewhere on the page, and a later visit is not marked
    assert p.eval_on_selector_all("mark.dz-search-hit", "ms => ms.length") == len(marked)
    p.reload()
    p.wait_for_load_state("load")
    assert p.eval_on_selector_all("mark.dz-search-hit", "ms => ms.length") == 0
    p.close()


def list_marks(site) -> dict[str, list[tuple[str, str, str]]]:
    """By document slug, the provenance marks the documents index shows: (class, words, evidence)."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup((site / "texts" / "index.html").read_text(encoding="utf-8"), "html.parser")
    out = {}
    for row in page.select("tbody tr"):
        link = row.select_one("a[href]")
        if link is None:
            continue
        slug = link["href"].rstrip("/").split("/")[-1]
        out[slug] = [
            (" ".join(d["class"]), d.summary.get_text(), d.select_one(".dz-prov-why").get_text())
            for d in row.select("details.dz-prov")
        ]
    return out


@pytest.mark.parametrize("query", ["cyberspace", "网络空间", "Huffington Post"])
def test_results_carry_the_provenance_marks_of_the_lists(page, seed_site, query) -> None:
    """Issue 21: a result says what its text is (original, machine translation suspected...),
    the same mark, words and evidence as the documents index, and a tap opens the evidence."""
    run_search(page, query)
    shown = page.eval_on_selector_all(
        ".dz-search-result",
        """ls => ls.map(l => [l.querySelector('.dz-search-doc').href,
            Array.from(l.querySelectorAll('details.dz-prov')).map(d =>
                [d.className, d.querySelector('summary').textContent, d.querySelector('.dz-prov-why').textContent])])""",
    )
    listed = list_marks(seed_site.site)
    documents = [(href, marks) for href, marks in shown if "/texts/" in href]
    assert documents
    for href, marks in documents:
        slug = href.rstrip("/").split("/")[-1]
        assert marks and [tuple(m) for m in marks] == listed[slug], (slug, marks, listed[slug])
    if query == "Huffington Post":
        first = page.locator(".dz-search-result").first
        assert first.locator("details.dz-prov summary").inner_text() == "machine translation suspected"
        why = first.locator(".dz-prov-why")
        assert not why.is_visible()
        first.locator("details.dz-prov summary").click()
        assert why.is_visible() and why.inner_text().startswith("inferred by a rule")
