"""Who speaks or writes, with the role the text gives them, read from the forms policy texts use:
titles ("驻英国大使刘晓明在…上的主旨演讲", "Foreign Ministry Spokesperson Hua Chunying's Regular Press
Conference", "Remarks by H.E. … at …"); head lines: a role and a name ("中华人民共和国主席　习近平"), a
byline ("By Wang Zheng", "作者：…", "原创 罗城OSINT 百灵猫开源情报分析师"); the page's own metadata.
A Chinese name opens with a family name (data/vocabulary.yml zh_surnames), and Traditional text is
read in its Simplified form; an English name is two to four capitalised words after the words of
office (en_role_words), which become the role."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import script
from ..vocab import publishers as publishers_
from ..vocab.hanzi import to_simplified
from ..vocab.rules import vocabulary, vocabulary_words
from .speech_titles import title_speech

HAN = "\u3400-\u4dbf\u4e00-\u9fff"


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    evidence: str


@lru_cache(maxsize=1)
def _zh_patterns() -> tuple[re.Pattern[str], ...]:
    surnames = "|".join(sorted(vocabulary_words()["zh_surnames"], key=len, reverse=True))
    roles = vocabulary()["zh_roles"]
    bare = rf"(?:{surnames})[{HAN}]{{1,2}}?"
    name = rf"(?P<name>{bare}|[A-Z][a-z]+(?: [A-Z][a-z]+){{1,2}})"  # (or in Latin: "高级副总裁Howie Xu在…")
    verbs = vocabulary_words()["zh_not_in_role"]  # ("…全文刊登驻拉各斯总领事巢小良署名文章")
    no_verb = rf"(?<![{''.join(v[0] for v in verbs)}])(?:(?!{'|'.join(verbs)})[{HAN}·“”]){{0,24}}?"
    office = rf"(?P<role>{no_verb}(?:{roles}))"
    role = rf"{office}?"
    after = rf"(?P<after>{roles})?"  # "曲喆大使在…": the office after the name (or again)
    acts = (
        r"在(?P<venue>[^，。；]{2,60}?)(?:开幕式|闭幕式|全体会议|会议)?(?:上|期间|前夕)?的(?:主旨|主题|书面|视频|重要|新春|特别)?"
        r"(?:讲话|演讲|致辞|发言|开幕辞|闭幕辞|报告|祝酒辞|贺词|答问)"
        r"|在[^，。；]{1,30}?发表|发表(?:了)?[^，。；]{0,16}?(?:讲话|演讲|致辞|贺词|署名文章|文章)|署名文章|对[^，。；]{1,40}?[作做]出(?:重要)?[指批]示"
        # (an address sent, not a letter: "习近平向…会议发表书面致辞")
        r"|向[^，。；]{1,40}?发表(?:了)?(?:书面|视频)?(?:讲话|演讲|致辞)"
        r"|(?:在[^，。；]{1,12}?|就[^，。；]{1,40}?)?接受[^，。；]{0,40}?(?:采访|专访)|(?:主持|举行)[^，。；]{0,8}?记者会|答记者问|撰文"
        # "…就英方涉港言论答记者问", "…就美方制裁发表谈话"
        r"|回答[^，。；]{0,20}?提问|答[^，。；]{0,6}?记者问|就[^，。；]{1,40}?(?:答记者问|发表[^，。；]{0,8}?(?:谈话|声明|讲话))|发表(?:书面)?(?:谈话|声明)"
    )
    return (
        # (a day may stand between the name and the act: "王毅15日在…发表讲话")
        # (a name with no office before it starts a word: not "周年" of "十周年接受…专访")
        # (or an office after it: "负责筹备工作的杨洁篪国务委员接受了本报采访")
        re.compile(rf"(?:{office}|(?<![{HAN}])|(?={bare}(?:{roles}))){name}{after}(?:\d{{1,2}}日|[今昨]天|[今昨近]日)?(?:{acts})"),
        # A role and a name on a line of their own: "中华人民共和国主席　习近平".
        re.compile(rf"^\s*{role}[\s　]*{name}\s*$"),
        # A spokesperson the lead quotes: "外交部发言人毛宁6日表示", "国防部新闻发言人吴谦在…答记者问".
        re.compile(
            rf"(?P<role>[{HAN}]{{0,16}}发言人)\s*{name}(?:\d{{1,2}}日)?(?:在[^，。；]{{1,30}}?)?(?:表示|指出|宣布|说|答记者问)"
        ),
    )


@lru_cache(maxsize=1)
def _en_role_words() -> frozenset[str]:
    return frozenset(w.lower() for w in vocabulary_words()["en_role_words"])


# Latin letters with their accents ("Vučić", "Müller", "Łukasz"; Latin Extended-A mixes cases).
UPPER, LOWER = "A-ZÀ-ÖØ-ÞĀ-ž", "a-zß-öø-ÿĀ-ž"
# (an initial without its stop before the rest of a name: "K Shanmugam")
NAME_WORD = rf"(?:(?:[A-Z]\.)+|[{UPPER}][{LOWER}]*\.|[{UPPER}][{LOWER}'’-]+|[A-Z]{{2,}}|[A-Z](?=\s[{UPPER}][{LOWER}]))"
# "Remarks by …", "Keynote Speech by …", "Statement by H.E. Mr. …".
BY_OCCASION = re.compile(
    rf"\b(?:(?:remarks|speech|statement|address|keynote|toast|lecture|article|interview|message|briefing|points|comments)\s+(?:given\s+|shared\s+|made\s+)?(?:by|of)"
    r"|interview\s+with)\s+(?:(?:his|her)\s+excellency,\s+)?"
    rf"(?P<who>(?:{NAME_WORD}\s+){{1,9}}?{NAME_WORD})(?=\s+(?:at|to|on|before|in|for|during)\b|\s*[,:(]|$)",
    re.I,
)
# "Ambassador Zheng Zeguang Gives an Interview to Sky News": the one interviewed speaks.
GIVES_INTERVIEW = re.compile(
    rf"(?P<who>(?:{NAME_WORD}\s+){{0,6}}{NAME_WORD})\s+(?i:(?:gives|gave|grants|granted)\s+(?:an?\s+)?(?:exclusive\s+)?interview"
    r"|meets\s+the\s+press|answers\s+(?:[\w'’]+\s+)?questions|takes\s+questions)"
)
# "Foreign Ministry Spokesperson Hua Chunying's Regular Press Conference", "President Buhari's Remarks".
POSSESSIVE = re.compile(
    rf"(?P<who>(?:{NAME_WORD}\s+){{0,6}}{NAME_WORD})['’]s\s+(?i:(?:Regular\s+|virtual\s+|video\s+|online\s+|exclusive\s+)?(?:Press Conference|Remarks|Speech|"
    r"Statement|Address|Keynote|Toast|Message|Interview|Written Interview|Briefing|Signed Article|Article|Op-Ed))\b"
)
BYLINE_EN = re.compile(
    # "By" opens a byline: at the line's start, after a separator or a verb of writing; a "by"
    # inside a sentence ("operated by Emirates Airlines, …", "created by X,") names no author.
    r"(?:^[^\w]*|[|·•—–/:]\s*|\b(?:Posted|Written|Story|Words|Text|Reporting|Reported|Published|Article|"
    r"Commentary|Analysis|Column|Opinion|Photos?)\s+|\s{2,})"
    rf"[Bb]y:?\s+(?P<who>(?:{NAME_WORD}\s+){{0,2}}{NAME_WORD})"
    # a second author: "By Takeo Maeda and Tatsuya Tanoue / Yomiuri Shimbun Staff Writers",
    # "By Howard Schneider, Lindsay Dunsmuir" (after a comma it may be the outlet: checked)
    rf"(?:(?P<sep>\s+and\s+|\s*,\s*)(?P<second>(?:{NAME_WORD}\s+){{0,2}}{NAME_WORD}))?"
    r"(?=\s*(?:\(|,|\||/|$|-|–|\s{2}))"
)
BYLINE_ZH = re.compile(
    rf"(?:^|\s|[，,（(》【\[])(?:(?:文章原作者|原作者|作者|记者|記者|撰文|撰稿|采写|採寫)(?!简介|簡介|介绍|介紹|单位|單位|站|节|節|会|會|证|證)\s*[：:/｜|]?|文\s*[：:/／|｜])\s*(?P<name>[{HAN}A-Za-z·][{HAN}A-Za-z·' -]{{1,30}}?)"
    r"(?=\s*[，,；;。|｜】\]）)／/]|\s{2}|$|\s+(?:责任编辑|責任編輯|编辑|編輯|来源|來源|原标题))"
)
# A label run into the field before it: "来源：证券时报网作者：李在山" (not "合作者：").
GLUED_LABEL = re.compile(r"(?<=[^\s合])(?=(?:作者|记者|記者)[：:])")
# What a byline's name may be followed by that says what the person did: "陈智 整合", "张三 摄".
TRAILING_ACT = re.compile(r"\s+(?:整合|整理|编译|編譯|综合|綜合|报道|報道|摄影|攝影|摄|攝|编辑|編輯|校对)$")
# What a byline says its author is, before the name: "观察者网专栏作者", "特约评论员", "新华社记者".
ROLE_BEFORE_NAME = re.compile(
    r"(?:作者|记者|記者|评论员|評論員|研究员|研究員|教授|学者|學者|编辑|編輯|通讯员|通訊員)$"
)
# A byline followed by its outlet and a time stamp, found further into a flattened page (where a
# bare "by X," could be a sentence's): "By Wang Zheng ( People's Daily ) 13:22, November 08, 2020".
BYLINE_STAMPED = re.compile(
    rf"(?:^|\s)By\s+(?P<who>(?:{NAME_WORD}\s+){{1,2}}{NAME_WORD})\s*\(\s*[^()]{{2,40}}\)\s*\d{{1,2}}:\d{{2}}"
)
# How far into a flattened page's text a stamped byline is looked for.
STAMPED_CHARS = 1500
# A link to the author's page: "[Guru Baran](https://…/author/guru/)".
AUTHOR_LINK = re.compile(
    r"\[(?P<name>[^\]\[]{3,40})\]\((?P<url>[^)\s]*/(?:author|authors|writer|writers|people|profile)/[^)\s]*)"
    r'(?:\s+"[^"]*")?\)'
)
# An office and a name, a line of their own in the head: "H.E. Ambassador Chen Xiaodong".
OFFICE_NAME_LINE = re.compile(rf"^\s*(?P<who>(?:{NAME_WORD}\s+){{1,8}}{NAME_WORD})\s*$")
# A platform's byline under the title: "原创 <author> <account> <date> <time>".
# Without "原创" the first name must be a person's: "刘骁骞  中国信息安全   2024-07-25 18:10".
PLATFORM_BYLINE_LATIN = re.compile(rf"^\s*(?P<name>{NAME_WORD}(?: {NAME_WORD}){{1,2}})\s{{2,}}\S{{2,20}}\s{{2,}}[12]\d{{3}}[-/.]")
PLATFORM_BYLINE = re.compile(r"^\s*(?P<original>原创\s+)?(?P<name>\S{2,20})\s+\S{2,20}\s+[12]\d{3}[-/.]")


def _calendar(words: str) -> bool:
    """A day, a month or a stamp's label where a byline's second name would be."""
    months = "January|February|March|April|June|July|August|September|October|November|December"
    return bool(re.search(rf"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|{months}|Updated|Published)\b", words))


def _split_en(who: str) -> tuple[str, str] | None:
    """ "Chinese President Xi Jinping" -> ("Xi Jinping", "Chinese President")."""
    words = who.split()
    known = _en_role_words()
    last = max(
        (i for i, w in enumerate(words) if w.lower().strip(".") in known or w.lower() in known), default=-1
    )
    name = words[last + 1 :]
    if not name and last >= 0:
        return _name_between_offices(words)
    while (
        last >= 0
        and len(name) > 2
        and (words[last].lower() in ("of", "for", "the") or name[0] in ("of", "for", "the"))
    ):
        # "President of Russia Vladimir Putin": the office goes on to its country
        last += 1
        name = words[last + 1 :]
    if not 1 <= len(name) <= 4 or any(w.lower() in known for w in name) or not name[0][:1].isupper():
        return None
    if len(name) == 1 and last < 0:
        return None  # one word and no office: not clearly a person
    if not person_words(name):
        return None
    if all(w.isupper() for w in name):
        name = [w.capitalize() for w in name]
    return " ".join(name), re.sub(r"^the\s+", "", " ".join(words[: last + 1]), flags=re.I)


def _name_between_offices(words: list[str]) -> tuple[str, str] | None:
    """ "H.E. Wang Yi State Councilor and Foreign Minister": the name between the offices."""
    known = _en_role_words()
    role = [w.lower() in known or w.lower().strip(".") in known for w in words]
    start = role.index(False) if False in role else len(words)
    end = next((i for i in range(start, len(words)) if role[i]), len(words))
    name, rest = words[start:end], words[end:]
    if not 2 <= len(name) <= 4 or not person_words(name) or not rest:
        return None
    if not all(r or w == "and" for r, w in zip(role[end:], rest, strict=True)):
        return None
    return " ".join(name), " ".join(words[:start] + rest)


def _as_is(who: str) -> tuple[str, str] | None:
    """A byline's words as the name, with no office, when they can be a person's."""
    return (who, "") if person_words(who.split()) else None


def plausible(person: Person, known: publishers_.Registry | None = None) -> bool:
    """Whether a name found for the author can be a person's: not a publisher the data knows
    ("Reuters", "Condé Nast"), not "The …" (a newsletter, a site), and in Latin letters two
    words at least unless an office goes with it ("KWCHCIK", "Beachbody", "Vortex": a login,
    a brand or a site, not a name)."""
    name = person.name.strip()
    if known is not None and known.by_name(name) is not None:
        return False
    if script.han_count(name):  # (not a desk: "本报记者", "眾新聞記者")
        return not name.endswith(("记者", "記者")) and name not in vocabulary_words()["zh_not_names"]
    words = name.replace(" and ", " ").split()
    if words[:1] == ["The"] or not person_words([w for w in words if w != "and"]):
        return False
    return len(words) >= 2 or bool(person.role)


def person_words(name: list[str]) -> bool:
    """Whether the words can be a person's name: capitalised but for particles ("von der"), and
    no word of an organisation ("Euronews with Agencies", "AP Staff")."""
    vocab = vocabulary_words()
    particles, orgs = set(vocab["en_name_particles"]), {w.lower() for w in vocab["en_not_person_words"]}
    return all((w[:1].isupper() or w in particles) and w.lower().strip(".,") not in orgs for w in name)


def from_title(title: str) -> Person | None:
    """The speaker or author a title names."""
    if not title:
        return None
    if m := _zh_patterns()[0].search(to_simplified(title)) or title_speech().search(to_simplified(title)):
        return Person(_written(m, title, "name"), _written(m, title, "role").strip("“”"), "the title")
    for pattern in (POSSESSIVE, BY_OCCASION, GIVES_INTERVIEW):
        m = pattern.search(title)
        if m and (split := _split_en(m.group("who"))):
            return Person(split[0], split[1], "the title")
    return None


def _written(m: re.Match[str], text: str, group: str) -> str:
    """A group of a match in the Simplified form of `text`, as `text` writes it."""
    return text[m.start(group) : m.end(group)] if m.group(group) else ""


def from_lines(lines: list[tuple[int, str]]) -> Person | None:
    """A speaker line or a byline among the head's lines, given as (line number, text)."""
    zh_sentence, zh_line, _ = _zh_patterns()
    for (no, text), (_, following) in zip(lines, [*lines[1:], (0, "")], strict=False):
        # A role on one line and the name on the next: "中华人民共和国主席" / "习近平".
        both = f"{text.strip()} {following.strip()}"
        if (
            following
            and len(both) <= 40
            and (m := zh_line.match(both))
            and m.group("role") == text.strip()
            and not ACT_ZH.search(m.group("name"))
        ):
            return Person(m.group("name"), m.group("role").strip(), f"lines {no}-: speaker lines")
    for no, text in lines:
        if len(text) > 400:
            text = text[:400]  # (a flattened page: its head is in its first characters)
        simple = to_simplified(text)  # (the patterns are in Simplified: positions are kept)
        if (m := zh_line.match(simple)) and m.group("role") and not ACT_ZH.search(m.group("name")):
            return Person(_written(m, text, "name"), _written(m, text, "role").strip(), f"line {no}: speaker line")
        if (m := PLATFORM_BYLINE.match(text)) and m.group("original"):
            return Person(m.group("name"), "", f"line {no}: byline")
        if found := _office_line(no, text) or _byline(no, text):
            return found
        for pattern in (BY_OCCASION, POSSESSIVE):
            m = pattern.search(text)
            if m and (split := _split_en(m.group("who"))):
                return Person(split[0], split[1], f"line {no}: {m.group(0)[:60]}")
        m = zh_sentence.search(simple)
        # (in a longer paragraph, only its first sentence: the lead that says who spoke)
        # (an office after the name only in a short line with no clause before it, a subtitle:
        # "王毅说，习近平主席在…发表主旨演讲" is a report another speaker gives)
        alone = m is not None and not re.search("[，。；,]", text[: m.end()])
        short = len(text) <= 80
        if m and (m.group("role") or (alone and short and m.group("after"))) and (short or "。" not in text[: m.end()]):
            role = _written(m, text, "role" if m.group("role") else "after").strip("“”")
            return Person(_written(m, text, "name"), role, f"line {no}: {text[:60]}")
    for no, text in lines:  # a stamped byline further into a flattened page
        m = BYLINE_STAMPED.search(text[:STAMPED_CHARS])
        if m and (split := _split_en(m.group("who")) or _as_is(m.group("who"))):
            return Person(split[0], split[1], f"line {no}: byline {m.group(0).strip()[:60]}")
    return None


