"""Cleaning benchmark: `duizhao clean` against gold main texts, on a tuning half and a held-out
half, beside trafilatura.

    python bench/clean.py [--gold ../shared/gold] [--scorer ../shared/tools/clean_score.py]
                          [--runs 5] [--keep DIR] [--check]

The development set (every page has a gold text written by a person):
- GOLD/cleaning/{en,zh}/*.html and the naive text dumps of the same pages in GOLD/cleaning-text;
- tests/data/realworld/clean-zh/*.html (Chinese pages of 33 sites, see its README), with text dumps
  made here the way GOLD's are (every visible string on its own line, scripts and styles dropped).

The split is fixed before any tuning: a GOLD page is in the held-out half when the SHA-1 of its
name is odd; a realworld page by its site (pages.yml: split, so that held-out sites are unseen).
Each kind (HTML en, HTML zh, text en, text zh) is scored per half with the reference scorer's own
functions (shingle F1; --cjk too for zh), trafilatura on the same HTML beside it; every page under
F1 0.5 is listed with the rule that removed most of its gold text. Text-path throughput as before.
Nothing here is fitted to the gold: it only reads it to score.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REALWORLD = ROOT / "tests" / "data" / "realworld" / "clean-zh"
TARGETS = {("html", "en"): 0.965, ("html", "zh"): 0.94, ("text", "en"): 0.90, ("text", "zh"): 0.90}
THROUGHPUT_TARGET = 5.0  # MB/s of raw text per core
LOW_F1 = 0.5


@dataclass(frozen=True)
class Page:
    name: str
    source: Path  # the scrape: HTML or text dump
    gold: Path
    split: str  # "tune" or "held"
    kind: str  # "html" or "text"
    lang: str  # "en" or "zh"


def duizhao_bin() -> str:
    found = Path(sys.executable).parent / "duizhao"
    return str(found) if found.exists() else "duizhao"


def hash_split(name: str) -> str:
    return "held" if int(hashlib.sha1(name.encode()).hexdigest(), 16) % 2 else "tune"


def text_dump(html: Path, out: Path) -> Path:
    """A careless copy of a page: every visible string on its own line (as GOLD's dumps)."""
    from bs4 import BeautifulSoup

    from duizhao.read import ingest

    text = ingest.decode(ingest.read_source(html, html.parent)).text
    soup = BeautifulSoup(text, "lxml")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    strings = [s for s in soup.stripped_strings]
    if title and strings and strings[0] == title:
        strings = strings[1:]
    path = out / f"{html.stem}.txt"
    path.write_text("\n\n".join([title, *strings] if title else strings) + "\n", encoding="utf-8")
    return path


def pages(gold: Path, work: Path) -> list[Page]:
    out: list[Page] = []
    for lang in ("en", "zh"):
        for html in sorted((gold / "cleaning" / lang).glob("*.html")):
            g = html.with_name(f"{html.stem}.gold.txt")
            out.append(Page(html.stem, html, g, hash_split(html.stem), "html", lang))
            dump = gold / "cleaning-text" / lang / f"{html.stem}.txt"
            if dump.is_file():
                out.append(Page(html.stem, dump, g, hash_split(html.stem), "text", lang))
    if REALWORLD.is_dir():
        index = yaml.safe_load((REALWORLD / "pages.yml").read_text(encoding="utf-8"))
        dumps = work / "realworld-dumps"
        dumps.mkdir(parents=True, exist_ok=True)
        for entry in index:
            html = REALWORLD / f"{entry['name']}.html"
            g = REALWORLD / f"{entry['name']}.gold.txt"
            out.append(Page(html.stem, html, g, entry["split"], "html", "zh"))
            out.append(Page(html.stem, text_dump(html, dumps), g, entry["split"], "text", "zh"))
    return out


def run_cli(todo: list[Page], out: Path) -> dict[str, str]:
    """`duizhao clean FILE` for every page (two at a time: the machine has 2 cores); name -> text."""
    found: dict[str, str] = {}

    def one(p: Page) -> None:
        proc = subprocess.run([duizhao_bin(), "clean", str(p.source)], capture_output=True, text=True)
        found[f"{p.kind}/{p.name}"] = proc.stdout

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(one, todo))
    return found


