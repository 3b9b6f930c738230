"""A real build of the seeds plus Xi's 2023 Belt and Road keynote as published by the Ministry of
Foreign Affairs and by the FOCAC site (both genuine scrapes; the test adds a sentence to the FOCAC
copy and changes one word, the kind of edit a repost makes): the two are one work, the compare page
marks the inserted and the changed wording (read in Chromium), each version's page links to it, and
the seeds' pages keep their permalinks and name no version."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .conftest import SOURCES, build, make_project, serve

FILES = Path(__file__).parent / "data" / "realworld" / "meta" / "files"
MFA = "fmprc-zh-speech-2023-10-18-xi-brf3-keynote"
FOCAC = "focac-zh-speech-2023-10-18-xi-brf3-keynote"
INSERTED = "这是本届论坛首次在秋季举行。"
OLD, NEW = "丰硕", "显著"
ANCHOR = re.compile(r'id="(p-[0-9a-f]{8}(?:-[0-9]+)?)"')


@pytest.fixture(scope="module")
def versions_site(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("versions")
    sources = root / "sources"
    shutil.copytree(SOURCES, sources)
    shutil.copy(FILES / f"{MFA}.txt", sources)
    text = (FILES / f"{FOCAC}.txt").read_text(encoding="utf-8")
    anchor = "对各位嘉宾表示热烈欢迎！"
    assert anchor in text and OLD in text
    edited = text.replace(anchor, anchor + INSERTED, 1).replace(OLD, NEW, 1)
    (sources / f"{FOCAC}.txt").write_text(edited, encoding="utf-8")
    result = build(make_project(root / "project", sources))
    assert result.returncode == 0, result.log
    return result


def test_compare_page_marks_the_inserted_and_the_changed_wording(versions_site, browser, seed_site) -> None:
    compare = versions_site.site / "compare" / f"{MFA}--{FOCAC}" / "index.html"
    assert compare.exists()
    url, server = serve(versions_site.site)
    try:
        page = browser.new_page()
        page.goto(f"{url}compare/{MFA}--{FOCAC}/")
        summary = page.locator(".dz-compare-summary").inner_text()
        assert "2 paragraphs worded differently" in summary and "the same title" in summary
        # the reference is the ministry's copy (an official issuer in the publishers data)
        assert "Reference: 中华人民共和国外交部" in page.locator(".dz-compare-versions").inner_text()
        table = page.locator(".dz-compare-table")
        inserted = table.locator("td:nth-child(2) ins:not(.dz-changed)").all_inner_texts()
        assert inserted == [INSERTED]
        assert table.locator("td:nth-child(1) ins").count() == 0  # nothing inserted on the reference side
        was = table.locator("td:nth-child(1) del.dz-changed").all_inner_texts()
        now = table.locator("td:nth-child(2) ins.dz-changed").all_inner_texts()
        assert len(was) == len(now) == 1 and OLD in was[0] and was[0].replace(OLD, NEW) == now[0]
        # the row of the changed word holds, on each side, the whole paragraph of its version
        row = table.locator("tr", has=page.locator("del.dz-changed"))
        left, right = row.locator("td").all_inner_texts()
        assert left.replace(OLD, NEW) == right and NEW not in left
        # each version's page names the other and links to the comparison
        for slug, other in ((MFA, "中非合作论坛"), (FOCAC, "中华人民共和国外交部")):
            page.goto(f"{url}texts/{slug}/")
            note = page.locator(".dz-versions")
            assert other in note.inner_text() and "2023-10-18" in note.inner_text()
            note.locator("a", has_text="compare").click()
            page.wait_for_url(f"**/compare/{MFA}--{FOCAC}/")
        page.close()
    finally:
        server.shutdown()
    # the seeds: same permalinks as the seed site's, and no versions note
    for path in sorted((seed_site.site / "texts").glob("0*/index.html")):
        mine = (versions_site.site / path.relative_to(seed_site.site)).read_text(encoding="utf-8")
        assert ANCHOR.findall(mine) == ANCHOR.findall(path.read_text(encoding="utf-8"))
        assert "dz-versions" not in mine


def test_a_citation_of_one_version_names_that_copy_and_the_others(versions_site, browser, tmp_path) -> None:
    """Either copy of the keynote is cited as that copy (its publisher, date and address), naming
    the other; the seeds, each in one version, are cited as before (no version named)."""
    import bibtexparser

    url, server = serve(versions_site.site)
    try:
        page = browser.new_page()
        for slug, own, other in (
            (MFA, "中华人民共和国外交部", "中非合作论坛"),
            (FOCAC, "中非合作论坛", "中华人民共和国外交部"),
        ):
            page.goto(f"{url}texts/{slug}/")
            doc = page.locator(".dz-doc")
            address = doc.get_attribute("data-source-url") or "source URL unknown"
            copy = f"Version cited: this copy ({own}"
            page.click(".dz-cite-doc")
            chicago = page.inner_text(".dz-cite-dialog [data-format=chicago] .dz-cite-text")
            said = chicago.split(copy, 1)[1].split(".", 1)[0] if copy in chicago else ""
            assert said.startswith(", 2023-10-18") and address in chicago, chicago
            assert f"one of 2 versions of the text; the others: {other}" in chicago
            with page.expect_download() as download:
                page.click(".dz-cite-file[data-format=bibtex]")
            target = tmp_path / f"{slug}.bib"
            download.value.save_as(target)
            (entry,) = bibtexparser.parse_string(target.read_text(encoding="utf-8")).entries
            assert copy in entry.fields_dict["note"].value and other in entry.fields_dict["note"].value
            page.keyboard.press("Escape")
        page.close()
    finally:
        server.shutdown()
    for path in sorted((versions_site.site / "texts").glob("0*/index.html")):
        assert "data-version=" not in path.read_text(encoding="utf-8"), path
