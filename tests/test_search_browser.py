"""Search in real Chromium over http: a zh and an en query each find exactly the documents that
hold them, and a result leads to the matching pair."""

from __future__ import annotations

import re

import pytest

from duizhao.link import glossary

from .conftest import ROOT, SOURCES

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}


def holding(text: str) -> set[str]:
    """Names of the seeds and hand-written pages whose text contains `text` (case-insensitive),
    read from the sources and docs/ (the home page is "index"), and the slugs of the glossary
    entries (term pages) whose forms or note contain it."""
    # (English as whole words: "WIC" is not in "twice")
    pattern = re.compile(
        re.escape(text) if re.search(r"[\u3400-\u9fff]", text) else rf"(?<!\w){re.escape(text)}(?!\w)", re.I
    )
    files = list(SOURCES.glob("*.txt")) + list((ROOT / "docs").glob("*.md"))
    found = {p.stem.lower() for p in files if pattern.search(p.read_text(encoding="utf-8"))}
    entries, _ = glossary.parse((SOURCES / glossary.GLOSSARY_FILE).read_text(encoding="utf-8"))
    for e in entries.entries:
        if any(pattern.search(f) for f in (*e.zh_forms, *e.en_forms, e.note)):
            found.add(e.slug)
    return found


def run_search(page, query: str) -> list[str]:
    """Open the dialog, type the query, wait for its results; the hrefs of the result titles."""
    if not page.is_visible(".dz-search"):
        page.click(".dz-search-open")
    page.fill(".dz-search-input", query)
    page.wait_for_function(
        "q => { const d = document.querySelector('.dz-search');"
        " return d.dataset.state === 'done' && d.dataset.query === q; }",
        arg=query,
    )
    return page.eval_on_selector_all(".dz-search-doc", "as => as.map(a => a.href)")


def slugs(hrefs: list[str], root: str) -> set[str]:
    """Result addresses as names: texts/<slug>/ or texts/<slug>.html -> slug; the root -> index."""
    return {h.removeprefix(root).rstrip("/").split("/")[-1].removesuffix(".html") or "index" for h in hrefs}


def renderings(query: str) -> list[str]:
    """The other language's forms (at most 3: `renderings` in data/search.yml) of the glossary
    entry whose form the query is."""
    entries, _ = glossary.parse((SOURCES / glossary.GLOSSARY_FILE).read_text(encoding="utf-8"))
    for e in entries.entries:
        if query in e.zh_forms:
            return list(e.en_forms[:3])
        if query in e.en_forms:
            return list(e.zh_forms[:3])
    return []


def is_document(name: str) -> bool:
    return any(SOURCES.glob(f"{name}.*")) and name != "index"


@pytest.mark.parametrize("query", ["世界互联网大会", "World Internet Conference"])
def test_search_finds_exactly_the_documents_that_hold_the_query(browser, site_url, query) -> None:
    """The query and, as it is a glossary form, its renderings in the other language."""
    also = renderings(query)
    assert also, "the query is a glossary form"
    expected = holding(query).union(*(holding(f) for f in also))
    if query == "世界互联网大会":
        assert expected - holding(query), "a text holds only the other language's form"
    page = browser.new_page(viewport=DESKTOP)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + "about/")
    found = run_search(page, query)
    assert slugs(found, site_url) == expected, found
    texts = [n for n in expected if is_document(n)]
    status = page.inner_text(".dz-search-status")
    assert status.startswith(f"{len(texts)} documents, {len(expected) - len(texts)} "), status
    assert status.endswith("Also searched: " + ", ".join(also) + "."), status
    # documents first, then the glossary and hand-written pages, under their own heading
    kinds = page.eval_on_selector_all(
        ".dz-search-results > li",
        "ls => ls.map(l => l.classList.contains('dz-search-group') ? 'group' : l.querySelector('.dz-search-doc').href)",
    )
    assert kinds.index("group") == len(texts)
    assert all(is_document(n) for n in slugs(kinds[: len(texts)], site_url))
    # Every result shows its matching pair with the query marked.
    marked = page.eval_on_selector_all(
        ".dz-search-result mark", "ms => ms.map(m => m.textContent.toLowerCase())"
    )
    for word in query.lower().split():
        assert any(word in m for m in marked), (word, marked)
    index_files = [r for r in requests if "/search/" in r]
    assert index_files and all(r.startswith(site_url) for r in index_files), "the site's own index"
    page.close()


