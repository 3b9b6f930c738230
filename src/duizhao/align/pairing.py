"""Cross-file pairing, a corpus-level step after per-document processing: two sources that
translate each other (a Chinese-only text and an English-only one) are shown side by side on both
pages, zh from one and en from the other, each page naming its counterpart.

A pair is declared by an editor (`translation_of: <file>` in either sidecar; `translation_of:
none` forbids detection for that source), or detected: for every Chinese-only / English-only pair
of sources we weigh document-level evidence (dictionary coverage both ways, shared numbers,
romanised names, the dates, the length ratio). A detected pair is applied only when it is clearly
the best for both texts; weaker candidates are reported for an editor to confirm.
"""

from __future__ import annotations

import collections
import heapq
import math
import re
from collections import defaultdict
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass

from ..memo import Memo, text_key
from ..model import Bead, Counterpart, Diagnostic, Document, Level
from ..read.sidecar import Sidecar
from ..vocab import lexicon as lx
from ..vocab.rules import vocabulary_words

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
URL = re.compile(r"https?://[^\s<>()\[\]\"'，。]+", re.I)
# A page that links the other text's own address as its original (see vocabulary.yml
# original_markers) adds this much. Why: on the development corpus the translations that cite
# their original (abridged, or with a crawler-cut English side) scored 0.31-0.53, under
# APPLY_SCORE; texts on the same subject that cite nothing score under 0.3.
CITED_BONUS = 0.25
# The aligner's parameters for the paragraphs of two files (theirs are tuned on sentences): no
# bonus for large beads and a cheaper unmatched paragraph, so that the site's chrome kept on one
# side (promotions, tags, author cards, newsletters) is left unmatched instead of absorbed into
# many-paragraph beads. Why: on the tune half's real pairs (-0.2, 0.35) left a translation's last
# paragraph beside a "Top posts" list and shifted one page by two rows; (-0.05..-0.15, 0) align
# them; -0.1 is the middle of that range.
PARAGRAPHS = {"skip": -0.1, "size": 0.0}  # (alignment.Params, made where the aligner is imported)
# The aligner's parameters for the evidence of a pair: without the optional embeddings (slow on
# whole texts, and not what the thresholds were set with) and the costs of row boundaries at
# quotation marks (alignment.Params.quote, close), which steer the alignment of a translation
# but, on two texts that do not translate each other, lift the mean bead quality the thresholds
# below were set on (with them, two real-world texts on one subject scored 0.558 and were paired).
EVIDENCE = {"quote": 0.0, "close": 0.0, "embed": 0.0}
# Evidence thresholds (see evidence()). Why: on the seeds a true pair (seed 000's two halves as two
# files) scores 0.84, the other zh/en pairings 0.1-0.3.
APPLY_SCORE = 0.55  # applied automatically at or above this (and best for both texts)
REPORT_SCORE = 0.42  # reported as a possible pair at or above this
# Each text is aligned in full against at most this many candidates (by dictionary coverage).
CANDIDATES = 3
NO_PAIR = "none"
# Choosing the candidates. Up to this many zh-only x en-only pairs, every pair's coverage is
# computed (why: about 1 s of CPU time, and small corpora keep exactly their results); above it, an
# inverted index of the texts' terms, numbers and dates proposes the pairs worth computing.
EXHAUSTIVE_PAIRS = 10_000
# Index keys present in more than this share of the other language's texts are never walked. Why:
# the words of the corpus's common subject ("cooperation", "security") reach every text, rank none.
COMMON_SHARE = 0.1
# ... but a key in this many texts is always usable. Why: on a small corpus that share is under one.
MIN_POSTINGS = 2
# Each text walks its rarest keys until it has visited this many texts of the other language
# (counting repeats). Why: it bounds the work per text, so the step grows linearly with the corpus,
# and still reaches past the rarest keys when, as in a corpus on one subject, none is very rare.
WALK_BUDGET = 1000
# Per text, the pairs reached through the index with the most shared rare keys (weighted by
# rarity) whose exact coverage is then computed. Why: comfortably more than CANDIDATES, since the
# index score only approximates coverage, and small enough to keep the exact step linear.
SHORTLIST = 10


