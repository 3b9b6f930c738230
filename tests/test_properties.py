"""Property-based tests (hypothesis): the cleaner and the segmenter never crash and never lose a
character, on texts and pages made of the pieces real scrapes are made of, and on arbitrary text."""

from __future__ import annotations

import hashlib
import os
from collections import Counter

from bs4 import BeautifulSoup, Comment
from bs4.element import Script, Stylesheet, TemplateString
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duizhao import pipeline
from duizhao.align import align, segment
from duizhao.clean import clean
from duizhao.model import Block, BlockKind, RawSource
from duizhao.publish import render, sanitize
from duizhao.read import ingest
from duizhao.read.extract import NOT_TEXT
from duizhao.vocab.rules import load_rules

RULES = load_rules()
# DUIZHAO_EXAMPLES=5000 for a longer search than the test suite's.
SETTINGS = settings(
    max_examples=int(os.environ.get("DUIZHAO_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces of real scrapes: prose in both languages, widget and menu lines, Markdown and list
# markers, datelines, separators, markup look-alikes, odd characters.
PROSE = [
    "China is ready to work with all countries to build a community with a shared future in cyberspace.",
    "The statement said sovereignty should apply to the internet, and that dialogue is the only choice.",
    "He said: “We oppose all forms of cyber attacks.” Mr. Wang added that the U.S. must respond.",
    "中国愿同各国一道，加强网络空间对话合作，共同构建网络空间命运共同体。",
    "网络主权是国家主权在网络空间的自然延伸；各国应当相互尊重。",
    "“利莫大于治，害莫大于乱。”我在会议上曾说，中国要和平不要战争！",
    "Cooperation on G20 and APEC matters, 网络安全 and the WIC (World Internet Conference) continued",
]
WIDGETS = [
    "Print E-mail",
    "0 Comment(s)",
    "Adjust font size:",
    "Share to Facebook Twitter Weibo",
    "Home | News | World | Opinion",
    "分享到：微信 微博",
    "【打印】【关闭窗口】",
    "Copyright © 2017 Example News. All rights reserved.",
    "责任编辑：王小明",
    "Source: Xinhua | 2017-12-13",
    "来源：新华网 2017年12月13日",
]
MARKUP = [
    "# ",
    "## ",
    "> ",
    "* ",
    "- ",
    "1. ",
    "（一）",
    "**",
    "---",
    "***",
    "<p>",
    "&amp;",
    "{{ x }}",
    "[a](b)",
]
ODD = ["\u200b", "\u00ad", "\u202e", "\t", "\u3000", "\u00a0", "\r", "\x00", "\ufeff", "é", "😀", "𠮷"]


def line() -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(PROSE),
        st.sampled_from(WIDGETS),
        st.builds(lambda m, p: m + p, st.sampled_from(MARKUP), st.sampled_from(PROSE + WIDGETS)),
        st.builds(
            lambda p, o, i: p[:i] + o + p[i:],
            st.sampled_from(PROSE),
            st.sampled_from(ODD),
            st.integers(0, 60),
        ),
        st.text(max_size=40),
        st.just(""),
    )
    return piece


documents = st.lists(line(), min_size=1, max_size=40).map("\n".join)


def raw(text: str | bytes, name: str = "doc.txt") -> RawSource:
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    return RawSource(name=name, data=data, sha256=hashlib.sha256(data).hexdigest())


def chars(text: str) -> Counter:
    return Counter(ch for ch in text if not ch.isspace())


def kept_and_audited(cleaned) -> str:
    return "".join(b.text for b in cleaned.blocks) + "".join(r.text for r in cleaned.removals)


@SETTINGS
@given(documents)
def test_cleaner_keeps_or_audits_every_character_of_a_text(text: str) -> None:
    try:
        decoded = ingest.decode(raw(text))
    except ingest.SourceError:
        return  # refused with a reason (empty, binary): nothing to account for
    cleaned = clean.clean(decoded, RULES)
    missing = chars(decoded.text) - chars(kept_and_audited(cleaned))
    assert not missing, dict(missing)


@SETTINGS
@given(documents, st.sampled_from(["doc.md", "doc.txt"]))
def test_whole_pipeline_never_crashes_on_a_text(text: str, name: str) -> None:
    doc = pipeline.build_document(raw(text, name), RULES, "doc")
    assert not any("internal error" in d.message for d in doc.diagnostics), doc.diagnostics
    if doc.paragraphs:
        body = render.document_html(doc, render.Settings())
        assert sanitize.clean(body)


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_are_a_document_or_a_named_refusal(data: bytes) -> None:
    doc = pipeline.build_document(raw(data, "bytes.txt"), RULES, "bytes")
    assert not any("internal error" in d.message for d in doc.diagnostics), doc.diagnostics
    assert doc.paragraphs or any(d.path == "bytes.txt" for d in doc.diagnostics)


# ---- HTML ---------------------------------------------------------------------------------------

TAGS = ["p", "div", "span", "b", "a", "li", "ul", "h1", "h2", "td", "tr", "table", "blockquote",
        "nav", "footer", "form", "script", "style", "noscript", "aside", "figcaption", "section"]  # fmt: skip
ATTRS = ["", ' class="share"', ' class="comments"', ' hidden', ' style="display:none"', ' id="main"',
         ' href="javascript:x"', ' onclick="x()"']  # fmt: skip


def element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda tag, attr, inner, close: f"<{tag}{attr}>{inner}" + (f"</{tag}>" if close else ""),
        st.sampled_from(TAGS),
        st.sampled_from(ATTRS),
        st.lists(children, max_size=4).map("".join),
        st.booleans(),
    )


texts = st.one_of(
    st.sampled_from(PROSE + WIDGETS),
    st.text(max_size=30),
    st.sampled_from(["&lt;b&gt;", "&amp;", "<!-- c -->"]),
)
pages = st.recursive(texts, element, max_leaves=30).map(lambda body: f"<html><body>{body}</body></html>")


def visible_text(markup: str) -> str:
    tree = BeautifulSoup(markup, "html.parser")
    hidden = (Comment, Script, Stylesheet, TemplateString, *NOT_TEXT)
    return "".join(s for s in tree.find_all(string=True) if not isinstance(s, hidden))


@SETTINGS
@given(pages)
def test_cleaner_keeps_or_audits_every_character_of_a_page(page: str) -> None:
    try:
        decoded = ingest.decode(raw(page, "page.html"))
    except ingest.SourceError:
        return
    cleaned = clean.clean(decoded, RULES)
    missing = chars(visible_text(decoded.text)) - chars(kept_and_audited(cleaned))
    assert not missing, dict(missing)


# ---- Segmenter ----------------------------------------------------------------------------------

paragraph_text = st.lists(
    st.one_of(st.sampled_from(PROSE), st.text(max_size=30), st.sampled_from(list('。！？!?…；;."”’」）)'))),
    min_size=1,
    max_size=8,
).map(" ".join)


@SETTINGS
@given(paragraph_text, st.sampled_from(["zh", "en", "mixed", "und"]))
def test_segmenter_loses_and_adds_nothing(text: str, lang: str) -> None:
    sentences = segment.sentences(text, lang)
    assert all(s and s == s.strip() for s in sentences)
    assert "".join("".join(sentences).split()) == "".join(text.split())


@SETTINGS
@given(st.lists(paragraph_text, min_size=1, max_size=12))
def test_segment_and_align_keep_every_paragraph_once(texts: list[str]) -> None:
    blocks = [Block(BlockKind.PARAGRAPH, t, (i + 1,)) for i, t in enumerate(texts) if t.strip()]
    paragraphs = segment.segment(blocks)
    beads = align.pair(paragraphs)
    placed = [p.index for b in beads for p in (*b.zh, *b.en)]
    assert sorted(placed) == [p.index for p in paragraphs]
    assert len({b.anchor for b in beads}) == len(beads)
