"""The readers' front page (publish/front.py) and the dictionary look-up (publish/dictionary.py,
static/lookup.js): figures counted from the pipeline, the page in Chromium at desktop and phone
sizes (no sideways scroll, axe-core, the search field in view), and a selected Chinese word's
CC-CEDICT entries, loaded only when asked for, over http and from file://."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from duizhao import pipeline
from duizhao.publish import dictionary, front, listing, render, sanitize

from .conftest import SOURCES
from .test_a11y import axe
from .test_phone import overflow
from .test_reader import DESKTOP, PHONE


@lru_cache(maxsize=1)
def seed_docs() -> tuple[list, list]:
    """(works, every published document) of the seeds, from the pipeline itself."""
    docs = pipeline.published(pipeline.build_corpus(SOURCES, None, 1))
    return listing.works(docs), docs


def expected_figures() -> dict[str, int]:
    """What the front page must say, counted here from the pipeline's documents."""
    works, docs = seed_docs()
    out = {
        "works": len(works),
        "both": sum(1 for w in works if set(w.languages) == {"zh", "en"}),
        "zh": sum(1 for w in works if w.languages == ("zh",)),
        "en": sum(1 for w in works if w.languages == ("en",)),
        "undated": sum(1 for w in works if not (w.metadata.date and w.metadata.date.value[:4].isdigit())),
    }
    years = [
        int(w.metadata.date.value[:4])
        for w in works
        if w.metadata.date and w.metadata.date.value[:4].isdigit()
    ]
    out["first-year"], out["last-year"] = min(years), max(years)
    status = Counter(d.metadata.translation.value for d in docs if d.metadata.translation)
    out.update({f"status-{k}": v for k, v in status.items()})
    return out


def page_figures(html: str) -> dict[str, int]:
    soup = BeautifulSoup(html, "html.parser")
    return {
        next(c[5:] for c in n["class"] if c.startswith("dz-n-")): int(n["data-n"])
        for n in soup.select(".dz-front-facts .dz-n")
    }


# ---- Without a browser -------------------------------------------------------------------------


def test_pinyin_gets_its_tone_marks_by_the_standard_rule() -> None:
    # a and e take the mark; o in "ou"; else the last vowel; u: is ü; tone 5 is unmarked.
    assert dictionary.marked("wang3 luo4") == "wǎng luò"
    assert dictionary.marked("dou1 gui4 xiong2") == "dōu guì xióng"
    assert dictionary.marked("nu:3 lu:e4 er5") == "nǚ lüè er"
    assert dictionary.marked("Zhong1 guo2 A B") == "Zhōng guó A B"


def test_dictionary_files_hold_the_corpus_words_only_by_first_character() -> None:
    _, docs = seed_docs()
    files = dict(dictionary.site_files(docs))
    index = json.loads(re.search(r"dzCedict\.index\((.*)\);", files[dictionary.INDEX_FILE]).group(1))
    shards = index["shards"]
    assert set(files) == {dictionary.INDEX_FILE} | {f"{dictionary.DICT_DIR}/{i}.js" for i in range(shards)}
    text = "".join(p.text for d in docs for p in d.paragraphs) + "".join(
        d.metadata.title_zh.value for d in docs if d.metadata.title_zh
    )
    words: dict[str, list] = {}
    for i in range(shards):
        body = files[f"{dictionary.DICT_DIR}/{i}.js"]
        assert "CC-CEDICT" in body and "CC BY-SA 4.0" in body  # attribution in every file
        part = json.loads(re.search(r"dzCedict\.shard\(\d+,(.*)\);", body, re.S).group(1))
        assert all(ord(w[0]) % shards == i for w in part)
        words.update(part)
    assert words and all(w in text for w in words)  # nothing the texts do not contain
    assert index["words"] == len(words)
    assert "苹果" not in text and "苹果" not in words  # a common word the seeds never use
    assert ["網絡", "网络", "wǎng luò", "network (computing, telecommunications, transport etc)"] in words[
        "网络"
    ]
    # One shard stays small whatever the corpus (the shard count doubles).
    assert max(len(b.encode()) for b in files.values()) < 3 * dictionary.SHARD_BYTES


def test_front_page_counts_what_the_pipeline_published_and_passes_the_allow_list() -> None:
    works, docs = seed_docs()
    html = front.home(works, docs, None, "index.md", render.Settings())
    assert page_figures(html) == {k: v for k, v in expected_figures().items() if v}
    # The same page through the sanitiser: every figure, link and heading survives.
    assert page_figures(sanitize.clean_page(html)) == page_figures(html)
    cleaned = BeautifulSoup(sanitize.clean_page(html), "html.parser")
    assert len(cleaned.select(".dz-front-list > li")) == len(works)
    assert len(cleaned.select(".dz-strip a")) == len(
        {w.metadata.date.value[:4] for w in works if w.metadata.date}
    )
    browse = [a["href"] for a in cleaned.select(".dz-front-browse a")]
    assert any(h.startswith("concordance/") for h in browse)  # the parallel concordance, one click away


