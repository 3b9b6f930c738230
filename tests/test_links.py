"""Cross-links: the glossary file and its matching, the link stage (occurrences in context,
renderings, related documents, indexes) and the browse pages, on real builds of the seeds."""

from __future__ import annotations

import re
import shutil
import subprocess

from bs4 import BeautifulSoup

from duizhao import pipeline, site
from duizhao.link import glossary, link, terms
from duizhao.model import Level
from duizhao.publish import parallel_text, render

from .conftest import BIN, SOURCES, build, env, make_project, seed
from .helpers import broken_links
from .test_pairing import corpus_with, halves


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def slug(prefix: str) -> str:
    return seed(prefix).stem.lower()


def project_glossary() -> glossary.Glossary:
    g, notes = glossary.load(SOURCES)
    assert not notes, notes
    return g


# ---- The glossary file ------------------------------------------------------------------------------


def test_project_glossary_is_valid_and_has_the_seeds_policy_terms() -> None:
    g = project_glossary()
    by_zh = {e.zh: e for e in g.entries}
    for zh, en in [
        ("网络空间", "cyberspace"),
        ("网络安全", "cyber security"),
        ("世界互联网大会", "World Internet Conference"),
        ("网络空间命运共同体", "community with a shared future in cyberspace"),
        ("二十国集团", "G20"),
        ("网络主权", "cyber sovereignty"),
        ("互联网治理", "internet governance"),
    ]:
        assert by_zh[zh].name == en
    assert "community of common future in cyberspace" in by_zh["网络空间命运共同体"].variants


def test_glossary_problems_name_the_file_and_line() -> None:
    text = (
        "- zh: 网络空间\n"  # 1
        "  en: cyberspace\n"
        "- zh: 网络主权\n"  # 3: no English
        "- zh: 网络空间\n"  # 4: listed twice
        "  en: cyber space\n"
        "- zh: 数字经济\n"  # 6: unknown key, bad kind
        "  en: digital economy\n"
        "  varients: [digital economies]\n"
        "  kind: concept\n"
        "- just a string\n"  # 10
    )
    g, notes = glossary.parse(text)
    found = {(d.line, d.level) for d in notes}
    assert all(d.path == "glossary.yml" for d in notes)
    assert (3, Level.ERROR) in found and "needs an English rendering" in str(notes)
    assert (4, Level.ERROR) in found and "first at line 1" in str(notes)
    assert (6, Level.WARNING) in found and "varients" in str(notes)
    assert (6, Level.ERROR) in found and "kind must be one of" in str(notes)
    assert (10, Level.ERROR) in found
    # the valid entries still apply
    assert [e.zh for e in g.entries] == ["网络空间", "数字经济"]
    assert str(notes[0]).startswith("glossary.yml:")


def test_aligner_still_reads_the_glossary_format() -> None:

    data = __import__("yaml").safe_load((SOURCES / "glossary.yml").read_text(encoding="utf-8"))
    terms_ = glossary.glossary_terms(data)
    assert "cyber sovereignty" in terms_["网络主权"]
    assert "community of common future in cyberspace" in terms_["网络空间命运共同体"]


# ---- Matching ---------------------------------------------------------------------------------------


def forms(g: glossary.Glossary, text: str) -> list[tuple[str, str]]:
    return [(h.form, g.entries[h.entry].zh) for h in g.find(text)]


def test_english_matches_ignore_case_and_separators_but_respect_word_boundaries() -> None:
    g = project_glossary()
    found = forms(g, "Cybersecurity, CYBER-SECURITY and cyber security; the WORLD INTERNET CONFERENCE.")
    assert [f for f, _ in found] == [
        "Cybersecurity",
        "CYBER-SECURITY",
        "cyber security",
        "WORLD INTERNET CONFERENCE",
    ]
    assert {zh for _, zh in found} == {"网络安全", "世界互联网大会"}
    # plurals of common nouns; whole words only; acronyms only in capitals
    assert forms(g, "two cyber attacks") == [("cyber attacks", "网络攻击")]
    assert forms(g, "UNESCO and the UN") == [("UN", "联合国")]
    assert forms(g, "let us talk, the US said") == [("US", "美国")]
    assert forms(g, "cyberspaces and cyberspacer") == [("cyberspaces", "网络空间")]


