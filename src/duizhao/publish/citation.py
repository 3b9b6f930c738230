"""What a document page gives the reader's citation and report actions: its public address, the
fields a citation may use (stated ones only), a prefilled new-issue link."""

from __future__ import annotations

import re
import urllib.parse
from typing import TYPE_CHECKING

from .. import paging
from ..markup import esc
from ..model import Document, Field, display_title
from ..settings import Settings
from ..urls import page_url
from .layout import doc_path

if TYPE_CHECKING:
    from ..link.versions import Other


def cited(f: Field | None) -> str:
    """A field's value for a citation: nothing for one a fallback derived (not stated anywhere)."""
    return f.value if f is not None and f.value and f.origin != "derived" else ""


# A citation names at most this many of the other versions (the reference first), then how many
# more. Why: a text republished dozens of times would otherwise make every citation a list.
OTHERS_NAMED = 3


def version_cited(doc: Document, others: tuple[Other, ...] = ()) -> str:
    """Which version a citation of `doc` names, when it is one of several (republished: `others`,
    link/versions.py; or a cross-file pair's side): this copy's publisher, date and address, the
    other versions, the source of its other column. Empty for a text in one version."""
    cp = doc.counterpart
    if not others and cp is None:
        return ""
    m = doc.metadata
    url = _cited_url(m.source_url) or "source URL unknown"
    if m.translation is not None and m.translation.value == "machine-suspected":
        # (the publisher and date it names are its original's: see provenance in duizhao.js)
        copy = url
    else:
        copy = ", ".join((cited(m.publisher) or "publisher unknown", cited(m.date) or "undated", url))
    parts = [f"Version cited: this copy ({copy})"]
    if others:
        named = sorted(others, key=lambda o: not o.reference)[:OTHERS_NAMED]  # (the reference first)
        listed = [
            f"{o.publisher or 'publisher unknown'}, {o.date or 'undated'}{' (reference)' if o.reference else ''}"
            for o in named
        ]
        more = f"; and {len(others) - len(named)} more" if len(others) > len(named) else ""
        parts.append(f"one of {len(others) + 1} versions of the text; the others: {'; '.join(listed)}{more}")
    if cp is not None:
        column = "Chinese" if cp.lang == "zh" else "English"
        parts.append(f"its {column} column is another version, “{cp.title or cp.name}” ({cp.name})")
    return "; ".join(parts) + "."


def version_record(doc: Document, others: tuple[Other, ...] = ()) -> dict[str, object] | None:
    """The version cited, for the downloads (TMX properties, JSON): version_cited's sentence and this
    copy's stated fields; None for a text in one version."""
    said = version_cited(doc, others)
    if not said:
        return None
    m = doc.metadata
    return {
        "cited": said,
        "publisher": cited(m.publisher),
        "date": cited(m.date),
        "url": _cited_url(m.source_url),
        "other_versions": [
            {"document": o.slug, "publisher": o.publisher, "date": o.date, "reference": o.reference}
            for o in others
        ],
    }


def citation_data(doc: Document, settings: Settings, part: int = 1, others: tuple[Other, ...] = ()) -> str:
    """What the reader's "copy citation" and "report a problem" actions need, as data attributes
    (escaped like all source text); the script reads them instead of scraping the page. `others`:
    the other versions of its text (link/versions.py)."""
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
        "version": version_cited(doc, others),
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
