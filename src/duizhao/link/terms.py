"""`duizhao terms`: new glossary entries proposed from aligned text, for editors to accept.

The evidence is co-occurrence across aligned units (sentence links, or rows without them): a
Chinese word sequence (jieba words, one to three of them) and an English word sequence (one to
four words, not starting or ending with a function word) that keep turning up in the same aligned
pairs are likely translations. Each pair is scored with the Dice coefficient, 2·both / (zh + en),
over units and ranked by Dunning's log-likelihood ratio (frequent and consistent pairs first); the
best English for a Chinese candidate must also prefer that Chinese back
(competitive linking), fragments that never occur outside a longer candidate give way to it, and
forms the glossary already has are left out. CC-CEDICT's opinion is shown, not required: policy
terms are often missing from it, which is why they belong in the glossary.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Document
from ..vocab import lexicon as lx
from .matcher import Glossary, form_key

# Chinese sequences of one to ZH_MAX_WORDS jieba words; English of one to EN_MAX_WORDS words.
ZH_MAX_WORDS = 3
EN_MAX_WORDS = 4
ZH_MAX_CHARS = 10
# Function words that never start or end a Chinese term (particles, pronouns, prepositions...).
ZH_STOP = frozenset(
    "的 了 着 过 是 在 和 与 及 或 等 对 为 把 被 也 都 而 并 从 以 于 之 其 这 那 此 该 各 每 我 你 他 她 它 们 "
    "我们 你们 他们 她们 它们 一 个 有 没有 不 就 还 又 很 更 最 将 要 会 能 可 可以 应 应当 应该 已 已经 "
    "所 所以 因为 如果 但 但是 则 即 就是 这个 那个 这些 那些 一个 一些 上 下 中 里 后 前 时 来 去 说 让 使 "
    "给 向 到 由 上述 以及 并且 而且 我国 自己 什么 如何 怎么 为了 通过 进行 加强".split()
)
HAN_RUN = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")
EN_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'’][A-Za-z0-9]+)*|\d+(?:[.,]\d+)*|[^\sA-Za-z0-9]")
# Examples shown per candidate, and their width around the term.
EXAMPLES = 2
EXAMPLE_WIDTH = {"zh": 18, "en": 48}


@dataclass(frozen=True)
class Unit:
    """One aligned pair of texts: what co-occurrence counts over."""

    zh: str
    en: str
    where: str  # e.g. "000_24893c960241ec06.txt ¶1" or "001.zh:3-4"


@dataclass
class Candidate:
    zh: str
    en: str
    score: float  # Dice over units: how consistently the two occur together (0..1)
    both: int  # units holding both
    zh_count: int
    en_count: int
    in_dictionary: bool = False
    llr: float = 0.0  # how unlikely by chance (G²): the ranking
    examples: list[tuple[str, str, str]] = field(default_factory=list)  # (where, zh, en)


# ---- Units ---------------------------------------------------------------------------------------


def corpus_units(docs: Iterable[Document]) -> list[Unit]:
    """Aligned pairs of a corpus: each sentence link with text on both sides, or each row with
    both sides when it has no sentence links. A cross-file pair shares its rows: counted once."""
    out: list[Unit] = []
    done: set[tuple[str, str]] = set()
    for doc in docs:
        cp = doc.counterpart
        if cp is not None and (cp.slug, doc.slug) in done:
            continue
        if cp is not None:
            done.add((doc.slug, cp.slug))
        for number, bead in enumerate(doc.beads, start=1):
            if not bead.zh or not bead.en:
                continue
            where = f"{doc.source.name} ¶{number}"
            if not bead.links:
                out.append(Unit(" ".join(p.text for p in bead.zh), " ".join(p.text for p in bead.en), where))
                continue
            zs, es = bead.zh_sentences, bead.en_sentences
            for link in bead.links:
                if link.zh and link.en:
                    zh = "".join(zs[i] for i in link.zh if i < len(zs))
                    en = " ".join(es[i] for i in link.en if i < len(es))
                    out.append(Unit(zh, en, where))
    return out


BEAD_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]")


def parse_beads(text: str) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Beads in the gold format, one a line: "[zh ids]:[en ids]" (zero-based)."""
    out = []
    for line in text.splitlines():
        m = BEAD_LINE.match(line)
        if m:
            ids = [tuple(int(x) for x in g.replace(" ", "").split(",") if x) for g in m.groups()]
            out.append((ids[0], ids[1]))
    return out


def file_units(
    zh: list[str], en: list[str], beads: list[tuple[tuple[int, ...], tuple[int, ...]]], name: str = ""
) -> list[Unit]:
    out = []
    for zi, ei in beads:
        if zi and ei:
            where = f"{name}zh {zi[0] + 1}" + (f"-{zi[-1] + 1}" if len(zi) > 1 else "")
            out.append(
                Unit(
                    "".join(zh[i] for i in zi if i < len(zh)),
                    " ".join(en[i] for i in ei if i < len(en)),
                    where,
                )
            )
    return out


