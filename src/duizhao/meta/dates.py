"""The page's date: the date forms of both languages (iso_date), and which date a page states
for itself: a speech's own dateline, a labelled or stamped head line, the page's markup, a closing
signature, the crawler's header; htmldate as a second opinion."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from .. import script
from ..clean.markdown import INLINE_MARKUP
from ..model import Field, Metadata, Removal, Signal
from ..vocab import prefilter
from ..vocab.prefilter import Prefiltered
from ..vocab.rules import vocabulary_words

EN_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}


_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"


EN_DATE_MDY = re.compile(_MONTH + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I)


EN_DATE_DMY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\.?,?\s+(\d{4})", re.I)


ZH_DATE = re.compile(r"([12]\d{3})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")


ISO_DATE = re.compile(r"\b([12]\d{3})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\b")


# Day first, dotted: "09.02.2021." (the written form of most of Europe and Russia; the US, which
# puts the month first, writes slashes).
DOTTED_DMY = re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?([12]\d{3})\b(?!\.\d)")


ZH_NUMERALS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}


ZH_DATE_HANZI = re.compile(
    r"([〇○零一二三四五六七八九]{4})年([〇○零一二三四五六七八九十]{1,2})月(?:([〇○零一二三四五六七八九十]{1,3})日)?"
)


DATES_MDY, DATES_DMY = Prefiltered(EN_DATE_MDY), Prefiltered(EN_DATE_DMY)


DATES_ZH, DATES_ISO, DATES_HANZI = Prefiltered(ZH_DATE), Prefiltered(ISO_DATE), Prefiltered(ZH_DATE_HANZI)


DATES_DOTTED = Prefiltered(DOTTED_DMY)


def iso_date(text: str) -> str | None:
    """The first full or partial date in `text`, as ISO 8601."""
    # The first valid date each pattern finds is the only one of its dates that can come first:
    # the rest of the text is not searched for it (speed).
    found: list[tuple[int, str]] = []
    folded = prefilter.fold(text)
    for m in DATES_MDY.finditer(text, folded):
        month = EN_MONTHS.get(m.group(1).lower().rstrip("."))
        if month and (iso := iso_of(m.group(3), month, m.group(2))):
            found.append((m.start(), iso))
            break
    for m in DATES_DMY.finditer(text, folded):
        month = EN_MONTHS.get(m.group(2).lower().rstrip("."))
        if month and (iso := iso_of(m.group(3), month, m.group(1))):
            found.append((m.start(), iso))
            break
    for m in DATES_ZH.finditer(text, folded):
        if iso := iso_of(m.group(1), int(m.group(2)), m.group(3)):
            found.append((m.start(), iso))
            break
    for m in DATES_ISO.finditer(text, folded):
        if iso := iso_of(m.group(1), int(m.group(2)), m.group(3)):
            found.append((m.start(), iso))
            break
    for m in DATES_DOTTED.finditer(text, folded):
        if iso := iso_of(m.group(3), int(m.group(2)), m.group(1)):
            found.append((m.start(), iso))
            break
    for m in DATES_HANZI.finditer(text, folded):
        year = "".join(str(ZH_NUMERALS[c]) for c in m.group(1))
        if iso := iso_of(year, zh_number(m.group(2)), m.group(3) and str(zh_number(m.group(3)))):
            found.append((m.start(), iso))
            break
    return min(found)[1] if found else None


def zh_number(text: str) -> int:
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (ZH_NUMERALS.get(tens, 1) if tens else 1) * 10 + (ZH_NUMERALS.get(ones, 0) if ones else 0)
    return int("".join(str(ZH_NUMERALS[c]) for c in text))


def iso_of(year: str, month: int, day: str | None) -> str:
    y = int(year)
    if not (1900 <= y <= 2100 and 1 <= month <= 12):
        return ""
    if day:
        d = int(day)
        if 1 <= d <= calendar.monthrange(y, month)[1]:
            return f"{y:04d}-{month:02d}-{d:02d}"
    # No day, or one the month does not have (a typo: 30 February): the month is what is known.
    return f"{y:04d}-{month:02d}"


# Where a page's date signals come from, by trust: the page's own markup states its publication
# date; a crawler's header or front matter often gives the day it fetched or listed the page.
PAGE_DATE_SOURCES = ("<meta", "JSON-LD", "<time")


HEADER_DATE_SOURCES = ("front matter", "header")


def signal_date(signals: tuple[Signal, ...], sources: tuple[str, ...]) -> tuple[str, str] | None:
    for s in signals:
        if s.name == "date" and s.evidence.startswith(sources):
            iso = iso_date(s.value.replace("T", " "))
            if iso:
                return iso, f"{s.evidence}: {s.value}"
    return None


# A speech's own dateline: "（2023年10月18日，北京）", "(Beijing, 5 March 2019)": the day it was
# given, which a page published later does not change.
BRACKETED = re.compile(r"^\s*[（(\[【]([^（）()]{4,40})[）)\]】]\s*$")


# A line that labels the date it holds as the page's publication ("发布时间：", "Published:").
LABELLED = re.compile(
    r"(?:发布|发表|更新|刊发)(?:时间|日期)?\s*[：:]|(?:时间|日期)\s*[：:]|\b(?:published|posted|date)\b\s*[:：]?",
    re.I,
)


# A date standing alone on one of the last lines: the date a statement or notice was signed.
SIGNED_MAX_UNITS = 16


# ... or a closing clause of any length that says where and when it was signed: the diplomatic
# formula "Done in English and Chinese, … on this day, 3rd of September 2024, in Beijing",
# "Done at Beijing on …", "…于北京签署".
SIGNED_CLAUSE = re.compile(
    r"^\s*(?:done|signed)\s+(?:in|at)\b|于[^，。；]{1,12}(?:签署|签订)|(?:签署|签订)于", re.I
)


# ... unless the last this many blocks hold short lines with different dates: a "related
# articles" list the cleaner kept (each item dated), not a signature.
SIGNED_LIST_BLOCKS = 10


# Header lines this far below the title (or the text's first line) still belong to its head.
HEAD_LINES = 12


# Removed lines this near the headline (or above the text's first block) are the head's furniture
# (byline, date line). Why: on the development pages the byline and date sit 2-20 lines from the
# headline, among menus, share bars and the translator's notice.
HEAD_ZONE_LINES = 24


# A line of the head that is a date and little else ("August 06, 2024", "11:36 AM PDT · June 11,
# 2025"), or a name and a time stamp ("紫金山实验室 2025-01-27 14:01", a platform's byline), is the
# page's date: at most this many units besides the stamp.
DATE_LINE_MAX_UNITS = 8


# A platform's stamp under the headline: an author and the account, then the date and the time
# ("刘骁骞  中国信息安全   2024-07-25 18:10"); longer than a name and a stamp, as plain.
PLATFORM_STAMP = re.compile(
    r"^\s*(?:原创\s+)?(?:[^\s\d]{2,20}\s+){1,2}[12]\d{3}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s+\d{1,2}:\d{2}(?::\d{2})?\s*$"
)


STAMP = re.compile(r"[12]\d{3}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}:\d{2}(?::\d{2})?")


# A date that opens a span ("于2024年8月29日至9月6日…进行国事访问", "from 29 August to 6 September"):
# a visit's days, not the day a text of it was issued.
RANGE_START = re.compile(
    r"\d{1,2}\s*日\s*(?:至|到|—|–|-)|\bfrom\s+\S+\s+\S+(?:\s+\d{4})?\s+(?:to|until|through)\b", re.I
)


OCCASION = re.compile("|".join(re.escape(w) for w in vocabulary_words()["occasion_words"]), re.I)


Found = tuple[str, str]  # (an ISO date, its evidence)


def fill_date(
    meta: Metadata,
    moved: list[Removal],
    opening: list,
    signals: tuple[Signal, ...] = (),
    closing: list | None = None,
    cleaned_html: str | None = None,
    near: list[tuple[int, str]] | None = None,
) -> None:
    """The document's date, by what it is: the day a speech was given or a statement signed (as
    the text says), else the page's own publication date (its markup, a labelled line, a
    dateline), else what a crawler's header or the address says."""
    # Lines the cleaner moved into the header, above the text or near its start (a "related
    # articles" list far below carries dates of other pages).
    title_line = next((r.line for r in moved if r.rule == "meta.title"), 0)
    start = max(title_line, opening[0].lines[0] if opening else 0)
    text_lines = [
        (r.line, r.text)
        for r in moved
        if r.rule not in ("meta.header", "meta.front_matter") and (not start or r.line <= start + HEAD_LINES)
    ]
    title = (meta.title_zh or meta.title_en).value if (meta.title_zh or meta.title_en) else ""
    # The page's own date line above the text ("发布时间 : …", a date under the byline): a text is
    # signed on or before the day it is published, so a later "signature" is something else (a
    # related-articles list the cleaner kept).
    stated = head_date(text_lines, near or [])
    found = (
        _own_dateline(text_lines + [(b.lines[0], b.text) for b in opening[:6]])
        or _occasion_day(title, opening)
        or _adopted(title, opening)
        or _signature(list(closing or []) + _dated_below(moved, closing or []), stated)
        or signal_date(signals, PAGE_DATE_SOURCES)
        or _head_line(text_lines)
        or stated
        # (a front matter's "date" is a post's own, a crawler header's "date" often its fetch day:
        # the first above a date mentioned in the lead, the second below it)
        or signal_date(signals, ("front matter",))
        or _lead_date(opening)
        or _fallback(signals, cleaned_html)
    )
    if found:
        meta.date = Field(found[0], evidence=found[1])


