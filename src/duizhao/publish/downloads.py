"""A document's alignment as files readers can take away: TMX 1.4 (translation memories, CAT tools)
and JSON (scripts, corpus work). Both list every bead with its confidence; TMX has one translation
unit per sentence link that has both sides, JSON everything, unmatched sentences included.

Deterministic output (no timestamps), so a rebuild of unchanged sources changes no byte.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from .. import __version__
from ..model import Bead, Document
from ..vocab import hanzi
from .citation import version_record

if TYPE_CHECKING:
    from ..link.versions import Other

SUFFIXES = ("tmx", "json")

# What XML 1.0 cannot carry (C0 controls but tab, LF and CR; surrogates; U+FFFE, U+FFFF), and DEL
# and the C1 controls (legal, but never text): a file name or an editor's field may hold them.
_UNFIT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Text fit for a download in any format: no character XML forbids, no control."""
    return _UNFIT.sub("", text)


def aligned(doc: Document) -> bool:
    """True when the document has at least one bead with both languages."""
    return any(b.zh and b.en for b in doc.beads)


def _links(bead: Bead) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    if bead.links:
        return [(k.zh, k.en, k.confidence) for k in bead.links]
    # Not aligned below the paragraph: the whole bead is one unit.
    return [(tuple(range(len(bead.zh_sentences))), tuple(range(len(bead.en_sentences))), bead.confidence)]


def _join(sentences: tuple[str, ...], ids: tuple[int, ...], lang: str) -> str:
    sep = "" if lang == "zh" else " "
    return sep.join(sentences[i] for i in ids if i < len(sentences))


def to_json(doc: Document, others: tuple[Other, ...] = ()) -> str:
    """`others`: the other versions of its text (link/versions.py), named with the version cited."""
    beads = []
    for bead in doc.beads:
        zs, es = bead.zh_sentences, bead.en_sentences
        beads.append(
            {
                "anchor": bead.anchor,
                "method": bead.method,
                "confidence": bead.confidence,
                "zh": [p.text for p in bead.zh],
                "en": [p.text for p in bead.en],
                "sentences": {"zh": list(zs), "en": list(es)},
                "links": [
                    {"zh": list(z), "en": list(e), "confidence": c} for z, e, c in _links(bead) if z or e
                ],
            }
        )
    data = {
        "format": "duizhao-alignment/1",
        "document": doc.slug,
        "source": doc.source.name,
        "sha256": doc.source.sha256,
        "title": {"zh": _value(doc.metadata.title_zh), "en": _value(doc.metadata.title_en)},
        "languages": {"zh": hanzi.doc_tag(doc.beads), "en": "en"},
        "counterpart": doc.counterpart.as_json() if doc.counterpart else None,
        # (only when there are any: a document without keeps its download as it was)
        **({"related_texts": [r.as_json() for r in doc.relatives]} if doc.relatives else {}),
        **({"version": version} if (version := version_record(doc, others)) else {}),
        "beads": beads,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _value(f) -> str | None:
    return f.value if f is not None and f.value else None


def to_tmx(doc: Document, others: tuple[Other, ...] = ()) -> str:
    # (Imported here: xml.sax pulls in urllib.request, which every build would pay for.)
    from xml.sax.saxutils import escape, quoteattr

    zh_tag = hanzi.doc_tag(doc.beads)
    version = version_record(doc, others) or {}
    # One of several versions: which one these units come from (its stated fields only).
    props = [
        f'<prop type="x-{name}">{escape(clean(str(version[key])))}</prop>'
        for name, key in (
            ("version", "cited"),
            ("publisher", "publisher"),
            ("date", "date"),
            ("source-url", "url"),
        )
        if version.get(key)
    ]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        f'<header creationtool="duizhao" creationtoolversion={quoteattr(__version__)} segtype="sentence"'
        f' o-tmf="duizhao" adminlang="en" srclang="{zh_tag}" datatype="plaintext">',
        f'<prop type="x-source">{escape(clean(doc.source.name))}</prop>',
        f'<prop type="x-sha256">{doc.source.sha256}</prop>',
        *props,
        "</header>",
        "<body>",
    ]
    for bead in doc.beads:
        zs, es = bead.zh_sentences, bead.en_sentences
        for k, (z, e, conf) in enumerate(_links(bead)):
            if not z or not e:
                continue
            out.append(
                f"<tu tuid={quoteattr(f'{bead.anchor}.{k}')}>"
                f'<prop type="x-confidence">{conf:.3f}</prop>'
                f'<prop type="x-method">{escape(bead.method)}</prop>'
                f'<tuv xml:lang="{zh_tag}"><seg>{escape(_join(zs, z, "zh"))}</seg></tuv>'
                f'<tuv xml:lang="en"><seg>{escape(_join(es, e, "en"))}</seg></tuv>'
                "</tu>"
            )
    out += ["</body>", "</tmx>", ""]
    return "\n".join(out)


def path(doc: Document, texts_dir: str, suffix: str) -> str:
    """Docs-relative path of a download: next to the document's page."""
    return f"{texts_dir}/{doc.slug}.{suffix}"


def files(doc: Document, texts_dir: str, others: tuple[Other, ...] = ()) -> list[tuple[str, str]]:
    """(path, content) of each download of an aligned document; none for a one-language text.
    `others`: the other versions of its text (link/versions.py)."""
    if not aligned(doc):
        return []
    return [
        (path(doc, texts_dir, "tmx"), to_tmx(doc, others)),
        (path(doc, texts_dir, "json"), to_json(doc, others)),
    ]
