"""What an HTML page says about itself outside its text, as Signals for the metadata stage: its
<title>, Open Graph, article:, Dublin Core and other <meta> tags, JSON-LD, <link rel=canonical>,
the first <h1>, <time datetime>, and the date in its address. Read from the parsed tree before the
cleaner drops the head; every value is text (nothing here is ever rendered as markup).
"""

from __future__ import annotations

import json
import re

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
    "author": "author", "article:author": "author", "dc.creator": "author", "byl": "author",
    "itemprop:author": "author", "parsely-author": "author",
    "contentsource": "publisher", "source": "publisher", "dc.publisher": "publisher",
    "article:publisher": "publisher", "publisher": "publisher", "copyright": "copyright",
    "description": "description", "og:description": "description",
}  # fmt: skip
# A date in a page's address: /2019/01/23/, /201901/t20190123_..., /2019-01-23/.
URL_DATE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)")
# A link to a person's page on the site ("/author/…", "/staff/kate-davidson", "/people/…"): its
# text is the author's name when it is the page's first such link.
AUTHOR_PAGE = re.compile(r"/(?:author|authors|writer|writers|staff|people|reporter|reporters|journalist|columnist|contributor|contributors|by)/[\w-]")
SPACES = re.compile(r"[ \t\r\n\f]+")


def _text(value: object) -> str:
    return SPACES.sub(" ", str(value or "")).strip()


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
                    out.append(Signal(name, _text(item[key]), f"JSON-LD {key}"))
            for key, name in (("author", "author"), ("publisher", "publisher")):
                value = item.get(key)
                value = value[0] if isinstance(value, list) and value else value
                if isinstance(value, dict):
                    value = value.get("name")
                if isinstance(value, str):
                    out.append(Signal(name, _text(value), f"JSON-LD {key}"))
    return out


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
        content = _text(meta.get("content"))
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
        rel = [r.lower() for r in (a.get("rel") or [])]
        if "author" in rel or AUTHOR_PAGE.search(str(a.get("href") or "")):
            if 2 <= len(_text(a.get_text(" "))) <= 60:
                out.append(Signal("author", _text(a.get_text(" ")), "a link to the author's page"))
                break
    h1 = soup.find("h1")
    if isinstance(h1, Tag) and _text(h1.get_text(" ")):
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
