"""The review as Markdown, for a pull request's job summary or a terminal.

Source text is escaped (every character Markdown or GitHub could act on is backslash-escaped), so a
scrape cannot format, link or inject anything into the report. Word changes are <del>/<ins>, which
GitHub renders, and which stay readable as plain text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..model import Document, display_title
from ..publish.layout import LANG_NAMES
from .changes import BeadRef, DocumentChange, FieldChange, ParagraphChange, Review
from .review import LOW_CONFIDENCE

# Items listed per section of one document; the rest are counted. A job summary holds 1 MiB, so
# past MAX_DOCUMENTS documents get one line each, and past MAX_LINES only a count.
MAX_ITEMS = 40
MAX_DOCUMENTS = 150
MAX_LINES = 2000
# Characters of an added or removed paragraph shown, and of unchanged text kept around a change.
EXCERPT = 280
CONTEXT = 40
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~$&#!])")
STATUS_TITLES = {"removed": "Removed", "renamed": "Renamed", "added": "Added", "changed": "Changed"}
CLEANING_OPS = {"removed": "newly removed", "restored": "restored", "rule": "removed by another rule"}
ACTION_NAMES = {"removed": "", "metadata": " (moved to the header)", "altered": " (altered)"}


def md(text: str) -> str:
    """Source text as inert Markdown on one line (runs of white space become one space)."""
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def code(text: str) -> str:
    return f"`{text}`" if "`" not in text and text.strip() == text else md(text)


def _cut(text: str, limit: int = EXCERPT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _url(slug: str) -> str:
    return code(f"texts/{slug}/")


def _limited(items: list, lines: Iterable[str], what: str) -> list[str]:
    out = list(lines)
    if len(items) > MAX_ITEMS:
        out.append(f"- … and {len(items) - MAX_ITEMS} more {what}")
    return out


def _segments(change: ParagraphChange) -> str:
    parts = []
    for op, text in change.segments:
        if op == "=":
            if len(text) > 2 * CONTEXT:
                text = text[:CONTEXT] + " … " + text[-CONTEXT:]
            parts.append(md(text))
        elif op == "-":
            parts.append(f"<del>{md(text)}</del>")
        else:
            parts.append(f"<ins>{md(text)}</ins>")
    return "".join(parts)


def _pair(ref: BeadRef) -> str:
    return f"¶{ref.number} {code('#' + ref.anchor)}"


def _pair_text(ref: BeadRef) -> str:
    sides = []
    if ref.zh:
        sides.append(f"zh “{md(ref.zh)}”")
    if ref.en:
        sides.append(f"en “{md(ref.en)}”")
    return f"{_pair(ref)} " + " · ".join(sides)


def _metadata(changes: list[FieldChange], added: bool = False) -> list[str]:
    if not changes:
        return []
    if added:
        rows = ["| Field | Value |", "| --- | --- |"]
        rows += [f"| {c.name} | {md(c.after)}{_origin(c.origin_after)} |" for c in changes if c.after]
        return ["**Metadata**", "", *rows, ""]
    rows = ["| Field | Before | After |", "| --- | --- | --- |"]
    for c in changes:
        before = md(c.before) + _origin(c.origin_before) if c.before else "—"
        after = md(c.after) + _origin(c.origin_after) if c.after else "—"
        rows.append(f"| {c.name} | {before} | {after} |")
    return ["**Metadata**", "", *rows, ""]


def _origin(origin: str) -> str:
    return f" _({origin})_" if origin and origin != "extracted" else ""


def _paragraphs(changes: list[ParagraphChange]) -> list[str]:
    if not changes:
        return []
    counts = Counter(c.op for c in changes)
    head = ", ".join(f"{counts[op]} {op}" for op in ("changed", "added", "removed") if counts[op])
    lines = [f"**Paragraphs** ({head})", ""]
    for c in changes[:MAX_ITEMS]:
        lang = LANG_NAMES.get(c.lang, c.lang)
        if c.op == "changed":
            body = _segments(c)
        elif c.op == "added":
            body = f"<ins>{md(_cut(c.after))}</ins>"
        else:
            body = f"<del>{md(_cut(c.before))}</del>"
        where = f" · {c.page}" if c.page else ""  # (a PDF's paragraph: the page it is on)
        lines.append(f"- {_pair(c.pair)} · {lang}{where} · {c.op}: {body}")
    return [*_limited(changes, lines, "paragraphs"), ""]


def _pairs(change: DocumentChange) -> list[str]:
    if not change.pairs:
        return []
    lines = [f"**Pairs** ({len(change.pairs)} changed shape)", ""]
    for c in change.pairs[:MAX_ITEMS]:
        before = "; ".join(_pair_text(r) for r in c.before)
        after = "; ".join(_pair_text(r) for r in c.after)
        lines.append(f"- {c.kind}: {before} → {after}")
    return [*_limited(change.pairs, lines, "pairs"), ""]


def _cleaning(change: DocumentChange) -> list[str]:
    if not change.cleaning:
        return []
    counts = Counter(c.op for c in change.cleaning)
    head = ", ".join(
        f"{counts[op]} {CLEANING_OPS[op]}" for op in ("removed", "restored", "rule") if counts[op]
    )
    rows = [f"**Cleaning** ({head})", "", "| Line | Change | Rule | Text |", "| ---: | --- | --- | --- |"]
    for c in change.cleaning[:MAX_ITEMS]:
        what = CLEANING_OPS[c.op] + ACTION_NAMES.get(c.action, "")
        rule = code(c.rule) + (f" (was {code(c.was_rule)})" if c.was_rule else "")
        if c.op == "restored":
            rule = f"was {code(c.rule)}"
        rows.append(f"| {c.line} | {what} | {rule} | {md(_cut(c.text, 120)) or '—'} |")
    if len(change.cleaning) > MAX_ITEMS:
        rows.append(f"| | … and {len(change.cleaning) - MAX_ITEMS} more | | |")
    return [*rows, ""]


def _low(change: DocumentChange) -> list[str]:
    if not change.low_confidence:
        return []
    known = change.low_confidence_total - len(change.low_confidence)
    note = f", {known} more already were" if known else ""
    lines = [f"**Low-confidence pairs** (below {LOW_CONFIDENCE}: {len(change.low_confidence)} new{note})", ""]
    for r in change.low_confidence[:MAX_ITEMS]:
        lines.append(f"- {_pair_text(r)}: {r.confidence:.2f} ({md(r.method)})")
    return [*_limited(change.low_confidence, lines, "pairs"), ""]


def _shape(doc: Document) -> str:
    langs = Counter(p.lang for p in doc.paragraphs)
    by_lang = ", ".join(f"{n} {LANG_NAMES.get(lang, lang)}" for lang, n in sorted(langs.items()))
    rules = Counter(r.rule for r in doc.removals)
    cleaned = (
        f"; the cleaner removed {len(doc.removals)} lines ("
        + ", ".join(f"{code(rule)} ×{n}" for rule, n in rules.most_common())
        + ")"
        if doc.removals
        else "; the cleaner removed nothing"
    )
    return f"{len(doc.paragraphs)} paragraphs ({by_lang or 'none'}) in {len(doc.beads)} rows{cleaned}."


def _document(change: DocumentChange) -> list[str]:
    doc = change.doc
    title = md(display_title(doc))
    out = [f"### {STATUS_TITLES[change.status]}: {title}", ""]
    where = []
    if change.status == "renamed":
        where.append(f"{code(change.before.source.name)} → {code(change.after.source.name)}")  # type: ignore[union-attr]
    else:
        where.append(code(doc.source.name))
    if change.before and change.after and change.before.slug != change.after.slug:
        where.append(f"{_url(change.before.slug)} → {_url(change.after.slug)}")
    else:
        where.append(_url(doc.slug))
    if change.inputs:
        where.append("sidecar " + ", ".join(code(p) for p in change.inputs) + " changed")
    out += [" · ".join(where), ""]
    if change.edited_in_place:
        out += ["**The scrape was edited in place** (see the policy section).", ""]
    if change.status == "added":
        out += [_shape(doc), ""]
        out += _metadata(change.metadata, added=True)
    elif change.status == "removed":
        out += [f"Was: {_shape(doc)}", ""]
    else:
        out += _metadata(change.metadata)
        out += _paragraphs(change.paragraphs)
        out += _pairs(change)
        out += _cleaning(change)
    out += _low(change)
    if change.messages:
        out += (
            ["**Build messages**", ""] + [f"- {d.level.value}: {md(str(d))}" for d in change.messages] + [""]
        )
    if change.status in ("changed", "renamed") and not change.visible:
        out += ["Readers see no difference on this page.", ""]
    return out


def _one_line(change: DocumentChange) -> str:
    counts = [
        f"{n} {what}"
        for n, what in (
            (len(change.metadata), "metadata fields"),
            (len(change.paragraphs), "paragraphs"),
            (len(change.pairs), "pairs"),
            (len(change.cleaning), "cleaning lines"),
            (len(change.low_confidence), "low-confidence pairs"),
        )
        if n
    ]
    doc = change.doc
    return f"- {change.status}: {code(doc.source.name)} ({_url(doc.slug)}): " + (
        ", ".join(counts) or "no visible change"
    )


def _urls(review: Review) -> list[str]:
    if not (review.urls or review.new_urls or review.unregistered):
        return []
    out = ["## URLs", ""]
    if review.urls:
        out += ["| Published URL | Now | Why |", "| --- | --- | --- |"]
        for u in review.urls:
            now = f"redirects to {_url(u.new)}" if u.redirect else "**gone, no redirect**"
            out.append(f"| {_url(u.old)} | {now} | {u.why} |")
        out.append("")
    if review.new_urls:
        shown = ", ".join(_url(s) for s in review.new_urls[:MAX_ITEMS])
        more = f" and {len(review.new_urls) - MAX_ITEMS} more" if len(review.new_urls) > MAX_ITEMS else ""
        out += [f"New addresses: {shown}{more}.", ""]
    if review.unregistered:
        names = ", ".join(f"{code(n)} ({_url(s)})" for n, s in review.unregistered[:MAX_ITEMS])
        out += [
            f"Not yet recorded in `_published.yml`: {names}. Run `duizhao urls --write` and commit the "
            "result, so these addresses are kept when a file is renamed.",
            "",
        ]
    return out


def _files(review: Review) -> str:
    parts = [f"{len(v)} {k}" for k, v in review.files.items() if v]
    if not parts:
        return "No file in `sources/` changed."
    listed = []
    for kind, paths in review.files.items():
        listed += [f"{code(p)} ({kind})" for p in paths]
    more = f" and {len(listed) - MAX_ITEMS} more" if len(listed) > MAX_ITEMS else ""
    return f"Files in `sources/`: {', '.join(parts)}: " + ", ".join(listed[:MAX_ITEMS]) + more + "."


def markdown(review: Review) -> str:
    out = [f"# Editorial review: {md(review.base)} → {md(review.head)}", ""]
    out += [
        f"Both revisions were built by the code of this checkout{f' ({md(review.code)})' if review.code else ''}, "
        "so the differences below come from the files in `sources/`, not from changes to the code.",
        "",
    ]
    if review.code_changes:
        files = ", ".join(code(f) for f in review.code_changes[:10])
        more = f" and {len(review.code_changes) - 10} more" if len(review.code_changes) > 10 else ""
        out += [
            f"This change also edits the code ({files}{more}). Its effect on the corpus is not shown "
            "here: run the benchmarks, or this report from each revision's checkout.",
            "",
        ]
    if review.violations:
        out += [
            f"## ❌ Policy: {len(review.violations)} violation{'s' if len(review.violations) > 1 else ''}",
            "",
        ]
        kinds = {
            "source-edited": "Scrape edited in place",
            "url-removed": "Published URL removed without a redirect",
        }
        out += [f"- **{kinds[v.rule]}**: {v.message}" for v in review.violations] + [""]
    else:
        out += ["## ✅ Policy: no violations", ""]
    counts = Counter(c.status for c in review.documents)
    parts = [f"{counts[s]} {s}" for s in ("added", "removed", "renamed", "changed") if counts[s]]
    parts.append(f"{review.unchanged} unchanged")
    out += [f"**Documents**: {', '.join(parts)}.", "", _files(review), ""]
    out += _urls(review)
    if review.messages:
        out += ["## Build messages new in this change", ""]
        out += [f"- {d.level.value}: {md(str(d))}" for d in review.messages[:MAX_ITEMS]] + [""]
    if review.documents:
        out += ["## Documents", ""]
        for change in review.documents[:MAX_DOCUMENTS]:
            out += _document(change)
        rest = review.documents[MAX_DOCUMENTS:]
        if rest:
            out += [f"### {len(rest)} more documents, in short", ""]
            out += [_one_line(c) for c in rest[:MAX_LINES]]
            if len(rest) > MAX_LINES:
                out.append(f"- … and {len(rest) - MAX_LINES} more")
            out.append("")
    out += ["---", "", "How to read this report: the editor's guide, docs/editors.md."]
    return "\n".join(out) + "\n"
