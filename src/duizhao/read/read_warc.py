"""Web archives (.warc, .warc.gz, .wacz) to one source per HTML page captured, with warcio
(Apache-2.0).

An archive is opened when the build surveys sources/ (before anything is built): every response
record holding an HTML page (status 200) becomes a source named `<archive>/<nnnn>-<address>.html`,
which then takes the HTML path; its target URL and capture date ride along as evidence for the
metadata (the URL also names the publisher). Everything else is skipped and counted in one note
naming the archive: requests, metadata, images and scripts, redirects (with where they lead),
error pages, a revisit (a later capture the crawler stored as "same as before": its page is
already read, or not in the archive), a second capture of the same page with the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections import Counter

from ..model import Diagnostic, Level, RawSource

# Why these: a crawl of a ministry's site for one topic is tens to hundreds of pages; an archive
# with more is a whole-site crawl that would hold the build for long (its other pages are counted).
MAX_PAGES = 500
MAX_RECORDS = 100_000  # records looked at, at most: the rest of a larger archive is not read
MAX_PAGE_BYTES = 10 * 1024 * 1024  # (ingest's limit for a page)
HTML_TYPES = ("text/html", "application/xhtml+xml")
# A page whose record the archive ends inside (a download or a crawl cut short): its text would
# be published cut off, so it is left out, and said.
CUT_SHORT = "HTML pages cut short (the archive ends inside their record)"
SLUG_UNSAFE = re.compile(r"[^A-Za-z0-9]+")
ARCHIVE_MEMBER = re.compile(r"(?:^|/)[^/]+\.warc(?:\.gz)?$", re.I)


class Unreadable(Exception):
    """An archive that cannot be read at all."""


def is_archive(name: str) -> bool:
    lower = name.lower()
    return lower.endswith((".warc", ".warc.gz", ".wacz"))


def expand(raws: list[RawSource]) -> tuple[list[RawSource], list[Diagnostic]]:
    """`raws` with every web archive replaced by the pages it holds, and a note on each archive."""
    out: list[RawSource] = []
    notes: list[Diagnostic] = []
    for raw in raws:
        if not is_archive(raw.name):
            out.append(raw)
            continue
        try:
            pages, counts = read(raw)
        except Unreadable as exc:
            notes.append(Diagnostic(Level.ERROR, raw.name, str(exc)))
            continue
        out += pages
        notes.append(_summary(raw.name, pages, counts))
    return out, notes


def _summary(name: str, pages: list[RawSource], counts: Counter[str]) -> Diagnostic:
    skipped = ", ".join(f"{n:,} {what}" for what, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    if not pages:
        return Diagnostic(
            Level.ERROR,
            name,
            f"web archive holds no HTML page to read (skipped: {skipped or 'nothing: no records'})",
        )
    # Pages left out that a reader would expect (too many, cut short, past damage): a warning.
    lost = (f"HTML pages over the limit of {MAX_PAGES}", CUT_SHORT, "unreadable rest of the archive")
    level = Level.WARNING if any(k.startswith(lost) for k in counts) else Level.INFO
    return Diagnostic(
        level,
        name,
        f"web archive: {len(pages):,} HTML page(s) read as documents; skipped: {skipped or 'nothing'}",
    )


def read(raw: RawSource) -> tuple[list[RawSource], Counter[str]]:
    """The HTML pages of one archive, and what was skipped, counted by kind."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    streams = _streams(raw)
    pages: list[RawSource] = []
    counts: Counter[str] = Counter()
    seen: dict[str, str] = {}  # payload digest -> the URL it was read for
    records = 0
    try:
        for member, stream in streams:
            for record in ArchiveIterator(stream):
                records += 1
                if records > MAX_RECORDS:
                    counts[f"records past the first {MAX_RECORDS:,} (not read)"] += 1
                    break
                _record(raw, member, record, pages, counts, seen)
    except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
        if not pages:
            raise Unreadable(f"not a readable web archive ({type(exc).__name__}: {str(exc)[:200]})") from None
        counts[f"unreadable rest of the archive ({type(exc).__name__})"] += 1
    return pages, counts


