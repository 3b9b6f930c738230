"""Editors' alignment corrections: the `beads:` list of a sidecar, applied to a document's rows
after automatic alignment. Each item is one operation:

    beads:
      - merge: [p-3fa9c2e1, p-0b1c2d3e]   # consecutive rows become one row
      - split: p-3fa9c2e1                 # a row of several paragraphs: one row per zh/en pair
      - unpair: p-3fa9c2e1                # the row's zh and en shown apart (no counterpart)
      - pair: {zh: "中国古语云", en: "A Chinese adage goes"}   # these paragraphs are counterparts

A row is named by its anchor (the `#p-…` of its permalink). `pair` names paragraphs by the start
of their text (or by a row's anchor): the rows around them are re-aligned so the two paragraphs
share a row, and nothing else moves. Corrected rows get method "editor" and confidence 1.
Every problem is reported with the sidecar's file and line; a failed item changes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..model import Bead, Diagnostic, Level, Paragraph
from ..read.sidecar import Sidecar
from ..vocab import lexicon as lx
from . import align

OPERATIONS = ("merge", "split", "unpair", "pair")
EDITOR = "editor"


class Problem(ValueError):
    pass


def apply(
    beads: tuple[Bead, ...], car: Sidecar, lexicon: lx.Lexicon | None = None
) -> tuple[tuple[Bead, ...], list[Diagnostic]]:
    notes: list[Diagnostic] = []
    rows = list(beads)
    lines = car.bead_lines or (None,) * len(car.beads)
    for item, line in zip(car.beads, lines, strict=False):
        try:
            rows = _one(rows, item, lexicon)
        except Problem as exc:
            notes.append(Diagnostic(Level.ERROR, car.path, f"beads: {exc}", line))
    if not car.beads:
        return beads, notes
    return align.with_anchors([replace(b, anchor="") for b in rows]), notes


def _one(rows: list[Bead], item: dict[str, Any], lexicon: lx.Lexicon | None) -> list[Bead]:
    keys = [k for k in item if k in OPERATIONS]
    unknown = [k for k in item if k not in OPERATIONS]
    if unknown or len(keys) != 1:
        raise Problem(
            f"each item needs exactly one of {', '.join(OPERATIONS)} (got {', '.join(map(str, item)) or 'nothing'})"
        )
    op, value = keys[0], item[keys[0]]
    if op == "merge":
        if not isinstance(value, list) or len(value) < 2:
            raise Problem("merge needs a list of at least two row anchors")
        at = sorted(_row(rows, v) for v in value)
        if at != list(range(at[0], at[0] + len(at))):
            raise Problem(f"merge: rows {', '.join(map(str, value))} are not next to each other")
        group = rows[at[0] : at[-1] + 1]
        merged = _editor(
            tuple(p for b in group for p in b.zh), tuple(p for b in group for p in b.en), lexicon
        )
        return [*rows[: at[0]], merged, *rows[at[-1] + 1 :]]
    if op == "split":
        k = _row(rows, value)
        b = rows[k]
        if len(b.zh) + len(b.en) < 3:
            raise Problem(f"split: row {value} has only {len(b.zh)} zh and {len(b.en)} en paragraph(s)")
        parts = [_editor(b.zh[i : i + 1], b.en[i : i + 1], lexicon) for i in range(max(len(b.zh), len(b.en)))]
        return rows[:k] + parts + rows[k + 1 :]
    if op == "unpair":
        k = _row(rows, value)
        b = rows[k]
        if not b.zh or not b.en:
            raise Problem(f"unpair: row {value} has only one language")
        return [*rows[:k], _editor(b.zh, (), lexicon), _editor((), b.en, lexicon), *rows[k + 1 :]]
    return _pair(rows, value, lexicon)


def _row(rows: list[Bead], ref: Any) -> int:
    if not isinstance(ref, str) or not ref.strip():
        raise Problem(f"{ref!r} is not a row anchor such as p-3fa9c2e1")
    ref = ref.strip().lstrip("#")
    for k, b in enumerate(rows):
        if b.anchor == ref:
            return k
    raise Problem(f"no row {ref} in this document (its text may have changed; see the page's permalinks)")


def _paragraph(rows: list[Bead], ref: Any, lang: str) -> tuple[int, Paragraph]:
    """The row index and the paragraph named by a row anchor or the start of its text."""
    if not isinstance(ref, str) or not ref.strip():
        raise Problem(f"pair: {lang} must be the start of a paragraph's text or a row anchor")
    ref = ref.strip()
    found = []
    for k, b in enumerate(rows):
        side = b.zh if lang == "zh" else b.en
        if b.anchor == ref.lstrip("#") and side:
            found.append((k, side[0]))
        found.extend((k, p) for p in side if p.text.startswith(ref))
    if not found:
        raise Problem(f"pair: no {lang} paragraph starts with {ref!r}")
    if len({id(p) for _, p in found}) > 1:
        raise Problem(f"pair: {len(found)} {lang} paragraphs start with {ref!r}; quote more of the text")
    return found[0]


def _pair(rows: list[Bead], value: Any, lexicon: lx.Lexicon | None) -> list[Bead]:
    if not isinstance(value, dict) or set(value) != {"zh", "en"}:
        raise Problem("pair needs {zh: <text start or anchor>, en: <text start or anchor>}")
    kz, pz = _paragraph(rows, value["zh"], "zh")
    ke, pe = _paragraph(rows, value["en"], "en")
    lo, hi = min(kz, ke), max(kz, ke)
    span = rows[lo : hi + 1]
    zh = [p for b in span for p in b.zh]
    en = [p for b in span for p in b.en]
    iz, ie = zh.index(pz), en.index(pe)
    # Align what comes before the pinned pair and what comes after, separately: the pin holds.
    before = align.align_paragraphs(zh[:iz], en[:ie], method=EDITOR, lexicon=lexicon) if iz or ie else []
    after = align.align_paragraphs(zh[iz + 1 :], en[ie + 1 :], method=EDITOR, lexicon=lexicon)
    before = [align.link_sentences(b, lexicon) for b in before]
    after = [align.link_sentences(b, lexicon) for b in after]
    return rows[:lo] + before + [_editor((pz,), (pe,), lexicon)] + after + rows[hi + 1 :]


def _editor(zh: tuple[Paragraph, ...], en: tuple[Paragraph, ...], lexicon: lx.Lexicon | None) -> Bead:
    bead = Bead(zh=tuple(zh), en=tuple(en), anchor="", confidence=1.0, method=EDITOR)
    return align.link_sentences(bead, lexicon)
