"""Who published the page: the publishers data by its address, then what the page calls itself
(site name, <title>, the account beside the date, a copyright line), then the source it credits."""

from __future__ import annotations

import re
import urllib.parse

from .. import script
from ..clean import titles
from ..model import Field, Metadata, Removal, Signal
from ..vocab import publishers as publishers_
from ..vocab.rules import vocabulary_words
from .dates import EN_DATE_DMY, EN_DATE_MDY, HEAD_LINES, ISO_DATE, ZH_DATE, head_date, iso_date

SOURCE_ZH = re.compile(r"(?:来源|出处|稿源|转自|本文来源|信息来源)\s*[：:｜|]\s*([^\s，,|｜）)】\]]{2,30})")


SOURCE_EN = re.compile(r"\bsource\s*[:：]\s*(.{2,60}?)\s*$", re.I)


DOMAIN = re.compile(r"\b([\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|cn|uk|hk|tw|info|news))\b", re.I)


def source_url_of(signals: tuple[Signal, ...]) -> Field | None:
    """The page's own address: its canonical link or og:url, a crawler's final address."""
    urls = [s for s in signals if s.name == "url" and s.value.lower().startswith(("http://", "https://"))]
    best = sorted(
        urls,
        key=lambda s: ("canonical" not in s.evidence and "og:url" not in s.evidence, "seed" in s.evidence),
    )
    return Field(best[0].value, evidence=best[0].evidence) if best else None


def main_language(blocks: list, langs: list[str]) -> str:
    zh = sum(len(b.text) for b, lang in zip(blocks, langs, strict=False) if lang == "zh")
    en = sum(len(b.text) for b, lang in zip(blocks, langs, strict=False) if lang == "en") / 3
    return "zh" if zh >= en else "en"


def fill_publisher(
    meta: Metadata,
    moved: list[Removal],
    opening: list,
    signals: tuple[Signal, ...] = (),
    known: publishers_.Registry | None = None,
    lang: str = "zh",
    near: list[tuple[int, str]] | None = None,
    page_lines: list[tuple[int, str]] | None = None,
    body: list[tuple[int, str]] | None = None,
) -> None:
    """Who published the page: the publishers data by its address, then what it calls itself
    (og:site_name, a "来源：" line, the site's name in <title>), in the page's language; last, a
    name in its text (`body`: every line, text and furniture) spelled like its address."""
    known = known or publishers_.load()
    if meta.source_url is not None and (p := known.by_url(meta.source_url.value)):
        meta.publisher = Field(
            p.name(lang), evidence=f"address {meta.source_url.value} (publishers data: {p.id})"
        )
        return
    text_lines = [r for r in moved if r.rule not in ("meta.header", "meta.front_matter")]
    credited = [
        (m.group(1).strip(), f"line {no}: source line")
        # (and the head's furniture: "发布时间：2019-05-18 来源：中国地理学会" dropped with it)
        for no, text in [(r.line, r.text) for r in text_lines] + (near or [])
        if (m := SOURCE_ZH.search(text) or SOURCE_EN.search(text))
    ]
    headlines = {titles.key(f.value) for f in (meta.title_zh, meta.title_en) if f is not None}
    for group in (
        _own_names(meta, text_lines, signals, known, near or [], opening, page_lines or []),
        credited,
    ):
        # A name that is the page's headline is no publisher (an application-name or a dateline
        # filled with the title).
        group = [(v, e) for v, e in group if not _headline(publisher_name(v), headlines)]
        if found := _named(group, known, lang):
            meta.publisher = found
            return
    for r in text_lines:  # a site named in a dateline: "China.org.cn, December 13, 2017"
        m = DOMAIN.search(r.text)
        if m and len(r.text) <= 60 and iso_date(r.text) and "archive.org" not in m.group(1).lower():
            p = known.by_url(m.group(1))
            meta.publisher = Field(
                p.name(lang) if p else m.group(1), evidence=f"line {r.line}: site named in a dateline"
            )
            return
    if meta.source_url is not None and (found := named_like_host(body or [], meta.source_url.value)):
        meta.publisher = found
        return
    if meta.source_url is not None:
        host = (urllib.parse.urlsplit(meta.source_url.value).hostname or "").removeprefix("www.")
        if host:
            meta.publisher = Field(host, origin="derived", evidence=f"the site of {meta.source_url.value}")


