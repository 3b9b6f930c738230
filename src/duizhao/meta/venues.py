"""Where, or at what occasion, a text was given, only when the text names it: the occasion in
the title or the lead, a speech's dateline, the place after a date line, where a meeting was held,
the place a statement was signed."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import script
from ..model import BlockKind, Field, Metadata, Removal
from ..vocab import publishers as publishers_
from ..vocab.rules import vocabulary_words
from .dates import BRACKETED, EN_DATE_DMY, EN_DATE_MDY, SIGNED_CLAUSE, ZH_DATE, iso_date
from .publishing import CLOCK, DOMAIN

# "…在第四届全球网络空间合作峰会上的主旨演讲" / "Keynote speech at the 4th Global Cyberspace Cooperation Summit"
# (and in a lead: "习近平在…开幕式上发表主旨演讲", "delivered a speech via video at the third Paris
# Peace Forum on Nov. 12")
VENUE_ZH = re.compile(
    r"在([^，。；]{2,60}?)(?:上|开幕式上|闭幕式上|期间)(?:发表)?的?(?:主旨|书面|视频|重要)?(?:演讲|讲话|致辞|发言|报告)"
    # a place, not a meeting: "习近平在乌兹别克斯坦最高会议立法院发表演讲", "…立法院演讲时强调"
    r"|在([^，。；的中时]{2,30}?)(?:发表(?:主旨|重要|视频)?(?:演讲|讲话|致辞)|(?:演讲|讲话|致辞)时)"
)


VENUE_EN = re.compile(
    # (the speaker may stand between: "Address by the President of … Shavkat Mirziyoyev at the …")
    r"(?:speech|remarks|address|statement|lecture)\s+(?:by\s+[^,;.]{3,80}?\s+)?(?:via\s+video\s+)?(?:at|to|before)\s+(?:the\s+)?"
    r"(.{3,160}?)(?:[,;]|\.(?:\s|$)|\s+on\s+(?:\w+day|[A-Z][a-z]{2,8}\.?\s+\d)|$)",
    re.I,
)


# A speech's subtitle: "——在…上的主旨演讲".
SUBTITLE = re.compile(r"^\s*(?:——|--|—)")


# A place named after a dateline's date must look like one: these endings name places and venues.
PLACE_ENDINGS = re.compile(
    r"(?:大学|学院|市|省|区|县|州|国|中心|会议中心|大厦|宾馆|饭店|酒店|宫|厅|堂|馆|村|镇|岛|港|湾)$"
)


# What a venue never is: a date, a time, a number, an address on the web.
NOT_A_PLACE = re.compile(r"\d{1,2}:\d{2}|^[\d\s:./,-]+$|https?://|www\.", re.I)


def as_place(text: str) -> str:
    """`text` as a venue, or "" when it is a date, a time, a number or too long to be one."""
    text = text.strip(" \u3000\t,，、;；:：")
    for opening, closing in ("()", "（）"):  # (a bracket of the name's own stays: "… (FOCAC)")
        if text.count(opening) != text.count(closing):
            text = text.strip(opening + closing + " ")
    if not text or NOT_A_PLACE.search(text) or iso_date(text) or len(text) > 160 or script.units(text) < 2:
        return ""
    return text


# How much of a lead paragraph may say where the speech was given (its first sentence or two).
LEAD_VENUE_CHARS = 240


# Where a closing clause says the text was signed: "…, in Beijing, China." / "于北京签署".
SIGNED_PLACE = re.compile(
    r"\b(?:in|at)\s+([A-Z][\w'’-]+(?:[ ,]+[A-Z][\w'’-]+){0,3})\.?\s*$|于([^，。；\d]{2,10}?)(?:签署|签订)"
)


def fill_venue(
    meta: Metadata,
    moved: list[Removal],
    first_blocks: list,
    last_blocks: list = (),
    known: publishers_.Registry | None = None,
) -> None:
    """Where or at what occasion the text was given, only when the text names a place or an
    occasion: "在…上的讲话", "speech at …", a speech's dateline "（2013年11月5日，斯坦福大学）"."""
    title = next((f for f in (meta.title_zh, meta.title_en) if f is not None and f.origin != "derived"), None)
    titled = [(0, title.value)] if title else []
    texts = titled + [
        (b.lines[0], b.text) for b in first_blocks if b.kind is BlockKind.HEADING or SUBTITLE.match(b.text)
    ]
    texts += [(r.line, r.text) for r in moved if r.rule not in ("meta.header", "meta.front_matter")]
    # The lead's first sentences say where a speech was given, when the title does not.
    paragraphs = [
        (b.lines[0], b.text[:LEAD_VENUE_CHARS]) for b in first_blocks if b.kind is BlockKind.PARAGRAPH
    ]
    leads = paragraphs[:2]
    if title and any(w in title.value for w in vocabulary_words()["signed_article_words"]):
        paragraphs = leads = []  # (an op-ed's lead reports other events)
    found = (
        _occasion(texts + leads)
        or _bracketed_dateline(
            [(r.line, r.text) for r in moved] + [(b.lines[0], b.text) for b in first_blocks]
        )
        or _signed(last_blocks)
        or _dateline(moved, known or publishers_.load())
        or _held(leads)
        or _named_gathering(paragraphs[:3])  # (a photo's caption may come first)
        or _gathered(titled + leads)
        or _met(leads)
    )
    if found is not None:
        meta.venue = found


