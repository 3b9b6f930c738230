"""Cross-language search from one file per glossary entry and language.

A query that is a glossary form (世界互联网大会) also finds the texts that hold the entry's forms in
the other language (World Internet Conference, WIC, Wuzhen Summit). Looking those forms up word by
word costs a chunk per word, and common words ("world", "conference") have the largest chunks. The
build knows every entry's forms and every text, so it writes, per entry and language,
search/g/N-LANG.js: the documents that hold one of the forms the browser searches (N: the entry's
place in search/glossary.js), weighed by BM25 as if the forms were one term, and the idf of each of
the forms' words (the browser weighs a hit's sentences by how rare its words are).

A document is listed when the browser would show it: it holds every index term of a form, and the
form as a phrase somewhere in its folded text (titles, speaker, publisher, pairs: the engine's
`examine`); the forms searched are the first `renderings` of the language (data/search.yml).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping

from ..link.matcher import Entry as GlossaryEntry
from ..link.matcher import trie_pattern
from .search_entries import MAX_TF, Entry
from .search_terms import Tokenizer, fold, terms

ENTRY_DIR = "g"
_SPACE = re.compile(r"\s+")

Forms = tuple[tuple[str, ...], tuple[str, ...]]  # (zh forms, en forms) of one entry


def equivalences(equivalents: Iterable[GlossaryEntry]) -> list[Forms]:
    """The entries with forms in both languages, in the order of search/glossary.js."""
    return sorted({(tuple(e.zh_forms), tuple(e.en_forms)) for e in equivalents if e.zh_forms and e.en_forms})


def phrase(form: str) -> str:
    """A form as the browser checks it on a text: folded, whitespace runs as one space."""
    return _SPACE.sub(" ", fold(form)).strip()


def searched_text(entry: Entry) -> str:
    """What the browser looks for a phrase in: titles, speaker, publisher, each pair's two sides."""
    parts = [entry.title_zh, entry.title_en, entry.author, entry.publisher]
    parts += [side for p in entry.pairs for side in (p[2], p[3])]
    # (folded part by part, then joined: the same text, and most English parts take fold's ASCII path)
    return _SPACE.sub(" ", " ".join(fold(part) for part in parts))


def entry_files(
    ordered: list[Entry],
    packed: Mapping[str, list[int]],
    forms: list[Forms],
    weigh: Callable[[list[int]], str],
    idf: Callable[[str], int | None],
    tok: Tokenizer,
) -> list[tuple[str, tuple]]:
    """(path under search/, arguments of dzSearch.entry) for every entry and language: the key,
    the postings (encoded by `weigh`, as a chunk's term) and the idf of the forms' words."""
    # Each searched form: (entry, language, its phrase, its index terms).
    searched = []
    for n, both in enumerate(forms):
        for lang, listed in zip(("zh", "en"), both, strict=True):
            for form in listed[: tok.renderings]:
                words = tuple(dict.fromkeys(terms(form, tok)))
                if words:  # (the browser searches no form without a term: "US" is a stop word)
                    searched.append((n, lang, phrase(form), words))
    found = _occurrences(ordered, {p for _, _, p, _ in searched})
    out = []
    for n in range(len(forms)):
        for lang in ("zh", "en"):
            counts: dict[int, int] = {}
            idfs: dict[str, int] = {}
            for _, _, wanted, words in (f for f in searched if f[:2] == (n, lang)):
                idfs.update((w, v) for w in words if (v := idf(w)) is not None)
                for doc in found.get(wanted, {}):
                    if all(_holds(packed, w, doc) for w in words):
                        counts[doc] = counts.get(doc, 0) + found[wanted][doc]
            values = [(doc << 5) | min(MAX_TF, c) for doc, c in sorted(counts.items())]
            key = f"{n}-{lang}"
            out.append((f"{ENTRY_DIR}/{key}.js", (key, weigh(values), idfs)))
    return out


def _occurrences(ordered: list[Entry], phrases: set[str]) -> dict[str, dict[int, int]]:
    """By phrase, the documents whose searched text holds it and how many times (overlaps and
    phrases inside others counted): each text scanned by prefix-tree expressions (the regex
    engine walks the tree in C, whatever the number of phrases), one for the phrases that start
    with an ASCII character and one for the others (measured 2.4 times faster than one for all,
    on the 1,000-document synthetic corpus)."""
    if not phrases:
        return {}
    # Every phrase that starts another: a match of the longer one is a match of these too.
    starts = {p: [q for q in phrases if p.startswith(q)] for p in phrases}
    groups = [sorted(p for p in phrases if p[0].isascii() == ascii) for ascii in (True, False)]
    patterns = [re.compile(trie_pattern([tuple(map(re.escape, p)) for p in g])) for g in groups if g]
    out: dict[str, dict[int, int]] = {}
    for doc, entry in enumerate(ordered):
        text = searched_text(entry)
        for pattern in patterns:
            m = pattern.search(text)
            while m:
                for p in starts[m.group()]:
                    hits = out.setdefault(p, {})
                    hits[doc] = hits.get(doc, 0) + 1
                m = pattern.search(text, m.start() + 1)  # (the next may start inside this one)
    return out


def _holds(packed: Mapping[str, list[int]], word: str, doc: int) -> bool:
    """Whether the index lists `doc` under `word` (postings are in document order)."""
    values = packed.get(word, [])
    at = bisect.bisect_left(values, doc << 5)
    return at < len(values) and values[at] >> 5 == doc
