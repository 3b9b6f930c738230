"""Every page, not only document pages: editor data from sources/ (sidecars, the glossary, the
cleaner's rules, the URL registry) is untrusted like the scrapes, and every generated HTML page
passes the allow-list (issue 25).

- A site built from data files stuffed with payloads in every field: in Chromium no handler runs
  on any page, on load, hover, click and keys, no dialog opens and nothing is requested from
  another host.
- Every HTML file of the seed, reader, adversarial and payload sites: its content (what is not
  the theme's own markup) is a fixed point of the allow-list.
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from duizhao.publish import sanitize

from .adversarial import payloads
from .conftest import Build, Site, build, make_project, serve, shared
from .test_adversarial import EVENTS, PROBE, PROBE_MAX
from .test_adversarial import _events as _all_events

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _events(markup: str) -> list:
    """The parser's events, without the end tags of void elements (`<br/>` and `<br>` alike)."""
    return [e for e in _all_events(markup) if not (isinstance(e, tuple) and e[0] == "/" and e[1] in VOID)]


@pytest.fixture(scope="session")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    def make(project: Path) -> tuple[int, str]:
        sources = project.parent / f"{project.name}-sources"
        payloads.write(sources)
        result = build(make_project(project, sources), strict=False)
        return result.returncode, result.log

    project, code, log = shared(tmp_path_factory, "payload-site", make)
    assert code == 0, log
    return Build(project, project / "site", code, log)


def test_the_payload_site_builds_every_document_and_names_the_bad_registry(payload_site: Build) -> None:
    assert "Traceback" not in payload_site.log
    assert len(list((payload_site.site / "texts").glob("*/index.html"))) == 4
    assert "_published.yml:2" in payload_site.log  # the hostile slug is refused, by line


# ---- Every page is a fixed point of the allow-list ---------------------------------------------

# The theme's own markup inside the content area: the edit/view buttons, the tags (escaped by us
# into the front matter, checked below as text), the source-file footer.
THEME_PARTS = "a.md-content__button, nav.md-tags, aside.md-source-file, .md-source-file"


def _content(path: Path) -> tuple[str, BeautifulSoup | None]:
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = page.select_one("article.md-content__inner")
    if article is None:
        return "", None
    for part in article.select(THEME_PARTS):
        part.decompose()
    return article.decode_contents(), page


def _fixed_points(site: Path) -> list[str]:
    """Pages whose content changes under the allow-list (a document's text under the document
    rules, the rest under the page rules)."""
    changed = []
    for path in sorted(site.rglob("*.html")):
        content, page = _content(path)
        if page is None:
            continue
        where = path.relative_to(site).as_posix()
        if _events(sanitize.clean_page(content)) != _events(content):
            changed.append(where)
        for doc in page.select(".dz-doc"):
            markup = doc.decode()
            if _events(sanitize.clean(markup)) != _events(markup):
                changed.append(f"{where} (document)")
        for tag in page.select("nav.md-tags a"):
            assert sanitize.url_allowed(tag.get("href", "")), where
            assert not tag.find(True), where  # a tag's name is text only
    return changed


def test_every_page_of_the_seed_site_is_a_fixed_point_of_the_allow_list(seed_site: Build) -> None:
    assert not _fixed_points(seed_site.site)
    # ... and the allow-list keeps what the pages are made of: marked terms in context, the
    # timeline's picture, tables with aligned columns, headings' permalinks.
    term = BeautifulSoup(seed_site.page("glossary/cyberspace/index.html"), "html.parser")
    assert term.select(".dz-kwic mark") and term.select("a.headerlink")
    assert BeautifulSoup(seed_site.page("glossary/index.html"), "html.parser").select("td[style], th[style]")
    timeline = BeautifulSoup(seed_site.page("timeline/index.html"), "html.parser")
    assert timeline.select("svg.dz-timeline-svg circle, svg.dz-timeline-svg rect")


def test_every_page_of_the_reader_site_is_a_fixed_point_of_the_allow_list(reader_site: Build) -> None:
    assert not _fixed_points(reader_site.site)


def test_every_page_of_the_payload_site_is_a_fixed_point_of_the_allow_list(payload_site: Build) -> None:
    assert not _fixed_points(payload_site.site)


def test_every_page_of_the_adversarial_site_is_a_fixed_point_of_the_allow_list(adversarial: Site) -> None:
    assert not _fixed_points(adversarial.site)


def test_the_page_allow_list_removes_what_a_payload_would_add() -> None:
    hostile = (
        '<h2 id="__drawer">x</h2><p onclick="x()">t</p><img src="https://evil.example/p.png">'
        '<a href="javascript:x()">j</a><table><tr><td style="background:url(x)">c</td></tr></table>'
        '<svg onload="x()"><circle cx="1" cy="2" r="3" onclick="x()"/></svg><iframe src="x"></iframe>'
    )
    kept = sanitize.clean_page(hostile)
    for bad in ("__drawer", "onclick", "evil.example", "javascript:", "background", "onload", "<iframe"):
        assert bad not in kept, bad
    assert "<circle" in kept and ">t</p>" in kept


