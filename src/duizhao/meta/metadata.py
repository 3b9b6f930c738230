"""Stage 3, metadata: the header fields, read from the lines the cleaner moved out of the body
(titles, bylines, datelines) and from the opening of the text. Every field says where it came from.
"""

from __future__ import annotations

import calendar
import re
import urllib.parse
from dataclasses import replace
from functools import lru_cache
from importlib import resources

import yaml

from .. import script
from ..clean import titles
from ..clean.clean import INLINE_MARKUP
from ..model import BlockKind, Cleaned, Field, Metadata, Removal, Signal
from ..vocab import hanzi, prefilter
from ..vocab import publishers as publishers_
from ..vocab.prefilter import Prefiltered
from ..vocab.rules import vocabulary, vocabulary_words
from . import people

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
ZH_NUMERALS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
ZH_DATE_HANZI = re.compile(
    r"([〇○零一二三四五六七八九]{4})年([〇○零一二三四五六七八九十]{1,2})月(?:([〇○零一二三四五六七八九十]{1,3})日)?"
)

BYLINE_EN = re.compile(r"^\s*by\s+(.+?)\s*$", re.I)
BYLINE_ZH = re.compile(r"^\s*[（(]?\s*(?:作者|记者|文|撰文|撰稿|通讯员)\s*[：:｜|]?\s*(.+?)\s*[）)]?\s*$")
# "<role> <name>" on a line of its own at the head of a zh speech: 中国国务院新闻办公室主任 蔡名照
ZH_ROLE_NAME = re.compile(
    rf"^(?P<role>[{script.HAN}（）()、·\s]{{0,40}}?(?:{vocabulary()['zh_roles']}))"
    rf"\s*(?P<name>[{script.HAN}·]{{2,4}})\s*$"
)
SOURCE_ZH = re.compile(r"(?:来源|出处|稿源|转自|本文来源|信息来源)\s*[：:｜|]\s*([^\s，,|｜]{2,30})")
SOURCE_EN = re.compile(r"\bsource\s*[:：]\s*(.{2,60}?)\s*$", re.I)
DOMAIN = re.compile(r"\b([\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|cn|uk|hk|tw|info|news))\b", re.I)
# "…在第四届全球网络空间合作峰会上的主旨演讲" / "Keynote speech at the 4th Global Cyberspace Cooperation Summit"
# (and in a lead: "习近平在…开幕式上发表主旨演讲", "delivered a speech via video at the third Paris
# Peace Forum on Nov. 12")
VENUE_ZH = re.compile(
    r"在([^，。；]{2,60}?)(?:上|开幕式上|闭幕式上|期间)(?:发表)?的?(?:主旨|书面|视频|重要)?(?:演讲|讲话|致辞|发言|报告)"
)
VENUE_EN = re.compile(
    r"(?:speech|remarks|address|statement|lecture)\s+(?:via\s+video\s+)?(?:at|to|before)\s+(?:the\s+)?"
    r"(.{3,160}?)(?:[,;]|\.(?:\s|$)|\s+on\s+(?:\w+day|[A-Z][a-z]{2,8}\.?\s+\d)|$)",
    re.I,
)
# "…published a signed article entitled "…" in the Huffington Post"
ENTITLED_EN = re.compile(
    r"\b(?:entitled|titled)\s+[\"“](.{4,200}?)[\"”](?:\s+in\s+(?:the\s+)?([A-Z][\w&.' -]{2,40}?)(?=[,.;:]|\s+on\b|\s+in\b|$))?"
)
ENTITLED_ZH = re.compile(r"题为《(.{2,80}?)》")
AUTHOR_LEAD_EN = re.compile(
    r"(?:^|,\s*)(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}),\s+(?P<role>[^,]{3,120}?),\s+"
    r"(?:published|wrote|delivered|gave|made|issued)\s+(?:a|an|the)?\s*(?:signed\s+)?"
    r"(?:article|op-ed|speech|keynote|remarks|statement|commentary|interview)"
)
AUTHOR_LEAD_ZH = re.compile(
    rf"(?P<role>[{script.HAN}]{{2,30}}?(?:{vocabulary()['zh_roles']}))(?P<name>[{script.HAN}·]{{2,4}})"
    r"(?:在|于).{0,40}?发表(?:了)?(?:题为)?"
)
# A lead that names who published a text names its author only when the text follows ("全文如下",
# "the full text is as follows"); otherwise the page reports on it (a news item, whose author is
# not the speaker it quotes).
FOLLOWS = re.compile(
    r"(?:全文|原文|讲话|演讲|文章)?如下|以下(?:为|是)|full\s+text|as\s+follows|reads?:\s*$", re.I
)
# The patterns searched through whole paragraphs, behind their prefilters (speed; same answers).
LEAD_EN, LEAD_ZH = Prefiltered(AUTHOR_LEAD_EN), Prefiltered(AUTHOR_LEAD_ZH)
TITLE_EN, TITLE_ZH = Prefiltered(ENTITLED_EN), Prefiltered(ENTITLED_ZH)
DATES_MDY, DATES_DMY = Prefiltered(EN_DATE_MDY), Prefiltered(EN_DATE_DMY)
DATES_ZH, DATES_ISO, DATES_HANZI = Prefiltered(ZH_DATE), Prefiltered(ISO_DATE), Prefiltered(ZH_DATE_HANZI)


