"""The adversarial corpus: hostile and broken sources, each with the outcome the pipeline must give.

`manifest.yml` lists every case. A case's bytes come from `files/<file>` (hand-written pages and
texts), from `text:` in the manifest (small UTF-8 texts), or from a generator below (`make:`), for
what cannot sit in a repository as a plain file: other encodings, binary data, megabyte lines,
10,000-deep markup, file names no checkout tool likes, symbolic links.

Outcomes:
- ok: the source becomes a page and no warning or error names it;
- warn: it becomes a page, and a warning names it (and matches `says`);
- reject: no page, and an error names it (and matches `says`).
`shows` lists text that must be visible on the page (after sanitising), `never` text that must not
appear anywhere in the page's HTML.
"""

from __future__ import annotations

import codecs
import os
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
MANIFEST = HERE / "manifest.yml"
OUTCOMES = ("ok", "warn", "reject")

# Prose used by the generated cases: long enough that the cleaner keeps it as text.
EN = (
    "China is ready to work with all countries to strengthen dialogue and cooperation in "
    "cyberspace, and to build a community with a shared future in cyberspace."
)
EN2 = (
    "The statement said that sovereign equality, a basic principle of the Charter of the "
    "United Nations, should also apply to the governance of the internet."
)
ZH = "中国愿同各国一道，加强网络空间对话合作，共同构建网络空间命运共同体。"
ZH2 = "主权平等原则是《联合国宪章》确立的国际关系基本准则，也应适用于网络空间。"
ZH_TRAD = "中國願同各國一道，加強網絡空間對話合作，共同構建網絡空間命運共同體。"
# Hong Kong characters that only Big5-HKSCS has (嘅 啲 㗎).
HKSCS = "香港嘅網絡安全，啲市民都好關注㗎，政府會繼續加強合作。"
# GB18030 beyond GBK (𠮷, a supplementary-plane character) and GBK beyond GB2312 (镕).
GB18030_ONLY = "朱镕基说：“𠮷字也要能读出来。”"

# Placeholders in manifest file names, for names too long to write out.
NAME_PLACEHOLDERS = {
    "{long}": "a-very-long-file-name-" + "x" * 200,
    # 251 bytes + ".txt": the longest name a file system holds (its sidecar's name cannot exist).
    "{max}": "m" * 251,
    "{longzh}": "网络空间命运共同体" * 8,
}


@dataclass
class Case:
    file: str  # name under sources/ (placeholders expanded)
    outcome: str
    why: str
    says: str = ""  # regex the diagnostic naming the file must match (warn, reject)
    shows: list[str] = field(default_factory=list)
    never: list[str] = field(default_factory=list)
    page: bool = True  # False: not a source at all (an unsupported file type), so no page either way
    text: str | None = None
    make: str | None = None
    args: dict = field(default_factory=dict)

    def data(self) -> bytes | None:
        """The source's bytes (None for a symbolic link, which `write` makes itself)."""
        if self.make:
            return GENERATORS[self.make](**self.args)
        if self.text is not None:
            return self.text.encode("utf-8")
        return (FILES / self.file).read_bytes()


def _expand(name: str) -> str:
    for key, value in NAME_PLACEHOLDERS.items():
        name = name.replace(key, value)
    return name


def cases() -> list[Case]:
    data = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    out = []
    for entry in data["cases"]:
        case = Case(**{**entry, "file": _expand(entry["file"])})
        assert case.outcome in OUTCOMES, case
        out.append(case)
    return out


def write(dest: Path) -> list[Case]:
    """Write every case into `dest` (a sources folder); returns the cases."""
    dest.mkdir(parents=True, exist_ok=True)
    found = cases()
    for case in found:
        path = dest / case.file
        path.parent.mkdir(parents=True, exist_ok=True)
        if case.make == "symlink":
            os.symlink(case.args["target"], path)
            continue
        path.write_bytes(case.data() or b"")
    return found


# ---- Generators ------------------------------------------------------------------------------


def _texts(lang: str) -> str:
    return {
        "en": f"{EN}\n\n{EN2}\n",
        "zh": f"{ZH}\n\n{ZH2}\n",
        "both": f"{ZH}\n\n{EN}\n\n{ZH2}\n\n{EN2}\n",
        "trad": f"{ZH_TRAD}\n\n{EN}\n",
        "hkscs": f"{HKSCS}\n\n{ZH_TRAD}\n",
        "gb18030": f"{GB18030_ONLY}\n\n{ZH}\n\n{ZH2}\n",
    }[lang]


def encoded(codec: str, lang: str = "both", bom: bool = False, html: str = "") -> bytes:
    """A text (or, with `html`, a page declaring that charset) in `codec`, with or without a BOM."""
    text = _texts(lang)
    if html is not None and html != "":
        paragraphs = "".join(f"<p>{p}</p>\n" for p in text.split("\n\n") if p.strip())
        meta = f'<meta charset="{html}">' if html != "none" else ""
        text = f"<html><head>{meta}<title>t</title></head><body><article>\n{paragraphs}</article></body></html>\n"
    data = text.encode(codec)
    if bom:
        data = {
            "utf-8": codecs.BOM_UTF8,
            "utf-16-le": codecs.BOM_UTF16_LE,
            "utf-16-be": codecs.BOM_UTF16_BE,
            "utf-32-le": codecs.BOM_UTF32_LE,
            "utf-32-be": codecs.BOM_UTF32_BE,
        }[codec] + data
    return data


