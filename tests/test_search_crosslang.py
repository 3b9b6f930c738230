"""Cross-language search reads one file per glossary entry (search/g/), not the word chunks of the
other language's renderings: in real Chromium on the built seed site, a query that is a glossary
form downloads its own terms' chunks and its entry's file, and still finds the text that holds
only a rendering."""

from __future__ import annotations

import pytest

from duizhao.publish import search, search_terms

from .test_search_browser import DESKTOP, renderings, run_search
from .test_search_queries import seed_slug

pytestmark = pytest.mark.browser


def chunks(site, texts: list[str]) -> set[str]:
    """The chunk files (search/t/N.js) holding the index terms of `texts`, by the built manifest."""
    firsts = search._payload((site / "search" / "manifest.js").read_bytes())[0]["chunks"]
    return {f"t/{search.chunk_of(firsts, t)}.js" for text in texts for t in search_terms.terms(text)}


def entry_file(site, query: str) -> str:
    """The entry file listing the documents of the query's renderings: the entry's place in the
    built search/glossary.js, then the renderings' language."""
    forms = search._payload((site / "search" / "glossary.js").read_bytes())[0]
    n = next(i for i, (zh, en) in enumerate(forms) if query in zh or query in en)
    return f"g/{n}-{'en' if query in forms[n][0] else 'zh'}.js"


def searched_files(browser, site_url, query: str) -> tuple[list[str], list[dict]]:
    """Search `query` on a fresh page: the index files it asked for (search/…, without ?v=), and
    each result's address and "also:" line."""
    page = browser.new_page(viewport=DESKTOP)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url)
    run_search(page, query)
    results = page.eval_on_selector_all(
        ".dz-search-result",
        "ls => ls.map(l => ({href: l.querySelector('.dz-search-doc').href,"
        " via: (l.querySelector('.dz-search-via') || {}).textContent || ''}))",
    )
    page.close()
    files = [r.split("/search/", 1)[1].split("?")[0] for r in requests if "/search/" in r]
    return files, results


@pytest.mark.parametrize("query", ["世界互联网大会", "World Internet Conference"])
def test_a_glossary_query_reads_its_entry_file_not_its_renderings_word_chunks(
    browser, site_url, seed_site, query
) -> None:
    also = renderings(query)
    assert also, "the query is a glossary form"
    files, results = searched_files(browser, site_url, query)
    own = chunks(seed_site.site, [query])
    assert {f for f in files if f.startswith("t/")} == own, files
    assert entry_file(seed_site.site, query) in files, files
    assert [f for f in files if f.startswith("g/")] == [entry_file(seed_site.site, query)]
    if query == "World Internet Conference":
        # (here the renderings' bigrams fall in a chunk the query's words do not: a real check)
        assert chunks(seed_site.site, also) - own, "the renderings would have needed another chunk"
    else:
        # the English-only op-ed is found through the rendering, and says so
        op_ed = [r["via"] for r in results if f"/texts/{seed_slug('002')}/" in r["href"]]
        assert op_ed == ["also: World Internet Conference"], results
