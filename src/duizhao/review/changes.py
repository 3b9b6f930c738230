"""The review's data: the two sides compared and every kind of change a reader will see (documents,
paragraphs, pairs, cleaning, metadata fields, URLs) with the policy's violations. review.compare
makes a Review; report.py writes it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Diagnostic, Document, Paragraph
from ..pipeline import Corpus
from ..read import sidecar as sidecar_mod
from . import textdiff


@dataclass
class Side:
    """One revision's sources folder and the corpus built from it."""

    label: str
    sources: Path
    corpus: Corpus
    files: dict[str, str] = field(default_factory=dict)  # every file under sources/ -> sha256

    @classmethod
    def build(cls, label: str, sources: Path, corpus: Corpus) -> Side:
        files = {}
        if sources.is_dir():
            for path in sorted(sources.rglob("*")):
                if path.is_file() and not any(p.startswith(".") for p in path.relative_to(sources).parts):
                    files[path.relative_to(sources).as_posix()] = hashlib.sha256(
                        path.read_bytes()
                    ).hexdigest()
        return cls(label, sources, corpus, files)

    def sidecar(self, name: str) -> str | None:
        found = sidecar_mod.sidecar_path(self.sources, name)
        return found.relative_to(self.sources).as_posix() if found else None

@dataclass(frozen=True)
class Violation:
    rule: str  # "source-edited" or "url-removed"
    path: str
    message: str

@dataclass(frozen=True)
class BeadRef:
    """A pair as a reviewer finds it on the page: its number, anchor and the start of each side."""

    number: int
    anchor: str
    zh: str
    en: str
    confidence: float
    method: str

@dataclass(frozen=True)
class ParagraphChange:
    op: str  # "added", "removed" or "changed"
    lang: str
    pair: BeadRef  # where it is on the page (the base page for a removal)
    before: str = ""
    after: str = ""
    segments: tuple[textdiff.Segment, ...] = ()
    page: str = ""  # a PDF's: "page 3" or "pages 3-4" (of the head's file; the base's for a removal)

@dataclass(frozen=True)
class PairChange:
    kind: str  # "split", "merged" or "re-paired"
    before: tuple[BeadRef, ...]
    after: tuple[BeadRef, ...]

@dataclass(frozen=True)
class CleaningChange:
    op: str  # "removed" (newly), "restored" or "rule" (removed by another rule now)
    line: int
    text: str
    rule: str
    action: str
    was_rule: str = ""

@dataclass(frozen=True)
class FieldChange:
    name: str
    before: str
    after: str
    origin_before: str = ""
    origin_after: str = ""

@dataclass(frozen=True)
class UrlChange:
    old: str  # slug
    new: str  # slug it now leads to; "" when it leads nowhere
    redirect: bool
    why: str  # "renamed", "new address" or "removed"

@dataclass
class DocumentChange:
    status: str  # "added", "removed", "renamed" or "changed"
    before: Document | None
    after: Document | None
    metadata: list[FieldChange] = field(default_factory=list)
    paragraphs: list[ParagraphChange] = field(default_factory=list)
    pairs: list[PairChange] = field(default_factory=list)
    cleaning: list[CleaningChange] = field(default_factory=list)
    low_confidence: list[BeadRef] = field(default_factory=list)
    low_confidence_total: int = 0
    messages: list[Diagnostic] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)  # editor files that changed for this document
    edited_in_place: bool = False

    @property
    def doc(self) -> Document:
        return self.after or self.before  # type: ignore[return-value]

    @property
    def visible(self) -> bool:
        """Whether readers see any difference on the page."""
        slug_moved = bool(self.before and self.after and self.before.slug != self.after.slug)
        return bool(
            self.status in ("added", "removed")
            or slug_moved
            or self.metadata
            or self.paragraphs
            or self.pairs
            or self.cleaning
            or self.low_confidence
        )

@dataclass
class Review:
    base: str
    head: str
    code: str  # which code built both sides
    documents: list[DocumentChange]
    unchanged: int
    urls: list[UrlChange]
    new_urls: list[str]
    unregistered: list[tuple[str, str]]  # (name, slug) published but not in the registry
    violations: list[Violation]
    files: dict[str, list[str]]  # "added", "removed", "modified" -> files under sources/
    messages: list[Diagnostic]  # build messages new at head, not tied to one document
    code_changes: list[str] = field(default_factory=list)  # code files that differ (effect not shown)

    @property
    def ok(self) -> bool:
        return not self.violations


def page_of(doc: Document, p: Paragraph) -> str:
    """Where a PDF's paragraph stands in its file ("page 3", "pages 3-4"); "" for other kinds."""
    pages = doc.decoded.pages if doc.decoded is not None else ()
    found = sorted({pages[n - 1] for n in p.block.lines if 0 < n <= len(pages)})
    if not found:
        return ""
    return f"page {found[0]}" if len(found) == 1 else f"pages {found[0]}-{found[-1]}"