def _office_line(no: int, text: str) -> Person | None:
    """An office and a name, a line of their own in the head (not the title's: line 0)."""
    if not no or not (m := OFFICE_NAME_LINE.match(text)) or not (split := _split_en(m.group("who"))):
        return None
    first = m.group("who").split()[0].lower()
    if (
        split[1]
        and first in _en_role_words()
        and first not in ("the", "of", "his", "her")
        and " " in split[0]
    ):
        return Person(split[0], split[1], f"line {no}: an office and a name, a line of their own")
    return None


# A line that is a name and nothing else: "Muftau Olaiya Olarinde".
NAME_ONLY = re.compile(rf"^\s*(?P<who>(?:{NAME_WORD}\s+){{1,3}}{NAME_WORD})\s*$")


def name_line(lines: list[tuple[int, str]], datelines: set[int]) -> Person | None:
    """A byline without "By": a line that is only a person's name, just above the page's
    date line (headline, name, date: a magazine's or a blog's head)."""
    for no, text in lines:
        m = NAME_ONLY.match(text)
        if m and ({no + 1, no + 2} & datelines) and (split := _split_en(m.group("who"))):
            return Person(split[0], split[1], f"line {no}: a name above the date line")
    return None


def labelled_byline(lines: list[tuple[int, str]]) -> Person | None:
    """A byline among lines the cleaner removed by the headline, read only in its labelled forms
    (see _byline); the lowest line wins (the nearest the text below the headline)."""
    for no, text in sorted(lines, reverse=True):
        if found := _byline(no, text[:400]):
            return found
    return None


