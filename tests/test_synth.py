"""The synthetic corpus generator behind `make bench`: deterministic, nested by size, in every
shape and encoding it promises, and readable by the real pipeline."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

from duizhao import pipeline
from duizhao.read import ingest

from .conftest import ROOT


def _synth():
    spec = importlib.util.spec_from_file_location("synth", ROOT / "bench" / "synth.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["synth"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_same_seed_same_bytes_and_small_corpora_are_prefixes(tmp_path: Path) -> None:
    synth = _synth()
    small = synth.generate(tmp_path / "a", 12, seed=5)
    again = synth.generate(tmp_path / "b", 12, seed=5)
    large = synth.generate(tmp_path / "c", 30, seed=5)
    other = synth.generate(tmp_path / "d", 12, seed=6)
    assert [p.read_bytes() for p in small] == [p.read_bytes() for p in again]
    assert [p.read_bytes() for p in small] == [p.read_bytes() for p in large[:12]]
    assert [p.read_bytes() for p in small] != [p.read_bytes() for p in other]


def test_corpus_has_every_shape_encoding_and_kind_of_debris(tmp_path: Path) -> None:
    synth = _synth()
    paths = synth.generate(tmp_path / "s", 120, seed=0)
    kinds = Counter(p.suffix for p in paths)
    assert kinds[".txt"] and kinds[".html"] and kinds[".md"]
    raws = [ingest.read_source(p, p.parent) for p in paths]
    decoded = [ingest.decode(r) for r in raws]
    encodings = Counter(d.encoding.replace("_", "-").lower() for d in decoded)
    assert any("gb" in e for e in encodings), encodings
    assert any("16" in e for e in encodings) and any("sig" in e for e in encodings), encodings
    assert sum(b"\r\n" in r.data for r in raws) > 0
    text = "\n".join(d.text for d in decoded)
    for debris in ("Comment(s)", "Adjust font size", "分享到", "责任编辑", "Copyright ©", "Home >"):
        assert debris in text, debris


def test_pipeline_reads_every_synthetic_document(tmp_path: Path) -> None:
    synth = _synth()
    synth.generate(tmp_path / "s", 40, seed=2)
    corpus = pipeline.build_corpus(tmp_path / "s", workers=1)
    assert len(pipeline.published(corpus)) == 40
    assert not [d for d in corpus.all_diagnostics if d.level.value == "error"]
    languages = Counter(doc.languages for doc in corpus.documents)
    # Bilingual documents and both one-language kinds all occur.
    assert languages[("zh", "en")] and languages[("zh",)] and languages[("en",)], languages
    # The debris is not read as text.
    body = "\n".join(p.text for doc in corpus.documents for p in doc.paragraphs)
    assert "Adjust font size" not in body and "Enter the words you see" not in body
