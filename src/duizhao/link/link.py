"""Stage 6, link: the corpus cross-referenced, after every document is built and paired.

- glossary occurrences: every entry of sources/glossary.yml found in every document, either side,
  in keyword-in-context form beside its aligned counterpart (the sentences linked to the one that
  holds it, or the other side of its row), and which English renderings translators used;
- related documents: documents that share glossary entries (terms, people, organisations, places,
  events) or a speaker, weighted so that what every document mentions counts for little, found
  through an inverted index (never by comparing all pairs), each with the reasons;
- indexes: speakers and authors, publishers, and tags.

`scan` is per document, a pure function of the document and the glossary (so it can be cached
like the documents); `build` is the corpus-wide part. Nothing here imports MkDocs or writes HTML.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from .. import paging
from ..model import Bead, Document, Field, display_title, link_groups, newest_first, sentence_offsets
from .glossary import Entry, Glossary, Hit, form_key, slugify

# Characters of context on each side of a keyword (Chinese packs about three times as much
# meaning into a character as English does).
KWIC_WIDTH = {"zh": 26, "en": 72}
# A counterpart longer than this is cut around the rendering (or after its start).
COUNTERPART_WIDTH = 240
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


# ---- One document -------------------------------------------------------------------------------


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
