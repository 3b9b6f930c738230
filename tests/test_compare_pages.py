"""A long comparison stays within the page budget: two versions of a long text (the ministry's
genuine Chinese texts of the real-world corpus, one after another, republished with a sentence
added near the end) are compared on numbered pages, each within the 80 KB budget, the first saying
so, every row on one of them; a paragraph too long for a row is cut and the row says so."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from duizhao import pipeline
from duizhao.clean.score import END_MARKER_UNITS
from duizhao.publish import compare, compare_page
from duizhao.vocab.rules import load_rules

from .conftest import build
from .helpers import broken_links
from .test_paging import PAGE_BUDGET

FILES = Path(__file__).parent / "data" / "realworld" / "meta" / "files"
INSERTED = "这是转载时加入的一句话。"


def _long_text() -> list[str]:
    """The ministry's texts' body lines (after each dump's header block), about 130 KB, without
    the pages' own end-of-text markers ("相关新闻"), which would end the joined text there."""
    ends = load_rules(FILES).starts["end_of_text"].matches
    lines: list[str] = []
    for path in sorted(FILES.glob("fmprc-zh-*.txt")):
        body = path.read_text(encoding="utf-8").split("\n\n", 1)[1]
        lines += [line.strip() for line in body.splitlines() if line.strip()]
    return [line for line in lines if not (len(line) <= END_MARKER_UNITS and ends(line))]


def test_a_long_comparison_is_paged_within_the_budget(project) -> None:
    lines = _long_text()
    # (the last paragraph of prose: the joined text ends on annex titles)
    late = max(i for i, line in enumerate(lines) if line.endswith("。") and len(line) > 40)
    edited = [*lines[:late], lines[late] + INSERTED, *lines[late + 1 :]]
    root = project(
        {
            "long-a.txt": "\n\n".join(lines) + "\n",
            "long-a.yml": "publisher: 中华人民共和国外交部\ndate: 2025-12-31\n",
            "long-b.txt": "\n\n".join(edited) + "\n",
            "long-b.yml": "publisher: 某网站\ndate: 2026-01-02\n",
        }
    )
    result = build(root)
    assert result.returncode == 0, result.log
    first = result.site / "compare" / "long-a--long-b" / "index.html"
    pages = [first, *sorted(first.parent.glob("*/index.html"), key=lambda p: int(p.parent.name))]
    assert len(pages) >= 3, pages
    sizes = {p.relative_to(result.site).as_posix(): p.stat().st_size for p in pages}
    assert max(sizes.values()) <= PAGE_BUDGET, sizes
    soups = [BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser") for p in pages]
    said = soups[0].select_one(".dz-compare-paged").get_text()
    assert f"continue on {len(pages) - 1} more pages" in said
    assert soups[0].select_one(".dz-compare-summary") and not soups[1].select_one(".dz-compare-summary")
    # Every paragraph of both versions (as the pipeline made them) is in one row of one page, in order;
    # the inserted sentence is marked once, on a later page.
    cells = [
        [td.get_text() for td in tr.select("td")]
        for s in soups
        for tr in s.select(".dz-compare-table tbody tr")
    ]
    built = {d.slug: d for d in pipeline.build_corpus(root / "sources").documents}
    assert [left for left, _ in cells] == compare_page._side(built["long-a"], "zh")
    assert [right for _, right in cells] == compare_page._side(built["long-b"], "zh")
    assert [right.replace(INSERTED, "") for _, right in cells] == [left for left, _ in cells]
    marked = [
        i for i, s in enumerate(soups) if INSERTED in [x.get_text() for x in s.select("ins:not(.dz-changed)")]
    ]
    assert len(marked) == 1 and marked[0] > 0
    for s, number in zip(soups, range(1, len(soups) + 1), strict=True):
        nav = s.select_one("nav.dz-parts")
        assert nav is not None and nav.select_one('[aria-current="page"]').get_text() == str(number)
    checked, broken = broken_links(result.site)
    assert checked and not broken, broken[:5]


def test_a_paragraph_too_long_for_a_row_is_cut_and_says_how_much() -> None:
    long = "".join(_long_text())[:40_000]
    rows, _ = compare.compare([long], [long[:-10] + "不同的结尾。"], "zh")
    (row,) = rows
    for pieces, right in ((row.left, False), (row.right, True)):
        html = compare_page._pieces_html(pieces, right)
        assert len(html.encode("utf-8")) <= compare_page.CELL_BYTES + 300
        shown = len(re.sub(r"<[^>]+>", "", html.split('<span class="dz-compare-cut">')[0]))
        cut = re.search(r"\[… ([\d,]+) more characters", html)
        assert cut is not None and shown + int(cut.group(1).replace(",", "")) == sum(
            len(p.text) for p in pieces
        )
    short = compare.compare(["一句话。"], ["一句话。"], "zh")[0][0]
    assert "dz-compare-cut" not in compare_page._pieces_html(short.left, False)
