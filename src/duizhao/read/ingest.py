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
from collections import Counter
from pathlib import Path

from ..model import Decoded, Diagnostic, Level, RawSource

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
# Letters that appear when UTF-8 bytes were read as Latin-1/cp1252 and saved again.
# The second character is what cp1252 shows for a UTF-8 continuation byte (0x80-0xBF).
CP1252_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
MOJIBAKE = re.compile(f"[\u00c2-\u00f4][{CP1252_CONTINUATION}]")
# Control characters that never occur in text files (tab, newline, CR, FF and VT can).
BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


# A file is binary when over this share of its first 64 KiB are NUL bytes (text has none, and a
# single stray one is damage, not a sign of binary data).
NUL_MAX_SHARE = 0.01
# UTF-16 without a BOM (see _utf16_without_bom): Latin-script text is about half zero bytes (this
# share at least); Chinese text must be at least UTF16_HAN_SHARE Han characters once decoded; either
# way at least UTF16_PLAUSIBLE_SHARE of it must be characters of the scripts we read.
UTF16_LATIN_ZERO_SHARE = 0.2
UTF16_HAN_SHARE = 0.5
UTF16_PLAUSIBLE_SHARE = 0.9
HAN_TEXT = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
PLAUSIBLE_TEXT = re.compile(
    "[\\s!-~\u00a0-\u024f\u2000-\u206f\u3000-\u303f\uff00-\uffef\u3400-\u4dbf\u4e00-\u9fff]"
)
# Mixed encodings (scrapes pasted together): when UTF-8 fails for some lines only, and at least
# this many Han characters or CJK/general punctuation marks (three-byte UTF-8) decode, the text is
# UTF-8 and those lines are read one by one. A legacy-encoded file has (almost) no such sequences;
# the two-byte ones it may form by accident are not counted.
MIXED_MIN_UTF8_CHARS = 20
WIDE_TEXT = re.compile("[\u2000-\u206f\u3000-\u303f\uff00-\uffef\u3400-\u4dbf\u4e00-\u9fff]")
# A line that is UTF-8 but for a few stray bytes (at most this share of its bytes beyond ASCII)
# keeps its UTF-8 and shows the stray bytes as U+FFFD; other lines are in a legacy encoding.
STRAY_BYTE_SHARE = 0.1


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
    # NUL bytes do not occur in 8-bit or UTF-8 text, but one stray NUL in a long text is a damaged
    # text, not a binary file (it is removed with the other control characters, and counted).
    # UTF-16/32 was handled first (BOM, or zero bytes in alternate positions).
    sample = data[:65536]
    return sample.count(0) > max(1, NUL_MAX_SHARE * len(sample))


def _utf16_without_bom(data: bytes) -> str | None:
    """The codec of UTF-16 text saved without a byte-order mark, or None.

    Every ASCII character of UTF-16 text (spaces, line breaks, digits, all of English) carries a
    zero byte in the same position of its pair. Latin-script text is half zero bytes; Chinese text
    has a few, and without them its bytes are not UTF-8, as a UTF-8 text with a stray NUL is. The
    bytes must then decode strictly, to text nearly all in the scripts we read (binary data and
    8-bit text decode to scattered code points and unpaired surrogates)."""
    sample = data[:65536]
    zeros = sample.count(0)
    if not zeros or len(data) % 2:
        return None  # UTF-16 comes in pairs of bytes
    latin = zeros >= UTF16_LATIN_ZERO_SHARE * len(sample)
    if not latin:
        try:
            sample.replace(b"\x00", b"").decode("utf-8")
            return None  # UTF-8 (or ASCII) text with stray NUL bytes
        except UnicodeDecodeError:
            pass
    # (ASCII byte, zero) pairs say little-endian, (zero, ASCII byte) pairs big-endian.
    le = sum(1 for lo, hi in zip(sample[0::2], sample[1::2], strict=True) if hi == 0 and 8 < lo < 127)
    be = sum(1 for hi, lo in zip(sample[0::2], sample[1::2], strict=True) if hi == 0 and 8 < lo < 127)
    codec = "utf-16-le" if le > be else "utf-16-be" if be > le else None
    if codec is None:
        return None
    try:
        text = sample.decode(codec)
    except UnicodeDecodeError:
        return None
    plausible = len(PLAUSIBLE_TEXT.findall(text)) >= UTF16_PLAUSIBLE_SHARE * len(text)
    han = len(HAN_TEXT.findall(text))
    return codec if plausible and (latin or han >= UTF16_HAN_SHARE * len(text)) else None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _cut_utf8(data: bytes) -> int:
    """How many bytes at the end of `data` are the start of a UTF-8 character cut off (a download
    that stopped mid-character): 1-3 when the rest decodes as UTF-8, else 0."""
    for k in (1, 2, 3):
        if len(data) <= k:
            break
        head, tail = data[:-k], data[-k:]
        lead = tail[0]
        needs = 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 0
        if needs > k and all(0x80 <= b <= 0xBF for b in tail[1:]):
            try:
                head.decode("utf-8")
            except UnicodeDecodeError:
                return 0
            return k
    return 0


