"""Cross-file pairing, a corpus-level step after per-document processing: two sources that
translate each other (a Chinese-only text and an English-only one) are shown side by side on both
pages, zh from one and en from the other, each page naming its counterpart.

A pair is declared by an editor (`translation_of: <file>` in either sidecar; `translation_of:
none` forbids detection for that source), or detected: for every Chinese-only / English-only pair
of sources we weigh document-level evidence (dictionary coverage both ways, shared numbers,
romanised names, the dates, the length ratio). A detected pair is applied only when it is clearly
the best for both texts; weaker candidates are reported for an editor to confirm. A detected pair
whose alignment leaves most of the shorter text uncovered (relation.py: a summary, or a report on
the same event) is linked as related instead, on both pages, and never aligned; an editor's
`translation_of` still pairs the two.

The step takes data and returns decisions (align/pairs.py: Decision, applied by the orchestrator);
its costly parts (dictionary lookups, coverage, evidence, cross-file beads) are functions of their
data gathered in `Steps`, which the orchestrator may hand in memoised (duizhao.cache).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..model import Bead, Counterpart, Diagnostic, Document, Level
from ..read.sidecar import Sidecar
from ..vocab import lexicon as lx
from . import relation
from .candidates import Cover, Lookups, Profile, candidates, cites, plain_cover, plain_lookups, profile
from .evidence import Weighed, evidence
from .pairs import Decision

# The aligner's parameters for the paragraphs of two files (theirs are tuned on sentences): no
# bonus for large beads and a cheaper unmatched paragraph, so that the site's chrome kept on one
# side (promotions, tags, author cards, newsletters) is left unmatched instead of absorbed into
# many-paragraph beads. Why: on the tune half's real pairs (-0.2, 0.35) left a translation's last
# paragraph beside a "Top posts" list and shifted one page by two rows; (-0.05..-0.15, 0) align
# them; -0.1 is the middle of that range.
PARAGRAPHS = {"skip": -0.1, "size": 0.0}  # (alignment.Params, made where the aligner is imported)
# Evidence thresholds (see evidence()). Why: on the seeds a true pair (seed 000's two halves as two
# files) scores 0.84, the other zh/en pairings 0.1-0.3.
APPLY_SCORE = 0.55  # applied automatically at or above this (and best for both texts)
REPORT_SCORE = 0.42  # reported as a possible pair at or above this
# A pair relation.py calls "related" is linked as such at or above this score, when both texts are
# dated at most RELATED_DAYS apart. Why (bench/related.py, the real-world corpus's candidate pairs):
# at REPORT_SCORE alone 6 of the 8 "related" pairs were texts on other subjects (dated months apart),
# and two true ones were missed; dated within a week and scoring 0.3, the 6 linked are the five
# related by truth.yml and two joint statements of one summit (a day apart: the same event).
RELATED_SCORE = 0.3
RELATED_DAYS = 7
NO_PAIR = "none"

# The evidence of a pair: (zh, en, the dictionary's loader) -> (score, reasons, coverage).
Weigh = Callable[[Profile, Profile, Callable[[], lx.Lexicon]], Weighed]
# The cross-file beads of a pair: (zh, en, loader, the declaring sidecar, its document) -> (beads,
# the sidecar's corrections as diagnostics).
Beads = Callable[
    [Document, Document, Callable[[], lx.Lexicon], Sidecar | None, Document | None],
    tuple[tuple[Bead, ...], list[Diagnostic]],
]


def plain_evidence(zh: Profile, en: Profile, lexicon: Callable[[], lx.Lexicon]) -> Weighed:
    return evidence(zh, en, lexicon())


def plain_beads(
    zh: Document, en: Document, lexicon: Callable[[], lx.Lexicon], car: Sidecar | None, owner: Document | None
) -> tuple[tuple[Bead, ...], list[Diagnostic]]:
    """The beads both documents show; `car` (the sidecar that declared the pair, of `owner`) may
    correct them."""
    from . import corrections

    beads, fixes = _cross_beads(zh, en, lexicon()), []
    if car is not None and owner is not None:
        beads, fixes = corrections.apply(beads, car, lexicon())
    return beads, fixes


@dataclass(frozen=True)
class Steps:
    """Pairing's costly steps, each a pure function of its arguments (the plain ones by default)."""

    lookups: Lookups = plain_lookups
    cover: Cover = plain_cover
    evidence: Weigh = plain_evidence
    beads: Beads = plain_beads


def _cross_beads(zh: Document, en: Document, lex: lx.Lexicon) -> tuple[Bead, ...]:
    from . import align, alignment

    zp = [p for p in zh.paragraphs if align.side(p) == "zh"]
    ep = [p for p in en.paragraphs if align.side(p) == "en"]
    # (a partial translation leaves what it does not cover unmatched)
    params = alignment.Params(**PARAGRAPHS)
    found = align.align_paragraphs(zp, ep, "cross-file", lex, params)
    beads = align.partial(found, lex, params)
    return align.with_anchors([align.link_sentences(b, lex) for b in beads])


