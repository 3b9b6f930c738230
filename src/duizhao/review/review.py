"""What readers will see change between two builds of the corpus, and the editorial policy.

`compare(base, head)` takes the documents built at two revisions (by the same code) and returns a
Review: documents added, removed or renamed; per document the paragraphs and pairs added, removed
or changed (word-level), metadata changes, lines the cleaner newly removes or restores (with rule
ids), pairs split, merged or re-paired, new low-confidence pairs; URL changes; and violations of
the two rules of the corpus: a scrape is never edited in place, and a published URL never
disappears without a redirect. report.py writes it as Markdown. Nothing here knows about git.
"""

from __future__ import annotations

import re
from collections import defaultdict

# Pairs below the threshold the reader flags on the page are listed for a reviewer to check.
from ..model import Bead, Diagnostic, Document, Level, Paragraph, display_title
from ..pipeline import published
from ..publish.parallel_text import LOW_CONFIDENCE
from ..read.sidecar import METADATA_KEYS
from . import textdiff
from .changes import (
    BeadRef,
    CleaningChange,
    DocumentChange,
    FieldChange,
    PairChange,
    ParagraphChange,
    Review,
    Side,
    UrlChange,
    Violation,
    page_of,
)

# The fields a sidecar may set are the ones a review compares.
METADATA_FIELDS = METADATA_KEYS
# A PDF's layout is not its text. Its running headers and footers repeat once a page (a page more
# or fewer is no cleaning change, and page numbers differ only in their digits): compared as one
# line each. Where its lines broke (a hyphen undone) moves whenever the text is set again: not
# compared. What changed in the text is in the paragraphs' diff.
PDF_FURNITURE = ("pdf.header", "pdf.footer")
PDF_LAYOUT_ONLY = ("pdf.hyphen",)
DIGITS = re.compile(r"\d+")


# ---- documents ------------------------------------------------------------------------------------


def _match_documents(
    base: list[Document], head: list[Document]
) -> list[tuple[Document | None, Document | None, str]]:
    """(before, after, status) for every document: same file name, else same bytes (a rename)."""
    b_by_name = {d.source.name: d for d in base}
    h_by_name = {d.source.name: d for d in head}
    out: list[tuple[Document | None, Document | None, str]] = []
    for name in sorted(b_by_name.keys() & h_by_name.keys()):
        out.append((b_by_name[name], h_by_name[name], "changed"))
    gone = [b_by_name[n] for n in sorted(b_by_name.keys() - h_by_name.keys())]
    new = [h_by_name[n] for n in sorted(h_by_name.keys() - b_by_name.keys())]
    by_sha: dict[str, list[Document]] = defaultdict(list)
    for d in new:
        by_sha[d.source.sha256].append(d)
    matched: set[str] = set()
    for d in gone:
        twins = by_sha.get(d.source.sha256)
        if twins:
            twin = twins.pop(0)
            matched.add(twin.source.name)
            out.append((d, twin, "renamed"))
        else:
            out.append((d, None, "removed"))
    out += [(None, d, "added") for d in new if d.source.name not in matched]
    return out


def _excerpt(paragraphs: tuple[Paragraph, ...], limit: int = 60) -> str:
    text = " ".join(p.text for p in paragraphs)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _refs(doc: Document) -> list[BeadRef]:
    return [
        BeadRef(n, b.anchor, _excerpt(b.zh), _excerpt(b.en), b.confidence, b.method)
        for n, b in enumerate(doc.beads, start=1)
    ]


def _bead_of(doc: Document) -> dict[int, int]:
    """Paragraph index -> position of the bead that shows it."""
    out = {}
    for k, bead in enumerate(doc.beads):
        for p in (*bead.zh, *bead.en):
            out[p.index] = k
    return out


def _side(p: Paragraph) -> str:
    from ..align.align import side

    return side(p)