def _occasion(texts: list[tuple[int, str]]) -> Field | None:
    for line, text in texts:
        m = VENUE_ZH.search(text) or VENUE_EN.search(text)
        if m and (place := as_place(next(g for g in m.groups() if g))):
            return Field(place, evidence=f"line {line}: {text[:80]}" if line else f"the title: {text[:80]}")
    return None


def _bracketed_dateline(texts: list[tuple[int, str]]) -> Field | None:
    for line, text in texts:
        m = BRACKETED.match(text)
        if m and iso_date(m.group(1)):
            rest = as_place(ZH_DATE.sub("", EN_DATE_DMY.sub("", EN_DATE_MDY.sub("", m.group(1)))))
            if rest:
                return Field(rest, evidence=f"line {line}: the text's dateline {text.strip()}")
    return None


def _signed(last_blocks: list) -> Field | None:
    for b in reversed(last_blocks):
        if SIGNED_CLAUSE.search(b.text) and (m := SIGNED_PLACE.search(b.text.strip())):
            if place := as_place(m.group(1) or m.group(2)):
                return Field(place, evidence=f"line {b.lines[0]}: signed {b.text.strip()[:80]}")
    return None


def _dateline(moved: list[Removal], known: publishers_.Registry) -> Field | None:
    """A dateline that carries a place after its date: "2013年11月5日 斯坦福大学", "2023年10月18日　北京"."""
    for r in moved:
        if r.rule == "meta.date" and (rest := dateline_place(r.text, known)):
            return Field(rest, evidence=f"line {r.line}: place in the dateline")
    return None


def _held(leads: list[tuple[int, str]]) -> Field | None:
    """The lead says where the meeting was held: "…高峰论坛在北京举行", "齐聚长沙", "held in Beijing"."""
    for line, text in leads:
        m = HELD_ZH.search(text) or HELD_EN.search(text)
        # (A place in English may be one word: "held in Beijing".)
        place = next(g for g in m.groups() if g).strip() if m else ""
        place = place if m and m.re is HELD_EN else as_place(place)
        # (nor a meeting still to come, "高峰论坛将于5月14日至15日在北京举行", or going on as an
        # op-ed is written, "论坛正在北京如火如荼举行": the text is not its record)
        if m and m.re is HELD_ZH and re.search("将|拟|正$", re.split("[，。；]", text[: m.start()])[-1]):
            continue
        if place and not re.search(r"的|[中下里内]$", place):  # "在亲切友好的气氛中举行": how, not where
            return Field(place, evidence=f"line {line}: where it was held: {m.group(0)[:60]}")
    return None


def _met(leads: list[tuple[int, str]]) -> Field | None:
    for line, text in leads:
        if (m := MET_ZH.search(text)) and (place := as_place(m.group(1))):
            return Field(place, evidence=f"line {line}: where it took place: {m.group(0)[:60]}")
    return None


def _gathered(texts: list[tuple[int, str]]) -> Field | None:
    """Last, a gathering the title or the lead says the text was given at (_gatherings)."""
    for line, text in texts:
        if place := gathering(text):
            where = f"line {line}: the gathering it was given at" if line else "the title names the gathering"
            return Field(place, evidence=f"{where}: {text[:60]}")
    return None


@lru_cache(maxsize=1)
def _named_gathering_zh() -> re.Pattern[str]:
    zh = "|".join(
        re.escape(w) for w in (*vocabulary_words()["zh_gathering_nouns"], "记者会", "新闻发布会", "吹风会")
    )
    return re.compile(
        # "出席…主办的“南非认知视野下的‘一带一路’倡议”研讨会", "外交部长秦刚举行两会记者会"
        rf"(?:出席|参加|举行|主持|召开)[^，。；]{{0,40}}?(?P<occ>“[^“”]{{2,40}}”[^，。；、\s“”]{{0,6}}?(?:{zh}))"
        rf"|举行(?P<press>[^，。；、\s“”]{{0,8}}?(?:记者会|新闻发布会|吹风会))"
        # "出席中華民國全國商業總會112年新春聯誼晚宴前": a gathering by its full name, where the clause ends
        rf"|出席(?P<plain>[^，。；、\s“”]{{4,30}}?(?:{zh}))(?=前|时|時|上|后|後|[，。；]|$)"
    )


def _named_gathering(leads: list[tuple[int, str]]) -> Field | None:
    """A gathering the lead names in quotation marks or by its full name after 出席, or the press
    conference its speaker held."""
    for line, text in leads:
        m = _named_gathering_zh().search(text)
        if m and (place := as_place(m.group("occ") or m.group("press") or m.group("plain"))):
            return Field(place, evidence=f"line {line}: the gathering the lead names: {m.group(0)[:60]}")
    return None