def iso_date(text: str) -> str | None:
    """The first full or partial date in `text`, as ISO 8601."""
    # The first valid date each pattern finds is the only one of its dates that can come first:
    # the rest of the text is not searched for it (speed).
    found: list[tuple[int, str]] = []
    folded = prefilter.fold(text)
    for m in DATES_MDY.finditer(text, folded):
        month = EN_MONTHS.get(m.group(1).lower().rstrip("."))
        if month and (iso := _iso(m.group(3), month, m.group(2))):
            found.append((m.start(), iso))
            break
    for m in DATES_DMY.finditer(text, folded):
        month = EN_MONTHS.get(m.group(2).lower().rstrip("."))
        if month and (iso := _iso(m.group(3), month, m.group(1))):
            found.append((m.start(), iso))
            break
    for m in DATES_ZH.finditer(text, folded):
        if iso := _iso(m.group(1), int(m.group(2)), m.group(3)):
            found.append((m.start(), iso))
            break
    for m in DATES_ISO.finditer(text, folded):
        if iso := _iso(m.group(1), int(m.group(2)), m.group(3)):
            found.append((m.start(), iso))
            break
    for m in DATES_HANZI.finditer(text, folded):
        year = "".join(str(ZH_NUMERALS[c]) for c in m.group(1))
        if iso := _iso(year, _zh_number(m.group(2)), m.group(3) and str(_zh_number(m.group(3)))):
            found.append((m.start(), iso))
            break
    return min(found)[1] if found else None


def _zh_number(text: str) -> int:
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (ZH_NUMERALS.get(tens, 1) if tens else 1) * 10 + (ZH_NUMERALS.get(ones, 0) if ones else 0)
    return int("".join(str(ZH_NUMERALS[c]) for c in text))


def _iso(year: str, month: int, day: str | None) -> str:
    y = int(year)
    if not (1900 <= y <= 2100 and 1 <= month <= 12):
        return ""
    if day:
        d = int(day)
        if 1 <= d <= calendar.monthrange(y, month)[1]:
            return f"{y:04d}-{month:02d}-{d:02d}"
    # No day, or one the month does not have (a typo: 30 February): the month is what is known.
    return f"{y:04d}-{month:02d}"


def _first_sentence(text: str, limit: int = 60) -> str:
    m = re.search(r"[。！？!?]|(?<=[a-z0-9)])\.(?=\s)", text)
    sentence = text[: m.end()] if m else text
    sentence = sentence.strip().rstrip("。.")
    if len(sentence) > limit:
        cut = sentence[:limit]
        if script.language(cut) == "en" and " " in cut:
            cut = cut.rsplit(" ", 1)[0]
        sentence = cut.rstrip(",，、 ") + "…"
    return sentence