@dataclass(frozen=True)
class Profile:
    """What one monolingual document offers as evidence."""

    doc: Document
    lang: str
    numbers: frozenset[str]
    terms: frozenset[str]  # en: content stems; zh: every English stem its words may mean
    words: tuple[frozenset[str], ...]  # zh only: each word's meanings
    text: str
    length: int
    content: frozenset[str] = frozenset()  # terms without the punctuation marks ("p:...")
    date: str | None = None
    url: str = ""  # the page's own address, normalised (address())
    cited: frozenset[str] = frozenset()  # addresses it links as its original, normalised

    def keys(self) -> set[str]:
        """What the candidate index files this text under: its terms, numbers and date."""
        out = set(self.content)
        out.update(f"#{n}" for n in self.numbers)
        if self.date:
            out.add(f"@{self.date}")
        return out


def _profile(
    doc: Document, lex: lx.Lexicon | Callable[[], lx.Lexicon], memo: Memo | None = None, lexicon_key: str = ""
) -> Profile | None:
    """`memo` (with `lexicon_key`, what the dictionary was built from) spares a warm build the
    dictionary lookups of texts it has seen: they cost milliseconds a text, every build."""
    langs = doc.languages
    if len(langs) != 1 or doc.counterpart is not None:
        return None
    lang = langs[0]
    text = "\n".join(p.text for p in doc.paragraphs)
    key = text_key(lang, lexicon_key, text) if memo is not None else ""
    found = memo.get(key) if memo is not None else None
    if found is None:
        found = _lookups(lang, text, lex if isinstance(lex, lx.Lexicon) else lex())
        if memo is not None:
            memo[key] = found
    numbers, terms, words = found
    content = frozenset(t for t in terms if not t.startswith("p:"))
    date = doc.metadata.date.value if doc.metadata.date else None
    url = address(doc.metadata.source_url.value) if doc.metadata.source_url else ""
    cited = cited_originals(doc.decoded.text if doc.decoded is not None else "")
    own_site = url.partition("/")[0]
    cited = frozenset(u for u in cited if u.partition("/")[0] != own_site)  # (its own site's links)
    return Profile(doc, lang, numbers, terms, words, text, len("".join(text.split())), content, date, url, cited)


def address(url: str) -> str:
    """An address as two pages compare it: no scheme, no "www.", no query, fragment or final slash,
    host in lower case."""
    url = url.strip().rstrip(">").strip()
    rest = re.sub(r"^https?://", "", url, flags=re.I)
    host, _, path = rest.partition("/")
    path = re.split(r"[?#]", path, maxsplit=1)[0].rstrip("/")
    return f"{host.lower().removeprefix('www.')}/{path}".rstrip("/")


def _marker() -> re.Pattern[str]:
    words = sorted(vocabulary_words()["original_markers"], key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words), re.I)


def cited_originals(source: str) -> frozenset[str]:
    """The addresses a page links on a line that names its original ("原文链接", "Source:")."""
    if "://" not in source:
        return frozenset()
    marker = _marker()
    return frozenset(
        address(u) for line in source.splitlines() if "://" in line and marker.search(line) for u in URL.findall(line)
    )


def _lookups(
    lang: str, text: str, lex: lx.Lexicon
) -> tuple[frozenset[str], frozenset[str], tuple[frozenset[str], ...]]:
    """A text's numbers, terms and (zh) each word's meanings: the dictionary work of a profile."""
    numbers = frozenset(n.replace(",", "") for n in NUMBER.findall(text) if len(n) > 1)
    if lang == "en":
        return numbers, frozenset(lx.en_terms(text)), ()
    words = tuple(lex.zh_terms(text))
    return numbers, frozenset().union(*words) if words else frozenset(), words


