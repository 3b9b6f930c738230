"""Word (.docx) sources to HTML with mammoth (BSD-2), which then takes the HTML path: headings
stay headings (Word's "Heading n" styles become <hn>), lists stay lists, footnotes come at the end.

A .docx is a zip archive: before mammoth opens it, its entries are measured (a zip bomb unpacks
a few kilobytes into gigabytes), and images are never converted (their bytes are not text).
"""

from __future__ import annotations

import io
import zipfile

# Why these: the longest Word policy text we know of unpacks to a few megabytes of XML; a file
# that unpacks to more, or whose entries shrink more than a hundredfold, is a zip bomb or a dump.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100
MAX_ENTRIES = 10_000
# Below this size a part's ratio says nothing (a small run of one character compresses well).
RATIO_FLOOR = 1024 * 1024


class Unreadable(Exception):
    """A .docx that cannot become text; the message says why (the caller names the file)."""


def check_zip(data: bytes, what: str = "Word file") -> zipfile.ZipFile:
    """The archive, once its entries are known to unpack to a bounded size; Unreadable if not."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Unreadable(f"not a readable {what} (not a zip archive, or a damaged one: {exc})") from None
    if len(entries) > MAX_ENTRIES:
        raise Unreadable(f"the {what} holds {len(entries):,} parts, over the limit of {MAX_ENTRIES:,}")
    total = sum(e.file_size for e in entries)
    if total > MAX_UNPACKED_BYTES:
        raise Unreadable(
            f"the {what} would unpack to {total:,} bytes, over the {MAX_UNPACKED_BYTES:,}-byte limit "
            "(a zip bomb?); nothing was unpacked"
        )
    for e in entries:
        if e.file_size > RATIO_FLOOR and e.file_size > MAX_RATIO * max(e.compress_size, 1):
            raise Unreadable(
                f"the {what}'s part {e.filename!r} would unpack {e.compress_size:,} bytes into "
                f"{e.file_size:,} (over {MAX_RATIO}x: a zip bomb?); nothing was unpacked"
            )
    # (Reading an entry stops at its declared size, so a header that understates it gains nothing.)
    return archive


def to_html(data: bytes) -> tuple[str, list[str]]:
    """The document as HTML, and mammoth's messages (styles it did not know, and so on)."""
    import mammoth

    check_zip(data)
    if b"word/document.xml" not in data:  # (the part's name is stored uncompressed in the zip)
        raise Unreadable("not a Word document (a zip archive without word/document.xml)")
    try:
        result = mammoth.convert_to_html(io.BytesIO(data), convert_image=mammoth.images.img_element(_no_image))
    except Exception as exc:
        raise Unreadable(f"not a readable Word document ({type(exc).__name__}: {str(exc)[:200]})") from None
    messages = sorted({f"Word conversion: {m.message}" for m in result.messages})
    # A whole page, so the HTML path reads it as one (mammoth gives the body's content only).
    return f"<!DOCTYPE html><html><body>\n{result.value}\n</body></html>", messages[:20]


def _no_image(image) -> dict[str, str]:
    """Images are not text: an <img> without a source (the HTML path drops it, audited)."""
    return {"alt": image.alt_text or ""}
