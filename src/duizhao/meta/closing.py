"""Who wrote a text, as its closing lines say: a bracketed author line ("（作者：方敏，北京大学经济学院
教授）"), a name in brackets ending the last paragraph ("…树立典范。（栾雨石）"), an op-ed's author
note ("— Sale is an Abuja-based Global Affairs Analyst"), a credit line naming the wire and the
writer who adapted the story ("BBC / Titilayo Kupoliyi")."""

from __future__ import annotations

import re
from itertools import pairwise

from ..vocab import publishers as publishers_
from ..vocab.rules import vocabulary_words
from .people import AUTHOR_LINK, HAN, Person, _affiliated, _byline, _en_role_words, name_like, person_words

# An author line closing an article, in brackets: "（作者：方敏，北京大学经济学院教授）".
CLOSING_BYLINE = re.compile(
    rf"^\s*[（(]\s*作者\s*[：:]\s*(?P<value>[{HAN}·]{{2,40}})(?:\s*[，,、]\s*(?P<aff>[^（）()]{{2,40}}))?\s*[）)]\s*$"
)
# A Chinese article's last sentence followed by its writer's name in brackets: "…树立典范。（栾雨石）".
CLOSING_NAME = re.compile(rf"[。！？”\s][（(]\s*(?P<name>[{HAN}]{{2,3}})\s*[）)]\s*$")
# What such brackets hold that is no name: an end mark, a credit ("（完）", "（全文完）", "（待续）").
NOT_CLOSING_NAME = re.compile(r"完|续|續|全文|原文|图文|文图|报道|報道|摄|攝|整理|编辑|編輯|供稿|综合|綜合")
# How far below the text's last line a closing author line is looked for.
CLOSING_LINES = 4

NAME = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}"

# An author note: the name, "is", then what the author is. Marked off from the text (a dash, an
# asterisk or underscore of italics, a bracket) or, unmarked, only when it says what a writer is.
AUTHOR_NOTE = re.compile(
    rf"^\s*(?P<mark>[—–]+|-{{1,2}}|[*_]+|[(（])?\s*(?P<name>{NAME})\s+is\s+(?P<aff>(?:a|an|the)\s+[^.()（）]{{3,120}})"
)

# How a newspaper closes a story: "Matt Friedman may be reached at mfriedman@…".
REACHED = re.compile(rf"^\s*(?P<name>{NAME})\s+(?:may|can)\s+be\s+(?:reached|contacted)\s+(?:at|by|on)\b")

# A source line under a Chinese story naming its writer ("本文来源：每日经济新闻 作者：王辛夷"), or a
# desk line ("記者林悅／南市報導").
LABELLED = re.compile(r"(?:作者|记者|記者)\s*[：:]|^\s*(?:本报|本報)?(?:记者|記者)")

# A credit line under a story: the wire it came from, a slash, the writer ("NAN / Ada Obi").
CREDIT = re.compile(rf"^\s*(?P<source>[A-Z][\w.&' -]{{1,30}}?)\s*/\s*(?P<name>{NAME})\s*$")


def closing_byline(lines: list[tuple[int, str]], known: publishers_.Registry | None = None) -> Person | None:
    """An author line at the end of the text (the last block and the lines just below it)."""
    for no, text in lines:
        if (
            found := _bracketed(no, text)
            or _author_note(no, text)
            or _contact(no, text)
            or _credit(no, text, known)
        ):
            return found
        if LABELLED.search(text) and (found := _byline(no, text)):  # "本文来源：新华网 作者：黄晓南 谢彬彬"
            return found
    if found := _signature(lines):
        return found
    if lines and (m := CLOSING_NAME.search(lines[0][1])):  # (the last block's own end)
        name = m.group("name")
        if name_like(name) and not NOT_CLOSING_NAME.search(name):
            return Person(name, "", f"line {lines[0][0]}: the writer's name closing the text")
    return None


# A release's signature under its text: the name alone on a line, the office on the next ("Garba
# Shehu" / "Senior Special Assistant to the President" / "(Media & Publicity)" / the date).
# Role words that name no office by themselves ("of", "the", "his", "her").
CONNECTIVES = frozenset({"of", "the", "his", "her"})
SIGNATURE_NAME = re.compile(rf"^\s*(?P<name>{NAME})\s*$")
# A dump's Markdown emphasis around a signature's lines ("*Stanley Nkwocha*").
EMPHASIS = re.compile(r"^\s*[*_]+|[*_]+\s*$")