# ---- In Chromium: nothing runs on any page of the payload site ----------------------------------


@pytest.mark.browser
def test_no_payload_runs_on_any_page_and_nothing_is_fetched(payload_site: Build, browser) -> None:
    url, server = serve(payload_site.site)
    dialogs: list[str] = []
    foreign: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.on("request", lambda r: None if r.url.startswith(url) else foreign.append(r.url))
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    targets = sorted(p.relative_to(payload_site.site).as_posix() for p in payload_site.site.rglob("*.html"))
    assert len(targets) > 20
    try:
        for target in targets:
            page.goto(url + urllib.parse.quote(target), wait_until="load")
            page.evaluate(PROBE, [EVENTS, PROBE_MAX])
            # (the probe clicked every button: a dialog it opened would cover the page. The search
            # box opens once its engine has loaded, which may be after the probe returns: wait for
            # the network to settle, and close any dialog again before each hover.)
            page.wait_for_load_state("networkidle")
            for selector in ("a", ".dz-s", "nav.md-tags a", ".md-header__topic", "svg a", "td"):
                page.evaluate("document.querySelectorAll('dialog[open]').forEach(d => d.close())")
                handle = page.query_selector(f".md-content {selector}, .md-header {selector}")
                if handle is not None and handle.is_visible():
                    handle.hover()
            # (not Enter: following a link is the reader's choice, not the page's doing)
            for key in ("Tab", "ArrowDown", "ArrowRight"):
                page.keyboard.press(key)
            assert page.evaluate("() => window.__dz_pwned") is None, target
            assert not dialogs, (target, dialogs)
            assert not foreign, (target, foreign)
    finally:
        context.close()
        server.shutdown()


# ---- Editor data is a regular file inside sources/, or refused by name ---------------------------


@pytest.mark.parametrize("name", ["rules.yml", "glossary.yml", "_published.yml", "doc.yml"])
def test_a_data_file_that_is_a_symbolic_link_is_refused_by_name(tmp_path: Path, name: str) -> None:
    from duizhao import pipeline

    outside = tmp_path / "outside.yml"
    outside.write_text("title_en: Secret from outside\n", encoding="utf-8")
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "doc.txt").write_text(
        "A statement of the ministry on cyberspace governance.\n", encoding="utf-8"
    )
    (sources / name).symlink_to(outside)
    surveyed = pipeline.survey(sources)
    notes = [*surveyed.notes, *surveyed.rules.diagnostics, *surveyed.lexicon.diagnostics]
    notes += [d for found in surveyed.car_notes.values() for d in found]
    assert any(d.path == name and "symbolic link" in d.message for d in notes), notes
    assert surveyed.cars["doc.txt"].metadata == {}


def test_a_name_too_long_for_a_sidecar_costs_nothing(tmp_path: Path) -> None:
    from duizhao import pipeline

    sources = tmp_path / "sources"
    sources.mkdir()
    name = "n" * 251 + ".txt"
    (sources / name).write_text("A statement on cyberspace governance.\n", encoding="utf-8")
    surveyed = pipeline.survey(sources)
    assert [r.name for r in surveyed.raws] == [name] and not surveyed.car_notes[name]


def test_a_truncated_download_keeps_its_complete_characters() -> None:
    from duizhao.read import ingest

    from .helpers import raw

    data = "中国愿同各国一道。China stands ready.\n中国".encode() + "愿".encode()[:2]
    decoded = ingest.decode(raw(data))
    assert decoded.encoding == "utf-8" and decoded.text.rstrip().endswith("中国")
    [note] = [d for d in decoded.diagnostics if "middle of a UTF-8 character" in d.message]
    assert f"offset {len(data) - 2}" in note.message


def test_a_page_re_saved_as_utf8_under_an_old_declaration_is_read_as_utf8_with_a_note() -> None:
    from duizhao.model import Level
    from duizhao.read import ingest

    from .helpers import raw

    page = '<html><head><meta charset="gb2312"></head><body><p>中国愿同各国一道，构建网络空间命运共同体。</p></body></html>'
    decoded = ingest.decode(raw(page, "page.html"))
    assert "构建网络空间命运共同体" in decoded.text
    assert [d.level for d in decoded.diagnostics] == [Level.INFO]
    # A sidecar's encoding settles what the bytes leave open.
    assert ingest.decode(raw(page.encode("gb18030"), "page.html"), "gb18030").encoding == "gb18030"
