"""Stage 1, ingest: bytes from sources/ to normalised text.

Which files are sources (`discover`), their kinds by suffix, the limits per file, and `decode`:
a text source's codec is found by encoding.py (a sidecar's codec, byte-order mark, declared
charset, UTF-8, a guess; mojibake repaired), a PDF or Word file is read by its reader; then one
whitespace rule for both languages (see `normalise`).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from pathlib import Path

from ..model import Decoded, Diagnostic, Level, RawSource
from .encoding import Undecodable, read_text
from .mojibake import unmojibake

# Why 10 MiB: the longest policy text we know of is well under 1 MiB; anything larger is almost
# certainly a mis-saved binary or a whole-site dump, and would make every page slow to build.
MAX_SOURCE_BYTES = 10 * 1024 * 1024

# File types the pipeline reads, by suffix.
SOURCE_KINDS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",  # read_pdf: the text layer, in lines with their pages
    ".docx": "docx",  # read_docx: mammoth's HTML, then the HTML path
    ".warc": "warc",  # read_warc: each HTML page captured becomes a source of its own
    ".warc.gz": "warc",
    ".wacz": "warc",
}
# Binary kinds are read whole by a library: a larger limit (fonts and images ride along), then
# each reader's own (pages, unpacked size, records).
MAX_BINARY_BYTES = {"pdf": 50 * 1024 * 1024, "docx": 20 * 1024 * 1024, "warc": 200 * 1024 * 1024}
# Data files that live beside sources but are not documents (sidecars, glossary, rules).
DATA_SUFFIXES = {".yml", ".yaml", ".json", ".tsv", ".csv"}

# Bidirectional embeddings, overrides and isolates: zh/en prose never needs them, and in a scrape
# they reorder what readers see (U+202E shows "exe.txt" as "txt.exe"), so they go with the
# zero-width characters. Tag characters (U+E0000 block) are invisible letters that hide text.
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
TAG_CHARACTERS = "\U000e0000-\U000e007f"
# The whitespace rule. Why: scrapes mix NBSP, full-width and zero-width characters invisibly;
# readers and the aligner need one kind of space and no invisible characters.
SPACE_LIKE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad\u180e" + BIDI_CONTROLS + TAG_CHARACTERS + "]")
# C0/C1 controls except newline; they have no meaning in prose and break Markdown placeholders.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Both removed in one scan (speed); the sets do not overlap, so the result is the same.
INVISIBLE_OR_CONTROL = re.compile(f"{INVISIBLE.pattern}|{CONTROLS.pattern}")
# Control characters that never occur in text files (tab, newline, CR, FF and VT can).
BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


class SourceError(Exception):
    """A source that cannot become a document; the message names the reason."""


def read_source(path: Path, root: Path) -> RawSource:
    data = path.read_bytes()
    return RawSource(
        name=path.relative_to(root).as_posix(),
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def source_suffix(name: str) -> str:
    """The suffix that says a file's kind: ".warc.gz" for a compressed archive, else the last."""
    lower = name.lower()
    if lower.endswith(".warc.gz"):
        return ".warc.gz"
    return "." + lower.rsplit(".", 1)[1] if "." in lower.rsplit("/", 1)[-1] else ""


def source_kind(name: str) -> str | None:
    return SOURCE_KINDS.get(source_suffix(name))


