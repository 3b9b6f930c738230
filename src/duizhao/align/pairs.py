"""Pairing's decisions as data (issue 18): which sources translate each other, with the cross-file
beads and the counterpart each one shows, and the corrections a declaring sidecar added.
`pairing.pair_corpus` returns them; the orchestrator applies them (`apply`), so documents change
in one visible place.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Bead, Counterpart, Diagnostic, Document


@dataclass(frozen=True)
class Decision:
    """What pairing decided for one document."""

    beads: tuple[Bead, ...]
    counterpart: Counterpart | None
    notes: tuple[Diagnostic, ...]  # added to the document's own diagnostics (a sidecar's corrections)
    relatives: tuple[Counterpart, ...] = ()  # texts on the same event, not translations


def apply(docs: list[Document], decisions: dict[str, Decision]) -> None:
    """Each document shows what pairing decided for it."""
    for doc in docs:
        found = decisions.get(doc.source.name)
        if found is not None:
            doc.beads = found.beads
            doc.counterpart = found.counterpart
            doc.diagnostics.extend(found.notes)
            doc.relatives = found.relatives
