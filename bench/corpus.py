"""Synthetic, seed-like bilingual corpora for benchmarks: `python bench/corpus.py N DIR`.

Every document is built from sentences of the real seeds (so the cleaner, segmenter and aligner see
real policy prose), with what makes a corpus large and real rather than repetitive:
- long-tail vocabulary: each document names its own people, places and programmes (pseudo-words in
  both scripts), so the number of distinct terms grows with the corpus as it does in real text;
- scrape debris: comment/print/share widgets, font-size controls, navigation and footers;
- torn paragraphs: a line break in the middle of a sentence, as copy-paste from PDFs leaves them;
- three layouts seen in the seeds: zh/en interleaved by paragraph, zh block then en block, en only.
Output is deterministic for a given N (seeded RNG), so figures are comparable between runs.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "sources"

HAN = re.compile(r"[\u4e00-\u9fff]")
ZH_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]+[”」』）)]*")
EN_SENTENCE = re.compile(r"[A-Z][^.!?]{20,}[.!?]+[\"”’)]*")

DEBRIS_TOP = [
    "0 Comment(s)Print E-mail China.org.cn, {date_en}",
    "Adjust font size:",
    "Home | News | Opinion | Features | Photos",
    "【字号 大 中 小】【打印】【关闭】",
    "分享到：微信 微博 QQ空间",
]
DEBRIS_BOTTOM = [
    "Print E-mail Share",
    "Related news",
    "Add your comments...",
    "User Name Required",
    "Copyright © China.org.cn. All Rights Reserved",
    "责任编辑：{editor}",
    "【我要纠错】 责任编辑：{editor}",
    "扫一扫在手机打开当前页",
]
SYLLABLES_EN = "ka lo mi ra ten sun vor ba li na tor el an ser wen dal mur pa ri zo".split()
COMMON_HAN = "国际合作网络安全发展治理空间信息技术经济社会数据平台创新开放共享互联建设推进全球"


def _seed_sentences() -> tuple[list[str], list[str]]:
    zh: list[str] = []
    en: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            line = line.strip()
            if len(HAN.findall(line)) > 20:
                zh.extend(s.strip() for s in ZH_SENTENCE.findall(line))
            elif len(line.split()) > 12:
                en.extend(s.strip() for s in EN_SENTENCE.findall(line))
    return zh, en


def _pseudo_en(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES_EN) for _ in range(rng.randint(2, 4))).capitalize()


def _pseudo_zh(rng: random.Random) -> str:
    return "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(2, 4)))


def _paragraph(rng: random.Random, pool: list[str], names: list[str], k: int) -> str:
    sentences = rng.sample(pool, min(k, len(pool)))
    out = []
    for s in sentences:
        if names and rng.random() < 0.5:
            name = rng.choice(names)
            cut = rng.randint(0, max(0, len(s) // 2))
            s = s[:cut] + (" " + name + " " if s.isascii() else name) + s[cut:]
        out.append(s)
    return (" " if pool and pool[0].isascii() else "").join(out)


def _torn(rng: random.Random, paragraph: str) -> str:
    """Tear a paragraph in the middle, the way PDF copy-paste does."""
    if len(paragraph) < 80 or rng.random() > 0.25:
        return paragraph
    cut = rng.randint(len(paragraph) // 3, 2 * len(paragraph) // 3)
    return paragraph[:cut].rstrip() + "\n" + paragraph[cut:].lstrip()


def document(i: int, zh_pool: list[str], en_pool: list[str]) -> str:
    rng = random.Random(i)
    year, month, day = rng.randint(2010, 2024), rng.randint(1, 12), rng.randint(1, 28)
    names_en = [_pseudo_en(rng) for _ in range(4)]
    names_zh = [_pseudo_zh(rng) for _ in range(4)]
    layout = rng.choices(["interleaved", "blocks", "en"], weights=[5, 3, 2])[0]
    n = rng.randint(6, 18)
    zh_paras = [_paragraph(rng, zh_pool, names_zh, rng.randint(2, 5)) for _ in range(n)]
    en_paras = [_paragraph(rng, en_pool, names_en, rng.randint(2, 5)) for _ in range(n)]
    date_en = f"{['January', 'March', 'May', 'July', 'September', 'November'][month % 6]} {day}, {year}"
    lines: list[str] = []
    if layout != "en":
        lines += [f"# {rng.choice(COMMON_HAN)}{names_zh[0]}{''.join(rng.sample(COMMON_HAN, 6))}", ""]
    lines += [f"{names_en[0]} and the {_pseudo_en(rng)} agenda for cyberspace", "", f"By {names_en[1]}"]
    for d in rng.sample(DEBRIS_TOP, 2):
        lines.append(d.format(date_en=date_en))
    lines.append("")
    if layout == "interleaved":
        for zh, en in zip(zh_paras, en_paras, strict=True):
            lines += [_torn(rng, zh), _torn(rng, en), ""]
    elif layout == "blocks":
        lines += [f"{year}年{month}月{day}日", ""]
        lines += [x for p in zh_paras for x in (_torn(rng, p), "")]
        lines += [x for p in en_paras for x in (_torn(rng, p), "")]
    else:
        lines += [x for p in en_paras for x in (_torn(rng, p), "")]
    for d in rng.sample(DEBRIS_BOTTOM, 3):
        lines.append(d.format(editor=names_zh[1]))
    return "\n".join(lines) + "\n"


def generate(count: int, out: Path) -> Path:
    """Write `count` documents into `out` (reused when it already holds exactly that corpus)."""
    out.mkdir(parents=True, exist_ok=True)
    existing = sorted(out.glob("doc-*.txt"))
    if len(existing) == count:
        return out
    for p in existing:
        p.unlink()
    zh_pool, en_pool = _seed_sentences()
    for i in range(count):
        (out / f"doc-{i:05d}.txt").write_text(document(i, zh_pool, en_pool), encoding="utf-8")
    return out


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n")[0])
    generate(int(sys.argv[1]), Path(sys.argv[2]))