def discover(root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Source files under `root` (sorted), plus a notice for every file that is not one.

    Hidden files and folders starting with "." or "_" are editor data, not documents.
    """
    found: list[Path] = []
    notes: list[Diagnostic] = []
    if not root.is_dir():
        return found, [Diagnostic(Level.ERROR, str(root), "sources directory not found")]
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith((".", "_")) for part in rel.parts):
            continue
        if path.is_symlink() and not path.is_file():
            # A link to a folder (never followed: its files could be anywhere) or to nothing.
            what = "a folder" if path.is_dir() else "nothing (a broken link)"
            notes.append(Diagnostic(Level.WARNING, rel.as_posix(), f"is a symbolic link to {what}; skipped"))
            continue
        if not path.is_file():
            continue
        suffix = source_suffix(path.name)
        if path.is_symlink() and suffix in SOURCE_KINDS:
            # Its bytes live elsewhere (possibly outside the repository): publishing them would
            # publish whatever it points at.
            notes.append(
                Diagnostic(Level.ERROR, rel.as_posix(), "is a symbolic link; a source must be a regular file")
            )
        elif suffix in SOURCE_KINDS:
            found.append(path)
        elif suffix not in DATA_SUFFIXES:
            notes.append(
                Diagnostic(
                    Level.WARNING,
                    rel.as_posix(),
                    f"not a supported source type ({suffix or 'no suffix'}); expected one of "
                    + ", ".join(sorted(SOURCE_KINDS)),
                )
            )
    return found, notes


def decode(source: RawSource, encoding: str = "") -> Decoded:
    """Decode and normalise one source, or raise SourceError naming the reason. `encoding`: the
    codec an editor gave (a sidecar's `encoding:`), which settles what the bytes leave open."""
    data = source.data
    kind = source_kind(source.name) or "text"
    if kind in MAX_BINARY_BYTES:
        return _decode_binary(source, kind)
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceError(
            f"file is {len(data):,} bytes, over the {MAX_SOURCE_BYTES:,}-byte limit for a source"
        )
    if not data.strip():
        raise SourceError("file is empty or holds only whitespace")
    try:
        text, encoding, notes = read_text(data, kind, source.name, encoding)
    except Undecodable as exc:
        raise SourceError(str(exc)) from None
    text = unmojibake(text, source.name, notes)
    normalised, dropped = normalise(text)
    if dropped:
        notes.append(Diagnostic(Level.INFO, source.name, _removed_note(text)))
    if not normalised.strip():
        raise SourceError("file holds no visible text after decoding")
    # (The whitespace rule removes every such control character: none dropped, none there.)
    if dropped and _control_ratio(text) > 0.05:
        raise SourceError("file looks binary (too many control characters), not text")
    return Decoded(
        source=source,
        text=normalised,
        encoding=encoding,
        kind=kind,
        diagnostics=tuple(notes),
        dropped_chars=dropped,
    )


def _decode_binary(source: RawSource, kind: str) -> Decoded:
    """A PDF or Word file, read by its reader (a web archive is opened at survey, see read_warc)."""
    limit = MAX_BINARY_BYTES[kind]
    if len(source.data) > limit:
        raise SourceError(f"file is {len(source.data):,} bytes, over the {limit:,}-byte limit for a {kind.upper()} source")
    if not source.data.strip():
        raise SourceError("file is empty")
    if kind == "pdf":
        from . import read_pdf

        try:
            found = read_pdf.read(source.data)
        except read_pdf.Unreadable as exc:
            raise SourceError(str(exc)) from None
        text, dropped = normalise(found.text)
        notes = [Diagnostic(Level.WARNING, source.name, n) for n in found.notes]
        return Decoded(source, text, "pdf", "pdf", tuple(notes), dropped, found.pages, found.roles)
    if kind == "docx":
        from . import read_docx

        try:
            html, messages = read_docx.to_html(source.data)
        except read_docx.Unreadable as exc:
            raise SourceError(str(exc)) from None
        text, dropped = normalise(html)
        notes = [Diagnostic(Level.INFO, source.name, m) for m in messages]
        return Decoded(source, text, "docx (mammoth)", "html", tuple(notes), dropped)
    raise SourceError(
        "a web archive is read as the pages it holds (each its own document); this file was not opened as one"
    )


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    return len(BINARY_CONTROLS.findall(sample)) / max(1, len(sample))


def _removed_note(text: str) -> str:
    """Which invisible and control characters the whitespace rule removed, by code point."""
    text = SPACE_LIKE.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    found = Counter(INVISIBLE.findall(text) + CONTROLS.findall(text))
    listed = ", ".join(f"U+{ord(ch):04X} ×{n}" for ch, n in sorted(found.items()))
    total = sum(found.values())
    return (
        f"removed {total} invisible or control character{'s' if total > 1 else ''} ({listed}): "
        "zero-width, formatting and control characters are never shown"
    )


def normalise(text: str) -> tuple[str, int]:
    """The whitespace rule, the same for zh and en.

    - line endings: CRLF and CR become LF;
    - NBSP, full-width (U+3000) and other space characters, tabs: one ordinary space;
    - zero-width characters, soft hyphens and control characters: removed (counted for the audit);
    - NFC composition, so the same letter is always the same code point;
    - trailing spaces on each line removed. Leading spaces are kept: list markup uses them.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = SPACE_LIKE.sub(" ", text)
    before = len(text)
    text = INVISIBLE_OR_CONTROL.sub("", text)
    dropped = before - len(text)
    # The only spaces left are " ", U+2028 and U+2029 (the rest became " " or went): a text in
    # which none ends a line needs no line-by-line strip (speed).
    if " \n" in text or text.endswith(" ") or "\u2028" in text or "\u2029" in text:
        text = "\n".join([line.rstrip() for line in text.split("\n")])
    return text, dropped
