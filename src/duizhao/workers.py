"""Building many documents at once: a process pool when there are enough of them, results in job
order (so output never depends on scheduling). `build` is the per-document pipeline
(pipeline.build_document), handed to each worker once."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .model import Diagnostic, Document, Level, RawSource
from .read.sidecar import Sidecar

if TYPE_CHECKING:
    from .vocab import lexicon as lx
    from .vocab.rules import Rules

# Documents to build before a process pool pays: starting workers and importing the core in them
# costs about a second, a document takes 20-200 ms (see docs/performance.md).
PARALLEL_MIN_DOCUMENTS = 24
# Environment override of the worker count (0 or 1: build in this process), e.g. for benchmarks.
WORKERS_ENV = "DUIZHAO_WORKERS"
# (source, rules, slug, sidecar, dictionary) -> its document
Build = Callable[..., Document]


@dataclass(frozen=True)
class Job:
    """One document to build: its source, slug and sidecar, the survey's notes on it (first in its
    diagnostics, as the cache keeps it) and its cache entry's digest (for a cluster's workers,
    which write the entry themselves: duizhao.cluster)."""

    raw: RawSource
    slug: str
    car: Sidecar
    notes: tuple[Diagnostic, ...] = ()
    digest: str = ""


def make(build: Build, rules: Rules, lexicon: lx.Lexicon, job: Job) -> Document:
    doc = build(job.raw, rules, job.slug, job.car, lexicon)
    doc.diagnostics[:0] = job.notes
    return doc


def worker_count(workers: int | None = None) -> int:
    """Processes to build with: the given number, else $DUIZHAO_WORKERS, else the usable cores."""
    if workers is None and os.environ.get(WORKERS_ENV, "").strip().isdigit():
        workers = int(os.environ[WORKERS_ENV])
    if workers is None:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, workers)


def build_many(
    build: Build,
    rules: Rules,
    lexicon: lx.Lexicon,
    jobs: list[Job],
    workers: int | None,
    notes: list[Diagnostic],
) -> list[Document]:
    """`build` over `jobs`, results in job order (so output never depends on scheduling).
    Cores only make it faster: if the pool cannot run, the documents are built here and a note says so."""
    n = worker_count(workers)
    if n < 2 or len(jobs) < PARALLEL_MIN_DOCUMENTS:
        return [make(build, rules, lexicon, job) for job in jobs]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context(_start_method())
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(["duizhao.pipeline"])
    n = min(n, len(jobs))
    try:
        with ProcessPoolExecutor(
            n, mp_context=context, initializer=_worker_init, initargs=(build, rules, lexicon)
        ) as pool:
            chunk = max(1, min(16, len(jobs) // (n * 8)))
            return list(pool.map(_worker_build, jobs, chunksize=chunk))
    except (BrokenProcessPool, OSError, pickle.PicklingError) as exc:
        notes.append(
            Diagnostic(Level.INFO, "sources", f"process pool unavailable ({exc}); built in one process")
        )
        return [make(build, rules, lexicon, job) for job in jobs]


def _start_method() -> str:
    """fork when this process has one thread (`mkdocs build`): workers start at once, with the core,
    the rules and the dictionary already in memory. Otherwise (the `mkdocs serve` server runs
    threads, and forking a threaded process can deadlock) a fork server, which starts clean with the
    core imported."""
    import multiprocessing
    import threading

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


_worker_state: tuple[Any, Rules, lx.Lexicon] | None = None


def _worker_init(build: Build, rules: Rules, lexicon: lx.Lexicon) -> None:
    global _worker_state
    _worker_state = (build, rules, lexicon)


def _worker_build(job: Job) -> Document:
    assert _worker_state is not None
    return make(*_worker_state, job)
