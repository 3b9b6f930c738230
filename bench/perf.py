"""Performance benchmark: the hook-built site against plain MkDocs, on synthetic corpora.

    python bench/perf.py [--sizes 100,1000,10000] [--repeat N] [--work DIR]

For each size it generates a corpus (bench/synth.py), then measures and prints:
- cleaner throughput (MB/s of source bytes through ingest + clean) and pipeline time per document
  (every per-document stage), in this process, one core, on the first SAMPLE documents;
- `mkdocs build` with the hook: cold (empty cache) and warm (cache filled by an earlier process);
- `mkdocs build` of the same pages exported by `duizhao export` (plain MkDocs, no hook), and the
  ratio hook/plain, i.e. the hook's overhead;
- rebuild after one source changes: a new `mkdocs build` process, and two builds in one process
  as `mkdocs serve` runs them (config reloaded, full build), with how many documents each processed;
- peak memory (largest process), total site size, HTML page weight (median and largest, inline
  navigation included) and the search payload (whatever search mkdocs.yml configures).
Times are wall-clock medians over --repeat runs (default 3 up to 100 documents, 1 above);
the machine is shared, so read ratios before absolute seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SAMPLE = 200  # documents timed in-process for throughput (it does not depend on corpus size)
COUNTS = re.compile(r"(\d+) processed, (\d+) from cache")

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["NO_MKDOCS_2_WARNING"] = "1"
    e.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    return e


def run(args: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds, peak RSS in MB of the largest process, and the output."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        args, cwd=cwd, env=env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert proc.stdout is not None
    out = proc.stdout.read()
    # wait4, not wait: the child's own resource use (CPU of reaped helpers included).
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(args)} failed ({proc.returncode}):\n{out[-4000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, out


def project(work: Path, sources: Path) -> Path:
    """A copy of the project (config, docs, hooks, overrides) whose sources/ is `sources`."""
    proj = work / "project"
    if proj.exists():
        shutil.rmtree(proj)
    proj.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", proj / "mkdocs.yml")
    for name in ("docs", "hooks", "overrides"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, proj / name)
    (proj / "sources").symlink_to(sources.resolve())
    return proj


def mkdocs(proj: Path, site: Path) -> list[str]:
    return [str(BIN / "mkdocs"), "build", "--clean", "-f", str(proj / "mkdocs.yml"), "-d", str(site)]


def counts(log: str) -> tuple[int, int]:
    found = COUNTS.findall(log)
    return (int(found[-1][0]), int(found[-1][1])) if found else (-1, -1)


def warnings(log: str) -> int:
    return sum(1 for line in log.splitlines() if line.startswith(("WARNING", "ERROR")))


def in_process(sources: Path, sample: int, repeat: int) -> dict:
    """Cleaner throughput and pipeline time per document, one core, no cache."""
    from duizhao import pipeline, workers
    from duizhao.clean import clean
    from duizhao.read import ingest
    from duizhao.vocab.rules import load_rules

    rules = load_rules(sources)
    paths, _ = ingest.discover(sources)
    raws = [ingest.read_source(p, sources) for p in paths[:sample]]
    size = sum(len(r.data) for r in raws)
    # CPU time of this process, not wall time: on a shared machine wall time mostly measures the
    # other processes; one process on one core uses exactly its CPU time when it has the core.
    clean_times, pipe_times = [], []
    for _ in range(repeat):
        t = time.process_time()
        for raw in raws:
            clean.clean(ingest.decode(raw), rules)
        clean_times.append(time.process_time() - t)
        t = time.process_time()
        for raw in raws:
            pipeline.build_document(raw, rules, raw.stem)
        pipe_times.append(time.process_time() - t)
    # The same documents through build_corpus: one process, then the pool (every usable core).
    sample_dir = sources.parent / "sample"
    shutil.rmtree(sample_dir, ignore_errors=True)
    sample_dir.mkdir()
    for p in paths[:sample]:
        shutil.copy(p, sample_dir / p.name)
    serial, pooled = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        pipeline.build_corpus(sample_dir, workers=1)
        serial.append(time.perf_counter() - t)
        t = time.perf_counter()
        pipeline.build_corpus(sample_dir)
        pooled.append(time.perf_counter() - t)
    return {
        "workers": workers.worker_count(),
        "pool_speedup": statistics.median(serial) / statistics.median(pooled),
        "sample_documents": len(raws),
        "sample_mb": size / 1e6,
        "clean_mb_s": size / 1e6 / statistics.median(clean_times),
        "pipeline_ms_per_doc": 1000 * statistics.median(pipe_times) / len(raws),
    }


def site_figures(site: Path) -> dict:
    pages = sorted(site.rglob("*.html"))
    sizes = [p.stat().st_size for p in pages]
    docs = [p.stat().st_size for p in pages if "/texts/" in p.as_posix() and p.parent.name != "texts"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    chrome = []  # bytes outside the <article>: theme, header, navigation (what grows with a nav)
    for p in pages:
        html = p.read_text(encoding="utf-8")
        a, b = html.find("<article"), html.rfind("</article>")
        if a >= 0 and b > a:
            chrome.append(len(html.encode()) - len(html[a:b].encode()))
    search = [p for d in ("search", "pagefind") for p in (site / d).rglob("*") if p.is_file()]
    # What a page loads before anyone searches: the search script and stylesheet, and the index's
    # manifest when the dialog opens (the chunks come as terms are typed; see bench/search.py).
    first = [site / "search" / "manifest.js", *(site / "assets" / "duizhao").glob("search*")]
    return {
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
        "html_pages": len(pages),
        "page_kb_median": statistics.median(sizes) / 1024,
        "doc_page_kb_median": statistics.median(docs) / 1024 if docs else 0,
        "page_kb_largest": max(sizes) / 1024,
        "chrome_kb_largest": max(chrome, default=0) / 1024,
        "largest_page": largest.relative_to(site).as_posix(),
        "search_mb": sum(p.stat().st_size for p in search) / 1e6,
        "search_first_kb": sum(p.stat().st_size for p in first if p.is_file()) / 1024,
    }


def serve_probe(proj: Path, edit: Path) -> None:
    """Run as a child: two builds in one process as `mkdocs serve` does, one source edited between."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    messages: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    logging.getLogger("mkdocs.plugins.duizhao").addHandler(Keep())
    logging.getLogger("mkdocs.plugins.duizhao").setLevel(logging.INFO)
    site = proj / "site-serve"
    result = {}
    for step in ("first", "after_edit"):
        if step == "after_edit":
            # Text no earlier run added, or the cache would rightly have it already.
            edit.write_bytes(edit.read_bytes() + f"\n\nAn editor's paragraph of {time.time_ns()}.\n".encode())
        t = time.perf_counter()
        build(load_config(str(proj / "mkdocs.yml"), site_dir=str(site)))
        result[step] = time.perf_counter() - t
        result[step + "_counts"] = counts("\n".join(messages))
    print("SERVE " + json.dumps(result))