def _headline(name: str, headlines: set[str]) -> bool:
    """Whether `name` is the headline or most of it (an application-name holding the title cut)."""
    key = titles.key(name)
    return bool(key) and any(key in h and len(key) * 2 >= len(h) for h in headlines)


def _own_names(
    meta: Metadata,
    text_lines: list[Removal],
    signals: tuple[Signal, ...],
    known: publishers_.Registry,
    near: list[tuple[int, str]],
    opening: list | None = None,
    page_lines: list[tuple[int, str]] | None = None,
) -> list[tuple[str, str]]:
    """What the page calls itself, most telling first: its site name (og:site_name...), the site's
    name in its <title>, the account or outlet named beside the date under the title, a
    copyright line (the source it credits, "来源：新华网", is the original of a repost: apart)."""
    own: list[tuple[str, str]] = [
        (s.value, s.evidence) for s in signals if s.name in ("site_name", "publisher")
    ]
    # (an app's name, "Quartz Africa", after the site's: og:site_name "Quartz")
    own.sort(key=lambda o: "application-name" in o[1])
    # (the page's address, or the one a repost's front matter says it came from: "from: https://nei.st/…")
    addresses = [s.value for s in signals if s.name == "source" and s.value.startswith(("http://", "https://"))]
    for url in ([meta.source_url.value] if meta.source_url is not None else []) + addresses:
        own += spelled_like_host(signals, url)
    sites = [v for v, _ in own]
    words = tuple(vocabulary_words()["site_name_words"])
    hosts = titles.host_labels(meta.source_url.value) if meta.source_url is not None else ()
    own += _title_segments(signals, sites, known, hosts, words)
    # The owner the site states ("主办单位：…", "Official website of the …") outranks a title
    # segment not shaped like a site's name (a section: "中华人民共和国监察法-纪检").
    shaped = sum(
        1 for v, e in own if not e.startswith(("<title>", "header", "front matter")) or v.endswith(words)
    )
    # (a footer the cleaner dropped with the page's chrome: every removed line)
    own[shaped:shaped] = owner_names(text_lines + [Removal(no, t, "", "") for no, t in page_lines or near])
    own += _dateline_names(meta, text_lines, near, opening)
    own += copyright_names(text_lines)
    if meta.source_url is not None and known.platform(meta.source_url.value):
        # On a platform the scrape's header names the account ("source: 中国信息安全").
        own += [(s.value, s.evidence) for s in signals if s.name == "source"]
    return own


def _title_segments(
    signals: tuple[Signal, ...],
    sites: list[str],
    known: publishers_.Registry,
    hosts: tuple[str, ...],
    words: tuple[str, ...],
) -> list[tuple[str, str]]:
    """The site's name in its <title> (or a crawler's header title: "Headline - Voice of Nigeria
    Broadcasting Service"), sections left out."""
    own: list[tuple[str, str]] = []
    for s in signals:
        if s.name == "page_title" or (
            s.name == "title" and s.evidence.startswith(("header", "front matter"))
        ):
            segments = [
                seg
                for seg in titles.site_segments(s.value, sites, known, hosts)
                if not SECTION_NAME.search(seg)
            ]
            # Of several, one shaped like a site's name first: "…_首页武汉_新闻中心_长江网_cjn.cn".
            segments.sort(key=lambda seg: not seg.endswith(words) or DOMAIN.fullmatch(seg) is not None)
            own += [(seg, f"{s.evidence}: {s.value}") for seg in segments]
    return own


