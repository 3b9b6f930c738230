"""`duizhao export`: one build's generated files as a plain MkDocs project (no hook needed), made
through the same path as the hook's build: settings.from_config, site.build, site.redirect_maps and
site.filled, so an exported project and a built site cannot drift."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

from . import site
from .cluster import ClusterError
from .model import Level
from .publish import connections, corpus_data, documents_index
from .settings import Settings, SettingsError, from_config, load_config, options, require_dask


def plain_config(config_file: Path) -> dict:
    """The project's mkdocs.yml without the hook, for building exported pages with plain MkDocs.
    (The project config keeps to plain YAML, no !!python tags, so it can be read safely.)"""
    config = load_config(config_file.read_text(encoding="utf-8"))
    config.pop("hooks", None)
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    # The hook marks document pages (and the documents index's later pages, the browse pages)
    # "not in nav"; plain MkDocs learns it from this setting (a gitignore-style pattern list).
    texts = Settings().texts_dir
    config["not_in_nav"] = "\n".join(
        [f"/{texts}/*.md", f"/{texts}/{documents_index.INDEX_PAGES_DIR}/*.md"]
        + [f"/{d}/**/*.md" for d in connections.NOT_IN_NAV_DIRS]
        + [f"/{corpus_data.PAGE}"]
    )
    return config


def export(out: Path, config_file: Path, sources: Path | None = None, dask: str | None = None) -> int:
    """`duizhao export`: the generated pages of `sources` as a plain MkDocs project in `out`; exit
    code 1 when a source has an error, 2 when mkdocs.yml has a wrong setting or the cluster fails.
    `dask`: a Dask scheduler's address or "local" (default: extra.duizhao.dask)."""
    config = plain_config(config_file) if config_file.is_file() else {"site_name": "duizhao"}
    # The same settings the hook derives from mkdocs.yml, so exported pages match built ones.
    try:
        settings = from_config(config)
        engine = engine_options(config, dask)
    except SettingsError as exc:
        print(f"duizhao: {config_file}: {exc}", file=sys.stderr)
        return 2
    # The sources folder the hook reads (extra.duizhao.sources beside mkdocs.yml) unless given.
    sources = sources or config_file.parent / settings.sources_dir
    docs_out = out / "docs"
    if docs_out.exists():
        shutil.rmtree(docs_out)
    docs_src = config_file.parent / "docs"
    if docs_src.is_dir():
        shutil.copytree(docs_src, docs_out)
    docs_out.mkdir(parents=True, exist_ok=True)
    # Hand-written pages for the search index, as the hook sees them (before filling).
    written = sorted(
        (md.relative_to(docs_out).as_posix(), md.read_text(encoding="utf-8")) for md in docs_out.rglob("*.md")
    )
    try:
        built = site.build(sources, settings, written, None, *engine)
    except ClusterError as exc:
        print(f"duizhao: {exc}", file=sys.stderr)
        return 2
    for d in built.diagnostics:
        print(f"duizhao: {d.level.value}: {d}", file=sys.stderr)
    carry_theme_and_redirects(config, config_file.parent, out, site.redirect_maps(sources, settings))
    for rel, text in written:
        page = site.filled(built, rel, text)
        if page != text:
            (docs_out / rel).write_text(page, encoding="utf-8")
    for made in built.files:
        target = docs_out / made.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(made.content, bytes):
            target.write_bytes(made.content)
        else:
            target.write_text(made.content, encoding="utf-8")
    (out / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    errors = sum(1 for d in built.diagnostics if d.level is Level.ERROR)
    print(f"duizhao: exported {built.documents} documents to {out}", file=sys.stderr)
    return 1 if errors else 0


def engine_options(config: dict, dask: str | None) -> tuple[int | None, str | None]:
    """Where the documents are built: extra.duizhao.workers, and the Dask scheduler of `--dask`
    (checked here, named as the option) or else of extra.duizhao.dask."""
    found = options(config)
    if dask is not None and dask.strip():
        require_dask("--dask")
        return found["workers"], dask.strip()
    return found["workers"], found["dask"]


def carry_theme_and_redirects(config: dict, project: Path, out: Path, maps: dict[str, str]) -> None:
    """The exported project keeps the theme overrides and the redirects of retired URLs, which the
    hook would otherwise add."""
    theme = config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if custom and (project / custom).is_dir():
        shutil.copytree(project / custom, out / custom, dirs_exist_ok=True)
    plugins = config.get("plugins") or []
    for i, plugin in enumerate(plugins):
        if plugin == "redirects":
            plugins[i] = {"redirects": {"redirect_maps": site.with_redirects(None, maps)}}
        elif isinstance(plugin, dict) and "redirects" in plugin:
            options = plugin["redirects"] or {}
            options["redirect_maps"] = site.with_redirects(options.get("redirect_maps"), maps)
            plugin["redirects"] = options