def extract(cleaned: Cleaned, known: publishers_.Registry | None = None) -> Metadata:
    """Header fields from what the page says about itself (its signals), the cleaner's metadata
    lines and the opening blocks. `known`: the publishers data (rules.publishers)."""
    meta = Metadata()
    signals = cleaned.signals
    known = known or publishers_.load()
    moved = [r for r in cleaned.removals if r.action == "metadata"]
    head_text = [r.text for r in moved]
    blocks = list(cleaned.blocks)
    langs = (  # asked twice below: once per block, if the cleaner has not already
        list(cleaned.block_languages)
        if len(cleaned.block_languages) == len(blocks)
        else [script.language(b.text) for b in blocks]
    )
    opening = [b for b in blocks[:6]]

    for r in moved:
        if r.rule == "meta.title":
            lang = script.language(r.text)
            if lang in ("zh", "mixed") and meta.title_zh is None:
                meta.title_zh = Field(r.text, evidence=f"line {r.line}: title line")
            elif lang == "en" and meta.title_en is None:
                meta.title_en = Field(r.text, evidence=f"line {r.line}: title line")

    _stated_title(
        meta, signals, known, [b.text for b in blocks[:12]] + [r.text for r in cleaned.removals[:80]]
    )
    near = _head_zone(cleaned.removals, opening)
    _speaker(
        meta,
        moved,
        opening,
        signals,
        near,
        known,
        people.editors(r.text for r in cleaned.removals),
        [(r.line, r.text) for r in cleaned.removals],
        _closing_lines(cleaned.removals, blocks),
    )
    if meta.author is None:
        _people(meta, moved, opening)
    _date(
        meta,
        moved,
        opening,
        signals,
        blocks,
        cleaned.decoded.text if cleaned.decoded.kind == "html" else None,
        near,
    )
    meta.source_url = _source_url(signals)
    _publisher(meta, moved, opening, signals, known, _main_language(blocks, langs), near)
    _venue(meta, moved, blocks[:3], blocks[-3:], known)

    # Titles named in the lead ("entitled "…"", 题为《…》) when no title line exists.
    for b in opening:
        if meta.title_en is None and (m := TITLE_EN.search(b.text)):
            meta.title_en = Field(m.group(1), evidence=f"line {b.lines[0]}: named in the lead")
            if meta.publisher is None and m.group(2):
                meta.publisher = Field(m.group(2).strip(), evidence=f"line {b.lines[0]}: “… in {m.group(2)}”")
        if meta.title_zh is None and (m := TITLE_ZH.search(b.text)):
            meta.title_zh = Field(m.group(1), evidence=f"line {b.lines[0]}: named in the lead")

    # Fallback: the first sentence of each language, marked as derived.
    for lang in ("zh", "en"):
        attr = f"title_{lang}"
        if getattr(meta, attr) is None:
            first = next(
                (
                    b
                    for b, b_lang in zip(blocks, langs, strict=True)
                    if b.kind is BlockKind.PARAGRAPH and b_lang == lang
                ),
                None,
            )
            if first is not None and not (
                lang == "en" and meta.title_zh and meta.title_zh.origin != "derived"
            ):
                setattr(
                    meta,
                    attr,
                    Field(
                        _first_sentence(first.text), origin="derived", evidence="first sentence of the text"
                    ),
                )
    del head_text
    meta.translation = translation_status(blocks, langs)
    zh_text = "".join(b.text for b, lang in zip(blocks, langs, strict=False) if lang in ("zh", "mixed"))
    meta.zh_script = hanzi.variant(zh_text) if zh_text else ""
    return meta


@lru_cache(maxsize=1)
def _translation_signals() -> tuple[int, tuple[tuple[str, str, Prefiltered, int, Prefiltered | None], ...]]:
    data = yaml.safe_load(resources.files("duizhao.data").joinpath("translation.yml").read_text("utf-8"))
    signals = tuple(
        (
            sid,
            spec["why"],
            Prefiltered(re.compile(spec["pattern"], re.I)),
            int(spec.get("min", 1)),
            Prefiltered(re.compile(spec["unless_more"], re.I)) if spec.get("unless_more") else None,
        )
        for sid, spec in data["signals"].items()
    )
    return int(data.get("threshold", 2)), signals


def translation_status(blocks: list, langs: list[str] | None = None) -> Field:
    """Original, or machine translation suspected (with the evidence), from the kept text.
    `langs`: script.language of each block, when the caller has them already."""
    langs = set(langs if langs is not None else (script.language(b.text) for b in blocks))
    if "zh" in langs and "en" in langs:
        return Field(
            "unknown",
            origin="derived",
            evidence="Chinese and English side by side; who translated is not stated",
        )
    if "en" not in langs:
        return Field("original", origin="derived", evidence="Chinese text, no sign of translation")
    threshold, signals = _translation_signals()
    text = "\n".join(b.text for b in blocks)
    folded = prefilter.fold(text)
    fired: list[str] = []
    for sid, why, pattern, least, unless in signals:
        hits = [m.group(0) for m in pattern.finditer(text, folded)]
        if len(hits) < least or (
            unless is not None and sum(1 for _ in unless.finditer(text, folded)) >= len(hits)
        ):
            continue
        shown = ", ".join(f"“{h}”" for h in list(dict.fromkeys(hits))[:3])
        fired.append(f"{sid}: {why} ({len(hits)}×: {shown})")
    if len(fired) >= threshold:
        return Field("machine-suspected", origin="derived", evidence="; ".join(fired))
    evidence = "; ".join(fired) if fired else "no sign of machine translation found"
    return Field(
        "unknown", origin="derived", evidence=f"English text, original or translation not stated ({evidence})"
    )


def _stated_title(
    meta: Metadata, signals: tuple[Signal, ...], known: publishers_.Registry, texts: list[str]
) -> None:
    """The page's title from its signals, where no line of the text was the title: a title field,
    agreeing signals, or the <title> without the site's name (each named as such)."""
    cands = titles.candidates(signals, known)
    if not cands:
        return
    stated = titles.strong(cands)
    best = stated or cands[0]
    if (cut := titles.cut_to_text(best.value, texts)) != best.value:
        best = replace(best, value=cut, evidence=f"{best.evidence}, cut to the headline in the text")
        stated = best if stated is not None else None
    lang = script.language(best.value)
    attr = "title_zh" if lang in ("zh", "mixed") else "title_en"
    current = getattr(meta, attr)
    if current is None:
        setattr(meta, attr, Field(best.value, evidence=f"{best.evidence} (the page's own title)"))
    elif stated is not None and titles.agree(current.value, best.value):
        # The page states its title in full ("…（全文）"); the line in the text is the same title.
        setattr(meta, attr, Field(best.value, evidence=f"{best.evidence}; {current.evidence}"))
    else:
        kc, kb = titles.key(current.value), titles.key(best.value)
        if titles.agree(current.value, best.value) or (kc in kb and len(kc) * 2 >= len(kb)):
            # A <title> holding the text's headline and some cruft: the headline is the title.
            setattr(meta, attr, replace(current, evidence=f"{current.evidence}; also {best.evidence}"))
        elif kc in kb or any(titles.agree(t, best.value) for t in texts):
            # The line taken for the title is a scrap of the page's title (a name line), or the
            # page's title stands in the text too: the page's title it is.
            setattr(meta, attr, Field(best.value, evidence=f"{best.evidence} (the page's own title)"))


