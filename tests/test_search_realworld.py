"""Search on pages nobody here wrote: real queries written by reading the real-world corpus
(tests/data/realworld/meta), each with the document that must come first and what its first pair
must show, in real Chromium on the built real-world site (Traditional and Simplified, names,
English phrases, a speaker named only in the header)."""

from __future__ import annotations

import pytest

from .conftest import serve
from .test_search_browser import DESKTOP
from .test_search_queries import assert_first

pytestmark = pytest.mark.browser

# (query, the files one of which must be the first result, text its first pair must show or None
# when the query is in the document's header only)
QUERIES = [
    ("網絡沙皇", ("hkcnews-zhhant-news-2018-02-13-lu-wei",), "網絡沙皇"),
    ("网络沙皇", ("hkcnews-zhhant-news-2018-02-13-lu-wei",), "網絡沙皇"),  # Simplified finds Traditional
    ("塔林理工大学", ("fmprc-zh-speech-2016-04-19-qu-zhe-tallinn",), "塔林理工大学"),
    ("债务陷阱", ("fmprc-zh-oped-2025-12-20-li-ming-debt-trap",), "债务陷阱"),
    ("西湖论坛", ("wechat-zh-news-2025-01-05-westlake-cyber-forum",), "西湖论坛"),
    ("京津冀", ("hexun-zh-news-2019-09-26-jingjinji-transport", "hexun-jingjinji-transport"), "京津冀"),  # (a copy in clean-zh)
    (
        "Elbakyan",
        ("eff-en-statement-2023-07-26-eff-awards", "unsafe-zh-news-2023-07-28-eff-awards-elbakyan"),
        "Elbakyan",
    ),
    ("Paris Peace Forum", ("peopledaily-en-news-2020-11-12-xi-paris-peace-forum",), "Paris Peace Forum"),
    (
        "Wu Qian",
        ("peopledaily-en-news-2020-10-29-mnd-spokesperson",),
        "Wu Qian said at a regular press conference",
    ),
    ("Zhang Shuili", ("peopledaily-en-news-2020-10-19-pla-india-soldier",), "Zhang Shuili"),
    (
        '"robot vacuum"',
        (
            "bitdefender-en-news-2024-10-07-robot-vacuum-spying",
            "anquanke-zh-news-2024-10-08-robot-vacuum-spying",
        ),
        "robot vacuum",
    ),
    # the author: of his op-ed, and of the releases his signature closes (the header names him on
    # each since the signature is read, so any of them may rank first)
    (
        "Garba Shehu",
        (
            "statehouseng-en-oped-2018-09-08-garba-shehu-focac",
            "statehouseng-en-news-2018-09-01-buhari-beijing-ict-agreement",
            "statehouseng-en-news-2018-09-04-buhari-focac-5bn",
        ),
        None,
    ),
]


@pytest.fixture(scope="module")
def page(browser, realworld_site):
    url, server = serve(realworld_site.site)
    p = browser.new_page(viewport=DESKTOP)
    p.goto(url)
    yield p
    p.close()
    server.shutdown()


@pytest.mark.parametrize(("query", "files", "shows"), QUERIES, ids=[q[0] for q in QUERIES])
def test_a_real_query_on_real_pages_puts_the_right_document_first(page, query, files, shows) -> None:
    assert_first(page, query, files, shows)
