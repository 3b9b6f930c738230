"""Which candidate pairs does cross-file pairing link as related (a report on the same event, not a
translation)? Every Chinese x English pair that candidates() proposes on the real-world corpus
(tests/data/realworld/meta), with its evidence score, relation.py's verdict, the days between the
two texts' extracted dates and the truth (truth.yml: `pair` a translation, same `group` related,
else unrelated).

    python bench/related.py

Prints the pairs relation.py calls "related" (with the score and the date gap) and the ones
pairing.RELATED_SCORE and RELATED_DAYS link, by truth; pairing.py's thresholds were set from it.
Builds the corpus once (about ten minutes on two cores).
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src")]

from duizhao import pipeline  # noqa: E402
from duizhao.align import candidates, evidence, pairing  # noqa: E402
from duizhao.vocab import lexicon  # noqa: E402

FILES = ROOT / "tests/data/realworld/meta/files"


def truths() -> tuple[dict[str, str], dict[str, str]]:
    """Each file's group and its translation (truth.yml)."""
    found = yaml.safe_load((ROOT / "tests/data/realworld/meta/truth.yml").read_text(encoding="utf-8"))
    return {e["file"]: e.get("group") or e["file"] for e in found}, {
        e["file"]: e.get("pair") or "" for e in found
    }


def main() -> int:
    group, pair = truths()
    lex = lexicon.cedict()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp)
        for name in group:
            (src / name).write_bytes((FILES / name).read_bytes())
            (src / f"{name}.yml").write_text("translation_of: none\n", encoding="utf-8")  # (pairs: below)
        docs = [d for d in pipeline.build_corpus(src).documents if d.decoded is not None and d.paragraphs]
    profiles = [p for d in docs if (p := candidates.profile(d, lambda: lex)) is not None]
    by_name = {p.doc.source.name: p for p in profiles}
    chosen = candidates.candidates(
        [p for p in profiles if p.lang == "zh"], [p for p in profiles if p.lang == "en"]
    )
    linked: Counter[str] = Counter()
    print(
        f"{'score':>5} {'days':>5} {'truth':11} {'linked':6}  zh file / en file   (pairs relation.py calls related, scoring RELATED_SCORE or more)"
    )
    for zn, en in sorted(chosen):
        z, e = by_name[zn], by_name[en]
        score, _, shape = evidence.evidence(z, e, lex)
        if candidates.cites(z, e) or pairing._report(shape) is None:
            continue
        truth = "translation" if pair.get(zn) == en else "related" if group[zn] == group[en] else "unrelated"
        days = pairing._days_apart(z.doc, e.doc)
        link = score >= pairing.RELATED_SCORE and days <= pairing.RELATED_DAYS
        linked[truth] += link
        if score >= pairing.RELATED_SCORE:
            print(f"{score:5.3f} {days:5.0f} {truth:11} {'yes' if link else '':6}  {zn} / {en}")
    print(f"{len(chosen)} candidate pairs; linked as related, by truth: {dict(linked)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
