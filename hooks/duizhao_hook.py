"""MkDocs hook: thin glue between MkDocs and the duizhao core (which never imports MkDocs).

- on_config: retired document URLs from sources/_published.yml become mkdocs-redirects redirects;
  `extra.duizhao.offline: true` (mkdocs-offline.yml) makes a build to open from file://;
- on_files: run the pipeline over sources/ and add every generated page and asset as a virtual
  file (File.generated): nothing is written into docs/; with them the search index
  (duizhao.search) over documents and hand-written pages;
- on_page_markdown: fill the document list into hand-written pages that ask for it, and point a
  document page's edit/view/report buttons at its sidecar, its scrape and the issue tracker;
- on_page_content: a document page's HTML passes the sanitiser's allow-list once more;
- on_post_page: offline, the theme's repository link stays a link but fetches nothing;
- on_serve: rebuild when a source changes.
The core is an installed package (`pip install -e .`): MkDocs puts this folder on sys.path only
while importing the hook and never reloads it under `mkdocs serve`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from duizhao import forge, pipeline, registry, render, sanitize, search, sidecar
from duizhao.cache import DocumentCache
from duizhao.model import Document, Level

# mkdocs.plugins.duizhao: under the "mkdocs" logger, so --strict counts our warnings.
log = get_plugin_logger("duizhao")

_LOG = {Level.INFO: log.info, Level.WARNING: log.warning, Level.ERROR: log.error}
_state: dict[str, object] = {}


def _sources(config: MkDocsConfig) -> Path:
    options = config.extra.get("duizhao") or {}
    return Path(config.config_file_path).parent / options.get("sources", "sources")


def _cache(config: MkDocsConfig) -> DocumentCache:
    """Built documents by content hash, under .cache/duizhao/ beside mkdocs.yml (extra.duizhao.cache:
    another folder, or false for none on disk)."""
    folder = (config.extra.get("duizhao") or {}).get("cache", ".cache/duizhao")
    if folder is False:
        return DocumentCache(None)
    return DocumentCache(Path(config.config_file_path).parent / str(folder) / "documents")


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    options = config.extra.get("duizhao") or {}
    _state["offline"] = bool(options.get("offline"))
    if _state["offline"]:
        # Opened from file://, where a folder does not open its index.html: "page.html" links.
        config.use_directory_urls = False
    reg = registry.load(_sources(config))
    maps = registry.redirect_maps(reg, render.Settings().texts_dir)
    plugin = config.plugins.get("redirects")
    if plugin is not None:
        plugin.config["redirect_maps"] = {**maps, **(plugin.config.get("redirect_maps") or {})}
    elif maps:
        log.warning("%s has redirects, but the redirects plugin is not enabled", registry.REGISTRY_FILE)
    return config


# Before other plugins (mkdocs-redirects) collect the files, so they see the generated pages.
@event_priority(50)
def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    sources = _sources(config)
    options = config.extra.get("duizhao") or {}
    settings = render.Settings(
        use_directory_urls=config.use_directory_urls,
        repo_url=(config.repo_url or "").rstrip("/"),
        branch=options.get("branch", "main"),
        sources_dir=options.get("sources", "sources"),
        site_url=config.site_url or "",
    )
    cache = _cache(config)
    corpus = pipeline.build_corpus(sources, cache, (config.extra.get("duizhao") or {}).get("workers"))
    for diagnostic in corpus.all_diagnostics:
        _LOG[diagnostic.level]("%s", diagnostic)
    generated = pipeline.pages(corpus, settings)
    index_path = f"{settings.texts_dir}/index.md"
    for page in generated:
        if files.get_file_from_path(page.path) is not None:
            log.error("docs/%s exists but duizhao generates that page; remove it from docs/", page.path)
            continue
        inclusion = InclusionLevel.UNDEFINED if page.path == index_path else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.path, content=page.markdown, inclusion=inclusion))
    for path, data in render.static_files():
        files.append(File.generated(config, path, content=data))
    written = [(f.src_uri, f.content_string) for f in files.documentation_pages() if not f.generated_by]
    index = search.site_index(
        pipeline.published(corpus),
        written,
        settings.texts_dir,
        settings.use_directory_urls,
        corpus.glossary.entries,
        cache.search,
    )
    cache.search.finish()
    for path, data in index.files:
        files.append(File.generated(config, path, content=data))
    _state["docs"] = pipeline.published(corpus)
    _state["by_path"] = {render.doc_path(d, settings): d for d in _state["docs"]}  # type: ignore[attr-defined]
    _state["settings"] = settings
    _state["sources"] = sources
    stats = corpus.stats
    log.info(
        "%d documents from %s: %d processed, %d from cache",
        len(_state["docs"]),  # type: ignore[arg-type]
        sources,
        stats.built,
        stats.cached,
    )
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files, **kwargs) -> str:
    docs: list[Document] = _state.get("docs", [])  # type: ignore[assignment]
    settings: render.Settings = _state.get("settings", render.Settings())  # type: ignore[assignment]
    doc = _state.get("by_path", {}).get(page.file.src_uri)  # type: ignore[attr-defined]
    if doc is not None:
        _set_actions(page, doc, settings)
    return render.fill_home(markdown, docs, page.file.src_uri, settings)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files, **kwargs) -> str:
    """A document page's HTML after Markdown passes the allow-list again: render already sanitised
    what it wrote, so this pass guards what Markdown or an extension might add."""
    if page.file.src_uri in _state.get("by_path", {}):  # type: ignore[operator]
        return sanitize.clean(html)
    return html


def _set_actions(page: Page, doc: Document, settings: render.Settings) -> None:
    """Edit opens the document's sidecar (a generated page has no file to edit); the theme override
    (overrides/partials/actions.html) also offers the scrape and a problem report."""
    sources: Path = _state["sources"]  # type: ignore[assignment]
    found = sidecar.sidecar_path(sources, doc.source.name)
    rel = found.relative_to(sources).as_posix() if found else None
    actions = forge.page_actions(settings, doc, rel)
    if actions:
        page.edit_url = actions[0]["url"]
        page.meta["duizhao_actions"] = actions


# The theme's repository link (header) fetches the repository's stars and forks from the forge's
# API on every page view; offline nothing may be requested, so the link loses the hook for that.
SOURCE_FACTS = ' data-md-component="source"'


def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    if _state.get("offline"):
        return output.replace(SOURCE_FACTS, "")
    return output


def on_serve(server, config: MkDocsConfig, builder, **kwargs):
    server.watch(str(_sources(config)))
    return server
