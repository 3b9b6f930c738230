"""Pairing as a step that returns its decisions (issue 18): which sources translate each other, with
the cross-file beads and the counterpart each one shows, and the corrections a declaring sidecar
added. The orchestrator applies them (`apply`), so documents change in one visible place.

`pairing.pair_corpus` still sets these on the documents it is handed (its body was under edit
when the stages became packages, so it moved whole); `decide` hands it copies and reads the
decisions back, which leaves the caller's documents as they were. Its memos travel as one object
(`Memos`), taken from the orchestrator's cache.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, replace
from typing import Any

from ..model import Bead, Counterpart, Diagnostic, Document
from ..read.sidecar import Sidecar
from ..vocab import lexicon as lx
from . import pairing


@dataclass(frozen=True)
class Decision:
    """What pairing decided for one document."""

    beads: tuple[Bead, ...]
    counterpart: Counterpart | None
    notes: tuple[Diagnostic, ...]  # added to the document's own diagnostics (a sidecar's corrections)


@dataclass(frozen=True)
class Memos:
    """Pairing's memos: the evidence per pair, the per-document profiles and the cross-file beads,
    each by the documents' keys (None: no memo, everything computed)."""

    pairs: MutableMapping[tuple[str, str], tuple[float, list[str]]] | None = None
    profiles: Any = None
    beads: Any = None

    @classmethod
    def of(cls, cache: object | None) -> Memos:
        """The memos a document cache keeps (duizhao.cache.DocumentCache), or none."""
        return cls(getattr(cache, "pairs", None), getattr(cache, "profiles", None), getattr(cache, "beads", None))


def decide(
    docs: list[Document],
    cars: dict[str, Sidecar],
    lexicon: lx.Lexicon | Callable[[], lx.Lexicon] | None,
    glossary_key: str,
    memos: Memos,
) -> tuple[dict[str, Decision], list[Diagnostic]]:
    """The corpus' pairing decisions by source name (only documents pairing changes), and the
    corpus-level diagnostics; `docs` are left unchanged."""
    copies = [replace(d, diagnostics=list(d.diagnostics)) for d in docs]
    notes = pairing.pair_corpus(copies, cars, lexicon, memos.pairs, memos.profiles, glossary_key, memos.beads)
    decisions = {}
    for before, after in zip(docs, copies, strict=True):
        added = tuple(after.diagnostics[len(before.diagnostics) :])
        if after.beads is not before.beads or after.counterpart is not before.counterpart or added:
            decisions[after.source.name] = Decision(after.beads, after.counterpart, added)
    return decisions, notes


def apply(docs: list[Document], decisions: dict[str, Decision]) -> None:
    """Each document shows what pairing decided for it."""
    for doc in docs:
        found = decisions.get(doc.source.name)
        if found is not None:
            doc.beads = found.beads
            doc.counterpart = found.counterpart
            doc.diagnostics.extend(found.notes)