def test_chinese_matches_are_leftmost_longest_and_exclusions_only_cancel_their_term() -> None:
    g = project_glossary()
    assert forms(g, "构建网络空间命运共同体") == [("网络空间命运共同体", "网络空间命运共同体")]
    assert forms(g, "中美洲国家") == []  # Central America is not China–US
    assert forms(g, "中美两国") == [("中美", "中美")]
    # 中国网 (China.org.cn) is not in 中国网络…, but 网络空间 inside it still is
    assert forms(g, "中国网络空间安全") == [("网络空间安全", "网络空间安全")]
    assert forms(g, "二十国集团(G20)") == [("二十国集团", "二十国集团"), ("G20", "二十国集团")]


def test_the_longest_match_wins_and_one_entrys_overlapping_forms_are_one_mention() -> None:
    g = project_glossary()
    # "President Xi" (a variant) and "Xi Jinping" (the name) overlap: the whole title and name
    assert forms(g, "President Xi Jinping said") == [("President Xi Jinping", "习近平")]
    assert forms(g, "President Xi said") == [("President Xi", "习近平")]
    # a nested term gives way to the longer one around it, in both languages
    assert forms(g, "the Fourth World Internet Conference in") == [
        ("World Internet Conference", "世界互联网大会")
    ]
    assert forms(g, "第四届世界互联网大会举办") == [("世界互联网大会", "世界互联网大会")]
    # a shorter term starting first gives way to a longer one that overlaps it (synthetic glossary)
    small, notes = glossary.parse("- zh: 数字\n  en: digits\n- zh: 字经济学\n  en: letter economics\n")
    assert not notes
    assert [h.form for h in small.find("数字经济学")] == ["字经济学"]
    assert [h.form for h in small.find("数字经济")] == ["数字"]


def test_a_term_crossing_a_sentence_boundary_is_split_never_broken() -> None:
    """Glossary links are the innermost layer of parallel_text.inline_html: a term over a sentence edge
    becomes one link inside each sentence span, and the spans keep their data-link."""
    text = "One first. Second two."
    sentences = [
        parallel_text.Mark(0, 10, '<span class="dz-s" data-link="0">', "</span>"),
        parallel_text.Mark(11, 22, '<span class="dz-s" data-link="1">', "</span>"),
    ]
    term = [parallel_text.Mark(4, 17, '<a class="dz-term" href="x/">', "</a>")]
    out = parallel_text.inline_html(text, [sentences, [], term])
    assert out == (
        '<span class="dz-s" data-link="0">One <a class="dz-term" href="x/">first.</a></span>'
        '<a class="dz-term" href="x/"> </a>'
        '<span class="dz-s" data-link="1"><a class="dz-term" href="x/">Second</a> two.</span>'
    )


# ---- The link stage (no MkDocs) -----------------------------------------------------------------------

SMALL_GLOSSARY = """
- zh: 联合国
  en: United Nations
  variants: [UN]
  kind: organisation
- zh: 网络空间
  en: cyberspace
- zh: 数字经济
  en: digital economy
"""


def test_related_documents_come_from_shared_entries_weighted_by_rarity(tmp_path) -> None:
    src = tmp_path / "sources"
    src.mkdir()
    (src / "glossary.yml").write_text(SMALL_GLOSSARY, encoding="utf-8")
    texts = {
        "a-zh.txt": "联合国秘书长昨天访问了北京。他说，各国应在联合国框架下加强网络空间合作。\n",
        "b-en.txt": (
            "Delegates at the United Nations in Geneva disagreed about climate finance for three days. "
            "Several small island states walked out. The UN will vote again in cyberspace next spring.\n"
        ),
        "c-en.txt": "Cyberspace changes trade. The digital economy grows in cyberspace every year.\n",
        "d-en.txt": "The digital economy needs rules in cyberspace, say experts.\n",
    }
    for name, text in texts.items():
        (src / name).write_text(text, encoding="utf-8")
    corpus = pipeline.build_corpus(src)
    linkage = link.build(pipeline.published(corpus), corpus.glossary)
    related = {s: [r.slug for r in d.related] for s, d in linkage.docs.items()}
    # across languages: the Chinese text and the English one share the United Nations
    assert related["a-zh"][0] == "b-en" and related["b-en"][0] == "a-zh"
    assert related["c-en"][0] == "d-en"
    # cyberspace is in every text: it relates none of them by itself
    assert "c-en" not in related["a-zh"] and "a-zh" not in related["d-en"]
    reason = linkage.docs["a-zh"].related[0].shared[0]
    assert reason.label == "联合国 · United Nations" and reason.counts == (2, 2)