# ---- Candidates in one text ----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _jieba():
    import jieba  # imported on first use: loading its dictionary takes about a second

    jieba.setLogLevel(logging.WARNING)
    return jieba


def segment(text: str) -> list[str]:
    """The words of a Chinese text as jieba cuts them; joined, they give the text back."""
    return _jieba().lcut(text)


def zh_grams(text: str) -> set[str]:
    words = _jieba().lcut(text)
    out = set()
    for i in range(len(words)):
        for k in range(1, ZH_MAX_WORDS + 1):
            seq = words[i : i + k]
            if len(seq) < k or not all(HAN_RUN.match(w) for w in seq):
                break
            if seq[0] in ZH_STOP or seq[-1] in ZH_STOP:
                continue
            gram = "".join(seq)
            if 2 <= len(gram) <= ZH_MAX_CHARS:
                out.add(gram)
    return out


def en_grams(text: str) -> dict[str, str]:
    """Key (lowercase) -> first surface form of each word sequence."""
    stop = lx.stopwords()
    tokens = EN_TOKEN.findall(text)
    out: dict[str, str] = {}
    for i in range(len(tokens)):
        for k in range(1, EN_MAX_WORDS + 1):
            seq = tokens[i : i + k]
            if len(seq) < k or not all(t[0].isalpha() for t in seq):
                break  # never across punctuation or numbers
            lower = [t.lower() for t in seq]
            if lower[0] in stop or lower[-1] in stop or all(len(t) < 3 for t in lower):
                continue
            out.setdefault(" ".join(lower), " ".join(seq))
    return out


# ---- Mining ---------------------------------------------------------------------------------------


def mine(
    units: list[Unit],
    known: Glossary | None = None,
    lexicon: lx.Lexicon | None = None,
    min_count: int = 2,
    top: int = 40,
    disagreeing: bool = False,
) -> list[Candidate]:
    """The best new zh/en pairs, highest score first. Forms the glossary already has are masked
    out of the texts first: they are explained, and their words would only pair by chance. A
    Chinese word CC-CEDICT knows, whose glosses share nothing with the English, is left out
    (unless `disagreeing`): the dictionary's word is likelier than co-occurrence in a small text."""
    masked = [(_mask(u.zh, known, "｜"), _mask(u.en, known, " | ")) for u in units]
    zh_sets = [zh_grams(z) for z, _ in masked]
    en_maps = [en_grams(e) for _, e in masked]
    zc: Counter[str] = Counter(g for s in zh_sets for g in s)
    ec: Counter[str] = Counter(g for m in en_maps for g in m)
    surface: dict[str, str] = {}
    for m in en_maps:
        for k, v in m.items():
            surface.setdefault(k, v)
    zh_ok = {z for z, n in zc.items() if n >= min_count}
    en_ok = {e for e, n in ec.items() if n >= min_count}
    zh_ok = _drop_fragments(zh_ok, zc, "")
    en_ok = _drop_fragments(en_ok, ec, " ")
    both: Counter[tuple[str, str]] = Counter()
    for zs, em in zip(zh_sets, en_maps, strict=True):
        es = [e for e in em if e in en_ok]
        for z in zs:
            if z in zh_ok:
                for e in es:
                    both[(z, e)] += 1
    best_en, best_zh = _best_partners(both, zc, ec, len(units), min_count)
    known_forms = _known_forms(known)
    lexicon = lexicon or lx.cedict()
    out = []
    for z, (_, _, e) in best_en.items():
        if best_zh[e][2] != z:
            continue  # the English prefers another Chinese candidate
        if form_key(z) in known_forms or form_key(surface[e]) in known_forms:
            continue
        n = both[(z, e)]
        dice = 2 * n / (zc[z] + ec[e])
        stems = lx._content(lx.EN_WORD.findall(e))
        meanings = lexicon.translations(z)
        in_dict = bool(stems & meanings)
        if meanings and not in_dict and not disagreeing:
            continue
        c = Candidate(z, surface[e], round(dice, 3), n, zc[z], ec[e], in_dict)
        c.llr = round(_llr(n, zc[z], ec[e], len(units)), 1)
        c.examples = _examples(units, zh_sets, en_maps, z, e)
        out.append(c)
    out.sort(key=lambda c: (-c.llr, c.zh))
    return out[:top]


