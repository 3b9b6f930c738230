"""What an HTML page says about itself outside its text, as Signals for the metadata stage: its
<title>, Open Graph, article:, Dublin Core and other <meta> tags, JSON-LD, <link rel=canonical>,
the first <h1>, <time datetime>, and the date in its address. Read from the parsed tree before the
cleaner drops the head; every value is text (nothing here is ever rendered as markup).
"""

from __future__ import annotations

import html
import json
import re
import urllib.parse

from bs4 import BeautifulSoup, Tag

from ..model import Signal
from .header import unwrap_url

# <meta name|property|itemprop=...> -> signal. Names compare in lower case. Which sites use which
# is no concern here: these are the names the standards (Open Graph, Dublin Core, schema.org) and
# common CMSs (TRS, WordPress, news systems) give the facts.
META_NAMES = {
    "og:title": "title", "twitter:title": "title", "dc.title": "title", "dcterms.title": "title",
    "articletitle": "title", "title": "title", "headline": "headline", "itemprop:headline": "headline",
    "og:site_name": "site_name", "sitename": "site_name", "application-name": "site_name",
    "og:url": "url", "dc.identifier": "url",
    "article:published_time": "date", "og:published_time": "date", "pubdate": "date",
    "publishdate": "date", "publish_date": "date", "publish-date": "date", "firstpublishedtime": "date",
    "dc.date": "date", "dc.date.issued": "date", "dcterms.issued": "date", "dcterms.created": "date",
    "datepublished": "date", "itemprop:datepublished": "date", "date": "date", "sailthru.date": "date",
    "parsely-pub-date": "date", "article.published": "date", "created": "date",
    "article_date_original": "date",
    "author": "author", "article:author": "author", "dc.creator": "author", "byl": "author",
    "itemprop:author": "author", "parsely-author": "author", "sailthru.author": "author",
    "dcterms.creator": "author", "citation_author": "author",
    "contentsource": "publisher", "source": "publisher", "dc.publisher": "publisher",
    "article:publisher": "publisher", "publisher": "publisher", "copyright": "copyright",
    "description": "description", "og:description": "description",
}  # fmt: skip
# A date in a page's address: /2019/01/23/, /201901/t20190123_..., /2019-01-23/.
URL_DATE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)")
# A link to a person's page on the site ("/author/…", "/staff/kate-davidson", "/people/…"): its
# text is the author's name when it is the page's first such link.
# (Not a licence's "/licenses/by/4.0/": Creative Commons' attribution licence, no one's page.)
AUTHOR_PAGE = re.compile(
    r"/(?:author|authors|writer|writers|staff|people|reporter|reporters|journalist|columnist|contributor|"
    r"contributors|(?<!licenses/)by)/[\w-]"
)
SPACES = re.compile(r"[ \t\r\n\f]+")


def _text(value: object) -> str:
    return SPACES.sub(" ", str(value or "")).strip()


def _parsely(content: str) -> list[Signal]:
    """The publication date in a `<meta name="parsely-page">` tag's JSON ("pub_date")."""
    try:
        data = json.loads(content or "null")
    except (ValueError, RecursionError):
        return []
    date = data.get("pub_date") if isinstance(data, dict) else None
    return (
        [Signal("date", _text(date), '<meta name="parsely-page"> pub_date')] if isinstance(date, str) else []
    )


def _json_ld(soup: BeautifulSoup) -> list[Signal]:
    out: list[Signal] = []
    for script in soup.find_all("script", attrs={"type": re.compile(r"ld\+json", re.I)}):
        try:
            data = json.loads(script.get_text() or "null")
        except (ValueError, RecursionError):
            continue
        items = data if isinstance(data, list) else [data]
        graph = [g for d in items if isinstance(d, dict) for g in d.get("@graph", []) if isinstance(g, dict)]
        for item in [*items, *graph][:20]:
            if not isinstance(item, dict):
                continue
            for key, name in (
                ("headline", "headline"),
                ("name", "title"),
                ("datePublished", "date"),
                ("url", "url"),
            ):
                if isinstance(item.get(key), str) and (key != "name" or "headline" not in item):
                    out.append(Signal(name, _ld_text(item[key]), f"JSON-LD {key}"))
            for key, name in (("author", "author"), ("publisher", "publisher")):
                value = item.get(key)
                value = value[0] if isinstance(value, list) and value else value
                if isinstance(value, dict):
                    value = value.get("name")
                if isinstance(value, str):
                    out.append(Signal(name, _ld_text(value), f"JSON-LD {key}"))
    return out


