"""The title a page gives itself: the candidates its signals offer (a crawler's header or front
matter, og:title, JSON-LD headline, <title> without the site's name, <h1>), weighed by how they
agree with each other and with the headline in the text. The cleaner asks which text line is the
title (it moves that line into the header); the metadata stage takes the title from here when no
line of the text is it.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from dataclasses import dataclass

from ..model import Signal
from ..vocab import publishers as publishers_
from ..vocab.rules import vocabulary_words

# Signals that name the title as such (a title field); the others are places titles usually are.
EXPLICIT = ("title", "headline")
# Order of preference among candidates that agree equally.
PREFERENCE = ("h1", "page_title", "title", "headline")
# Separators between a title and the site's name in <title>: "Title - Site", "Title_网站", "Title | Site".
# (A bare hyphen after Chinese separates too: "…网络-股票频道-和讯网", "…_澎湃新闻-The Paper"; so
# does one dash before a last Chinese word or two, "…变性治疗—侨报网": is_site_name then judges it.)
SEPARATOR = re.compile(
    r"\s+[-–—|｜·]\s+|\s*[_｜|]\s*|\s+—\s*|\s*——\s*|\s+-(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])-(?=[\u4e00-\u9fffA-Z])"
    r"|(?<=[\u4e00-\u9fff])—(?=[\u4e00-\u9fff]{2,8}$)"
)
# Agreement: two titles are the same when one holds the other and is at least this share of it.
AGREE_SHARE = 0.85
# A title signal that is a file's name ("Opening_Speech.pdf"), not a title.
FILE_NAME = re.compile(r"^[\w.-]+\.(?:pdf|docx?|html?|shtml|php|aspx?|txt|md)$", re.I)
# A trailing segment that credits the author ("Title – By Garba Shehu"): not part of the title.
BYLINE_SEGMENT = re.compile(r"^(?:by|作者|文)\s*[:：]?\s+\S", re.I)
# A trailing segment this short beside a title far longer is a section label ("Title_财经").
SECTION_UNITS = 4


@dataclass(frozen=True)
class Candidate:
    value: str
    evidence: str
    source: str  # the signal's name
    support: int = 1  # how many signals (and text lines) say the same


def key(text: str) -> str:
    """A title compared without width, case, spaces, punctuation or quotes."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def agree(a: str, b: str) -> bool:
    return keys_agree(key(a), key(b))


def keys_agree(ka: str, kb: str) -> bool:
    """`agree` on two keys already made (a title compared with many lines keys it once)."""
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long_ = sorted((ka, kb), key=len)
    return short in long_ and len(short) >= AGREE_SHARE * len(long_)


def _site_words() -> tuple[str, ...]:
    return vocabulary_words()["site_name_words"]


def is_site_name(
    text: str, sites: list[str], known: publishers_.Registry | None, hosts: tuple[str, ...] = ()
) -> bool:
    """Whether a segment of a <title> names the site rather than the page."""
    k = key(text)
    if not k:
        return True
    if spelled_like_host(text, hosts):
        return True
    if any(agree(text, s) for s in sites):
        return True
    if known is not None and known.by_name(text) is not None:
        return True
    if re.search(r"\b[\w-]+\.(?:com|cn|org|net|gov|edu|info|news)\b", text, re.I):
        return True
    words = text.split()
    short = len(k) <= 12 if re.search(r"[\u4e00-\u9fff]", text) else len(words) <= 5
    return short and any(text.rstrip().endswith(w) or f" {w} " in f" {text} " for w in _site_words())


# Labels of an address that say nothing of the site: "www", "gov", "com", a country code.
PLAIN_LABELS = frozenset("www www2 en cn m news gov com org net edu int co ac".split())


def host_labels(*urls: str) -> tuple[str, ...]:
    """The distinctive labels of the addresses' hosts ("von" of von.gov.ng, "radionigeriaibadan")."""
    out: list[str] = []
    for url in urls:
        host = urllib.parse.urlsplit(url).hostname or ""
        out += [label for label in host.split(".")[:-1] if len(label) >= 3 and label not in PLAIN_LABELS]
    return tuple(dict.fromkeys(out))


def spelled_like_host(text: str, hosts: tuple[str, ...]) -> bool:
    """Whether `text` is the site's name as its address spells it: the same letters ("Radio
    Nigeria Ibadan" for radionigeriaibadan.gov.ng) or the initials the address abbreviates ("Voice
    of Nigeria Broadcasting Service" for von.gov.ng)."""
    words = re.findall(r"[A-Za-z]+", text)
    if not hosts or not words:
        return False
    letters, initials = key(text), "".join(w[0] for w in words).lower()
    return any(letters == h or (len(words) >= 3 and initials.startswith(h)) for h in hosts)


# What a header's title can be that names no page: a section ("News", "首页"), the site's kind.
def _generic_titles() -> frozenset[str]:
    return frozenset(key(w) for w in _site_words())


def _once(title: str) -> str:
    """A title the scrape doubled ("Headline Headline"): once."""
    half = len(title) // 2
    first, second = title[:half].strip(), title[half:].strip()
    return first if first and first == second else title