def _best_partners(
    both: Counter[tuple[str, str]], zc: Counter[str], ec: Counter[str], units: int, min_count: int
) -> tuple[dict[str, tuple[float, int, str]], dict[str, tuple[float, int, str]]]:
    """Competitive linking: each side's best partner (score, length, form), longer forms winning
    ties; pairs seen fewer than `min_count` times take no part."""
    best_en: dict[str, tuple[float, int, str]] = {}
    best_zh: dict[str, tuple[float, int, str]] = {}
    for (z, e), n in both.items():
        if n < min_count:
            continue
        score = _llr(n, zc[z], ec[e], units)
        if (score, len(e.split())) > best_en.get(z, (-1.0, 0, ""))[:2]:
            best_en[z] = (score, len(e.split()), e)
        if (score, len(z)) > best_zh.get(e, (-1.0, 0, ""))[:2]:
            best_zh[e] = (score, len(z), z)
    return best_en, best_zh


def _mask(text: str, known: Glossary | None, mark: str) -> str:
    if known is None or not len(known):
        return text
    out, last = [], 0
    for h in known.find(text):
        out += [text[last : h.start], mark]
        last = h.end
    return "".join([*out, text[last:]])


def _llr(both: int, zh: int, en: int, n: int) -> float:
    """Dunning's log-likelihood ratio (G²) that the two occur together more than chance: large
    only for pairs that are both consistent and frequent, which Dice alone does not tell apart
    (two chance meetings in a small text score a perfect Dice)."""
    cells = (
        (both, zh, en),
        (zh - both, zh, n - en),
        (en - both, n - zh, en),
        (n - zh - en + both, n - zh, n - en),
    )
    return 2 * sum(k * math.log(k * n / (r * c)) for k, r, c in cells if k > 0 and r > 0 and c > 0)


def _drop_fragments(grams: set[str], counts: Counter[str], sep: str) -> set[str]:
    """A gram that never occurs without one longer gram that contains it is only a piece of it
    (every unit holding the longer one holds the shorter, so equal counts mean always together)."""
    pieces = set()
    for h in grams:
        for g in _parts(h, sep):
            if g in grams and counts[g] == counts[h]:
                pieces.add(g)
    return grams - pieces


def _parts(gram: str, sep: str) -> set[str]:
    """The shorter grams inside one: substrings (Chinese) or word subsequences (English)."""
    if not sep:
        return {gram[i:j] for i in range(len(gram)) for j in range(i + 2, len(gram) + 1)} - {gram}
    words = gram.split(sep)
    return {sep.join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)} - {gram}


def _known_forms(known: Glossary | None) -> set[str]:
    out: set[str] = set()
    for e in known.entries if known else ():
        out.update(form_key(f) for f in (*e.zh_forms, *e.en_forms))
    return out


def _examples(units: list[Unit], zh_sets, en_maps, z: str, e: str) -> list[tuple[str, str, str]]:
    out = []
    for u, zs, em in zip(units, zh_sets, en_maps, strict=True):
        if z in zs and e in em:
            out.append((u.where, _around(u.zh, z, "zh"), _around(u.en, em[e], "en")))
            if len(out) >= EXAMPLES:
                break
    return out


def _around(text: str, term: str, lang: str) -> str:
    i = text.find(term) if lang == "zh" else text.lower().find(term.lower())
    if i < 0:
        return text[: 2 * EXAMPLE_WIDTH[lang]]
    w = EXAMPLE_WIDTH[lang]
    a, b = max(0, i - w), min(len(text), i + len(term) + w)
    return ("…" if a else "") + text[a:b].replace("\n", " ") + ("…" if b < len(text) else "")


# ---- Output ---------------------------------------------------------------------------------------


def _yaml_str(text: str) -> str:
    """A YAML scalar: plain when safe, else double-quoted."""
    if re.match(r"^[\w\u3400-\u9fff][\w\u3400-\u9fff .'’-]*$", text) and not text.endswith((" ", ":")):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def as_yaml(candidates: list[Candidate], units: int, source: str) -> str:
    """Candidates as glossary entries an editor can paste into sources/glossary.yml, each with
    its evidence in comments."""
    lines = [
        f"# duizhao terms: {len(candidates)} proposed entries from {units} aligned pairs ({source}).",
        "# Check each against its examples; paste the ones you accept into sources/glossary.yml.",
        "",
    ]
    for c in candidates:
        agree = "CC-CEDICT agrees" if c.in_dictionary else "CC-CEDICT has no such gloss"
        lines.append(
            f"# together in {c.both} aligned pairs (the Chinese is in {c.zh_count}, the English in "
            f"{c.en_count}): Dice {c.score:.2f}, G² {c.llr:.0f}; {agree}"
        )
        for where, zh, en in c.examples:
            lines.append(f"#   {where}: {zh} | {en}")
        lines.append(f"- zh: {_yaml_str(c.zh)}")
        lines.append(f"  en: {_yaml_str(c.en)}")
        lines.append("")
    return "\n".join(lines) + "\n"
