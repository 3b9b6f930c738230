"""Stage 1: bytes to normalised text, and clear refusals for what is not text."""

from __future__ import annotations

import random
import unicodedata

import pytest

from duizhao.read import ingest

from .helpers import raw

ZH = "中国是网络安全国际合作的积极倡导者。網絡空間命運共同體"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (ZH.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + ZH.encode("utf-8"), "utf-8-sig"),
        (ZH.encode("utf-16"), "utf-16"),
        (("中国是网络安全国际合作的积极倡导者。" * 20).encode("gb18030"), "gb18030"),
    ],
)
def test_decodes_common_encodings(data: bytes, encoding: str) -> None:
    decoded = ingest.decode(raw(data))
    assert decoded.encoding == encoding
    assert "中国是网络安全国际合作的积极倡导者" in decoded.text


def test_big5_is_not_read_as_gb18030() -> None:
    text = "網絡空間命運共同體是各國人民的共同願望，我們應當加強對話與合作。" * 10
    decoded = ingest.decode(raw(text.encode("big5")))
    assert decoded.text.startswith("網絡空間命運共同體")
    assert "big5" in decoded.encoding


def test_declared_html_charset_is_honoured() -> None:
    page = '<html><head><meta charset="gb2312"></head><body><p>网络空间安全</p></body></html>'
    decoded = ingest.decode(raw(page.encode("gb18030"), "page.html"))
    assert decoded.encoding == "gb18030"  # GB2312 widened to its superset
    assert "网络空间安全" in decoded.text


def test_declared_charset_conflict_is_reported() -> None:
    page = '<html><head><meta charset="utf-8"></head><body><p>' + "网络空间安全。" * 30 + "</p></body></html>"
    decoded = ingest.decode(raw(page.encode("gb18030"), "page.html"))
    assert "网络空间安全" in decoded.text
    assert any("do not decode" in d.message for d in decoded.diagnostics)


def test_whitespace_rule_is_the_same_for_both_languages() -> None:
    text = "a\u00a0b\u3000c\u200bd\r\ne\rf\u2003g  \n"
    decoded = ingest.decode(raw(text.encode("utf-8")))
    assert decoded.text == "a b cd\ne\nf g\n"
    assert decoded.dropped_chars == 1


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"  \n\t \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
)
def test_unreadable_sources_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ingest.SourceError, match=reason):
        ingest.decode(raw(data))


def test_oversized_sources_are_refused() -> None:
    with pytest.raises(ingest.SourceError, match="limit"):
        ingest.decode(raw(b"a" * (ingest.MAX_SOURCE_BYTES + 1)))


def test_mojibake_is_reported() -> None:
    text = "China’s “cyber sovereignty” – a view from Beijing’s “Wuzhen” summit, here and there"
    broken = text.encode("utf-8").decode("cp1252", errors="replace")
    decoded = ingest.decode(raw(broken.encode("utf-8")))
    assert any("mojibake" in d.message for d in decoded.diagnostics)


def test_discover_names_files_it_will_not_read(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "a.yml").write_text("title: x")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("x")
    found, notes = ingest.discover(tmp_path)
    assert [p.name for p in found] == ["a.txt"]
    assert [n.path for n in notes] == ["photo.png"]


def test_mojibake_is_repaired_without_straightening_quotes() -> None:
    text = "China’s “cyber sovereignty” — a view from Beijing’s “Wuzhen” summit, café and naïve."
    # what a browser shows for UTF-8 bytes read as Windows-1252 (undefined bytes as C1 controls)
    broken = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))
    decoded = ingest.decode(raw(broken.encode("utf-8")))
    assert decoded.text == text
    assert "“cyber sovereignty”" in decoded.text and "China’s" in decoded.text
    assert any("repaired" in d.message and "mojibake" in d.message for d in decoded.diagnostics)


def test_correct_curly_quotes_are_never_touched() -> None:
    text = "He said: “Cyberspace is not an ‘extra-legal place’.” It’s agreed — 网络空间。"
    decoded = ingest.decode(raw(text.encode("utf-8")))
    assert decoded.text == text and not decoded.diagnostics


def _normalise_line_by_line(text: str) -> tuple[str, int]:
    """ingest.normalise as the whitespace rule states it, with no shortcut."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = ingest.SPACE_LIKE.sub(" ", text)
    before = len(text)
    text = ingest.INVISIBLE_OR_CONTROL.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n")), before - len(text)


def test_normalise_gives_what_the_rule_gives_line_by_line() -> None:
    spaces = [c for c in map(chr, range(0x3000 + 1)) if c.isspace()] + ["\u200b", "\ufeff", "\x00", "\r\n"]
    pieces = ["a", "中", "e\u0301", " ", "\n", "\r", ".", *spaces]
    rng = random.Random(4)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert ingest.normalise(text) == _normalise_line_by_line(text), repr(text)
