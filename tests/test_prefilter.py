"""The speed-ups of the text path give the same answers as the plain regexes they stand in for.

Prefilters (prefilter.py) skip a regex where a text cannot match it; Alternation, StartMatcher and
Prefiltered find the same matches by other routes. Each is checked here against the plain regex
on the real seeds and on generated texts built from the rules' own vocabulary, in mixed case and
with the non-ASCII letters that re.IGNORECASE matches to ASCII ones.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from duizhao import script
from duizhao.clean import clean, coverage, fragments
from duizhao.meta import metadata
from duizhao.read import lines as line_model
from duizhao.vocab import matchers, needles, prefilter
from duizhao.vocab.matchers import Alternation, StartMatcher
from duizhao.vocab.prefilter import Prefiltered, fold
from duizhao.vocab.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
SPECIALS = "\u0130\u0131\u017f\u212a"  # İ ı ſ K: re.IGNORECASE matches them to i, i, s, k
EXTRA = [
    "2019年5月3日",
    "二〇一九年五月",
    "May 5, 2019",
    "5th May 2019",
    "12:30 pm",
    "2019-05-03",
    "[Photo: Xinhua]",
    "（新华社记者 摄）",
    "(photo: AP)",
    " > ",
    " » ",
    "第 3 页",
    "page 2 of 9",
    "3 comments",
    "Comments (12)",
    "China.org.cn",
    "来源：新华网",
    "Source: Xinhua",
    "By John Smith",
    "A A A",
    "A+",
    "大 中 小",
    "November 25th",
    "network security",
    "local time May 3",
    "责任编辑：王伟",
    "Share this article",
    "Ladies and gentlemen,",
    "谢谢大家！",
    "Thank you.",
    "This article was first published",
    "本文仅代表作者个人观点",
    "— 1 —",
    "1956",
    "Japan's",
]


def _corpus_lines() -> list[str]:
    files = sorted((ROOT / "sources").glob("*.txt")) + sorted((ROOT / "tests" / "data").rglob("*.txt"))
    lines = [line.strip() for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line]


def _vocabulary(rules) -> list[str]:
    """Plain strings from every bundled pattern's needles: texts that make the patterns match."""
    patterns = [p for k in rules.kinds for p in k.patterns] + [
        c for pats in rules.structure.values() for p in pats for c in [p]
    ]
    words: set[str] = set()
    for p in patterns:
        for needle in needles.needles(p) or ():
            if needle.literal:
                words.add(needle.literal)
    return sorted(words)


def _recase(text: str, rng: random.Random) -> str:
    out = []
    for c in text:
        r = rng.random()
        if r < 0.3:
            c = c.upper()
        elif r < 0.33 and c.lower() in "iskK":
            c = {"i": rng.choice("\u0130\u0131"), "s": "\u017f", "k": "\u212a"}[c.lower()]
        out.append(c)
    return "".join(out)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    rng = random.Random(20240501)
    rules = load_rules()
    lines = _corpus_lines()
    pool = lines + _vocabulary(rules) + EXTRA
    made = list(lines)
    for _ in range(1500):
        parts = [rng.choice(pool) for _ in range(rng.randint(1, 4))]
        glue = rng.choice([" ", "", "，", ". ", " | ", "\u3000"])
        made.append(_recase(glue.join(parts), rng))
    return made


def _bundled_patterns(rules) -> list[re.Pattern[str]]:
    pats = [p for k in rules.kinds for p in k.patterns]
    pats += [p for pats in rules.structure.values() for p in pats]
    pats += [
        getattr(metadata, name) for name in dir(metadata) if isinstance(getattr(metadata, name), re.Pattern)
    ]
    pats += [s[2].pattern for s in metadata._translation_signals()[1]]
    return pats


def test_fold_maps_every_character_re_ignorecase_matches_to_an_ascii_letter_onto_it() -> None:
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    folded = fold(everything)
    assert len(folded) == len(everything)  # one character for one: needle positions hold
    for letter in "abcdefghijklmnopqrstuvwxyz":
        matched = re.findall(letter, everything, re.I)
        assert set(matched) >= {letter, letter.upper()}
        assert {fold(c) for c in matched} == {letter}, letter
    assert fold("\u0130\u0131\u017f\u212a") == "iisk"
    # Folding never turns a character into an uncased one (Prefilter.caseless relies on it).
    changed = [(c, f) for c, f in zip(everything, folded, strict=True) if c != f]
    assert all(f.lower() != f or f.upper() != f for _, f in changed)


def test_a_text_a_pattern_matches_is_always_admitted_by_its_prefilter(texts) -> None:
    rules = load_rules()
    checked = 0
    for pattern in _bundled_patterns(rules):
        pf = prefilter.prefilter([pattern])
        for text in texts:
            if pattern.search(text):
                folded = fold(text)
                assert pf.admits(folded), (pattern.pattern, text)
                assert pf.admits(folded, set(folded)), (pattern.pattern, text)
                checked += 1
    assert checked > 2000  # the generated texts do make the patterns match