def _dateline_names(
    meta: Metadata,
    text_lines: list[Removal],
    near: list[tuple[int, str]],
    opening: list | None,
) -> list[tuple[str, str]]:
    """The name in the dateline: a removed date line, or the line above the text the page's date
    was read from (a platform's "account  date time" line can fall outside the text region)."""
    own: list[tuple[str, str]] = []
    # A dateline below the text's start closes it ("Belgrade, 9th February 2021"): the place where
    # a speech was given or a statement signed, not who published it.
    top = min(opening[0].lines[0] + HEAD_LINES, opening[-1].lines[0]) if opening else None
    datelines = [
        (r.line, r.text) for r in text_lines if r.rule == "meta.date" and (top is None or r.line <= top)
    ]
    # The line the text's date was read from, and the page's own date line when the text's date is
    # another (a notice's signature): the line itself, not every string of its line number (a
    # one-line page has one number).
    stated = head_date([], near)
    evidences = [e for e in (meta.date and meta.date.evidence, stated and stated[1]) if e]
    datelines += [
        (no, t) for no, t in near if any(e.startswith(f"line {no}: {t.strip()[:20]}") for e in evidences)
    ]
    for no, text in sorted(set(datelines)):
        if name := dateline_name(text):
            own.append((name, f"line {no}: the name in the dateline"))
    return own


# A site's statement of who runs it: a footer's "主办单位：山西医科大学纪检监察室", a banner's
# "OFFICIAL WEBSITE OF THE GOVERNMENT OF THE RUSSIAN FEDERATION". (An event's "主办方" is not one.)
OWNER = re.compile(
    r"^\s*(?:主办单位|主办)\s*[：:]\s*(?P<zh>[^\s　|｜©,，。;；]{2,30})"
    r"|\bofficial\s+(?:web\s*site|web\s+portal|portal|site)\s+of\s+(?:the\s+)?(?P<en>[^|©,;.]{3,80}?)\s*(?:[|©,;.]|$)",
    re.I,
)


def owner_names(lines: list[Removal]) -> list[tuple[str, str]]:
    out = []
    for r in lines:
        if len(r.text) <= 120 and (m := OWNER.search(r.text)):
            name = m.group("zh") or m.group("en").strip()
            if name.isupper():  # a banner in capitals: the casing another line gives, else a title's
                name = next(
                    (
                        t.strip()
                        for t in (x.text for x in lines)
                        if t.strip().lower() == name.lower() and not t.strip().isupper()
                    ),
                    titlecase(name),
                )
            out.append((name, f"line {r.line}: the site's owner: {r.text.strip()[:60]}"))
    return out


SMALL_WORDS = frozenset("a an and as at by for in of on or the to".split())