def _coverage(zh: Profile, en: Profile) -> tuple[float, float]:
    """Dictionary coverage both ways: the share of the English words some Chinese word may mean,
    and the share of Chinese words with a meaning in the English. Cheap, but texts on the same
    topic cover each other well too: used only to choose which pairs to align."""
    en_terms = en.content
    cov_en = len(en_terms & zh.terms) / max(1, len(en_terms))
    cov_zh = sum(1 for w in zh.words if not w.isdisjoint(en_terms)) / max(1, len(zh.words))
    return cov_zh, cov_en


def _reached(zhs: list[Profile], ens: list[Profile]) -> set[tuple[int, int]]:
    """Pairs (zh index, en index) worth an exact coverage, found as blocking does in record
    linkage: each text walks the inverted index of the other language through its rarest keys
    (WALK_BUDGET), scores the texts it reaches by the keys they share, each weighted by its rarity
    (IDF), and keeps the SHORTLIST best."""
    postings: tuple[dict[str, list[int]], dict[str, list[int]]] = (defaultdict(list), defaultdict(list))
    for side, profiles in enumerate((zhs, ens)):
        for i, p in enumerate(profiles):
            for k in p.keys():
                postings[side][k].append(i)
    total = len(zhs) + len(ens)
    reached: set[tuple[int, int]] = set()
    for side, mine in enumerate((zhs, ens)):
        own, theirs = postings[side], postings[1 - side]
        limit = max(MIN_POSTINGS, int(COMMON_SHARE * (len(ens) if side == 0 else len(zhs))))
        for i, p in enumerate(mine):
            keys = sorted((len(theirs[k]), k) for k in p.keys() if k in theirs and len(theirs[k]) <= limit)
            score: dict[int, float] = defaultdict(float)
            walked = 0
            for df, k in keys:
                walked += df
                if walked > WALK_BUDGET:
                    break
                weight = math.log(total / (df + len(own[k])))
                for j in theirs[k]:
                    score[j] += weight
            for j in heapq.nsmallest(SHORTLIST, score, key=lambda j: (-score[j], j)):
                reached.add((i, j) if side == 0 else (j, i))
    return reached


def _cites(a: Profile, b: Profile) -> bool:
    """Whether one page links the other's own address as its one original (a digest that links
    the originals of several stories translates none of them as a whole)."""
    return bool(b.url and a.cited == {b.url}) or bool(a.url and b.cited == {a.url})


# Coverage of the pairs the last detection weighed in this process, by (dictionary, zh document,
# en document) keys. Why: after one edit under `mkdocs serve`, thousands of unchanged pairs would be
# covered again (the largest part of a rebuild at 1,000 documents); the entries used are kept.
_COVERED: dict[tuple[str, str, str], float] = {}


def candidates(zhs: list[Profile], ens: list[Profile], lexicon_key: str = "") -> set[tuple[str, str]]:
    """The (zh, en) source names to align in full: for every text, the CANDIDATES texts of the
    other language it covers best, among all of them on a small corpus, else among those the index
    reaches (_reached); and every pair where one page cites the other as its original."""
    if len(zhs) * len(ens) <= EXHAUSTIVE_PAIRS:
        worth = [(z, e) for z in zhs for e in ens]
    else:
        worth = [(zhs[i], ens[j]) for i, j in sorted(_reached(zhs, ens))]
    cheap: dict[tuple[str, str], float] = {}
    used: dict[tuple[str, str, str], float] = {}
    for z, e in worth:
        memo_key = (lexicon_key, getattr(z.doc, "key", ""), getattr(e.doc, "key", ""))
        found = _COVERED.get(memo_key) if memo_key[1] and memo_key[2] else None
        if found is None:
            found = _harmonic(*_coverage(z, e))
        used[memo_key] = cheap[(z.doc.source.name, e.doc.source.name)] = found
    _COVERED.clear()
    _COVERED.update(used)
    chosen: set[tuple[str, str]] = set()
    for side in (0, 1):
        groups: dict[str, list[tuple[str, str]]] = {}
        for key in cheap:
            groups.setdefault(key[side], []).append(key)
        for keys in groups.values():
            chosen.update(sorted(keys, key=lambda k: -cheap[k])[:CANDIDATES])
    by_url = {p.url: p for p in (*zhs, *ens) if p.url}
    for p in (*zhs, *ens):
        other = by_url.get(next(iter(p.cited))) if len(p.cited) == 1 else None
        if other is not None and other.lang != p.lang:
            zh, en = (p, other) if p.lang == "zh" else (other, p)
            chosen.add((zh.doc.source.name, en.doc.source.name))
    return chosen