def mixed_encodings() -> bytes:
    """UTF-8 lines with one line in GBK pasted in between (two scrapes concatenated)."""
    return f"{EN}\n\n{ZH}\n\n".encode() + ZH2.encode("gbk") + f"\n\n{EN2}\n".encode()


def mojibake(lang: str = "en") -> bytes:
    """UTF-8 text read as Windows-1252 (Latin-1 where cp1252 has no character) and saved again."""
    text = (
        "“Cyber sovereignty” isn’t a slogan — it’s a principle, the minister said. "
        + EN
        + "\n\nCafé owners in Zürich said they agreed. "
        + EN2
        + "\n"
        if lang == "en"
        else f"{ZH}\n\n{ZH2}\n"
    )
    raw = text.encode("utf-8")
    return "".join(
        bytes([b]).decode("cp1252", errors="strict") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
        for b in raw
    ).encode("utf-8")


def cp1252() -> bytes:
    return ("“Quoted” words — and a café in Zürich. " + EN + "\n\n" + EN2 + "\n").encode("cp1252")


def invalid_utf8() -> bytes:
    """Mostly ASCII prose with bytes that are valid in no East Asian encoding either."""
    return (EN + " \xff\xfe\xfd").encode("latin-1") + b"\xc3\x28\xa0\xa1\n\n" + EN2.encode() + b"\n"


def line_endings() -> bytes:
    return (
        EN.encode()
        + b"\r\n\r\n"
        + ZH.encode()
        + b"\r\r"
        + EN2.encode()
        + b"\n\r\n"
        + "A line that ends with a next-line control\u0085and goes on after it.".encode()
        + b"\n\n"
        + "A line separator\u2028inside a paragraph, and a paragraph separator\u2029after it.".encode()
        + b"\f\n\v"
        + ZH2.encode()
        + b"\r"
    )


def invisible() -> bytes:
    chars = {
        "zwsp": "\u200b",
        "zwnj": "\u200c",
        "zwj": "\u200d",
        "bom": "\ufeff",
        "shy": "\u00ad",
        "rlo": "\u202e",
        "lro": "\u202d",
        "pdf": "\u202c",
        "rli": "\u2067",
        "pdi": "\u2069",
        "tag": "\U000e0041\U000e0042",
        "mvs": "\u180e",
        "wj": "\u2060",
    }
    spaced = "\u00a0".join(EN.split(" ", 6)) + "\u3000" + ZH
    smuggled = "".join(f"{c}{ch}" for c, ch in zip(EN2, chars.values(), strict=False)) + EN2[len(chars) :]
    decomposed = (
        "Cafe\u0301 and the re\u0301sume\u0301 of the envoy were discussed at length, the report said."
    )
    filler = (
        "Invisible letters\u3164like the Hangul filler and\u2800the Braille blank are kept as characters."
    )
    return f"{spaced}\n\n{smuggled}\n\n{decomposed}\n\n{filler}\n\n\u202eevil.exe\u202c {ZH2}\n".encode()


def nul_in_text() -> bytes:
    return f"{EN}\n\n{EN2}".encode() + b"\x00" + f" {ZH}\n".encode()


def one_mb_line(lang: str = "en") -> bytes:
    unit = (EN + " ") if lang == "en" else ZH
    text = ""
    while len(text.encode()) < 1_048_576:
        text += unit
    return text.encode()