# A byline whose name runs into its affiliation, with no space: "（作者：方敏北京大学经济学院教授）".
BYLINE_AFFILIATED = re.compile(
    rf"(?:^|[\s（(，,])(?:作者|撰文|文)\s*[：:]\s*(?P<value>[{HAN}]{{6,40}}?)\s*(?:[）)，,。；;]|$)"
)
# What an affiliation ends with: an academic title or an office (the vocabulary's zh_roles too).
AFFILIATION_END = re.compile(r"(?:教授|研究员|讲师|博士|博士后|学者|专家|院长|所长|首席\w{0,4}|主任|负责人)$")


def _affiliated(value: str) -> tuple[str, str] | None:
    """Split "方敏北京大学经济学院教授" into the name and the affiliation, where the affiliation
    ends with a title and begins with a dictionary word (北京大学, not 京大学); None when no cut
    is clear (two cuts both reading as words, or none)."""
    roles = vocabulary_words()["zh_roles"]
    if not (AFFILIATION_END.search(value) or value.endswith(tuple(roles))):
        return None
    from ..vocab import lexicon  # only for the rare glued byline: loading it costs tenths of a second

    words = lexicon.cedict()
    cuts = [n for n in (2, 3) if name_like(value[:n]) and any(value[n : n + k] in words for k in (4, 3, 2))]
    if len(cuts) != 1:
        return None
    return value[: cuts[0]], value[cuts[0] :]