def _sentences(doc: Document, lang: str) -> list[str]:
    from . import align  # (as late as this: a warm build must not pay for the aligner's imports)

    return [s for p in doc.paragraphs if align.side(p) == lang for s in p.sentences]


def evidence(zh: Profile, en: Profile, lex: lx.Lexicon) -> tuple[float, list[str]]:
    """How likely the two texts translate each other (0..1), and why, in words. The core is the
    sentence alignment of the two whole texts: its mean bead quality (weighted by bead size) is
    about 0.65 for a translation and under 0.45 for two texts on the same topic. Shared numbers,
    romanised names, dates and the length ratio adjust it."""
    from . import alignment

    params = alignment.Params(**EVIDENCE)
    found = alignment.align(_sentences(zh.doc, "zh"), _sentences(en.doc, "en"), lexicon=lex, params=params)
    size = sum(len(b.zh) + len(b.en) for b in found) or 1
    quality = sum(b.confidence * (len(b.zh) + len(b.en)) for b in found) / size
    unmatched = sum(len(b.zh) + len(b.en) for b in found if not b.zh or not b.en) / size
    reasons = [f"sentence alignment quality {quality:.2f}, {1 - unmatched:.0%} of sentences matched"]
    score = quality
    shared = zh.numbers & en.numbers
    union = zh.numbers | en.numbers
    if union:
        share = len(shared) / len(union)
        reasons.append(f"{len(shared)} of {len(union)} numbers shared")
        score += 0.3 * (share - 0.3)
    names = alignment.shared_names(zh.text, en.text, lex)
    if names:
        reasons.append("names " + ", ".join(sorted(names)[:5]))
        score += 0.03 * min(3, len(names))
    missing = missing_names(zh.text, en.text, lex)
    if missing:
        # Two joint statements of one summit share their wording; the country each names is
        # what tells them apart.
        reasons.append("names of one text absent from the other: " + ", ".join(missing[:3]))
        score -= MISSING_NAME_COST * min(2, len(missing))
    dz, de = zh.doc.metadata.date, en.doc.metadata.date
    if dz and de:
        if dz.value == de.value:
            reasons.append(f"same date {dz.value}")
            score += 0.05
        elif dz.value[:4] != de.value[:4]:
            reasons.append(f"dates differ ({dz.value}, {de.value})")
            score -= 0.15
    if _cites(zh, en):
        citing = "Chinese" if zh.cited == {en.url} else "English"
        reasons.append(f"the {citing} page links the other as its original")
        score += CITED_BONUS
    ratio = en.length / max(1, zh.length)
    off = abs(math.log(ratio / alignment.PRIOR_RATIO))
    reasons.append(f"{ratio:.1f} en characters per zh character")
    if off > 0.7:
        score -= 0.2 * (off - 0.7)
    return max(0.0, min(1.0, score)), reasons


# A place or party the Chinese text names this often, whose dictionary English (a proper name:
# "津巴布韦" Zimbabwe) the English text never writes, is not in it.
NAME_MIN_COUNT = 3
MISSING_NAME_COST = 0.1
PROPER = re.compile(r"^(?:the )?[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*$")


def missing_names(zh_text: str, en_text: str, lex: lx.Lexicon) -> list[str]:
    """Names the Chinese text repeats (NAME_MIN_COUNT times, two characters or more) whose every
    dictionary rendering is a proper name the English text does not contain."""
    counts = collections.Counter(w for w in lex.zh_words(zh_text) if len(w) >= 2 and w[0] != "=")
    out = []
    for word, n in counts.most_common():
        if n < NAME_MIN_COUNT:
            break
        glosses = [g.strip() for g in lex.glosses.get(word, "").split("/") if g.strip()]
        if glosses and all(PROPER.match(g) for g in glosses) and not any(
            g.removeprefix("the ") in en_text for g in glosses
        ):
            out.append(f"{word} ({glosses[0]})")
    return out