def _ld_text(value: str) -> str:
    """A JSON-LD string: a script's text, which the HTML parser leaves alone, so a character
    reference a CMS wrote into it is decoded here ("Lindsey O&#039;Donnell")."""
    return _text(html.unescape(value))


# A menu's container: a link to a writers' page in the site's menu ("Expert Picks") is no byline.
MENU = re.compile(r"(?:^|[-_ ])(?:nav|navbar|navigation|menu|menubar|footer)(?:$|[-_ ])", re.I)


def _in_menu(tag: Tag) -> bool:
    for parent in list(tag.parents)[:8]:
        if parent.name == "nav":  # (not <footer>: an article's own footer holds its byline)
            return True
        if parent.name in ("body", "html", "article", "main"):
            return False  # (a body's classes describe the page: "mob-menu-slideout-over")
        names = " ".join(
            [*(parent.get("class") or []), str(parent.get("id") or ""), str(parent.get("role") or "")]
        )
        if MENU.search(names):
            return True
    return False


# The element a page marks as its author: schema.org microdata (itemprop="author"), or a class a
# CMS gives the byline's name ("author", "byline__name", "article-author"). Comments and related
# stories mark their own authors the same way, so those containers are passed over.
AUTHOR_CLASS = re.compile(
    r"^(?:author|author-name|authorname|author__name|byline|byline-name|byline__name|byline-author|"
    r"article-author|article__author|post-author|entry-author|story-author|writer|vcard author)$",
    re.I,
)
NOT_THE_ARTICLE = re.compile(r"comment|reply|related|recommend|sidebar|popular|trending|more-", re.I)
# A byline's label and what follows the name: "By Elliot Brownstein, Florida Today".
BY_LABEL = re.compile(r"^(?:by|written by|posted by|author)\s*[:：]?\s+", re.I)
AFTER_NAME = re.compile(r"\s*(?:[,|/•·]|\s-\s|\s–\s).*$")


def _author_element(soup: BeautifulSoup) -> list[Signal]:
    """The first element marked as the author, outside menus, comments and related stories."""
    for tag in soup.find_all(
        True, attrs={"itemprop": re.compile(r"^author$", re.I)}, limit=3
    ) + soup.find_all(True, class_=AUTHOR_CLASS, limit=5):
        if tag.name in ("meta", "link") or _in_menu(tag) or _aside(tag):
            continue
        named = tag.find(attrs={"itemprop": "name"})
        text = _text((named if isinstance(named, Tag) else tag).get_text(" "))
        text = AFTER_NAME.sub("", BY_LABEL.sub("", text)).strip()
        if 2 <= len(text) <= 60:
            how = (
                'itemprop="author"' if tag.get("itemprop") else f'class="{" ".join(tag.get("class") or [])}"'
            )
            return [Signal("author", text, f"<{tag.name} {how}>")]
    return []


def _aside(tag: Tag) -> bool:
    for parent in list(tag.parents)[:10]:
        if parent.name == "aside":
            return True
        if parent.name in ("body", "html"):
            return False
        if NOT_THE_ARTICLE.search(" ".join([*(parent.get("class") or []), str(parent.get("id") or "")])):
            return True
    return False


def _headline_h1(soup: BeautifulSoup) -> Tag | None:
    """The first <h1> that is not the site's logo: a logo's <h1> links to the home page or holds
    an image, and says little ("POLITICO Politico Logo", "엔터 미디어")."""
    for h1 in soup.find_all("h1", limit=5):
        text = _text(h1.get_text(" "))
        if not text:
            continue
        links = [*h1.find_all("a", href=True), *(a for a in list(h1.parents)[:3] if a.name == "a")]
        home = any(urllib.parse.urlsplit(str(a.get("href") or "")).path in ("", "/") for a in links)
        named = any(
            LOGO.search(" ".join([*(t.get("class") or []), str(t.get("id") or "")]))
            for t in [h1, *list(h1.parents)[:2]]
        )
        if (home or named or h1.find(["img", "svg"]) is not None) and len(text.split()) <= 4:
            continue
        return h1
    return None