@lru_cache(maxsize=1)
def _gatherings() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A gathering named after a cue that says the text was given there: "addresses 3rd Paris
    Peace Forum", "takes part in the … Council meeting", "during the Fourth Forum on China-Africa
    Cooperation (FOCAC)"; "出席第…届…会议", "第十三届全国人大一次会议表决通过"."""
    words = vocabulary_words()
    en = "|".join(re.escape(w) for w in words["en_gathering_nouns"])
    zh = "|".join(re.escape(w) for w in words["zh_gathering_nouns"])
    # (or a year: "the 2024 Summit of the Forum on China-Africa Cooperation")
    ordinal = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|(?:19|20)\d\d)\s+"
    cap = r"[A-Z][\w'’-]*"
    gathering_en = re.compile(
        r"\b(?:addresse?s?|attends?|attended|(?:takes?|took)\s+part\s+in|participat(?:es|ed)\s+in|chair(?:s|ed)|"
        r"speaks?\s+at|spoke\s+at|[Ss]peaking\s+at|during|on\s+the\s+sidelines\s+of)\s+(?:the\s+)?"
        # (a part of the gathering first: "the first roundtable discussion at the Belt and Road Forum …")
        r"(?:(?:an?\s+)?[a-z][a-z-]+(?:\s+[a-z][a-z-]+){0,3}\s+(?:at|of)\s+(?:the\s+)?)?"
        rf"(?P<occ>(?:{ordinal})?(?:{cap}\s+|(?:of|on|for|and)\s+)*?(?i:{en})s?"
        rf"(?:\s+(?:on|of|for)\s+(?:the\s+)?{cap}(?:\s+(?:and\s+)?{cap})*){{0,2}}(?:\s+\([A-Z]{{2,10}}\))?)(?![\w-])"
    )
    # (a noun's end is no end when 议 follows: "安全会议" holds "全会" but names a 会议)
    gathering_zh = re.compile(
        rf"(?:出席|参加|在|于)(?P<occ>第[\d一二三四五六七八九十]+[届次][^，。；、“”《》\s]{{2,30}}?(?:{zh}))(?!议)"
        # what was said at a gathering, or sent to one: "王毅在2025年国际形势与中国外交研讨会上表示",
        # "习近平向“一带一路”亚太区域国际合作高级别会议发表书面致辞"
        rf"|在(?P<said>[^，。；、《》\s]{{2,40}}?(?:{zh}))上(?:表示|指出|强调|介绍|说)"
        rf"|向(?P<sent>[^，。；、《》\s]{{2,40}}?(?:{zh}))(?!议)发表(?:书面|视频)?(?:致辞|讲话|演讲)"
        rf"|(?P<occ2>第[\d一二三四五六七八九十]+届[^，。；、“”《》\s]{{2,30}}?(?:{zh}))(?!议)(?:表决)?(?:通过|审议)"
    )
    return gathering_en, gathering_zh


def gathering(text: str) -> str:
    """The gathering `text` says it was given at or adopted by (_gatherings), or ""."""
    for pattern in _gatherings():
        if m := pattern.search(text):
            groups = m.groupdict()
            return as_place(next((groups[g] for g in ("occ", "occ2", "said", "sent") if groups.get(g)), ""))
    return ""


# Where a lead says a meeting was held: "在北京举行", "于长沙召开", "齐聚长沙", "held in Beijing".
HELD_ZH = re.compile(
    # (not what is still to come: "在高峰论坛即将在北京举办之际")
    r"(?<!将)(?:在|于)([^\s\d，。；、“”《》（）()]{2,10}?)(?:隆重|正式|顺利|成功|盛大|如期|如火如荼|热烈)?(?:地)?(?:举行|召开|举办|开幕|闭幕|拉开帷幕)(?!之际)"
    r"|齐聚([^\s\d，。；、]{2,8}?)(?=[，,。；]|$)"
)
# Where a leader met, visited or inspected, asked after any gathering named: "信长星在南京看望…".
MET_ZH = re.compile(
    r"在(?![这那此该其会线])([^\s\d，。；、“”《》（）()]{2,6}?)(?:看望|慰问|会见|会晤|调研|考察|视察|出席|主持|接受(?=[^，。；]{0,12}采访))"
)


HELD_EN = re.compile(
    r"\b(?:(?:was|were|is|being)\s+held|convened|took\s+place|gathered)\s+in\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
)


# The longest place a dateline may name without a place's ending (北京, Beijing): longer, it could
# be a name or a headline.
DATELINE_PLACE_UNITS = 4


def dateline_place(text: str, known: publishers_.Registry) -> str:
    """The place a date line names after its date, when it is not an outlet or a clock time."""
    rest = as_place(ZH_DATE.sub("", EN_DATE_MDY.sub("", EN_DATE_DMY.sub("", text))))
    if not rest or CLOCK.search(text) or DOMAIN.search(rest) or not 2 <= script.units(rest) <= 20:
        return ""
    if PLACE_ENDINGS.search(rest):
        return rest
    site_words = tuple(vocabulary_words()["site_name_words"])
    short = script.units(rest) <= DATELINE_PLACE_UNITS and " " not in rest.strip()
    if short and known.by_name(rest) is None and not rest.endswith(site_words):
        return rest
    return ""