def run_trafilatura(todo: list[Page]) -> tuple[str, dict[str, str]]:
    try:
        import trafilatura
    except ImportError:
        return "", {}
    return trafilatura.__version__, {
        f"html/{p.name}": trafilatura.extract(p.source.read_bytes()) or "" for p in todo if p.kind == "html"
    }


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("clean_score", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def lost_to(page: Page, gold_text: str) -> str:
    """The rule whose removals hold most of the page's gold text (what lost it)."""
    from duizhao.clean import clean
    from duizhao.read import ingest
    from duizhao.vocab.rules import load_rules

    words = Counter(gold_text.split()) if page.lang == "en" else Counter(gold_text)
    cleaned = clean.clean(ingest.decode(ingest.read_source(page.source, page.source.parent)), load_rules())
    lost: Counter[str] = Counter()
    for r in cleaned.removals:
        units = r.text.split() if page.lang == "en" else list(r.text)
        lost[r.rule] += sum(1 for u in units if words[u])
    if not cleaned.blocks:
        return "nothing left"
    return ", ".join(f"{rule} ({n})" for rule, n in lost.most_common(2)) or "(none removed: kept the wrong text)"


def throughput(files: list[Path], runs: int) -> tuple[float, float, int]:
    """Median MB per CPU-second and per wall-second over `runs` passes of the text path."""
    from duizhao.clean import clean
    from duizhao.meta import metadata
    from duizhao.read import ingest
    from duizhao.vocab.rules import load_rules

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
    parser.add_argument("--check", action="store_true", help="exit 1 when a held-out target is missed")
    parser.add_argument("--no-throughput", action="store_true")
    parser.add_argument(
        "--held-pages", action="store_true", help="also list the held-out half's low pages (read them only to report)"
    )
    args = parser.parse_args(argv)
    gold, scorer_path = Path(args.gold), Path(args.scorer)
    if not (gold / "cleaning").is_dir() or not scorer_path.is_file():
        print(f"bench/clean.py: gold data ({gold}/cleaning) or scorer ({scorer_path}) not found", file=sys.stderr)
        return 2
    scorer = load_scorer(scorer_path)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-clean-"))
    todo = pages(gold, work)
    ours = run_cli(todo, work)
    version, theirs = run_trafilatura(todo)
    golds = {p.gold: p.gold.read_text(encoding="utf-8") for p in todo}
    if args.keep:
        for key, text in ours.items():
            (work / key).parent.mkdir(parents=True, exist_ok=True)
            (work / f"{key}.txt").write_text(text, encoding="utf-8")

    print(f"Cleaning benchmark on {gold} and {REALWORLD.relative_to(ROOT)}")
    print(f"{'set':<9} {'half':<5} {'pages':>5} {'duizhao':>8} {'--cjk':>7} {'trafilatura ' + version:>18} {'target':>7}")
    missed, gaps, low = [], [], []
    for kind, lang in TARGETS:
        scores = {}
        for split in ("tune", "held"):
            chosen = [p for p in todo if (p.kind, p.lang, p.split) == (kind, lang, split)]
            pairs = [(golds[p.gold], ours.get(f"{kind}/{p.name}", "")) for p in chosen]
            plain = scorer.evaluate(pairs)
            cjk = scorer.evaluate(pairs, cjk=True)["F1"] if lang == "zh" else None
            traf = (
                scorer.evaluate([(golds[p.gold], theirs.get(f"html/{p.name}", "")) for p in chosen])["F1"]
                if kind == "html" and theirs
                else None
            )
            scores[split] = plain["F1"]
            target = TARGETS[(kind, lang)]
            print(
                f"{kind + ' ' + lang:<9} {split:<5} {len(chosen):>5} {plain['F1']:>8.4f} "
                f"{'' if cjk is None else f'{cjk:.4f}':>7} {'' if traf is None else f'{traf:.4f}':>18} "
                f"{'>= ' + str(target) if split == 'held' else '':>7}"
            )
            if split == "held" and plain["F1"] < target:
                missed.append(f"{kind} {lang} held F1 {plain['F1']} < {target}")
            for p, (g, text) in zip(chosen, pairs, strict=True):
                tp, fp, fn = scorer.page(g, text, lang == "zh")
                f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
                if f1 < LOW_F1 and (split == "tune" or args.held_pages):
                    low.append((kind, lang, split, p, f1))
        gap = scores["tune"] - scores["held"]
        gaps.append(f"{kind} {lang} {gap:+.4f}")
    print("gap (tune - held): " + "; ".join(gaps))
    if low:
        which = "both halves" if args.held_pages else "the tuning half; --held-pages for the other"
        print(f"pages under F1 {LOW_F1}, {which} (the rules that removed most of their gold text):")
        for kind, lang, split, p, f1 in low:
            print(f"  {kind} {lang} {split} {p.name[:44]:<44} F1 {f1:.2f}  lost to: {lost_to(p, golds[p.gold])}")
    if not args.no_throughput:
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
