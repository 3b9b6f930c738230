"""Which codec a text source's bytes are in, and its text (stage 1, for ingest.decode).

Decoding order (first that holds wins):
1. the codec an editor gave (a sidecar's `encoding:`);
2. a byte-order mark (UTF-8, UTF-16, UTF-32), or UTF-16 without one when its bytes fit;
3. the charset an HTML page declares, when its bytes decode under it (a conflict is reported);
4. strict UTF-8, which almost never decodes non-UTF-8 text by accident, or UTF-8 with some lines
   in another encoding (mixed);
5. charset-normalizer's best guess, so Big5 is not read as GB18030 nonsense.
Legacy Chinese codecs are widened to their supersets (GB2312/GBK -> GB18030, Big5 -> Big5-HKSCS)
because pages that declare the old name routinely use characters only the superset has. Text that
was UTF-8 read as Latin-1 and saved again (mojibake) is repaired where that is safe (mojibake.py).
"""

from __future__ import annotations

import codecs
import re

from ..model import Diagnostic, Level

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


class Undecodable(Exception):
    """Bytes that cannot become text; the message says why (ingest names the file)."""


def read_text(data: bytes, kind: str, name: str, given: str = "") -> tuple[str, str, list[Diagnostic]]:
    """The text of a source's bytes, the codec it was read with, and what the reader should know
    (in the module's order). `given`: the codec an editor gave; `kind`: "html" reads a declared
    charset; `name`: the file the notes name."""
    notes: list[Diagnostic] = []
    text, encoding = _stated(data, given, name, notes)
    if text is not None:
        return text, encoding, notes
    data = _uncut(data, name, notes)
    if _looks_binary(data):
        raise Undecodable("file looks binary (it contains NUL bytes), not text")
    conflict = ""
    if kind == "html":
        text, encoding, conflict = _declared(data, name, notes)
    if text is None:
        text, encoding = _utf8_or_guess(data, name, notes)
    if conflict:
        notes.append(
            Diagnostic(
                Level.WARNING,
                name,
                f"page declares charset {conflict!r} but its bytes do not decode under it; read as "
                f"{encoding} (detected); if that is wrong, give the right one as `encoding:` in its sidecar",
            )
        )
    return text, encoding, notes


def _stated(data: bytes, given: str, name: str, notes: list[Diagnostic]) -> tuple[str | None, str]:
    """The text when the codec is stated: by the editor, by a byte-order mark, or by the zero bytes
    of UTF-16 saved without one."""
    if given:
        codec = _codec(given)
        if codec is None:
            raise Undecodable(f"the sidecar's encoding {given!r} is not a known codec")
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise Undecodable(f"the sidecar says {given} but the bytes do not decode under it: {exc}") from None
        notes.append(Diagnostic(Level.INFO, name, f"read as {codec}, as its sidecar says"))
        return text, codec
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise Undecodable(f"byte-order mark says {codec} but the bytes do not decode: {exc}") from None
    codec = _utf16_without_bom(data)
    if codec is None:
        return None, ""
    notes.append(
        Diagnostic(
            Level.INFO,
            name,
            f"no byte-order mark: read as {codec.upper()}, which its bytes fit (better: re-save it as UTF-8)",
        )
    )
    return data.decode(codec), codec


def _uncut(data: bytes, name: str, notes: list[Diagnostic]) -> bytes:
    """A truncated download: every complete character is kept, the broken one reported."""
    cut = _cut_utf8(data)
    if not cut:
        return data
    notes.append(
        Diagnostic(
            Level.WARNING,
            name,
            f"the file ends in the middle of a UTF-8 character (its last {cut} byte(s), from byte "
            f"offset {len(data) - cut:,}): a cut-off download? The complete text before it is kept",
        )
    )
    return data[:-cut]


def _declared(data: bytes, name: str, notes: list[Diagnostic]) -> tuple[str | None, str, str]:
    """An HTML page read under the charset it declares: (text, codec, ""), or (None, "", the
    declared name) when its bytes do not decode under it, or (None, "", "") without one."""
    declared = _declared_charset(data)
    if not declared:
        return None, "", ""
    codec = _codec(declared)
    if codec is None:
        notes.append(Diagnostic(Level.WARNING, name, f"unknown declared charset {declared!r}"))
        return None, "", ""
    if codec != "utf-8" and not data.isascii() and _is_utf8(data):
        # Re-saved as UTF-8 with the old declaration kept (common in scrapes): legacy
        # Chinese bytes almost never form valid UTF-8, so the bytes settle it; and
        # GB18030 would decode UTF-8 bytes too, into nonsense.
        notes.append(
            Diagnostic(
                Level.INFO,
                name,
                f"page declares charset {declared!r} but its bytes are UTF-8: read as UTF-8",
            )
        )
        return data.decode("utf-8"), "utf-8", ""
    try:
        return data.decode(codec), codec, ""
    except UnicodeDecodeError:
        return None, "", declared


def _utf8_or_guess(data: bytes, name: str, notes: list[Diagnostic]) -> tuple[str, str]:
    """UTF-8, else UTF-8 with lines in another encoding, else charset-normalizer's guess."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = _mixed(data, name)
    if mixed is not None:
        text, encoding, note = mixed
        notes.append(note)
        return text, encoding
    text, encoding = _detect(data)
    if text is None:
        raise Undecodable("cannot determine the text encoding (not UTF-8, GB18030, Big5, …)")
    notes.append(
        Diagnostic(
            Level.INFO,
            name,
            f"no declared encoding and not UTF-8: detected {encoding}",
        )
    )
    return text, encoding


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