def _harmonic(a: float, b: float) -> float:
    return 2 * a * b / (a + b) if a + b else 0.0


def _cross_beads(zh: Document, en: Document, lex: lx.Lexicon) -> tuple[Bead, ...]:
    from . import align, alignment

    zp = [p for p in zh.paragraphs if align.side(p) == "zh"]
    ep = [p for p in en.paragraphs if align.side(p) == "en"]
    # (a partial translation leaves what it does not cover unmatched)
    params = alignment.Params(**PARAGRAPHS)
    found = align.align_paragraphs(zp, ep, "cross-file", lex, params)
    beads = align.partial(found, lex, params)
    return align.with_anchors([align.link_sentences(b, lex) for b in beads])


def _apply(
    zh: Document,
    en: Document,
    how: str,
    score: float,
    reasons: list[str],
    lex: Callable[[], lx.Lexicon],
    car: Sidecar | None = None,
    owner: Document | None = None,
    memo: Memo | None = None,
) -> None:
    """Both documents show the cross-file beads; `car` (the sidecar that declared the pair, of
    `owner`) may correct them. `memo` keeps the beads by the two documents' keys (which cover the
    sidecars and the glossary): aligning a pair costs a few tenths of a second, every build."""
    from . import corrections

    key = (zh.key, en.key, owner.key if car is not None and owner is not None else "")
    found = memo.get(key) if memo is not None and zh.key and en.key else None
    if found is None:
        beads, fixes = _cross_beads(zh, en, lex()), []
        if car is not None and owner is not None:
            beads, fixes = corrections.apply(beads, car, lex())
        found = (beads, fixes)
        if memo is not None and zh.key and en.key:
            memo[key] = found
    beads, fixes = found
    if owner is not None:
        owner.diagnostics.extend(fixes)
    for doc, other, lang in ((zh, en, "en"), (en, zh, "zh")):
        doc.beads = beads
        doc.counterpart = Counterpart(
            name=other.source.name,
            slug=other.slug,
            title=_title(other),
            lang=lang,
            how=how,
            score=round(score, 3),
            evidence=tuple(reasons),
        )


def _title(doc: Document) -> str:
    m = doc.metadata
    for f in (m.title_zh, m.title_en):
        if f is not None and f.value:
            return f.value
    return ""