def test_a_cross_file_pair_links_both_ways_and_counts_each_mention_once(tmp_path) -> None:
    zh, en = halves()
    corpus = corpus_with(tmp_path, {"speech-zh.txt": zh, "speech-en.txt": en}, distractors=False)
    shutil.copy(SOURCES / "glossary.yml", tmp_path / "sources" / "glossary.yml")
    corpus = pipeline.build_corpus(tmp_path / "sources")
    docs = {d.slug: d for d in pipeline.published(corpus)}
    assert docs["speech-zh"].counterpart.slug == "speech-en"
    linkage = link.build(list(docs.values()), corpus.glossary)
    wic = next(i for i, e in enumerate(corpus.glossary.entries) if e.zh == "世界互联网大会")
    t = linkage.terms[wic]
    # the Chinese mention, beside its English rendering; the English mention is that rendering
    assert [(o.slug, o.lang) for o in t.occurrences] == [("speech-zh", "zh")]
    assert "World Internet Conference" in t.occurrences[0].counterpart
    assert [form for form, _ in t.renderings.values()] == ["World Internet Conference"]
    pages = {p.path: p.markdown for p in site.pages(corpus, render.Settings())}
    for a, b in (("speech-zh", "speech-en"), ("speech-en", "speech-zh")):
        html = soup(pages[f"texts/{a}.md"].split("---\n", 2)[2])
        translation = html.select_one(".dz-connections .dz-translation a")
        assert translation["href"] == f"../{b}/"
        assert b not in [li["data-slug"] for li in html.select(".dz-related li")]  # not "related" as well


# ---- Real builds of the seeds -----------------------------------------------------------------------------


def related(site, prefix: str) -> dict[str, str]:
    page = soup(site.doc(slug(prefix)))
    return {li["data-slug"]: li.get_text(" ") for li in page.select(".dz-connections .dz-related li")}


def test_done_002_links_to_000_for_the_world_internet_conference(seed_site) -> None:
    found = related(seed_site, "002")
    assert slug("000") in found
    assert "World Internet Conference" in found[slug("000")] and "世界互联网大会" in found[slug("000")]
    page = soup(seed_site.doc(slug("002")))
    # (seed 000 states no title: its first sentence is shown as "[Untitled] 第三,…")
    a = next(a for a in page.select(".dz-related li a") if a.get_text().startswith("[Untitled] 第三"))
    assert a["href"] == f"../{slug('000')}/"


def test_done_003_links_to_001_for_china_us_cooperation(seed_site) -> None:
    found = related(seed_site, "003")
    assert slug("001") in found
    assert "China–US" in found[slug("001")] and "中美" in found[slug("001")]


def test_done_004_links_to_000_for_the_uk(seed_site) -> None:
    found = related(seed_site, "004")
    assert slug("000") in found
    assert "United Kingdom" in found[slug("000")] and "英国" in found[slug("000")]


