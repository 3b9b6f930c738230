"""Translation or summary? align/relation.py's coverage figures on every Chinese x English pair of
one group of the real-world corpus (tests/data/realworld/meta/truth.yml: a `pair` is a translation,
every other zh/en pair of a group is related),.

    python bench/relation.py

Prints, per pair, the truth, the coverage both ways, the length ratio and what relation.classify
says; the thresholds in relation.py were set from this table.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src")]

from duizhao import pipeline  # noqa: E402
from duizhao.align import relation  # noqa: E402
from duizhao.align.alignment import Params, align  # noqa: E402
from duizhao.align.evidence import EVIDENCE, _sentences  # noqa: E402
from duizhao.model import Document  # noqa: E402
from duizhao.vocab import lexicon  # noqa: E402

FILES = ROOT / "tests/data/realworld/meta/files"


def pairs() -> list[tuple[str, str, str]]:
    """(zh file, en file, truth) for every zh x en pair of a group."""
    truth = yaml.safe_load((ROOT / "tests/data/realworld/meta/truth.yml").read_text(encoding="utf-8"))
    entries = truth if isinstance(truth, list) else truth.get("files", [])
    groups: dict[str, list[dict]] = {}
    for e in entries:
        groups.setdefault(e.get("group") or e["file"], []).append(e)
    out = []
    for members in groups.values():
        zh = [e for e in members if str(e.get("language", "")).startswith("zh")]
        en = [e for e in members if e.get("language") == "en"]
        for z in zh:
            for e in en:
                kind = (
                    "translation" if z.get("pair") == e["file"] or e.get("pair") == z["file"] else "related"
                )
                out.append((z["file"], e["file"], kind))
    return out


def measure(zh: Document, en: Document, lex: lexicon.Lexicon) -> relation.Relation:
    zs, es = _sentences(zh, "zh"), _sentences(en, "en")
    beads = align(zs, es, lexicon=lex, params=Params(**EVIDENCE))
    zc, ec = relation.coverage(beads, len(zs), len(es))
    return relation.classify(zc, ec, len(zs), len(es))


def main() -> int:
    found = pairs()
    names = sorted({n for z, e, _ in found for n in (z, e)})
    lex = lexicon.cedict()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp)
        for n in names:
            (src / n).write_bytes((FILES / n).read_bytes())
            (src / f"{n}.yml").write_text("translation_of: none\n", encoding="utf-8")
        docs = {d.source.name: d for d in pipeline.build_corpus(src, workers=1).documents}
    print(f"{'truth':12} {'says':20} {'zh cov':>6} {'en cov':>6}  zh file / en file")
    right = 0
    for z, e, kind in found:
        r = measure(docs[z], docs[e], lex)
        ok = (r.kind == "related") == (kind == "related")
        right += ok
        print(
            f"{kind:12} {r.kind:20} {r.zh_coverage:6.2f} {r.en_coverage:6.2f}  {z} / {e}{'' if ok else '  MISS'}"
        )
    print(f"{right} of {len(found)} pairs told apart (translation, whole or partial, vs related)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
