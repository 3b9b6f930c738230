"""How long `duizhao review` takes as the corpus grows: a temporary git repository of N documents
(the seeds, each copy made unique by one line), then one of two pull requests: a rule change that
touches a fifth of the documents (every document is rebuilt on both sides), or one sidecar (only
that document is rebuilt for HEAD). The real command is timed end to end; medians over repeats.

    .venv/bin/python bench/review.py --docs 100 500 --repeat 3
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RULE = """kinds:
  site.slogan:
    action: remove
    reason: benchmark rule
    patterns:
      - 'china and the united states share common interests in cyberspace'
"""


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)


def corpus(root: Path, n: int, change: str) -> None:
    seeds = sorted((ROOT / "sources").glob("*.txt"))
    (root / "sources").mkdir(parents=True)
    for i in range(n):
        seed = seeds[i % len(seeds)]
        text = seed.read_text(encoding="utf-8").rstrip("\n") + f"\n\nCopy {i} of {seed.stem}.\n"
        (root / "sources" / f"doc-{i:05d}.txt").write_text(text, encoding="utf-8")
    git = ("git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", "-c", "commit.gpgsign=false")
    run(root, "git", "init", "-q", "-b", "main")
    run(root, str(BIN / "duizhao"), "urls", "--write")
    run(root, "git", "add", "-A")
    run(root, *git, "commit", "-q", "-m", "base")
    if change == "rule":
        (root / "sources" / "rules.yml").write_text(RULE, encoding="utf-8")
    else:
        (root / "sources" / "doc-00000.yml").write_text("date: 2020-11-25\n", encoding="utf-8")
    run(root, "git", "add", "-A")
    run(root, *git, "commit", "-q", "-m", change)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[5, 100, 500])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--change", nargs="+", choices=["rule", "sidecar"], default=["rule", "sidecar"])
    args = parser.parse_args()
    print(
        f"{'change':>8} {'docs':>6} {'review s (median)':>18} {'ms/doc':>8} {'changed docs':>13} {'report KB':>10}"
    )
    for change, n in ((c, n) for c in args.change for n in args.docs):
        with tempfile.TemporaryDirectory(prefix="duizhao-bench-") as tmp:
            root = Path(tmp)
            corpus(root, n, change)
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                proc = run(root, str(BIN / "duizhao"), "review", "HEAD~1", "HEAD")
                times.append(time.perf_counter() - t)
                if proc.returncode != 0:
                    raise SystemExit(proc.stderr)
            changed = proc.stdout.count("\n### Changed:")
            median = statistics.median(times)
            print(
                f"{change:>8} {n:>6} {median:>18.2f} {1000 * median / n:>8.1f} {changed:>13} {len(proc.stdout) / 1024:>10.1f}"
            )
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
