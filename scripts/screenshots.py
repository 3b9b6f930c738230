"""Screenshots of the built site for the README: `make screenshots` (after `make site`).

Takes the bilingual document with the most pairs, on a desktop (a sentence pointed at, so its
counterpart is lit), on a phone (its first screen: the folded header, then the pairs stacked, a
tapped sentence and its counterpart lit) and its citation dialog on a phone; the front page on a
desktop (whole) and a phone (first screen), and the dictionary look-up of a selected word.
"""

from __future__ import annotations

import datetime
import functools
import http.server
import os
import re
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("DUIZHAO_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def showcase(site: Path) -> str:
    """Site path of the bilingual document page with the most pairs."""
    best, most = "", -1
    for page in sorted((site / "texts").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        if 'class="dz-doc dz-bilingual"' in html:
            pairs = len(re.findall(r'class="dz-pair"', html))
            if pairs > most:
                best, most = f"texts/{page.parent.name}/", pairs
    if not best:
        sys.exit(f"no bilingual document in {site}: build the site first (make site)")
    return best


def select(page, word: str) -> None:
    """Select `word` in the first Chinese cell that has it (as a double-click or a long press
    does), which opens the dictionary look-up."""
    page.evaluate(
        """word => {
          for (const cell of document.querySelectorAll('.dz-cell[lang|="zh"]')) {
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let n; (n = walker.nextNode()); ) {
              const i = n.data.indexOf(word);
              if (i < 0) continue;
              cell.scrollIntoView({block: "start"});
              window.scrollBy(0, -120);
              const r = document.createRange();
              r.setStart(n, i);
              r.setEnd(n, i + word.length);
              getSelection().removeAllRanges();
              getSelection().addRange(r);
              return;
            }
          }
        }""",
        word,
    )


def main(site: str = "site", out: str = "docs/assets/screenshots") -> None:
    root = Path(site)
    path = showcase(root)
    handler = functools.partial(Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    Path(out).mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport=DESKTOP, device_scale_factor=1)
        page.goto(base + path)
        page.hover(".dz-pair:nth-child(1) .dz-zh .dz-s:nth-child(2)")
        page.screenshot(path=f"{out}/desktop.png")
        page.close()
        phone = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
        page = phone.new_page()
        page.clock.set_fixed_time(datetime.datetime(2024, 5, 1, 12, 0, 0))  # the access date shown
        page.goto(base + path)
        page.tap(".dz-pair:nth-child(1) .dz-zh .dz-s")
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=f"{out}/phone.png")
        # The citation dialog of seed 001 (the seed whose header is complete), paragraphs 2-3.
        page.goto(base + "texts/" + next(root.glob("texts/001_*/")).name + "/")
        page.tap(".dz-pair:nth-child(2) .dz-permalink")
        page.click(".dz-actions .dz-cite-btn")
        page.fill(".dz-cite-to", "3")
        page.screenshot(path=f"{out}/phone-citation.png")
        page.goto(base)
        page.screenshot(path=f"{out}/front-phone.png")
        page.goto(base + path)
        select(page, "网络")
        page.wait_for_selector(".dz-lookup")
        page.screenshot(path=f"{out}/phone-lookup.png")
        phone.close()
        page = browser.new_page(viewport=DESKTOP, device_scale_factor=1)
        page.goto(base)
        page.screenshot(path=f"{out}/front.png", full_page=True)
        page.goto(base + path)
        select(page, "网络")
        page.wait_for_selector(".dz-lookup")
        page.screenshot(path=f"{out}/lookup.png")
        page.close()
        browser.close()
    server.shutdown()
    print(f"screenshots of {path} in {out}/")


if __name__ == "__main__":
    main(*sys.argv[1:])
