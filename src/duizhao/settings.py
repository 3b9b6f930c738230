"""One settings object for a build, read from mkdocs.yml by the hook and by the CLI alike (so an
exported project and a built site cannot drift), validated: a wrong key or value is a
SettingsError naming the key (the hook raises it as MkDocs' PluginError).

    extra:
      duizhao:
        sources: sources            # the scrapes' folder, beside mkdocs.yml
        branch: main                # the branch edit links open
        cache: .cache/duizhao       # or false: no cache on disk
        workers: 2                  # processes for a cold build (0 or 1: this process)
        dask: tcp://host:8786       # or local: build documents on a Dask cluster (the dask extra)
        offline: false              # a build to open from file:// (mkdocs-offline.yml)
        glossary_unused_pages: false  # a page for glossary entries no text uses
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml


class SettingsError(ValueError):
    """A setting that cannot be used; the message names the key."""


@dataclass(frozen=True)
class Settings:
    texts_dir: str = "texts"
    use_directory_urls: bool = True
    # The project's repository (mkdocs.yml repo_url), for "Edit source" and "Report a problem"
    # links; empty when the site has none, and the links are then left out.
    repo_url: str = ""
    # Branch that edit links point at.
    branch: str = "main"
    # Folder of the scrapes inside the repository.
    sources_dir: str = "sources"
    # The published site's address (mkdocs.yml site_url), so citations and problem reports name
    # the public page even when read from a local copy; empty when unknown.
    site_url: str = ""
    # A page for every glossary entry, even one no text uses (a 5,000-entry glossary would
    # otherwise make thousands of empty pages); by default only entries with occurrences.
    glossary_unused_pages: bool = False


# extra.duizhao: key -> (type, default). Only these keys are known.
OPTIONS: dict[str, tuple[type | tuple[type, ...], Any]] = {
    "sources": (str, "sources"),
    "branch": (str, "main"),
    "cache": ((str, bool), ".cache/duizhao"),
    "workers": (int, None),
    # A Dask scheduler's address, or "local" for a LocalCluster of `workers` processes; unset: the
    # process pool (duizhao.cluster, docs/performance.md).
    "dask": (str, None),
    "offline": (bool, False),
    "glossary_unused_pages": (bool, False),
}


def options(config: Mapping[str, Any]) -> dict[str, Any]:
    """extra.duizhao of a mkdocs.yml (as a mapping), checked, with every default filled in."""
    extra = config.get("extra") or {}
    given = extra.get("duizhao") if isinstance(extra, Mapping) else None
    if given is None:
        given = {}
    if not isinstance(given, Mapping):
        raise SettingsError("extra.duizhao must be a mapping of settings")
    out = {}
    for key, (kind, default) in OPTIONS.items():
        value = given.get(key, default)
        if value is not None and (not isinstance(value, kind) or (kind is int and isinstance(value, bool))):
            names = " or ".join(t.__name__ for t in (kind if isinstance(kind, tuple) else (kind,)))
            raise SettingsError(f"extra.duizhao.{key} must be a {names}, not {value!r}")
        out[key] = value
    unknown = sorted(set(given) - set(OPTIONS))
    if unknown:
        raise SettingsError(f"extra.duizhao.{unknown[0]} is not a setting; known: {', '.join(OPTIONS)}")
    if out["cache"] is True:
        out["cache"] = OPTIONS["cache"][1]
    if out["workers"] is not None and out["workers"] < 0:
        raise SettingsError("extra.duizhao.workers must be 0 or more")
    # (Blank counts as unset, so `dask: !ENV [DUIZHAO_DASK, ""]` turns it on from the environment.)
    out["dask"] = (out["dask"] or "").strip() or None
    if out["dask"] is not None:
        require_dask("extra.duizhao.dask")
    return out


def dask_available() -> bool:
    """Whether the `dask` extra (dask and distributed) is installed (found, not imported)."""
    return all(importlib.util.find_spec(name) is not None for name in ("dask", "distributed"))


def require_dask(setting: str) -> None:
    """An error naming `setting` when it asks for Dask and the extra is not installed."""
    if not dask_available():
        raise SettingsError(
            f"{setting} asks for a Dask cluster, but dask is not installed: "
            "pip install 'duizhao[dask]' (or leave the setting out to build with a process pool)"
        )


def from_config(config: Mapping[str, Any]) -> Settings:
    """The build's settings from a mkdocs.yml (as a mapping: MkDocs' config or the parsed YAML)."""
    found = options(config)
    offline = found["offline"]
    return Settings(
        # Opened from file://, where a folder does not open its index.html: "page.html" links.
        use_directory_urls=False if offline else bool(config.get("use_directory_urls", True)),
        repo_url=str(config.get("repo_url") or "").rstrip("/"),
        branch=found["branch"],
        sources_dir=found["sources"],
        site_url=str(config.get("site_url") or ""),
        glossary_unused_pages=found["glossary_unused_pages"],
    )


class _ConfigLoader(yaml.SafeLoader):
    """Safe YAML plus MkDocs' `!ENV` tag, so the CLI reads mkdocs.yml as MkDocs does."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # `!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable that is set, else the
    # default (the last item of a list of two or more), read as a YAML scalar like MkDocs does.
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = [loader.construct_object(n) for n in node.value]  # type: ignore[union-attr]
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    for name in names:
        value = os.environ.get(str(name))
        if value is not None:
            return yaml.safe_load(value) if value else value
    return default


_ConfigLoader.add_constructor("!ENV", _env_tag)


def load_config(text: str) -> dict:
    """A mkdocs.yml's content as a mapping (plain YAML and `!ENV`; no other tags)."""
    return yaml.load(text, Loader=_ConfigLoader) or {}
