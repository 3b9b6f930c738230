"""The pipeline: sources/ to documents (site.py makes the pages). Used by the MkDocs hook and the CLI alike."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from . import datafile
from . import workers as workers_
from .cache import DocumentCache as StoredCache
from .cache import PairingMemos, Stats
from .cache import digest as document_key
from .link import glossary as gloss
from .publish import registry
from .read import ingest, sidecar
from .vocab import publishers

if TYPE_CHECKING:
    from .vocab import lexicon as lx

from .model import Decoded, Diagnostic, Document, Field, Level, Metadata, RawSource
from .read.sidecar import Sidecar
from .slugs import assign_slugs, slug_collisions
from .vocab.rules import USER_RULES_FILE, Rules, RuleSource, rule_source

# Data files in sources/ that are not sidecars of a document.
GLOSSARY_FILE = "glossary.yml"
RESERVED_DATA_FILES = {USER_RULES_FILE, GLOSSARY_FILE, publishers.USER_FILE}

# Documents to build before a process pool pays: starting workers and importing the core in them
# costs about a second, a document takes 20-200 ms (see docs/performance.md).
PARALLEL_MIN_DOCUMENTS = 24
# Environment override of the worker count (0 or 1: build in this process), e.g. for benchmarks.
WORKERS_ENV = "DUIZHAO_WORKERS"


@dataclass
class Corpus:
    documents: list[Document]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # The URL registry the slugs came from (sources/_published.yml; empty when there is none).
    registry: registry.Registry = field(default_factory=registry.Registry)
    # How many documents this build processed and how many came from the cache.
    stats: Stats = field(default_factory=Stats)
    # sources/glossary.yml, for the cross-links (link.py, browse.py); empty when there is none.
    glossary: gloss.Glossary = field(default_factory=gloss.Glossary)
    # Sidecars' republication_of (source name -> the source it republishes, or "none").
    republications: dict[str, str] = field(default_factory=dict)

    @property
    def all_diagnostics(self) -> list[Diagnostic]:
        return self.diagnostics + [d for doc in self.documents for d in doc.diagnostics]


def apply_sidecar(meta: Metadata, car: Sidecar) -> Metadata:
    """Editor-given fields replace extracted ones and say so."""
    given = {
        key: Field(value, origin="given", evidence=f"{car.path}: {key}")
        for key, value in car.metadata.items()
    }
    meta = replace(meta, **given)
    if car.tags:
        meta = replace(meta, tags=tuple(dict.fromkeys((*meta.tags, *car.tags))))
    return meta


def build_document(
    source: RawSource,
    rules: Rules,
    slug: str,
    car: Sidecar | None = None,
    lexicon: lx.Lexicon | None = None,
) -> Document:
    """One source through every per-document stage. Never raises for bad input: a source that
    cannot be read becomes a Document with an error diagnostic and no text."""
    car = car or Sidecar()
    try:
        decoded = ingest.decode(source, car.encoding)
    except ingest.SourceError as exc:
        return _unread(source, slug, str(exc))
    try:
        return _build(source, decoded, rules, slug, car, lexicon)
    except Exception as exc:  # a bug must cost one document, never the whole site
        return _unread(
            source,
            slug,
            f"internal error while building this document ({type(exc).__name__}: {str(exc)[:200]}); "
            "please report it with the file",
        )


def _unread(source: RawSource, slug: str, message: str) -> Document:
    """A source that did not become a document: no text, one error naming it."""
    return Document(
        slug=slug,
        source=source,
        decoded=None,
        metadata=Metadata(),
        paragraphs=(),
        beads=(),
        removals=(),
        diagnostics=[Diagnostic(Level.ERROR, source.name, message)],
    )


def _build(
    source: RawSource, decoded: Decoded, rules: Rules, slug: str, car: Sidecar, lexicon: lx.Lexicon | None
) -> Document:
    # Imported here: a build that takes every document from its cache never loads the stages
    # (nor NumPy, which the aligner uses).
    from .align import align, corrections, pairing, segment
    from .clean import clean
    from .meta import metadata

    cleaned = clean.clean(decoded, rules, car)
    meta = apply_sidecar(metadata.extract(cleaned, rules.publishers), car)
    blocks, cut = segment.split_long(cleaned.blocks)
    notes = list(cleaned.diagnostics)
    if cut:
        notes.append(
            Diagnostic(
                Level.INFO,
                source.name,
                f"{cut} paragraph(s) longer than {segment.MAX_PARAGRAPH_CHARS:,} characters are shown "
                "cut into several, between sentences where possible",
            )
        )
    paragraphs = segment.segment(blocks)
    beads, fixes = align.pair(paragraphs, lexicon), []
    if not car.translation_of or car.translation_of.lower() == pairing.NO_PAIR:
        # (A sidecar that declares translation_of corrects the cross-file pair: see pairing.)
        beads, fixes = corrections.apply(beads, car, lexicon)
    return Document(
        slug=slug,
        source=source,
        decoded=decoded,
        metadata=meta,
        paragraphs=paragraphs,
        beads=beads,
        removals=cleaned.removals,
        diagnostics=notes + fixes,
    )


@dataclass
class LexiconSource:
    """The aligner's dictionary, loaded on first use: CC-CEDICT plus the terms of
    sources/glossary.yml (its zh terms and English renderings count as dictionary entries). Loading
    takes a few tenths of a second, which a build whose documents and pairing evidence all come
    from caches never pays. `fingerprint` is the glossary's text, for cache keys."""

    terms: dict[str, list[str]] = field(default_factory=dict)
    fingerprint: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _loaded: lx.Lexicon | None = field(default=None, repr=False)

    def __call__(self) -> lx.Lexicon:
        if self._loaded is None:
            from .vocab import lexicon as lx

            base = lx.cedict()
            self._loaded = base.with_glossary(self.terms) if self.terms else base
        return self._loaded


