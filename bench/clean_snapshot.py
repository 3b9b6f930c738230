"""What the text path makes of every test input, as files to diff: `python bench/clean_snapshot.py OUT`.

    python bench/clean_snapshot.py OUT [--gold ../shared/gold] [--synth 200]
    diff -r BEFORE AFTER

For a speed change that must not change any output: run it before and after, and diff the two
folders. One file per input, holding the decoded text's encoding and diagnostics, every block
(kind, level, lines, bold ranges, text, language), every removal (line, rule, action, reason,
text) and the metadata fields; or the error that stopped the source. Inputs: the gold HTML pages
and text dumps (read, never copied), the seeds, every file under tests/data and the adversarial
corpus (its generated cases included), and a synthetic corpus (bench/synth.py: other encodings,
CRLF, Markdown, HTML with and without a declared charset).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))


def inputs(gold: Path, synth: int, tmp: Path) -> list[tuple[str, Path, Path]]:
    """(label, file, its sources folder) for every input."""
    import synth as synthetic
    from tests.adversarial import corpus as adversarial

    found: list[tuple[str, Path, Path]] = []
    for path in sorted((gold / "cleaning").glob("*/*.html")) + sorted(
        (gold / "cleaning-text").glob("*/*.txt")
    ):
        found.append((f"gold/{path.parent.parent.name}/{path.parent.name}/{path.name}", path, path.parent))
    for path in sorted((ROOT / "sources").iterdir()):
        found.append((f"sources/{path.name}", path, path.parent))
    for path in sorted((ROOT / "tests" / "data").rglob("*")):
        found.append((f"tests-data/{path.relative_to(ROOT / 'tests' / 'data')}", path, path.parent))
    written = tmp / "adversarial"
    for case in adversarial.write(written):
        path = written / case.file
        if not path.is_symlink():
            found.append((f"adversarial/{case.file}", path, written))
    if synth:
        for path in synthetic.generate(tmp / "synth", synth, seed=7):
            found.append((f"synth/{path.name}", path, path.parent))
    return [(label, path, root) for label, path, root in found if path.is_file()]


def snapshot(path: Path, root: Path) -> str:
    from duizhao.clean import clean
    from duizhao.meta import metadata
    from duizhao.read import ingest, sidecar
    from duizhao.vocab.rules import load_rules

    if ingest.source_kind(path.name) is None:
        return "not a source\n"
    raw = ingest.read_source(path, root)
    try:
        decoded = ingest.decode(raw)
    except ingest.SourceError as exc:
        return f"error: {exc}\n"
    car, car_notes = sidecar.load(root, raw.name)
    cleaned = clean.clean(decoded, load_rules(root), car)
    meta = metadata.extract(cleaned)
    out = [f"encoding: {decoded.encoding}", f"kind: {decoded.kind}", f"dropped: {decoded.dropped_chars}"]
    out += [
        f"diagnostic: {d.level} {d.path}:{d.line} {d.message}" for d in (*cleaned.diagnostics, *car_notes)
    ]
    languages = list(cleaned.block_languages) + [""] * (len(cleaned.blocks) - len(cleaned.block_languages))
    for block, lang in zip(cleaned.blocks, languages, strict=True):
        out.append(
            f"block {block.kind} level={block.level} lines={list(block.lines)} strong={list(block.strong)} lang={lang}"
        )
        out.append(f"  {block.text}")
    for r in cleaned.removals:
        out.append(f"removal {r.line} {r.rule} {r.action}: {r.reason}")
        out.append(f"  {r.text}")
    out.append("metadata " + json.dumps(dataclasses.asdict(meta), ensure_ascii=False, sort_keys=True))
    out.append("decoded:")
    out.append(decoded.text)
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold")
    parser.add_argument("--synth", type=int, default=200, help="synthetic documents (0: none)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="clean-snapshot-") as tmp:
        found = inputs(args.gold, args.synth, Path(tmp))
        for label, path, root in found:
            name = label.replace("/", "__")
            if len(name.encode()) > 150:  # (generated names run to hundreds of bytes)
                name = name[:40] + "-" + hashlib.sha256(name.encode()).hexdigest()[:16]
            target = args.out / (name + ".out")
            target.write_text(snapshot(path, root), encoding="utf-8", errors="surrogateescape")
    print(f"clean_snapshot: {len(found)} inputs in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
