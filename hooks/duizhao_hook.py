"""MkDocs hook: thin glue between MkDocs and the duizhao core (which never imports MkDocs).

- on_files: run the pipeline over sources/ and add every generated page and asset as a virtual
  file (File.generated): nothing is written into docs/;
- on_page_markdown: fill the document list into hand-written pages that ask for it;
- on_files also writes the search index (duizhao.search) over documents and hand-written pages;
- on_config: `extra.duizhao.offline: true` (mkdocs-offline.yml) makes a build for file://;
- on_serve: rebuild when a source changes.
The core is an installed package (`pip install -e .`): MkDocs puts this folder on sys.path only
while importing the hook and never reloads it under `mkdocs serve`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from duizhao import pipeline, render, search
from duizhao.model import Document, Level

# mkdocs.plugins.duizhao: under the "mkdocs" logger, so --strict counts our warnings.
log = get_plugin_logger("duizhao")

_LOG = {Level.INFO: log.info, Level.WARNING: log.warning, Level.ERROR: log.error}
_state: dict[str, object] = {}


def _sources(config: MkDocsConfig) -> Path:
    options = config.extra.get("duizhao") or {}
    return Path(config.config_file_path).parent / options.get("sources", "sources")


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    options = config.extra.get("duizhao") or {}
    _state["repo_url"] = (config.repo_url or "").rstrip("/")
    if options.get("offline"):
        # Opened from file://: "page.html" links, since a folder does not open its index.html;
        # and no repo_url for the theme, whose header would fetch repository facts from the
        # network on every page view (our own "Report a problem" links keep the address).
        config.use_directory_urls = False
        config.repo_url = None
        config.edit_uri = None
    return config


def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    sources = _sources(config)
    options = config.extra.get("duizhao") or {}
    settings = render.Settings(
        use_directory_urls=config.use_directory_urls,
        repo_url=str(_state.get("repo_url", (config.repo_url or "").rstrip("/"))),
        branch=options.get("branch", "main"),
        sources_dir=options.get("sources", "sources"),
        site_url=config.site_url or "",
    )
    corpus = pipeline.build_corpus(sources)
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
        pipeline.published(corpus), written, settings.texts_dir, settings.use_directory_urls
    )
    for path, data in index.files:
        files.append(File.generated(config, path, content=data))
    _state["docs"] = pipeline.published(corpus)
    _state["settings"] = settings
    log.info("%d documents from %s", len(_state["docs"]), sources)  # type: ignore[arg-type]
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files, **kwargs) -> str:
    docs: list[Document] = _state.get("docs", [])  # type: ignore[assignment]
    settings: render.Settings = _state.get("settings", render.Settings())  # type: ignore[assignment]
    return render.fill_home(markdown, docs, page.file.src_uri, settings)


def on_serve(server, config: MkDocsConfig, builder, **kwargs):
    server.watch(str(_sources(config)))
    return server
