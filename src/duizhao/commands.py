"""What each subcommand of `duizhao` does (cli.py reads the command line and calls one of these):
each takes the parsed arguments and returns the exit status."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import yaml

from . import export, pipeline
from .clean import clean
from .model import Level, RawSource
from .publish import bundle, registry
from .read import ingest, read_warc
from .review import report, review, snapshot
from .settings import SettingsError, from_config, load_config
from .vocab.rules import Rules, load_rules


def run_clean(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"duizhao: {path}: no such file", file=sys.stderr)
        return 2
    raw = ingest.read_source(path, path.parent)
    rules = load_rules(Path(args.sources) if args.sources else path.parent)
    if not read_warc.is_archive(raw.name):
        return _clean_one(raw, rules, args.report, heading=False)
    # A web archive: each HTML page it holds, cleaned in turn under a heading naming its
    # address and capture date; what was skipped is said on stderr.
    pages, notes = read_warc.expand([raw])
    for d in notes:
        print(f"duizhao: {d.level.value}: {d}", file=sys.stderr)
    status = 1 if any(d.level is Level.ERROR for d in notes) else 0
    for i, page in enumerate(pages):
        if i:
            sys.stdout.write("\n")
        status = max(status, _clean_one(page, rules, args.report, heading=True))
    return status


def _clean_one(raw: RawSource, rules: Rules, report: bool, heading: bool) -> int:
    """One source cleaned to stdout (its text, or with `report` its removals); 1 when it would
    fail the build. `heading`: a line naming it first (a page of an archive, with its address)."""
    try:
        decoded = ingest.decode(raw)
    except ingest.SourceError as exc:
        print(f"duizhao: {raw.name}: {exc}", file=sys.stderr)
        return 1
    cleaned = clean.clean(decoded, rules)
    notes = list(cleaned.diagnostics)  # (the decoder's among them)
    for d in notes:
        print(f"duizhao: {d.level.value}: {d}", file=sys.stderr)
    # Exit 1 when the page would fail the build (nothing left, an unreadable part...), so a
    # script that cleans many files notices; the text that is left is still printed.
    status = 1 if any(d.level is Level.ERROR for d in notes) else 0
    out = sys.stdout
    if report:
        out.write(f"# {raw.name}  sha256 {raw.sha256}  encoding {decoded.encoding}\n")
        for r in cleaned.removals:
            text = r.text.replace("\n", " ")
            out.write(f"{r.line:>5}  {r.action:<8}  {r.rule:<18}  {text[:100]!r}  ({r.reason})\n")
        return status
    if heading:
        facts = "".join(f"  {'captured' if key == 'date' else key} {value}" for key, value, _ in raw.origin)
        out.write(f"# {raw.name}{facts}\n\n")
    # The text alone: the headline, byline, date and source lines went into the page's header
    # (on a page they stand above the text, not in it); each is named on stderr, not lost in
    # silence.
    for r in cleaned.removals:
        if r.action == "metadata":
            print(
                f"duizhao: note: {raw.name}:{r.line}: shown in the page header ({r.rule}): {r.text[:80]}",
                file=sys.stderr,
            )
    out.write("\n\n".join(b.text for b in cleaned.blocks))
    out.write("\n")
    return status


def run_export(args: argparse.Namespace) -> int:
    return export.export(
        Path(args.dir), Path(args.config), Path(args.sources) if args.sources else None, args.dask
    )


def run_export_corpus(args: argparse.Namespace) -> int:
    """The data files the site's data page offers, from the same settings and documents."""
    from .publish import corpus_data

    config_file = Path(args.config)
    try:
        config = load_config(config_file.read_text(encoding="utf-8")) if config_file.is_file() else {}
        settings = from_config(config)
        workers, dask = export.engine_options(config, args.dask)
    except (yaml.YAMLError, SettingsError) as exc:
        print(f"duizhao: {config_file}: {exc}", file=sys.stderr)
        return 2
    sources = Path(args.sources) if args.sources else config_file.parent / settings.sources_dir
    if not sources.is_dir():
        print(f"duizhao: {sources}: no such folder", file=sys.stderr)
        return 2
    try:
        corpus = pipeline.build_corpus(sources, workers=workers, dask=dask)
    except SettingsError as exc:  # (the cluster's: duizhao.cluster.ClusterError)
        print(f"duizhao: {exc}", file=sys.stderr)
        return 2
    for d in corpus.all_diagnostics:
        print(f"duizhao: {d.level.value}: {d}", file=sys.stderr)
    data = corpus_data.collect(pipeline.published(corpus), corpus.glossary)
    out = Path(args.dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in corpus_data.files(data):
        (out / name).write_text(text, encoding="utf-8", newline="")
    print(
        f"duizhao: wrote {', '.join(corpus_data.FILES)} to {out}: {len(data.rows)} sentence pairs from "
        f"{data.documents} documents ({data.skipped} passages with no counterpart left out), "
        f"{len(data.entries)} glossary entries",
        file=sys.stderr,
    )
    return 1 if any(d.level is Level.ERROR for d in corpus.all_diagnostics) else 0


def _read_sentences(path: Path) -> list[str]:
    """One sentence a line; every line counts (ids are line numbers), a final newline does not."""
    text = path.read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip("\r") for line in lines]


