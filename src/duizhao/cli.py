"""The `duizhao` command: the same core as the MkDocs hook, without MkDocs.

duizhao clean FILE [--report]   cleaned text of one scrape (paragraphs separated by a blank line); a
                                PDF or Word file alike, a web archive page by page
duizhao export DIR              the generated pages as a plain MkDocs project (no hook needed)
duizhao export-corpus DIR       the corpus as data: its sentence pairs as TMX, JSONL and TSV, the
                                glossary as TBX and CSV
                                (both: --dask ADDRESS builds the documents on a Dask cluster)
duizhao align ZH_FILE EN_FILE   sentence alignment of two files with one sentence a line: one bead
                                a line, "[zh ids]:[en ids]", zero-based
duizhao align --review          the corpus's beads under a confidence threshold, for editors
duizhao review BASE [HEAD]      what readers will see change between two git revisions (Markdown)
duizhao urls [--write]          check (or record) published document URLs in sources/_published.yml
duizhao bundle SITE             a built offline site as dist/<site-name>-offline.zip (reproducible)
duizhao terms [ZH EN [--beads]]  new glossary entries mined from aligned text, as YAML to paste
"""

from __future__ import annotations

import argparse
from typing import Any

from . import commands
from .publish import registry, render


def _parser() -> argparse.ArgumentParser:
    """The subcommands and their options, one function per command."""
    parser = argparse.ArgumentParser(prog="duizhao", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    _clean_command(sub)
    _export_command(sub)
    _export_corpus_command(sub)
    _align_command(sub)
    _review_command(sub)
    _urls_command(sub)
    _terms_command(sub)
    _bundle_command(sub)
    return parser


def _clean_command(sub: Any) -> None:
    p = sub.add_parser(
        "clean", help="print the cleaned text of one scrape (.txt .md .html .pdf .docx; .warc .warc.gz .wacz page by page)"
    )
    p.add_argument("file")
    p.add_argument("--report", action="store_true", help="print the audit of removed lines instead")
    p.add_argument("--sources", help="sources directory whose rules.yml applies (default: the file's folder)")
    p.set_defaults(func=commands.run_clean)


def _export_command(sub: Any) -> None:
    p = sub.add_parser("export", help="write the generated pages as a plain MkDocs project")
    p.add_argument("dir")
    p.add_argument("--sources", help="sources folder (default: extra.duizhao.sources beside --config)")
    p.add_argument("--config", default="mkdocs.yml", help="project config to copy (minus the hook)")
    _dask_option(p)
    p.set_defaults(func=commands.run_export)


def _export_corpus_command(sub: Any) -> None:
    p = sub.add_parser(
        "export-corpus",
        help="write the corpus as data: TMX, JSONL and TSV of its sentence pairs, TBX and CSV of the glossary",
    )
    p.add_argument("dir")
    p.add_argument("--sources", help="sources folder (default: extra.duizhao.sources beside --config)")
    p.add_argument("--config", default="mkdocs.yml", help="project config whose settings apply")
    _dask_option(p)
    p.set_defaults(func=commands.run_export_corpus)


def _dask_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="build the documents on the Dask scheduler at ADDRESS, or 'local' for a LocalCluster "
        "(needs `pip install duizhao[dask]`; default: extra.duizhao.dask, else a process pool)",
    )


def _align_command(sub: Any) -> None:
    p = sub.add_parser("align", help="align two files of sentences (one a line), or list weak beads")
    p.add_argument("files", nargs="*", metavar="FILE", help="ZH_FILE EN_FILE")
    p.add_argument("--glossary", help="YAML glossary of zh terms and their English renderings")
    p.add_argument("--confidence", action="store_true", help="add each bead's confidence after a tab")
    p.add_argument(
        "--embed",
        action="store_true",
        help="mix in sentence embeddings (needs `pip install duizhao[embed]`; also DUIZHAO_EMBED=1)",
    )
    p.add_argument("--review", action="store_true", help="list the corpus's beads under --threshold")
    p.add_argument(
        "--threshold", type=float, default=render.REVIEW_BELOW, help="confidence under which a bead is listed"
    )
    p.add_argument("--sources", default="sources")
    p.set_defaults(func=commands.run_align)


def _review_command(sub: Any) -> None:
    p = sub.add_parser(
        "review",
        help="Markdown report of what readers will see change between two git revisions",
        description="Builds the documents of sources/ at BASE and at HEAD (default: the working tree) "
        "with the code of this checkout, and reports what changed. Exits 1 on a policy violation "
        "(a scrape edited in place, a published URL removed without a redirect), 2 on a git error.",
    )
    p.add_argument("base", help="git revision to compare with, e.g. origin/main")
    p.add_argument("head", nargs="?", default=None, help="git revision (default: the working tree)")
    p.add_argument("--output", "-o", help="write the report to this file instead of standard output")
    p.add_argument("--sources", help="sources folder in the repository (default: from mkdocs.yml)")
    p.set_defaults(func=commands.run_review)


def _urls_command(sub: Any) -> None:
    p = sub.add_parser("urls", help="check or record the published URL of every document")
    p.add_argument(
        "--write", action="store_true", help=f"record new documents and renames in {registry.REGISTRY_FILE}"
    )
    p.add_argument("--sources", default="sources")
    p.set_defaults(func=commands.run_urls)


def _terms_command(sub: Any) -> None:
    p = sub.add_parser(
        "terms",
        help="propose new glossary entries mined from aligned text (YAML to paste into glossary.yml)",
        description="Without files: the aligned documents of --sources. With ZH_FILE EN_FILE (one "
        "sentence a line): their alignment from --beads (gold format, [zh ids]:[en ids] a line), or "
        "duizhao's own. Entries already in the glossary are left out.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="ZH_FILE EN_FILE")
    p.add_argument("--beads", help="alignment of the two files, one bead a line: [zh ids]:[en ids]")
    p.add_argument("--min-count", type=int, default=2, help="aligned pairs a candidate needs at least")
    p.add_argument("--top", type=int, default=40, help="how many candidates to print")
    p.add_argument(
        "--all", action="store_true", help="also pairs whose Chinese word CC-CEDICT glosses otherwise"
    )
    p.add_argument("--sources", default="sources", help="sources folder (its glossary.yml is skipped)")
    p.set_defaults(func=commands.run_terms)


def _bundle_command(sub: Any) -> None:
    p = sub.add_parser("bundle", help="zip a built offline site reproducibly (see `make offline`)")
    p.add_argument("site", help="the site built with mkdocs-offline.yml")
    p.add_argument("--config", default="mkdocs.yml", help="project config, for the site's name")
    p.add_argument("--out", default="dist", help="folder for <site-name>-offline.zip")
    p.set_defaults(func=commands.run_bundle)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
