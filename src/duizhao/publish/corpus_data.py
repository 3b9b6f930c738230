"""The whole corpus as data files, for the site's data page (data/) and `duizhao export-corpus DIR`:

- corpus.tmx    TMX 1.4, one translation unit per aligned sentence pair, each with its document's
                properties (<prop type="x-...">) and its confidence;
- corpus.jsonl  one JSON object a line, one line per pair (the shape `datasets.load_dataset("json")`
                reads); its document's fields repeated on every line;
- corpus.tsv    the same rows and columns, tab-separated, with a header line;
- glossary.tbx  the glossary as TBX v3, TBX-Basic dialect (conceptEntry / langSec / termSec / term);
- glossary.csv  one glossary entry a row.

A pair is one sentence link of a bead (downloads.py's per-document TMX units: the whole bead when it
is not aligned below the paragraph) whose both sides hold text; a unit with one side is left out and
counted. A work in two sources (a cross-file pair) is exported once, from the side the documents
index lists (listing.works), as its beads hold both columns.

Metadata is never a guess passed off as fact: every field comes with its origin (extracted, given
in a sidecar, or derived by a fallback), and a derived title (the text's first sentence) is left out.

Untrusted text: characters XML 1.0 forbids (C0 controls but tab, LF and CR; surrogates; U+FFFE,
U+FFFF), DEL and the C1 controls are removed from every value, in every file alike; XML escapes
&, <, > and quotes; in TSV and CSV a tab or line break inside a value becomes one space (a row is
one line) and a value holding a double quote or the separator is quoted CSV-style (the csv
module's excel and excel-tab dialects). Deterministic output: a rebuild of unchanged sources
changes no byte.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field

from .. import __version__
from ..link.matcher import Entry, Glossary
from ..memo import LastCall
from ..model import Document, Field
from ..vocab import hanzi
from . import downloads

DATA_DIR = "data"  # the data page and its files in the built site
PAGE = f"{DATA_DIR}/index.md"
TMX, JSONL, TSV = "corpus.tmx", "corpus.jsonl", "corpus.tsv"
TBX, GLOSSARY_CSV = "glossary.tbx", "glossary.csv"
FILES = (TMX, JSONL, TSV, TBX, GLOSSARY_CSV)

# Removed from every value: what XML 1.0 cannot carry, DEL and the C1 controls (as the per-document
# downloads do).
clean = downloads.clean
# A row of TSV or CSV is one line: tabs and every line break (what str.splitlines breaks on) go.
_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")

# Metadata fields exported with their origin: (column, Metadata attribute).
DOC_FIELDS = (
    ("date", "date"),
    ("speaker", "author"),
    ("role", "role"),
    ("venue", "venue"),
    ("publisher", "publisher"),
    ("url", "source_url"),
    ("translation_status", "translation"),  # ("translation" is the pair in Hugging Face sets)
)

# The columns of corpus.jsonl and corpus.tsv, in order: the pair, then its document.
COLUMNS = (
    "id",
    "zh",
    "en",
    "zh_lang",
    "en_lang",
    "confidence",
    "method",
    "document",
    "source",
    "counterpart",
    "counterpart_how",
    *(f"counterpart_{c}" for c in ("publisher", "date", "url")),
    "title_zh",
    "title_en",
    *(c for name, _ in DOC_FIELDS for c in (name, f"{name}_origin")),
)
# Columns the TMX carries in the unit's structure (tuid, tuv) rather than as a property.
_IN_STRUCTURE = ("id", "zh", "en", "zh_lang", "en_lang")

GLOSSARY_COLUMNS = ("id", "kind", "zh", "zh_lang", "en", "en_other", "en_variants", "zh_variants", "note")
LIST_SEPARATOR = "; "  # several terms in one CSV cell

TBX_NS = "urn:iso:std:iso:30042:ed-2"


def one_line(text: str) -> str:
    """A value for a TSV or CSV cell: tabs and line breaks become one space."""
    return _BREAKS.sub(" ", text)


@dataclass
class CorpusData:
    """The rows of the corpus's pairs and what was left out."""

    rows: list[dict[str, str | float]] = field(default_factory=list)
    documents: int = 0  # works exported (each with at least one pair)
    skipped: int = 0  # sentence units with one side only (or no text on a side)
    entries: tuple[Entry, ...] = ()

    @property
    def zh_tags(self) -> list[str]:
        return sorted({str(r["zh_lang"]) for r in self.rows})


def _cited(f: Field | None) -> tuple[str, str]:
    """(value, origin) of a metadata field; empty when it has none."""
    if f is None or not f.value:
        return "", ""
    return clean(f.value), f.origin


def _title(doc: Document | None, lang: str) -> str:
    f = getattr(doc.metadata, f"title_{lang}") if doc is not None else None
    # A derived title is the text's first sentence, not a title: left out.
    return clean(f.value) if f is not None and f.value and f.origin != "derived" else ""


