"""Whose remarks a report carries: an official's office writes up what the official said ("President
Bola Tinubu on Thursday in Beijing emphasized …", then "The President said …", "He noted …"), and
the text is that person's words at one remove. A news story that quotes several people, or names
its subject once, is no such report: the lead's person must be the one the text keeps quoting."""

from __future__ import annotations

import re
from functools import lru_cache

from ..vocab.hanzi import to_simplified
from ..vocab.rules import vocabulary, vocabulary_words
from .people import HAN, NAME_WORD, Person, _split_en

# What a report says its subject did with words.
SAID_EN = (
    r"(?:has\s+|had\s+)?(?:said|says|emphasi[sz]ed|stressed|reiterated|highlighted|underscored|noted|urged|"
    r"called\s+(?:on|for)|told|declared|announced|assured|pledged|stated|insisted|maintained|"
    r"pointed\s+out|expressed|described|added|addressed|spoke|underlined|reaffirmed|affirmed|explained|warned|disclosed|"
    r"delivered\s+(?:a|an|the)\s+(?:speech|address|statement))"
)
# The lead: the office and the name open the text, a day or a place may follow, then what they said
# ("H.E. Prime Minister Abiy Ahmed (PhD) has reiterated …").
LEAD_EN = re.compile(
    rf"^\s*(?:H\.\s?E\.\s+)?(?P<who>(?:(?:{NAME_WORD}|of|the|for)\s+){{1,9}}{NAME_WORD})(?:\s+\([^()]{{1,12}}\))?"
    rf"(?:,?\s+(?:on|in|at|during)\s+[^.;:“\"]{{2,60}}?)?,?\s+{SAID_EN}\b"
)
# How many paragraphs after the lead must give the same person's words, and by how much that person
# must outnumber anyone else the text quotes.
QUOTED_PARAGRAPHS = 3
OUTNUMBER = 2
# How many opening paragraphs may hold the lead (a kicker or a summary line may come first).
LEAD_PARAGRAPHS = 2
# How far into the text the quotations are counted.
REPORT_BLOCKS = 40


def reported_remarks(blocks: list) -> Person | None:
    """The official whose remarks the report carries (English or Chinese), or None."""
    texts = [b.text for b in blocks]
    for i, text in enumerate(texts[:LEAD_PARAGRAPHS]):
        found = _lead_en(text, texts[i + 1 :]) or _lead_zh(text)
        if found is None:
            continue
        name, role, named, pronoun = found
        rest = texts[i + 1 :]
        ours = others = 0
        last_ours = True  # (the lead is theirs)
        for t in rest:
            other = not _zh(name) and _others_en(t, name)
            # "He said" is theirs only where no one else was last quoted: "Trump said …" / "he said".
            mine = bool(named(t)) or (last_ours and not other and bool(pronoun(t)))
            ours, others = ours + mine, others + (bool(other) and not mine)
            last_ours = mine or (last_ours and not other)
        # (a short report counts when every paragraph after its lead gives the same words)
        enough = ours >= QUOTED_PARAGRAPHS or ours == len(rest) >= QUOTED_PARAGRAPHS - 1
        if enough and ours >= OUTNUMBER * others:
            line = blocks[i].lines[0]
            return Person(
                name, role, f"line {line}: the lead of a report of their remarks ({ours} paragraphs)"
            )
    return None


def _zh(name: str) -> bool:
    return bool(re.search(f"[{HAN}]", name))


def _lead_en(text: str, rest: list[str]):
    """The lead's person, and how the text quotes them; the report is an office's, which quotes
    its principal by office at least once ("The President noted")."""
    m = LEAD_EN.match(text)
    if not m or not (split := _split_en(m.group("who"))) or not split[1]:
        return None  # (an office with the name: a spokesman's report of an official)
    name, role = split
    # (either name: "PM Abiy" for Abiy Ahmed, "President Tinubu" for Bola Tinubu)
    names = "|".join(re.escape(w) for w in name.split() if len(w) > 2)
    office = re.escape(role.split()[-1])  # "the President", "the Prime Minister"
    by_office = rf"\b[Tt]he\s+(?:\w+\s+)?{office}\b"
    subject = rf"(?:\b(?:{names})\b|{by_office}|\b(?:[Hh]is|[Hh]er)\s+(?:speech|remarks|address))"
    if not any(_said(by_office).search(t) for t in rest):
        return None  # (a newspaper quotes a minister by name: an office's report says "the President")
    return (
        name,
        re.sub(r"^(?:the|of|for)\s+", "", role),
        _said(subject).search,
        _said(r"\b(?:[Hh]e|[Ss]he)\b").search,
    )


def _said(subject: str) -> re.Pattern[str]:
    """The subject saying something: "The President noted", "…,” Tinubu said"."""
    return re.compile(
        rf"{subject}[^.“”\"]{{0,40}}?\b{SAID_EN}\b|[,”\"]\s*(?:{subject})\s+(?:said|added|noted)\b"
    )


# Someone else quoted: "Xi said", "President Xi said", "according to President Xi".
OTHER_EN = re.compile(
    r"\b(?P<name>[A-Z][\w'’-]+)\s+(?:also\s+)?(?:said|noted|stressed|told|added)\b|[Aa]ccording\s+to\s+(?:\w+\s+)?(?P<by>[A-Z][\w'’-]+)"
)


def _others_en(text: str, name: str) -> bool:
    skip = {*name.split(), "He", "She", "The", "It", "They", "We", "I"}
    return any((m.group("name") or m.group("by")) not in skip for m in OTHER_EN.finditer(text))


SAID_ZH = r"(?:表示|指出|强调|说|介绍|认为|提出|呼吁)"


@lru_cache(maxsize=1)
def _lead_zh_pattern() -> re.Pattern[str]:
    surnames = "|".join(sorted(vocabulary_words()["zh_surnames"], key=len, reverse=True))
    return re.compile(
        rf"^[^。]{{0,30}}?(?P<role>[{HAN}、]{{2,30}}?(?:{vocabulary()['zh_roles']}))(?P<name>(?:{surnames})[{HAN}]{{1,2}}?)"
        rf"(?:\d{{1,2}}日)?在[^，。；]{{2,60}}?(?:上|时|期间)?{SAID_ZH}"
    )


def _lead_zh(text: str):
    simple = to_simplified(text)
    m = _lead_zh_pattern().match(simple)
    if not m:
        return None
    name = re.escape(m.group("name"))
    # The words go on: attributed again ("王毅指出"), or in the first person ("我们…").
    said = re.compile(rf"^(?:[^。]{{0,20}}?(?:{name}|他){SAID_ZH}|(?:[^，。]{{0,8}}，)?我们?)")
    role = text[m.start("role") : m.end("role")].split("、")[-1]
    return (
        text[m.start("name") : m.end("name")],
        role,
        lambda t: said.search(to_simplified(t)),
        lambda t: None,
    )
