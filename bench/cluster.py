"""The per-document map on Dask against the process pool: cold `mkdocs build`s of N synthetic
documents (bench/synth.py) with the process pool (`workers: 2`) and on a LocalCluster of 2 worker
processes (`dask: local`, `workers: 2`), medians of --repeat runs each, and the two sites compared
file by file (every file must be byte-identical).

    python bench/cluster.py [--sizes 1000] [--repeat 3] [--work .bench/cluster]

Builds run with the environment the tests use (tests/conftest.env: fixed SOURCE_DATE_EPOCH, example
repository and site addresses), each into an empty cache, alternating pool and cluster so a change
in the shared machine's load falls on both. Exits 1 when the sites differ.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import synth  # noqa: E402
from same_site import digests  # noqa: E402
from tests.conftest import BIN, build_args, env, make_project  # noqa: E402

# The two ways a build maps its documents: extra.duizhao settings of each project.
POOL = {"workers": 2}
CLUSTER = {"workers": 2, "dask": "local"}


def project(folder: Path, sources: Path, options: dict[str, object]) -> Path:
    """A copy of the project over `sources` whose mkdocs.yml adds `options` to extra.duizhao."""
    make_project(folder, sources)
    config = folder / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    lines = "".join(f"    {key}: {value}\n" for key, value in options.items())
    assert "\n  duizhao:\n" in text, "mkdocs.yml has no extra.duizhao block"
    config.write_text(text.replace("\n  duizhao:\n", f"\n  duizhao:\n{lines}", 1), encoding="utf-8")
    return folder


def cold_build(folder: Path) -> tuple[float, str]:
    """`mkdocs build` of the project into its site/ with an empty document cache: wall seconds and log."""
    shutil.rmtree(folder / ".cache", ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.run(
        [str(BIN / "mkdocs"), *build_args(folder)], capture_output=True, text=True, env=env(), cwd=folder
    )
    wall = time.perf_counter() - start
    if proc.returncode:
        raise RuntimeError(
            f"build of {folder} failed ({proc.returncode}):\n{(proc.stdout + proc.stderr)[-4000:]}"
        )
    return wall, proc.stdout + proc.stderr


def differences(a: Path, b: Path) -> tuple[int, list[str]]:
    """Files identical in two sites, and every file that differs, is missing or is extra."""
    left, right = digests(a), digests(b)
    changed = sorted(k for k in left.keys() & right.keys() if left[k] != right[k])
    missing = [f"missing: {k}" for k in sorted(left.keys() - right.keys())]
    extra = [f"extra: {k}" for k in sorted(right.keys() - left.keys())]
    return len(left.keys() & right.keys()) - len(changed), [
        f"differs: {k}" for k in changed
    ] + missing + extra


def bench_size(n: int, work: Path, repeat: int) -> dict:
    sources = work / "sources"
    synth.generate(sources, n)
    pool, cluster = project(work / "pool", sources, POOL), project(work / "cluster", sources, CLUSTER)
    times: dict[str, list[float]] = {"pool": [], "cluster": []}
    for _ in range(repeat):
        for name, folder in (("pool", pool), ("cluster", cluster)):
            wall, _ = cold_build(folder)
            times[name].append(wall)
            print(f"{n:,} documents, {name}: {wall:.1f} s", flush=True)
    same, diff = differences(pool / "site", cluster / "site")
    out = {
        "documents": n,
        "pool_s": statistics.median(times["pool"]),
        "cluster_s": statistics.median(times["cluster"]),
        "runs": times,
        "identical_files": same,
        "differences": diff,
    }
    out["ratio"] = out["cluster_s"] / out["pool_s"]
    print(
        f"{n:,} documents, cold build: process pool {out['pool_s']:.1f} s, LocalCluster(2) "
        f"{out['cluster_s']:.1f} s (x{out['ratio']:.2f}), medians of {repeat}; sites: {same} files "
        f"identical, {len(diff)} not" + "".join(f"\n  {d}" for d in diff[:20]),
        flush=True,
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--repeat", type=int, default=3, help="cold builds of each kind per size")
    parser.add_argument(
        "--work", type=Path, default=ROOT / ".bench" / "cluster", help="scratch folder (replaced)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    print(f"bench-cluster: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", flush=True)
    results = []
    for n in [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]:
        work = args.work.resolve() / str(n)
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        results.append(bench_size(n, work, args.repeat))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0 if all(not r["differences"] and r["identical_files"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