def _own_dateline(head: list[tuple[int, str]]) -> Found | None:
    for line, text in head:
        m = BRACKETED.match(text)
        if m and (iso := iso_date(m.group(1))):
            return iso, f"line {line}: the text's dateline {text.strip()}"
    return None


def _occasion_day(title: str, opening: list) -> Found | None:
    """A speech or an occasion in the title: the full date its lead opens with."""
    if OCCASION.search(title):
        for b in opening[:2]:
            if (iso := iso_date(b.text)) and len(iso) == 10 and not RANGE_START.search(b.text):
                return iso, f"line {b.lines[0]}: the day of the occasion, in the lead"
    return None


@dataclass(frozen=True)
class _Moved:
    """A date line the cleaner moved into the header, standing in for a closing block."""

    lines: tuple[int, ...]
    text: str


# How far below the text's last line a signature's date line the cleaner moved is looked for.
SIGNATURE_REACH = 6


def _dated_below(moved: list[Removal], closing: list) -> list[_Moved]:
    """Date lines just below the text ("工业和信息化部办公厅" / "2025年1月13日"), moved as metadata."""
    if not closing:
        return []
    last = closing[-1].lines[-1]
    return [
        _Moved((r.line,), r.text)
        for r in moved
        if r.rule == "meta.date" and last < r.line <= last + SIGNATURE_REACH and _date_alone(r.text)
    ]


