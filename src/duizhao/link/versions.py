"""Re-publications: texts in one language that are the same text published again (a speech on
several sites, a repost with a lead paragraph added or a paragraph cut), grouped as one work.

Each text becomes a set of shingles (five words of English, five characters of Chinese), hashed;
a MinHash signature estimates how much two sets overlap, and LSH banding (the signature cut into
bands, texts filed under each band's hash) proposes only the pairs that share a band, so the step
grows with the corpus, not with its square. Each proposed pair is then checked on its exact shingle
sets. A sidecar's `republication_of: <file>` declares a grouping, `republication_of: none` refuses
one for that source. Pure: texts in, works out.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from ..memo import LastCall
from ..model import Diagnostic, Document, Level
from ..vocab import publishers

# Shingle sizes. Why: five English words or five Chinese characters (about two to three words) are
# rare enough that two texts on one subject share few of them, short enough that a changed word
# spoils only the shingles around it.
EN_SHINGLE = 5
ZH_SHINGLE = 5
# Signature length and banding: 32 bands of 4 rows. Why: a pair at Jaccard 0.5 shares a band with
# probability 1 - (1 - 0.5**4)**32 = 0.87, at 0.6 0.98, at 0.2 0.05 (few wasted checks).
BANDS = 32
ROWS = 4
# Two texts are versions of one work when their shingle sets overlap this much (Jaccard). Why: a
# repost that adds a lead paragraph or cuts one keeps well over half of its shingles (the seeds'
# speech with a paragraph cut scores about 0.8); two texts on the same event, or a digest quoting
# one item among several, share far less.
JACCARD = 0.5
# Texts with fewer shingles than this are never grouped. Why: a title or a two-line notice
# matches every copy of its boilerplate.
MIN_SHINGLES = 20
# Texts whose distinct shingles are fewer than this share of their shingle positions are filler
# (one phrase repeated for a megabyte), never grouped. Why: a written text repeats few 5-grams
# (a cleaned article: far above this share); two fillers of one phrase look identical.
MIN_DISTINCT_SHARE = 0.3
# Shingles found in more than this share of the texts (and in more than COMMON_MIN) are left out of
# the MinHash signatures, never out of the exact check. Why: a shingle many texts share (a site's
# boilerplate, a set phrase; in bench/versions.py the seed sentences every synthetic text recombines)
# says nothing about which two are copies, and files those texts under the same LSH buckets: the
# candidate pairs grew with the square of the corpus (9,121 at 1,000 documents, 78,807 at 3,000;
# with these, 21 and 71; planted works found: 20 of 20 at 1,000, 199 of 200 at 10,000).
COMMON_SHARE = 0.02
COMMON_MIN = 50
NO_GROUP = "none"
_PRIME = (1 << 61) - 1
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff0-9A-Za-z]")


@dataclass(frozen=True)
class Text:
    """What detection needs of one document: its language side and text, and for the listing its
    publisher, date and whether the publisher is an official issuer (publishers data)."""

    name: str
    lang: str  # "zh" or "en"
    text: str
    slug: str = ""
    publisher: str = ""
    date: str = ""  # ISO 8601, possibly YYYY or YYYY-MM
    official: bool = False
    declared: str = ""  # the sidecar's republication_of: a file name, "none" or ""


@dataclass(frozen=True)
class Version:
    name: str
    slug: str
    publisher: str
    date: str
    similarity: float  # Jaccard of its shingles with the reference's (1.0 for the reference)


@dataclass(frozen=True)
class Work:
    """Versions of one text in one language; the first is the reference."""

    lang: str
    versions: tuple[Version, ...]
    why: str  # why the first is the reference, in words ("the earliest dated"), never more

    @property
    def reference(self) -> Version:
        return self.versions[0]


@dataclass(frozen=True)
class Other:
    """Another version of a document's work, as its page names it; `pair` is the (reference,
    compared) slugs of the comparison that shows the two."""

    slug: str
    publisher: str
    date: str
    reference: bool  # this other version is the work's reference
    why: str
    pair: tuple[str, str]


def others(found: list[Work]) -> dict[str, tuple[Other, ...]]:
    """For every version's document (by slug), the other versions its page names."""
    out: dict[str, list[Other]] = {}
    for work in found:
        ref = work.reference
        for v in work.versions[1:]:
            pair = (ref.slug, v.slug)
            out.setdefault(ref.slug, []).append(Other(v.slug, v.publisher, v.date, False, work.why, pair))
            out.setdefault(v.slug, []).append(Other(ref.slug, ref.publisher, ref.date, True, work.why, pair))
    return {k: tuple(v) for k, v in out.items()}


