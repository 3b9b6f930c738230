"""One build's output: every file generated from sources/ (document pages and their downloads, the
documents index and browse pages, the theme's assets, the search index), with what the hook still
needs to finish pages (each document page's edit and view buttons, the document list of
hand-written pages) and every diagnostic. The MkDocs hook and `duizhao export` both take it from
here, so an exported project is the hook's site.

It is memoised at two levels, beside the document cache (duizhao.cache):
- a whole build, by a digest of everything it reads (the survey of sources/: every source's
  bytes, name, slug and sidecar, the rules, the glossary, the URL registry), of the settings, the
  hand-written pages and the code: a build of unchanged sources takes its output whole;
- each document's page and downloads, by the document's key and everything the page shows from
  the corpus (its links, its counterpart): after one edit only the pages that show something new
  are rendered again.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import paging, pipeline
from .cache import DocumentCache, Shelf, Stats, code_version, text_key
from .model import Diagnostic, Document, Page
from .publish import documents_index, front, layout, listing, render

if TYPE_CHECKING:
    from .link.link import DocLinks, Linkage


@dataclass(frozen=True)
class Generated:
    """A generated file: its path under docs/ and its content."""

    path: str
    content: str | bytes
    nav: bool = False  # listed in the navigation (the documents index); no other generated page is


@dataclass
class Site:
    files: list[Generated]
    # Document page path -> the page's edit and view buttons (forge.page_actions).
    actions: dict[str, list[dict[str, str]]]
    # Hand-written page path -> what documents_index.HOME_MARKER stands for on it.
    homes: dict[str, str]
    diagnostics: list[Diagnostic]
    documents: int  # published documents
    stats: Stats = field(default_factory=Stats)


@dataclass(frozen=True)
class _Stored:
    """A Site as the cache keeps it: each document's files by their key in the page shelf."""

    site: Site
    document_files: tuple[tuple[str, tuple[str, ...]], ...]  # (page key, paths) per document


# The last build's output in this process (`mkdocs serve` rebuilds in one process), by folder.
_LAST: dict[str, tuple[str, Site]] = {}


def build(
    sources: Path,
    settings: render.Settings,
    written: list[tuple[str, str]],
    cache: DocumentCache | None = None,
    workers: int | None = None,
    dask: str | None = None,
) -> Site:
    """The site of `sources`; `written`: the hand-written pages as (path, Markdown), which the
    search index covers and which may ask for the document list. `workers`, `dask`: where the
    documents are built (pipeline.build_corpus)."""
    surveyed = pipeline.survey(sources)
    key = text_key(surveyed.digest(), repr(settings), repr(written), code_version())
    if cache is not None:
        found = _cached(cache, key)
        if found is not None:
            return _with_assets(found)
    from .publish import search  # (here: a build taken whole from the cache never needs it)

    corpus = pipeline.build_corpus(sources, cache, workers, surveyed, dask)
    docs = pipeline.published(corpus)
    files, per_document, paged, parts, linkage = _generate(
        corpus, settings, cache.pages if cache is not None else None
    )
    memo = cache.search if cache is not None else None
    entries = [corpus.glossary.entries[i] for i in paged]  # (those with a page to lead to)
    index = search.site_index(
        listing.works(docs),
        written,
        settings.texts_dir,
        settings.use_directory_urls,
        entries,
        memo,
        parts,
        docs,
    )
    if memo is not None:
        memo.finish()
    files += [Generated(path, data) for path, data in index.files]
    site = Site(
        files=files,
        actions={layout.doc_path(d, settings): _actions(sources, d, settings) for d in docs},
        homes={
            path: front.home(listing.works(docs), docs, linkage, path, settings, paged) for path, _ in written
        },
        diagnostics=corpus.all_diagnostics,
        documents=len(docs),
        stats=corpus.stats,
    )
    if cache is not None:
        _keep(cache, key, site, per_document)
    return _with_assets(site)


def _with_assets(site: Site) -> Site:
    """The reader's CSS and JavaScript, read afresh from the package every build: they are not
    part of the code digest, and cost nothing to read."""
    assets = [Generated(path, data) for path, data in layout.static_files()]
    return replace(site, files=[*site.files, *assets])


def pages(corpus: pipeline.Corpus, settings: render.Settings) -> list[Page]:
    """The generated pages of a corpus, as build makes them (without the search index, the assets
    and any cache): a page per readable document, its alignment downloads (.tmx, .json: not
    Markdown, Page.markdown holds their text), the browse pages and the documents index."""
    files, _, _, _, _ = _generate(corpus, settings, None)
    return [Page(f.path, f.content) for f in files if isinstance(f.content, str)]


