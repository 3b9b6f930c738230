"""The parallel concordance page (concordance/), in real Chromium on the built seed site, over http
and from file://: every occurrence of a zh or an en query in an aligned sentence is a line, cut at
the match, with its aligned sentence cut at the query's glossary rendering; lines sort by left and
right context; the CSV download holds exactly the lines shown, in their order, with whole contexts."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import quote

import pytest

from duizhao.publish import search

from .test_search_browser import DESKTOP, run_search

pytestmark = pytest.mark.browser

# Queries written by reading seed 000 (the bilingual statement): the query, a pattern counting its
# occurrences in the index's pair texts (zh or en side), and what its aligned sentences mark.
ZH = ("网络安全", "zh", re.compile("网络安全"), {"cyber security", "cybersecurity", "network security"})
EN = ("cyber security", "en", re.compile(r"(?<!\w)cyber[\s\-‐‑–]+securit(?:y|ies)(?!\w)", re.I), {"网络安全"})


def pair_texts(site, side: str) -> list[str]:
    """One side of every document's pairs, read from the built index's document files (what the
    page reads)."""
    manifest = search._payload((site / "search" / "manifest.js").read_bytes())[0]
    out = []
    for i in range(manifest["kinds"][0]):  # (documents come first; then pages and glossary entries)
        doc = search._payload((site / "search" / "d" / f"{i}.js").read_bytes())[1]
        out += [p[2 if side == "zh" else 3] for p in doc["p"]]
    return out


def occurrences(site, side: str, pattern: re.Pattern) -> int:
    """How often the pattern occurs in one side of the pairs, counted with a regular expression."""
    return sum(len(pattern.findall(text)) for text in pair_texts(site, side))


def open_concordance(page, base: str, query: str, index: str = "") -> None:
    page.goto(f"{base}concordance/{index}?q={quote(query)}")
    page.wait_for_function(
        "q => { const b = document.getElementById('dz-concordance');"
        " return b && b.dataset.state === 'done' && b.dataset.query === q; }",
        arg=query,
    )


def lines(page) -> list[dict]:
    return page.eval_on_selector_all(
        "tbody.dz-kwic-line",
        """ts => ts.map(t => {
            const hit = t.querySelector('.dz-kwic-hit'), al = t.querySelector('.dz-kwic-aligned');
            const cell = (r, c) => (r.querySelector(c) || {}).textContent || '';
            return {
                no: cell(hit, '.dz-kwic-no'), lang: hit.lang, left: cell(hit, '.dz-kwic-left'),
                key: cell(hit, '.dz-kwic-key'), right: cell(hit, '.dz-kwic-right'),
                olang: al.lang, okey: cell(al, '.dz-kwic-key'),
                oleft: cell(al, '.dz-kwic-left'), oright: cell(al, '.dz-kwic-right') || cell(al, '.dz-kwic-whole'),
                href: hit.querySelector('.dz-kwic-where a').href,
            };
        })""",
    )


def counted(status: str, what: str) -> int:
    m = re.search(rf"([0-9,]+) {what}", status)
    return int(m.group(1).replace(",", "")) if m else 0


@pytest.fixture(scope="module")
def page(browser):
    p = browser.new_page(viewport=DESKTOP)
    yield p
    p.close()


@pytest.mark.parametrize(("query", "side", "pattern", "renderings"), [ZH, EN], ids=["zh", "en"])
def test_every_aligned_occurrence_is_a_line_cut_at_the_match(
    page, site_url, seed_site, query, side, pattern, renderings
) -> None:
    open_concordance(page, site_url, query)
    found = lines(page)
    status = page.inner_text(".dz-kwic-status")
    assert len(found) >= 5, status
    # every occurrence is a line, or counted as having no aligned sentence
    unaligned = counted(status, "occurrence")
    assert len(found) + unaligned == occurrences(seed_site.site, side, pattern), status
    assert counted(status, "line") == len(found)
    other = "en" if side == "zh" else "zh-Hans"
    for line in found:
        assert line["lang"] == ("zh-Hans" if side == "zh" else "en") and line["olang"] == other
        assert pattern.fullmatch(line["key"]), line
        # the aligned sentence is cut at a rendering of the query, marked; one without any is
        # shown whole (the translator chose other words)
        if line["okey"]:
            assert line["okey"].lower() in renderings, line
        else:
            assert line["oright"] and not any(r in line["oright"].lower() for r in renderings), line
        assert "/texts/" in line["href"] and "#p-" in line["href"]
    assert sum(1 for line in found if line["okey"]) > len(found) / 2
    # the line reads as the text does: context, match and context join up (cut only at the ends)
    texts = pair_texts(seed_site.site, side)
    for line in found:
        joined = line["left"].removeprefix("…") + line["key"] + line["right"].removesuffix("…")
        assert any(joined in t for t in texts), line


def test_lines_sort_by_left_and_right_context(page, site_url) -> None:
    open_concordance(page, site_url, EN[0])
    by_document = lines(page)
    page.select_option("#dz-kwic-sort", "left")
    by_left = lines(page)
    # the same lines, in another order
    same = [
        sorted(str({k: v for k, v in line.items() if k != "no"}) for line in ls)
        for ls in (by_left, by_document)
    ]
    assert same[0] == same[1] and [line["href"] for line in by_left] != [line["href"] for line in by_document]
    # the word nearest the match, left of it, in alphabetical order ("" first: nothing left of it)
    nearest = [(re.findall(r"\w+", line["left"]) or [""])[-1].lower() for line in by_left]
    assert nearest == sorted(nearest), nearest
    # lines are numbered as shown
    assert [line["no"] for line in by_left] == [str(i) for i in range(1, len(by_left) + 1)]
    page.select_option("#dz-kwic-sort", "right")
    by_right = lines(page)
    first = [(re.findall(r"\w+", line["right"]) or [""])[0].lower() for line in by_right]
    assert first == sorted(first), first
    # Chinese: the lines whose left context ends in the same character stand together
    open_concordance(page, site_url, ZH[0])
    page.select_option("#dz-kwic-sort", "left")
    last = [line["left"][-1:] for line in lines(page)]
    assert all(c not in last[i + 2 :] or last[i + 1] == c for i, c in enumerate(last[:-1])), last


def test_the_csv_holds_the_lines_shown_in_their_order(page, site_url) -> None:
    open_concordance(page, site_url, ZH[0])
    page.select_option("#dz-kwic-sort", "right")
    shown = lines(page)
    with page.expect_download() as info:
        page.click(".dz-kwic-csv")
    download = info.value
    assert download.suggested_filename == "concordance.csv"
    data = download.path().read_bytes()
    assert data.startswith("\ufeff".encode())  # spreadsheets read it as UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == len(shown)
    for row, line in zip(rows, shown, strict=True):
        assert row["line"] == line["no"] and row["url"] == line["href"]
        assert row["language"] == "zh" and row["aligned_language"] == "en"
        assert row["match"] == line["key"] and row["aligned_match"] == line["okey"]
        # the whole contexts: what the page shows, without its "…" cuts, is part of them
        assert row["left"].endswith(line["left"].removeprefix("…"))
        assert row["right"].startswith(line["right"].removesuffix("…"))
        assert row["aligned_right"].startswith(line["oright"].removesuffix("…"))


def test_the_concordance_works_from_file_urls_offline(browser, seed_site) -> None:
    """Opened from the disk with the network off: the index is read as scripts, not fetched."""
    ctx = browser.new_context(viewport=DESKTOP)
    ctx.set_offline(True)
    p = ctx.new_page()
    base = seed_site.site.as_uri() + "/"
    open_concordance(p, base, ZH[0], "index.html")
    offline = lines(p)
    assert len(offline) >= 5 and all(line["key"] == ZH[0] for line in offline)
    assert all(line["href"].startswith("file://") for line in offline)
    # a query typed into the page's own form
    p.fill(".dz-kwic-q", EN[0])
    p.click(".dz-kwic-go")
    p.wait_for_function(
        "q => document.getElementById('dz-concordance').dataset.query === q"
        " && document.getElementById('dz-concordance').dataset.state === 'done'",
        arg=EN[0],
    )
    assert lines(p) and all(line["key"].lower() == EN[0] for line in lines(p))
    ctx.close()


def test_a_search_result_list_leads_to_the_query_s_concordance(page, site_url) -> None:
    page.goto(site_url)
    run_search(page, ZH[0])
    link = page.get_attribute(".dz-search-conc a", "href")
    assert link and link.endswith("concordance/index.html?q=" + quote(ZH[0]))
    page.click(".dz-search-conc a")
    page.wait_for_function(
        "q => { const b = document.getElementById('dz-concordance');"
        " return b && b.dataset.state === 'done' && b.dataset.query === q; }",
        arg=ZH[0],
    )
    assert lines(page)


def test_a_query_with_no_aligned_occurrence_says_so(page, site_url) -> None:
    open_concordance(page, site_url, "斯坦福大学")  # only in the Chinese-only speech (001)
    assert lines(page) == []
    status = page.inner_text(".dz-kwic-status")
    assert status.startswith("No aligned pair holds 斯坦福大学.") and counted(status, "occurrence") >= 1