def shingles(text: str, lang: str) -> np.ndarray:
    """The hashed shingles of a text, sorted and unique (4 bytes each, so a corpus of 10,000 texts
    keeps them in tens of megabytes): words for English, characters (Han, digits, Latin) for Chinese."""
    return _shingled(text, lang)[0]


def _shingled(text: str, lang: str) -> tuple[np.ndarray, int]:
    """The text's shingles (see shingles), and how many it has with repeats counted."""
    if lang == "zh":
        units = _HAN.findall(text)
        size = ZH_SHINGLE
    else:
        units = _WORD.findall(text.lower())
        size = EN_SHINGLE
    if len(units) < size:
        return np.zeros(0, dtype=np.uint32), 0
    found = [zlib.crc32("\x1f".join(units[i : i + size]).encode()) for i in range(len(units) - size + 1)]
    return np.unique(np.array(found, dtype=np.uint32)), len(found)


# A text's shingles and signature, and two texts' similarity, from the previous grouping in this
# process. Why: a rebuild under `mkdocs serve` shingles and compares only the texts an edit changed.
_SHINGLED = LastCall(lambda text_lang: _shingled(*text_lang))
_JACCARD = LastCall(lambda pair: jaccard(_shingled(pair[0], pair[2])[0], _shingled(pair[1], pair[2])[0]))