def one_mb_unbroken() -> bytes:
    """1 MB of letters with no space, punctuation or line break at all."""
    return (("abcdefghij" * 7) + "网络空间").encode() * (1_048_576 // 82)


def deep(tag: str = "div", depth: int = 10_000, close: bool = True, attrs: str = "") -> bytes:
    opening = f"<{tag}{attrs}>" * depth
    closing = f"</{tag}>" * depth if close else ""
    return (
        f"<html><body><article><p>{EN}</p>{opening}<p>{EN2}</p><p>{ZH}</p>{closing}<p>{ZH2}</p>"
        "</article></body></html>"
    ).encode()


def deep_levels(depth: int = 10_000) -> bytes:
    """Text at every one of `depth` nested levels, and a marker below them all."""
    levels = "".join(f"<div><p>Level {i}: {EN}</p>" for i in range(depth))
    return (
        f"<html><body><article>{levels}<p>DEEPEST MARKER {EN2}</p>{'</div>' * depth}</article></body></html>"
    ).encode()


def truncated_utf8() -> bytes:
    """A download cut off in the middle of a three-byte character."""
    return plain("both") + "中国愿同各国一道。".encode()[:-2]


def many_paragraphs(n: int = 1_000) -> bytes:
    zh = "\n\n".join(f"第{i}条。{ZH}{ZH2}" for i in range(n))
    en = "\n\n".join(f"Article {i}. {EN} {EN2}" for i in range(n))
    return f"{zh}\n\n{en}\n".encode()


def many_lines(n: int = 100_000) -> bytes:
    menu = ["Home", "News", "World", "Opinion", "Video", "Share", "Print", "E-mail"]
    lines = [menu[i % len(menu)] + f" {i}" for i in range(n)]
    lines[n // 2] = EN + " " + EN2
    return "\n".join(lines).encode()


def deep_yaml(depth: int = 5_000) -> bytes:
    return b"title_en: " + b"[" * depth + b"]" * depth + b"\n"


def binary(n: int = 4096, seed: int = 9) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(256) for _ in range(n))


def png() -> bytes:
    return (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
        + binary(200)
    )


def raw(hex: str) -> bytes:
    return bytes.fromhex(hex)


def plain(lang: str = "both") -> bytes:
    return _texts(lang).encode()


def zip_bomb(member: str = "word/document.xml", mib: int = 200) -> bytes:
    """A zip whose one part unpacks from a few hundred kilobytes to `mib` MiB of zeros."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, b"\0" * (mib * 1024 * 1024))
    return out.getvalue()


def many_records(n: int = 5000) -> bytes:
    """A WARC of `n` records, none of them an HTML page (requests and images), written with warcio."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for i in range(n):
        http = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://example.org/img/{i}.png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=http,
            warc_headers_dict={"WARC-Date": "2024-01-01T00:00:00Z"},
        )
        writer.write_record(record)
    return out.getvalue()


def zip_with(member: str, text: str = "") -> bytes:
    """A zip archive holding one part (a .docx without its document, say)."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, text)
    return out.getvalue()


def pdf_pages(n: int) -> bytes:
    """A PDF of `n` blank pages (no text layer: a scan's shape), written with PDFium."""
    import io

    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    for _ in range(n):
        doc.new_page(595, 842).close()
    out = io.BytesIO()
    doc.save(out)
    doc.close()
    return out.getvalue()


def docx_payloads() -> bytes:
    """A Word file whose text looks like markup and whose links point at javascript: and data:
    addresses (mammoth turns Word hyperlinks into <a href>), written with python-docx."""
    import io

    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_heading("网络空间命运共同体", level=1)
    document.add_paragraph(ZH)
    document.add_paragraph('<script>top.__dz_pwned=1</script><img src=x onerror="top.__dz_pwned=1">')
    for address in ("javascript:top.__dz_pwned=1", "data:text/html,<script>top.__dz_pwned=1</script>"):
        paragraph = document.add_paragraph("The text goes on: ")
        rel = document.part.relate_to(address, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rel)
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "a link to read more"
        run.append(text)
        link.append(run)
        paragraph._p.append(link)
    document.add_paragraph(EN)
    out = io.BytesIO()
    document.save(out)
    return _fixed_times(out.getvalue())


def _fixed_times(archive: bytes) -> bytes:
    """The zip with every part's time set to one date: python-docx stamps the time of writing, and
    a case whose bytes changed by the second would make two builds of one site differ."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, (2024, 1, 1, 0, 0, 0)), src.read(info), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def warc_of(pages: list[str], cut: int = 0, gzip_mib: int = 0) -> bytes:
    """A gzipped WARC holding these files of the corpus as HTML responses (at example.org): `cut`
    bytes taken off its end (a cut-off download); `gzip_mib`: one more page whose body is gzip
    (Content-Encoding) unpacking to that many MiB (a decompression bomb)."""
    import gzip
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    bodies = [(f"https://example.org/{name}", [], (FILES / name).read_bytes()) for name in pages]
    if gzip_mib:
        bomb = gzip.compress(b"<p>" + b" " * (gzip_mib * 1024 * 1024))
        bodies.append(("https://example.org/bomb.html", [("Content-Encoding", "gzip")], bomb))
    for url, extra, body in bodies:
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"), *extra], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=http,
            warc_headers_dict={"WARC-Date": "2024-01-01T00:00:00Z"},
        )
        writer.write_record(record)
    data = out.getvalue()
    return data[: len(data) - cut]


GENERATORS: dict[str, Callable[..., bytes]] = {
    "zip_bomb": zip_bomb,
    "many_records": many_records,
    "zip_with": zip_with,
    "pdf_pages": pdf_pages,
    "docx_payloads": docx_payloads,
    "warc_of": warc_of,
    "encoded": encoded,
    "mixed_encodings": mixed_encodings,
    "mojibake": mojibake,
    "cp1252": cp1252,
    "invalid_utf8": invalid_utf8,
    "line_endings": line_endings,
    "invisible": invisible,
    "nul_in_text": nul_in_text,
    "one_mb_line": one_mb_line,
    "one_mb_unbroken": one_mb_unbroken,
    "deep": deep,
    "deep_levels": deep_levels,
    "truncated_utf8": truncated_utf8,
    "many_paragraphs": many_paragraphs,
    "many_lines": many_lines,
    "deep_yaml": deep_yaml,
    "binary": binary,
    "png": png,
    "raw": raw,
    "plain": plain,
}
