"""MkDocs hook: thin glue between MkDocs and the duizhao core (which never imports MkDocs).

- on_config: retired document URLs from sources/_published.yml become mkdocs-redirects redirects;
  `extra.duizhao.offline: true` (mkdocs-offline.yml) makes a build to open from file://;
- on_files: build the site from sources/ (duizhao.site: documents, pages, search index, memoised
  by their inputs) and add every generated file as a virtual file (File.generated): nothing is
  written into docs/;
- on_page_markdown: fill the document list into hand-written pages that ask for it, and point a
  document page's edit/view/report buttons at its sidecar, its scrape and the issue tracker;
- on_page_content: every page's HTML passes the sanitiser's allow-list (a document page's once more);
- on_nav: under `mkdocs serve --dirty`, leave every page whose inputs did not change as it is on
  disk (duizhao.incremental decides which);
- on_env: the theme's compiled templates are kept beside the cache (a rebuild under `mkdocs serve`
  loads the config, so the theme, afresh and would compile every template again);
- on_post_build: keep the digests of the HTML that passed it, and the record of what was written;
- on_post_page: the theme's repository link stays a link but fetches nothing (no third-party request);
- on_serve: rebuild when a source changes;
- on_startup, on_shutdown: under `mkdocs serve`, memo files are written once, when it stops
  (duizhao.memo.defer_writes), not at the end of every rebuild.
The core is an installed package (`pip install -e .`): MkDocs puts this folder on sys.path only
while importing the hook and never reloads it under `mkdocs serve`.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from duizhao import incremental, settings, site
from duizhao import memo as memos
from duizhao.cache import DocumentCache, text_key
from duizhao.cluster import ClusterError
from duizhao.model import Level
from duizhao.publish import registry, sanitize

# mkdocs.plugins.duizhao: under the "mkdocs" logger, so --strict counts our warnings.
log = get_plugin_logger("duizhao")

_LOG = {Level.INFO: log.info, Level.WARNING: log.warning, Level.ERROR: log.error}
_state: dict[str, object] = {}


def _options(config: MkDocsConfig) -> dict:
    """extra.duizhao, checked (duizhao.settings): a wrong key stops the build, named."""
    try:
        return settings.options(config)
    except settings.SettingsError as exc:
        raise PluginError(f"mkdocs.yml: {exc}") from None


def _sources(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / _options(config)["sources"]


def _cache(config: MkDocsConfig) -> DocumentCache:
    """Built documents by content hash, under .cache/duizhao/ beside mkdocs.yml (extra.duizhao.cache:
    another folder, or false for none on disk)."""
    folder = _options(config)["cache"]
    if folder is False:
        return DocumentCache(None)
    return DocumentCache(Path(config.config_file_path).parent / str(folder) / "documents")


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    _state["offline"] = _options(config)["offline"]
    if not config.repo_url:
        # No repository configured (mkdocs.yml reads it from DUIZHAO_REPO_URL): no edit links,
        # rather than edit_uri's relative path turned into a broken one.
        config.edit_uri = None
    if _state["offline"]:
        # Opened from file://, where a folder does not open its index.html: "page.html" links.
        config.use_directory_urls = False
    maps = site.redirect_maps(_sources(config), _settings(config))
    plugin = config.plugins.get("redirects")
    if plugin is not None:
        plugin.config["redirect_maps"] = site.with_redirects(plugin.config.get("redirect_maps"), maps)
    elif maps:
        log.warning("%s has redirects, but the redirects plugin is not enabled", registry.REGISTRY_FILE)
    return config


def _settings(config: MkDocsConfig) -> settings.Settings:
    try:
        return settings.from_config(config)
    except settings.SettingsError as exc:
        raise PluginError(f"mkdocs.yml: {exc}") from None


# Before other plugins (mkdocs-redirects) collect the files, so they see the generated pages.
@event_priority(50)
def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    sources = _sources(config)
    cache = _cache(config)
    written = [(f.src_uri, f.content_string) for f in files.documentation_pages() if not f.generated_by]
    found = _options(config)
    try:
        built = site.build(sources, _settings(config), written, cache, found["workers"], found["dask"])
    except ClusterError as exc:
        raise PluginError(f"mkdocs.yml: {exc}") from None
    for diagnostic in built.diagnostics:
        _LOG[diagnostic.level]("%s", diagnostic)
    for made in built.files:
        if files.get_file_from_path(made.path) is not None:
            log.error("docs/%s exists but duizhao generates it; remove it from docs/", made.path)
            continue
        inclusion = InclusionLevel.NOT_IN_NAV
        if made.nav or not made.path.endswith(".md"):
            inclusion = InclusionLevel.UNDEFINED
        files.append(File.generated(config, made.path, content=made.content, inclusion=inclusion))
    _state["site"] = built
    _state["cache"] = cache
    _state["written"] = dict(written)
    log.info(
        "%d documents from %s: %d processed, %d from cache%s",
        built.documents,
        sources,
        built.stats.built,
        built.stats.cached,
        f" (processed on the Dask cluster at {found['dask']})" if found["dask"] and built.stats.built else "",
    )
    return files


# Last, after any plugin's change to the navigation.
@event_priority(-100)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files, **kwargs) -> Navigation:
    """Which pages this build renders again. MkDocs' dirty mode (`mkdocs serve --dirty`) asks each
    file whether it is modified; a generated file always says yes. Here a page says no when
    everything it shows is what the last build into this folder wrote (a build without --dirty
    cleans the folder first and never asks)."""
    built: site.Site | None = _state.get("site")  # type: ignore[assignment]
    if built is None:
        return nav
    shared = [
        Path(config.config_file_path).read_bytes().decode("utf-8", "replace"),
        repr([config.get(k) for k in ("site_url", "repo_url", "edit_uri", "use_directory_urls", "extra")]),
        repr([dict(config.theme.items()), config.markdown_extensions, config.mdx_configs]),
        repr([config.extra_css, config.extra_javascript]),
    ]
    watched = [Path(__file__)] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
    frame = incremental.frame(shared, watched, [f.src_uri for f in files.documentation_pages()])
    written: dict[str, str] = _state["written"]  # type: ignore[assignment]
    chosen = incremental.plan(
        config.site_dir,
        frame,
        built,
        {f.src_uri: f.abs_dest_path for f in files if f.src_uri in written or f.generated_by},
        written,
        {page.file.src_uri for page in nav.pages},
    )
    for f in files:
        if f.src_uri in chosen.unchanged:
            f.is_modified = _unchanged  # type: ignore[method-assign]
        elif f.src_uri in chosen.outputs:
            f.is_modified = _changed  # type: ignore[method-assign]
    _state["selection"] = chosen
    return nav


def _unchanged() -> bool:
    return False


def _changed() -> bool:
    return True


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files, **kwargs) -> jinja2.Environment:
    """Compiled templates by their source's checksum (jinja's own bytecode cache), on disk beside
    the document cache: every build after the first skips compiling the theme."""
    folder = _options(config)["cache"]
    if folder is not False and env.bytecode_cache is None:
        where = Path(config.config_file_path).parent / str(folder) / "templates"
        where.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(where))
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files, **kwargs) -> str:
    built: site.Site | None = _state.get("site")  # type: ignore[assignment]
    if built is None:
        return markdown
    actions = built.actions.get(page.file.src_uri)
    if actions:
        # Edit opens the document's sidecar (a generated page has no file to edit); the theme
        # override (overrides/partials/actions.html) also offers the scrape and a problem report.
        page.edit_url = actions[0]["url"]
        page.meta["duizhao_actions"] = actions
    return site.filled(built, page.file.src_uri, markdown)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files, **kwargs) -> str:
    """Every page's HTML after Markdown passes an allow-list: a document page's the document rules
    (render already sanitised what it wrote, so this pass guards what Markdown or an extension might
    add), every other page's (listings, glossary, hand-written pages) the same rules widened to what
    Markdown writes. HTML that passed unchanged before (by digest) is not parsed again."""
    built: site.Site | None = _state.get("site")  # type: ignore[assignment]
    if built is None:
        return html
    document = page.file.src_uri in built.actions
    memo = _state["cache"].html  # type: ignore[attr-defined]
    key = text_key("document" if document else "page", html)
    if memo.get(key):
        return html
    cleaned = sanitize.clean(html) if document else sanitize.clean_page(html)
    if cleaned == html:
        memo[key] = True
    return cleaned


def on_post_build(config: MkDocsConfig, **kwargs) -> None:
    cache = _state.get("cache")
    if cache is not None:
        cache.html.finish()  # type: ignore[attr-defined]
    chosen = _state.get("selection")
    if chosen is not None:
        chosen.finish()  # type: ignore[attr-defined]


# The theme's repository link (header) fetches the repository's stars and forks from the forge's
# API on every page view: a request that tells a third party who reads what. Online and offline
# alike, the link stays a link but loses the hook for that.
SOURCE_FACTS = ' data-md-component="source"'


def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    return output.replace(SOURCE_FACTS, "")


def on_startup(command: str, dirty: bool, **kwargs) -> None:
    if command == "serve":
        memos.defer_writes()


def on_shutdown(**kwargs) -> None:
    memos.flush()


def on_serve(server, config: MkDocsConfig, builder, **kwargs):
    server.watch(str(_sources(config)))
    return server
