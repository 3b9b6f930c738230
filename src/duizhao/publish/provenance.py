"""The provenance mark: what a text is (an original, an official or human translation, a machine
translation suspected, or unstated) wherever it is listed, with its evidence one tap away.

The document header says it at length (doc_header._meta_rows); this is the short form for lists (the
documents index, the home page, the timeline, speakers, publishers, tags, glossary occurrences,
related documents). A `<details>` element: the label is its summary, a tap (or Enter) opens the
evidence, with no script. A status a rule inferred says so in its evidence: the mark never turns
a guess into a fact.
"""

from __future__ import annotations

from collections.abc import Callable

from ..markup import esc, md_text
from ..model import Document, Field

# value of Metadata.translation -> (the mark's words, its class suffix). Short: it sits in lists.
LABELS = {
    "original": "original",
    "official-bilingual": "official translation",
    "human": "human translation",
    "machine-suspected": "machine translation suspected",
    "unknown": "status not stated",
}
# How the status was found, said before its evidence.
ORIGINS = {
    "given": "stated by an editor",
    "derived": "inferred by a rule",
}
# A list holds up to 120 marks (the timeline), so a mark's evidence is cut to this many
# characters (at a word) there: the first signal and its example; the document's header gives
# it whole. Why 100: a machine-translation finding runs to 500 characters; cut, a mark weighs
# about 250 bytes, and a listing page of 100-120 rows stays within its 80 KB budget.
EVIDENCE_CHARS = 100
def short(evidence: str, most: int = EVIDENCE_CHARS) -> str:
    """`evidence` cut at a word before `most` characters, saying so ("…, in full on its page")."""
    if len(evidence) <= most:
        return evidence
    cut = evidence[:most].rsplit(" ", 1)[0].rstrip(" ;,:(")
    return f"{cut}… (in full on its page)"


def status(doc: Document) -> Field | None:
    return doc.metadata.translation


def mark(
    f: Field | None, lang: str = "", markdown: bool = False, escape: Callable[[str], str] | None = None
) -> str:
    """The mark of one text's status `f` (None: nothing). `lang` ("zh"/"en") names which text
    when a listed work has two (a cross-file pair). `markdown`: the mark goes into a Markdown
    page (every ASCII mark of its evidence an entity), else into a raw HTML block."""
    found = parts(f, lang)
    if found is None:
        return ""
    e = escape or (md_text if markdown else esc)
    label, value, evidence = found
    return (
        f'<details class="dz-prov dz-prov-{value}"><summary>{e(label)}</summary>'
        f'<span class="dz-prov-why">{e(evidence)}</span></details>'
    )


def parts(f: Field | None, lang: str = "") -> tuple[str, str, str] | None:
    """A mark's words, its class suffix (the status) and its evidence, as plain text (the search
    results draw the same mark in the browser); None without a status."""
    if f is None or not f.value:
        return None
    value = f.value if f.value in LABELS else "unknown"
    which = {"zh": "Chinese: ", "en": "English: "}.get(lang, "")
    origin = ORIGINS.get(f.origin, "stated in the source")
    evidence = f"{origin}; {short(f.evidence)}" if f.evidence else origin
    return which + LABELS[value], value, evidence


def all_parts(doc: Document, others: dict[str, Document] | None = None) -> list[tuple[str, str, str]]:
    """`parts` of each mark `marks` shows for a listed document, in the same order."""
    cp = doc.counterpart
    other = others.get(cp.slug) if cp is not None and others is not None else None
    if other is None:
        return [p] if (p := parts(status(doc))) else []
    own_lang = "en" if cp.lang == "zh" else "zh"
    pair = sorted([(own_lang, status(doc)), (cp.lang, status(other))])  # Chinese first
    return [p for lang, f in pair if (p := parts(f, lang))]


def marks(doc: Document, others: dict[str, Document] | None = None, markdown: bool = False) -> str:
    """The marks of a listed document: its own, and, for a work in two sources (the Chinese one
    standing for both), its counterpart's too, each naming its language."""
    cp = doc.counterpart
    other = others.get(cp.slug) if cp is not None and others is not None else None
    if other is None:
        return mark(status(doc), markdown=markdown)
    own_lang = "en" if cp.lang == "zh" else "zh"
    pair = sorted([(own_lang, status(doc)), (cp.lang, status(other))])  # Chinese first
    return " ".join(m for lang, f in pair if (m := mark(f, lang, markdown)))
