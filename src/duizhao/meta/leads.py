"""Who spoke, as a lead says: a spokesperson it quotes by name, the speaker of the address it
carries, the person a headline gives the words of; or as a transcript's first label says."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from ..model import BlockKind
from ..vocab.hanzi import to_simplified
from ..vocab.rules import vocabulary, vocabulary_words
from .closing import CONNECTIVES, NOT_CLOSING_NAME
from .people import (
    BY_OCCASION,
    HAN,
    NAME_WORD,
    Person,
    _en_role_words,
    _split_en,
    _zh_patterns,
    name_like,
    person_words,
)
from .reports import SAID_EN
from .venues import SUBTITLE

# A news item carrying a speech: its lead says who spoke ("the President of the Republic of
# Serbia Aleksandar Vučić participated today in the summit"), and the address follows, quoted
# whole or opening on a salutation (a lead alone reports an event: no speaker).
LEAD_SPEAKER = re.compile(
    rf"(?P<who>(?:(?:{NAME_WORD}|of|the|for)\s+){{1,9}}{NAME_WORD}),?\s+(?:participated|took\s+part|addressed|"
    r"delivered|spoke|gave\s+(?:a|an|the)\s+(?:speech|address|keynote|lecture|statement))\b"
)
OPENING_QUOTES = '"“„«「『'


# How far below its lead an address may begin, when a line introducing it stands between ("President
# Battulga said in his address to the Meeting:"), and how many blocks a lead may stand below a
# date or a kicker.
ADDRESS_REACH = 6
LEAD_BLOCKS = 3


def lead_of_address(blocks: list) -> Person | None:
    """The speaker a lead names when the address follows it, or follows a line that introduces
    it (LEAD_SPEAKER); an office with the name is required. A line without words (a date) is no
    lead."""
    worded = [b for b in blocks[: ADDRESS_REACH + LEAD_BLOCKS] if re.search(r"[^\W\d_]{2}", b.text)]
    for i, block in enumerate(worded[:LEAD_BLOCKS]):
        m = LEAD_SPEAKER.search(block.text[:400])
        if not m or not (split := _split_en(m.group("who"))) or not split[1]:
            continue
        below = worded[i : i + ADDRESS_REACH + 1]
        if any(
            (prev is block or prev.text.rstrip().endswith(":"))
            and (nxt.text.lstrip()[:1] in OPENING_QUOTES or nxt.kind is BlockKind.SALUTATION)
            for prev, nxt in pairwise(below)
        ):
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
        if m := zh_spokesperson.search(to_simplified(text[:300])):  # (Traditional read in Simplified)
            name, role = text[m.start("name") : m.end("name")], text[m.start("role") : m.end("role")]
            return Person(name, role, f"line {no}: {text[m.start() : m.end()][:60]}")
    return None


# What a report says its speaker does: "秦刚表示", "王毅说", "董广利指出".
SAID_ZH = "(?:表示|说|指出|强调|介绍|认为|称|谈到|回答)"


@lru_cache(maxsize=1)
def _headline_zh() -> re.Pattern[str]:
    surnames = "|".join(sorted(vocabulary_words()["zh_surnames"], key=len, reverse=True))
    # (after a topic and a space, the office may stand before the name: "被問劉霞劉暉　外交部華春瑩：…";
    # after a column's label, offices: "两会之声｜全国政协委员、奇安信董事长齐向东：…")
    roles = vocabulary()["zh_roles"]
    return re.compile(
        rf"^(?:(?:[^\s：:]{{0,20}}[\s　]){{1,2}}[{HAN}]{{0,12}}?|[^\s：:｜|]{{1,12}}[｜|][^\s：:]{{0,30}}?(?:{roles})|【[^】]{{1,16}}】)?"
        rf"\s*(?:(?P<name>(?:{surnames})[{HAN}]{{1,2}})|[{HAN}]{{0,12}}?(?:{roles})(?P<given>[{HAN}]{{2,4}}?))(?:[：:]|谈|称|说|表示|宣布)"
    )


# A column's headline opening on its writer's name ("Jessica Livingston: Why Startups Need…").
HEADLINE_NAME_EN = re.compile(rf"^\s*(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{1,3}})\s*:\s")
# A headline opening on a full name ("Alexei Overchuk shares his comments on …").
HEADLINE_OPENS_EN = re.compile(rf"^\s*(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{1,2}})\b(?!\s*:)")
# A headline ending on the name of the person it quotes ("Chinese wisdom contributes to …: Lin
# Songtian"), which the text must quote by that name.
HEADLINE_ENDS_EN = re.compile(rf":\s+(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{1,3}})\s*$")


# How many blocks of the text a headline's speaker must be quoted in by name ("齐向东认为").
HEADLINE_BLOCKS = 10


def headline_speaker(title: str, blocks: list) -> Person | None:
    """The person whose words a headline gives ("秦刚：…", "王毅谈…"), when the text reports that
    name speaking ("秦刚表示"): a headline alone may open on a word that only looks like a name
    ("黄金：…"), and names the office ("外交部长秦刚"). In English, when the text opens on the
    same name run in ("JESSICA LIVINGSTON: The most important thing…"): the column's writer."""
    if (en := HEADLINE_NAME_EN.match(title or "")) and blocks and person_words(en.group("name").split()):
        if re.match(rf"\s*{re.escape(en.group('name'))}\s*:", blocks[0].text, re.I):
            return Person(en.group("name"), "", f"the title, and line {blocks[0].lines[0]}: the name run in")
    if (en := HEADLINE_OPENS_EN.match(title or "")) and person_words(en.group("name").split()):
        # (an interview's transcript: the headline's person answers under their own name)
        turns = [b for b in blocks if re.match(rf"{re.escape(en.group('name'))}\s*:", b.text)]
        if len(turns) >= SUBJECT_SAID:
            return Person(en.group("name"), "", f"the title, and line {turns[0].lines[0]}: the name's turns")
    if (en := HEADLINE_ENDS_EN.search(title or "")) and person_words(en.group("name").split()):
        name = re.escape(en.group("name"))
        quoted = rf"(?:said|says|according\s+to|interview\s+with)\s+{name}\b|\b{name}\s+(?:said|says)\b"
        text = "\n".join(b.text for b in blocks[:6])
        if said := re.search(quoted, text):
            return Person(en.group("name"), "", f"the title, and the text: {said.group(0)[:60]}")
    # ("KP stands with Kashmir in their struggle for freedom, says Gandapur": the subject last)
    said_last = re.search(r",\s+says\s+(?P<subject>(?:[\w.’'-]+\s+){0,2}[\w.’'-]+)\s*$", title or "")
    if said_last and (person := _headline_subject_en(f"{said_last.group('subject')} says so", blocks)):
        return person
    if person := (
        _headline_subject_en(title or "", blocks)
        or _office_org_name(title or "")
        or _headline_office_zh(title or "", blocks)
    ):
        return person
    m = _headline_zh().match(to_simplified(title or ""))
    if not m:
        return None
    # (after an office, a name of any family, transliterated ones too: "美前駐華大使洛德：…")
    at = "name" if m.group("name") else "given"
    name = re.escape(m.group(at))
    # (read in Simplified, given as written; the headline's own office counts: "…董事长齐向东：")
    written = "\n".join([*(b.text for b in blocks[:HEADLINE_BLOCKS]), title[: m.end(at)]])
    text = to_simplified(written)
    said = re.search(
        rf"(?:^|[\n，。；：、？！\s]|{vocabulary()['zh_roles']})(?P<said>{name}(?:\d{{1,2}}日|[今昨][天日])?(?:在[^，。；]{{1,16}}?上)?(?:接受[^，。；]{{0,20}}?(?:采访|专访|访问)时)?{SAID_ZH})",
        text,
    )
    role = re.search(rf"(?P<role>[{HAN}]{{0,12}}?(?:{vocabulary()['zh_roles']})){name}", text)
    if not said or not role:
        return None  # (an office, as for a lead: an official's words, not anyone's)
    return Person(
        (title or "")[m.start(at) : m.end(at)],
        written[role.start("role") : role.end("role")],
        f"the title, and line {_line(blocks, said.start('said'))}: {written[slice(*said.span('said'))]}",
    )


