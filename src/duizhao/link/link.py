"""Stage 6, link: the corpus cross-referenced, after every document is built and paired.

- glossary occurrences: every entry of sources/glossary.yml found in every document, either side,
  in keyword-in-context form beside its aligned counterpart (the sentences linked to the one that
  holds it, or the other side of its row), and which English renderings translators used;
- related documents: documents that share glossary entries (terms, people, organisations, places,
  events) or a speaker, weighted so that what every document mentions counts for little, found
  through an inverted index (never by comparing all pairs), each with the reasons;
- indexes: speakers and authors, publishers, and tags.

`scan` (scan.py) is per document, a pure function of the document and the glossary (so it can be cached
like the documents); `build` is the corpus-wide part. Nothing here imports MkDocs or writes HTML.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..model import Document, Field, display_title, newest_first
from .glossary import slugify
from .matcher import Entry, Glossary, Hit, form_key
from .scan import (
    Occurrence,
    Scan,
    _metadata_text,
    scan,
)
from .versions import Other

# Occurrences shown in context on one term page; past this, documents are listed with their counts
# only, so a term in every document does not make a page that grows without bound.
MAX_KWIC = 400
# Related documents shown on a page, and the least similarity (cosine, 0..1) worth showing.
# Why 0.08: two texts that only share the topic's everyday words (cyberspace, cyber security)
# score under 0.05; one shared name or event that few other texts mention lifts a pair over 0.1.
RELATED_MAX = 5
RELATED_MIN = 0.08
# Reasons named for one related document.
REASONS_MAX = 3
# The inverted index keeps, for each feature, the documents that weigh it most, at most this many:
# a document meets at most this many others through one feature, so the work per document is
# bounded and relating the corpus is linear in its size. Features in fewer documents (the rare
# ones, which say most about relatedness) are compared exactly; a common one (weighted low by its
# idf anyway) relates a document only to the documents that mention it most.
POSTINGS_MAX = 64
# A document gets a glossary entry's tag when it mentions the entry at least this often (a single
# passing mention does not make a text about it).
TAG_MIN_MENTIONS = 2


@dataclass(frozen=True)
class Shared:
    """One reason two documents are related."""

    kind: str  # "entry" (a glossary entry both mention) or "person" (the same speaker or author)
    label: str
    entry: int = -1
    counts: tuple[int, int] = (0, 0)  # mentions in this document and in the related one
    weight: float = 0.0


@dataclass(frozen=True)
class Related:
    slug: str
    title: str
    date: str
    score: float
    shared: tuple[Shared, ...]
    translation: Field | None = None  # its provenance, marked in the list (provenance.py)


@dataclass(frozen=True)
class Group:
    """Documents by one speaker or author, or from one publisher."""

    key: str
    name: str
    anchor: str
    slugs: tuple[str, ...]
    other_name: str = ""  # the name in the other language, from the glossary
    roles: tuple[str, ...] = ()
    rank: int = 0  # position among the groups of its kind (most documents first)


@dataclass
class DocLinks:
    """Everything one document page needs from the corpus."""

    hits: dict[str, tuple[Hit, ...]] = field(default_factory=dict)
    counts: dict[int, int] = field(default_factory=dict)
    related: tuple[Related, ...] = ()
    tags: tuple[str, ...] = ()
    tag_slugs: tuple[str, ...] = ()  # each tag's page: tags/<slug>.md (see tag_slugs)
    person: Group | None = None
    publisher: Group | None = None
    entries: tuple[Entry, ...] = ()  # the glossary, so hits can be named and linked
    versions: tuple[Other, ...] = ()  # the other versions of its text, republished (versions.py)


@dataclass
class TermStats:
    occurrences: list[Occurrence] = field(default_factory=list)  # at most MAX_KWIC
    total: int = 0
    by_doc: Counter[str] = field(default_factory=Counter)
    # English renderings found in the counterparts of Chinese occurrences: key -> (form, count)
    renderings: dict[str, list] = field(default_factory=dict)
    rendering_docs: dict[str, set[str]] = field(default_factory=dict)
    unrendered: int = 0  # Chinese occurrences whose counterpart uses none of the entry's forms
    untranslated: int = 0  # occurrences with no counterpart at all


@dataclass
class Linkage:
    glossary: Glossary
    docs: dict[str, DocLinks]
    terms: list[TermStats]
    people: list[Group]
    publishers: list[Group]
    order: list[str]  # slugs, newest first (the order of the documents index)
    tags: dict[str, str] = field(default_factory=dict)  # tag -> its page's slug

    def tagged(self) -> dict[str, list[str]]:
        """Each tag's documents (slugs, newest first), tags in the order of `tags`."""
        out: dict[str, list[str]] = {t: [] for t in self.tags}
        for slug in self.order:
            for t in self.docs[slug].tags:
                out[t].append(slug)
        return out

    def for_doc(self, slug: str) -> DocLinks:
        return self.docs.get(slug) or DocLinks(entries=self.glossary.entries)


# ---- The corpus ---------------------------------------------------------------------------------


