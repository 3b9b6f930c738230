"""Page weight by kind of page: the largest HTML page of each kind in a site built from a synthetic
corpus (or in a site already built), against the 80 KB page budget.

    python bench/weight.py --count 1000 [--max-pairs 2] [--shapes A,B] [--work DIR] [--groups]
    python bench/weight.py --site SITE_DIR

The corpus is bench/synth.py's, with the project's glossary (so terms and tags exist). --groups
adds sidecars that put the documents into big groups: one speaker for a third of them, one
publisher and one tag for all, and a hundred other tags; so every browse listing is longer than a
page. Sizes are the HTML files' bytes as written (theme chrome included, no compression).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import perf  # noqa: E402
import synth  # noqa: E402

BUDGET = 80 * 1024
KINDS = [
    ("home", r"index\.html"),
    ("documents index", r"texts/(page/\d+/)?index\.html"),
    ("document", r"texts/[^/]+/index\.html"),
    ("glossary index", r"glossary/index\.html"),
    ("term", r"glossary/[^/]+/(\d+/)?index\.html"),
    ("timeline", r"timeline/index\.html"),
    ("year or undated", r"timeline/[^/]+/(\d+/)?index\.html"),
    ("speakers overview", r"people/(page/\d+/)?index\.html"),
    ("speaker", r"people/[^/]+/(\d+/)?index\.html"),
    ("publishers overview", r"publishers/(page/\d+/)?index\.html"),
    ("publisher", r"publishers/[^/]+/(\d+/)?index\.html"),
    ("tags overview", r"tags/(page/\d+/)?index\.html"),
    ("tag", r"tags/[^/]+/(\d+/)?index\.html"),
]


def kind_of(rel: str) -> str:
    for name, pattern in KINDS:
        if re.fullmatch(pattern, rel):
            return name
    return "other"


def figures(site: Path) -> dict[str, tuple[int, int, str]]:
    """Kind -> (pages, largest bytes, largest page)."""
    out: dict[str, tuple[int, int, str]] = {}
    for p in site.rglob("*.html"):
        rel = p.relative_to(site).as_posix()
        k = kind_of(rel)
        n, size, where = out.get(k, (0, -1, ""))
        s = p.stat().st_size
        out[k] = (n + 1, max(size, s), rel if s > size else where)
    return out


def groups(sources: Path) -> None:
    for i, path in enumerate(sorted(p for p in sources.iterdir() if p.suffix in (".txt", ".html", ".md"))):
        author = "Hua Chunying" if i % 3 == 0 else f"Speaker {i % 400:03d}"
        (sources / f"{path.stem}.yml").write_text(
            f"author: {author}\npublisher: Ministry of Foreign Affairs\n"
            f"tags: [cooperation, topic {i % 100:02d}]\n",
            encoding="utf-8",
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="measure this built site")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--max-pairs", type=int, default=2)
    parser.add_argument("--shapes", help="only these synthetic document shapes (see bench/synth.py)")
    parser.add_argument("--groups", action="store_true", help="sidecars: big speaker, publisher, tags")
    parser.add_argument("--work", type=Path, default=ROOT / ".bench" / "weight")
    args = parser.parse_args(argv)
    site = args.site
    if site is None:
        sources = args.work / "sources"
        shapes = ["--shapes", args.shapes] if args.shapes else []
        synth.main([str(sources), "--count", str(args.count), "--max-pairs", str(args.max_pairs), *shapes])
        shutil.copy(ROOT / "sources" / "glossary.yml", sources / "glossary.yml")
        if args.groups:
            groups(sources)
        proj = perf.project(args.work, sources)
        site = args.work / "site"
        cmd = [*perf.mkdocs(proj, site), "--strict"]
        proc = subprocess.run(cmd, capture_output=True, text=True, env=perf.env(), cwd=proj)
        if proc.returncode:
            sys.exit(proc.stdout[-3000:] + proc.stderr[-3000:])
    over = 0
    print(f"{'kind':<20} {'pages':>6} {'largest KB':>10}  largest page")
    for kind, (n, size, where) in sorted(figures(site).items(), key=lambda kv: -kv[1][1]):
        over += size > BUDGET
        print(f"{kind:<20} {n:>6} {size / 1024:>10.1f}  {where}")
    print("every page within 80 KB" if not over else f"{over} kinds over 80 KB")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