def _head_zone(removals: tuple[Removal, ...] | list[Removal], opening: list) -> list[tuple[int, str]]:
    """The lines the cleaner removed around the headline, or else just above the text's first
    block (a page's byline, author link and "发布时间：" line often sit in furniture the cleaner
    drops as a whole), as (line, text). Only labelled bylines and dates, and lines that are a date
    alone, are read from them: whatever else chrome says is no evidence."""
    title = next((r.line for r in removals if r.rule == "meta.title"), 0)
    if title:  # around the headline (a byline sits above or below it)
        low, high = title - HEAD_ZONE_LINES, title + HEAD_ZONE_LINES
    elif opening:  # else above the text
        low, high = opening[0].lines[0] - HEAD_ZONE_LINES, opening[0].lines[0] - 1
    else:
        return []
    return [
        (r.line, r.text)
        for r in removals
        if low <= r.line <= high and r.action == "removed"  # (whole lines, not a kept line's markup)
    ]


# A transcript's first speaker's label sits under the page's own lines (place, summary): this far
# (the opening blocks the metadata stage reads).
LABEL_BLOCKS = 6


def _speaker(
    meta: Metadata,
    moved: list[Removal],
    opening: list,
    signals: tuple[Signal, ...],
    near: list[tuple[int, str]] | None = None,
    known: publishers_.Registry | None = None,
    editors: frozenset[str] = frozenset(),
    removed: list[tuple[int, str]] | None = None,
    closing: list[tuple[int, str]] | None = None,
) -> None:
    """The speaker or author: as the title names them, as a speaker line or byline in the head
    says, a labelled byline or author link in the furniture just above the text, or as the page's
    metadata gives them (people.py)."""
    title = next((f for f in (meta.title_zh, meta.title_en) if f is not None and f.origin != "derived"), None)
    found = people.from_title(title.value) if title else None
    if found is None:
        titled = [(0, s.value) for s in signals if s.name in ("title", "page_title")]
        start = next((r.line for r in moved if r.rule == "meta.title"), 0)
        head = [(r.line, r.text) for r in moved if r.rule not in ("meta.header", "meta.front_matter")]
        head = [(n, t) for n, t in head if not start or start <= n <= start + HEAD_LINES * 2]
        head = sorted(head + [(b.lines[0], b.text) for b in opening[:4]])[:12]
        found = people.from_lines(head + titled)
    found = (
        found
        or people.labelled_byline(near or [])
        or people.from_signals(signals, known, editors)
        or people.from_label([(b.lines[0], b.text) for b in opening[:LABEL_BLOCKS]])
        or people.author_box(removed or [])
        or people.closing_byline(closing or [])
    )
    if found is None:
        return
    meta.author = Field(found.name, evidence=found.evidence)
    if found.role:
        meta.role = Field(found.role, evidence=found.evidence)


def _closing_lines(removals: tuple[Removal, ...], blocks: list) -> list[tuple[int, str]]:
    """The text's last block and the lines removed just below it (where an article closes with
    its author line)."""
    if not blocks:
        return []
    last = blocks[-1].lines[-1]
    below = [(r.line, r.text) for r in removals if last < r.line <= last + people.CLOSING_LINES]
    return [(blocks[-1].lines[0], blocks[-1].text), *below]


def _people(meta: Metadata, moved: list[Removal], opening: list) -> None:
    for r in moved:
        if meta.author is not None:
            break
        text = r.text
        for pattern in (BYLINE_EN, BYLINE_ZH):
            m = pattern.match(text)
            if m and r.rule == "meta.byline" and (pattern is BYLINE_ZH or people.person_words(m.group(1).split())):
                meta.author = Field(m.group(1), evidence=f"line {r.line}: byline")
                break
        else:
            m = ZH_ROLE_NAME.match(text)
            if m and people.name_after_office(m.group("name")):
                meta.author = Field(m.group("name"), evidence=f"line {r.line}: speaker line")
                meta.role = Field(m.group("role").strip(), evidence=f"line {r.line}: speaker line")
    if meta.author is None:
        for b in opening:
            folded = prefilter.fold(b.text)
            m = LEAD_EN.search(b.text, folded) or LEAD_ZH.search(b.text, folded)
            if m and FOLLOWS.search(b.text):
                meta.author = Field(m.group("name"), evidence=f"line {b.lines[0]}: named in the lead")
                meta.role = Field(m.group("role").strip(), evidence=f"line {b.lines[0]}: named in the lead")
                break