def lexicon_source(sources: Path) -> LexiconSource:
    """The dictionary's inputs, read and checked now (a glossary that cannot be read is an error
    naming its line), loaded later."""
    text, unread = datafile.read(sources, GLOSSARY_FILE)
    if text is None:
        return LexiconSource(diagnostics=unread)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        return LexiconSource(
            diagnostics=[Diagnostic(Level.ERROR, GLOSSARY_FILE, f"cannot be read: {exc}", line)]
        )
    return LexiconSource(gloss.glossary_terms(data), text)


def load_lexicon(sources: Path) -> tuple[lx.Lexicon, list[Diagnostic], str]:
    """The aligner's dictionary loaded now, its diagnostics and the glossary's fingerprint."""
    found = lexicon_source(sources)
    return found(), found.diagnostics, found.fingerprint


# Documents already built, by everything a document is a pure function of (see build_corpus).
DocumentCache = dict[tuple[str, ...], Document]


@dataclass
class Survey:
    """What a build reads before it processes anything: the rules and the dictionary's inputs
    (checked, not compiled or loaded), the URL registry, every source's bytes, slug and sidecar,
    and each document's cache key. Cheap: it decides what must be built."""

    rules: RuleSource
    lexicon: LexiconSource
    registry: registry.Registry
    raws: list[RawSource]
    slugs: dict[str, str]
    cars: dict[str, Sidecar]
    car_notes: dict[str, list[Diagnostic]]
    keys: list[tuple[str, ...]]  # one per raw: everything its document is a pure function of
    data_files: tuple[str, ...]  # the YAML files of sources/ (sidecars, orphans and data files)
    notes: list[Diagnostic]

    def digest(self) -> str:
        """A digest of everything surveyed (with the code's version): equal digests, equal corpora."""
        parts = [f"{k}" for k in self.keys]
        parts += [repr((self.registry.entries, self.registry.redirects)), repr(self.data_files)]
        parts += [str(d) for d in self.notes] + [self.lexicon.fingerprint, self.rules.fingerprint]
        return document_key(tuple(parts))


def survey(sources: Path) -> Survey:
    rules = rule_source(sources)
    lexicon = lexicon_source(sources)
    reg = registry.load(sources)
    paths, notes = ingest.discover(sources)
    notes = list(rules.diagnostics) + list(reg.diagnostics) + notes
    raws = []
    for path in paths:
        try:
            raws.append(ingest.read_source(path, sources))
        except OSError as exc:
            rel = path.relative_to(sources).as_posix()
            notes.append(Diagnostic(Level.ERROR, rel, f"cannot be read: {exc.strerror or exc}"))
    from .read import read_warc  # (a web archive becomes the pages it holds, each a source)

    raws, archive_notes = read_warc.expand(raws)
    notes += archive_notes
    slugs = assign_slugs([r.name for r in raws], reg)
    cars: dict[str, Sidecar] = {}
    car_notes: dict[str, list[Diagnostic]] = {}
    keys = []
    for raw in raws:
        try:
            cars[raw.name], car_notes[raw.name] = sidecar.load(sources, raw.name)
        except Exception as exc:  # one source's sidecar must never stop the whole build
            cars[raw.name] = Sidecar(fingerprint=repr(exc))
            car_notes[raw.name] = [
                Diagnostic(Level.ERROR, raw.name, f"its sidecar cannot be read ({type(exc).__name__}: {exc})")
            ]
        car = cars[raw.name]
        keys.append(
            (
                raw.name,
                raw.sha256,
                slugs[raw.name],
                car.path,
                car.fingerprint,
                rules.fingerprint,
                lexicon.fingerprint,
            )
        )
    data_files = tuple(sorted(p.name for p in sources.glob("*.y*ml")))
    return Survey(rules, lexicon, reg, raws, slugs, cars, car_notes, keys, data_files, notes)


