"""What a document page gives the reader's citation and report actions: its public address, the
fields a citation may use (stated ones only), a prefilled new-issue link."""

from __future__ import annotations

import re
import urllib.parse

from .. import paging
from ..markup import esc
from ..model import Document, Field, display_title
from ..settings import Settings
from ..urls import page_url
from .layout import doc_path


def cited(f: Field | None) -> str:
    """A field's value for a citation: nothing for one a fallback derived (not stated anywhere)."""
    return f.value if f is not None and f.value and f.origin != "derived" else ""


def citation_data(doc: Document, settings: Settings, part: int = 1) -> str:
    """What the reader's "copy citation" and "report a problem" actions need, as data attributes
    (escaped like all source text); the script reads them instead of scraping the page."""
    m = doc.metadata
    values = {
        "title-zh": cited(m.title_zh),
        "title-en": cited(m.title_en),
        "author": cited(m.author),
        "role": cited(m.role),
        "date": cited(m.date),
        "publisher": cited(m.publisher),
        "venue": cited(m.venue),
        "source": f"{settings.sources_dir}/{doc.source.name}",
        "url": page_address(doc, settings, part),
        "report": f"{settings.repo_url}/issues/new" if settings.repo_url else "",
        # The citation dialog (static/duizhao.js): the original's address (a web address only;
        # none given, the citation says "source URL unknown"), the text's provenance, and the
        # other source a cross-file pair's column comes from.
        "source-url": _cited_url(m.source_url),
        "translation": m.translation.value if m.translation else "",
        "counterpart": (doc.counterpart.title or doc.counterpart.name) if doc.counterpart else "",
        "counterpart-lang": doc.counterpart.lang if doc.counterpart else "",
    }
    return "".join(f' data-{k}="{esc(v)}"' for k, v in values.items() if v)


def _cited_url(f: Field | None) -> str:
    """A source URL a citation may give: stated (not derived) and a web address."""
    url = cited(f).strip()
    return url if re.match(r"^https?://", url.lower()) else ""


def page_address(doc: Document, settings: Settings, part: int = 1) -> str:
    """The public URL of the document's page (or of its part `part`) when the site's address is
    known, else its site-relative path."""
    path = page_url(paging.part_path(doc_path(doc, settings), part), settings.use_directory_urls)
    return f"{settings.site_url.rstrip('/')}/{path}" if settings.site_url else path


def report_url(doc: Document, settings: Settings, anchor: str = "", number: int = 0) -> str:
    """A new-issue link on the project's repository, prefilled with the page (and paragraph)."""
    where = page_address(doc, settings) + (f"#{anchor}" if anchor else "")
    title = f"Problem in {display_title(doc)}" + (f", paragraph {number}" if number else "")
    body = (
        f"Page: {where}\nSource file: {settings.sources_dir}/{doc.source.name}\n\n"
        "What is wrong (cleaning, pairing, metadata, translation)?\n\n"
    )
    return f"{settings.repo_url}/issues/new?" + urllib.parse.urlencode({"title": title, "body": body})