# "Keynote Address by Deputy Secretary, Ministry of Law, Han Kok Juan, at …": an office, its
# organisation and then the name, set off by commas.
BY_OFFICE_ORG = re.compile(
    r"\b(?i:address|speech|remarks|statement|interview|lecture)\s+(?i:by)\s+(?P<office>[^,]{2,60}),\s*"
    rf"(?P<org>[^,]{{2,80}}),\s*(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{1,3}})\s*(?:,|$)"
)


def _office_org_name(title: str) -> Person | None:
    m = BY_OFFICE_ORG.search(title)
    if not m:
        return None
    office, name = m.group("office").split(), m.group("name").split()
    roles = _en_role_words() - CONNECTIVES
    if (
        not any(w.lower() in roles for w in office)
        or any(w.lower() in roles for w in name)
        or not person_words(name)
    ):
        return None
    return Person(m.group("name"), f"{m.group('office')}, {m.group('org')}", "the title")


# How often the text must give a headline's subject saying something ("Li said", "said Kissinger")
# for the story to be that person's remarks (a story naming them once only reports on them).
SUBJECT_SAID = 2


@lru_cache(maxsize=1)
def _headline_verb() -> re.Pattern[str]:
    verbs = "|".join(vocabulary_words()["en_headline_speech_verbs"])
    return re.compile(rf"^\s*(?P<subject>(?:[\w.’'-]+\s+){{0,2}}?[\w.’'-]+)\s+['‘’\"]?(?:{verbs})\b['’\"]?\s")


