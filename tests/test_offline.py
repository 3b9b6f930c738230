"""The offline bundle (`make offline`): one reproducible zip that works from file:// with the
network blocked: pages, styles, scripts, search in both languages, the reader's switch."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest

from .conftest import BIN, SOURCES, env, make_project
from .test_search_browser import holding as holding_query
from .test_search_browser import renderings

DESKTOP = {"width": 1280, "height": 800}


def offline_zip(tmp: Path) -> Path:
    """Build the project's offline site and bundle in `tmp`, as `make offline` does."""
    project = make_project(tmp)
    for args in (
        [
            str(BIN / "mkdocs"),
            "build",
            "--strict",
            "--clean",
            "-f",
            "mkdocs-offline.yml",
            "-d",
            "build/offline",
        ],
        [str(BIN / "duizhao"), "bundle", "build/offline", "--config", "mkdocs.yml", "--out", "dist"],
    ):
        proc = subprocess.run(args, cwd=project, env=env(), capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    zips = list((project / "dist").glob("*-offline.zip"))
    assert len(zips) == 1
    return zips[0]


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> Path:
    return offline_zip(tmp_path_factory.mktemp("offline-a"))


@pytest.fixture(scope="session")
def unzipped(bundle, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(out)
    (root,) = list(out.iterdir())
    return root


def test_bundle_is_named_after_the_site_and_holds_one_folder(bundle) -> None:
    assert bundle.name == "duizhao-offline.zip"
    with zipfile.ZipFile(bundle) as zf:
        names = zf.namelist()
    assert names == sorted(names)
    assert all(n.startswith("duizhao-offline/") for n in names)
    assert "duizhao-offline/index.html" in names and "duizhao-offline/search/manifest.js" in names
    assert not any(n.endswith((".map", "sitemap.xml.gz")) for n in names)


def test_two_builds_give_byte_identical_zips(bundle, tmp_path) -> None:
    # Built again from scratch in another folder: nothing of the build's time or place leaks in.
    assert offline_zip(tmp_path).read_bytes() == bundle.read_bytes()


def test_pages_link_relatively_and_load_nothing_from_elsewhere(unzipped) -> None:
    import re

    pages = sorted(unzipped.rglob("*.html"))
    assert len(pages) >= len(list(SOURCES.glob("*.txt"))) + 3
    for path in pages:
        html = path.read_text(encoding="utf-8")
        # Root-relative links break on file://; absolute http(s) links are fine (citations,
        # "report a problem") but nothing may be loaded from them.
        assert not re.search(r'(?:href|src)="/(?!/)', html), path.name
        assert not re.search(r'src="(?:https?:)?//', html), path.name
        for tag in re.findall(r"<link\b[^>]*>", html):
            if re.search(r'rel="(?:stylesheet|preload|modulepreload|icon|manifest)"', tag):
                assert not re.search(r'href="(?:https?:)?//', tag), (path.name, tag)
        # The theme's repository link stays, without the hook that fetches its facts.
        assert 'data-md-component="source"' not in html, path.name
    doc = (unzipped / "texts" / f"{next(SOURCES.glob('000_*')).stem.lower()}.html").read_text("utf-8")
    assert 'href="../index.html"' in doc, "page.html links that open from disk"


@pytest.mark.browser
def test_bundle_works_from_file_urls_with_the_network_blocked(browser, unzipped, shots) -> None:
    context = browser.new_context(viewport=DESKTOP)
    context.set_offline(True)
    attempts: list[str] = []
    files: list[str] = []

    def block(route) -> None:
        attempts.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith("file:"), block)
    page = context.new_page()
    page.on(
        "request", lambda r: None if r.url.startswith(("file:", "data:", "blob:")) else attempts.append(r.url)
    )
    page.on("request", lambda r: files.append(r.url) if r.url.startswith("file:") else None)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    root = unzipped.as_uri()
    first = next(SOURCES.glob("000_*")).stem.lower()
    # Three pages: home, a document, a hand-written page; each styled and scripted from the bundle.
    for rel in ("index.html", f"texts/{first}.html", "about.html"):
        page.goto(f"{root}/{rel}")
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        assert page.is_visible(".dz-search-open"), rel

    # Search in both languages, from the home page; a result opens its pair.
    page.goto(f"{root}/index.html")
    for query in ("世界互联网大会", "World Internet Conference"):
        if not page.is_visible(".dz-search"):
            page.click(".dz-search-open")
        page.fill(".dz-search-input", query)
        page.wait_for_function(
            "q => { const d = document.querySelector('.dz-search');"
            " return d.dataset.state === 'done' && d.dataset.query === q; }",
            arg=query,
        )
        hrefs = page.eval_on_selector_all(".dz-search-doc", "as => as.map(a => a.href)")
        found = {h.split("/")[-1].removesuffix(".html") for h in hrefs}
        # The seeds, hand-written pages and glossary entries that hold the query or, as it is a
        # glossary form, the entry's other forms (searched with it).
        holding = holding_query(query).union(*(holding_query(f) for f in renderings(query)))
        assert holding and found == holding, (query, hrefs)
        assert all(h.startswith("file:") and h.endswith(".html") for h in hrefs)
    page.screenshot(path=str(shots / "offline-search.png"))
    page.click(".dz-search-pair")
    page.wait_for_load_state()
    assert page.url.startswith(root) and "#p-" in page.url
    assert page.is_visible(".dz-pair:target, .dz-pair")

    # Sentence highlights and citation copying work from disk.
    page.goto(f"{root}/texts/{first}.html")
    page.hover(".dz-pair .dz-zh .dz-s")
    assert page.eval_on_selector_all(".dz-pair .dz-en .dz-hl", "es => es.length") > 0
    page.click(".dz-pair .dz-cite-btn")
    page.click(".dz-cite-dialog [data-format=chicago] .dz-cite-copy")
    page.wait_for_function(
        "(document.querySelector('.dz-status') || {}).textContent === 'Chicago (17th ed.) citation copied'"
    )
    page.keyboard.press("Escape")
    # The reader's switch works, and is remembered on the next page load (Chromium keeps one
    # localStorage for file:// pages).
    page.click(".dz-views [data-view=en]")
    hidden_zh = page.eval_on_selector_all(
        ".dz-cell.dz-zh", "cs => cs.filter(c => c.getClientRects().length).length"
    )
    assert hidden_zh == 0
    page.goto(f"{root}/about.html")
    page.goto(f"{root}/texts/{first}.html")
    assert page.get_attribute(".dz-views [data-view=en]", "aria-pressed") == "true", (
        "choice kept across pages"
    )
    # Permalinks: a pair's ¶ link targets it.
    anchor = page.eval_on_selector(".dz-pair .dz-permalink", "a => a.getAttribute('href')")
    page.click(".dz-pair .dz-permalink")
    assert page.url.endswith(anchor)

    assert attempts == [], f"network requests were attempted: {attempts}"
    # Every file a page asked for is in the bundle (a navigation may cancel a request, so the
    # requests themselves are checked, not their completion).
    from urllib.parse import unquote, urlsplit

    missing = {u for u in files if not Path(unquote(urlsplit(u).path)).is_file()}
    assert len(files) > 20 and missing == set(), f"files missing from the bundle: {missing}"
    assert errors == []
    context.close()


def test_the_zip_holds_only_media_its_pages_use_and_its_size_is_the_readmes(bundle, unzipped) -> None:
    """The docs folder's README screenshots are no page's: they stay out. Every picture in the zip
    is named by a page, stylesheet or script of it; the README states the zip's size truly."""
    from .conftest import ROOT

    shots = sorted((ROOT / "docs" / "assets" / "screenshots").glob("*.png"))
    assert shots, "the README's screenshots live in docs/"
    names = [p.relative_to(unzipped).as_posix() for p in unzipped.rglob("*") if p.is_file()]
    assert not any(n.endswith(tuple(s.name for s in shots)) for n in names)
    text = "".join(
        (unzipped / n).read_text(encoding="utf-8", errors="replace")
        for n in names
        if n.endswith((".html", ".css", ".js"))
    )
    media = [n for n in names if n.endswith((".png", ".jpg", ".svg", ".gif", ".ico", ".webp"))]
    assert all(n.rsplit("/", 1)[-1] in text for n in media), media
    import re

    stated = re.search(r"`dist/duizhao-offline\.zip` \(([0-9.]+) MB", (ROOT / "README.md").read_text("utf-8"))
    assert stated, "the README states the zip's size"
    size = bundle.stat().st_size / 1024 / 1024
    assert round(size, 1) == float(stated.group(1)), (size, stated.group(1))


def test_offline_copy_links_the_data_files_relatively(unzipped) -> None:
    """The corpus as data (test_corpus_data.py) from file://: the home page and the data page
    reach every file by page.html links."""
    import xml.etree.ElementTree as ET

    from duizhao.publish import corpus_data

    home = (unzipped / "index.html").read_text(encoding="utf-8")
    assert 'href="data/index.html"' in home
    page = (unzipped / "data" / "index.html").read_text(encoding="utf-8")
    for name in corpus_data.FILES:
        assert f'href="data/{name}"' in home and f'href="{name}"' in page
        assert (unzipped / "data" / name).is_file()
    assert ET.parse(unzipped / "data" / "corpus.tmx").getroot().findall("./body/tu")
