"""Cross-file pairing, its cheap half: what each monolingual document offers as evidence (Profile)
and which Chinese-only x English-only pairs are worth aligning in full (candidates), by dictionary
coverage both ways, through an inverted index of the texts' rare terms on a large corpus."""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Document
from ..vocab import lexicon as lx
from ..vocab.rules import vocabulary_words

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
URL = re.compile(r"https?://[^\s<>()\[\]\"'，。]+", re.I)
# Each text is aligned in full against at most this many candidates (by dictionary coverage).
CANDIDATES = 3
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


# A profile's dictionary work: (language, text, the dictionary's loader) -> numbers, terms, words.
Lookups = Callable[[str, str, Callable[[], lx.Lexicon]], tuple[frozenset[str], frozenset[str], tuple[frozenset[str], ...]]]


def plain_lookups(
    lang: str, text: str, lexicon: Callable[[], lx.Lexicon]
) -> tuple[frozenset[str], frozenset[str], tuple[frozenset[str], ...]]:
    return lookups(lang, text, lexicon())


def profile(
    doc: Document, lex: lx.Lexicon | Callable[[], lx.Lexicon], find: Lookups = plain_lookups
) -> Profile | None:
    """The evidence a monolingual document offers, None for a bilingual one or one paired already.
    `find` does the dictionary lookups (milliseconds a text: the orchestrator may memoise them)."""
    langs = doc.languages
    if len(langs) != 1 or doc.counterpart is not None:
        return None
    lang = langs[0]
    text = "\n".join(p.text for p in doc.paragraphs)
    numbers, terms, words = find(lang, text, (lambda: lex) if isinstance(lex, lx.Lexicon) else lex)
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


def lookups(
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


def cites(a: Profile, b: Profile) -> bool:
    """Whether one page links the other's own address as its one original (a digest that links
    the originals of several stories translates none of them as a whole)."""
    return bool(b.url and a.cited == {b.url}) or bool(a.url and b.cited == {a.url})


# Coverage of a pair (zh, en) -> the harmonic mean of both ways (the orchestrator may memoise it).
Cover = Callable[[Profile, Profile], float]


def plain_cover(zh: Profile, en: Profile) -> float:
    return _harmonic(*_coverage(zh, en))


def candidates(zhs: list[Profile], ens: list[Profile], cover: Cover = plain_cover) -> set[tuple[str, str]]:
    """The (zh, en) source names to align in full: for every text, the CANDIDATES texts of the
    other language it covers best, among all of them on a small corpus, else among those the index
    reaches (_reached); and every pair where one page cites the other as its original."""
    if len(zhs) * len(ens) <= EXHAUSTIVE_PAIRS:
        worth = [(z, e) for z in zhs for e in ens]
    else:
        worth = [(zhs[i], ens[j]) for i, j in sorted(_reached(zhs, ens))]
    cheap = {(z.doc.source.name, e.doc.source.name): cover(z, e) for z, e in worth}
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


def _harmonic(a: float, b: float) -> float:
    return 2 * a * b / (a + b) if a + b else 0.0