def test_prefilters_turn_most_lines_away() -> None:
    rules = load_rules()
    lines = _corpus_lines()
    turned = sum(1 for k in rules.kinds for line in lines if not k.alternation.prefilter.admits(fold(line)))
    assert turned > 0.5 * len(rules.kinds) * len(lines)


def test_kind_alternations_find_exactly_the_spans_of_the_combined_regex(texts) -> None:
    rules = load_rules()
    found = 0
    for text in texts:
        folded = fold(text)
        chars = set(folded)
        for kind in rules.kinds:
            expected = [m.span() for m in kind.combined.finditer(text) if m.end() > m.start()]
            assert kind.alternation.spans(text, folded, chars) == expected, (kind.id, text)
            assert kind.alternation.spans(text, folded) == expected, (kind.id, text)
            found += bool(expected)
    assert found > 500


def test_the_index_of_every_kinds_literals_finds_what_testing_each_finds(texts) -> None:
    """The cleaner asks rules.kind_literals which literal needles a line holds, for every kind
    at once, and hands each kind its share: the spans and the coverage stay the same."""
    rules = load_rules()
    index = rules.kind_literals
    assert index is not None
    for text in texts:
        folded = fold(text)
        chars = set(folded)
        hits = index.hits(folded, chars)
        assert hits == index.hits(folded)
        for number, kind in enumerate(rules.kinds):
            alternation = kind.alternation
            if not alternation.separable:
                continue
            own = {i for n, i in hits if n == number}
            assert own == {i for literal, owners in alternation.owners if literal in folded for i in owners}
            expected = [m.span() for m in kind.combined.finditer(text) if m.end() > m.start()]
            assert alternation.spans(text, folded, chars, own) == expected, (kind.id, text)
            keys = alternation.class_keys
            if keys is not None and not own and keys.isdisjoint(chars):
                assert expected == [], (kind.id, text)
        assert coverage._coverage(text, rules) == _coverage_kind_by_kind(text, rules), text


def _coverage_kind_by_kind(text: str, rules) -> tuple:
    """coverage._coverage as it was before the index: each kind tests its own literals."""
    total = coverage.content_len(text)
    if total == 0:
        return 0.0, None, ()
    best, best_count, found, every = None, 0, [], []
    folded = fold(text)
    for kind in rules.kinds:
        spans = kind.alternation.spans(text, folded, set(folded))
        count = coverage._covered(text, spans) if spans else 0
        if count:
            found.append(kind.id)
            every.extend(spans)
            if count > best_count:
                best, best_count = kind, count
    return (coverage._covered(text, every) / total if every else 0.0), best, tuple(found)


def test_literal_index_hits_are_the_owners_of_every_literal_the_text_holds() -> None:
    rng = random.Random(11)
    alphabet = "abcé中文 -"
    literals = {"".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5))) for _ in range(300)}
    owners = {literal: {rng.randint(0, 40) for _ in range(rng.randint(1, 3))} for literal in literals}
    index = matchers.LiteralIndex(owners)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        expected = {o for literal, own in owners.items() if literal in text for o in own}
        assert index.hits(text) == expected, text
        assert index.hits(text, set(text)) == expected, text


@pytest.mark.parametrize(
    "patterns",
    [
        [r"ab", r"abc", r"b\w+", r"c"],  # overlapping: the earlier alternative wins a tie
        [r"x+", r"xy", r"y"],
        [r"a*", r"b"],  # can match the empty string: the combined regex runs as it is
        [r"(a)\1", r"b(c)"],  # a back reference: numbered anew in the alternation
        [r"\bcat", r"cat\b", r"at"],
    ],
)
def test_alternation_of_any_patterns_matches_like_the_combined_regex(patterns) -> None:
    compiled = [re.compile(p, re.I) for p in patterns]
    combined = re.compile("|".join(f"(?:{p})" for p in patterns), re.I)
    alternation = Alternation(compiled, combined)
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(["a", "b", "c", "x", "y", "t", " ", "AB", "Cat", "aa"]) for _ in range(8))
        expected = [m.span() for m in combined.finditer(text) if m.end() > m.start()]
        assert alternation.spans(text, fold(text)) == expected, text


def test_start_matchers_answer_like_the_combined_structure_lists(texts) -> None:
    rules = load_rules()
    for name, patterns in rules.structure.items():
        for text in texts:
            expected = any(p.match(text) for p in patterns)
            assert rules.starts[name].matches(text) == expected, (name, text)
            assert rules.starts[name].matches(text, fold(text)) == expected, (name, text)
    with_reference = [re.compile(r".*(ab)\1", re.I), re.compile(r".*cd", re.I)]
    matcher = StartMatcher(with_reference, re.I)
    combined = re.compile("|".join(f"(?:{p.pattern})" for p in with_reference), re.I)
    for text in ["xxabab", "abcd", "cd", "ab"]:
        assert matcher.matches(text) == bool(combined.match(text))


