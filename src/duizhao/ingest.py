"""Stage 1, ingest: bytes from sources/ to normalised text.

Decoding order (first that holds wins):
1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. the charset an HTML page declares, when its bytes decode under it (a conflict is reported);
3. strict UTF-8, which almost never decodes non-UTF-8 text by accident;
4. charset-normalizer's best guess, so Big5 is not read as GB18030 nonsense.
Legacy Chinese codecs are widened to their supersets (GB2312/GBK -> GB18030, Big5 -> Big5-HKSCS)
because pages that declare the old name routinely use characters only the superset has.

Then one whitespace rule for both languages (see `normalise`).
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from pathlib import Path

from .model import Decoded, Diagnostic, Level, RawSource

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
}
# Data files that live beside sources but are not documents (sidecars, glossary, rules).
DATA_SUFFIXES = {".yml", ".yaml", ".json", ".tsv", ".csv"}

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Declared or detected names mapped to the codec we decode with (supersets, see module doc).
CODEC_WIDENING = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "x-gbk": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "hz",
    "big5": "big5hkscs",
    "big5-tw": "big5hkscs",
    "cp950": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "iso-8859-1": "cp1252",  # browsers read Latin-1 declarations as Windows-1252
    "latin-1": "cp1252",
    "us-ascii": "utf-8",
    "ascii": "utf-8",
}

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)

# The whitespace rule. Why: scrapes mix NBSP, full-width and zero-width characters invisibly;
# readers and the aligner need one kind of space and no invisible characters.
SPACE_LIKE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad\u180e]")
# C0/C1 controls except newline; they have no meaning in prose and break Markdown placeholders.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Both removed in one scan (speed); the sets do not overlap, so the result is the same.
INVISIBLE_OR_CONTROL = re.compile(f"{INVISIBLE.pattern}|{CONTROLS.pattern}")
# Letters that appear when UTF-8 bytes were read as Latin-1/cp1252 and saved again.
# The second character is what cp1252 shows for a UTF-8 continuation byte (0x80-0xBF).
CP1252_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
MOJIBAKE = re.compile(f"[\u00c2-\u00f4][{CP1252_CONTINUATION}]")
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


def source_kind(name: str) -> str | None:
    suffix = "." + name.rsplit(".", 1)[1].lower() if "." in name else ""
    return SOURCE_KINDS.get(suffix)


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
        if any(part.startswith((".", "_")) for part in rel.parts) or not path.is_file():
            continue
        suffix = path.suffix.lower()
        if suffix in SOURCE_KINDS:
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


def _codec(name: str) -> str | None:
    name = name.strip().lower().replace("_", "-")
    name = CODEC_WIDENING.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _declared_charset(data: bytes) -> str | None:
    m = META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii", "replace") if m else None


def _looks_binary(data: bytes) -> bool:
    # NUL bytes never occur in 8-bit or UTF-8 text; UTF-16/32 was handled by its BOM first.
    sample = data[:65536]
    return b"\x00" in sample


def decode(source: RawSource) -> Decoded:
    """Decode and normalise one source, or raise SourceError naming the reason."""
    data = source.data
    kind = source_kind(source.name) or "text"
    notes: list[Diagnostic] = []
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceError(
            f"file is {len(data):,} bytes, over the {MAX_SOURCE_BYTES:,}-byte limit for a source"
        )
    if not data.strip():
        raise SourceError("file is empty or holds only whitespace")

    text: str | None = None
    encoding = ""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise SourceError(
                    f"byte-order mark says {codec} but the bytes do not decode: {exc}"
                ) from None
            break
    if text is None and _looks_binary(data):
        raise SourceError("file looks binary (it contains NUL bytes), not text")
    if text is None and kind == "html":
        declared = _declared_charset(data)
        if declared:
            codec = _codec(declared)
            if codec is None:
                notes.append(Diagnostic(Level.WARNING, source.name, f"unknown declared charset {declared!r}"))
            else:
                try:
                    text, encoding = data.decode(codec), codec
                except UnicodeDecodeError:
                    notes.append(
                        Diagnostic(
                            Level.WARNING,
                            source.name,
                            f"page declares charset {declared!r} but its bytes do not decode "
                            "under it; detecting the encoding instead",
                        )
                    )
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _detect(data)
            if text is None:
                raise SourceError(
                    "cannot determine the text encoding (not UTF-8, GB18030, Big5, …)"
                ) from None

    # Before the whitespace rule: it drops the C1 controls that sloppy Latin-1 mojibake keeps.
    if not text.isascii() and len(MOJIBAKE.findall(text)) >= 3 and _is_mojibake(text):
        repaired = repair_mojibake(text)
        if repaired != text and not _is_mojibake(repaired):
            notes.append(
                Diagnostic(
                    Level.INFO,
                    source.name,
                    f"text was mojibake (UTF-8 read as Latin-1 and saved again); repaired "
                    f"{sum(1 for a, b in zip(text, repaired, strict=False) if a != b) or 1} "
                    "places with ftfy (curly quotes kept); better: re-save the scrape as UTF-8",
                )
            )
            text = repaired
        else:
            notes.append(
                Diagnostic(
                    Level.WARNING,
                    source.name,
                    "text looks like mojibake (UTF-8 read as Latin-1 and saved again) and could "
                    "not be repaired safely; re-save the scrape as UTF-8 from the original",
                )
            )
    normalised, dropped = normalise(text)
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


def _detect(data: bytes) -> tuple[str | None, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None, ""
    codec = _codec(best.encoding) or best.encoding
    try:
        return data.decode(codec), codec
    except (UnicodeDecodeError, LookupError):
        return str(best), best.encoding


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    return len(BINARY_CONTROLS.findall(sample)) / max(1, len(sample))


def repair_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-Latin-1 with ftfy, changing nothing else: no quote straightening, no
    width or ligature folding, no normalisation (those would alter correct text)."""
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    return ftfy.fix_text(text, config)


def _is_mojibake(text: str) -> bool:
    """True when re-encoding suspicious runs as cp1252 gives valid UTF-8."""
    hits = 0
    for m in re.finditer(f"[\u00c2-\u00f4][{CP1252_CONTINUATION}]{{1,2}}", text):
        try:
            m.group().encode("cp1252").decode("utf-8")
            hits += 1
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return hits >= 3


def normalise(text: str) -> tuple[str, int]:
    """The whitespace rule, the same for zh and en.

    - line endings: CRLF and CR become LF;
    - NBSP, full-width (U+3000) and other space characters, tabs: one ordinary space;
    - zero-width characters, soft hyphens and control characters: removed (counted for the audit);
    - NFC composition, so the same letter is always the same code point;
    - trailing spaces on each line removed. Leading spaces are kept: list markup uses them.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = SPACE_LIKE.sub(" ", text)
    before = len(text)
    text = INVISIBLE_OR_CONTROL.sub("", text)
    dropped = before - len(text)
    text = "\n".join([line.rstrip() for line in text.split("\n")])
    return text, dropped
