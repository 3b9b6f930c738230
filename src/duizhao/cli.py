"""The `duizhao` command: the same core as the MkDocs hook, without MkDocs.

duizhao clean FILE [--report]   cleaned text of one scrape (paragraphs separated by a blank line)
duizhao export DIR              the generated pages as a plain MkDocs project (no hook needed)
duizhao bundle SITE             a built offline site as dist/<site-name>-offline.zip (reproducible)
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import yaml

from . import bundle, clean, ingest, pipeline, render, search
from .model import Level
from .rules import load_rules


def _clean(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"duizhao: {path}: no such file", file=sys.stderr)
        return 2
    raw = ingest.read_source(path, path.parent)
    rules = load_rules(Path(args.sources) if args.sources else path.parent)
    try:
        decoded = ingest.decode(raw)
    except ingest.SourceError as exc:
        print(f"duizhao: {path}: {exc}", file=sys.stderr)
        return 1
    cleaned = clean.clean(decoded, rules)
    for d in cleaned.diagnostics:
        print(f"duizhao: {d.level.value}: {d}", file=sys.stderr)
    out = sys.stdout
    if args.report:
        out.write(f"# {raw.name}  sha256 {raw.sha256}  encoding {decoded.encoding}\n")
        for r in cleaned.removals:
            text = r.text.replace("\n", " ")
            out.write(f"{r.line:>5}  {r.action:<8}  {r.rule:<18}  {text[:100]!r}  ({r.reason})\n")
        return 0
    out.write("\n\n".join(b.text for b in cleaned.blocks))
    out.write("\n")
    return 0


def _plain_config(config_file: Path) -> dict:
    """The project's mkdocs.yml without the hook, for building exported pages with plain MkDocs.
    (The project config keeps to plain YAML, no !!python tags, so it can be read safely.)"""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    config.pop("hooks", None)
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    # The hook marks document pages "not in nav"; plain MkDocs learns it from this setting.
    config["not_in_nav"] = f"/{render.Settings().texts_dir}/*.md"
    return config


def _export(args: argparse.Namespace) -> int:
    out = Path(args.dir)
    sources = Path(args.sources)
    config_file = Path(args.config)
    config = _plain_config(config_file) if config_file.is_file() else {"site_name": "duizhao"}
    # The same settings the hook derives from mkdocs.yml, so exported pages match built ones.
    settings = render.Settings(
        use_directory_urls=bool(config.get("use_directory_urls", True)),
        repo_url=str(config.get("repo_url") or "").rstrip("/"),
        site_url=str(config.get("site_url") or ""),
    )
    corpus = pipeline.build_corpus(sources)
    for d in corpus.all_diagnostics:
        print(f"duizhao: {d.level.value}: {d}", file=sys.stderr)
    docs_out = out / "docs"
    if docs_out.exists():
        shutil.rmtree(docs_out)
    docs_src = config_file.parent / "docs"
    if docs_src.is_dir():
        shutil.copytree(docs_src, docs_out)
    docs_out.mkdir(parents=True, exist_ok=True)
    docs = pipeline.published(corpus)
    # Hand-written pages for the search index, as the hook sees them (before filling).
    written = sorted(
        (md.relative_to(docs_out).as_posix(), md.read_text(encoding="utf-8")) for md in docs_out.rglob("*.md")
    )
    for md in docs_out.rglob("*.md"):
        rel = md.relative_to(docs_out).as_posix()
        text = md.read_text(encoding="utf-8")
        filled = render.fill_home(text, docs, rel, settings)
        if filled != text:
            md.write_text(filled, encoding="utf-8")
    for page in pipeline.pages(corpus, settings):
        target = docs_out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    for rel, data in render.static_files():
        target = docs_out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for rel, data in search.site_index(docs, written, settings.texts_dir, settings.use_directory_urls).files:
        target = docs_out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (out / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    errors = sum(1 for d in corpus.all_diagnostics if d.level is Level.ERROR)
    print(f"duizhao: exported {len(docs)} documents to {out}", file=sys.stderr)
    return 1 if errors else 0


def _bundle(args: argparse.Namespace) -> int:
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"duizhao: {site}: not a built site (no index.html); run `make offline`", file=sys.stderr)
        return 2
    config_file = Path(args.config)
    config = yaml.safe_load(config_file.read_text(encoding="utf-8")) if config_file.is_file() else {}
    name = f"{bundle.bundle_name(str((config or {}).get('site_name') or 'site'))}-offline"
    out = Path(args.out) / f"{name}.zip"
    size = bundle.write_zip(site, out, name)
    print(f"duizhao: wrote {out} ({size / 1024 / 1024:.2f} MB)", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="duizhao", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("clean", help="print the cleaned text of one scrape")
    p.add_argument("file")
    p.add_argument("--report", action="store_true", help="print the audit of removed lines instead")
    p.add_argument("--sources", help="sources directory whose rules.yml applies (default: the file's folder)")
    p.set_defaults(func=_clean)

    p = sub.add_parser("export", help="write the generated pages as a plain MkDocs project")
    p.add_argument("dir")
    p.add_argument("--sources", default="sources")
    p.add_argument("--config", default="mkdocs.yml", help="project config to copy (minus the hook)")
    p.set_defaults(func=_export)

    p = sub.add_parser("bundle", help="zip a built offline site reproducibly (see `make offline`)")
    p.add_argument("site", help="the site built with mkdocs-offline.yml")
    p.add_argument("--config", default="mkdocs.yml", help="project config, for the site's name")
    p.add_argument("--out", default="dist", help="folder for <site-name>-offline.zip")
    p.set_defaults(func=_bundle)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
