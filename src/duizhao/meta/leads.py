"""Who spoke, as a lead says: a spokesperson it quotes by name, the speaker of the address it
carries."""

from __future__ import annotations

import re
from itertools import pairwise

from ..model import BlockKind
from .people import NAME_WORD, Person, _split_en, _zh_patterns

# A news item carrying a speech: its lead says who spoke ("the President of the Republic of
# Serbia Aleksandar Vučić participated today in the summit"), and the address follows, quoted
# whole or opening on a salutation (a lead alone reports an event: no speaker).
LEAD_SPEAKER = re.compile(
    rf"(?P<who>(?:(?:{NAME_WORD}|of|the|for)\s+){{1,9}}{NAME_WORD}),?\s+(?:participated|took\s+part|addressed|"
    r"delivered|spoke|gave\s+(?:a|an|the)\s+(?:speech|address|keynote|lecture|statement))\b"
)
OPENING_QUOTES = '"“„«「『'


def lead_of_address(blocks: list) -> Person | None:
    """The speaker a lead names when the address follows it (LEAD_SPEAKER); an office with the
    name is required."""
    for block, following in pairwise(blocks[:3]):
        opens = following.text.lstrip()[:1] in OPENING_QUOTES or following.kind is BlockKind.SALUTATION
        m = LEAD_SPEAKER.search(block.text[:400]) if opens else None
        if m and (split := _split_en(m.group("who"))) and split[1]:
            role = re.sub(r"^(?:the|of|for)\s+", "", split[1])
            return Person(split[0], role, f"line {block.lines[0]}: the lead of the address below it")
    return None


# A spokesperson quoted by name: "Wu Qian said at a regular press conference", "Senior Colonel
# Zhang Shuili, spokesperson for the Western Theater Command".
SPOKESPERSON = re.compile(
    rf"(?P<who>(?:{NAME_WORD}\s+){{1,5}}{NAME_WORD}),\s+(?:a\s+|the\s+)?[Ss]pokes(?:person|man|woman)\b"
    # "… a spokesperson for the Ministry said Thursday. Wu Qian said at a regular press conference"
    rf"|[Ss]pokes(?:person|man|woman)\b[^.]{{0,120}}\.\s+(?P<who3>{NAME_WORD}\s+{NAME_WORD})\s+(?:said|told)\s+"
    r"(?:at\s+)?(?:a|the)\s+(?:regular\s+|daily\s+|routine\s+)?(?:press\s+(?:conference|briefing)|news\s+briefing)"
    rf"|[Ss]pokes(?:person|man|woman)(?:\s+(?:for|of)\s+[^,.]{{3,80}})?,?\s+(?P<who2>{NAME_WORD}\s+{NAME_WORD}),?\s+said"
)


def quoted_spokesperson(lines: list[tuple[int, str]]) -> Person | None:
    """A spokesperson the lead quotes by name (after every other form of the head has failed)."""
    zh_spokesperson = _zh_patterns()[2]
    for no, text in lines:
        m = SPOKESPERSON.search(text[:1500])
        who = m and (m.group("who") or m.group("who2") or m.group("who3"))
        if who and (split := _split_en(who)) and len(split[0].split()) >= 2:
            return Person(split[0], split[1] or "spokesperson", f"line {no}: {m.group(0)[:60]}")
        if m := zh_spokesperson.search(text[:300]):
            return Person(m.group("name"), m.group("role"), f"line {no}: {m.group(0)[:60]}")
    return None