def _document_fields(doc: Document, other: Document | None) -> dict[str, str]:
    """The fields every pair of `doc` repeats; `other`: the source that translates it, if any."""
    meta = doc.metadata
    out = {"document": doc.slug, "source": clean(doc.source.name)}
    cp = doc.counterpart
    out["counterpart"] = clean(cp.name) if cp is not None else ""
    out["counterpart_how"] = cp.how if cp is not None else ""
    # A work in two sources: the version its other column comes from (that copy's stated fields).
    for column, attr in (("publisher", "publisher"), ("date", "date"), ("url", "source_url")):
        value, origin = _cited(getattr(other.metadata, attr)) if other is not None else ("", "")
        out[f"counterpart_{column}"] = value if origin != "derived" else ""
    for lang in ("zh", "en"):
        # A work in two sources: the other source states the title in its own language.
        out[f"title_{lang}"] = _title(doc, lang) or _title(other, lang)
    for name, attr in DOC_FIELDS:
        out[name], out[f"{name}_origin"] = _cited(getattr(meta, attr))
    return out


def collect(docs: list[Document], glossary: Glossary | None = None) -> CorpusData:
    """Every aligned sentence pair of the published documents `docs`, once per work (as the
    documents index lists them), in document order, and the glossary's entries."""
    from .listing import works

    data = CorpusData(entries=glossary.entries if glossary is not None else ())
    by_slug = {d.slug: d for d in docs}
    for doc in works(docs):
        if not downloads.aligned(doc):
            data.skipped += sum(max(len(b.links), 1) for b in doc.beads)  # (one language: nothing pairs)
            continue
        zh_tag = hanzi.doc_tag(doc.beads)  # (as the document's own TMX says)
        shared = _document_fields(doc, by_slug.get(doc.counterpart.slug) if doc.counterpart else None)
        found = 0
        for bead in doc.beads:
            zs, es = bead.zh_sentences, bead.en_sentences
            for k, (z, e, confidence) in enumerate(downloads._links(bead)):
                zh = clean(downloads._join(zs, z, "zh")) if z else ""
                en = clean(downloads._join(es, e, "en")) if e else ""
                if not zh.strip() or not en.strip():
                    data.skipped += 1
                    continue
                found += 1
                data.rows.append(
                    {
                        "id": f"{doc.slug}#{bead.anchor}.{k}",
                        "zh": zh,
                        "en": en,
                        "zh_lang": zh_tag,
                        "en_lang": "en",
                        "confidence": round(confidence, 3),
                        "method": clean(bead.method),
                        **shared,
                    }
                )
        data.documents += bool(found)
    return data


# ---- The pairs --------------------------------------------------------------------------------


def to_jsonl(data: CorpusData) -> str:
    # U+2028 and U+2029 stay escaped: JSON allows them raw, but readers that split lines the way
    # str.splitlines and JavaScript do would cut a row in two.
    text = "".join(_JSONL.map(_keyed(data.rows)))
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _table(columns: tuple[str, ...], rows: list[list[str]], dialect: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, dialect=dialect, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(_CELLS.map(tuple(row) for row in rows))
    return out.getvalue()


def tsv_value(value: str | float) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def to_tsv(data: CorpusData) -> str:
    return _table(COLUMNS, [[tsv_value(r[c]) for c in COLUMNS] for r in data.rows], "excel-tab")


# Each row's formatting from the previous build in this process. Why: under `mkdocs serve` an
# edit changes a few rows of 200,000 (1,000 documents); only those are formatted again.
_JSONL = LastCall(lambda items: json.dumps(dict(items), ensure_ascii=False) + "\n")
_CELLS = LastCall(lambda row: [one_line(v) for v in row])
_TU = LastCall(lambda items: _tu(dict(items)))


def _keyed(rows: list[dict]) -> list[tuple]:
    return [tuple(row.items()) for row in rows]


def prop_type(column: str) -> str:
    """The TMX property that carries a column: x-title-zh for title_zh."""
    return "x-" + column.replace("_", "-")


def to_tmx(data: CorpusData) -> str:
    # (Imported here: xml.sax pulls in urllib.request, which every build would pay for.)
    from xml.sax.saxutils import quoteattr

    tags = data.zh_tags
    # One Chinese variant throughout: it is the source language; several: TMX's "*all*".
    srclang = tags[0] if len(tags) == 1 else ("*all*" if tags else "zh-Hans")
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        f'<header creationtool="duizhao" creationtoolversion={quoteattr(__version__)} segtype="sentence"'
        f' o-tmf="duizhao" adminlang="en" srclang="{srclang}" datatype="plaintext">',
        f'<prop type="x-pairs">{len(data.rows)}</prop>',
        f'<prop type="x-documents">{data.documents}</prop>',
        f'<prop type="x-skipped-one-sided">{data.skipped}</prop>',
        "</header>",
        "<body>",
    ]
    out += _TU.map(_keyed(data.rows))
    out += ["</body>", "</tmx>", ""]
    return "\n".join(out)


