"""Real MkDocs builds (strict) of the project in temporary directories."""

from __future__ import annotations

import re
import subprocess

from bs4 import BeautifulSoup

from duizhao.publish import front

from .conftest import BIN, ROOT, SOURCES, build, env


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def slug_of(path) -> str:
    return path.stem.lower()


def test_strict_build_is_clean(seed_site) -> None:
    assert "WARNING" not in seed_site.log and "ERROR" not in seed_site.log, seed_site.log


def test_a_page_for_every_source(seed_site) -> None:
    for src in sorted(SOURCES.glob("*.txt")):
        page = seed_site.site / "texts" / slug_of(src) / "index.html"
        assert page.is_file(), src.name


def test_seed_000_page_shows_three_pairs_side_by_side(seed_site) -> None:
    page = soup(seed_site.doc(slug_of(next(SOURCES.glob("000_*")))))
    pairs = page.select(".dz-pair")
    assert len(pairs) == 3
    firsts = ["第三,中国是网络安全国际合作", "上述事实表明", "中国古语云"]
    seconds = ["On cyber security, countries", "All these show that", "A Chinese adage goes"]
    for pair, zh, en in zip(pairs, firsts, seconds, strict=True):
        cells = pair.select(".dz-cell")
        assert [c["lang"] for c in cells] == ["zh-Hans", "en"]
        assert cells[0].get_text().startswith(zh) and cells[1].get_text().startswith(en)
        assert pair["id"].startswith("p-")


def test_seed_002_page_has_no_widget_lines_and_all_paragraphs(seed_site) -> None:
    page = soup(seed_site.doc(slug_of(next(SOURCES.glob("002_*")))))
    text = "\n".join(p.get_text() for p in page.select(".dz-text p, .dz-text h2, .dz-text h3"))
    for widget in [
        "0 Comment(s)",
        "Print E-mail",
        "Adjust font size",
        "User Name Required",
        "Add your comments",
    ]:
        assert widget not in text
    source = next(SOURCES.glob("002_*")).read_text(encoding="utf-8")
    prose = [line.strip() for line in source.splitlines() if len(line.split()) > 25]
    assert len(prose) >= 12
    for paragraph in prose:
        assert paragraph in text, paragraph[:60]
    # the widgets are listed in the audit instead
    audit = page.select_one(".dz-audit").get_text(" ")
    assert "Adjust font size:" in audit and "widget.comments" in audit


def test_one_language_pages_say_so(seed_site) -> None:
    page = soup(seed_site.doc(slug_of(next(SOURCES.glob("004_*")))))
    assert "No translation is available yet" in page.select_one(".dz-notice").get_text()
    assert all(c["lang"] == "en" for c in page.select(".dz-cell"))


def test_home_lists_every_document_with_date_and_languages(seed_site) -> None:
    """The front page's newest texts: the five seed works (fewer than front.FRONT_NEWEST), dated,
    each linked to its page."""
    home = soup(seed_site.page("index.html"))
    rows = home.select("article .dz-front-list > li")
    assert len(rows) == len(list(SOURCES.glob("*.txt"))) <= front.FRONT_NEWEST
    text = home.get_text(" ")
    assert "China contributes wisdom to the world in cyberspace" in text
    assert "2017-12-13" in text and "2013-11-05" in text
    hrefs = [a["href"] for a in home.select("article .dz-front-list a.dz-front-title")]
    assert len(hrefs) == len(rows) and all(h.startswith("texts/") for h in hrefs)
    for href in hrefs:
        assert (seed_site.site / href / "index.html").is_file()


def test_documents_index_page(seed_site) -> None:
    page = soup(seed_site.page("texts/index.html"))
    assert len(page.select("article table tbody tr")) == len(list(SOURCES.glob("*.txt")))


def test_sources_are_untouched_by_a_build(seed_site) -> None:
    for src in SOURCES.glob("*.txt"):
        assert (seed_site.root / "sources" / src.name).read_bytes() == src.read_bytes()
    assert not (seed_site.root / "docs" / "texts").exists()


def test_unreadable_source_fails_the_strict_build_by_name(project) -> None:
    root = project(
        {
            "good.txt": "China is ready to strengthen cooperation with all countries.\n",
            "bad.txt": b"\x00\x01\x02binary",
        }
    )
    result = build(root)
    assert result.returncode != 0
    assert "bad.txt" in result.log and "binary" in result.log
    lenient = build(root, strict=False)
    assert lenient.returncode == 0
    assert (lenient.site / "texts" / "good" / "index.html").is_file()


def test_hostile_source_cannot_inject_markup(project) -> None:
    root = project(
        {
            "evil.txt": "<script>alert(1)</script>\n\nBody text with <img src=x onerror=alert(2)> inside it, long enough.\n"
        }
    )
    result = build(root)
    assert result.returncode == 0, result.log
    html = result.doc("evil")
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<script" not in title


def test_export_builds_with_plain_mkdocs(tmp_path) -> None:
    out = tmp_path / "export"
    proc = subprocess.run(
        [
            str(BIN / "duizhao"),
            "export",
            str(out),
            "--sources",
            str(SOURCES),
            "--config",
            str(ROOT / "mkdocs.yml"),
        ],
        capture_output=True,
        text=True,
        env=env(),
    )
    assert proc.returncode == 0, proc.stderr
    config = (out / "mkdocs.yml").read_text()
    assert "hooks" not in config
    assert (out / "docs" / "texts" / "index.md").is_file()
    plain = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "-f", str(out / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env=env(),
        cwd=out,
    )
    assert plain.returncode == 0, plain.stderr
    home = (out / "site" / "index.html").read_text()
    assert "China contributes wisdom to the world in cyberspace" in home
    assert len(list((out / "site" / "texts").glob("*/index.html"))) == len(list(SOURCES.glob("*.txt")))