def test_done_term_page_lists_occurrences_in_both_documents_with_context(seed_site) -> None:
    page = soup(seed_site.page("glossary/world-internet-conference/index.html"))
    article = page.select_one("article")
    headings = [h.get_text(" ") for h in article.select("h3")]
    assert any("China contributes wisdom" in h for h in headings)
    assert any(h.startswith("[Untitled] 第三") for h in headings)
    lines = [li for li in article.select("li") if li.select_one(".dz-kwic")]
    zh = [li for li in lines if li.select_one(".dz-kwic")["lang"] == "zh-Hans"]
    en = [li for li in lines if li.select_one(".dz-kwic")["lang"] == "en"]
    # 000: the Chinese in context, beside its aligned English, the rendering marked in both
    assert len(zh) == 1
    assert zh[0].select_one(".dz-kwic mark").get_text() == "世界互联网大会"
    assert "连续举办五届" in zh[0].select_one(".dz-kwic").get_text()
    assert zh[0].select_one(".dz-kwic-cp mark").get_text() == "World Internet Conference"
    assert "hosted five sessions" in zh[0].select_one(".dz-kwic-cp").get_text()
    # 002: every mention, in context
    assert len(en) == 5
    assert any("concluded last week" in li.get_text() for li in en)
    # each occurrence links to its row on the document's page
    href = zh[0].select_one("a")["href"]
    assert re.fullmatch(rf"\.\./\.\./texts/{slug('000')}/#p-[0-9a-f]{{8}}", href)
    rendering = article.select_one("table").get_text(" ")
    assert "World Internet Conference" in rendering


def test_terms_in_the_text_link_to_their_pages_inside_the_sentence_spans(seed_site) -> None:
    page = soup(seed_site.doc(slug("000")))
    cell = page.select_one(".dz-pair .dz-cell.dz-zh")
    term = next(a for a in cell.select("a.dz-term") if a.get_text() == "世界互联网大会")
    assert term.find_parent(class_="dz-s") is not None and term["tabindex"] == "-1"
    assert term["href"] == "../../glossary/world-internet-conference/"
    # the sentence spans and their links are intact: as many spans as sentences, each linked
    plain = soup(render.document_page(_seed_doc("000"), render.Settings()).markdown.split("---\n", 2)[2])
    assert [s["data-link"] for s in page.select(".dz-s")] == [s["data-link"] for s in plain.select(".dz-s")]
    assert [s.get_text() for s in page.select(".dz-s")] == [s.get_text() for s in plain.select(".dz-s")]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_context_line_reads_as_its_source_sentence(seed_site) -> None:
    """Every keyword-in-context line on every term page, read as rendered text (ellipses aside),
    is found word for word in the row it links to: no term glued to its neighbours, no space
    invented. The counterpart line too."""
    docs = {d.slug: d for d in pipeline.build_corpus(SOURCES).documents}
    checked = {"zh-Hans": 0, "en": 0}
    glued = []
    for path in sorted((seed_site.site / "glossary").rglob("index.html")):
        for li in soup(path.read_text("utf-8")).select("article li"):
            kwic = li.select_one(".dz-kwic")
            if kwic is None:
                continue
            m = re.search(r"texts/([^/]+)/(?:\d+/)?#(p-[0-9a-f]{8})$", li.select_one("a")["href"])
            assert m, li.select_one("a")["href"]
            bead = next(b for b in docs[m.group(1)].beads if b.anchor == m.group(2))
            sides = {
                "zh-Hans": _flat(" ".join(p.text for p in bead.zh)),
                "en": _flat(" ".join(p.text for p in bead.en)),
            }
            for span in [kwic, li.select_one(".dz-kwic-cp")]:
                if span is None:
                    continue
                shown = _flat(span.get_text()).strip("…").strip()
                mark = span.select_one("mark")
                source = sides[span["lang"]]
                if span["lang"] == "zh-Hans":  # (Chinese sentences are joined without spaces)
                    shown, source = shown.replace(" ", ""), source.replace(" ", "")
                if shown not in source:
                    glued.append((path.parent.name, shown))
                if mark is not None and span["lang"] == "en":
                    # the mark is a word of its own: a space or punctuation, never a letter, beside it
                    before = (
                        (mark.previous_sibling or "")[-1:] if isinstance(mark.previous_sibling, str) else ""
                    )
                    after = (mark.next_sibling or "")[:1] if isinstance(mark.next_sibling, str) else ""
                    assert not before.isalnum() and not after.isalnum(), (path, span.get_text())
                checked[span["lang"]] += 1
    assert not glued, glued[:5]
    assert checked["zh-Hans"] > 20 and checked["en"] > 20, checked


def _seed_doc(prefix: str):
    corpus = pipeline.build_corpus(SOURCES)
    return next(d for d in corpus.documents if d.source.name.startswith(prefix))