def _byline(no: int, text: str) -> Person | None:
    """A labelled byline on line `no`: "作者：…", "文章原作者 …", "By …", a link to the author's page."""
    # (a person's Chinese name is two or three characters; "安信安全", four, is an account)
    if (m := PLATFORM_BYLINE.match(text)) and name_like(m.group("name")) and len(m.group("name")) <= 3:
        return Person(m.group("name"), "", f"line {no}: byline")
    if m := PLATFORM_BYLINE_LATIN.match(text):  # "Jessica Lyons  代码卫士   2025-02-18 10:12"
        return Person(m.group("name"), "", f"line {no}: byline")
    text = GLUED_LABEL.sub(" ", text)
    if m := BYLINE_ZH.search(text):
        name = TRAILING_ACT.sub("", m.group("name").strip())
        if several := zh_names(name):
            return Person(several, "", f"line {no}: byline, several authors")
        if name_like(name):
            return Person(name, "", f"line {no}: byline")
        # "【文/观察者网专栏作者 王文】", "文 | 中国信息安全测评中心主任 彭涛": what the author is, then the name
        role, _, last = name.rpartition(" ")
        if role and (ROLE_BEFORE_NAME.search(role) or AFFILIATION_END.search(role)) and name_like(last):
            return Person(last, role.strip(), f"line {no}: byline, the name after what the author is")
    if (m := BYLINE_AFFILIATED.search(text)) and (cut := _affiliated(m.group("value"))):
        return Person(cut[0], cut[1], f"line {no}: byline, the name before its affiliation")
    if (m := BYLINE_EN.search(text)) and (split := _split_en(m.group("who")) or _as_is(m.group("who"))):
        second = m.group("second")
        if second and "," in m.group("sep") and (len(second.split()) < 2 or _calendar(second)):
            second = None  # "By Rachael Link, MS", "By Sherif Saed, Wednesday, 4 March": one author
        if second and person_words(second.split()) and len(split[0].split()) >= 2:
            return Person(f"{split[0]} and {second}", split[1], f"line {no}: byline, two authors")
        if len(split[0].split()) >= 2 and (not second or "," in (m.group("sep") or "")):
            return Person(split[0], split[1], f"line {no}: byline")
    if (m := AUTHOR_LINK.search(text)) and name_like(m.group("name")):
        return Person(m.group("name").strip(), "", f"line {no}: a link to the author's page")
    return None


