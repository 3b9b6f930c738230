"""Stage 7: page HTML. Source text is escaped and never becomes markup."""

from __future__ import annotations

import markdown

from duizhao import pipeline
from duizhao.markup import md_text
from duizhao.model import Field, link_groups
from duizhao.publish import parallel_text, render
from duizhao.vocab.rules import load_rules

from .helpers import raw


def doc_from(text: str, name: str = "doc.txt"):
    return pipeline.build_document(raw(text, name), load_rules(), "doc")


HOSTILE = (
    "A title with <script>alert(1)</script>\n\n"
    "Paragraph one has <img src=x onerror=alert(2)> and **bold** and [a link](javascript:alert(3)) here.\n\n"
    "---\ntitle: injected\n---\n\n"
    "{{ config.site_name }} and {% raw %} and # not a heading and `code` and <!-- comment --> end.\n"
)


def test_source_text_is_escaped_and_survives_markdown() -> None:
    page = render.document_page(doc_from(HOSTILE), render.Settings())
    html = markdown.markdown(
        page.markdown.split("---\n", 2)[2], extensions=["tables", "attr_list", "md_in_html"]
    )
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.markdown
    assert "<strong>bold</strong>" not in html and "**bold**" in html
    assert 'href="javascript' not in html
    assert "{{ config.site_name }}" in html
    front = page.markdown.split("---\n")[1]
    assert "injected" not in front
    assert "&lt;script&gt;" in front  # the title is escaped in front matter too


def test_bilingual_cells_carry_lang_and_order() -> None:
    d = doc_from("中国愿同各国加强合作。\nChina is ready to strengthen cooperation.\n")
    html = render.document_page(d, render.Settings()).markdown
    zh = html.index('class="dz-cell dz-zh" lang="zh-Hans"')
    en = html.index('class="dz-cell dz-en" lang="en"')
    assert zh < en
    assert "No translation is available yet" not in html


def test_one_language_document_says_no_translation_yet() -> None:
    d = doc_from("China is ready to strengthen cooperation with all countries in cyberspace.\n")
    html = render.document_page(d, render.Settings()).markdown
    assert "No translation is available yet" in html
    assert "dz-monolingual" in html
    assert 'lang="zh-Hans"' not in html.split("dz-text")[1].split("dz-audit")[0]


def test_markdown_context_escaping_shows_the_same_characters() -> None:
    text = "*Not* [a](link) | # <b>x</b> & `y` _z_ {: .c}"
    html = markdown.markdown(md_text(text), extensions=["tables", "attr_list"])
    import html as h

    assert h.unescape(html.removeprefix("<p>").removesuffix("</p>")) == text


def test_audit_panel_names_file_and_hash() -> None:
    d = doc_from(
        "Adjust font size:\n\nChina is ready to strengthen cooperation with all countries in cyberspace.\n"
    )
    html = render.document_page(d, render.Settings()).markdown
    assert "Source and cleaning" in html
    assert d.source.sha256 in html
    assert "widget.tools" in html


def test_inline_marks_nest_even_when_they_cross() -> None:
    text = "One. Two <b>."
    out = parallel_text.inline_html(
        text,
        [
            [parallel_text.Mark(0, 4, "<s1>", "</s1>"), parallel_text.Mark(5, 13, "<s2>", "</s2>")],
            [parallel_text.Mark(2, 8, "<b>", "</b>")],
        ],
    )
    # the bold run is split at each sentence edge (the space between sentences stays bold)
    assert out == "<s1>On<b>e.</b></s1><b> </b><s2><b>Two</b> &lt;b&gt;.</s2>"


def test_sentences_become_linkable_spans() -> None:
    d = doc_from("中国愿同各国加强合作。我们欢迎对话。\nChina is ready to cooperate. We welcome dialogue.\n")
    html = render.document_page(d, render.Settings()).markdown
    assert html.count('class="dz-s"') == 4
    # each sentence is linked to its own counterpart, not the whole paragraph to the whole paragraph
    zh_cell, en_cell = html.split('class="dz-cell dz-zh"')[1].split('class="dz-cell dz-en"')
    for cell in (zh_cell, en_cell):
        assert 'data-s="0" data-link="0"' in cell and 'data-s="1" data-link="1"' in cell


# ---- The reader's document page ------------------------------------------------------------------

BILINGUAL = (
    "中国愿同各国加强合作。\n\nChina is ready to strengthen cooperation.\n\n"
    "网络空间是人类共同的活动空间。\n\nCyberspace is a common space of human activity.\n\n"
    "各国应当加强对话。\n\nAll countries should strengthen dialogue.\n"
)