def test_prefiltered_finditer_finds_the_same_matches_in_long_texts(texts) -> None:
    rng = random.Random(3)
    long_texts = ["\n".join(rng.sample(texts, 40)) for _ in range(12)]
    signals = [s[2] for s in metadata._translation_signals()[1]]
    wrapped = [Prefiltered(p) for p in _bundled_patterns(load_rules())] + signals
    wrapped = [w for w in wrapped if w.reach is not None]  # the near-needle search
    assert len(wrapped) > 10
    for screened in wrapped:
        for text in long_texts:
            expected = [m.span() for m in screened.pattern.finditer(text)]
            assert [m.span() for m in screened.finditer(text)] == expected, screened.pattern.pattern


def test_counts_agree_with_the_regex_definitions() -> None:
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert script.han_count(everything) == len(script.HAN_CHAR.findall(everything))
    assert script.latin_letters(everything) == len(script.LATIN_LETTER.findall(everything))
    assert coverage.content_len(everything) == len(line_model.CONTENT_CHAR.findall(everything))
    ascii_only = "".join(map(chr, range(128)))
    assert script.latin_letters(ascii_only) == len(script.LATIN_LETTER.findall(ascii_only))
    assert coverage.content_len(ascii_only) == len(line_model.CONTENT_CHAR.findall(ascii_only))
    reference = re.compile(f"{script.ALPHA_WORD.pattern}|{script.DIGITS.pattern}")
    rng = random.Random(5)
    pieces = ["中", "a", "B", "é", "ɏ", "'", "’", ".", "-", ",", "1", "٣", "１", " ", "𠀀", "\u3000", "G20", "Ж", "한", "_", "ー"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        spans = [m.span() for m in script.WORD_OR_NUMBER.finditer(text)]
        assert spans == [m.span() for m in reference.finditer(text)], text
        assert script.han_and_units(text) == (
            len(script.HAN_CHAR.findall(text)),
            len(script.UNIT.findall(text)),
        ), text
        assert script.ends_sentence(text) == bool(
            (core := script.strip_closers(text)) and core[-1] in script.ZH_FINAL + script.EN_FINAL
        )
        facts = line_model.Facts(text)
        assert facts.has_content == (coverage.content_len(text) > 0), text
        assert (facts.han, facts.units) == script.han_and_units(text), text
        assert facts.ends_sentence == script.ends_sentence(text), text
        han, latin = len(script.HAN_CHAR.findall(text)), len(script.LATIN_LETTER.findall(text)) / 3.5
        total = han + latin
        expected = (
            "und"
            if total == 0
            else "zh"
            if han / total >= script.DOMINANT_SHARE
            else "en"
            if latin / total >= script.DOMINANT_SHARE
            else "mixed"
        )
        assert script.language(text) == facts.language == expected, text


def test_continuing_word_lookup_answers_like_the_regex() -> None:
    # The last word is cut at the last space unless another kind of space follows it: every
    # other whitespace character is unprintable.
    spaces = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and chr(c).isspace()]
    assert [c for c in spaces if c.isprintable()] == [" "]
    rng = random.Random(11)
    pieces = ["the", "of", "Japan's", "a", " ", "\n", "x", "in", "ABOUT", "’s", "(", "中", "ſ", "\u212a"]
    pieces += ["İ", "ı", "THİS", "thiſ", "1", "S", "wa", "'", "Li\u212ae", "\u00a0", "\u2028", "\u3000"]
    for _ in range(50000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 7)))
        assert fragments._ends_on_continuing_word(text) == bool(fragments.CONTINUING_WORD.search(text)), text


def test_cleaned_languages_are_the_languages_of_the_blocks() -> None:
    rules = load_rules()
    from duizhao.read import ingest

    for path in sorted((ROOT / "sources").glob("*.txt")):
        c = clean.clean(ingest.decode(ingest.read_source(path, path.parent)), rules)
        assert c.block_languages == tuple(script.language(b.text) for b in c.blocks)
        assert c.block_languages  # every seed keeps text


def test_start_matchers_look_at_the_first_character_as_re_does() -> None:
    rules = load_rules()
    firsts = [chr(c) for c in range(0x250)] + list(SPECIALS)
    firsts += ["١", "１", "\u3000", "\u2028", "评", "免", "版", "谢", "感", "女", "图", "共", "本"]
    rests = ["", "omments (3)", "hank you.", "adies and gentlemen", "评论", "责声明：", "权声明"]
    rests += [" 12 comments", "hoto: AP]", "iews expressed here", "ood morning", "2 comments", "ave a reply"]
    for name, patterns in rules.structure.items():
        for first in firsts:
            for rest in rests:
                text = first + rest
                expected = any(p.match(text) for p in patterns)
                assert rules.starts[name].matches(text) == expected, (name, text)
