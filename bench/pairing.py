"""Cross-file pairing's candidate step at several sizes: exhaustive against the inverted index.

    python bench/pairing.py [--sizes 200,1000,4000] [--exhaustive-up-to 1000] [--detect-up-to 200]

Corpora are synthetic one-language scrapes (`bench/synth.py --shapes zh,en`, the largest size once;
smaller sizes are its first N documents) plus four true translation pairs: the Chinese and English
paragraphs of seed 000 and of the three bilingual texts in tests/data/reader, each as two files (as
tests/test_pairing.py does with seed 000). Seed 000's pair is the hard case: synth draws all its
prose from the seeds, so every synthetic text shares its vocabulary. Documents are built through the
real pipeline once and kept in WORK (a pickle); pairing is not run while building.

For each size it prints, per path, the exact coverage computations and the CPU time
(time.process_time, median of --repeats) of choosing the candidates, whether both paths choose the
same candidates for the true pair, and, up to --detect-up-to, whether full pairing (alignments
included, memo shared between the two paths) detects and reports the same pairs.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import pickle
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench"), str(ROOT)]

import synth  # noqa: E402

from duizhao import pipeline  # noqa: E402
from duizhao.align import align, candidates, pairing, segment  # noqa: E402
from duizhao.cache import PairingMemos  # noqa: E402
from duizhao.model import Document  # noqa: E402
from duizhao.vocab import lexicon  # noqa: E402

BILINGUAL = [next((ROOT / "sources").glob("000_*")), *sorted((ROOT / "tests/data/reader").glob("*.txt"))]
TRUE_PAIRS = [(f"zz-{p.stem}-zh.txt", f"zz-{p.stem}-en.txt") for p in BILINGUAL]
PLANTED = {name for pair in TRUE_PAIRS for name in pair}


def _halves(path: Path) -> tuple[str, str]:
    from tests.helpers import cleaned

    paragraphs = segment.segment(cleaned(path).blocks)
    zh = "\n\n".join(p.text for p in paragraphs if align.side(p) == "zh")
    en = "\n\n".join(p.text for p in paragraphs if align.side(p) == "en")
    return zh + "\n", en + "\n"


def build(work: Path, count: int) -> tuple[list[Document], list[Document]]:
    """The synthetic documents in order and the true pair, built once and kept in `work`."""
    store = work / f"docs-{count}.pickle"
    if store.exists():
        return pickle.loads(store.read_bytes())
    sources = work / f"sources-{count}"
    synth.generate(sources, count, shapes=["zh", "en"])
    for path, names in zip(BILINGUAL, TRUE_PAIRS, strict=True):
        for name, text in zip(names, _halves(path), strict=True):
            (sources / name).write_text(text, encoding="utf-8")
    original = pairing.pair_corpus
    pairing.pair_corpus = lambda *args, **kwargs: ({}, [])  # pairing is what we measure, later
    try:
        corpus = pipeline.build_corpus(sources)
    finally:
        pairing.pair_corpus = original
    docs = [d for d in corpus.documents if d.source.name not in PLANTED]
    planted = [d for d in corpus.documents if d.source.name in PLANTED]
    store.write_bytes(pickle.dumps((docs, planted)))
    return docs, planted


def _profiles(docs: list[Document], lex: lexicon.Lexicon) -> tuple[list, list]:
    profiles = [p for d in docs if (p := candidates.profile(d, lex)) is not None]
    return [p for p in profiles if p.lang == "zh"], [p for p in profiles if p.lang == "en"]


def candidate_step(zhs: list, ens: list, index: bool, repeats: int) -> tuple[int, float, set]:
    """Coverage computations, median CPU seconds and the chosen pairs of candidates.candidates."""
    counted = [0]
    exact = candidates._coverage

    def counting(zh, en):
        counted[0] += 1
        return exact(zh, en)

    saved = candidates.EXHAUSTIVE_PAIRS
    candidates._coverage = counting
    candidates.EXHAUSTIVE_PAIRS = 0 if index else len(zhs) * len(ens)
    try:
        times = []
        for _ in range(repeats):
            counted[0] = 0
            t = time.process_time()
            chosen = candidates.candidates(zhs, ens)
            times.append(time.process_time() - t)
    finally:
        candidates._coverage, candidates.EXHAUSTIVE_PAIRS = exact, saved
    return counted[0], statistics.median(times), chosen


def detect(docs: list[Document], lex: lexicon.Lexicon, index: bool, memo: dict) -> set[str]:
    """Full pairing on copies of the documents: its detected and reported pairs, as messages."""
    saved = candidates.EXHAUSTIVE_PAIRS
    candidates.EXHAUSTIVE_PAIRS = 0 if index else 10**12
    try:
        _, notes = pairing.pair_corpus(copy.deepcopy(docs), {}, lex, PairingMemos("", pairs=memo).steps())
    finally:
        candidates.EXHAUSTIVE_PAIRS = saved
    return {f"{d.path}: {d.message.split(' (score')[0]}" for d in notes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/duizhao-bench-pairing"))
    parser.add_argument("--sizes", default="200,1000,4000", help="synthetic documents")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--exhaustive-up-to", type=int, default=1000)
    parser.add_argument("--detect-up-to", type=int, default=200)
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    args.work.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    docs, planted = build(args.work, max(sizes))
    print(f"built {len(docs)} + {len(planted)} documents in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    if args.build_only:
        return 0
    lex = lexicon.cedict()
    rows = []
    for n in sizes:
        zhs, ens = _profiles(docs[:n] + planted, lex)
        row: dict = {"size": n, "zh": len(zhs), "en": len(ens)}
        paths = [True] + ([False] if n <= args.exhaustive_up_to else [])
        chosen = {}
        for index in paths:
            name = "index" if index else "exhaustive"
            row[name], row[name + "_cpu"], chosen[name] = candidate_step(zhs, ens, index, args.repeats)
            found = [pair for pair in TRUE_PAIRS if pair in chosen[name]]
            row[name + "_true"] = len(found)
            print(
                f"{n:>6} texts ({len(zhs)} zh, {len(ens)} en) {name:>10}: {row[name]:>9,} coverages, "
                f"{row[name + '_cpu']:7.2f} s CPU, {len(chosen[name]):>6,} candidates, "
                f"true pairs among them {len(found)}/{len(TRUE_PAIRS)}"
            )
        if "exhaustive" in chosen:
            a, b = chosen["exhaustive"], chosen["index"]
            print(f"        candidates in both: {len(a & b):,} of {len(a):,} exhaustive, {len(b):,} index")
        if n <= args.detect_up_to:
            memo: dict = {}
            sample = docs[:n] + planted
            found = {name: detect(sample, lex, name == "index", memo) for name in ("exhaustive", "index")}
            same = found["exhaustive"] == found["index"]
            print(f"        pairing notes the same on both paths: {same} ({len(found['index'])} notes)")
            for line in sorted(found["exhaustive"] ^ found["index"]):
                print(f"          only {'exhaustive' if line in found['exhaustive'] else 'index'}: {line}")
            for line in sorted(found["index"]):
                print(f"          {line}")
        rows.append(row)
    for a, b in itertools.pairwise(rows):
        texts = (b["zh"] + b["en"]) / (a["zh"] + a["en"])
        parts = [f"{a['size']} -> {b['size']}: texts x{texts:.1f}"]
        for name in ("exhaustive", "index"):
            if name in a and name in b:
                parts.append(
                    f"{name} coverages x{b[name] / a[name]:.1f}, CPU x{b[name + '_cpu'] / a[name + '_cpu']:.1f}"
                )
        print("; ".join(parts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