def _headline_subject_en(title: str, blocks: list) -> Person | None:
    """The person a headline has speaking ("Kissinger urges Biden to …", "Chinese premier raises
    four proposals"), named in full where the text introduces them ("Former U.S. Secretary of State
    Henry Kissinger", "Chinese Premier Li Keqiang") and then quoted by name at least SUBJECT_SAID
    times ("Li said", "said Kissinger")."""
    m = _headline_verb().match(title)
    if not m:
        return None
    words = m.group("subject").split()
    office = words[-1].lower() in _en_role_words() - CONNECTIVES
    if not office and not (re.fullmatch(NAME_WORD, words[-1]) and person_words(words)):
        return None
    text = "\n".join(b.text for b in blocks[:6])
    lead = (
        rf"(?i:\b{re.escape(words[-1])})\s+(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{1,2}})"
        if office
        else rf"(?P<who>(?:(?:{NAME_WORD}|of|the|for)\s+){{1,9}}){re.escape(words[-1])}\b"
    )
    for found in re.finditer(lead, text):
        who = found.group(0) if office else found.group("who") + words[-1]
        split = _split_en(who)
        if not split or len(split[0].split()) < 2:
            continue
        # (either end of the name: "Li said" for Li Keqiang, "Kissinger said" for Henry Kissinger)
        ends = {split[0].split()[0], split[0].split()[-1]} if office else {words[-1]}
        surname = "(?:" + "|".join(re.escape(w) for w in ends) + ")"
        said = rf"\b{surname}\s+(?:also\s+)?{SAID_EN}\b|\bsaid\s+{surname}\b"
        if len(re.findall(said, text)) >= SUBJECT_SAID:
            return Person(split[0], split[1], f"the title, and the text: {who.strip()[:60]}")
    return None


