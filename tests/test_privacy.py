"""No third party learns who reads what: every kind of page, loaded and used in real Chromium,
requests nothing but the local server (every request is routed: those to anywhere else are
aborted and counted), and the repository's address comes from configuration only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from duizhao.settings import load_config

from .conftest import ROOT, TEST_REPO, build
from .test_reader import DESKTOP, PHONE, pages_of


def page_kinds(site: Path) -> dict[str, str]:
    """One page of each kind the build wrote (by folder and depth: the home page, the documents
    index, a term, a year, a tag...), both kinds of document page, every hand-written page."""
    kinds: dict[tuple[str, int], str] = {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        parts = rel.split("/")
        kinds.setdefault((parts[0] if len(parts) > 1 else rel, len(parts)), rel)
    out = {f"{k[0]} (depth {k[1]})": v for k, v in kinds.items()}
    out["bilingual document"] = f"texts/{pages_of(site, 'dz-bilingual')[0]}/index.html"
    out["one-language document"] = f"texts/{pages_of(site, 'dz-monolingual')[0]}/index.html"
    return {k: v.removesuffix("index.html") for k, v in out.items()}


def use(page) -> None:
    """What a reader does on a page that may load more: point at and tap the text, open search
    and type in both languages (search loads its manifest, chunks and documents as scripts)."""
    if page.locator(".dz-pair").count():
        page.hover(".dz-pair .dz-s")
        page.click(".dz-pair .dz-s")
    if page.locator(".dz-search-open").count() and page.is_visible(".dz-search-open"):
        page.click(".dz-search-open")
        for query in ("网络空间", "cyberspace"):
            page.fill(".dz-search-input", query)
            page.wait_for_function(
                "q => { const d = document.querySelector('.dz-search');"
                " return d && d.dataset.state === 'done' && d.dataset.query === q; }",
                arg=query,
            )
        page.keyboard.press("Escape")


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_request_leaves_the_local_server_on_any_page(browser, reader_site, reader_url, viewport) -> None:
    kinds = page_kinds(reader_site.site)
    assert {"bilingual document", "one-language document", "glossary (depth 3)", "timeline (depth 2)"} <= set(kinds)
    ctx = browser.new_context(viewport=viewport)
    foreign: list[str] = []
    local: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith(reader_url):
            local.append(r.request.url)
            r.continue_()
        else:
            foreign.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    # Requests the router does not see (a service worker's, a beacon): none may leave either.
    ctx.on("request", lambda r: None if r.url.startswith((reader_url, "data:", "blob:")) else foreign.append(r.url))
    page = ctx.new_page()
    for name, path in kinds.items():
        page.goto(reader_url + path, wait_until="load")
        use(page)
        page.wait_for_load_state("networkidle")
        assert not foreign, (name, sorted(set(foreign)))
    ctx.close()
    # The test saw the pages' own requests: it would have seen foreign ones too.
    assert any(u.endswith(".css") for u in local) and any("/search/" in u for u in local)


def test_the_repository_address_comes_from_configuration() -> None:
    """mkdocs.yml names no repository (nor site address) of its own: both come from the
    environment, and are absent when it has none."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^repo_url: !ENV \[DUIZHAO_REPO_URL, null\]$", text, re.M)
    assert re.search(r"^site_url: !ENV \[DUIZHAO_SITE_URL, null\]$", text, re.M)
    assert not re.search(r"https?://(?!www\.w3\.org)[^\s]*github", text), "no placeholder address ships"
    config = load_config(text)
    assert config["theme"]["name"] == "material"


@pytest.mark.slow
def test_without_a_repository_no_page_names_one(project) -> None:
    root = project(
        {
            "statement.txt": "中国愿同各国加强网络空间合作。\n\nChina is ready to work with all countries on cyberspace.\n",
        }
    )
    result = build(root, env_overrides={"DUIZHAO_REPO_URL": None, "DUIZHAO_SITE_URL": None})
    assert result.returncode == 0, result.log
    pages = sorted(result.site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.select(".md-source, a.md-content__button"), page
        # (the footer names the theme, squidfunk.github.io, as a plain link)
        assert "github.com" not in html and "example-org" not in html, page
        assert not soup.select(".dz-links a[href*='issues']") and "data-report" not in html, page
    # and with one, the same build links it (the test above is not vacuous)
    named = build(root)
    assert named.returncode == 0, named.log
    doc = named.doc("statement")
    assert f'href="{TEST_REPO}"' in doc and f"{TEST_REPO}/issues/new" in doc