# Where a page's date signals come from, by trust: the page's own markup states its publication
# date; a crawler's header or front matter often gives the day it fetched or listed the page.
PAGE_DATE_SOURCES = ("<meta", "JSON-LD", "<time")
HEADER_DATE_SOURCES = ("front matter", "header")


def _signal_date(signals: tuple[Signal, ...], sources: tuple[str, ...]) -> tuple[str, str] | None:
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
STAMP = re.compile(r"[12]\d{3}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}:\d{2}(?::\d{2})?")
# A date that opens a span ("于2024年8月29日至9月6日…进行国事访问", "from 29 August to 6 September"):
# a visit's days, not the day a text of it was issued.
RANGE_START = re.compile(
    r"\d{1,2}\s*日\s*(?:至|到|—|–|-)|\bfrom\s+\S+\s+\S+(?:\s+\d{4})?\s+(?:to|until|through)\b", re.I
)
OCCASION = re.compile("|".join(re.escape(w) for w in vocabulary_words()["occasion_words"]), re.I)


def _date(
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
    head = text_lines + [(b.lines[0], b.text) for b in opening[:6]]
    for line, text in head:
        m = BRACKETED.match(text)
        if m and (iso := iso_date(m.group(1))):
            meta.date = Field(iso, evidence=f"line {line}: the text's dateline {text.strip()}")
            return
    title = (meta.title_zh or meta.title_en).value if (meta.title_zh or meta.title_en) else ""
    if OCCASION.search(title):
        for b in opening[:2]:
            if (iso := iso_date(b.text)) and len(iso) == 10 and not RANGE_START.search(b.text):
                meta.date = Field(iso, evidence=f"line {b.lines[0]}: the day of the occasion, in the lead")
                return
    # The page's own date line above the text ("发布时间 : …", a date under the byline): a text is
    # signed on or before the day it is published, so a later "signature" is something else (a
    # related-articles list the cleaner kept).
    stated = _head_date(text_lines, near or [])
    # Short dated lines near the end: one is a signature; several are a list of other pages.
    tail_dates = {
        iso
        for b in (closing or [])[-SIGNED_LIST_BLOCKS:]
        if script.units(b.text) <= SIGNED_MAX_UNITS and (iso := iso_date(b.text))
    }
    for b in reversed((closing or [])[-3:] if len(tail_dates) <= 1 else []):
        short = script.units(b.text) <= SIGNED_MAX_UNITS or SIGNED_CLAUSE.search(b.text)
        if short and (iso := iso_date(b.text)) and len(iso) == 10:
            if stated and iso > stated[0]:
                continue
            meta.date = Field(iso, evidence=f"line {b.lines[0]}: signed {b.text.strip()}")
            return
    found = _signal_date(signals, PAGE_DATE_SOURCES)
    if found:
        meta.date = Field(found[0], evidence=found[1])
        return
    for labelled in (True, False):
        for line, text in text_lines:
            if bool(LABELLED.search(text)) == labelled and (iso := iso_date(text)):
                meta.date = Field(iso, evidence=f"line {line}: {text[:80]}")
                return
    if stated:
        meta.date = Field(stated[0], evidence=stated[1])
        return
    for b in opening[:3]:
        iso = iso_date(b.text)
        if iso:
            meta.date = Field(iso, evidence=f"line {b.lines[0]}: date in the lead")
            return
    found = _signal_date(signals, HEADER_DATE_SOURCES)
    if found is None:
        url = next((s for s in signals if s.name == "url_date"), None)
        found = (url.value, url.evidence) if url else None
    if found is None and cleaned_html is not None:
        found = _htmldate(cleaned_html)
    if found:
        meta.date = Field(found[0], evidence=found[1])


def _head_date(text_lines: list[tuple[int, str]], near: list[tuple[int, str]]) -> tuple[str, str] | None:
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
            and script.units(STAMP.sub(" ", text)) <= DATE_LINE_MAX_UNITS
        ):
            return iso, f"line {line}: {text.strip()[:80]}"
    return None


def _htmldate(html: str) -> tuple[str, str] | None:
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


def _source_url(signals: tuple[Signal, ...]) -> Field | None:
    """The page's own address: its canonical link or og:url, a crawler's final address."""
    urls = [s for s in signals if s.name == "url" and s.value.lower().startswith(("http://", "https://"))]
    best = sorted(
        urls,
        key=lambda s: ("canonical" not in s.evidence and "og:url" not in s.evidence, "seed" in s.evidence),
    )
    return Field(best[0].value, evidence=best[0].evidence) if best else None