def _date_alone(text: str) -> bool:
    """Whether the line is a date and nothing else ("2025年1月13日", "13 January 2025"), not a
    dated credit ("— 9to5Mac.com (@9to5mac) November 4, 2019")."""
    rest = re.sub(r"[\d年月日号,.\s/-]+", " ", text).strip().lower().rstrip(".")
    return bool(iso_date(text)) and (not rest or rest in EN_MONTHS)


# A law adopted or promulgated: "2018年3月20日，第十三届全国人大一次会议表决通过", "（…2021年6月10日…通过）".
ADOPTED = re.compile(r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)[^。；]{0,60}?(?:通过|公布|发布|颁布)")


def _adopted(title: str, opening: list) -> Found | None:
    """A law's or a regulation's title: the day its head note or lead says it was adopted."""
    if not title.rstrip("（）()全文 ").endswith(tuple(vocabulary_words()["zh_law_endings"])):
        return None
    for b in opening[:3]:
        if (m := ADOPTED.search(b.text[:300])) and (iso := iso_date(m.group(1))):
            return iso, f"line {b.lines[0]}: the day it was adopted: {m.group(0)[:60]}"
    return None


def _signature(closing: list, stated: Found | None) -> Found | None:
    """Short dated lines near the end: one is a signature; several are a list of other pages."""
    tail_dates = {
        iso
        for b in closing[-SIGNED_LIST_BLOCKS:]
        if script.units(b.text) <= SIGNED_MAX_UNITS and (iso := iso_date(b.text))
    }
    for b in reversed(closing[-3:] if len(tail_dates) <= 1 else []):
        short = script.units(b.text) <= SIGNED_MAX_UNITS or SIGNED_CLAUSE.search(b.text)
        if short and (iso := iso_date(b.text)) and len(iso) == 10:
            if stated and iso > stated[0]:
                continue
            return iso, f"line {b.lines[0]}: signed {b.text.strip()}"
    return None


def _head_line(text_lines: list[tuple[int, str]]) -> Found | None:
    """A dated line of the head, a labelled one ("发布时间：") first."""
    for labelled in (True, False):
        for line, text in text_lines:
            if bool(LABELLED.search(text)) == labelled and (iso := iso_date(text)):
                return iso, f"line {line}: {text[:80]}"
    return None


def _lead_date(opening: list) -> Found | None:
    for b in opening[:3]:
        if iso := iso_date(b.text):
            return iso, f"line {b.lines[0]}: date in the lead"
    return None


def _fallback(signals: tuple[Signal, ...], cleaned_html: str | None) -> Found | None:
    """What a crawler's header or the address says; htmldate's reading of the markup last."""
    found = signal_date(signals, HEADER_DATE_SOURCES)
    if found is None:
        url = next((s for s in signals if s.name == "url_date"), None)
        found = (url.value, url.evidence) if url else None
    if found is None and cleaned_html is not None:
        found = htmldate_opinion(cleaned_html)
    return found


def head_date(text_lines: list[tuple[int, str]], near: list[tuple[int, str]]) -> tuple[str, str] | None:
    """The date the page states for itself just above the text: a labelled line ("发布时间 :",
    "Published:") or a line that is only a date, among the header lines and the furniture the
    cleaner dropped above the first block."""
    # (a removed line keeps its Markdown: an image glued to the date is no text of the line)
    lines = sorted(set(text_lines) | {(n, INLINE_MARKUP.sub("", t)) for n, t in near})
    for line, text in lines:
        if LABELLED.search(text) and (iso := iso_date(text)) and len(iso) == 10:
            return iso, f"line {line}: {text.strip()[:80]}"
    for line, text in lines:
        if (
            (iso := iso_date(text))
            and len(iso) == 10
            and (script.units(STAMP.sub(" ", text)) <= DATE_LINE_MAX_UNITS or PLATFORM_STAMP.match(text))
        ):
            return iso, f"line {line}: {text.strip()[:80]}"
    return None


def htmldate_opinion(html: str) -> tuple[str, str] | None:
    """htmldate's reading of a page's date (a second opinion: its own rules over the markup)."""
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - installed with trafilatura
        return None
    try:
        found = find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:  # a second opinion must never cost the document
        return None
    return (found, "htmldate (the page's markup)") if found else None
