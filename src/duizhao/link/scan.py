"""One document's contribution to the links: its glossary hits (by paragraph, for the page's term
links), how often it mentions each entry, and each occurrence in context (keyword in context with
the aligned counterpart). link.build relates the documents of the corpus from these scans."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from .. import paging
from ..model import Bead, Document, link_groups, sentence_offsets
from .matcher import Glossary, Hit

# Characters of context on each side of a keyword (Chinese packs about three times as much
# meaning into a character as English does).
KWIC_WIDTH = {"zh": 26, "en": 72}

# A counterpart longer than this is cut around the rendering (or after its start).
COUNTERPART_WIDTH = 240

@dataclass(frozen=True)
class Occurrence:
    """One glossary entry in one document, in context, with its aligned counterpart."""

    entry: int
    slug: str
    anchor: str  # the row (bead) it is in
    number: int  # the row's number on the page (¶n)
    lang: str
    before: str
    form: str
    after: str
    counterpart: str = ""  # the aligned text on the other side ("" when there is none)
    counterpart_lang: str = ""
    rendering: tuple[int, int] | None = None  # where a form of the same entry is in the counterpart
    part: int = 1  # the part of a long document's page that shows the row (paging.part_of)

@dataclass
class Scan:
    """What one document contributes: its glossary hits (by paragraph text, for the page's links),
    how often it mentions each entry, and its occurrences in context."""

    hits: dict[str, tuple[Hit, ...]] = field(default_factory=dict)
    counts: Counter[int] = field(default_factory=Counter)
    occurrences: list[Occurrence] = field(default_factory=list)

def _own_sides(doc: Document) -> tuple[str, ...]:
    """The columns holding this document's own text: a cross-file pair's page also shows the other
    source's text, which is that source's to count."""
    if doc.counterpart is None:
        return ("zh", "en")
    return tuple(s for s in ("zh", "en") if s != doc.counterpart.lang)

def _window(text: str, start: int, end: int, lang: str) -> tuple[str, str]:
    width = KWIC_WIDTH.get(lang, KWIC_WIDTH["en"])
    a = max(0, start - width)
    b = min(len(text), end + width)
    before, after = text[a:start], text[end:b]
    if lang == "en":  # cut at a space, not inside a word
        if a > 0 and " " in before:
            before = before[before.index(" ") + 1 :]
        if b < len(text) and " " in after:
            after = after[: after.rindex(" ")]
    return ("…" if a > 0 else "") + before, after + ("…" if b < len(text) else "")

def _join(parts: list[str], lang: str) -> str:
    return ("" if lang == "zh" else " ").join(p.strip() for p in parts if p.strip())

def _counterpart(bead: Bead, side: str, sentence: int, groups: tuple[list[int], list[int]]) -> str:
    """The text aligned with sentence `sentence` of `side`: its linked sentences on the other side,
    or, when the row has no sentence links, the whole other side."""
    other = "en" if side == "zh" else "zh"
    paragraphs = bead.en if side == "zh" else bead.zh
    if not paragraphs:
        return ""
    if not bead.links:
        return _join([p.text for p in paragraphs], other)
    mine, theirs = groups if side == "zh" else (groups[1], groups[0])
    group = mine[sentence] if sentence < len(mine) else -1
    if group < 0:
        return ""
    sentences = bead.en_sentences if side == "zh" else bead.zh_sentences
    return _join([s for j, s in enumerate(sentences) if j < len(theirs) and theirs[j] == group], other)

def _cut(text: str, span: tuple[int, int] | None) -> tuple[str, tuple[int, int] | None]:
    """A long counterpart cut to COUNTERPART_WIDTH around the span (which moves with it)."""
    if len(text) <= COUNTERPART_WIDTH:
        return text, span
    centre = (span[0] + span[1]) // 2 if span else 0
    a = max(0, min(centre - COUNTERPART_WIDTH // 2, len(text) - COUNTERPART_WIDTH))
    b = a + COUNTERPART_WIDTH
    if " " in text:  # English: cut between words
        if a > 0 and (k := text.find(" ", a)) != -1 and (span is None or k < span[0]):
            a = k + 1
        if b < len(text) and (k := text.rfind(" ", a, b)) != -1 and (span is None or k >= span[1]):
            b = k
    head, tail = ("…" if a > 0 else ""), ("…" if b < len(text) else "")
    moved = (span[0] - a + len(head), span[1] - a + len(head)) if span else None
    return head + text[a:b] + tail, moved

# What may stand between a term and its own abbreviation, e.g. 二十国集团(G20): one mention.
RESTATEMENT = re.compile(r"^[\s(（\[【“\"'‘,，、]{0,3}$")

def _restated(text: str, prev: Hit, hit: Hit) -> bool:
    return prev.entry == hit.entry and bool(RESTATEMENT.match(text[prev.end : hit.start]))

def _metadata_text(doc: Document) -> str:
    """Header fields that are not in the text: read from the scrape's header or given by an
    editor (a derived title is the text's first sentence, already counted)."""
    m = doc.metadata
    fields = (m.title_zh, m.title_en, m.venue, m.role)
    return "\n".join(f.value for f in fields if f is not None and f.origin != "derived")

def scan(doc: Document, glossary: Glossary) -> Scan:
    """Glossary hits and occurrences of one document (pure: the document and the glossary only)."""
    out = Scan()
    if not len(glossary):
        return out
    own = _own_sides(doc)
    side_counts: dict[str, Counter[int]] = {"zh": Counter(), "en": Counter()}
    counterparts: dict[str, list[Hit]] = {}
    for number, bead in enumerate(doc.beads, start=1):
        groups = link_groups(bead)
        for side in ("zh", "en"):
            paragraphs = bead.zh if side == "zh" else bead.en
            first = 0  # sentence numbering runs through the bead's side
            for p in paragraphs:
                hits = out.hits.get(p.text)
                if hits is None:
                    hits = out.hits[p.text] = tuple(glossary.find(p.text))
                spans = sentence_offsets(p.text, p.sentences)
                if side in own:
                    for n, hit in enumerate(hits):
                        if n and _restated(p.text, hits[n - 1], hit):
                            continue
                        side_counts[side][hit.entry] += 1
                        k = next((i for i, (_, e) in enumerate(spans) if hit.start < e), len(spans) - 1)
                        occ = _occurrence(
                            doc, bead, number, side, p.text, hit, first + k, groups, glossary, counterparts
                        )
                        if occ is not None:
                            out.occurrences.append(occ)
                first += len(p.sentences)
    for entry in set(side_counts["zh"]) | set(side_counts["en"]):
        out.counts[entry] = max(side_counts["zh"][entry], side_counts["en"][entry])
    if out.occurrences and len(doc.beads) > 1:
        part = paging.part_of(doc, out.hits)  # (the hits weigh on the page: they are its links)
        out.occurrences = [replace(o, part=part.get(o.anchor, 1)) for o in out.occurrences]
    return out

def _occurrence(
    doc: Document,
    bead: Bead,
    number: int,
    side: str,
    text: str,
    hit: Hit,
    sentence: int,
    groups: tuple[list[int], list[int]],
    glossary: Glossary,
    seen: dict[str, list[Hit]],
) -> Occurrence | None:
    """The occurrence of `hit`, or None for an English mention whose Chinese counterpart holds
    the same entry (that pair is listed once, as the Chinese occurrence and its rendering)."""
    counterpart = _counterpart(bead, side, sentence, groups)
    other = "en" if side == "zh" else "zh"
    span = None
    if counterpart:
        if counterpart not in seen:  # a row's terms share their counterpart: find its terms once
            seen[counterpart] = glossary.find(counterpart)
        same = [h for h in seen[counterpart] if h.entry == hit.entry]
        if same and side == "en":
            return None
        span = (same[0].start, same[0].end) if same else None
    counterpart, span = _cut(counterpart, span)
    before, after = _window(text, hit.start, hit.end, side)
    return Occurrence(
        entry=hit.entry,
        slug=doc.slug,
        anchor=bead.anchor,
        number=number,
        lang=side,
        before=before,
        form=hit.form,
        after=after,
        counterpart=counterpart,
        counterpart_lang=other if counterpart else "",
        rendering=span,
    )