def _main_language(blocks: list, langs: list[str]) -> str:
    zh = sum(len(b.text) for b, lang in zip(blocks, langs, strict=False) if lang == "zh")
    en = sum(len(b.text) for b, lang in zip(blocks, langs, strict=False) if lang == "en") / 3
    return "zh" if zh >= en else "en"


def _publisher(
    meta: Metadata,
    moved: list[Removal],
    opening: list,
    signals: tuple[Signal, ...] = (),
    known: publishers_.Registry | None = None,
    lang: str = "zh",
    near: list[tuple[int, str]] | None = None,
) -> None:
    """Who published the page: the publishers data by its address, then what it calls itself
    (og:site_name, a "来源：" line, the site's name in <title>), in the page's language."""
    known = known or publishers_.load()
    if meta.source_url is not None and (p := known.by_url(meta.source_url.value)):
        meta.publisher = Field(
            p.name(lang), evidence=f"address {meta.source_url.value} (publishers data: {p.id})"
        )
        return
    # What the page calls itself, most telling first: its site name (og:site_name...), the site's
    # name in its <title>, the account or outlet named beside the date under the title, a
    # copyright line; then the source it credits ("来源：新华网": the original of a repost).
    text_lines = [r for r in moved if r.rule not in ("meta.header", "meta.front_matter")]
    own: list[tuple[str, str]] = [
        (s.value, s.evidence) for s in signals if s.name in ("site_name", "publisher")
    ]
    if meta.source_url is not None:
        own += _spelled_like_host(signals, meta.source_url.value)
    sites = [v for v, _ in own]
    for s in signals:
        if s.name == "page_title":
            own += [
                (seg, f"{s.evidence}: {s.value}")
                for seg in titles.site_segments(s.value, sites, known)
                if not SECTION_NAME.search(seg)
            ]
    # The dateline: a removed date line, or the line above the text the page's date was read from
    # (a platform's "account  date time" line can fall outside the text region).
    datelines = [(r.line, r.text) for r in text_lines if r.rule == "meta.date"]
    if meta.date is not None:
        datelines += [(no, t) for no, t in near or () if meta.date.evidence.startswith(f"line {no}:")]
    for no, text in sorted(set(datelines)):
        if name := _dateline_name(text):
            own.append((name, f"line {no}: the name in the dateline"))
    own += _copyright(text_lines)
    if meta.source_url is not None and known.platform(meta.source_url.value):
        # On a platform the scrape's header names the account ("source: 中国信息安全").
        own += [(s.value, s.evidence) for s in signals if s.name == "source"]
    credited: list[tuple[str, str]] = []
    for r in text_lines:
        m = SOURCE_ZH.search(r.text) or SOURCE_EN.search(r.text)
        if m:
            credited.append((m.group(1).strip(), f"line {r.line}: source line"))
    for group in (own, credited):
        for value, evidence in group:
            name = _publisher_name(value)
            if p := known.by_name(value) or (known.by_name(name) if name else None):
                meta.publisher = Field(
                    p.name(lang), evidence=f"{evidence}: {value} (publishers data: {p.id})"
                )
                return
        for value, evidence in group:
            name = _publisher_name(value)
            if name and not titles.key(name).isdigit():
                meta.publisher = Field(name, evidence=f"{evidence}: {value}")
                return
    for r in text_lines:  # a site named in a dateline: "China.org.cn, December 13, 2017"
        m = DOMAIN.search(r.text)
        if m and len(r.text) <= 60 and iso_date(r.text) and "archive.org" not in m.group(1).lower():
            p = known.by_url(m.group(1))
            meta.publisher = Field(
                p.name(lang) if p else m.group(1), evidence=f"line {r.line}: site named in a dateline"
            )
            return
    if meta.source_url is not None:
        host = (urllib.parse.urlsplit(meta.source_url.value).hostname or "").removeprefix("www.")
        if host:
            meta.publisher = Field(host, origin="derived", evidence=f"the site of {meta.source_url.value}")


COPYRIGHT = re.compile(
    r"(?:copyright|©|\(c\)|版权所有)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<name>[^.|,，。©]{2,60}?)\s*(?:\.|,|，|all rights|版权所有|$)",
    re.I,
)


def _copyright(lines: list[Removal]) -> list[tuple[str, str]]:
    """The name in a copyright line ("© 2025 TechCrunch. All rights reserved.")."""
    out = []
    for r in lines:
        m = COPYRIGHT.search(r.text)
        if m and not iso_date(m.group("name")):
            out.append((m.group("name").strip(), f"line {r.line}: copyright"))
    return out


# What a dateline holds beside its date that is not a name: labels and times.
DATELINE_NOISE = re.compile(
    r"原创|转载|发布|(?:最后)?更新|时间|日期|作者|星期.|周[一二三四五六日]|[：:|｜,，]|\d{1,2}:\d{2}(:\d{2})?|(?<![\w])\d+(?![\w])|"
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
    re.I,
)


