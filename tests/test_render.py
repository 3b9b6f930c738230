"""Stage 7: page HTML. Source text is escaped and never becomes markup."""

from __future__ import annotations

import markdown

from duizhao import pipeline, render
from duizhao.rules import load_rules

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
    html = markdown.markdown(render.md_text(text), extensions=["tables", "attr_list"])
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
    out = render.inline_html(
        text,
        [
            [render.Mark(0, 4, "<s1>", "</s1>"), render.Mark(5, 13, "<s2>", "</s2>")],
            [render.Mark(2, 8, "<b>", "</b>")],
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