def titlecase(name: str) -> str:
    """ "GOVERNMENT OF THE RUSSIAN FEDERATION" -> "Government of the Russian Federation"."""
    words = name.lower().split()
    return " ".join(w if i and w in SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _named(group: list[tuple[str, str]], known: publishers_.Registry, lang: str) -> Field | None:
    """The first name of `group` the publishers data knows, else its first usable name."""
    for value, evidence in group:
        name = publisher_name(value)
        if p := known.by_name(value) or (known.by_name(name) if name else None):
            return Field(p.name(lang), evidence=f"{evidence}: {value} (publishers data: {p.id})")
    usable = [
        (name, value, evidence)
        for value, evidence in group
        if (name := publisher_name(value)) and not titles.key(name).isdigit()
    ]
    # A name in the page's language first: a Chinese page's "BBC中文网" over its metadata's
    # "British Broadcasting Corporation", an English page's "Taipei Times" over "台北時報".
    usable.sort(key=lambda u: (script.han_count(u[0]) > 0) != (lang == "zh"))
    if usable:
        name, value, evidence = usable[0]
        return Field(name, evidence=f"{evidence}: {value}")
    return None


COPYRIGHT = re.compile(
    r"(?:copyright|©|\(c\)|版权所有)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<name>[^.|,，。©]{2,60}?)\s*(?:\.|,|，|all rights|版权所有|$)",
    re.I,
)


def copyright_names(lines: list[Removal]) -> list[tuple[str, str]]:
    """The name in a copyright line ("© 2025 TechCrunch. All rights reserved.")."""
    out = []
    for r in lines:
        m = COPYRIGHT.search(r.text)
        if m and not iso_date(m.group("name")):
            out.append((m.group("name").strip(), f"line {r.line}: copyright"))
    return out


# What a dateline holds beside its date that is not a name: labels and times.
DATELINE_NOISE = re.compile(
    r"原创|转载|发布|(?:最后)?更新|时间|日期|作者|星期.|周[一二三四五六日]|"
    # a counter's label: "浏览： 33", "阅读量：1024"
    r"(?:浏览|瀏覽|阅读|閱讀|点击|點擊|访问|訪問|评论|評論)(?:次数|次數|量|数|數|率)?(?=\s*[：:]?\s*\d)|[：:|｜,，]|\d{1,2}:\d{2}(:\d{2})?(?:\s*[AaPp]\.?[Mm]\b\.?)?|(?<![\w])\d+(?![\w])|"
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
    re.I,
)


CLOCK = re.compile(r"\d{1,2}:\d{2}")


LABEL_ANYWHERE = re.compile(r"(?:来源|出处|稿源|转自|source)\s*[:：]", re.I)


# A <title> segment that names a section of the site, not the site: "股票频道", "国际栏目".
SECTION_NAME = re.compile(
    r"(?:频道|頻道|栏目|欄目|专题|專題|首页|首頁)$|^(?:首页|首頁)"
    # a news section: "国内新闻", "国际要闻", "财经资讯"
    r"|^(?:国内|国际|國際|社会|社會|财经|財經|体育|體育|娱乐|科技|军事|軍事|地方|本地|滚动|时政|時政|要闻|要聞)(?:新闻|新聞|要闻|资讯|資訊)?$"
)


def dateline_name(text: str) -> str:
    """The name in an unbracketed dateline (a WeChat account, an outlet): what is left without
    the date, the time and labels, when it is one short name (repeated names count once)."""
    if text.strip().startswith(("（", "(", "[", "【")):
        return ""  # "（2023年10月18日，北京）": a speech's date and place
    if LABEL_ANYWHERE.search(text):
        return ""  # "2020年07月04日 12:10 来源：求是网": a credited source, read as one
    if (ZH_DATE.match(text.strip()) or ISO_DATE.match(text.strip())) and not CLOCK.search(text):
        return ""  # "2013年11月5日 斯坦福大学": the day, then where (an account's stamp has a time)
    rest = ZH_DATE.sub(" ", EN_DATE_MDY.sub(" ", EN_DATE_DMY.sub(" ", ISO_DATE.sub(" ", text))))
    rest = DATELINE_NOISE.sub(" ", rest).strip()
    # A platform's stamp parts its fields with wide spaces: "Jessica Lyons  代码卫士   2025-02-18 10:12".
    fields = re.split(r"\s{2,}|\u3000", rest) if re.search(r"\S\s{2,}\S", rest) else rest.split()
    words = list(dict.fromkeys(f.strip() for f in fields if f.strip()))
    # One name is the outlet or account; two ("原创 罗城OSINT 百灵猫开源情报分析师"): the author,
    # then the account that publishes.
    if not 1 <= len(words) <= 2 or not 2 <= len(words[-1]) <= 20 or NOT_A_NAME.search(words[-1]):
        return ""
    return words[-1]


# What a name beside a date never holds: a sentence's punctuation (a quotation run into the
# line), or a counter ("0人参与评论", "1234次阅读").
NOT_A_NAME = re.compile(r"[。，！？；“”「」—…]|\d+\s*(?:人参与|人评论|条评论|次阅读|阅读|浏览|点击)")


# A source line often carries more than the name: "Xinhua| 2018-12-21 13:42:12|Editor: Yamei",
# "人民网-文化频道", "安全客-有思想的安全新媒体": the name is the first field.
FIELD_SPLIT = re.compile(r"\s*[,，]\s*|\s*[|｜]\s*|\s+[-–—]\s+|-(?=[^-]*(?:频道|新媒体|栏目|版)$)")


LABEL = re.compile(r"^(?:来源|出处|稿源|转自|本文来源|信息来源|source|from)\s*[:：]\s*", re.I)


def spelled_like_host(signals: tuple[Signal, ...], url: str) -> list[tuple[str, str]]:
    """A crawler's feed name that is spelled like the page's host names the site ("Krebs on
    Security" for krebsonsecurity.com; "FreeBuf" of "FreeBuf网络安全行业门户" for freebuf.com);
    another feed name may be a column or an author ("Deeplinks", "Graham Cluley"), never taken."""
    host = urllib.parse.urlsplit(url).hostname or ""
    labels = {titles.key(label) for label in host.split(".")[:-1] if len(label) > 3 and label != "www"}
    labels.add(titles.key(host.removeprefix("www.")))  # (the whole name of a short one: "Nei.st")
    out: list[tuple[str, str]] = []
    for s in signals:
        if s.name not in ("source", "author"):  # (a feed's or a front matter's author: the site)
            continue
        latin = re.match(r"[A-Za-z0-9][A-Za-z0-9 .&'-]*", s.value.strip())
        for name in (s.value.strip(), latin.group(0).strip() if latin else ""):
            if name and titles.key(name) in labels:
                out.append((name, f"{s.evidence}: spelled like its address {host}"))
                break
    return out


def publisher_name(value: str) -> str:
    if re.match(r"\s*(?:https?://|www\.)", value):
        return ""  # an address (article:publisher often holds the site's social-media page): no name
    value = re.sub(r"\s+(?:原创稿?|转载|供稿)$", "", LABEL.sub("", value.strip()))
    value = value.removeprefix("@")  # a social-media handle for the site name: "@politifact"
    first = FIELD_SPLIT.split(value)[0].strip(" ,，:：-–—|｜_")
    first = re.sub(r"\s*[（(][^）)]*[）)]?$", "", first)  # "中国证券报·中证网(北京)": the place apart
    if not first or iso_date(first) or re.fullmatch(r"[\d\s:./-]+", first):
        return ""
    if re.fullmatch(r"本(?:站|网|網|报|報|台|刊|院|所|校)(?:原创|原創|讯|訊|稿|供稿)?", first):
        return ""  # "来源：本站原创": this site, which says nothing of its name
    return first


# A name in the page's words that its address spells: "Radio Nigeria Ibadan" (radionigeriaibadan.
# gov.ng), "the Nigeria-China Strategic Partnership (NCSP)" (ncsp.gov.ng). Connectives may sit inside.
NAME_RUN = re.compile(r"[A-Z][\w'’&-]*(?:\s+(?:of|and|for|the|on|in|[A-Z][\w'’&-]*))*")
ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z]{1,9})\s*\)")