CLOCK = re.compile(r"\d{1,2}:\d{2}")
LABEL_ANYWHERE = re.compile(r"(?:来源|出处|稿源|转自|source)\s*[:：]", re.I)


# A <title> segment that names a section of the site, not the site: "股票频道", "国际栏目".
SECTION_NAME = re.compile(r"(?:频道|頻道|栏目|欄目|专题|專題|首页|首頁)$")


def _dateline_name(text: str) -> str:
    """The name in an unbracketed dateline (a WeChat account, an outlet): what is left without
    the date, the time and labels, when it is one short name (repeated names count once)."""
    if text.strip().startswith(("（", "(", "[", "【")):
        return ""  # "（2023年10月18日，北京）": a speech's date and place
    if LABEL_ANYWHERE.search(text):
        return ""  # "2020年07月04日 12:10 来源：求是网": a credited source, read as one
    if (ZH_DATE.match(text.strip()) or ISO_DATE.match(text.strip())) and not CLOCK.search(text):
        return ""  # "2013年11月5日 斯坦福大学": the day, then where (an account's stamp has a time)
    rest = ZH_DATE.sub(" ", EN_DATE_MDY.sub(" ", EN_DATE_DMY.sub(" ", ISO_DATE.sub(" ", text))))
    words = list(dict.fromkeys(DATELINE_NOISE.sub(" ", rest).split()))
    # One name is the outlet or account; two ("原创 罗城OSINT 百灵猫开源情报分析师"): the author,
    # then the account that publishes.
    if not 1 <= len(words) <= 2 or not 2 <= len(words[-1]) <= 20:
        return ""
    return words[-1]


# A source line often carries more than the name: "Xinhua| 2018-12-21 13:42:12|Editor: Yamei",
# "人民网-文化频道", "安全客-有思想的安全新媒体": the name is the first field.
FIELD_SPLIT = re.compile(r"\s*[,，]\s*|\s*[|｜]\s*|\s+[-–—]\s+|-(?=[^-]*(?:频道|新媒体|栏目|版)$)")


LABEL = re.compile(r"^(?:来源|出处|稿源|转自|本文来源|信息来源|source|from)\s*[:：]\s*", re.I)


def _spelled_like_host(signals: tuple[Signal, ...], url: str) -> list[tuple[str, str]]:
    """A crawler's feed name that is spelled like the page's host names the site ("Krebs on
    Security" for krebsonsecurity.com; "FreeBuf" of "FreeBuf网络安全行业门户" for freebuf.com);
    another feed name may be a column or an author ("Deeplinks", "Graham Cluley"), never taken."""
    host = urllib.parse.urlsplit(url).hostname or ""
    labels = {titles.key(label) for label in host.split(".")[:-1] if len(label) > 3 and label != "www"}
    out: list[tuple[str, str]] = []
    for s in signals:
        if s.name != "source":
            continue
        latin = re.match(r"[A-Za-z0-9][A-Za-z0-9 .&'-]*", s.value.strip())
        for name in (s.value.strip(), latin.group(0).strip() if latin else ""):
            if name and titles.key(name) in labels:
                out.append((name, f"{s.evidence}: spelled like its address {host}"))
                break
    return out


def _publisher_name(value: str) -> str:
    value = re.sub(r"\s+(?:原创稿?|转载|供稿)$", "", LABEL.sub("", value.strip()))
    first = FIELD_SPLIT.split(value)[0].strip(" ,，:：")
    if not first or iso_date(first) or re.fullmatch(r"[\d\s:./-]+", first):
        return ""
    return first


# A speech's subtitle: "——在…上的主旨演讲".
SUBTITLE = re.compile(r"^\s*(?:——|--|—)")
# A place named after a dateline's date must look like one: these endings name places and venues.
PLACE_ENDINGS = re.compile(
    r"(?:大学|学院|市|省|区|县|州|国|中心|会议中心|大厦|宾馆|饭店|酒店|宫|厅|堂|馆|村|镇|岛|港|湾)$"
)
# What a venue never is: a date, a time, a number, an address on the web.
NOT_A_PLACE = re.compile(r"\d{1,2}:\d{2}|^[\d\s:./,-]+$|https?://|www\.", re.I)


def _place(text: str) -> str:
    """`text` as a venue, or "" when it is a date, a time, a number or too long to be one."""
    text = text.strip(" \u3000\t,，、;；:：()（）")
    if not text or NOT_A_PLACE.search(text) or iso_date(text) or len(text) > 160 or script.units(text) < 2:
        return ""
    return text


# How much of a lead paragraph may say where the speech was given (its first sentence or two).
LEAD_VENUE_CHARS = 240


# Where a closing clause says the text was signed: "…, in Beijing, China." / "于北京签署".
SIGNED_PLACE = re.compile(
    r"\b(?:in|at)\s+([A-Z][\w'’-]+(?:[ ,]+[A-Z][\w'’-]+){0,3})\.?\s*$|于([^，。；\d]{2,10}?)(?:签署|签订)"
)