def _tu(row: dict) -> str:
    from xml.sax.saxutils import escape, quoteattr

    props = "".join(
        f'<prop type="{prop_type(c)}">{escape(tsv_value(row[c]))}</prop>'
        for c in COLUMNS
        if c not in _IN_STRUCTURE and row[c] != ""
    )
    return (
        f"<tu tuid={quoteattr(str(row['id']))}>{props}"
        f'<tuv xml:lang="{row["zh_lang"]}"><seg>{escape(str(row["zh"]))}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{escape(str(row["en"]))}</seg></tuv>'
        "</tu>"
    )


# ---- The glossary -----------------------------------------------------------------------------


def term_tag(term: str) -> str:
    """zh-Hant for a term written with Traditional-only characters and no Simplified-only one,
    else zh-Hans. (A term is too short for hanzi.variant's share of a whole text.)"""
    _, trad_only, simp_only = hanzi.table()
    trad = any(c in trad_only for c in term)
    return "zh-Hant" if trad and not any(c in simp_only for c in term) else "zh-Hans"


def _entry_id(n: int, entry: Entry) -> str:
    return clean(entry.slug) or f"entry-{n}"


def to_glossary_csv(data: CorpusData) -> str:
    rows = []
    for n, e in enumerate(data.entries, start=1):
        rows.append(
            [
                _entry_id(n, e),
                e.kind,
                clean(e.zh),
                term_tag(e.zh),
                clean(e.en[0]),
                LIST_SEPARATOR.join(clean(t) for t in e.en[1:]),
                LIST_SEPARATOR.join(clean(t) for t in e.variants),
                LIST_SEPARATOR.join(clean(t) for t in e.zh_variants),
                clean(e.note),
            ]
        )
    return _table(GLOSSARY_COLUMNS, rows, "excel")


def _term_sec(term: str, status: str, variant: bool) -> str:
    from xml.sax.saxutils import escape

    notes = f'<termNote type="administrativeStatus">{status}</termNote>' if status else ""
    if variant:
        notes += '<termNote type="termType">variant</termNote>'
    return f"<termSec><term>{escape(clean(term))}</term>{notes}</termSec>"


def to_tbx(data: CorpusData) -> str:
    """TBX-Basic: the Chinese term is preferred; the first English rendering preferred, the other
    accepted ones admitted; the variants (wordings seen in texts, not accepted) are marked as
    variants with no status, as are other Chinese forms. The kind and the note are notes."""
    from xml.sax.saxutils import escape, quoteattr

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="{TBX_NS}">',
        "<tbxHeader><fileDesc>",
        "<titleStmt><title>duizhao glossary</title></titleStmt>",
        f"<sourceDesc><p>Generated by duizhao {escape(__version__)} from glossary.yml: "
        f"{len(data.entries)} entries.</p></sourceDesc>",
        "</fileDesc></tbxHeader>",
        "<text><body>",
    ]
    for n, e in enumerate(data.entries, start=1):
        zh_forms: dict[str, list[str]] = {}
        for i, form in enumerate(e.zh_forms):
            zh_forms.setdefault(term_tag(form), []).append(
                _term_sec(form, "preferredTerm-admn-sts" if i == 0 else "", i > 0)
            )
        en = [
            *(
                _term_sec(t, "preferredTerm-admn-sts" if i == 0 else "admittedTerm-admn-sts", False)
                for i, t in enumerate(e.en)
            ),
            *(_term_sec(t, "", True) for t in e.variants),
        ]
        note = f"<note>{escape(clean(e.note))}</note>" if clean(e.note).strip() else ""
        out.append(
            f"<conceptEntry id={quoteattr('c-' + _entry_id(n, e))}>"
            f"<note>kind: {escape(e.kind)}</note>{note}"
            + "".join(
                f'<langSec xml:lang="{tag}">{"".join(secs)}</langSec>' for tag, secs in zh_forms.items()
            )
            + f'<langSec xml:lang="en">{"".join(en)}</langSec>'
            "</conceptEntry>"
        )
    out += ["</body></text>", "</tbx>", ""]
    return "\n".join(out)


# ---- The files and the page that lists them -----------------------------------------------------


def files(data: CorpusData) -> list[tuple[str, str]]:
    """(file name, content) of every data file, in FILES order."""
    return [
        (TMX, to_tmx(data)),
        (JSONL, to_jsonl(data)),
        (TSV, to_tsv(data)),
        (TBX, to_tbx(data)),
        (GLOSSARY_CSV, to_glossary_csv(data)),
    ]