# ---- In Chromium -----------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_front_page_in_the_browser(browser, seed_site, site_url, viewport) -> None:
    phone = viewport is PHONE
    ctx = browser.new_context(viewport=viewport, has_touch=phone, is_mobile=phone)
    page = ctx.new_page()
    page.goto(site_url)
    # The figures are the pipeline's.
    assert page_figures(page.content()) == {k: v for k, v in expected_figures().items() if v}
    assert overflow(page, viewport["width"]) == []
    # The search field is on the first screen and opens the search.
    box = page.locator(".dz-front-search")
    assert box.is_visible()
    bounds = box.bounding_box()
    assert bounds["y"] + bounds["height"] <= viewport["height"]
    # Each newest text names both titles where a work has both, and the editors' guide is not the
    # page's content (it stays in the navigation).
    article = page.inner_text("article")
    assert "Editor's guide" not in article and "How cleaning decides" not in article
    found = axe(page)
    assert not found, found
    box.click()
    page.wait_for_selector(".dz-search[open]", timeout=5000)
    ctx.close()


def select_word(page, word: str) -> None:
    """Select the first occurrence of `word` in a Chinese cell (as a double-click does)."""
    done = page.evaluate(
        """word => {
          for (const cell of document.querySelectorAll('.dz-cell[lang|="zh"]')) {
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            let n;
            while ((n = walker.nextNode())) {
              const i = n.data.indexOf(word);
              if (i < 0) continue;
              cell.scrollIntoView({block: 'center'});
              const r = document.createRange();
              r.setStart(n, i);
              r.setEnd(n, i + word.length);
              const s = getSelection();
              s.removeAllRanges();
              s.addRange(r);
              return true;
            }
          }
          return false;
        }""",
        word,
    )
    assert done, word


def bilingual_with(site: Path, word: str) -> str:
    for page in sorted((site / "texts").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        if 'class="dz-doc dz-bilingual"' in html and word in html:
            return page.parent.name
    raise AssertionError(word)


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_selecting_a_chinese_word_shows_its_entries_loaded_on_use(
    browser, seed_site, site_url, viewport
) -> None:
    phone = viewport is PHONE
    ctx = browser.new_context(viewport=viewport, has_touch=phone, is_mobile=phone)
    page = ctx.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url + f"texts/{bilingual_with(seed_site.site, '网络')}/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "/cedict/" in u]  # nothing before use
    select_word(page, "网络")
    card = page.wait_for_selector(".dz-lookup", timeout=5000)
    text = card.inner_text()
    assert "wǎng luò" in text and "network" in text
    assert "CC-CEDICT" in text and "CC BY-SA 4.0" in text
    loaded = [u.rsplit("/", 1)[-1] for u in requested if "/cedict/" in u]
    shards = json.loads(
        re.search(
            r"\((.*)\)", (seed_site.site / dictionary.INDEX_FILE).read_text(encoding="utf-8").splitlines()[1]
        ).group(1)
    )["shards"]
    assert sorted(loaded) == sorted({"index.js", f"{ord('网') % shards}.js", f"{ord('络') % shards}.js"})
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    assert overflow(page, viewport["width"]) == []
    assert not axe(page)
    page.keyboard.press("Escape")
    assert page.query_selector(".dz-lookup") is None
    # An English selection looks nothing up.
    page.evaluate(
        """() => { const c = document.querySelector('.dz-cell[lang="en"]'); const r = document.createRange();
                   r.selectNodeContents(c); getSelection().removeAllRanges(); getSelection().addRange(r); }"""
    )
    page.wait_for_timeout(600)
    assert page.query_selector(".dz-lookup") is None
    ctx.close()


@pytest.mark.browser
def test_look_up_works_from_file(browser, seed_site) -> None:
    """Opened from disk (as the offline copy is), the shards load as scripts."""
    slug = bilingual_with(seed_site.site, "网络")
    page = browser.new_page()
    page.goto((seed_site.site / "texts" / slug / "index.html").as_uri())
    select_word(page, "网络")
    card = page.wait_for_selector(".dz-lookup", timeout=5000)
    assert "wǎng luò" in card.inner_text()
    page.close()


def corpus_of(n: int) -> tuple[list, list]:
    """`n` documents made from the seeds' (each a copy under its own slug and date, over 2000 to
    2025), with a long title among them: what the front page draws for a corpus of that size."""
    from dataclasses import replace

    from duizhao.model import Field

    _, docs = seed_docs()
    alone = [d for d in docs if d.counterpart is None]
    out = []
    for i in range(n):
        d = alone[i % len(alone)]
        meta = replace(d.metadata, date=Field(f"{2000 + i % 26}-{1 + i % 12:02d}-{1 + i % 28:02d}"))
        if i == n - 1:
            meta = replace(meta, title_en=Field("A very long headline " * 100))
        out.append(replace(d, slug=f"{d.slug}-{i:05d}", metadata=meta))
    return listing.works(out), out


def test_front_page_stays_small_at_ten_thousand_documents() -> None:
    """Only the strip grows, by one bar a year: at 10,000 documents the front page's HTML (its
    block, before the theme's ~25 KB of chrome) is as large as at 100, well inside the 80 KB
    page budget."""
    sizes = {}
    for n in (100, 10_000):
        works, docs = corpus_of(n)
        html = front.home(works, docs, None, "index.md", render.Settings())
        sizes[n] = len(html.encode())
        assert page_figures(html)["works"] == n
    assert sizes[10_000] < 1.1 * sizes[100]
    assert sizes[10_000] < 30 * 1024, sizes
