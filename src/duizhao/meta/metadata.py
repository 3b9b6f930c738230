"""Stage 3, metadata: the header fields, read from the lines the cleaner moved out of the body
(titles, bylines, datelines) and from the opening of the text. Every field says where it came from.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources

import yaml

from .. import script
from ..clean import titles
from ..model import BlockKind, Cleaned, Field, Metadata, Removal, Signal
from ..vocab import hanzi, prefilter
from ..vocab import publishers as publishers_
from ..vocab.prefilter import Prefiltered
from ..vocab.rules import vocabulary, vocabulary_words
from . import citing, dates, leads, people, publishing, reports, tagged, venues
from . import closing as closing_
from .dates import HEAD_LINES, HEAD_ZONE_LINES

BYLINE_EN = re.compile(r"^\s*by\s+(.+?)\s*$", re.I)
BYLINE_ZH = re.compile(r"^\s*[（(]?\s*(?:作者|记者|文|撰文|撰稿|通讯员)\s*[：:｜|]?\s*(.+?)\s*[）)]?\s*$")
# "<role> <name>" on a line of its own at the head of a zh speech: 中国国务院新闻办公室主任 蔡名照
ZH_ROLE_NAME = re.compile(
    rf"^(?P<role>[{script.HAN}（）()、·\s]{{0,40}}?(?:{vocabulary()['zh_roles']}))"
    rf"\s*(?P<name>[{script.HAN}·]{{2,4}})\s*$"
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
    blocks = list(cleaned.blocks)
    langs = (  # asked twice below: once per block, if the cleaner has not already
        list(cleaned.block_languages)
        if len(cleaned.block_languages) == len(blocks)
        else [script.language(b.text) for b in blocks]
    )
    opening = blocks[:6]
    _title_lines(meta, moved)
    near = _head_zone(cleaned.removals, opening)
    # (the headline restated above the text may lie far into a page's removed lines: its head zone)
    heads = [r.text for r in cleaned.removals[:80]] + [t for _, t in near]
    _stated_title(meta, signals, known, [b.text for b in blocks[:12]] + heads)
    _speaker(
        meta,
        moved,
        opening,
        signals,
        near,
        known,
        tagged.editors(r.text for r in cleaned.removals),
        [(r.line, r.text) for r in cleaned.removals],
        _closing_lines(cleaned.removals, blocks),
        blocks,
    )
    if meta.author is None:
        _people(meta, moved, opening)
    dates.fill_date(
        meta,
        moved,
        opening,
        signals,
        blocks,
        cleaned.decoded.text if cleaned.decoded.kind == "html" else None,
        near,
    )
    meta.source_url = publishing.source_url_of(signals)
    publishing.fill_publisher(
        meta,
        moved,
        opening,
        signals,
        known,
        publishing.main_language(blocks, langs),
        near,
        [(r.line, r.text) for r in cleaned.removals if r.action == "removed"],
        sorted([(b.lines[0], b.text) for b in blocks] + [(r.line, r.text) for r in cleaned.removals]),
    )
    venues.fill_venue(meta, moved, blocks[:3], blocks[-3:], known)

    _lead_titles(meta, opening)
    _derived_titles(meta, blocks, langs)
    _languages(meta, blocks, langs)
    return meta


def _languages(meta: Metadata, blocks: list, langs: list[str]) -> None:
    """Whether the text is bilingual, and which script its Chinese is written in."""
    meta.translation = translation_status(blocks, langs)
    zh_text = "".join(b.text for b, lang in zip(blocks, langs, strict=False) if lang in ("zh", "mixed"))
    meta.zh_script = hanzi.variant(zh_text) if zh_text else ""


def _title_lines(meta: Metadata, moved: list[Removal]) -> None:
    """The title lines the cleaner moved into the header, one per language."""
    for r in moved:
        if r.rule == "meta.title":
            lang = script.language(r.text)
            if lang in ("zh", "mixed") and meta.title_zh is None:
                meta.title_zh = Field(r.text, evidence=f"line {r.line}: title line")
            elif lang == "en" and meta.title_en is None:
                meta.title_en = Field(r.text, evidence=f"line {r.line}: title line")


def _lead_titles(meta: Metadata, opening: list) -> None:
    """Titles named in the lead ("entitled "…"", 题为《…》) when no title line exists."""
    for b in opening:
        if meta.title_en is None and (m := TITLE_EN.search(b.text)):
            meta.title_en = Field(m.group(1), evidence=f"line {b.lines[0]}: named in the lead")
            if meta.publisher is None and m.group(2):
                meta.publisher = Field(m.group(2).strip(), evidence=f"line {b.lines[0]}: “… in {m.group(2)}”")
        if meta.title_zh is None and (m := TITLE_ZH.search(b.text)):
            meta.title_zh = Field(m.group(1), evidence=f"line {b.lines[0]}: named in the lead")


def _derived_titles(meta: Metadata, blocks: list, langs: list[str]) -> None:
    """Fallback: the first sentence of each language, marked as derived (an English one only
    where the Chinese title is not stated)."""
    for lang in ("zh", "en"):
        attr = f"title_{lang}"
        if getattr(meta, attr) is not None:
            continue
        first = next(
            (
                b
                for b, b_lang in zip(blocks, langs, strict=True)
                if b.kind is BlockKind.PARAGRAPH and b_lang == lang
            ),
            None,
        )
        if first is not None and not (lang == "en" and meta.title_zh and meta.title_zh.origin != "derived"):
            setattr(
                meta,
                attr,
                Field(_first_sentence(first.text), origin="derived", evidence="first sentence of the text"),
            )


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
    body: list | None = None,
) -> None:
    """The speaker or author: as the title names them, as a speaker line or byline in the head
    says, a labelled byline or author link above the text, the page's metadata (people.py), or
    the text's blocks (`body`: a report of an official's remarks, a byline closing it)."""
    title = next((f for f in (meta.title_zh, meta.title_en) if f is not None and f.origin != "derived"), None)
    found = people.from_title(title.value) if title else None
    titled = [(0, s.value) for s in signals if s.name in ("title", "page_title")]
    start = next((r.line for r in moved if r.rule == "meta.title"), 0)
    head = [(r.line, r.text) for r in moved if r.rule not in ("meta.header", "meta.front_matter")]
    head = [(n, t) for n, t in head if not start or start <= n <= start + HEAD_LINES * 2]
    head = sorted(head + [(b.lines[0], b.text) for b in opening[:4]])[:12]
    candidates = (
        lambda: found or people.from_lines(head + titled),
        # (a byline above the text names its writer before a spokesperson the story quotes)
        lambda: people.labelled_byline(near or []),
        lambda: leads.quoted_spokesperson(head + titled),
        lambda: tagged.from_signals(signals, known, editors),
        lambda: leads.from_label([(b.lines[0], b.text) for b in opening[:LABEL_BLOCKS]]) or citing.cited_work(opening),
        lambda: leads.name_in_speech_head(opening[:4]) or leads.subtitle_talks(opening[:3]),
        lambda: closing_.author_box(removed or []),
        lambda: closing_.closing_byline(closing or [], known),
        lambda: closing_.signed_block([(b.lines[0], b.text) for b in (body or [])[-closing_.SIGNED_BLOCKS :]]),
        lambda: leads.lead_of_address(opening),
        lambda: reports.reported_remarks((body or [])[: reports.REPORT_BLOCKS]),
        lambda: leads.lead_credit(opening),
        lambda: leads.headline_speaker(title.value if title else "", body or opening),
        lambda: people.name_line(
            [(b.lines[0], b.text) for b in opening[:2]] + (near or []),
            {r.line for r in moved if r.rule == "meta.date"},
        ),
    )
    # The first that can be a person's name (people.plausible): an agency or a brand is passed over,
    # and the page's editor ("作者：陈海峰 责任编辑：陈海峰": a portal's form filled by its editor).
    found = next(
        (
            p
            for c in candidates
            if (p := c()) is not None
            and people.plausible(p, known)
            and not any(p.name.endswith(e) for e in editors)
        ),
        None,
    )
    if found is None:
        return
    found = _in_full(found, head)
    meta.author = Field(found.name, evidence=found.evidence)
    if found.role:
        meta.role = Field(found.role, evidence=found.evidence)


def _in_full(found: people.Person, head: list[tuple[int, str]]) -> people.Person:
    """A family name alone, as its full form in the head gives it, if it does ("SPEECH BY PRESIDENT
    KHURELSUKH", then "Full speech by President of Mongolia Ukhnaa Khurelsukh:")."""
    if " " in found.name or script.han_count(found.name):  # (a Chinese name has no parts apart)
        return found
    tail = " " + found.name.lower()
    fuller = (p for x in head if (p := people.from_lines([x])) and p.name.lower().endswith(tail))
    return next(fuller, found)


def _closing_lines(removals: tuple[Removal, ...], blocks: list) -> list[tuple[int, str]]:
    """The text's last block and the lines removed just below it (where an article closes with
    its author line)."""
    if not blocks:
        return []
    last = blocks[-1].lines[-1]
    below = [(r.line, r.text) for r in removals if last < r.line <= last + closing_.CLOSING_LINES]
    return [(blocks[-1].lines[0], blocks[-1].text), *below]


def _people(meta: Metadata, moved: list[Removal], opening: list) -> None:
    for r in moved:
        if meta.author is not None:
            break
        text = r.text
        for pattern in (BYLINE_EN, BYLINE_ZH):
            m = pattern.match(text)
            if (
                m
                and r.rule == "meta.byline"
                and (pattern is BYLINE_ZH or people.person_words(m.group(1).split()))
                and m.group(1).strip() not in vocabulary_words()["zh_not_names"]  # ("作者： 佚名")
            ):
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