def run_align(args: argparse.Namespace) -> int:
    from .align import alignment, embed
    from .link import glossary as gloss
    from .vocab import lexicon

    if args.review:
        return _weak_beads(args)
    if len(args.files) != 2:
        print("duizhao align: give ZH_FILE and EN_FILE (or --review)", file=sys.stderr)
        return 2
    paths = [Path(f) for f in args.files]
    for path in paths:
        if not path.is_file():
            print(f"duizhao: {path}: no such file", file=sys.stderr)
            return 2
    sides = []
    for path in paths:
        try:
            sides.append(_read_sentences(path))
        except UnicodeDecodeError as exc:
            print(f"duizhao: {path}: not UTF-8 text (byte {exc.start}: {exc.reason})", file=sys.stderr)
            return 1
    zh, en = sides
    lex = lexicon.cedict()
    if args.glossary:
        try:
            terms = gloss.glossary_terms(yaml.safe_load(Path(args.glossary).read_text(encoding="utf-8")))
        except (OSError, yaml.YAMLError) as exc:
            print(f"duizhao: {args.glossary}: {exc}", file=sys.stderr)
            return 1
        lex = lex.with_glossary(terms)
    out = sys.stdout
    if args.embed and not embed.available():
        print("duizhao align: --embed needs the extra: pip install 'duizhao[embed]'", file=sys.stderr)
        return 2
    for bead in alignment.align(zh, en, lexicon=lex, embed=args.embed or None):
        out.write(f"{bead}\t{bead.confidence:.3f}\n" if args.confidence else f"{bead}\n")
    return 0


def _weak_beads(args: argparse.Namespace) -> int:
    """Beads whose confidence is under the threshold, document by document."""
    corpus = pipeline.build_corpus(Path(args.sources))
    found = 0
    for doc in pipeline.published(corpus):
        for number, bead in enumerate(doc.beads, start=1):
            weak = [link for link in bead.links if link.confidence < args.threshold]
            if bead.confidence >= args.threshold and not weak:
                continue
            found += 1
            zh = " ".join(p.text for p in bead.zh)[:60]
            en = " ".join(p.text for p in bead.en)[:60]
            print(
                f"{doc.source.name}  ¶{number} #{bead.anchor}  {bead.method}  confidence {bead.confidence:.2f}"
            )
            print(f"    zh: {zh or '—'}")
            print(f"    en: {en or '—'}")
            for link in weak:
                print(
                    f"    sentences zh {list(link.zh)} en {list(link.en)}: confidence {link.confidence:.2f}"
                )
    print(f"duizhao: {found} beads under confidence {args.threshold}", file=sys.stderr)
    return 0


def _configured_sources(root: Path) -> str:
    """The sources folder named in the project's mkdocs.yml (extra.duizhao.sources), else "sources"."""
    try:
        return from_config(load_config((root / "mkdocs.yml").read_text(encoding="utf-8"))).sources_dir
    except (OSError, yaml.YAMLError, AttributeError, SettingsError):
        return "sources"


def run_review(args: argparse.Namespace) -> int:
    try:
        root = snapshot.repo_root(Path.cwd())
        base = snapshot.resolve(root, args.base)
        head = snapshot.resolve(root, args.head)
    except snapshot.GitError as exc:
        print(f"duizhao review: {exc}", file=sys.stderr)
        return 2
    sources_dir = args.sources or _configured_sources(root)
    commit = snapshot.head_commit(root)
    code = f"commit {commit[:10]}" if commit else "no commit yet"
    if snapshot.code_dirty(root, ("src", "hooks")):
        code += ", with uncommitted changes to the code"
    with tempfile.TemporaryDirectory(prefix="duizhao-review-") as tmp:
        try:
            sides = []
            cache: pipeline.DocumentCache = {}  # documents unchanged between the revisions are built once
            for rev, name in ((base, "base"), (head, "head")):
                folder = snapshot.sources_at(root, rev, sources_dir, Path(tmp) / name)
                sides.append(review.Side.build(str(rev), folder, pipeline.build_corpus(folder, cache)))
        except snapshot.GitError as exc:
            print(f"duizhao review: {exc}", file=sys.stderr)
            return 2
        result = review.compare(sides[0], sides[1], code)
    result.code_changes = snapshot.changed_paths(root, base, head, ("src",))
    text = report.markdown(result)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    for v in result.violations:
        print(f"duizhao review: policy: {v.path}: {v.rule}", file=sys.stderr)
    return 1 if result.violations else 0


