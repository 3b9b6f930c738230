"""Screenshots of the built site for the README: `make screenshots` (after `make site`)."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = {  # name: (page, viewport)
    "desktop": ("texts/000_24893c960241ec06/", {"width": 1280, "height": 800}),
    "phone": ("texts/000_24893c960241ec06/", {"width": 390, "height": 844}),
}


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main(site: str = "site", out: str = "docs/assets/screenshots") -> None:
    handler = functools.partial(Quiet, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    Path(out).mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for name, (path, viewport) in SHOTS.items():
            page = browser.new_page(viewport=viewport, device_scale_factor=1)
            page.goto(base + path)
            page.screenshot(path=f"{out}/{name}.png")
            page.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(*sys.argv[1:])