def _generate(
    corpus: pipeline.Corpus, settings: render.Settings, shelf: Shelf | None
) -> tuple[list[Generated], list[tuple[str, tuple[str, ...]]], list[int], dict[str, dict[str, int]], Linkage]:
    """Every page of the corpus, for each document its page key and the paths of its files (a
    document's files come from `shelf` when it has them under their key), the glossary entries
    that have a page, by document the part of its page that shows each pair (paging), and the
    corpus's links (for the front page)."""
    from .link import link
    from .publish import browse

    docs = pipeline.published(corpus)
    linkage = link.build(docs, corpus.glossary)  # corpus-level: after every document is built
    from .link import versions  # the same text republished: one work, its versions compared
    from .publish import compare_page

    works = versions.works(versions.texts_of(docs, corpus.republications))
    for slug, found in versions.others(works).items():
        if slug in linkage.docs:
            linkage.docs[slug].versions = found
    by_slug = {d.slug: d for d in docs}
    files: list[Generated] = []
    per_document: list[tuple[str, tuple[str, ...]]] = []
    for doc in docs:
        links = linkage.for_doc(doc.slug)
        page_key = _page_key(doc, by_slug, links, settings)
        made = shelf.load(page_key) if shelf is not None else None
        if made is None:
            made = _document_files(doc, settings, links)
            if shelf is not None:
                shelf.store(page_key, made)
        files += made
        per_document.append((page_key, tuple(f.path for f in made)))
    index_path = documents_index.index_path(settings)
    listed = listing.works(docs)  # (a work in two sources is one entry)
    corpus_pages = [
        *browse.pages(linkage, docs, settings, listed),
        *documents_index.index_pages(listed, settings, by_slug),
    ]
    files += [Generated(p.path, p.markdown, nav=p.path == index_path) for p in corpus_pages]
    from .publish import corpus_data_page  # the corpus as data files (data/) and their page

    files += [Generated(path, text) for path, text in corpus_data_page.site_files(docs, corpus.glossary)]
    from .publish import dictionary  # the look-up's CC-CEDICT entries (assets/duizhao/cedict/)

    files += [Generated(path, text) for path, text in dictionary.site_files(docs)]
    from .publish import concordance  # the parallel concordance page (its script reads the search index)

    files += [Generated(path, text) for path, text in concordance.site_files()]
    files += [Generated(p.path, p.markdown) for p in compare_page.pages(works, docs, settings)]
    parts = {d.slug: paging.part_of(d, linkage.for_doc(d.slug).hits) for d in docs if len(d.beads) > 1}
    return files, per_document, browse.with_pages(linkage, settings), parts, linkage


def _document_files(doc: Document, settings: render.Settings, links: DocLinks) -> list[Generated]:
    from .publish import downloads

    pages = [Generated(p.path, p.markdown) for p in render.document_pages(doc, settings, links)]
    extra = [Generated(path, text) for path, text in downloads.files(doc, settings.texts_dir, links.versions)]
    return [*pages, *extra]


def _page_key(doc: Document, by_slug: dict[str, Document], links: DocLinks, settings: render.Settings) -> str:
    """Everything a document's page and downloads show: the document as built (its key), what
    corpus-wide steps added (its counterpart and the beads shared with it, notes), its links
    (the glossary itself is part of every key already) and the settings."""
    other = by_slug.get(doc.counterpart.slug) if doc.counterpart is not None else None
    state = (
        doc.key,
        doc.counterpart,
        doc.relatives,
        other.key if other is not None else "",
        [str(d) for d in doc.diagnostics],
        replace(links, entries=()),
        repr(settings),
        code_version(),
    )
    return hashlib.sha256(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()


def _actions(sources: Path, doc: Document, settings: render.Settings) -> list[dict[str, str]]:
    """Edit opens the document's sidecar (a generated page has no file to edit), view the scrape."""
    from .publish import forge
    from .read import sidecar

    found = sidecar.sidecar_path(sources, doc.source.name)
    rel = found.relative_to(sources).as_posix() if found else None
    return forge.page_actions(settings, doc, rel)


def _keep(
    cache: DocumentCache, key: str, site: Site, per_document: list[tuple[str, tuple[str, ...]]]
) -> None:
    """Store the site with each document's files left in the page shelf (only referenced here),
    so a big corpus's pages are not written twice."""
    _LAST[str(cache.folder)] = (key, site)
    if cache.folder is None:
        return
    shelved = {path for _, paths in per_document for path in paths}
    rest = [f for f in site.files if f.path not in shelved]
    cache.sites.store(key, _Stored(replace(site, files=rest), tuple(per_document)))


def _cached(cache: DocumentCache, key: str) -> Site | None:
    """The site stored under `key` with every document's files back in place, or None."""
    last = _LAST.get(str(cache.folder))
    if last is not None and last[0] == key:
        return replace(last[1], stats=Stats(memory=last[1].documents))
    stored = cache.sites.load(key)
    if not isinstance(stored, _Stored):
        return None
    files: list[Generated] = []
    for page_key, paths in stored.document_files:
        made = cache.pages.load(page_key)
        if made is None or tuple(f.path for f in made) != paths:
            return None  # a pruned or damaged page entry: build the site again
        files += made
    site = replace(stored.site, files=files + stored.site.files, stats=Stats(disk=stored.site.documents))
    _LAST[str(cache.folder)] = (key, site)
    return site


# ---- What the hook and `duizhao export` both finish a build with (one path: they cannot drift) ----


def redirect_maps(sources: Path, settings: render.Settings) -> dict[str, str]:
    """Retired document URLs (sources/_published.yml) -> the pages that replaced them, in
    mkdocs-redirects' form."""
    from .publish import registry

    return registry.redirect_maps(registry.load(sources), settings.texts_dir)


def with_redirects(configured: dict[str, str] | None, maps: dict[str, str]) -> dict[str, str]:
    """The redirects plugin's maps with the retired URLs added; a redirect the project configures
    itself wins."""
    return {**maps, **(configured or {})}


def filled(built: Site, path: str, markdown: str) -> str:
    """A hand-written page's Markdown with the document list in place of documents_index.HOME_MARKER
    (unchanged when the page does not ask for it)."""
    home = built.homes.get(path)
    if home is None or documents_index.HOME_MARKER not in markdown:
        return markdown
    return markdown.replace(documents_index.HOME_MARKER, home)