def _streams(raw: RawSource) -> list[tuple[str, io.BytesIO]]:
    """The WARC streams of an archive: itself, or a WACZ's archive/*.warc(.gz) members."""
    if not raw.name.lower().endswith(".wacz"):
        return [("", io.BytesIO(raw.data))]
    from .read_docx import Unreadable as ZipUnreadable
    from .read_docx import check_zip

    try:
        archive = check_zip(raw.data, "WACZ archive")
    except ZipUnreadable as exc:
        raise Unreadable(str(exc)) from None
    members = [e for e in archive.infolist() if ARCHIVE_MEMBER.search(e.filename)]
    if not members:
        raise Unreadable("a WACZ archive without WARC files (archive/*.warc.gz)")
    return [(e.filename, io.BytesIO(archive.read(e))) for e in members]


def _record(
    raw: RawSource,
    member: str,
    record,
    pages: list[RawSource],
    counts: Counter[str],
    seen: dict[str, str],
) -> None:
    kind = record.rec_type
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    if kind == "revisit":
        digest = record.rec_headers.get_header("WARC-Payload-Digest") or ""
        counts["revisits of a page read already" if digest in seen else "revisits whose first capture is not in the archive"] += 1
        return
    if kind not in ("response", "resource"):
        counts[f"{kind} records" if kind else "records with no WARC-Type (damaged?)"] += 1
        return
    status, mime, location = _http(record)
    if status is not None and 300 <= status < 400:
        counts[f"redirects ({_short(url)} → {_short(location)})" if location else "redirects"] += 1
        return
    if status is not None and status != 200:
        counts[f"responses with status {status}"] += 1
        return
    if not mime.startswith(HTML_TYPES):
        counts[f"{mime or 'untyped'} responses"] += 1
        return
    if len(pages) >= MAX_PAGES:
        counts[f"HTML pages over the limit of {MAX_PAGES}"] += 1
        return
    body = record.content_stream().read(MAX_PAGE_BYTES + 1)
    if len(body) > MAX_PAGE_BYTES:
        counts[f"HTML pages over {MAX_PAGE_BYTES:,} bytes"] += 1
        return
    if getattr(record.raw_stream, "limit", 0) > 0:  # (bytes the record declares, never read)
        counts[CUT_SHORT] += 1
        return
    digest = record.rec_headers.get_header("WARC-Payload-Digest") or "sha256:" + hashlib.sha256(body).hexdigest()
    if digest in seen and seen[digest] == url:
        counts["second captures of a page with the same bytes"] += 1
        return
    seen[digest] = url
    date = record.rec_headers.get_header("WARC-Date") or ""
    where = f"{raw.name}{'/' + member if member else ''}"
    origin = []
    if url:
        origin.append(("url", url, f"header: WARC-Target-URI, the address {where} captured"))
    if date:
        origin.append(("date", date, f"header: WARC-Date, when {where} captured the page (not its publication)"))
    name = f"{raw.name}/{len(pages) + 1:04d}-{_slug(url)}.html"
    key = hashlib.sha256(body + b"\n" + repr(origin).encode("utf-8")).hexdigest()
    pages.append(RawSource(name=name, data=body, sha256=key, origin=tuple(origin)))


def _http(record) -> tuple[int | None, str, str]:
    """A response record's HTTP status, content type and redirect target (a resource has none)."""
    headers = record.http_headers
    if headers is None:
        mime = (record.rec_headers.get_header("Content-Type") or "").lower()
        return None, mime, ""
    try:
        status = int((headers.get_statuscode() or "0").strip())
    except ValueError:
        status = 0
    mime = (headers.get_header("Content-Type") or "").lower().strip()
    return status, mime, headers.get_header("Location") or ""


def _slug(url: str) -> str:
    bare = re.sub(r"^[a-z]+://(www\.)?", "", url.lower())
    return SLUG_UNSAFE.sub("-", bare).strip("-")[:60].strip("-") or "page"


def _short(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "…"