def _permutations(count: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(19)  # fixed: two builds give the same signatures
    a = rng.integers(1, _PRIME, size=count, dtype=np.uint64)
    b = rng.integers(0, _PRIME, size=count, dtype=np.uint64)
    return a, b


_A, _B = _permutations(BANDS * ROWS)


def signature(found: np.ndarray) -> np.ndarray:
    """The MinHash signature of a shingle set: per hash function, the least hash of any shingle.
    (crc32 values are under 2**32, so a*x+b stays inside uint64 after taking a modulo 2**31.)"""
    x = found.astype(np.uint64)
    a = (_A % np.uint64(1 << 31))[:, None]
    mixed = (a * x[None, :] + _B[:, None]) % np.uint64(_PRIME)
    return mixed.min(axis=1)


def candidates(signatures: list[np.ndarray]) -> set[tuple[int, int]]:
    """Pairs of texts (indices, lower first) that share at least one band of their signatures."""
    pairs: set[tuple[int, int]] = set()
    for band in range(BANDS):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        for i, sig in enumerate(signatures):
            buckets[sig[band * ROWS : (band + 1) * ROWS].tobytes()].append(i)
        for members in buckets.values():
            for k, i in enumerate(members):
                pairs.update((i, j) for j in members[k + 1 :])
    return pairs


def _distinctive(sets: list[np.ndarray]) -> list[np.ndarray]:
    """Each set without the shingles common to many texts (COMMON_SHARE); a text left with fewer
    than MIN_SHINGLES keeps them all (its copies are then found as before, at a higher cost)."""
    if not sets:
        return []
    values, counts = np.unique(np.concatenate(sets), return_counts=True)
    common = values[counts > max(COMMON_MIN, COMMON_SHARE * len(sets))]
    if not len(common):
        return sets
    out = []
    for found in sets:
        kept = np.setdiff1d(found, common, assume_unique=True)
        out.append(kept if len(kept) >= MIN_SHINGLES else found)
    return out


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    both = len(np.intersect1d(a, b, assume_unique=True))
    union = len(a) + len(b) - both
    return both / union if union else 0.0


def works(texts: list[Text]) -> list[Work]:
    """The works of the corpus with more than one version, each with its reference first."""
    shingled = _SHINGLED.map((t.text, t.lang) for t in texts)
    sets = [found for found, _ in shingled]
    usable = [
        i
        for i, (found, positions) in enumerate(shingled)
        if len(found) >= MIN_SHINGLES
        and len(found) >= MIN_DISTINCT_SHARE * positions
        and texts[i].declared.lower() != NO_GROUP
    ]
    # (not memoised per text: which shingles are distinctive depends on the whole corpus)
    sigs = [signature(found) for found in _distinctive([sets[i] for i in usable])]
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    near = [(usable[x], usable[y]) for x, y in candidates(sigs)]
    near = [(i, j) for i, j in near if texts[i].lang == texts[j].lang]
    scores = _JACCARD.map((texts[i].text, texts[j].text, texts[i].lang) for i, j in near)
    for (i, j), score in zip(near, scores, strict=True):
        if score >= JACCARD:
            parent[root(i)] = root(j)
    by_name = {(n, t.lang): i for i, t in enumerate(texts) for n in (t.name, t.name.rsplit(".", 1)[0])}
    for i, t in enumerate(texts):
        j = by_name.get((t.declared, t.lang))
        if j is not None and j != i:
            parent[root(i)] = root(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        groups[root(i)].append(i)
    found = [_work([texts[i] for i in g], [sets[i] for i in g]) for g in groups.values() if len(g) > 1]
    return sorted(found, key=lambda w: w.reference.name)


def _work(members: list[Text], sets: list[np.ndarray]) -> Work:
    ref, why = reference(members)
    k = members.index(ref)
    order = [
        k,
        *sorted(
            (i for i in range(len(members)) if i != k),
            key=lambda i: (members[i].date or "~", members[i].name),
        ),
    ]
    versions = tuple(
        Version(
            members[i].name,
            members[i].slug,
            members[i].publisher,
            members[i].date,
            1.0 if i == k else round(jaccard(sets[k], sets[i]), 3),
        )
        for i in order
    )
    return Work(members[0].lang, versions, why)


def reference(members: list[Text]) -> tuple[Text, str]:
    """The version the others are compared with, and why it was chosen, in words that claim no more
    than the evidence: an official issuer's copy, else the earliest dated, else the first by name."""
    official = [t for t in members if t.official]
    if len(official) == 1:
        return official[
            0
        ], "its publisher issues such texts (publishers data: official), so it is taken as the reference"
    pool = official or members
    dated = [t for t in pool if t.date]
    if dated:
        first = min(dated, key=lambda t: (t.date, t.name))
        if sum(1 for t in dated if t.date == first.date) == 1:
            return first, "the earliest dated version, taken as the reference (not known to be the original)"
        return first, "one of the versions dated earliest, taken as the reference (first by file name)"
    return min(pool, key=lambda t: t.name), "no version is dated: the first by file name is the reference"


def texts_of(docs: list[Document], declared: dict[str, str] | None = None) -> list[Text]:
    """Each document's text in each language it holds, with what the listing needs: the stated
    publisher and date (a derived date is no evidence of which came first) and whether the
    publishers data names the publisher an issuing body. `declared`: sidecars' republication_of."""
    declared = declared or {}
    out = []
    for d in docs:
        m = d.metadata
        publisher = m.publisher.value if m.publisher is not None else ""
        known = publishers.find(publisher) if publisher else None
        date = m.date.value if m.date is not None and m.date.origin != "derived" else ""
        for lang in ("zh", "en"):
            text = "\n".join(p.text for p in d.paragraphs if p.lang == lang)
            if text:
                out.append(
                    Text(
                        d.source.name,
                        lang,
                        text,
                        d.slug,
                        publisher,
                        date,
                        bool(known and known.official),
                        declared.get(d.source.name, ""),
                    )
                )
    return out


def declared_notes(declared: dict[str, str], sidecars: dict[str, str], names: list[str]) -> list[Diagnostic]:
    """A sidecar's republication_of (`declared`: source -> target; `sidecars`: source -> its
    sidecar's path) that names no source, or its own: said, with the sidecar."""
    known = set(names) | {n.rsplit(".", 1)[0] for n in names}
    notes = []
    for name, target in declared.items():
        if target.lower() == NO_GROUP:
            continue
        if target in (name, name.rsplit(".", 1)[0]):
            notes.append(
                Diagnostic(Level.ERROR, sidecars[name], "republication_of names the document itself")
            )
        elif target not in known:
            message = f"republication_of: no source named {target!r} in sources/"
            notes.append(Diagnostic(Level.ERROR, sidecars[name], message))
    return notes