# What a person does, not who: in "外交部部长王毅讲话" (an office, a name, an act) the
# act must not be read as part of the name after the office.
ACT_ZH = re.compile(r"(?:致辞|讲话|发言|演讲|主持|出席|会见|表示|指出|报告|答问)$")


def name_after_office(name: str) -> bool:
    """Whether the Chinese characters after an office are a name, not an act."""
    return name_like(name) and not ACT_ZH.search(name.strip())


def zh_names(value: str) -> str:
    """ "黄晓南 谢彬彬" -> "黄晓南、谢彬彬": Chinese names of three characters apart ("古鲁 巴兰", two
    parts of two, is one foreign name); "" when `value` is not such a list."""
    parts = re.split(r"[\s、，,]+", value.strip())
    ok = len(parts) >= 2 and all(len(p) == 3 and name_like(p) for p in parts)
    return "、".join(parts) if ok else ""


def name_like(name: str) -> bool:
    name = name.strip()
    if re.fullmatch(rf"[{HAN}]{{1,4}}(?:[ ·・][{HAN}]{{1,4}}){{1,3}}", name):
        return True  # a foreign name in Chinese, its parts apart: "古鲁 巴兰", "丹尼斯·吉斯"
    if re.fullmatch(rf"[{HAN}·]+", name):
        surnames = vocabulary_words()["zh_surnames"]
        return name not in vocabulary_words()["zh_not_names"] and (
            (2 <= len(name) <= 6 and name.startswith(tuple(surnames)))
            or name.endswith("記者")
            or name.endswith("记者")
        )
    return bool(re.fullmatch(r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3}", name))