def _person_key(name: str, glossary: Glossary) -> tuple[str, int]:
    """A speaker's key: the glossary person their name is (so 习近平 and Xi Jinping are one),
    else the name itself, case and spacing aside."""
    hits = glossary.find(name)
    for h in hits:
        e = glossary.entries[h.entry]
        if e.kind == "person" and len(h.form) >= 0.6 * len(name.strip()):
            return f"entry:{h.entry}", h.entry
    return "name:" + re.sub(r"\s+", " ", name.strip().casefold()), -1


def build(docs: list[Document], glossary: Glossary, scans: dict[str, Scan] | None = None) -> Linkage:
    """Cross-reference the published documents. `scans` may hold per-document results already
    computed (see `scan`); the missing ones are computed here."""
    ordered = sorted(docs, key=newest_first)
    scans = dict(scans or {})
    for doc in ordered:
        if doc.slug not in scans:
            scans[doc.slug] = scan(doc, glossary)
    terms = [TermStats() for _ in glossary.entries]
    for doc in ordered:
        _collect(terms, scans[doc.slug], glossary)
    meta_hits = {d.slug: Counter(h.entry for h in glossary.find(_metadata_text(d))) for d in ordered}
    people, person_of = _groups(ordered, "author", glossary)
    publishers, publisher_of = _groups(ordered, "publisher", glossary)
    features = {
        d.slug: _features(d, scans[d.slug], meta_hits[d.slug], person_of.get(d.slug)) for d in ordered
    }
    related = _related(features, glossary, {d.slug: d for d in ordered})
    doc_tags: dict[str, tuple[str, ...]] = {}
    for doc in ordered:
        mentions = scans[doc.slug].counts + meta_hits[doc.slug]
        tags = list(doc.metadata.tags)
        tags += [
            glossary.entries[i].name
            for i, n in sorted(mentions.items())
            if glossary.entries[i].tag and n >= TAG_MIN_MENTIONS
        ]
        doc_tags[doc.slug] = tuple(dict.fromkeys(tags))
    slugs = tag_slugs([t for tags in doc_tags.values() for t in tags])
    out: dict[str, DocLinks] = {}
    for doc in ordered:
        s = scans[doc.slug]
        out[doc.slug] = DocLinks(
            hits=s.hits,
            counts=dict(s.counts),
            related=related.get(doc.slug, ()),
            tags=doc_tags[doc.slug],
            tag_slugs=tuple(slugs[t] for t in doc_tags[doc.slug]),
            person=person_of.get(doc.slug),
            publisher=publisher_of.get(doc.slug),
            entries=glossary.entries,
        )
    return Linkage(glossary, out, terms, people, publishers, [d.slug for d in ordered], slugs)


# A tag's page is tags/<slug>.md; these would meet the overview's own paths (tags/page/2.md...).
RESERVED_TAG_SLUGS = frozenset({"index", "page"})


def tag_slugs(tags: list[str]) -> dict[str, str]:
    """Every distinct tag (sorted by name) and the slug of its page, unique: a tag that slugifies
    to nothing, or to a reserved or taken slug, gets a hash-suffixed one."""
    out: dict[str, str] = {}
    used: set[str] = set(RESERVED_TAG_SLUGS)
    for tag in sorted(set(tags), key=lambda t: (t.casefold(), t)):
        base = slugify(tag) or "tag"
        slug = base
        if slug in used:
            slug = f"{base}-{hashlib.blake2b(tag.encode(), digest_size=3).hexdigest()}"
        out[tag] = _unique(slug, used)
    return out


def _collect(terms: list[TermStats], s: Scan, glossary: Glossary) -> None:
    for occ in s.occurrences:
        t = terms[occ.entry]
        t.total += 1
        t.by_doc[occ.slug] += 1
        if len(t.occurrences) < MAX_KWIC:
            t.occurrences.append(occ)
        if not occ.counterpart:
            t.untranslated += 1
        elif occ.lang == "zh":
            if occ.rendering is None:
                t.unrendered += 1
                continue
            form = occ.counterpart[occ.rendering[0] : occ.rendering[1]]
            key = form_key(form)
            have = t.renderings.setdefault(key, [form, 0])
            have[1] += 1
            t.rendering_docs.setdefault(key, set()).add(occ.slug)