def site_segments(
    title: str, sites: list[str], known: publishers_.Registry | None, hosts: tuple[str, ...] = ()
) -> list[str]:
    """The segments strip_site takes off a <title> (the site's name among them)."""
    kept = key(strip_site(title, sites, known, hosts))
    return [p.strip() for p in SEPARATOR.split(title) if p and p.strip() and key(p) not in kept]


def strip_site(
    title: str, sites: list[str], known: publishers_.Registry | None, hosts: tuple[str, ...] = ()
) -> str:
    """<title> without the site's name (and section names) before or after the page's title."""
    parts = [p for p in SEPARATOR.split(title) if p and p.strip()]
    if len(parts) < 2:
        return title.strip()
    while len(parts) > 1 and (
        is_site_name(parts[-1], sites, known, hosts)
        or BYLINE_SEGMENT.match(parts[-1].strip())
        or _section(parts)
    ):
        parts.pop()
    while len(parts) > 1 and is_site_name(parts[0], sites, known, hosts):
        parts.pop(0)
    if len(parts) == 1:
        return parts[0].strip()
    # What is left is the title, separators and all: take it from the original text.
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if 0 <= start < end else title.strip()


def cut_to_text(title: str, texts: list[str]) -> str:
    """`title` without trailing segments ("Headline - Some Zone", "决议__2007年第23号国务院公报")
    when its leading segments are a line of the text: the page's headline, restated below, says
    where the title ends even when the site's name is one nobody listed."""
    parts = [m for m in SEPARATOR.finditer(title)]
    # A space between Chinese words may part them too ("…技能大赛 湖南省中医药研究院附属医院"), when
    # what it leaves is a headline's length and a line of the text says so (an English title has
    # a space between every two words: never cut there).
    spaces = [
        m
        for m in re.finditer(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", title)
        if len(key(title[: m.start()])) >= SPACE_CUT_KEYS
    ]
    for m in sorted(parts + spaces, key=lambda m: m.start(), reverse=True):
        head = title[: m.start()].rstrip(" -–—|｜·_")
        if key(head) and any(key(t) == key(head) for t in texts):
            return head
    return title


# The shortest headline a space may end (letters and digits): shorter, a line of the text that
# equals it could be any short phrase ("Home", "新闻中心").
SPACE_CUT_KEYS = 12


def _section(parts: list[str]) -> bool:
    """The last segment is a section label: a word or two beside a far longer title."""
    last, rest = key(parts[-1]), key("".join(parts[:-1]))
    units = len(last) if re.search(r"[\u4e00-\u9fff]", parts[-1]) else len(parts[-1].split()) * 2
    return units <= SECTION_UNITS and len(rest) >= 4 * len(last)


def candidates(
    signals: tuple[Signal, ...] | list[Signal], known: publishers_.Registry | None = None
) -> list[Candidate]:
    """Title candidates from the signals, each with how many other signals agree with it, best
    first; site names (a logo in <h1>, og:site_name) are never one."""
    sites = [s.value for s in signals if s.name in ("site_name", "publisher")]
    hosts = host_labels(*(s.value for s in signals if s.name == "url"))
    found: list[Candidate] = []
    for s in signals:
        if s.name not in PREFERENCE:
            continue
        value = s.value.strip()
        if s.name in ("page_title", "title"):
            value = _once(strip_site(value, sites, known, hosts))
        if (
            not key(value)
            or FILE_NAME.match(value)
            or (is_site_name(value, sites, known) and s.name != "title")
            or key(value) in _generic_titles()
        ):
            continue
        found.append(Candidate(value, s.evidence, s.name))
    out = []
    for c in found:
        support = sum(1 for d in found if agree(c.value, d.value) and d.source != c.source) + 1
        out.append(Candidate(c.value, c.evidence, c.source, support))
    return sorted(out, key=lambda c: (not visible(c), -c.support, PREFERENCE.index(c.source), -len(c.value)))


# A headline's least length in words (or Han characters) when no other signal repeats it: a
# shorter <h1> may be a section's or the site's name ("Games", "The GiveWell Blog").
HEADLINE_WORDS = 5
HEADLINE_HAN = 8


def visible(c: Candidate) -> bool:
    """The headline the reader sees: an <h1> that <title> or another signal repeats, or one long
    enough to be a headline. It wins over the title given for sharing (og:title, JSON-LD), which
    sites often word differently ("Taylor Swift's AMA row seems to be over")."""
    if c.source != "h1":
        return False
    han = len(re.findall(r"[\u4e00-\u9fff]", c.value))
    return c.support >= 2 and (han >= HEADLINE_HAN or (not han and len(c.value.split()) >= HEADLINE_WORDS))


def strong(cands: list[Candidate]) -> Candidate | None:
    """The page's own title when it states one clearly: the visible headline, a title field, or
    two signals agreeing."""
    for c in cands:
        if visible(c) or c.source in EXPLICIT or c.support >= 2:
            return c
    return None