def _title(doc: Document) -> str:
    m = doc.metadata
    for f in (m.title_zh, m.title_en):
        if f is not None and f.value:
            return f.value
    return ""


PLAIN = Steps()


def pair_corpus(
    docs: list[Document],
    cars: dict[str, Sidecar],
    lex: lx.Lexicon | Callable[[], lx.Lexicon] | None = None,
    steps: Steps | None = None,
) -> tuple[dict[str, Decision], list[Diagnostic]]:
    """Pair translated sources across the corpus: the decisions by source name (only the documents
    pairing changes; the orchestrator applies them, pairs.apply) and the corpus-level diagnostics.
    `docs` are left unchanged. `lex` may be a function that loads the dictionary: it is called
    only when a step needs it (a memoised step may not)."""
    run = _Run(docs, cars, _loader(lex), steps or PLAIN)
    barred = run.declared()
    run.detect(barred)
    return run.decisions, run.notes


def _loader(given: lx.Lexicon | Callable[[], lx.Lexicon] | None) -> Callable[[], lx.Lexicon]:
    """The dictionary, loaded on first call (CC-CEDICT when none is given)."""
    loaded: list[lx.Lexicon] = []

    def lexicon() -> lx.Lexicon:
        if not loaded:
            loaded.append(given if isinstance(given, lx.Lexicon) else given() if given else lx.cedict())
        return loaded[0]

    return lexicon