def _venue(
    meta: Metadata,
    moved: list[Removal],
    first_blocks: list,
    last_blocks: list = (),
    known: publishers_.Registry | None = None,
) -> None:
    """Where or at what occasion the text was given, only when the text names a place or an
    occasion: "在…上的讲话", "speech at …", a speech's dateline "（2013年11月5日，斯坦福大学）"."""
    title = next((f for f in (meta.title_zh, meta.title_en) if f is not None and f.origin != "derived"), None)
    texts = [(0, title.value)] if title else []
    texts += [
        (b.lines[0], b.text) for b in first_blocks if b.kind is BlockKind.HEADING or SUBTITLE.match(b.text)
    ]
    texts += [(r.line, r.text) for r in moved if r.rule not in ("meta.header", "meta.front_matter")]
    # The lead's first sentences say where a speech was given, when the title does not.
    texts += [(b.lines[0], b.text[:LEAD_VENUE_CHARS]) for b in first_blocks if b.kind is BlockKind.PARAGRAPH][
        :2
    ]
    for line, text in texts:
        m = VENUE_ZH.search(text) or VENUE_EN.search(text)
        if m and (place := _place(m.group(1))):
            meta.venue = Field(
                place, evidence=f"line {line}: {text[:80]}" if line else f"the title: {text[:80]}"
            )
            return
    for line, text in [(r.line, r.text) for r in moved] + [(b.lines[0], b.text) for b in first_blocks]:
        m = BRACKETED.match(text)
        if m and iso_date(m.group(1)):
            rest = _place(ZH_DATE.sub("", EN_DATE_DMY.sub("", EN_DATE_MDY.sub("", m.group(1)))))
            if rest:
                meta.venue = Field(rest, evidence=f"line {line}: the text's dateline {text.strip()}")
                return
    for b in reversed(last_blocks):
        if SIGNED_CLAUSE.search(b.text) and (m := SIGNED_PLACE.search(b.text.strip())):
            if place := _place(m.group(1) or m.group(2)):
                meta.venue = Field(place, evidence=f"line {b.lines[0]}: signed {b.text.strip()[:80]}")
                return
    # A dateline that carries a place after its date: "2013年11月5日 斯坦福大学", "2023年10月18日　北京".
    for r in moved:
        if r.rule == "meta.date" and (rest := _dateline_place(r.text, known or publishers_.load())):
            meta.venue = Field(rest, evidence=f"line {r.line}: place in the dateline")
            return
    # The lead says where the meeting was held: "…高峰论坛在北京举行", "齐聚长沙", "held in Beijing".
    for b in [b for b in first_blocks if b.kind is BlockKind.PARAGRAPH][:2]:
        m = HELD_ZH.search(b.text[:LEAD_VENUE_CHARS]) or HELD_EN.search(b.text[:LEAD_VENUE_CHARS])
        # (A place in English may be one word: "held in Beijing".)
        place = next(g for g in m.groups() if g).strip() if m else ""
        place = place if m and m.re is HELD_EN else _place(place)
        if place and not re.search(r"的|[中下里内]$", place):  # "在亲切友好的气氛中举行": how, not where
            meta.venue = Field(place, evidence=f"line {b.lines[0]}: where it was held: {m.group(0)[:60]}")
            return


# Where a lead says a meeting was held: "在北京举行", "于长沙召开", "齐聚长沙", "held in Beijing".
HELD_ZH = re.compile(
    r"(?:在|于)([^\s\d，。；、“”《》（）()]{2,10}?)(?:隆重|正式|顺利|成功|盛大)?(?:举行|召开|举办|开幕|闭幕)|齐聚([^\s\d，。；、]{2,8}?)(?=[，,。；]|$)"
)
HELD_EN = re.compile(
    r"\b(?:(?:was|were|is|being)\s+held|convened|took\s+place|gathered)\s+in\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
)
# The longest place a dateline may name without a place's ending (北京, Beijing): longer, it could
# be a name or a headline.
DATELINE_PLACE_UNITS = 4


def _dateline_place(text: str, known: publishers_.Registry) -> str:
    """The place a date line names after its date, when it is not an outlet or a clock time."""
    rest = _place(ZH_DATE.sub("", EN_DATE_MDY.sub("", EN_DATE_DMY.sub("", text))))
    if not rest or CLOCK.search(text) or DOMAIN.search(rest) or not 2 <= script.units(rest) <= 20:
        return ""
    if PLACE_ENDINGS.search(rest):
        return rest
    site_words = tuple(vocabulary_words()["site_name_words"])
    short = script.units(rest) <= DATELINE_PLACE_UNITS and " " not in rest.strip()
    if short and known.by_name(rest) is None and not rest.endswith(site_words):
        return rest
    return ""
