"""Synthetic corpora for benchmarks: realistic, seed-like scrapes at any size, deterministic.

    python bench/synth.py OUT_DIR --count 1000 [--seed 0] [--seeds sources]

Sentences come from the seed scrapes (Chinese and English prose lines, split into clauses that are
recombined, with years and figures varied), so word shapes, sentence lengths and punctuation are the
seeds'. Each document takes one shape: zh/en paragraphs interleaved, a Chinese half then an English
half, Chinese only, English only, or an HTML page of either. Around the text, the debris real scrapes
carry: breadcrumbs, bylines and datelines, comment counts and print/e-mail/share bars, font-size
controls, "related" link lists, comment forms, copyright footers, pagination lines, and paragraphs
torn in two by a page break. Files are saved in UTF-8 (some with a BOM or CRLF), GB18030, UTF-16, or
as HTML with a declared (sometimes missing) charset.

Document i is a function of (seed, i) alone, so the 100-document corpus is the first 100 of the
1,000-document one, and two runs give byte-identical files.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HAN = re.compile(r"[\u3400-\u9fff]")
ZH_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]+[”’」』)）]*")
EN_SENTENCE = re.compile(r"\S.*?[.!?][\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9]|\s*$)")
ZH_CLAUSE = re.compile(r"[^，；、]+[，；]?")
EN_CLAUSE = re.compile(r"[^,;]+[,;]?")
YEAR = re.compile(r"(19|20)\d\d")
# Prose lines only: a seed line shorter than this is a heading or debris, not a sentence source.
MIN_ZH_LINE = 30
MIN_EN_LINE = 80

# Document shapes and how often each occurs (weights). Why these: the seeds and the hidden scrapes
# mix bilingual pages (interleaved or halves) with one-language ones, and some pages arrive as HTML.
SHAPES = {
    "interleaved": 30,
    "halves": 15,
    "zh": 15,
    "en": 25,
    "html-bilingual": 7,
    "html-one": 8,
}
# How files are saved (weights): most scrapes are UTF-8; Chinese sites still serve GB2312/GBK.
ENCODINGS = {"utf-8": 70, "utf-8-sig": 5, "gb18030": 15, "utf-16": 5, "crlf": 5}

ZH_CRUMBS = [
    "首页 > 新闻 > 国际",
    "当前位置：首页 > 时政 > 正文",
    "首页 | 要闻 | 评论 | 专题",
    "您的位置：首页 > 外交部 > 发言人表态",
]
EN_CRUMBS = [
    "Home > News > World",
    "Home | Opinion | Columnists",
    "You are here: Home > Embassy News",
    "HOME > CHINA > POLITICS",
]
ZH_TOP = [
    "【打印】【关闭】【纠错】",
    "字号：大 中 小",
    "分享到：微信 微博 QQ空间",
    "扫一扫在手机打开当前页",
    "0条评论",
    "【字体：大 中 小】 【打印本页】 【关闭窗口】",
]
EN_TOP = [
    "{n} Comment(s)Print E-mail {site}, {date}",
    "Adjust font size:",
    "Share to: Facebook Twitter WeChat LinkedIn",
    "Print | E-mail | Bookmark and Share",
    "A A A",
    "Text size: Larger Smaller Reset",
]
ZH_BOTTOM = [
    "责任编辑：{name}",
    "相关新闻",
    "网友评论",
    "用户名：  密码：  匿名发表",
    "文明上网，理性发言，评论需审核后才能显示",
    "版权所有 © {site} 未经授权禁止转载",
    "下载客户端 | 关注微信公众号",
]
EN_BOTTOM = [
    "Related News",
    "Your Name: Your Comment: Enter the words you see: Submit",
    "Comments may be removed by moderators. Racist, abusive and off-topic comments are not allowed.",
    "Copyright © 1999-{year} {site}. All rights reserved.",
    "Follow us on WeChat and Twitter",
    "Sign up for our daily newsletter",
    "Be the first to comment",
]
PAGINATION = ["1 2 3 Next Page", "上一页 1 2 下一页", "Next >>", "(continued on page 2)"]
ZH_SITES = ["新华网", "人民网", "中国网", "外交部网站", "中国日报网"]
EN_SITES = ["China.org.cn", "Xinhua", "China Daily", "Embassy of China", "Global Times"]
ZH_NAMES = ["王磊", "李明", "张伟", "刘洋", "陈静", "杨帆", "赵敏"]
EN_NAMES = ["Zhang Wei", "Li Ming", "Wang Lei", "Liu Yang", "Chen Jing", "Yang Fan", "Zhao Min"]
ZH_ROLES = ["外交部发言人", "国家互联网信息办公室主任", "驻英国大使", "中国日报评论员"]
EN_ROLES = [
    "Foreign Ministry spokesperson",
    "Director of the Cyberspace Administration",
    "Ambassador to the UK",
    "columnist",
]
ZH_TOPICS = [
    "网络空间命运共同体",
    "全球互联网治理",
    "网络安全国际合作",
    "数据安全",
    "网络空间国际规则",
    "数字经济合作",
    "网络主权",
]
ZH_TITLES = [
    "携手构建{t}",
    "共同推动{t}",
    "{t}需要各国共同努力",
    "在第{n}届世界互联网大会上谈{t}",
    "外交部发言人就{t}答记者问",
    "关于{t}的几点看法",
]
EN_TOPICS = [
    "a community with a shared future in cyberspace",
    "global internet governance",
    "cyber security cooperation",
    "data security",
    "rules for cyberspace",
    "the digital economy",
    "cyber sovereignty",
]
EN_TITLES = [
    "Working together for {t}",
    "China calls for {t}",
    "Remarks on {t} at the {n}th World Internet Conference",
    "Spokesperson's remarks on {t}",
    "Why {t} matters to every country",
    "Op-ed: {t}",
]
MONTHS = "January February March April May June July August September October November December".split()


@dataclass
class Pools:
    """Sentence material harvested from the seeds."""

    zh: list[list[str]]  # sentences as clause lists
    en: list[list[str]]


def harvest(seeds: Path) -> Pools:
    zh: list[list[str]] = []
    en: list[list[str]] = []
    files = sorted(p for p in seeds.iterdir() if p.suffix.lower() in {".txt", ".md", ".text"})
    if not files:
        raise SystemExit(f"synth: no seed texts (.txt, .md) in {seeds}")
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="ignore")
        for raw in text.splitlines():
            line = raw.strip().lstrip("#").strip()
            if not line:
                continue
            han = len(HAN.findall(line))
            if han > len(line) * 0.3:
                if len(line) < MIN_ZH_LINE:
                    continue
                zh += [ZH_CLAUSE.findall(s) for s in ZH_SENTENCE.findall(line)]
            elif han == 0:
                if len(line) < MIN_EN_LINE:
                    continue
                en += [EN_CLAUSE.findall(s) for s in EN_SENTENCE.findall(line)]
    zh = [c for c in zh if c and sum(map(len, c)) >= 10]
    en = [c for c in en if c and sum(map(len, c)) >= 30]
    if not zh or not en:
        raise SystemExit(f"synth: the seeds in {seeds} need prose in both Chinese and English")
    return Pools(zh, en)


def _vary(text: str, rng: random.Random) -> str:
    """Years and figures change, so no two documents are copies of each other."""
    text = YEAR.sub(lambda m: str(rng.randint(2009, 2024)), text)
    return re.sub(
        r"(?<![\d.,])\d{1,3}(?:,\d{3})*(?![\d年月日号])", lambda m: f"{rng.randint(2, 999):,}", text
    )


def zh_sentence(pools: Pools, rng: random.Random) -> str:
    """Clauses of two seed sentences spliced: the first's opening, the other's close."""
    a, b = rng.choice(pools.zh), rng.choice(pools.zh)
    head = a[: rng.randint(1, max(1, len(a) - 1))] if len(a) > 1 else a
    tail = b[rng.randint(0, len(b) - 1) :]
    clauses = [c for c in head if c.endswith(("，", "；"))] or [head[0].rstrip("。！？") + "，"]
    out = "".join(clauses) + "".join(tail)
    return _vary(out if out.endswith(("。", "！", "？", "!", "?", "”", "）")) else out + "。", rng)


def en_sentence(pools: Pools, rng: random.Random) -> str:
    a, b = rng.choice(pools.en), rng.choice(pools.en)
    head = [c for c in a[: rng.randint(1, len(a))] if c.endswith((",", ";"))]
    tail = b[rng.randint(0, len(b) - 1) :] if len(b) > 1 else b
    tail[0] = tail[0].lstrip()
    out = " ".join(c.strip() for c in head + tail)
    out = out[0].upper() + out[1:]
    return _vary(out if out[-1] in ".!?\"'”’)" else out + ".", rng)


def paragraph_pair(pools: Pools, rng: random.Random) -> tuple[str, str]:
    """A zh paragraph and an en one of matching length (about 1 Han character to 3 English letters,
    the seeds' ratio), so the aligner sees a plausible translation pair."""
    n = rng.choice((1, 2, 2, 3, 3, 3, 4, 5, 6))
    zh = "".join(zh_sentence(pools, rng) for _ in range(n))
    en_parts: list[str] = []
    while sum(map(len, en_parts)) < len(zh) * rng.uniform(2.4, 3.4):
        en_parts.append(en_sentence(pools, rng))
    return zh, " ".join(en_parts)


def tear(paragraph: str, rng: random.Random) -> list[str]:
    """A paragraph split by a page break, mid-word or mid-sentence, as scrapes of paged articles are."""
    if len(paragraph) < 40:
        return [paragraph]
    cut = rng.randint(len(paragraph) // 3, 2 * len(paragraph) // 3)
    if not HAN.search(paragraph):
        cut = paragraph.rfind(" ", 0, cut) + 1 or cut
    pieces = [paragraph[:cut].rstrip(), paragraph[cut:].lstrip()]
    if rng.random() < 0.3:
        pieces.insert(1, rng.choice(PAGINATION))
    return pieces


def _date(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(2010, 2024), rng.randint(1, 12), rng.randint(1, 28)


def header(lang: str, rng: random.Random, pools: Pools) -> tuple[str, list[str]]:
    """Title and the lines around it: crumbs, byline, dateline and widget bars."""
    y, m, d = _date(rng)
    if lang == "zh":
        title = rng.choice(ZH_TITLES).format(t=rng.choice(ZH_TOPICS), n=rng.randint(1, 10))
        lines = [rng.choice(ZH_CRUMBS)] if rng.random() < 0.5 else []
        lines.append(title)
        if rng.random() < 0.3:
            lines.append(f"——在{rng.choice(['世界互联网大会', '网络空间合作峰会', '联合国会议'])}上的讲话")
        lines.append(f"{y}年{m}月{d}日 来源：{rng.choice(ZH_SITES)}")
        if rng.random() < 0.6:
            lines.append(f"{rng.choice(ZH_ROLES)} {rng.choice(ZH_NAMES)}")
        lines += rng.sample(ZH_TOP, rng.randint(0, 3))
    else:
        title = rng.choice(EN_TITLES).format(t=rng.choice(EN_TOPICS), n=rng.randint(4, 10))
        title = title[0].upper() + title[1:]
        lines = [rng.choice(EN_CRUMBS)] if rng.random() < 0.5 else []
        lines.append(title)
        if rng.random() < 0.6:
            lines.append(f"By {rng.choice(EN_NAMES)}")
        site, date = rng.choice(EN_SITES), f"{MONTHS[m - 1]} {d}, {y}"
        lines += [
            s.format(n=rng.randint(0, 9), site=site, date=date) for s in rng.sample(EN_TOP, rng.randint(0, 3))
        ]
        if not any(date in s for s in lines):
            lines.append(f"{site}, {date}" if rng.random() < 0.5 else f"Updated: {y}-{m:02d}-{d:02d}")
    return title, lines


def footer(lang: str, rng: random.Random) -> list[str]:
    pool = ZH_BOTTOM if lang == "zh" else EN_BOTTOM
    site = rng.choice(ZH_SITES if lang == "zh" else EN_SITES)
    name = rng.choice(ZH_NAMES if lang == "zh" else EN_NAMES)
    lines = [
        s.format(site=site, name=name, year=rng.randint(2015, 2024))
        for s in rng.sample(pool, rng.randint(1, 4))
    ]
    if "Related News" in lines or "相关新闻" in lines:
        at = lines.index("Related News" if "Related News" in lines else "相关新闻") + 1
        make = zh_sentence if lang == "zh" else en_sentence
        lines[at:at] = [make(_P, rng)[:40].rstrip("，,。. ") for _ in range(rng.randint(2, 4))]
    return lines


_P: Pools  # set by generate(): footers borrow sentences for "related" link titles


# Upper bound on paragraph pairs per document (--max-pairs): short documents for scale runs
# that measure the site (page weight, listing pages, memory) more than the text processing.
MAX_PAIRS = 60


def body(shape: str, rng: random.Random, pools: Pools) -> list[str]:
    """The paragraphs of the text (one string each, before tearing)."""
    n = max(2, min(60, int(rng.lognormvariate(2.3, 0.6))))  # median ~10 pairs, long tail
    n = min(n, MAX_PAIRS)
    pairs = [paragraph_pair(pools, rng) for _ in range(n)]
    if shape in ("interleaved", "html-bilingual"):
        return [p for pair in pairs for p in pair]
    if shape == "halves":
        return [zh for zh, _ in pairs] + [en for _, en in pairs]
    return [zh if shape == "zh" else en for zh, en in pairs]


def text_document(shape: str, rng: random.Random, pools: Pools, markdown: bool) -> str:
    lang = "en" if shape == "en" else "zh"
    title, lines = header(lang, rng, pools)
    if markdown:
        lines[lines.index(title)] = "# " + title
    out = [*lines, ""]
    for para in body(shape, rng, pools):
        pieces = tear(para, rng) if rng.random() < 0.08 else [para]
        indent = "  " if rng.random() < 0.1 else ""
        for piece in pieces:
            out += [indent + piece, ""]
    out += footer(lang, rng)
    return "\n".join(out) + "\n"


def html_document(shape: str, rng: random.Random, pools: Pools, charset: str | None) -> str:
    from html import escape

    bilingual = shape == "html-bilingual"
    lang = "zh" if bilingual or rng.random() < 0.5 else "en"
    title, head = header(lang, rng, pools)
    paras = body("interleaved" if bilingual else lang, rng, pools)
    meta = f'<meta charset="{charset}">' if charset else ""
    crumbs = "".join(f'<a href="/s{i}">{escape(s)}</a> ' for i, s in enumerate(head[:1]))
    widgets = "".join(f"<div class='tools'>{escape(s)}</div>" for s in head[2:])
    paras_html = "\n".join(
        f"<p>{escape(piece)}</p>"
        for para in paras
        for piece in (tear(para, rng) if rng.random() < 0.05 else [para])
    )
    comments = "".join(f"<li>{escape(s)}</li>" for s in footer(lang, rng))
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head>{meta}'
        f"<title>{escape(title)}</title><script>var _hmt = _hmt || [];</script>"
        "<style>.nav{float:left}</style></head>\n<body>\n"
        f'<div class="nav"><a href="/">Home</a> <a href="/news">News</a> <a href="/world">World</a></div>\n'
        f'<div class="crumbs">{crumbs}</div>\n<div class="article">\n<h1>{escape(title)}</h1>\n'
        f'<div class="info">{escape(head[-1] if len(head) > 2 else "")}</div>{widgets}\n'
        f'<div class="content">\n{paras_html}\n</div>\n</div>\n'
        f'<div class="comments"><ul>{comments}</ul></div>\n'
        '<div class="footer"><a href="/about">About us</a> | <a href="/contact">Contact us</a></div>\n'
        "</body></html>\n"
    )


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def document(i: int, seed: int, pools: Pools, shapes: dict[str, int] = SHAPES) -> tuple[str, bytes]:
    """File name and bytes of synthetic document i."""
    rng = random.Random(f"duizhao-synth:{seed}:{i}")
    shape = _pick(rng, shapes)
    encoding = _pick(rng, ENCODINGS)
    tag = hashlib.sha256(f"{seed}:{i}".encode()).hexdigest()[:12]
    if shape.startswith("html"):
        encoding = "gb18030" if encoding == "gb18030" else "utf-8"
        declared = None if rng.random() < 0.2 else ("gbk" if encoding == "gb18030" else "utf-8")
        text = html_document(shape, rng, pools, declared)
        return f"{i:05d}_{tag}.html", text.encode(encoding, errors="xmlcharrefreplace")
    markdown = rng.random() < 0.05
    text = text_document(shape, rng, pools, markdown)
    name = f"{i:05d}_{tag}.{'md' if markdown else 'txt'}"
    if encoding == "crlf":
        return name, text.replace("\n", "\r\n").encode("utf-8")
    if encoding == "gb18030" and shape == "en":
        encoding = "utf-8"  # an English page in GBK is plain ASCII: nothing to test
    return name, text.encode(encoding)


def generate(
    out: Path, count: int, seed: int = 0, seeds: Path = ROOT / "sources", shapes: list[str] | None = None
) -> list[Path]:
    """Write `count` documents into `out` (emptied first); returns their paths in order. `shapes`
    limits the document shapes (names from SHAPES, at their usual relative weights)."""
    unknown = set(shapes or ()) - set(SHAPES)
    if unknown:
        raise SystemExit(f"synth: unknown shapes {sorted(unknown)}; known: {', '.join(SHAPES)}")
    weights = {k: v for k, v in SHAPES.items() if not shapes or k in shapes}
    global _P
    pools = _P = harvest(seeds)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    paths = []
    for i in range(count):
        name, data = document(i, seed, pools, weights)
        path = out / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (replaced if it exists)")
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0, help="same seed, same corpus")
    parser.add_argument(
        "--seeds", type=Path, default=ROOT / "sources", help="seed scrapes to draw prose from"
    )
    parser.add_argument("--shapes", help=f"only these shapes, comma-separated ({', '.join(SHAPES)})")
    parser.add_argument("--max-pairs", type=int, help="at most this many paragraph pairs a document")
    args = parser.parse_args(argv)
    global MAX_PAIRS
    MAX_PAIRS = args.max_pairs or MAX_PAIRS
    shapes = [s.strip() for s in args.shapes.split(",")] if args.shapes else None
    paths = generate(args.out, args.count, args.seed, args.seeds, shapes)
    size = sum(p.stat().st_size for p in paths)
    print(f"synth: {len(paths)} documents, {size / 1e6:.1f} MB in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