def pair_corpus(
    docs: list[Document],
    cars: dict[str, Sidecar],
    lex: lx.Lexicon | Callable[[], lx.Lexicon] | None = None,
    memo: MutableMapping[tuple[str, str], tuple[float, list[str]]] | None = None,
    profile_memo: Memo | None = None,
    lexicon_key: str = "",
    bead_memo: Memo | None = None,
) -> list[Diagnostic]:
    """Pair translated sources across the corpus (mutates the documents: beads, counterpart).

    `memo` keeps the evidence of pairs already weighed, by the two documents' keys (Document.key:
    everything each was built from), so a rebuild aligns only pairs with a changed text. `lex`
    may be a function that loads the dictionary: it is called only when a profile or a pair is
    not in its memo, or a pair is applied."""
    given = lex
    loaded: list[lx.Lexicon] = []

    def lexicon() -> lx.Lexicon:
        if not loaded:
            loaded.append(given if isinstance(given, lx.Lexicon) else given() if given else lx.cedict())
        return loaded[0]

    def weigh(zh: Profile, en: Profile) -> tuple[float, list[str]]:
        if memo is None or not zh.doc.key or not en.doc.key:
            return evidence(zh, en, lexicon())
        k = (zh.doc.key, en.doc.key)
        found = memo.get(k)
        if found is None:
            found = memo[k] = evidence(zh, en, lexicon())
        return found

    notes: list[Diagnostic] = []
    by_name = {d.source.name: d for d in docs}
    by_stem = {d.source.stem: d for d in docs}
    barred: set[str] = set()
    readable = [d for d in docs if d.decoded is not None and d.paragraphs]
    # Declared pairs first.
    for doc in readable:
        car = cars.get(doc.source.name)
        target = car.translation_of if car else None
        if not target:
            continue
        if target.lower() == NO_PAIR:
            barred.add(doc.source.name)
            continue
        other = by_name.get(target) or by_stem.get(target)
        where = car.path if car else doc.source.name
        if other is None:
            notes.append(
                Diagnostic(Level.ERROR, where, f"translation_of: no source named {target!r} in sources/")
            )
            continue
        if other is doc:
            notes.append(Diagnostic(Level.ERROR, where, "translation_of names the document itself"))
            continue
        if doc.counterpart is not None or other.counterpart is not None:
            if doc.counterpart is None or doc.counterpart.name != other.source.name:
                notes.append(
                    Diagnostic(Level.ERROR, where, f"{target} is already paired with another source")
                )
            continue
        a, b = (
            _profile(doc, lexicon, profile_memo, lexicon_key),
            _profile(other, lexicon, profile_memo, lexicon_key),
        )
        if a is None or b is None or a.lang == b.lang:
            notes.append(
                Diagnostic(
                    Level.ERROR,
                    where,
                    f"translation_of: {doc.source.name} ({'/'.join(doc.languages) or 'no text'}) and {target} "
                    f"({'/'.join(other.languages) or 'no text'}) are not a Chinese-only and an English-only text",
                )
            )
            continue
        zh, en = (a, b) if a.lang == "zh" else (b, a)
        score, reasons = weigh(zh, en)
        _apply(zh.doc, en.doc, "declared", score, reasons, lexicon, car, doc, bead_memo)
        if score < REPORT_SCORE:
            # An editor's word is applied, but not believed blindly: evidence this weak is what two
            # texts that do not translate each other give (see REPORT_SCORE).
            notes.append(
                Diagnostic(
                    Level.WARNING,
                    where,
                    f"translation_of {target}: the two texts match weakly (score {score:.2f}: "
                    f"{'; '.join(reasons)}); check that they translate each other",
                )
            )
        else:
            notes.append(
                Diagnostic(
                    Level.INFO,
                    where,
                    f"paired with {target} (declared; score {score:.2f}: {'; '.join(reasons)})",
                )
            )
    # Then detection among the rest.
    profiles = [
        p
        for d in readable
        if d.source.name not in barred and (p := _profile(d, lexicon, profile_memo, lexicon_key)) is not None
    ]
    zhs = [p for p in profiles if p.lang == "zh"]
    ens = [p for p in profiles if p.lang == "en"]
    chosen = candidates(zhs, ens, lexicon_key)
    profile = {p.doc.source.name: p for p in profiles}
    scored = {k: weigh(profile[k[0]], profile[k[1]]) for k in sorted(chosen)}
    if not scored:
        return notes

    def best_for(name: str, side: int) -> float:
        return max((s for k, (s, _) in scored.items() if k[side] == name), default=0.0)

    for (zn, en_name), (score, reasons) in sorted(scored.items(), key=lambda kv: -kv[1][0]):
        if score < REPORT_SCORE and not _cites(profile[zn], profile[en_name]):
            continue
        z, e = by_name[zn], by_name[en_name]
        mutual = score >= best_for(zn, 0) and score >= best_for(en_name, 1)
        free = z.counterpart is None and e.counterpart is None
        if score >= APPLY_SCORE and mutual and free:
            _apply(z, e, "detected", score, reasons, lexicon, memo=bead_memo)
            message = f"detected as the translation of {en_name} (score {score:.2f}: {'; '.join(reasons)})"
            notes.append(Diagnostic(Level.INFO, zn, message))
        elif free:
            message = (
                f"may translate {en_name} (score {score:.2f}: {'; '.join(reasons)}); "
                f"confirm with `translation_of: {en_name}` in its sidecar, or `translation_of: none`"
            )
            notes.append(Diagnostic(Level.INFO, zn, message))
    return notes
