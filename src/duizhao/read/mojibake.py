"""Mojibake: UTF-8 text that was read as Latin-1 (cp1252) and saved again ("Ã©" for "é",
"ä¸­" for "中"), found by its telltale pairs and undone with ftfy where that is safe."""

from __future__ import annotations

import re

from ..model import Diagnostic, Level

# Letters that appear when UTF-8 bytes were read as Latin-1/cp1252 and saved again.
# The second character is what cp1252 shows for a UTF-8 continuation byte (0x80-0xBF).
CP1252_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
MOJIBAKE = re.compile(f"[\u00c2-\u00f4][{CP1252_CONTINUATION}]")


def unmojibake(text: str, name: str, notes: list[Diagnostic]) -> str:
    """The text with UTF-8-read-as-Latin-1 undone where that is safe (a note says so either way).
    Before the whitespace rule: it drops the C1 controls that sloppy Latin-1 mojibake keeps."""
    if text.isascii() or len(MOJIBAKE.findall(text)) < 3 or not _is_mojibake(text):
        return text
    repaired = repair_mojibake(text)
    if repaired != text and not _is_mojibake(repaired):
        notes.append(
            Diagnostic(
                Level.INFO,
                name,
                f"text was mojibake (UTF-8 read as Latin-1 and saved again); repaired "
                f"{sum(1 for a, b in zip(text, repaired, strict=False) if a != b) or 1} "
                "places with ftfy (curly quotes kept); better: re-save the scrape as UTF-8",
            )
        )
        return repaired
    notes.append(
        Diagnostic(
            Level.WARNING,
            name,
            "text looks like mojibake (UTF-8 read as Latin-1 and saved again) and could "
            "not be repaired safely; re-save the scrape as UTF-8 from the original",
        )
    )
    return text


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