def match_paragraphs(
    a: tuple[Paragraph, ...], b: tuple[Paragraph, ...]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[int], list[int]]:
    """Positions of paragraphs kept as they were, changed (similar text, same language column),
    removed and added, in reading order."""
    import difflib

    ka = [textdiff.normal(p.text) for p in a]
    kb = [textdiff.normal(p.text) for p in b]
    same: list[tuple[int, int]] = []
    changed: list[tuple[int, int]] = []
    removed: list[int] = []
    added: list[int] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        if tag == "equal":
            same += list(zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        j = j1
        for i in range(i1, i2):
            # The next paragraph of the same column that is similar enough, within a short window,
            # keeps the order; paragraphs skipped over are additions.
            best, best_score = None, textdiff.SAME_PARAGRAPH
            for k in range(j, min(j2, j + 8)):
                if _side(a[i]) != _side(b[k]):
                    continue
                score = textdiff.similarity(ka[i], kb[k])
                if score >= best_score:
                    best, best_score = k, score
            if best is None:
                removed.append(i)
                continue
            added += list(range(j, best))
            changed.append((i, best))
            j = best + 1
        added += list(range(j, j2))
    return same, changed, removed, added


def _pair_changes(before: Document, after: Document, mapping: list[tuple[int, int]]) -> list[PairChange]:
    """Pairs split, merged or re-paired: beads are linked when they show the same paragraph (kept or
    changed); a group of linked beads that is not one bead before and one after changed shape."""
    bead_a, bead_b = _bead_of(before), _bead_of(after)
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    index_a = {k: p.index for k, p in enumerate(before.paragraphs)}
    index_b = {k: p.index for k, p in enumerate(after.paragraphs)}
    for i, j in mapping:
        ba, bb = bead_a.get(index_a[i]), bead_b.get(index_b[j])
        if ba is None or bb is None:
            continue
        parent[find(("a", ba))] = find(("b", bb))
    groups: dict[tuple[str, int], list[tuple[str, int]]] = defaultdict(list)
    for node in list(parent):
        groups[find(node)].append(node)
    refs_a, refs_b = _refs(before), _refs(after)
    out = []
    for nodes in groups.values():
        olds = sorted(k for s, k in nodes if s == "a")
        news = sorted(k for s, k in nodes if s == "b")
        if len(olds) == 1 and len(news) == 1:
            continue
        kind = "split" if len(olds) == 1 else "merged" if len(news) == 1 else "re-paired"
        out.append(PairChange(kind, tuple(refs_a[k] for k in olds), tuple(refs_b[k] for k in news)))
    return sorted(out, key=lambda c: c.after[0].number)


def _paragraph_changes(
    before: Document, after: Document
) -> tuple[list[ParagraphChange], list[tuple[int, int]]]:
    a, b = before.paragraphs, after.paragraphs
    same, changed, removed, added = match_paragraphs(a, b)
    refs_a, refs_b = _refs(before), _refs(after)
    bead_a, bead_b = _bead_of(before), _bead_of(after)
    out: list[ParagraphChange] = []
    for i, j in changed:
        lang = b[j].lang
        out.append(
            ParagraphChange(
                "changed",
                lang,
                refs_b[bead_b[b[j].index]],
                a[i].text,
                b[j].text,
                tuple(textdiff.diff(a[i].text, b[j].text, lang)),
                page_of(after, b[j]),
            )
        )
    out += [
        ParagraphChange("removed", a[i].lang, refs_a[bead_a[a[i].index]], before=a[i].text, page=page_of(before, a[i]))
        for i in removed
    ]
    out += [
        ParagraphChange("added", b[j].lang, refs_b[bead_b[b[j].index]], after=b[j].text, page=page_of(after, b[j]))
        for j in added
    ]
    out.sort(key=lambda c: (c.pair.number, c.op != "removed"))
    return out, same + changed


def _metadata_changes(before: Document | None, after: Document | None) -> list[FieldChange]:
    out = []
    for name in METADATA_FIELDS:
        fa = getattr(before.metadata, name) if before else None
        fb = getattr(after.metadata, name) if after else None
        va, vb = (fa.value if fa else ""), (fb.value if fb else "")
        oa, ob = (fa.origin if fa else ""), (fb.origin if fb else "")
        if va != vb or (va and oa != ob):
            out.append(FieldChange(name, va, vb, oa, ob))
    ta = ", ".join(before.metadata.tags) if before else ""
    tb = ", ".join(after.metadata.tags) if after else ""
    if ta != tb:
        out.append(FieldChange("tags", ta, tb))
    return out


def _cleaning_changes(before: Document, after: Document) -> list[CleaningChange]:
    """Lines removed now that were kept before, and the reverse, matched by their text (line numbers
    move when a scrape is edited in place) and the kind of removal."""

    def keyed(doc: Document):
        out = defaultdict(list)
        for r in doc.removals:
            if r.rule in PDF_LAYOUT_ONLY:
                continue
            if r.rule in PDF_FURNITURE:
                key = (DIGITS.sub("#", textdiff.normal(r.text)), r.action)
                if not out[key]:
                    out[key].append(r)
                continue
            out[(textdiff.normal(r.text), r.action)].append(r)
        return out

    ka, kb = keyed(before), keyed(after)
    out: list[CleaningChange] = []
    for key in ka.keys() | kb.keys():
        ra, rb = ka.get(key, []), kb.get(key, [])
        for x, y in zip(ra, rb, strict=False):
            if x.rule != y.rule:
                out.append(CleaningChange("rule", y.line, y.text, y.rule, y.action, x.rule))
        out += [CleaningChange("removed", r.line, r.text, r.rule, r.action) for r in rb[len(ra) :]]
        out += [CleaningChange("restored", r.line, r.text, r.rule, r.action) for r in ra[len(rb) :]]
    return sorted(out, key=lambda c: (c.line, c.op))


def _low_confidence(before: Document | None, after: Document) -> tuple[list[BeadRef], int]:
    """Pairs the page flags as uncertain (both sides present, below LOW_CONFIDENCE) that were not
    already flagged (same anchor) before."""
    old = {b.anchor for b in before.beads if _flagged(b)} if before else set()
    low = [r for r, b in zip(_refs(after), after.beads, strict=True) if _flagged(b)]
    return [r for r in low if r.anchor not in old], len(low)


def _flagged(bead: Bead) -> bool:
    return bool(bead.zh and bead.en) and bead.confidence < LOW_CONFIDENCE


def _messages(before: Document | None, after: Document | None) -> list[Diagnostic]:
    seen = {str(d) for d in before.diagnostics} if before else set()
    return [
        d for d in (after.diagnostics if after else []) if d.level is not Level.INFO and str(d) not in seen
    ]


def _inputs(base: Side, head: Side, before: Document | None, after: Document | None) -> list[str]:
    """Editor files behind this document that differ: its sidecar (the scrape is reported apart)."""
    out = []
    ca = base.sidecar(before.source.name) if before else None
    cb = head.sidecar(after.source.name) if after else None
    if ca != cb or (ca and cb and base.files.get(ca) != head.files.get(cb)):
        for path in dict.fromkeys(p for p in (ca, cb) if p):
            out.append(path)
    return out


def diff_document(before: Document | None, after: Document | None, status: str = "changed") -> DocumentChange:
    """Everything a reader would see change from `before` to `after` (either may be None)."""
    change = DocumentChange(status, before, after)
    change.metadata = _metadata_changes(before, after)
    change.messages = _messages(before, after)
    if after is not None:
        change.low_confidence, change.low_confidence_total = _low_confidence(before, after)
    if before is None or after is None:
        return change
    change.edited_in_place = status == "changed" and before.source.sha256 != after.source.sha256
    change.paragraphs, mapping = _paragraph_changes(before, after)
    change.pairs = _pair_changes(before, after, mapping)
    change.cleaning = _cleaning_changes(before, after)
    return change


# ---- URLs and policy ------------------------------------------------------------------------------


def _urls(base: Side, head: Side) -> tuple[list[UrlChange], list[str], list[Violation]]:
    """Every address published at BASE (built there, registered, or already a redirect) must still
    answer at HEAD: as a document, or through a redirect that ends at one."""
    b_pub = {d.slug: d for d in published(base.corpus)}
    h_pub = {d.slug: d for d in published(head.corpus)}
    b_reg, h_reg = base.corpus.registry, head.corpus.registry
    known = set(b_pub) | set(b_reg.slugs) | set(b_reg.redirects)
    urls, violations = [], []
    for slug in sorted(known - set(h_pub)):
        end = h_reg.resolve(slug) if slug in h_reg.redirects else ""
        if end and end in h_pub:
            was = b_pub.get(slug)
            why = "renamed" if was and was.source.name != h_pub[end].source.name else "new address"
            if slug in b_reg.redirects and b_reg.resolve(slug) == end:
                continue  # an old redirect, still in place
            urls.append(UrlChange(slug, end, True, why))
            continue
        urls.append(UrlChange(slug, "", False, "removed"))
        owner = b_pub[slug].source.name if slug in b_pub else b_reg.slugs.get(slug, "")
        violations.append(
            Violation(
                "url-removed",
                f"texts/{slug}/",
                f"`texts/{slug}/`"
                + (f" (from `{owner}`)" if owner else "")
                + " was published and no longer answers: no document has that address and no "
                "redirect in `_published.yml` leads from it to one. Record a rename with "
                "`duizhao urls --write`, or add `redirects: {" + slug + ": <slug>}`.",
            )
        )
    new = sorted(set(h_pub) - known)
    return urls, new, violations


def _file_changes(base: Side, head: Side) -> dict[str, list[str]]:
    a, b = base.files, head.files
    return {
        "added": sorted(b.keys() - a.keys()),
        "removed": sorted(a.keys() - b.keys()),
        "modified": sorted(k for k in a.keys() & b.keys() if a[k] != b[k]),
    }


def compare(base: Side, head: Side, code: str = "") -> Review:
    docs: list[DocumentChange] = []
    unchanged = 0
    violations: list[Violation] = []
    for before, after, status in _match_documents(base.corpus.documents, head.corpus.documents):
        change = diff_document(before, after, status)
        change.inputs = _inputs(base, head, before, after)
        if change.edited_in_place:
            name = after.source.name  # type: ignore[union-attr]
            violations.append(
                Violation(
                    "source-edited",
                    name,
                    f"`{name}` was edited in place (sha256 {before.source.sha256[:12]}… → "  # type: ignore[union-attr]
                    f"{after.source.sha256[:12]}…). Scrapes are kept exactly as fetched: restore it and put "  # type: ignore[union-attr]
                    "corrections in its sidecar, or add a new capture under a new name.",
                )
            )
        if status == "changed" and not (
            change.visible or change.inputs or change.messages or change.edited_in_place
        ):
            unchanged += 1
            continue
        docs.append(change)
    urls, new_urls, url_violations = _urls(base, head)
    violations += url_violations
    h_reg = head.corpus.registry
    unregistered = sorted(
        (d.source.name, d.slug) for d in published(head.corpus) if d.source.name not in h_reg.entries
    )
    seen = {str(d) for d in base.corpus.diagnostics}
    messages = [d for d in head.corpus.diagnostics if d.level is not Level.INFO and str(d) not in seen]
    order = {"removed": 0, "renamed": 1, "added": 2, "changed": 3}
    docs.sort(key=lambda c: (order[c.status], display_title(c.doc)))
    return Review(
        base=base.label,
        head=head.label,
        code=code,
        documents=docs,
        unchanged=unchanged,
        urls=urls,
        new_urls=new_urls,
        unregistered=unregistered,
        violations=violations,
        files=_file_changes(base, head),
        messages=messages,
    )