def corpus_step(sources: Path, cache_folder: Path) -> dict:
    """The hook's corpus step on a warm cache, in this process: reading and hashing every source,
    loading every document from the cache, and the corpus-wide steps (cross-file pairing)."""
    from duizhao import cache, pipeline
    from duizhao.align import pairing

    spent = {"pairing": 0.0}
    original = pairing.pair_corpus

    def timed(*args, **kwargs):
        t = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent["pairing"] += time.process_time() - t

    pairing.pair_corpus = timed
    try:
        t = time.process_time()
        corpus = pipeline.build_corpus(sources, cache.DocumentCache(cache_folder, memory=False))
        total = time.process_time() - t
    finally:
        pairing.pair_corpus = original
    return {"corpus_step_cpu_s": total, "pairing_cpu_s": spent["pairing"], "corpus_built": corpus.stats.built}


def bench_size(
    n: int, work: Path, repeat: int, shapes: list[str] | None = None, skip_rebuild: bool = False
) -> dict:
    out: dict = {"documents": n}
    sources = work / "sources"
    synth.generate(sources, n, shapes=shapes)
    out["corpus_mb"] = sum(p.stat().st_size for p in sources.iterdir()) / 1e6
    print(f"\n== {n:,} documents ({out['corpus_mb']:.1f} MB of scrapes), {repeat} run(s) each", flush=True)
    out.update(in_process(sources, min(n, SAMPLE), repeat))
    print(
        f"cleaner: {out['clean_mb_s']:.2f} MB/s; pipeline: {out['pipeline_ms_per_doc']:.0f} ms/document "
        f"(CPU time, one core, {out['sample_documents']} documents); process pool of {out['workers']}: "
        f"{out['pool_speedup']:.2f}x the one-process speed",
        flush=True,
    )
    proj = project(work, sources)
    site = work / "site-hook"
    cache = proj / ".cache"

    cold = []
    for _ in range(max(1, repeat if n <= 100 else 1)):
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(run(mkdocs(proj, site), proj))
    out["hook_cold_s"] = statistics.median(c[0] for c in cold)
    out["hook_cold_counts"] = counts(cold[-1][3])
    out["warnings"] = warnings(cold[-1][3])
    print(
        f"hook build, cold cache: {out['hook_cold_s']:.1f} s "
        f"(processed/cached {out['hook_cold_counts']}, {out['warnings']} warnings)",
        flush=True,
    )
    out.update(corpus_step(sources, proj / ".cache" / "duizhao" / "documents"))
    print(
        f"corpus step on a warm cache (in-process): {out['corpus_step_cpu_s']:.1f} s CPU, of which cross-file "
        f"pairing {out['pairing_cpu_s']:.1f} s",
        flush=True,
    )
    warm = [run(mkdocs(proj, site), proj) for _ in range(repeat)]
    out["hook_warm_s"] = statistics.median(w[0] for w in warm)
    out["hook_warm_counts"] = counts(warm[-1][3])
    out["hook_warm_cpu_s"] = statistics.median(w[1] for w in warm)
    out["peak_mb_hook"] = max(c[2] for c in cold + warm)
    out["peak_mb_hook_warm"] = max(w[2] for w in warm)
    print(
        f"hook build, warm cache: {out['hook_warm_s']:.1f} s, {out['hook_warm_cpu_s']:.1f} s CPU "
        f"(processed/cached {out['hook_warm_counts']})",
        flush=True,
    )

    exported = work / "export"
    shutil.rmtree(exported, ignore_errors=True)
    subprocess.run(
        [
            str(BIN / "duizhao"),
            "export",
            str(exported),
            "--sources",
            str(sources),
            "--config",
            str(proj / "mkdocs.yml"),
        ],
        check=True,
        env=env(),
        capture_output=True,
    )
    plain = [run(mkdocs(exported, work / "site-plain"), exported) for _ in range(repeat)]
    out["plain_s"] = statistics.median(p[0] for p in plain)
    out["peak_mb_plain"] = max(p[2] for p in plain)
    out["plain_cpu_s"] = statistics.median(p[1] for p in plain)
    out["overhead_warm_cpu"] = out["hook_warm_cpu_s"] / out["plain_cpu_s"] - 1
    out["overhead_warm"] = out["hook_warm_s"] / out["plain_s"] - 1
    out["overhead_cold"] = out["hook_cold_s"] / out["plain_s"] - 1
    print(
        f"plain MkDocs build of the exported pages: {out['plain_s']:.1f} s, {out['plain_cpu_s']:.1f} s CPU; "
        f"hook overhead {100 * out['overhead_warm']:+.0f}% warm ({100 * out['overhead_warm_cpu']:+.0f}% in CPU time), "
        f"{100 * out['overhead_cold']:+.0f}% cold",
        flush=True,
    )

    if skip_rebuild:
        out.update(rebuild_s=-1, rebuild_counts=(-1, -1), serve_rebuild_s=-1, serve_rebuild_counts=(-1, -1))
        out.update(site_figures(site))
        print(f"site: {json.dumps(site_figures(site))}", flush=True)
        return out
    edit = sorted(sources.iterdir())[n // 2]
    original = edit.read_bytes()
    edit.write_bytes(original + f"\n\nAn editor's paragraph of {time.time_ns()}.\n".encode())
    rebuild = run(mkdocs(proj, site), proj)
    edit.write_bytes(original)
    out["rebuild_s"] = rebuild[0]
    out["rebuild_counts"] = counts(rebuild[3])
    probe = run([sys.executable, __file__, "--serve-probe", str(proj), str(edit)], proj)
    edit.write_bytes(original)
    serve = json.loads(probe[3].split("SERVE ", 1)[1].splitlines()[0])
    out["serve_rebuild_s"] = serve["after_edit"]
    out["serve_rebuild_counts"] = tuple(serve["after_edit_counts"])
    print(
        f"after one edit: new `mkdocs build` {out['rebuild_s']:.1f} s (processed/cached {out['rebuild_counts']}); "
        f"`mkdocs serve` rebuild {out['serve_rebuild_s']:.1f} s (processed/cached {out['serve_rebuild_counts']})",
        flush=True,
    )
    out.update(site_figures(site))
    print(
        f"peak memory {out['peak_mb_hook']} MB (hook), {out['peak_mb_plain']} MB (plain); site {out['site_mb']:.0f} MB, "
        f"{out['html_pages']} HTML pages: median {out['page_kb_median']:.0f} KB (documents {out['doc_page_kb_median']:.0f} KB), "
        f"largest {out['page_kb_largest']:.0f} KB ({out['largest_page']}), at most {out['chrome_kb_largest']:.0f} KB "
        f"outside the article; search payload {out['search_mb']:.1f} MB "
        f"({out['search_first_kb']:.0f} KB at first search)",
        flush=True,
    )
    return out


def table(results: list[dict]) -> str:
    rows = [
        ("documents", "{:,}", "documents"),
        ("scrapes (MB)", "{:.1f}", "corpus_mb"),
        ("cleaner throughput (MB/s, one core, CPU time)", "{:.2f}", "clean_mb_s"),
        ("pipeline per document (ms, one core, CPU time)", "{:.0f}", "pipeline_ms_per_doc"),
        ("process pool speed-up (all cores vs one)", "{:.2f}x", "pool_speedup"),
        ("build with hook, cold cache (s)", "{:.1f}", "hook_cold_s"),
        ("corpus step, warm cache (s CPU)", "{:.1f}", "corpus_step_cpu_s"),
        ("  of it cross-file pairing (s CPU)", "{:.1f}", "pairing_cpu_s"),
        ("build with hook, warm cache (s)", "{:.1f}", "hook_warm_s"),
        ("plain MkDocs build of the export (s)", "{:.1f}", "plain_s"),
        ("build with hook, warm cache (s CPU)", "{:.1f}", "hook_warm_cpu_s"),
        ("plain MkDocs build (s CPU)", "{:.1f}", "plain_cpu_s"),
        ("hook overhead, warm cache (wall)", "{:+.0%}", "overhead_warm"),
        ("hook overhead, warm cache (CPU)", "{:+.0%}", "overhead_warm_cpu"),
        ("hook overhead, cold cache (wall)", "{:+.0%}", "overhead_cold"),
        ("rebuild after one edit, new process (s)", "{:.1f}", "rebuild_s"),
        ("  documents processed / from cache", "{}", "rebuild_counts"),
        ("rebuild after one edit, `mkdocs serve` (s)", "{:.1f}", "serve_rebuild_s"),
        ("  documents processed / from cache", "{}", "serve_rebuild_counts"),
        ("peak memory, hook build, cold / warm cache (MB)", "{} / {}", ("peak_mb_hook", "peak_mb_hook_warm")),
        ("peak memory, plain build (MB)", "{}", "peak_mb_plain"),
        ("site size (MB)", "{:.0f}", "site_mb"),
        ("HTML page, median (KB)", "{:.0f}", "page_kb_median"),
        ("document page, median (KB)", "{:.0f}", "doc_page_kb_median"),
        ("HTML page, largest (KB)", "{:.0f}", "page_kb_largest"),
        ("  of it outside the article, most on any page (KB)", "{:.0f}", "chrome_kb_largest"),
        ("search payload (MB)", "{:.1f}", "search_mb"),
        ("search, loaded at first search (KB)", "{:.0f}", "search_first_kb"),
    ]
    head = "| figure | " + " | ".join(f"{r['documents']:,}" for r in results) + " |"
    lines = [head, "|---" * (len(results) + 1) + "|"]
    for label, fmt, key in rows[1:]:
        cells = [
            fmt.format(*(r[k] for k in key)) if isinstance(key, tuple) else fmt.format(r[key])
            for r in results
        ]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument(
        "--repeat", type=int, help="runs per timing (default 3 up to 1,000 documents, else 1)"
    )
    parser.add_argument("--work", type=Path, default=ROOT / ".bench", help="scratch folder (replaced)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--shapes", help="only these synthetic document shapes (see bench/synth.py)")
    parser.add_argument("--max-pairs", type=int, help="short synthetic documents (see bench/synth.py)")
    parser.add_argument("--skip-rebuild", action="store_true", help="no rebuild-after-one-edit figures")
    parser.add_argument("--serve-probe", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve_probe:
        serve_probe(*args.serve_probe)
        return 0
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    print(
        f"bench: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"load average {os.getloadavg()[0]:.1f}; sizes {sizes}",
        flush=True,
    )
    results = []
    for n in sizes:
        repeat = args.repeat or (3 if n <= 100 else 1)
        work = args.work.resolve() / str(n)
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        shapes = [x.strip() for x in args.shapes.split(",")] if args.shapes else None
        if args.max_pairs:
            synth.MAX_PAIRS = args.max_pairs
        results.append(bench_size(n, work, repeat, shapes, args.skip_rebuild))
    print("\n" + table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