def test_a_result_opens_the_pair_that_matched(browser, site_url) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site_url)
    run_search(page, "世界互联网大会")
    pair = ".dz-search-pair[href*='/texts/']"  # a document's pair (a glossary entry may rank first)
    href = page.get_attribute(pair, "href")
    assert "#p-" in href
    page.click(pair)
    page.wait_for_url(href)
    anchor = href.split("#")[1]
    assert "世界互联网大会" in page.inner_text(f"#{anchor} .dz-zh")
    assert page.eval_on_selector(f"#{anchor}", "e => e.getBoundingClientRect().top") < DESKTOP["height"]
    page.close()


def test_keyboard_opens_searches_and_closes(browser, site_url) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site_url)
    page.keyboard.press("/")
    # the engine loads on first use: wait for the box and its focus, not for a time
    page.wait_for_selector(".dz-search-input", state="visible")
    page.wait_for_function("document.activeElement.classList.contains('dz-search-input')")
    page.keyboard.type("cyberspace governance")
    # typing searches as it goes: wait for the results of the whole query, not of a prefix
    page.wait_for_function(
        "(d => d.dataset.state === 'done' && d.dataset.query === 'cyberspace governance')"
        "(document.querySelector('.dz-search'))"
    )
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('dz-search-doc')")
    page.keyboard.press("Escape")
    assert not page.is_visible(".dz-search")
    assert page.evaluate("document.activeElement.classList.contains('dz-search-open')")
    page.close()


def test_no_match_says_so_and_partial_words_match_as_you_type(browser, site_url) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site_url)
    assert run_search(page, "zzyzx 无此词语") == []
    assert page.inner_text(".dz-search-status").startswith("Nothing found")
    # "Conferen" (still typing) finds the documents that hold "conference".
    assert slugs(run_search(page, "Conferen"), site_url) >= holding("World Internet Conference")
    page.close()


def test_phone_search_fills_the_screen(browser, site_url, shots) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site_url)
    run_search(page, "网络空间")
    box = page.eval_on_selector(".dz-search", "d => d.getBoundingClientRect().width")
    assert box >= 380
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(shots / "search-phone.png"))
    page.close()


def test_open_search_with_results_has_no_serious_accessibility_issue(browser, site_url) -> None:
    from .test_a11y import axe

    page = browser.new_page(viewport=DESKTOP)
    page.goto(site_url)
    run_search(page, "网络空间 cyberspace")
    assert page.is_visible(".dz-search-result")
    assert axe(page) == []
    page.close()


def test_glossary_terms_are_found_in_either_language(browser, site_url) -> None:
    """A glossary entry is a result of its own, leading to the term page that lists every use."""
    entries, _ = glossary.parse((SOURCES / glossary.GLOSSARY_FILE).read_text(encoding="utf-8"))
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site_url)
    for query in ("网络空间命运共同体", "community with a shared future in cyberspace"):
        owner = next(e for e in entries.entries if query in (*e.zh_forms, *e.en_forms))
        found = run_search(page, query)
        assert any(h.rstrip("/").endswith(f"/glossary/{owner.slug}") for h in found), (query, found)
    page.click(f".dz-search-doc[href*='/glossary/{owner.slug}']")
    page.wait_for_url(f"**/glossary/{owner.slug}/")
    assert owner.zh in page.inner_text("h1")
    page.close()