def _headline_office_zh(title: str, blocks: list) -> Person | None:
    """The office a headline has speaking, unnamed ("加駐華大使指孟晚舟勝訴機會大", "FBI前局長："), or a
    name of no Chinese family ("【…】蓬佩奧宣布…"), when the text introduces the person by an office
    ("加拿大駐中國大使麥家廉（John McCallum）", "美國國務卿蓬佩奧") and quotes the name at least
    SUBJECT_SAID times ("麥家廉表示", "蓬佩奧說"): the story is their remarks."""
    roles = vocabulary()["zh_roles"]
    verb = r"(?:指|称|说|表示|谈|强调|警告|呼吁|宣布|[：:])"
    headline = to_simplified(title)
    m = re.match(
        rf"^(?:【[^】]{{1,16}}】)?[{HAN}A-Za-z]{{0,12}}?(?P<role>{roles})(?P<given>){verb}", headline
    )
    m = m or re.match(rf"^(?:【[^】]{{1,16}}】)?(?P<role>)(?P<given>[{HAN}]{{2,4}}?){verb}", headline)
    if not m:
        return None
    written = "\n".join(b.text for b in blocks[:HEADLINE_BLOCKS])
    text = to_simplified(written)
    office = re.escape(m.group("role")) if m.group("role") else f"(?:{roles})"
    who = re.escape(m.group("given")) if m.group("given") else rf"[{HAN}]{{2,4}}?"
    holder = re.search(
        rf"(?P<office>[{HAN}]{{0,12}}?{office})(?P<name>{who})(?=[（(，、]|{SAID_ZH}|宣布)", text
    )
    if not holder:
        return None
    name = holder.group("name")
    # (a holder the headline does not name: a Chinese name, or one whose original follows it,
    # "弗里（Louis Freeh）"; a name the headline gives stands on the headline's word)
    if not (m.group("given") or name_like(name) or re.match(r"[（(][A-Z]", text[holder.end() :])):
        return None
    said = rf"{re.escape(name)}(?:还|也|又|则)?{SAID_ZH}"
    if len(re.findall(said, text)) < SUBJECT_SAID:
        return None
    return Person(
        written[slice(*holder.span("name"))],
        written[slice(*holder.span("office"))],
        f"the title, and line {_line(blocks, holder.start())}: {written[holder.start() : holder.end()]}",
    )


def _line(blocks: list, offset: int) -> int:
    """The source line of the block holding `offset` of the blocks' joined text."""
    for b in blocks[:HEADLINE_BLOCKS]:
        if offset <= len(b.text):
            return b.lines[0]
        offset -= len(b.text) + 1
    return blocks[0].lines[0]


# A news lead's credit after its dateline: "新华社北京10月18日电（记者 张三 李四）", "本站讯（职工通讯员
# 李琴雯 刘会）": the reporters who wrote it.
LEAD_CREDIT = re.compile(
    rf"^.{{0,40}}?(?:电|讯|訊)\s*[（(]\s*(?:[{HAN}]{{0,6}}?(?:记者|記者|通讯员|通訊員)\s*)+"
    rf"(?P<names>[{HAN}]{{2,3}}(?:[\s、，,]+[{HAN}]{{2,3}}){{0,5}})\s*[）)]"
)


# The reporter in a bracketed dateline opening the lead: "（中央社記者邱俊欽桃園19日電）" (a name of three
# characters first: most are).
DATELINE_REPORTER = re.compile(
    rf"^\s*[（(]\s*[{HAN}]{{0,6}}?(?:记者|記者)\s*(?P<name>[{HAN}]{{2,3}})[{HAN}]{{2,4}}\d{{1,2}}日(?:电|電)\s*[）)]"
)


def lead_credit(blocks: list) -> Person | None:
    """The reporters a news lead credits in brackets after its dateline (LEAD_CREDIT), or the one
    its bracketed dateline names (DATELINE_REPORTER)."""
    for b in blocks[:3]:
        if (m := DATELINE_REPORTER.match(b.text)) and name_like(m.group("name")):
            return Person(m.group("name"), "", f"line {b.lines[0]}: the reporter in the dateline")
    for b in blocks[:2]:
        names = re.split(r"[\s、，,]+", m.group("names")) if (m := LEAD_CREDIT.match(b.text)) else []
        if names and all(name_like(n) for n in names):
            return Person("、".join(names), "", f"line {b.lines[0]}: the reporters the lead credits")
    return None


# A transcript's speaker label, a line of its own: "President of Russia Vladimir Putin:".
SPEAKER_LABEL = re.compile(rf"^\s*(?P<who>(?:(?:{NAME_WORD}|of|the|for)\s+){{1,9}}{NAME_WORD})\s*[:：]\s*$")


# A question's label in an interview: who answers it is the one interviewed.
QUESTION_LABEL = re.compile(r"^\s*(?:Question|Q)\s*:", re.I)