def test_every_link_in_the_built_site_resolves(seed_site) -> None:
    """MkDocs checks Markdown links; this checks every <a href> (raw HTML and SVG included): the
    target file exists and has the anchor."""
    checked, broken = broken_links(seed_site.site)
    assert checked > 500
    assert not broken, broken[:20]


def test_glossary_index_lists_every_entry_by_kind(seed_site) -> None:
    page = soup(seed_site.page("glossary/index.html"))
    text = page.select_one("article").get_text(" ")
    for kind in ("Terms", "People", "Organisations", "Places", "Events"):
        assert kind in [h.get_text().strip("¶ ").strip() for h in page.select("article h2")]
    rows = page.select("article table tbody tr")
    assert len(rows) == len(project_glossary())
    assert "World Internet Conference" in text


def test_timeline_is_a_picture_with_a_text_alternative(seed_site) -> None:
    page = soup(seed_site.page("timeline/index.html"))
    svg = page.select_one("figure.dz-timeline svg")
    title = svg.find("title", id=True)
    assert svg["aria-labelledby"].split()[0] == title["id"] and svg.find("desc")
    dots = svg.select("a circle")
    assert len(dots) == 3  # the three dated seeds
    labels = sorted(a["aria-label"] for a in svg.find_all("a") if a.find("circle"))
    assert labels[0].startswith("2013-11-05: 共同维护网络空间安全")
    # the list says the same in words, and names the undated documents
    listed = page.select("article > ul li a")
    assert len(listed) == 5
    assert page.find(id="undated") and page.find(id="y2016")
    year = soup(seed_site.page("timeline/2016/index.html"))
    assert "Common Interests and Responsibilities" in year.select_one("article").get_text()


def test_speakers_and_publishers_pages(seed_site) -> None:
    people = soup(seed_site.page("people/index.html")).select_one("article")
    names = [h.get_text(" ") for h in people.select("h2")]
    assert any("Cai Mingzhao" in n and "蔡名照" in n for n in names)  # the glossary's English name
    assert any("Wang Qun" in n for n in names) and any("Zhang Shenglei" in n for n in names)
    assert "Director of the Arms Control Department" in people.get_text()
    publishers = soup(seed_site.page("publishers/index.html")).select_one("article").get_text(" ")
    assert "China.org.cn" in publishers and "Huffington Post" in publishers
    # the document page points at its speaker's entry
    page = soup(seed_site.doc(slug("003")))
    browse = page.select_one(".dz-browse")
    assert "Wang Qun" in browse.get_text() and "people/#person-wang-qun" in str(browse)


def test_tags_from_glossary_entries_have_pages_and_link_from_the_document(seed_site) -> None:
    page = soup(seed_site.page("tags/index.html"))
    article = page.select_one("article")
    wic = article.find("a", string="World Internet Conference")
    assert wic is not None and wic["href"] == "world-internet-conference/"
    assert wic.find_parent("tr").select("td")[1].get_text() == "1"
    tag = soup(seed_site.page("tags/world-internet-conference/index.html")).select_one("article")
    listed = [a["href"] for a in tag.select("li a")]
    assert listed == [f"../../texts/{slug('002')}/"]
    doc = soup(seed_site.doc(slug("002")))
    shown = {t.get_text().strip(): t["href"] for t in doc.select(".md-tags a.md-tag")}
    assert shown["World Internet Conference"] == "../../tags/world-internet-conference/"


def test_navigation_stays_small(seed_site) -> None:
    """The nav lists the browse pages, never a term, year or document page (it would grow with
    the corpus on every page)."""
    hrefs = [
        a["href"] for a in soup(seed_site.page("index.html")).select(".md-nav--primary a.md-nav__link[href]")
    ]
    assert "glossary/" in hrefs and "timeline/" in hrefs and "tags/" in hrefs
    assert not [h for h in hrefs if re.match(r"(glossary|timeline|texts)/[^/]+/", h)]


def test_a_bad_glossary_fails_the_strict_build_naming_file_and_line(project) -> None:
    root = project(
        {
            "doc.txt": "China is ready to strengthen cooperation in cyberspace with all countries.\n",
            "glossary.yml": "- zh: 网络空间\n  en: cyberspace\n- zh: 网络主权\n",
        }
    )
    result = build(root)
    assert result.returncode != 0
    assert "glossary.yml:3" in result.log and "needs an English rendering" in result.log
    lenient = build(root, strict=False)
    assert lenient.returncode == 0
    doc = lenient.doc("doc")
    assert 'class="dz-term"' in doc and "../../glossary/cyberspace/" in doc


