"""Does the first/last-character part of vocab/prefilter.py pay for itself (issue 18)?

    python bench/first_last.py [--gold ../shared/gold] [--synth 200] [--repeats 5] [--gold-only]

StartMatcher and StartPattern skip a pattern on a text whose first character no match can start
with (first_characters), and a `.*…$` pattern on a text whose last character no match can end
with (last_characters). Turned off, both analyses answer "anything" (None): every pattern is tried,
which is what the code did without the part. This script cleans every input of
bench/clean_snapshot.py (gold pages and text dumps, seeds, tests/data, the adversarial corpus, a
synthetic corpus) with the part on and off, alternating, and prints the median CPU time of the
whole pass of each, their difference, and the compile time of the rules each way. It checks
that both give the same Cleaned (blocks, removals, languages, signals, diagnostics) for every
input, and exits 1 if not.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from clean_snapshot import inputs  # noqa: E402

from duizhao.clean import clean  # noqa: E402
from duizhao.read import ingest, sidecar  # noqa: E402
from duizhao.vocab import prefilter, rules  # noqa: E402

ANALYSES = ("first_characters", "last_characters")
ORIGINAL = {name: getattr(prefilter, name) for name in ANALYSES}


def switch(on: bool) -> None:
    """The part on (the analyses as written) or off (they know nothing); rules compile anew."""
    for name in ANALYSES:
        setattr(prefilter, name, ORIGINAL[name] if on else (lambda pattern: None))
    rules._load.cache_clear()


def decoded_inputs(gold: Path, synth: int, tmp: Path) -> list[tuple[str, ingest.Decoded, object, Path]]:
    """(label, decoded source, its sidecar, its folder) for every input that decodes."""
    out = []
    for label, path, root in inputs(gold, synth, tmp):
        if ingest.source_kind(path.name) is None:
            continue
        raw = ingest.read_source(path, root)
        try:
            decoded = ingest.decode(raw)
        except ingest.SourceError:
            continue
        car, _ = sidecar.load(root, raw.name)
        out.append((label, decoded, car, root))
    return out


def one_pass(docs: list, on: bool) -> tuple[float, float, list[str]]:
    """Compile seconds, cleaning CPU seconds and every input's result (as text) with the part on/off."""
    switch(on)
    t = time.process_time()
    compiled = {root: rules.load_rules(root) for root in {root for _, _, _, root in docs}}
    compile_s = time.process_time() - t
    results = []
    t = time.process_time()
    for _, decoded, car, root in docs:
        c = clean.clean(decoded, compiled[root], car)
        results.append(repr((c.blocks, c.removals, c.block_languages, c.signals, c.diagnostics)))
    return compile_s, time.process_time() - t, results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold")
    parser.add_argument("--synth", type=int, default=200, help="synthetic documents (0: none)")
    parser.add_argument("--repeats", type=int, default=5, help="passes each way (alternating)")
    parser.add_argument("--gold-only", action="store_true", help="only the gold pages and text dumps")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="first-last-") as tmp:
        docs = decoded_inputs(args.gold, 0 if args.gold_only else args.synth, Path(tmp))
        if args.gold_only:
            docs = [d for d in docs if d[0].startswith("gold/")]
        times: dict[bool, list[float]] = {True: [], False: []}
        compiles: dict[bool, list[float]] = {True: [], False: []}
        reference: list[str] | None = None
        differ: set[str] = set()
        one_pass(docs, True)  # (a warm-up: imports, the first compile of every pattern)
        for _ in range(args.repeats):
            for on in (True, False):
                compile_s, clean_s, results = one_pass(docs, on)
                times[on].append(clean_s)
                compiles[on].append(compile_s)
                if reference is None:
                    reference = results
                differ |= {docs[i][0] for i, (a, b) in enumerate(zip(reference, results, strict=True)) if a != b}
    switch(True)
    on, off = statistics.median(times[True]), statistics.median(times[False])
    size = sum(len(d.text) for _, d, _, _ in docs) / 1e6
    print(f"inputs: {len(docs)} ({size:.1f} M characters), {args.repeats} passes each way, CPU seconds")
    print(f"cleaning, part on:  median {on:.3f} s  (runs {', '.join(f'{x:.3f}' for x in times[True])})")
    print(f"cleaning, part off: median {off:.3f} s  (runs {', '.join(f'{x:.3f}' for x in times[False])})")
    print(f"the part saves {off - on:.3f} s, {100 * (off - on) / off:.1f}% of cleaning time without it")
    print(
        f"compiling the rules: on {statistics.median(compiles[True]):.3f} s, "
        f"off {statistics.median(compiles[False]):.3f} s (once per build)"
    )
    if differ:
        print(f"DIFFERENT OUTPUT for {len(differ)} inputs: {sorted(differ)[:10]}")
        return 1
    print("output: identical for every input, part on and off")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