def build_corpus(
    sources: Path,
    cache: DocumentCache | StoredCache | None = None,
    workers: int | None = None,
    surveyed: Survey | None = None,
    dask: str | None = None,
) -> Corpus:
    """Every document of `sources`, in file-name order.

    With a `cache` (a dict, or duizhao.cache.DocumentCache to keep documents on disk), a document
    whose name, bytes, slug, sidecar, rules and glossary are unchanged is taken from it instead of
    being rebuilt. The documents left to build go through a process pool of `workers` processes
    (default: one per usable core) when there are enough of them, or, with `dask` (a scheduler's
    address, or "local"), through that Dask cluster (duizhao.cluster). `surveyed`: survey(sources),
    when the caller has it already."""
    found = surveyed or survey(sources)
    lexicon, reg, raws, cars = found.lexicon, found.registry, found.raws, found.cars
    glossary_notes, glossary = lexicon.diagnostics, lexicon.fingerprint
    notes = list(found.notes)
    built, todo, hits = _documents(found, cache, (workers, dask), notes)
    notes += _orphan_sidecars(sources, [r.name for r in raws])
    # Corpus-level: sources that translate each other (after every document is built); the
    # evidence of pairs whose texts did not change comes from the cache's memo.
    notes += glossary_notes
    from .align import pairing, pairs  # (not needed before: see _build)

    terms, term_notes = gloss.load(sources)
    notes += term_notes
    memos = PairingMemos.of(cache, glossary)
    decisions, pair_notes = pairing.pair_corpus(built, cars, lexicon, memos.steps())
    memos.finish()
    pairs.apply(built, decisions)
    notes += pair_notes
    finish = getattr(cache, "finish", None)
    stats = finish() if finish is not None else Stats(built=todo, memory=hits)
    declared = {name: car.republication_of for name, car in cars.items() if car.republication_of}
    if declared:
        from .link.versions import declared_notes  # (numpy: only when a sidecar declares one)

        notes += declared_notes(declared, {n: cars[n].path for n in declared}, [d.source.name for d in built])
    corpus = Corpus(built, notes, reg, stats, terms, declared)
    notes += registry.check(reg, {d.slug: d.source.name for d in published(corpus)})
    return corpus


def _documents(
    found: Survey,
    cache: DocumentCache | StoredCache | None,
    engine: tuple[int | None, str | None],
    notes: list[Diagnostic],
) -> tuple[list[Document], int, int]:
    """Every surveyed source's document, from the cache or built now (`engine`: the workers and
    the Dask address, see build_corpus); and how many were built and how many came from the cache."""
    collisions = {d.path: d for d in slug_collisions(found.slugs)}
    docs: list[Document | None] = []
    todo: list[tuple[int, tuple[str, ...]]] = []
    jobs: list[workers_.Job] = []
    hits = 0
    keys: list[str] = []
    for raw, key in zip(found.raws, found.keys, strict=True):
        keys.append(document_key(key))
        hit = cache.get(key) if cache is not None else None
        if hit is None:
            todo.append((len(docs), key))
            car_notes = found.car_notes[raw.name] + ([collisions[raw.name]] if raw.name in collisions else [])
            jobs.append(
                workers_.Job(raw, found.slugs[raw.name], found.cars[raw.name], tuple(car_notes), keys[-1])
            )
        else:
            hit = replace(hit, diagnostics=list(hit.diagnostics))
            hits += 1
        docs.append(hit)
    made, stored = _build_jobs(found, cache, engine, jobs, notes)
    for (i, key), doc in zip(todo, made, strict=True):
        if stored:
            cache.record(key, doc)  # type: ignore[union-attr]
        elif cache is not None:
            # A copy: corpus-wide steps below annotate documents, the cached entry stays as built.
            cache[key] = replace(doc, diagnostics=list(doc.diagnostics))
        docs[i] = doc
    built = [d for d in docs if d is not None]
    for doc, k in zip(built, keys, strict=True):
        doc.key = k
    return built, len(todo), hits


def _build_jobs(
    found: Survey,
    cache: DocumentCache | StoredCache | None,
    engine: tuple[int | None, str | None],
    jobs: list[workers_.Job],
    notes: list[Diagnostic],
) -> tuple[list[Document], bool]:
    """The jobs' documents, on a Dask cluster when one is configured, else in a process pool or
    here; and whether they are in the cache folder already (a cluster's workers write them)."""
    workers, dask = engine
    if not jobs:
        return [], False
    if dask is None:
        made = workers_.build_many(
            build_document, found.rules.compile(), found.lexicon(), jobs, workers, notes
        )
        return made, False
    from . import cluster

    folder = getattr(cache, "folder", None)
    unloaded = replace(found.lexicon, _loaded=None)  # (what a task carries: the glossary, not CC-CEDICT)
    made = cluster.build_many(build_document, found.rules, unloaded, jobs, dask, workers, folder)
    return made, folder is not None


def _orphan_sidecars(sources: Path, names: list[str]) -> list[Diagnostic]:
    """A sidecar whose scrape is missing corrects nothing: say so rather than ignore it."""
    owned = {sidecar.sidecar_path(sources, n) for n in names}
    out = []
    for path in sorted(sources.glob("*.y*ml")):
        if path.name in RESERVED_DATA_FILES or path.name.startswith((".", "_")) or path in owned:
            continue
        out.append(Diagnostic(Level.WARNING, path.name, "sidecar has no matching source file in sources/"))
    return out


def published(corpus: Corpus) -> list[Document]:
    return [d for d in corpus.documents if d.decoded is not None and d.paragraphs]