def test_pair_anchor_survives_recleaning_elsewhere() -> None:
    """A permalink keeps working when another paragraph changes, or pairs are added before it."""
    before = doc_from(BILINGUAL)
    edited = doc_from(
        BILINGUAL.replace("各国应当加强对话。", "各国应当进一步加强对话。").replace(
            "中国愿同", "我们欢迎合作。\n\nWe welcome cooperation.\n\n中国愿同", 1
        )
    )
    old = {b.zh[0].text: b.anchor for b in before.beads}
    new = {b.zh[0].text: b.anchor for b in edited.beads}
    for text in ("中国愿同各国加强合作。", "网络空间是人类共同的活动空间。"):
        assert old[text] == new[text]
    assert old["各国应当加强对话。"] != new["各国应当进一步加强对话。"]
    html = render.document_page(edited, render.Settings()).markdown
    for anchor in new.values():
        assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html


def test_unlinked_sentences_are_not_taken_for_link_zero() -> None:
    import dataclasses

    from duizhao.model import Link

    bead = doc_from(
        "中国愿同各国加强合作。我们欢迎对话。\nChina is ready to cooperate. We welcome dialogue.\n"
    ).beads[0]
    bead = dataclasses.replace(bead, links=())
    assert link_groups(bead) == ([0, 0], [0, 0])  # no links: paragraph level
    linked = dataclasses.replace(bead, links=(Link((1,), (1,)),))
    assert link_groups(linked) == ([-1, 0], [-1, 0])


def test_header_shows_metadata_badge_and_source_panel_link() -> None:
    d = doc_from(BILINGUAL)
    d.metadata.author = Field("蔡名照", "given", "doc.yml: author")
    d.metadata.role = Field("Director", "extracted", "line 3")
    d.metadata.date = Field("2013-11-05")
    d.metadata.publisher = Field("Example Press")
    d.metadata.source_url = Field("https://example.org/a.html")
    d.metadata.translation = Field(
        "machine-suspected", "derived", "literal renderings such as 'network space'"
    )
    settings = render.Settings(repo_url="https://github.com/o/r", site_url="https://s.example/site/")
    html = render.document_page(d, settings).markdown
    assert '<span lang="zh-Hans">蔡名照</span>' in html and "supplied by an editor" in html
    assert '<time datetime="2013-11-05">' in html
    assert 'href="https://example.org/a.html"' in html
    assert "machine translation suspected, unreviewed" in html and "literal renderings" in html
    assert 'href="#source-and-cleaning"' in html and 'id="source-and-cleaning"' in html
    assert 'data-url="https://s.example/site/texts/doc/"' in html
    assert 'data-report="https://github.com/o/r/issues/new"' in html
    assert "https://github.com/o/r/issues/new?title=" in html
    assert 'class="dz-toolbar" hidden' in html  # shown by the script only
    assert '"navigation"' not in html.split("---")[2] and "- navigation" in html.split("---")[1]


def test_no_repository_means_no_report_links() -> None:
    html = render.document_page(doc_from(BILINGUAL), render.Settings()).markdown
    assert "issues/new" not in html and "data-report" not in html


def test_hostile_metadata_is_escaped_in_data_attributes() -> None:
    d = doc_from(BILINGUAL)
    d.metadata.author = Field('"><script>alert(1)</script>')
    d.metadata.source_url = Field("javascript:alert(2)")
    html = render.document_page(d, render.Settings(repo_url="https://github.com/o/r")).markdown
    assert "<script>" not in html
    assert 'data-author="&quot;&gt;&lt;script&gt;' in html
    assert 'href="javascript' not in html


def test_one_language_document_has_no_switch_and_gaps_are_labelled() -> None:
    mono = render.document_page(
        doc_from("China is ready to strengthen cooperation.\n"), render.Settings()
    ).markdown
    assert "dz-toolbar" not in mono
    d = doc_from(BILINGUAL)
    import dataclasses

    d.beads = (dataclasses.replace(d.beads[0], en=()), *d.beads[1:])
    html = render.document_page(d, render.Settings()).markdown
    assert (
        'class="dz-cell dz-en dz-empty" lang="en"><p class="dz-missing" lang="en">No English counterpart'
        in html
    )


def test_heading_levels_start_at_h2_and_never_skip() -> None:
    d = doc_from(
        "# 关于合作的声明\n\n# Statement on cooperation\n\n中国愿同各国加强合作。\n\nChina is ready to cooperate.\n\n"
        "### 一、总则\n\n### I. General\n\n#### 细则\n\n#### Details\n\n正文在此。\n\nThe body is here.\n"
    )
    assert {p.block.level for p in d.paragraphs if p.kind.value == "heading"} == {3, 4}
    html = render.document_page(d, render.Settings()).markdown
    assert "<h2" in html and "<h3" in html and "<h4" not in html


def test_uncertain_pairings_are_flagged_for_readers() -> None:
    import dataclasses

    d = doc_from(BILINGUAL)
    d.beads = (dataclasses.replace(d.beads[0], confidence=0.2), *d.beads[1:])
    html = render.document_page(d, render.Settings()).markdown
    assert html.count('class="dz-flag"') == 1 and "uncertain pairing" in html and "(0.20)" in html