def run_urls(args: argparse.Namespace) -> int:
    sources = Path(args.sources)
    corpus = pipeline.build_corpus(sources)
    reg = corpus.registry
    errors = [d for d in reg.diagnostics if d.level is Level.ERROR]
    for d in errors:
        print(f"duizhao: error: {d}", file=sys.stderr)
    if errors:
        return 2
    current = {d.source.name: (d.slug, d.source.sha256) for d in pipeline.published(corpus)}
    updated, change = registry.update(reg, current)
    for name, slug in change.added:
        print(f"new       {name} -> texts/{slug}/")
    for old, new, old_slug, new_slug in change.renamed:
        moved = (
            f"texts/{old_slug}/ now redirects to texts/{new_slug}/" if old_slug != new_slug else "same URL"
        )
        print(f"renamed   {old} -> {new}: {moved}")
    for name, slug in change.retired:
        print(
            f"withdrawn {name}: texts/{slug}/ no longer answers; add `{slug}: <slug of its successor>` "
            f"under redirects in {registry.REGISTRY_FILE}",
            file=sys.stderr,
        )
    target = sources / registry.REGISTRY_FILE
    if args.write and (change.changed or not target.is_file()):
        target.write_text(registry.dump(updated), encoding="utf-8")
        print(f"duizhao: wrote {target}", file=sys.stderr)
    elif change.changed:
        print(f"duizhao: {target} is out of date: run `duizhao urls --write`", file=sys.stderr)
    else:
        print(f"duizhao: {len(current)} documents, every URL recorded", file=sys.stderr)
    return 1 if change.retired or (change.changed and not args.write) else 0


def run_terms(args: argparse.Namespace) -> int:
    from .link import glossary, terms
    from .vocab import lexicon

    sources = Path(args.sources)
    known, _ = glossary.load(sources)
    if args.files:
        if len(args.files) != 2:
            print(
                "duizhao terms: give ZH_FILE and EN_FILE (one sentence a line), or no file", file=sys.stderr
            )
            return 2
        paths = [Path(f) for f in args.files]
        for path in [*paths, *([Path(args.beads)] if args.beads else [])]:
            if not path.is_file():
                print(f"duizhao: {path}: no such file", file=sys.stderr)
                return 2
        try:
            zh, en = (_read_sentences(p) for p in paths)
            if args.beads:
                beads = terms.parse_beads(Path(args.beads).read_text(encoding="utf-8"))
                source = f"{paths[0].name}, {paths[1].name}, beads from {Path(args.beads).name}"
            else:
                from .align import alignment

                beads = [(b.zh, b.en) for b in alignment.align(zh, en, lexicon=lexicon.cedict())]
                source = f"{paths[0].name}, {paths[1].name}, aligned by duizhao"
        except UnicodeDecodeError as exc:
            print(f"duizhao: not UTF-8 text (byte {exc.start}: {exc.reason})", file=sys.stderr)
            return 1
        units = terms.file_units(zh, en, beads)
    else:
        corpus = pipeline.build_corpus(sources)
        units = terms.corpus_units(pipeline.published(corpus))
        source = f"the aligned documents of {sources}"
    if not units:
        print("duizhao terms: no aligned text (a document needs both languages)", file=sys.stderr)
        return 1
    found = terms.mine(units, known, min_count=args.min_count, top=args.top, disagreeing=args.all)
    sys.stdout.write(terms.as_yaml(found, len(units), source))
    print(f"duizhao terms: {len(found)} candidates from {len(units)} aligned pairs", file=sys.stderr)
    return 0


def run_bundle(args: argparse.Namespace) -> int:
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"duizhao: {site}: not a built site (no index.html); run `make offline`", file=sys.stderr)
        return 2
    config_file = Path(args.config)
    config = load_config(config_file.read_text(encoding="utf-8")) if config_file.is_file() else {}
    name = f"{bundle.bundle_name(str((config or {}).get('site_name') or 'site'))}-offline"
    out = Path(args.out) / f"{name}.zip"
    size = bundle.write_zip(site, out, name)
    print(f"duizhao: wrote {out} ({size / 1024 / 1024:.2f} MB)", file=sys.stderr)
    return 0