# What a logo's container is called: "site-title", "logo", "brand".
LOGO = re.compile(r"logo|site-?title|site-?name|brand|masthead", re.I)


def _author_link(a: Tag) -> bool:
    rel = [r.lower() for r in (a.get("rel") or [])]
    named = 2 <= len(_text(a.get_text(" "))) <= 60
    return named and ("author" in rel or bool(AUTHOR_PAGE.search(str(a.get("href") or ""))))


# The most text a byline holding several authors' links may have ("A and B", "A, B and C").
BYLINE_CHARS = 160


def _co_authors(first: Tag) -> list[str]:
    """The first author link's name, and those of the links beside it in the same short byline:
    "<a rel=author>Julia Carrie Wong</a> and <a rel=author>Sam Levin</a>"."""
    names = [_text(first.get_text(" "))]
    for parent in list(first.parents)[:3]:
        if len(_text(parent.get_text(" "))) > BYLINE_CHARS:
            break
        found = list(dict.fromkeys(_text(a.get_text(" ")) for a in parent.find_all("a") if _author_link(a)))
        rest = _text(parent.get_text(" "))
        for name in found:
            rest = rest.replace(name, " ")
        if len(found) > 1 and not JOINERS.sub("", rest).strip():
            # (a link may name the writer's outlet after a comma: "Fatima Hussein, The Associated Press")
            names = list(dict.fromkeys(name.split(",")[0].strip() for name in found))
    return names


# What may stand between the names of one byline: "By: A, B", "A and B", "A, B & C", "A、B".
JOINERS = re.compile(r"\b(?:by|and|with)\b|[,;:&、和及|/·]", re.I)


def signals(soup: BeautifulSoup) -> list[Signal]:
    """Every signal of the page, in the order the metadata stage weighs them (its head first)."""
    out: list[Signal] = []
    title = soup.find("title")
    if isinstance(title, Tag) and _text(title.get_text()):
        out.append(Signal("page_title", _text(title.get_text()), "<title>"))
    for meta in soup.find_all("meta"):
        key = (
            meta.get("property")
            or meta.get("name")
            or (f"itemprop:{meta['itemprop']}" if meta.get("itemprop") else "")
        )
        name = META_NAMES.get(str(key).strip().lower())
        # (a page saved from a browser's DOM may carry the value as "value", as parsers accept it)
        content = _text(meta.get("content") or meta.get("value"))
        if str(key).strip().lower() == "parsely-page":  # Parse.ly's facts as JSON in one tag
            out += _parsely(content)
        if name and content:
            out.append(
                Signal(
                    name,
                    unwrap_url(content) if name == "url" else content,
                    f'<meta {"property" if meta.get("property") else "name"}="{key}">',
                )
            )
    for link in soup.find_all("link", href=True):
        if "canonical" in [r.lower() for r in (link.get("rel") or [])]:
            out.append(Signal("url", unwrap_url(_text(link["href"])), '<link rel="canonical">'))
    out += _json_ld(soup)
    for a in soup.find_all("a", limit=2000):  # (the first link to a person's page on the site)
        if _author_link(a) and not _in_menu(a):
            # (several names first; the first alone stays as the fallback when they are refused)
            for names in dict.fromkeys([", ".join(_co_authors(a)), _text(a.get_text(" "))]):
                out.append(Signal("author", names, "a link to the author's page"))
            break
    out += _author_element(soup)
    h1 = _headline_h1(soup)
    if h1 is not None:
        out.append(Signal("h1", _text(h1.get_text(" ")), "<h1>"))
    for time in soup.find_all("time", datetime=True, limit=3):
        out.append(Signal("date", _text(time["datetime"]), "<time datetime>"))
    for s in list(out):
        if s.name == "url" and (m := URL_DATE.search(s.value)):
            out.append(
                Signal(
                    "url_date", f"{m.group(1)}-{m.group(2)}-{m.group(3)}", f"date in the address {s.value}"
                )
            )
            break
    return out
