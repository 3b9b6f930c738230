"""Script ranges and punctuation sets, named, each with the reason it exists.

Every stage that asks "is this Chinese?" or "does this sentence end here?" asks this module, so the
answer is the same everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Han ideographs: CJK Unified (BMP + Extension A) and Compatibility; Extensions B+ are in the
# supplementary planes. Why: all of these appear in zh policy texts and HKSCS Big5 scrapes.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_CHAR = re.compile(f"[{HAN}]")
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’.-][A-Za-z\u00c0-\u024f]+)*")
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
# The same sets inverted: deleting everything else and taking the length counts about twice as
# fast as listing every match, and ASCII text (most English lines) needs no regex at all (speed).
NOT_HAN = re.compile(f"[^{HAN}]+")
NOT_LATIN_LETTER = re.compile(r"[^A-Za-z\u00c0-\u024f]+")
ASCII_NOT_LETTER = str.maketrans("", "", "".join(c for c in map(chr, range(128)) if not c.isalpha()))

# Why 3.5: in translated policy prose one Han character carries about as much as 3.5 Latin
# letters (measured on the seeds' zh/en pairs: 2.9-4.1). Used to weigh scripts against each other.
LETTERS_PER_HAN = 3.5
# A paragraph is zh (en) when that script carries at least this share of its weighted text;
# anything between is "mixed". Why 0.8: a zh paragraph citing "G20" or "APEC" stays zh.
DOMINANT_SHARE = 0.8

# Sentence-final punctuation. Why both widths: zh scrapes use ASCII punctuation too (seed 000).
ZH_FINAL = "。！？!?…；;"
EN_FINAL = ".!?;…"
FINAL = ZH_FINAL + EN_FINAL
# Closers that may follow a final mark and still end the sentence.
CLOSERS = "\"'”’」』）)】〕》>]"
# A line ending in one of these is not finished: the paragraph continues on the next line.
CONTINUING = "，、,（(“‘「『《—-–/"
# A line ending in a colon introduces what follows (a list, a quote): never joined to it.
INTRODUCING = ":："


# A text is in a second language only when that language carries at least this share of its
# weighted text; under it, its lines are strays (a credit, a caption, a name in Latin letters) shown
# in the text's one column. Why 0.05: on the development corpus the other-language lines of
# one-language pages hold under 1% of the text, the one bilingual file 45%.
MINOR_SHARE = 0.05


def text_languages(parts: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """The languages ("zh", "en", in that order) of a text given as (language, text) parts, each
    present with at least MINOR_SHARE of the weighted text ("mixed" and "und" parts weigh nothing)."""
    weight = {"zh": 0.0, "en": 0.0}
    for lang, text in parts:
        if lang == "zh":
            weight["zh"] += han_count(text)
        elif lang == "en":
            weight["en"] += latin_letters(text) / LETTERS_PER_HAN
    total = weight["zh"] + weight["en"]
    if not total:
        return ()
    return tuple(lang for lang in ("zh", "en") if weight[lang] and weight[lang] / total >= MINOR_SHARE)


def han_count(text: str) -> int:
    if text.isascii():
        return 0
    return len(NOT_HAN.sub("", text))


def latin_letters(text: str) -> int:
    if text.isascii():
        return len(text.translate(ASCII_NOT_LETTER))
    return len(NOT_LATIN_LETTER.sub("", text))


# Addresses and tags are not words of any language: a line of links, images or markup (as a
# Markdown scrape keeps it) must not read as English.
ADDRESS = re.compile(r"\]\([^)]*\)|https?://\S+|www\.\S+|</?[A-Za-z][^<>]{0,500}>")


def language(text: str, han: int | None = None) -> str:
    """ "zh", "en", "mixed", or "und" (no letters at all) for a run of text, its addresses
    (URLs, Markdown link targets) left out. `han`: its han_count, when the caller has it."""
    if "://" in text or "](" in text or "www." in text or "<" in text:
        text = ADDRESS.sub(" ", text)
        han = None
    han = han_count(text) if han is None else han
    # Every other character counted as a Latin letter still leaves a text zh: then the letters
    # need not be counted (speed; the share only grows with fewer letters).
    if han and han / (han + (len(text) - han) / LETTERS_PER_HAN) >= DOMINANT_SHARE:
        return "zh"
    if not han:  # then Latin letters are all there is to weigh: one makes it en (speed: no count)
        return "en" if LATIN_LETTER.search(text) else "und"
    latin = latin_letters(text) / LETTERS_PER_HAN
    total = han + latin
    if total == 0:
        return "und"
    if han / total >= DOMINANT_SHARE:
        return "zh"
    if latin / total >= DOMINANT_SHARE:
        return "en"
    return "mixed"


def strip_closers(text: str) -> str:
    return text.rstrip().rstrip(CLOSERS)


def ends_sentence(text: str) -> bool:
    """True when the text ends with sentence-final punctuation (closing quotes allowed)."""
    core = text.rstrip().rstrip(CLOSERS)  # strip_closers, inline: asked of every line (speed)
    return bool(core) and core[-1] in FINAL


def ends_open(text: str) -> bool:
    """True when the text visibly continues: it ends mid-clause (comma, open bracket, a letter)."""
    t = text.rstrip()
    if not t:
        return False
    if ends_sentence(t) or t[-1] in INTRODUCING or t[-1] in CLOSERS:
        return False
    return True


# A word of any alphabetic script (Latin, Cyrillic, Greek, Hangul, Arabic...): a letter that is
# no Han character. Units count these words, so prose in Russian or Korean is prose too.
LETTER = f"[^\\W\\d_{HAN}]"
ALPHA_WORD = re.compile(rf"{LETTER}+(?:['’.-]{LETTER}+)*")
# One scan for `units` (the three kinds never overlap, so the count is the same as three scans).
UNIT = re.compile(f"[{HAN}]|{ALPHA_WORD.pattern}|{DIGITS.pattern}")
# The same count in two steps: Han characters, then words and numbers. Listing every Han character
# as a match of its own is what makes UNIT slow on Chinese text (speed). Written to match exactly
# what f"{ALPHA_WORD.pattern}|{DIGITS.pattern}" matches, but opening with one character class:
# re then skips in C to where a word or number can start, instead of trying both at every
# character. (The first character decides which it is: letters and digits do not overlap.)
# Its repeats are possessive (*+, ++): nothing after one of them could ever match what it gave
# back, so re need not keep the state to give it back (speed; the same matches).
WORD_OR_NUMBER = re.compile(
    rf"[^\W_{HAN}](?:(?<={LETTER}){LETTER}*+(?:['’.-]{LETTER}++)*+|(?<=\d)\d*+(?:[.,]\d++)*+)"
)
# The same matches, for counting them: findall then lists the empty group of each, the one
# empty string, instead of a new string per word (speed).
WORD_OR_NUMBER_COUNT = re.compile(f"(?:{WORD_OR_NUMBER.pattern})()")


def units(text: str, han: int | None = None) -> int:
    """Length in comparable units: Han characters plus words of other scripts (numbers count as
    words).
    `han`: its han_count, when the caller has it already."""
    return (han_count(text) if han is None else han) + len(WORD_OR_NUMBER_COUNT.findall(text))


def han_and_units(text: str) -> tuple[int, int]:
    """han_count(text) and units(text) in one call (the cleaner asks both of every line)."""
    han = 0 if text.isascii() else len(NOT_HAN.sub("", text))
    return han, han + len(WORD_OR_NUMBER_COUNT.findall(text))
