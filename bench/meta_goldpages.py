"""Metadata benchmark on the English cleaning gold pages: what duizhao reads from
GOLD/cleaning/en/*.html against the truth written by reading them
(tests/data/realworld/meta-goldpages: truth.yml, README.md; the pages are not copied).

    python bench/meta_goldpages.py [--gold ../shared/gold] [--json FILE]

The pages go through the real pipeline as one sources/ folder (bench/meta.py's `run`) and each
field is judged by bench/meta.py's `compare` (title: extracted, not derived, equal without spaces,
punctuation and case; date: the ISO date; author: the header's person equals the byline's people
as written; publisher: equal, or the same entry of the publishers data file). The halves are
bench/clean.py's `hash_split` of the page name, the cleaning benchmark's own halves. Printed per
half: right / asked per field, and "invented author" (a person given where the page names none,
an agency or a desk). Only the tuning half's misses are printed; the held half's never are.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import yaml
from clean import hash_split
from meta import ROOT, compare, run

from duizhao.model import Document

TRUTH = ROOT / "tests" / "data" / "realworld" / "meta-goldpages" / "truth.yml"
HALVES = ("tune", "held")
# Field here -> the field of bench/meta.py's compare that judges it (its "speaker" reads the author).
FIELDS = {"title": "title", "date": "date", "author": "speaker", "publisher": "publisher"}


def load_truth(path: Path = TRUTH) -> list[dict]:
    """The entries in the shape bench/meta.py's compare reads: English, no speaker, no venue."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        {**e, "language": "en", "speaker": None, "venue": None, "split": hash_split(Path(e["file"]).stem)}
        for e in entries
    ]


def build(pages: Path, truth: list[dict]) -> dict[str, Document]:
    """Run the pages through duizhao as one corpus laid out the way bench/meta.py's run reads it."""
    with tempfile.TemporaryDirectory(prefix="bench-meta-gold-") as tmp:
        corpus = Path(tmp)
        (corpus / "files").mkdir()
        for t in truth:
            (corpus / "files" / t["file"]).symlink_to((pages / t["file"]).resolve())
        (corpus / "truth.yml").write_text(yaml.safe_dump(truth, allow_unicode=True), encoding="utf-8")
        _, docs = run(corpus)
    return docs


def score(truth: list[dict], docs: dict[str, Document]) -> tuple[dict, list[str]]:
    """Per half: field -> [right, asked], plus "invented author"; and the misses (every half)."""
    result: dict = {h: {**{f: [0, 0] for f in FIELDS}, "invented author": 0} for h in HALVES}
    misses: list[str] = []
    for t in truth:
        half, judged = t["split"], compare(t, docs.get(t["file"]))
        for field, key in FIELDS.items():
            right, found, true = judged[key]
            if right is None:  # the page names no author
                if found:
                    result[half]["invented author"] += 1
                    misses.append(f"  {half} author    {t['file']}: {found!r} given, the page names none")
                continue
            result[half][field][1] += 1
            result[half][field][0] += bool(right)
            if not right:
                misses.append(f"  {half} {field:<9} {t['file']}: found {found!r}, true {true!r}")
    return result, misses


def report(result: dict, misses: list[str], pages: Path) -> None:
    print(f"Metadata on the English cleaning gold pages ({pages}), truth: {TRUTH.relative_to(ROOT)}")
    print(f"{'field':<16}" + "".join(f" {h:>14}" for h in HALVES))
    for field in FIELDS:
        cells = []
        for half in HALVES:
            right, asked = result[half][field]
            cells.append(f"{right}/{asked} {right / asked:.0%}" if asked else "-")
        print(f"{field:<16}" + "".join(f" {c:>14}" for c in cells))
    print(f"{'invented author':<16}" + "".join(f" {result[h]['invented author']:>14}" for h in HALVES))
    tuning = sorted(m for m in misses if m.split(maxsplit=1)[0] == "tune")
    print(f"misses of the tuning half ({len(tuning)}; the held half's are not shown):")
    print("\n".join(tuning))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", default=str(ROOT.parent / "shared" / "gold"))
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    pages = Path(args.gold) / "cleaning" / "en"
    truth = load_truth()
    missing = [t["file"] for t in truth if not (pages / t["file"]).is_file()]
    if missing:
        parser.error(f"{len(missing)} truth pages not under {pages}, e.g. {missing[0]}")
    result, misses = score(truth, build(pages, truth))
    report(result, misses, pages)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