def _signature(lines: list[tuple[int, str]]) -> Person | None:
    roles = _en_role_words() - CONNECTIVES
    for (no, text), (_, below) in pairwise(lines):
        text, below = EMPHASIS.sub("", text), EMPHASIS.sub("", below)
        m = SIGNATURE_NAME.match(text)
        words = m.group("name").split() if m else []
        # (a title of rank before the name: "Chief Ajuri Ngelale")
        while len(words) > 2 and words[0].lower() in roles:
            words = words[1:]
        office = below.split()[:1]
        if (
            2 <= len(words) <= 4
            and person_words(words)
            and not any(w.lower() in roles for w in words)
            and office
            and office[0].lower() in roles
            and len(below) <= 80
        ):
            return Person(" ".join(words), below.strip(), f"lines {no}-: a signature closing the text")
    return None


# A byline standing alone among the text's last blocks ("By Blen Mamo (@_PoliticsAddict)", then
# "About the author"): so short a line, opening on "By", signs the text.
SIGNED_BLOCK_CHARS = 60
SIGNED_BLOCKS = 12  # (an author box, a source line and a disclaimer may follow it)


def signed_block(blocks: list[tuple[int, str]]) -> Person | None:
    """A block of the text's end that is only a byline (SIGNED_BLOCK_CHARS at most, "By Name")."""
    for no, text in reversed(blocks[-SIGNED_BLOCKS:]):
        if len(text) <= SIGNED_BLOCK_CHARS and re.match(r"\s*By:?\s", text) and (found := _byline(no, text)):
            if len(found.name.split()) >= 2:
                return Person(found.name, found.role, f"line {no}: a byline closing the text")
    return None


def _bracketed(no: int, text: str) -> Person | None:
    """The bracketed Chinese author line: the name alone, with its affiliation after a comma, or
    run into it (see people._affiliated)."""
    if not (m := CLOSING_BYLINE.match(text)):
        return None
    value = m.group("value")
    if name_like(value):
        return Person(value, (m.group("aff") or "").strip(), f"line {no}: closing author line")
    if not m.group("aff") and (cut := _affiliated(value)):
        return Person(cut[0], cut[1], f"line {no}: closing author line, the name before its affiliation")
    return None


def _contact(no: int, text: str) -> Person | None:
    m = REACHED.match(text)
    if m and len(m.group("name").split()) >= 2 and person_words(m.group("name").split()):
        return Person(m.group("name"), "", f"line {no}: the contact line closing the text")
    return None


def _author_note(no: int, text: str) -> Person | None:
    if len(text) > 400 or not (m := AUTHOR_NOTE.match(text)) or not person_words(m.group("name").split()):
        return None
    aff = m.group("aff").strip().rstrip(",;")
    what = aff.lower().split()
    if not m.group("mark") and not set(vocabulary_words()["en_writer_words"]) & set(what):
        return None  # "Beijing is a city of …": a sentence of the text, not a note on its writer
    role = re.sub(r"^(?:a|an|the)\s+", "", aff)
    return Person(m.group("name"), role, f"line {no}: the author note closing the text")


def _credit(no: int, text: str, known: publishers_.Registry | None) -> Person | None:
    m = CREDIT.match(text)
    if not m or known is None or known.by_name(m.group("source").strip()) is None:
        return None  # (only a wire or outlet the data knows: "Photo / Name" credits a picture)
    if len(m.group("name").split()) < 2 or not person_words(m.group("name").split()):
        return None
    return Person(m.group("name"), "", f"line {no}: credit line ({m.group('source').strip()} / writer)")


def author_box(lines: list[tuple[int, str]]) -> Person | None:
    """The author named by a link to a profile page anywhere on the page (an "about the author"
    box under the text), when the page links one person's page only: several are commenters or
    a list of other stories' authors."""
    found: dict[str, tuple[str, int]] = {}  # the page linked -> the first name it is linked by
    for no, text in sorted(lines):
        for m in AUTHOR_LINK.finditer(text):
            if name_like(m.group("name")):
                found.setdefault(m.group("url").rstrip("/"), (m.group("name").strip(), no))
    if len(found) != 1:
        return None
    ((name, no),) = found.values()
    return Person(name, "", f"line {no}: a link to the author's page")