def _groups(
    docs: list[Document], field_name: str, glossary: Glossary
) -> tuple[list[Group], dict[str, Group]]:
    """Documents grouped by speaker/author or by publisher, most documents first."""
    members: dict[str, list[Document]] = defaultdict(list)
    names: dict[str, tuple[str, str]] = {}
    for doc in docs:
        f = getattr(doc.metadata, field_name)
        if f is None or not f.value.strip():
            continue
        if field_name == "author":
            key, entry = _person_key(f.value, glossary)
        else:
            key, entry = "name:" + re.sub(r"\s+", " ", f.value.strip().casefold()), -1
        members[key].append(doc)
        if key not in names:
            if entry >= 0:
                e = glossary.entries[entry]
                names[key] = (e.name, e.zh)
            else:
                names[key] = (f.value.strip(), "")
    groups = []
    of: dict[str, Group] = {}
    used: set[str] = set()
    ranked = sorted(members.items(), key=lambda kv: (-len(kv[1]), names[kv[0]][0].casefold()))
    for rank, (key, group_docs) in enumerate(ranked):
        name, other = names[key]
        anchor = slugify(name) or "n-" + hashlib.blake2b(key.encode(), digest_size=3).hexdigest()
        anchor = _unique(("person-" if field_name == "author" else "publisher-") + anchor, used)
        roles = ()
        if field_name == "author":
            roles = tuple(dict.fromkeys(d.metadata.role.value for d in group_docs if d.metadata.role))
        g = Group(key, name, anchor, tuple(d.slug for d in group_docs), other, roles, rank)
        groups.append(g)
        for d in group_docs:
            of[d.slug] = g
    return groups, of


def _unique(anchor: str, used: set[str]) -> str:
    out, n = anchor, 1
    while out in used:
        n += 1
        out = f"{anchor}-{n}"
    used.add(out)
    return out


def _features(doc: Document, s: Scan, meta: Counter[int], person: Group | None) -> Counter[tuple]:
    """What relates a document to others: the glossary entries it mentions (with how often) and
    its speaker or author."""
    feats: Counter[tuple] = Counter()
    for entry, n in (s.counts + meta).items():
        feats[("entry", entry)] += n
    if person is not None:
        if person.key.startswith("entry:"):
            feats[("entry", int(person.key[6:]))] += 1
        else:
            feats[("person", person.key)] += 1
    return feats


def _related(
    features: dict[str, Counter[tuple]], glossary: Glossary, docs: dict[str, Document]
) -> dict[str, tuple[Related, ...]]:
    """Cosine similarity of tf-idf vectors, accumulated through an inverted index: each document
    meets only the documents that share a feature with it, and through one feature at most
    POSTINGS_MAX of them (those that weigh it most), so the work is bounded per document."""
    n = len(features)
    df: Counter[tuple] = Counter()
    for feats in features.values():
        df.update(feats.keys())

    def idf(f: tuple) -> float:  # BM25's: near 0 for what almost every document has
        return math.log((n - df[f] + 0.5) / (df[f] + 0.5) + 1)

    weights = {
        slug: {f: (1 + math.log(c)) * idf(f) for f, c in feats.items()} for slug, feats in features.items()
    }
    norms = {slug: math.sqrt(sum(w * w for w in ws.values())) or 1.0 for slug, ws in weights.items()}
    postings: dict[tuple, list[tuple[str, float]]] = defaultdict(list)
    for slug, ws in weights.items():
        for f, w in ws.items():
            if df[f] > 1:
                postings[f].append((slug, w))
    for docs_of in postings.values():
        if len(docs_of) > POSTINGS_MAX:
            docs_of.sort(key=lambda sw: (-sw[1], sw[0]))
            del docs_of[POSTINGS_MAX:]
    out: dict[str, tuple[Related, ...]] = {}
    for slug, ws in weights.items():
        acc: dict[str, float] = defaultdict(float)
        for f, w in ws.items():
            for other, w2 in postings.get(f, ()):
                acc[other] += w * w2
        acc.pop(slug, None)
        cp = docs[slug].counterpart
        if cp is not None:
            acc.pop(cp.slug, None)  # shown as its translation
        norm = norms[slug]
        best = heapq.nsmallest(RELATED_MAX, ((-dot / (norm * norms[o]), o) for o, dot in acc.items()))
        found = []
        for neg, other in best:
            if -neg < RELATED_MIN:
                break
            # The reasons: the shared features that weigh most (exact, from both documents).
            theirs = weights[other]
            top = sorted((ws[f] * theirs[f], f) for f in ws.keys() & theirs.keys())[::-1][:REASONS_MAX]
            shared = tuple(
                _shared(f, w, features[slug], features[other], glossary, docs[slug]) for w, f in top
            )
            o = docs[other]
            date = o.metadata.date.value if o.metadata.date else ""
            found.append(Related(other, display_title(o), date, round(-neg, 3), shared, _status(o)))
        out[slug] = tuple(found)
    return out


def _status(doc: Document) -> Field | None:
    """A document's provenance for its related-documents entry: a fresh Field of interned strings,
    so the page key (a pickle, site._page_key) is the same whether the documents were built now
    or loaded from the cache (pickle writes a string shared by two objects once)."""
    f = doc.metadata.translation
    return Field(sys.intern(f.value), sys.intern(f.origin), sys.intern(f.evidence)) if f else None


def _shared(
    f: tuple, weight: float, mine: Counter, theirs: Counter, glossary: Glossary, doc: Document
) -> Shared:
    if f[0] == "entry":
        e = glossary.entries[f[1]]
        return Shared("entry", e.label, f[1], (mine[f], theirs[f]), round(weight, 3))
    name = doc.metadata.author.value if doc.metadata.author else f[1].split(":", 1)[1]
    return Shared("person", name, -1, (mine[f], theirs[f]), round(weight, 3))
