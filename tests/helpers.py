"""Small helpers shared by the stage tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

from duizhao.clean import clean
from duizhao.model import Cleaned, RawSource
from duizhao.read import ingest
from duizhao.vocab.rules import load_rules


def raw(data: bytes | str, name: str = "doc.txt") -> RawSource:
    data = data.encode("utf-8") if isinstance(data, str) else data
    return RawSource(name=name, data=data, sha256=hashlib.sha256(data).hexdigest())


def cleaned(path: Path) -> Cleaned:
    return clean.clean(ingest.decode(ingest.read_source(path, path.parent)), load_rules())


def cleaned_text(text: str, name: str = "doc.txt") -> Cleaned:
    return clean.clean(ingest.decode(raw(text, name)), load_rules())


def body(c: Cleaned) -> str:
    return "\n".join(b.text for b in c.blocks)


def broken_links(site: Path) -> tuple[int, list[str]]:
    """Every <a href> of a built site (raw HTML and SVG included) that leads inside it: how many,
    and those whose target file is missing or lacks the anchor."""
    import urllib.parse

    from bs4 import BeautifulSoup

    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            ids[path] = {t["id"] for t in page.find_all(id=True)} | {
                t["name"] for t in page.find_all(attrs={"name": True})
            }
        return ids[path]

    broken, checked = [], 0
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue
        base = "http://site/" + page.relative_to(site).as_posix()
        for a in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("a", href=True):
            href = a["href"]
            url = urllib.parse.urlsplit(urllib.parse.urljoin(base, href))
            if url.scheme != "http" or url.netloc != "site":
                continue
            target = site / urllib.parse.unquote(url.path.lstrip("/"))
            if url.path.endswith("/"):
                target = target / "index.html"
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {href}")
            elif (
                url.fragment
                and target.suffix == ".html"
                and urllib.parse.unquote(url.fragment) not in anchors(target)
            ):
                broken.append(f"{page.relative_to(site)}: {href} (no such anchor)")
    return checked, broken
