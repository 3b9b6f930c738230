"""The offline bundle: a built site as one zip whose bytes depend only on the files' contents.

Entries are sorted, every one carries the same timestamp (SOURCE_DATE_EPOCH, as reproducible
builds define it), the same permissions and the same compression, and they sit under one folder
named after the zip, so unzipping anywhere gives `<name>/index.html`.
"""

from __future__ import annotations

import fnmatch
import os
import re
import time
import urllib.parse
import zipfile
from pathlib import Path

ZIP_EPOCH = 315532800  # 1980-01-01: zip cannot store anything earlier
# Left out of the bundle, as nothing opened from disk asks for them: the web server's error page
# (its links are root-relative, for any depth of missing URL), sitemaps (for crawlers),
# source maps (for debugging the theme's minified code), and the theme's lunr search worker and
# language files (duizhao's own search replaces it: see search.py).
SKIP = (
    "404.html",
    "sitemap.xml",
    "sitemap.xml.gz",
    "*.map",
    "assets/javascripts/lunr/*",
    "assets/javascripts/workers/*",
)


# Media files are bundled only when a page, a stylesheet or a script names them: a docs folder
# also holds pictures for the README (screenshots) that no page shows, and they would be most of
# the zip. Named means the file's name appears in one of those files (a conservative test: a
# mention anywhere keeps it).
MEDIA = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico", ".bmp", ".pdf", ".mp4", ".webm")
NAMING = (".html", ".css", ".js", ".json", ".webmanifest", ".xml")


def skipped(rel: str) -> bool:
    return any(fnmatch.fnmatch(rel, pattern) for pattern in SKIP)


def unused_media(site: Path, rels: list[str]) -> set[str]:
    """The media files among `rels` (paths under `site`) whose names no page, stylesheet or
    script of the site mentions (as they are, or percent-encoded)."""
    media = [r for r in rels if r.lower().endswith(MEDIA)]
    if not media:
        return set()
    names: dict[str, set[str]] = {}
    for r in media:
        base = r.rsplit("/", 1)[-1]
        for form in {base, urllib.parse.quote(base)}:
            names.setdefault(form, set()).add(r)
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    used: set[str] = set()
    for r in rels:
        if not r.lower().endswith(NAMING):
            continue
        text = (site / r).read_text(encoding="utf-8", errors="replace")
        for m in pattern.finditer(text):
            used |= names[m.group()]
    return set(media) - used


def bundle_name(site_name: str) -> str:
    """A file name from the site's name: "duizhao 对照" -> "duizhao"."""
    name = re.sub(r"[^a-z0-9]+", "-", site_name.lower()).strip("-")
    return name or "site"


def epoch() -> int:
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return max(ZIP_EPOCH, int(value)) if value.isdigit() else ZIP_EPOCH


def write_zip(site: Path, out: Path, folder: str, timestamp: int | None = None) -> int:
    """Zip every file under `site` into `out` (inside `folder/`); returns the zip's size in bytes."""
    stamp = time.gmtime(epoch() if timestamp is None else max(ZIP_EPOCH, timestamp))[:6]
    rels = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and not skipped(p.relative_to(site).as_posix())
    )
    unused = unused_media(site, rels)
    paths = [site / r for r in rels if r not in unused]
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w") as zf:
        for path in paths:
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site).as_posix()}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permissions below are read
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes(), compresslevel=9)
    tmp.replace(out)
    return out.stat().st_size