class _Run:
    """One pairing of a corpus: declared pairs first, then detection among the rest; the decisions
    so far stand in for the documents' own counterparts (which are never changed here)."""

    def __init__(
        self, docs: list[Document], cars: dict[str, Sidecar], lexicon: Callable[[], lx.Lexicon], steps: Steps
    ) -> None:
        self.cars, self.lexicon, self.steps = cars, lexicon, steps
        self.by_name = {d.source.name: d for d in docs}
        self.by_stem = {d.source.stem: d for d in docs}
        self.readable = [d for d in docs if d.decoded is not None and d.paragraphs]
        self.decisions: dict[str, Decision] = {}
        self.notes: list[Diagnostic] = []

    def counterpart(self, doc: Document) -> Counterpart | None:
        found = self.decisions.get(doc.source.name)
        return found.counterpart if found is not None else doc.counterpart

    def profile(self, doc: Document) -> Profile | None:
        if self.counterpart(doc) is not None:
            return None
        return profile(doc, self.lexicon, self.steps.lookups)

    def apply(
        self,
        zh: Document,
        en: Document,
        how: str,
        score: float,
        reasons: list[str],
        car: Sidecar | None = None,
        owner: Document | None = None,
    ) -> None:
        """Both documents show the cross-file beads; `car` (the sidecar that declared the pair, of
        `owner`) may correct them, its corrections noted on `owner`."""
        beads, fixes = self.steps.beads(zh, en, self.lexicon, car, owner)
        for doc, other, lang in ((zh, en, "en"), (en, zh, "zh")):
            counterpart = _counterpart(other, lang, how, score, reasons)
            prior = self.decisions.get(doc.source.name)
            self.decisions[doc.source.name] = Decision(
                beads, counterpart, tuple(fixes) if doc is owner else (), prior.relatives if prior else ()
            )

    def relate(
        self, zh: Document, en: Document, score: float, reasons: list[str], found: relation.Relation
    ) -> None:
        """Both documents name the other as a related text (a report on the same event): their own
        beads and counterparts stay as they are."""
        for doc, other, lang in ((zh, en, "en"), (en, zh, "zh")):
            linked = _counterpart(other, lang, "related", score, [found.reason, *reasons])
            prior = self.decisions.get(doc.source.name) or Decision(doc.beads, doc.counterpart, ())
            self.decisions[doc.source.name] = replace(prior, relatives=(*prior.relatives, linked))
        message = (
            f"reports on the same event as {en.source.name}, not a translation ({found.reason}); linked as "
            f"related. If it translates it, say so with `translation_of: {en.source.name}` in its sidecar"
        )
        self.notes.append(Diagnostic(Level.INFO, zh.source.name, message))

    def declared(self) -> set[str]:
        """Apply the pairs the sidecars declare; the names of the sources that forbid detection."""
        barred: set[str] = set()
        for doc in self.readable:
            car = self.cars.get(doc.source.name)
            target = car.translation_of if car else None
            if not target:
                continue
            if target.lower() == NO_PAIR:
                barred.add(doc.source.name)
                continue
            self._declare(doc, car, target)
        return barred

    def _declare(self, doc: Document, car: Sidecar | None, target: str) -> None:
        other = self.by_name.get(target) or self.by_stem.get(target)
        where = car.path if car else doc.source.name
        if other is None:
            self.notes.append(
                Diagnostic(Level.ERROR, where, f"translation_of: no source named {target!r} in sources/")
            )
            return
        if other is doc:
            self.notes.append(Diagnostic(Level.ERROR, where, "translation_of names the document itself"))
            return
        mine, theirs = self.counterpart(doc), self.counterpart(other)
        if mine is not None or theirs is not None:
            if mine is None or mine.name != other.source.name:
                self.notes.append(
                    Diagnostic(Level.ERROR, where, f"{target} is already paired with another source")
                )
            return
        a, b = self.profile(doc), self.profile(other)
        if a is None or b is None or a.lang == b.lang:
            self.notes.append(
                Diagnostic(
                    Level.ERROR,
                    where,
                    f"translation_of: {doc.source.name} ({'/'.join(doc.languages) or 'no text'}) and {target} "
                    f"({'/'.join(other.languages) or 'no text'}) are not a Chinese-only and an English-only text",
                )
            )
            return
        zh, en = (a, b) if a.lang == "zh" else (b, a)
        score, reasons, shape = self.steps.evidence(zh, en, self.lexicon)
        self.apply(zh.doc, en.doc, "declared", score, reasons, car, doc)
        found = _report(shape)
        if found is not None:
            # Paired as the editor says, but the alignment says what it would have done otherwise.
            message = f"translation_of {target}: paired as declared, though the alignment reads as a report ({found.reason})"
            self.notes.append(Diagnostic(Level.WARNING, where, message))
        elif score < REPORT_SCORE:
            # An editor's word is applied, but not believed blindly: evidence this weak is what two
            # texts that do not translate each other give (see REPORT_SCORE).
            message = (
                f"translation_of {target}: the two texts match weakly (score {score:.2f}: "
                f"{'; '.join(reasons)}); check that they translate each other"
            )
            self.notes.append(Diagnostic(Level.WARNING, where, message))
        else:
            message = f"paired with {target} (declared; score {score:.2f}: {'; '.join(reasons)})"
            self.notes.append(Diagnostic(Level.INFO, where, message))

    def detect(self, barred: set[str]) -> None:
        """Detection among the sources neither paired nor barred: a pair is applied when its score
        is high and best for both texts, reported when it is only likely."""
        profiles = [
            p for d in self.readable if d.source.name not in barred and (p := self.profile(d)) is not None
        ]
        zhs = [p for p in profiles if p.lang == "zh"]
        ens = [p for p in profiles if p.lang == "en"]
        chosen = candidates(zhs, ens, self.steps.cover)
        by_name = {p.doc.source.name: p for p in profiles}
        scored = {k: self.steps.evidence(by_name[k[0]], by_name[k[1]], self.lexicon) for k in sorted(chosen)}
        cited = {k for k in scored if cites(by_name[k[0]], by_name[k[1]])}
        # A page that links the other as its original is never taken for a mere report on it.
        judged = {k: None if k in cited else _report(w[2]) for k, w in scored.items()}
        reported = {k for k, found in judged.items() if found is not None}

        def best_for(name: str, side: int) -> float:
            return max(
                (w[0] for k, w in scored.items() if k[side] == name and k not in reported), default=0.0
            )

        for key, (score, reasons, _) in sorted(scored.items(), key=lambda kv: -kv[1][0]):
            zn, en_name = key
            z, e = self.by_name[zn], self.by_name[en_name]
            found = judged[key]
            if found is not None:
                if score >= RELATED_SCORE and _days_apart(z, e) <= RELATED_DAYS:
                    self.relate(z, e, score, reasons, found)
                continue
            if score < REPORT_SCORE and key not in cited:  # (a cited original is always weighed)
                continue
            mutual = score >= best_for(zn, 0) and score >= best_for(en_name, 1)
            free = self.counterpart(z) is None and self.counterpart(e) is None
            if score >= APPLY_SCORE and mutual and free:
                self.apply(z, e, "detected", score, reasons)
                message = (
                    f"detected as the translation of {en_name} (score {score:.2f}: {'; '.join(reasons)})"
                )
                self.notes.append(Diagnostic(Level.INFO, zn, message))
            elif free:
                message = (
                    f"may translate {en_name} (score {score:.2f}: {'; '.join(reasons)}); "
                    f"confirm with `translation_of: {en_name}` in its sidecar, or `translation_of: none`"
                )
                self.notes.append(Diagnostic(Level.INFO, zn, message))


def _report(shape: relation.Coverage) -> relation.Relation | None:
    """relation.py's verdict when it calls a pair a report on the same event; None when it calls it
    a translation, or when a text is too short to tell by coverage (pairing then weighs the rest
    of the evidence, as it always did: short translations are paired still)."""
    found = relation.judge(shape)
    too_short = min(shape[1], shape[3]) < relation.MIN_SENTENCES
    return found if found.kind == "related" and not too_short else None


def _days_apart(a: Document, b: Document) -> float:
    """Days between the two texts' dates; infinite unless both give a full date."""
    found = []
    for doc in (a, b):
        value = doc.metadata.date.value if doc.metadata.date else ""
        try:
            found.append(datetime.date.fromisoformat(value))
        except ValueError:
            return math.inf
    return abs((found[0] - found[1]).days)


def _counterpart(other: Document, lang: str, how: str, score: float, reasons: list[str]) -> Counterpart:
    """`other` as this document's counterpart or related text (`lang`: its language)."""
    return Counterpart(
        name=other.source.name,
        slug=other.slug,
        title=_title(other),
        lang=lang,
        how=how,
        score=round(score, 3),
        evidence=tuple(reasons),
    )