def from_label(lines: list[tuple[int, str]]) -> Person | None:
    """The first speaker's label of a transcript ("President of Russia Vladimir Putin:"), an
    office and a name on a line of their own (the one who speaks first holds the floor), or a
    heading that says whose remarks follow ("Remarks of Vice President Joe Biden"). In an
    interview ("Question:" labels) a name's label needs no office ("Dmitry Medvedev:")."""
    asked = any(QUESTION_LABEL.match(text) for _, text in lines)
    for no, text in lines:
        m = SPEAKER_LABEL.match(text) or (BY_OCCASION.match(text) if len(text) <= 80 else None)
        who = m.group("who") if m else _run_in_label(text)
        split = _split_en(who) if who else None
        if split and (
            split[1] or (asked and m is not None and m.re is SPEAKER_LABEL and len(split[0].split()) >= 2)
        ):
            return Person(split[0], split[1], f"line {no}: {text.strip()[:60]}")
    return None


# A label the cleaner ran into a paragraph: opening the first speech ("President of Russia Vladimir
# Putin: Colleagues, friends, …"), or closing the heading above it, with no sentence in that
# heading ("Speech at the first roundtable … Cooperation President of Russia Vladimir Putin:").
LABEL_OPENS = re.compile(rf"^\s*(?P<who>(?:(?:{NAME_WORD}|of|the|for)\s+){{1,9}}{NAME_WORD})\s*:\s+\S")
LABEL_CLOSES = re.compile(
    rf"^[^.;!?。；]{{0,200}}?(?P<who>(?:(?:{NAME_WORD}|of|the|for)\s+){{1,9}}{NAME_WORD})\s*:\s*$"
)


def _run_in_label(text: str) -> str:
    if m := LABEL_OPENS.match(text):
        return m.group("who")
    if m := LABEL_CLOSES.match(text):  # (from its first office on: the heading's words run into it)
        words = m.group("who").split()
        first = next((i for i, w in enumerate(words) if w.lower() in _en_role_words() - {"of", "the"}), None)
        return " ".join(words[first:]) if first is not None else ""
    return ""


# A name alone on a line, its characters often spaced ("王  毅").
SPACED_NAME = re.compile(rf"[{HAN}](?:\s*[{HAN}]){{1,3}}")


def name_in_speech_head(blocks: list) -> Person | None:
    """The name alone on the line after a speech's subtitle ("——在…研讨会上的主旨发言"), or before
    its salutation ("各位专家，各位朋友：")."""
    for before, block, after in zip([None, *blocks], blocks, [*blocks[1:], None], strict=False):
        if not SPACED_NAME.fullmatch(block.text.strip()):
            continue
        name = re.sub(r"\s+", "", block.text)
        subtitled = before is not None and SUBTITLE.match(before.text)
        greets = after is not None and after.kind is BlockKind.SALUTATION
        # ("全文", "续完": words a line of two characters may be that a surname opens)
        if name_like(name) and not NOT_CLOSING_NAME.search(name) and (subtitled or greets):
            return Person(name, "", f"line {block.lines[0]}: a name alone in the speech's head")
    return None


@lru_cache(maxsize=1)
def _talks() -> re.Pattern[str]:
    roles = vocabulary()["zh_roles"]
    return re.compile(
        rf"^\s*(?:——|--|—)\s*(?P<role>[{HAN}]{{0,16}}?(?:{roles}))?\s*(?P<name>[{HAN}]{{2,4}}?)(?:{roles})?谈(?!判)"
    )


def subtitle_talks(blocks: list) -> Person | None:
    """The person a subtitle says talks about the headline's subject ("——杨洁篪谈…筹备工作"):
    an interview given as a report. The name must come again in the text below it."""
    for k, block in enumerate(blocks):
        m = _talks().match(to_simplified(block.text))
        if not m or not name_like(m.group("name")):
            continue
        name = block.text[m.start("name") : m.end("name")]
        if any(name in b.text for b in blocks[k + 1 : k + 6]):
            role = block.text[m.start("role") : m.end("role")] if m.group("role") else ""
            return Person(name, role, f"line {block.lines[0]}: {block.text.strip()[:60]}")
    return None
