"""Cross-linking benchmark: how link.build (glossary matching, occurrences, related documents by
inverted index) and the browse pages scale with the corpus, and what `duizhao terms` costs on the
gold alignment sets.

    python bench/links.py [--sizes 100,200,400,800,1600] [--repeat 3] [--gold ../shared/gold]

Corpora of any size are drawn from the seeds: each synthetic document is a random sample of the
seeds' rows (beads), so documents differ in the terms they mention, as real ones do. Prints, for
each size, the median wall time of link.build and of the browse pages, microseconds per document,
the related-document comparisons actually made (dot-product updates through the inverted index)
against the n(n-1) an all-pairs method makes, and peak memory. Near-linear means the time per
document stays flat as n grows. Times are medians of --repeat runs on a shared machine.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from duizhao import pipeline  # noqa: E402
from duizhao.link import glossary, link  # noqa: E402
from duizhao.model import Field  # noqa: E402
from duizhao.publish import browse, render  # noqa: E402


def corpus(n: int, pool: list, seed: int = 7) -> list:
    """n documents, each a random sample of 3 to 12 rows of the seeds, with dates over 20 years."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        base = rng.choice(pool)
        rows = [b for d in pool for b in d.beads]
        beads = tuple(rng.sample(rows, rng.randint(3, 12)))
        paragraphs = tuple(p for b in beads for p in (*b.zh, *b.en))
        date = f"{2005 + rng.randrange(20)}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
        meta = replace(base.metadata, date=Field(date))
        out.append(
            replace(
                base, slug=f"doc-{i:05d}", beads=beads, paragraphs=paragraphs, metadata=meta, counterpart=None
            )
        )
    return out


def comparisons(linkage_input: list, g: glossary.Glossary) -> int:
    """Dot-product updates the inverted index makes (counted by re-running its accumulation)."""
    counted = 0
    real = link.defaultdict

    class Counting(dict):
        def __missing__(self, key):
            return 0.0

        def __setitem__(self, key, value):
            nonlocal counted
            counted += 1
            super().__setitem__(key, value)

    def factory(kind):
        return Counting() if kind is float else real(kind)

    link.defaultdict = factory  # type: ignore[assignment]
    try:
        link.build(linkage_input, g)
    finally:
        link.defaultdict = real
    return counted


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,200,400,800,1600")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--gold", default=str(ROOT.parent / "shared" / "gold"))
    args = parser.parse_args()
    seeds = pipeline.build_corpus(ROOT / "sources")
    g = seeds.glossary
    pool = pipeline.published(seeds)
    settings = render.Settings()
    print(f"glossary: {len(g)} entries; seed rows: {sum(len(d.beads) for d in pool)}")
    print(
        f"{'docs':>6} {'link s':>8} {'µs/doc':>8} {'pages s':>8} {'updates':>10} {'all pairs':>11} {'peak MB':>8}"
    )
    for n in (int(x) for x in args.sizes.split(",")):
        docs = corpus(n, pool)
        t_link = timed(lambda docs=docs: link.build(docs, g), args.repeat)
        linkage = link.build(docs, g)
        t_pages = timed(lambda linkage=linkage, docs=docs: browse.pages(linkage, docs, settings), args.repeat)
        updates = comparisons(docs, g)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{n:>6} {t_link:>8.2f} {t_link / n * 1e6:>8.0f} {t_pages:>8.2f} {updates:>10,} {n * (n - 1):>11,} {peak:>8.0f}"
        )
    gold = Path(args.gold) / "alignment"
    duizhao = Path(sys.executable).parent / "duizhao"
    for name in ("mac-dev", "bible"):
        folder = gold / name
        if not folder.is_dir():
            print(f"{folder}: missing, `duizhao terms` not measured")
            continue
        times = []
        for _ in range(args.repeat):
            for zh in sorted(folder.glob("*.zh")):
                t = time.perf_counter()
                proc = subprocess.run(
                    [
                        str(duizhao),
                        "terms",
                        str(zh),
                        str(zh.with_suffix(".en")),
                        "--beads",
                        str(zh.with_suffix(".gold")),
                    ],
                    capture_output=True,
                    text=True,
                )
                times.append(time.perf_counter() - t)
                if proc.returncode:
                    print(proc.stderr)
        chapters = len(list(folder.glob("*.zh")))
        print(
            f"duizhao terms on {name}: {chapters} files, median {statistics.median(times):.2f} s a file (whole process)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