def test_a_project_without_glossary_still_builds_every_browse_page(project) -> None:
    root = project({"doc.txt": "China is ready to strengthen cooperation with all countries.\n"})
    result = build(root)
    assert result.returncode == 0, result.log
    assert "No glossary yet" in result.page("glossary/index.html")
    for page in ("timeline/index.html", "people/index.html", "publishers/index.html", "tags/index.html"):
        assert (result.site / page).is_file()


# ---- duizhao terms -----------------------------------------------------------------------------------------


def run_terms(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "duizhao"), "terms", *args], capture_output=True, text=True, env=env(), timeout=300
    )


def test_terms_proposes_pairs_from_the_seeds_bilingual_document() -> None:
    corpus = pipeline.build_corpus(SOURCES)
    units = terms.corpus_units(pipeline.published(corpus))
    assert units and all(u.where.startswith("000_") for u in units)
    found = {(c.zh, c.en) for c in terms.mine(units, glossary.Glossary())}
    assert ("对话与合作", "dialogue and cooperation") in found
    assert ("合作", "cooperation") in found
    # what the glossary has already is not proposed again
    known = {(c.zh, c.en) for c in terms.mine(units, project_glossary())}
    assert ("对话与合作", "dialogue and cooperation") not in known


def test_terms_cli_on_gold_style_files_prints_yaml_an_editor_can_paste(tmp_path) -> None:
    """ZH and EN files one sentence a line, and beads in the gold format, as in ../shared/gold."""
    names = [("摩西", "Moses"), ("亚伦", "Aaron"), ("法老", "Pharaoh")]
    frames = [
        ("{}在城门口说话。", "{} spoke at the city gate."),
        ("我们看见了{}。", "We saw {}."),
        ("天亮时{}起来祷告。", "At dawn {} rose to pray."),
        ("众人都跟随{}。", "Everyone followed {}."),
    ]
    zh, en, beads = [], [], []
    for k in range(12):
        (zh_name, en_name), (zh_frame, en_frame) = names[k % 3], frames[k % 4]
        zh.append(zh_frame.format(zh_name))
        en.append(en_frame.format(en_name))
        beads.append(f"[{k}]:[{k}]")
    (tmp_path / "a.zh").write_text("\n".join(zh) + "\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("\n".join(en) + "\n", encoding="utf-8")
    (tmp_path / "a.gold").write_text("\n".join(beads) + "\n", encoding="utf-8")
    proc = run_terms(
        str(tmp_path / "a.zh"),
        str(tmp_path / "a.en"),
        "--beads",
        str(tmp_path / "a.gold"),
        "--sources",
        str(tmp_path),
    )
    assert proc.returncode == 0, proc.stderr
    entries = __import__("yaml").safe_load(proc.stdout)
    pairs = {(e["zh"], e["en"]) for e in entries}
    assert {("摩西", "Moses"), ("亚伦", "Aaron"), ("法老", "Pharaoh")} <= pairs
    assert "# together in 4 aligned pairs" in proc.stdout
    # the result is valid glossary input
    _, notes = glossary.parse(proc.stdout)
    assert not notes


def test_terms_cli_names_a_missing_file(tmp_path) -> None:
    proc = run_terms(str(tmp_path / "none.zh"), str(tmp_path / "none.en"))
    assert proc.returncode == 2 and "none.zh: no such file" in proc.stderr


def test_links_work_without_directory_urls(tmp_path) -> None:
    root = make_project(tmp_path / "p")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nuse_directory_urls: false\n", encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.log
    page = soup((result.site / "texts" / f"{slug('002')}.html").read_text(encoding="utf-8"))
    href = page.select_one(".dz-related a")["href"]
    assert href == f"{slug('000')}.html" and (result.site / "texts" / href).is_file()
    term = page.select_one("a.dz-term")["href"]
    assert term.startswith("../glossary/") and (result.site / "texts" / term).resolve().is_file()