def named_like_host(lines: list[tuple[int, str]], url: str) -> Field | None:
    """The first name of two words or more in `lines` that has the letters of the address's host
    label, or is followed by the label as its acronym in brackets. (One word is never enough: the
    word "China" has the letters of china.org.cn.)"""
    hosts = titles.host_labels(url)
    if not hosts:
        return None
    for no, text in lines:
        for m in NAME_RUN.finditer(text[:2000]):
            words = m.group(0).split()
            after = ACRONYM.match(text[m.end() :].lstrip())
            acronym = after.group(1) if after else ""
            for i in range(len(words)):
                for j in range(min(len(words), i + 8), i + 1, -1):
                    name = " ".join(words[i:j])
                    if words[i][0].islower() or words[j - 1][0].islower():
                        continue  # (a name starts and ends on a capitalised word)
                    abbreviated = (
                        j == len(words) and acronym.lower() in hosts and _initials(name) == acronym.lower()
                    )
                    if abbreviated or titles.key(name) in hosts:
                        how = f"the acronym ({acronym}) of" if abbreviated else "the letters of"
                        return Field(name, evidence=f"line {no}: a name in the text, {how} the address {url}")
    return None


def _initials(name: str) -> str:
    """'Nigeria-China Strategic Partnership' -> 'ncsp' (hyphenated words count each part)."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper()).lower()
