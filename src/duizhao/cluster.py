"""The per-document map on a Dask cluster (`extra.duizhao.dask`, `--dask`): the same pure
`build_document` as the process pool (duizhao.workers), sent to the workers of a Dask scheduler
through `Client.get_executor()` (a concurrent.futures executor), results in job order.

What a task carries is small: the rules and the dictionary as written (their text and
fingerprints, never the compiled vocabularies or CC-CEDICT), which each worker process compiles
and loads once and keeps for the next task. Each worker checks that it runs the same code (package
files, the libraries that shape output, the embedding option) as the build that sent the task, so
a cluster cannot produce a site that differs from the local build. With a document cache, the
worker that builds a document writes its entry to the cache folder (one file per document, written
to a temporary name and renamed): the folder must be the same path on every worker
(docs/performance.md says what a shared filesystem needs).

Dask is an extra (`pip install 'duizhao[dask]'`): nothing here imports it before a cluster is used.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .settings import SettingsError, require_dask

if TYPE_CHECKING:
    from .model import Document
    from .vocab import lexicon as lx
    from .vocab.rules import Rules, RuleSource
    from .workers import Build, Job

# `extra.duizhao.dask: local`: a LocalCluster on this machine (its workers: `workers`, else one per core).
LOCAL = "local"
# Chunks of documents a task: at least 8 tasks per worker thread, to balance uneven documents; at
# most 16 documents a task, few enough tasks that scheduling stays small against documents of tens
# of milliseconds each (the process pool's chunking, duizhao.workers).
TASKS_PER_WORKER = 8
MAX_CHUNK = 16


class ClusterError(SettingsError):
    """The configured cluster cannot build: not installed, not reachable, or running other code."""


class Dictionary(Protocol):
    """The aligner's dictionary as written, loaded on first call (pipeline.LexiconSource)."""

    fingerprint: str

    def __call__(self) -> lx.Lexicon: ...


@dataclass(frozen=True)
class _Spec:
    """What every task of one build shares: the per-document function, the rules and dictionary as
    written, the cache folder (absolute; None: no cache on disk) and the sending build's code."""

    build: Build
    rules: RuleSource
    lexicon: Dictionary
    folder: str | None
    code: str  # cache.digest of a fixed key: the code digest and the options that change a document


def build_many(
    build: Build,
    rules: RuleSource,
    lexicon: Dictionary,
    jobs: list[Job],
    address: str,
    workers: int | None,
    folder: Path | None,
) -> list[Document]:
    """`build` over `jobs` on the Dask cluster at `address` ("local": a LocalCluster of `workers`
    processes), results in job order. With a `folder`, each document is also written there, under
    its job's digest, by the worker that built it. `lexicon`: not loaded yet (workers load their own)."""
    require_dask("extra.duizhao.dask")
    spec = _Spec(build, rules, lexicon, str(folder.resolve()) if folder is not None else None, _code())
    with _client(address, workers) as client, client.get_executor(pure=False) as executor:
        n = max(1, sum(client.nthreads().values()))
        size = max(1, min(MAX_CHUNK, len(jobs) // (n * TASKS_PER_WORKER)))
        chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
        futures = [executor.submit(_run, spec, chunk) for chunk in chunks]
        try:
            return [doc for f in futures for doc in f.result()]
        except ClusterError:
            raise
        except Exception as exc:  # build_document never raises: this is the cluster failing
            raise ClusterError(
                f"extra.duizhao.dask: the Dask cluster at {address} failed ({type(exc).__name__}: {exc})"
            ) from exc


class _client:
    """A distributed.Client of `address` (and, for "local", its LocalCluster), closed on exit."""

    def __init__(self, address: str, workers: int | None) -> None:
        self.address, self.workers = address, workers
        self._cluster: Any = None
        self._client: Any = None

    def __enter__(self) -> Any:
        import logging

        from distributed import Client, LocalCluster

        from .workers import worker_count

        try:
            if self.address == LOCAL:
                # One thread a worker: the map is pure Python (the GIL), processes give the cores.
                self._cluster = LocalCluster(
                    n_workers=worker_count(self.workers),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    # (The scheduler serves a few HTTP routes even without a dashboard: on a free
                    # port, not the dashboard's 8787, which another cluster may hold.)
                    scheduler_kwargs={"dashboard_address": ":0"},
                    silence_logs=logging.WARNING,
                )
                self._client = Client(self._cluster, set_as_default=False)
            else:
                # (How long to wait for the scheduler is Dask's setting, distributed.comm.timeouts.connect:
                # 30 s unless e.g. DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT says otherwise.)
                self._client = Client(self.address, set_as_default=False)
        except Exception as exc:  # (OSError, TimeoutError, a cluster that fails to start...)
            self.__exit__()
            raise ClusterError(
                f"extra.duizhao.dask: cannot reach the Dask scheduler at {self.address} "
                f"({type(exc).__name__}: {exc})"
            ) from exc
        return self._client

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def _code() -> str:
    from .cache import digest

    return digest(("cluster", "code"))


# In each worker process: the compiled rules and the loaded dictionary of the last spec, by its
# fingerprints (a worker serves task after task of one build, and build after build).
_loaded: dict[tuple[str, str], tuple[Rules, lx.Lexicon]] = {}


def _run(spec: _Spec, chunk: list[Job]) -> list[Document]:
    """On a worker: the chunk's documents, each written to the cache folder when there is one."""
    from .cache import Shelf, code_version
    from .workers import make

    if _code() != spec.code:
        raise ClusterError(
            f"a Dask worker runs other code than this build (its code digest {code_version()}, or its "
            "DUIZHAO_EMBED setting, differs): install the same duizhao and constraints.txt on every worker"
        )
    key = (spec.rules.fingerprint, spec.lexicon.fingerprint)
    if key not in _loaded:
        _loaded.clear()
        _loaded[key] = (spec.rules.compile(), spec.lexicon())
    rules, lexicon = _loaded[key]
    shelf = Shelf(Path(spec.folder)) if spec.folder is not None else None
    out = []
    for job in chunk:
        doc = make(spec.build, rules, lexicon, job)
        if shelf is not None and job.digest:
            # A copy: the one returned is annotated by corpus-wide steps, the entry stays as built.
            shelf.store(job.digest, replace(doc, diagnostics=list(doc.diagnostics)))
        out.append(doc)
    return out
