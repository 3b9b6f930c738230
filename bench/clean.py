"""Cleaning benchmark: `duizhao clean` against the gold main texts, beside trafilatura.

    python bench/clean.py [--gold ../shared/gold] [--scorer ../shared/tools/clean_score.py]
                          [--runs 5] [--check]

1. Runs the real CLI (`duizhao clean FILE`, cleaned text on stdout) on every page of
   GOLD/cleaning/{en,zh}/*.html (the HTML path) and on the naive text dumps of the same pages in
   GOLD/cleaning-text/{en,zh}/*.txt (the text-scrape path).
2. Runs trafilatura alone on the same HTML bytes (its own decoding, default settings).
3. Scores every set with the reference scorer (shingle F1; `--cjk` as well for zh) and prints a
   table with the targets of issue 3.
4. Measures text-path throughput in-process (decode + clean + metadata of every text dump and
   seed, in one process on one core): MB of raw text per CPU-second, median of --runs.

Nothing here is fitted to the gold: it only reads it to score.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {("html", "en"): 0.965, ("html", "zh"): 0.94, ("text", "en"): 0.90, ("text", "zh"): 0.90}
THROUGHPUT_TARGET = 5.0  # MB/s of raw text per core


def duizhao_bin() -> str:
    found = Path(sys.executable).parent / "duizhao"
    return str(found) if found.exists() else "duizhao"


def run_cli(files: list[Path], out: Path) -> list[str]:
    """`duizhao clean FILE > out/NAME.txt` for every file (two at a time: the machine has 2 cores)."""
    out.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []

    def one(path: Path) -> None:
        proc = subprocess.run([duizhao_bin(), "clean", str(path)], capture_output=True, text=True)
        (out / f"{path.stem}.txt").write_text(proc.stdout, encoding="utf-8")
        if proc.returncode != 0:
            errors.append(f"{path.name}: exit {proc.returncode}: {proc.stderr.strip()[:200]}")

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(one, files))
    return errors


def run_trafilatura(files: list[Path], out: Path) -> str:
    try:
        import trafilatura
    except ImportError:
        return ""
    out.mkdir(parents=True, exist_ok=True)
    for path in files:
        text = trafilatura.extract(path.read_bytes()) or ""
        (out / f"{path.stem}.txt").write_text(text, encoding="utf-8")
    return trafilatura.__version__


def score(scorer: Path, gold: Path, pred: Path, cjk: bool = False) -> dict:
    args = [sys.executable, str(scorer), str(gold), str(pred)] + (["--cjk"] if cjk else [])
    proc = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def throughput(files: list[Path], runs: int) -> tuple[float, float, int]:
    """Median MB per CPU-second and per wall-second over `runs` passes of the text path."""
    from duizhao import clean, ingest, metadata
    from duizhao.rules import load_rules

    rules = load_rules()
    raws = [ingest.read_source(p, p.parent) for p in files]
    size = sum(len(r.data) for r in raws)
    cpu, wall = [], []
    for _ in range(runs + 1):  # the first pass warms caches and is not counted
        c0, w0 = time.process_time(), time.perf_counter()
        for raw in raws:
            metadata.extract(clean.clean(ingest.decode(raw), rules))
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    mb = size / 1e6
    return mb / statistics.median(cpu[1:]), mb / statistics.median(wall[1:]), size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", default=str(ROOT.parent / "shared" / "gold"))
    parser.add_argument("--scorer", default=str(ROOT.parent / "shared" / "tools" / "clean_score.py"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", help="write predictions here instead of a temporary folder")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    gold, scorer = Path(args.gold), Path(args.scorer)
    if not (gold / "cleaning").is_dir() or not scorer.is_file():
        print(f"bench/clean.py: gold data ({gold}/cleaning) or scorer ({scorer}) not found", file=sys.stderr)
        return 2

    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-clean-"))
    rows: list[tuple[str, str, str, dict, dict | None]] = []
    missed: list[str] = []
    version = ""
    for lang in ("en", "zh"):
        gold_dir = gold / "cleaning" / lang
        html = sorted(gold_dir.glob("*.html"))
        text = sorted((gold / "cleaning-text" / lang).glob("*.txt"))
        for path, files in (("html", html), ("text", text)):
            pred = tmp / f"{path}-{lang}"
            errors = run_cli(files, pred)
            for e in errors:
                print(f"  error: {e}", file=sys.stderr)
            plain = score(scorer, gold_dir, pred)
            cjk = score(scorer, gold_dir, pred, cjk=True) if lang == "zh" else None
            rows.append(("duizhao", path, lang, plain, cjk))
            if plain["F1"] < TARGETS[(path, lang)]:
                missed.append(f"{path} {lang} F1 {plain['F1']} < {TARGETS[(path, lang)]}")
        pred = tmp / f"trafilatura-{lang}"
        version = run_trafilatura(html, pred)
        if version:
            plain = score(scorer, gold_dir, pred)
            cjk = score(scorer, gold_dir, pred, cjk=True) if lang == "zh" else None
            rows.append((f"trafilatura {version}", "html", lang, plain, cjk))

    print(f"Cleaning benchmark on {gold} (predictions in {tmp})")
    print(
        f"{'system':<20} {'input':<6} {'lang':<4} {'F1':>7} {'P':>7} {'R':>7} {'F1 --cjk':>9} {'target':>7}"
    )
    for system, path, lang, plain, cjk in rows:
        target = TARGETS[(path, lang)] if system == "duizhao" else None
        print(
            f"{system:<20} {path:<6} {lang:<4} {plain['F1']:>7.4f} {plain['precision']:>7.4f} "
            f"{plain['recall']:>7.4f} {cjk['F1'] if cjk else '':>9} "
            f"{'' if target is None else ('>= ' + str(target)):>7}"
        )

    files = sorted((gold / "cleaning-text").glob("*/*.txt")) + sorted((ROOT / "sources").glob("*.txt"))
    per_cpu, per_wall, size = throughput(files, args.runs)
    print(
        f"text-path throughput: {per_cpu:.2f} MB/s per core (CPU time; {per_wall:.2f} MB/s wall), "
        f"median of {args.runs} runs over {len(files)} files, {size / 1e6:.2f} MB; target >= {THROUGHPUT_TARGET}"
    )
    if per_cpu < THROUGHPUT_TARGET:
        missed.append(f"throughput {per_cpu:.2f} MB/s < {THROUGHPUT_TARGET}")
    print("targets: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    return 1 if (missed and args.check) else 0


if __name__ == "__main__":
    raise SystemExit(main())
