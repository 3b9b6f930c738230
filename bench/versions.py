"""Near-duplicate detection (link/versions.py) at several corpus sizes: CPU time, peak memory, and
how it grows.

    python bench/versions.py [--sizes 1000,10000] [--repeats 3]

Texts are synth.py's documents (seed-like prose recombined, with scrape debris; HTML tags dropped,
each line filed under its script's language), and every REPOST_EVERY-th document is also published
again: a lead paragraph added, one paragraph cut, a few words changed, so each size holds known
works. Detection alone is timed (time.process_time, median of --repeats), not the pipeline; peak
memory is tracemalloc's peak during one run (NumPy's arrays included). Prints, per size, the time,
the peak, the works found against those planted, and the ratio of the largest size to the smallest.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]

import synth  # noqa: E402

from duizhao.link import versions  # noqa: E402

REPOST_EVERY = 50
TAG = re.compile(r"<[^>]+>")
HAN = re.compile(r"[\u3400-\u9fff]")


def _decode(data: bytes) -> str:
    for codec in ("utf-8-sig", "utf-16", "gb18030"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    return data.decode("utf-8", errors="replace")


def _sides(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"zh": [], "en": []}
    for line in TAG.sub("\n", text).splitlines():
        line = line.strip()
        if line:
            out["zh" if len(HAN.findall(line)) * 3 > len(line) else "en"].append(line)
    return out


def _repost(lines: list[str], rng: random.Random) -> list[str]:
    """A republication: a lead paragraph added, one paragraph cut, two words changed."""
    out = list(lines)
    if len(out) > 4:
        del out[rng.randrange(1, len(out))]
    for _ in range(2):
        k = rng.randrange(len(out))
        words = out[k].split(" ")
        if len(words) > 3:
            words[rng.randrange(len(words))] = "republished"
            out[k] = " ".join(words)
    return ["Reposted from the original publisher with permission.", *out]


def corpus(size: int) -> tuple[list[versions.Text], set[frozenset[str]]]:
    pools = synth._P = synth.harvest(ROOT / "sources")  # (synth.footer reads the module's pools)
    texts: list[versions.Text] = []
    planted: set[frozenset[str]] = set()
    for i in range(size):
        name, data = synth.document(i, 0, pools)
        sides = _sides(_decode(data))
        for lang, lines in sides.items():
            if lines:
                texts.append(versions.Text(name, lang, "\n".join(lines), name))
        if i % REPOST_EVERY == 0:
            lang = max(sides, key=lambda k: sum(map(len, sides[k])))
            copy = _repost(sides[lang], random.Random(i))
            texts.append(versions.Text(f"repost-{name}", lang, "\n".join(copy), f"repost-{name}"))
            planted.add(frozenset((name, f"repost-{name}")))
    return texts, planted


def measure(size: int, repeats: int) -> dict[str, float]:
    texts, planted = corpus(size)
    times = []
    for _ in range(repeats):
        start = time.process_time()
        found = versions.works(texts)
        times.append(time.process_time() - start)
    tracemalloc.start()
    versions.works(texts)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    groups = {frozenset(v.name for v in w.versions) for w in found}
    return {
        "texts": len(texts),
        "seconds": statistics.median(times),
        "peak_mb": peak / 1e6,
        "planted": len(planted),
        "found_planted": len(planted & groups),
        "other_works": len(groups - planted),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {}
    for n in sizes:
        results[n] = measure(n, args.repeats)
        print(f"measured {n:,}: {results[n]}", file=sys.stderr, flush=True)
    print("| documents | texts | CPU s (median) | peak MB | planted works found | other works |")
    print("| --- | --- | --- | --- | --- | --- |")
    for n, r in results.items():
        print(
            f"| {n:,} | {r['texts']:,} | {r['seconds']:.2f} | {r['peak_mb']:.0f} | "
            f"{r['found_planted']} of {r['planted']} | {r['other_works']} |"
        )
    if len(sizes) > 1:
        small, large = results[sizes[0]], results[sizes[-1]]
        print(
            f"{sizes[-1]:,} vs {sizes[0]:,} documents ({sizes[-1] / sizes[0]:.0f}x): time "
            f"{large['seconds'] / small['seconds']:.1f}x, peak memory {large['peak_mb'] / small['peak_mb']:.1f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