def decode(source: RawSource, encoding: str = "") -> Decoded:  # noqa: C901 (left: a shared file, to split by source kind)
    """Decode and normalise one source, or raise SourceError naming the reason. `encoding`: the
    codec an editor gave (a sidecar's `encoding:`), which settles what the bytes leave open."""
    data = source.data
    kind = source_kind(source.name) or "text"
    notes: list[Diagnostic] = []
    if kind in MAX_BINARY_BYTES:
        return _decode_binary(source, kind)
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceError(
            f"file is {len(data):,} bytes, over the {MAX_SOURCE_BYTES:,}-byte limit for a source"
        )
    if not data.strip():
        raise SourceError("file is empty or holds only whitespace")

    text: str | None = None
    given, encoding = encoding, ""
    if given:
        codec = _codec(given)
        if codec is None:
            raise SourceError(f"the sidecar's encoding {given!r} is not a known codec")
        try:
            text, encoding = data.decode(codec), codec
        except UnicodeDecodeError as exc:
            raise SourceError(
                f"the sidecar says {given} but the bytes do not decode under it: {exc}"
            ) from None
        notes.append(Diagnostic(Level.INFO, source.name, f"read as {codec}, as its sidecar says"))
    for bom, codec in BOMS:
        if text is not None:
            break
        if data.startswith(bom):
            try:
                text, encoding = data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise SourceError(
                    f"byte-order mark says {codec} but the bytes do not decode: {exc}"
                ) from None
            break
    if text is None:
        codec = _utf16_without_bom(data)
        if codec is not None:
            text, encoding = data.decode(codec), codec
            notes.append(
                Diagnostic(
                    Level.INFO,
                    source.name,
                    f"no byte-order mark: read as {codec.upper()}, which its bytes fit (better: re-save it as UTF-8)",
                )
            )
    cut = _cut_utf8(data) if text is None else 0
    if cut:
        # A truncated download: every complete character is kept, the broken one reported.
        notes.append(
            Diagnostic(
                Level.WARNING,
                source.name,
                f"the file ends in the middle of a UTF-8 character (its last {cut} byte(s), from byte "
                f"offset {len(data) - cut:,}): a cut-off download? The complete text before it is kept",
            )
        )
        data = data[:-cut]
    if text is None and _looks_binary(data):
        raise SourceError("file looks binary (it contains NUL bytes), not text")
    conflict = ""
    if text is None and kind == "html":
        declared = _declared_charset(data)
        if declared:
            codec = _codec(declared)
            if codec is None:
                notes.append(Diagnostic(Level.WARNING, source.name, f"unknown declared charset {declared!r}"))
            elif codec != "utf-8" and not data.isascii() and _is_utf8(data):
                # Re-saved as UTF-8 with the old declaration kept (common in scrapes): legacy
                # Chinese bytes almost never form valid UTF-8, so the bytes settle it; and
                # GB18030 would decode UTF-8 bytes too, into nonsense.
                text, encoding = data.decode("utf-8"), "utf-8"
                notes.append(
                    Diagnostic(
                        Level.INFO,
                        source.name,
                        f"page declares charset {declared!r} but its bytes are UTF-8: read as UTF-8",
                    )
                )
            else:
                try:
                    text, encoding = data.decode(codec), codec
                except UnicodeDecodeError:
                    conflict = declared
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            mixed = _mixed(data, source.name)
            if mixed is not None:
                text, encoding, note = mixed
                notes.append(note)
            else:
                text, encoding = _detect(data)
                if text is None:
                    raise SourceError(
                        "cannot determine the text encoding (not UTF-8, GB18030, Big5, …)"
                    ) from None
                notes.append(
                    Diagnostic(
                        Level.INFO,
                        source.name,
                        f"no declared encoding and not UTF-8: detected {encoding}",
                    )
                )

    if conflict:
        notes.append(
            Diagnostic(
                Level.WARNING,
                source.name,
                f"page declares charset {conflict!r} but its bytes do not decode under it; read as "
                f"{encoding} (detected); if that is wrong, give the right one as `encoding:` in its sidecar",
            )
        )
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


def _mixed(data: bytes, name: str) -> tuple[str, str, Diagnostic] | None:
    """UTF-8 text with some lines in another encoding (or with stray bytes): the text, "utf-8
    (mixed)" and a warning naming the lines; None when the file is not mostly UTF-8."""
    lines = data.split(b"\n")
    decoded: list[str | None] = []
    utf8_chars = 0
    for line in lines:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            decoded.append(None)
            continue
        utf8_chars += len(WIDE_TEXT.findall(text))
        decoded.append(text)
    bad = [i for i, t in enumerate(decoded) if t is None]
    if utf8_chars < MIXED_MIN_UTF8_CHARS:
        return None
    legacy: list[int] = []
    stray: list[int] = []
    for i in bad:
        line = lines[i]
        invalid = len(line) - len(line.decode("utf-8", "ignore").encode("utf-8"))
        if invalid <= STRAY_BYTE_SHARE * sum(1 for b in line if b > 127):
            stray.append(i)
            decoded[i] = line.decode("utf-8", "replace")
        else:
            legacy.append(i)
    codec = "gb18030"
    if legacy:
        best, guessed = _detect(b"\n".join(lines[i] for i in legacy))
        codec = guessed if best is not None and guessed else codec
        for i in legacy:
            decoded[i] = lines[i].decode(codec, "replace")
    parts = []
    if legacy:
        parts.append(f"{_line_list(legacy)} {'is' if len(legacy) == 1 else 'are'} not UTF-8, read as {codec}")
    if stray:
        parts.append(
            f"{_line_list(stray)} {'has' if len(stray) == 1 else 'have'} stray bytes shown as \ufffd"
        )
    note = Diagnostic(
        Level.WARNING,
        name,
        f"mixed encodings: the text is UTF-8 but {'; '.join(parts)} (check them; better: re-save "
        "the scrape in one encoding)",
        (legacy or stray)[0] + 1,
    )
    return "\n".join(t or "" for t in decoded), "utf-8", note


def _line_list(indices: list[int], most: int = 5) -> str:
    shown = ", ".join(str(i + 1) for i in indices[:most])
    more = f" and {len(indices) - most} more" if len(indices) > most else ""
    return f"line{'s' if len(indices) > 1 else ''} {shown}{more}"


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
