"""Cross-file pairing, editors' bead corrections and the alignment downloads, in real builds."""

from __future__ import annotations

import copy
import json
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

from duizhao import pipeline
from duizhao.align import align, candidates, evidence, pairing, segment
from duizhao.align import pairs as pairs_
from duizhao.cache import PairingMemos
from duizhao.model import Level
from duizhao.vocab import lexicon as lx

from .conftest import SOURCES, build, seed
from .helpers import cleaned


def halves() -> tuple[str, str]:
    """Seed 000's Chinese and English paragraphs as two separate texts (a real translation pair)."""
    paragraphs = segment.segment(cleaned(seed("000")).blocks)
    zh = "\n\n".join(p.text for p in paragraphs if align.side(p) == "zh")
    en = "\n\n".join(p.text for p in paragraphs if align.side(p) == "en")
    return zh + "\n", en + "\n"


def corpus_with(tmp_path: Path, files: dict[str, str], distractors: bool = True) -> pipeline.Corpus:
    src = tmp_path / "sources"
    src.mkdir(parents=True)
    if distractors:  # the other seeds: one zh speech and three en texts on the same topic
        for path in SOURCES.glob("00[1-4]_*"):
            (src / path.name).write_bytes(path.read_bytes())
    for name, text in files.items():
        (src / name).write_text(text, encoding="utf-8")
    return pipeline.build_corpus(src)


def by_name(corpus: pipeline.Corpus) -> dict:
    return {d.source.name: d for d in corpus.documents}


def test_translation_pair_is_detected_among_same_topic_texts(tmp_path) -> None:
    zh, en = halves()
    corpus = corpus_with(tmp_path, {"speech-zh.txt": zh, "speech-en.txt": en})
    docs = by_name(corpus)
    a, b = docs["speech-zh.txt"], docs["speech-en.txt"]
    assert a.counterpart.name == "speech-en.txt" and b.counterpart.name == "speech-zh.txt"
    assert a.counterpart.how == "detected" and a.counterpart.score >= 0.55
    assert any("numbers shared" in e for e in a.counterpart.evidence)
    assert a.languages == b.languages == ("zh", "en")
    assert [(len(x.zh), len(x.en)) for x in a.beads] == [(1, 1)] * 3
    assert a.beads[2].zh[0].text.startswith("中国古语云") and a.beads[2].en[0].text.startswith(
        "A Chinese adage"
    )
    # the same-topic seeds are not paired with anything
    for name, doc in docs.items():
        if name.startswith("00"):
            assert doc.counterpart is None, name
    assert any(d.level is Level.INFO and "detected" in d.message for d in corpus.diagnostics)


def test_declared_pair_and_none(tmp_path) -> None:
    zh, en = halves()
    corpus = corpus_with(
        tmp_path,
        {
            "a.txt": zh,
            "b.txt": en,
            "a.yml": "translation_of: b.txt\n",
            "001_0fe0603ee9209ad7.yml": "translation_of: none\n",
        },
    )
    docs = by_name(corpus)
    assert docs["a.txt"].counterpart.how == "declared"
    assert docs["b.txt"].counterpart.name == "a.txt"
    assert docs["001_0fe0603ee9209ad7.txt"].counterpart is None


def test_bad_translation_of_is_an_error_naming_the_sidecar(tmp_path) -> None:
    corpus = corpus_with(
        tmp_path, {"a.txt": halves()[0], "a.yml": "translation_of: nowhere.txt\n"}, distractors=False
    )
    errors = [d for d in corpus.all_diagnostics if d.level is Level.ERROR]
    assert errors and errors[0].path == "a.yml" and "nowhere.txt" in errors[0].message


def test_pair_page_shows_both_columns_names_the_counterpart_and_offers_downloads(project) -> None:
    zh, en = halves()
    root = project(
        {"speech-zh.txt": zh, "speech-en.txt": en, "speech-zh.yml": "translation_of: speech-en.txt\n"}
    )
    result = build(root)
    assert result.returncode == 0, result.log
    for slug, other in (("speech-zh", "speech-en"), ("speech-en", "speech-zh")):
        page = result.doc(slug)
        assert 'class="dz-doc dz-bilingual"' in page
        assert "dz-counterpart" in page and f"{other}.txt" in page
        assert page.count('class="dz-pair"') == 3
        assert 'data-link="1"' in page  # sentence links inside the rows
    # One work, one entry: the documents index, the timeline and search list the pair once, with
    # both titles, at the Chinese side's page.
    index = result.page("texts/index.html")
    assert index.count("speech-zh/") == 1 and "speech-en/" not in index
    assert " / " in index.split("speech-zh/")[0].rsplit("<tr>", 1)[-1] or " / " in index
    docs = [f.read_text(encoding="utf-8") for f in (result.site / "search" / "d").glob("*.js")]
    assert sum('"u":"texts/speech-' in d for d in docs) == 1


def test_downloads_are_valid_and_linked_from_the_page(seed_site) -> None:
    slug = seed("000").stem
    page = seed_site.doc(slug)
    hrefs = re.findall(r'<p class="dz-downloads">.*?</p>', page)[0]
    targets = re.findall(r'href="([^"]+)"', hrefs)
    assert [t.rsplit(".", 1)[1] for t in targets] == ["tmx", "json"]
    base = seed_site.site / "texts" / slug
    tmx_path, json_path = ((base / t).resolve() for t in targets)
    assert tmx_path.is_file() and json_path.is_file()
    tmx = ET.parse(tmx_path).getroot()
    assert tmx.get("version") == "1.4"
    units = tmx.findall("./body/tu")
    data = json.loads(json_path.read_text(encoding="utf-8"))
    linked = [k for b in data["beads"] for k in b["links"] if k["zh"] and k["en"]]
    assert len(units) == len(linked) >= 3
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    first = units[0]
    assert [t.get(lang) for t in first.findall("tuv")] == ["zh-Hans", "en"]
    assert first.find("tuv/seg").text.startswith("第三")
    assert data["source"] == seed("000").name and len(data["beads"]) == 3
    assert all(0 <= k["confidence"] <= 1 for b in data["beads"] for k in b["links"])
    # one-language texts have no alignment to download
    assert "dz-downloads" not in seed_site.doc(seed("002").stem)
    assert not (seed_site.site / "texts" / f"{seed('002').stem}.tmx").exists()


READER = Path(__file__).parent / "data" / "reader"


def split_pairs() -> dict[str, str]:
    """Seed 000 and the three bilingual reader texts, each as a Chinese and an English file."""
    files = {}
    for path in [seed("000"), *sorted(READER.glob("*.txt"))]:
        paragraphs = segment.segment(cleaned(path).blocks)
        for lang in ("zh", "en"):
            text = "\n\n".join(p.text for p in paragraphs if align.side(p) == lang)
            files[f"{path.stem}-{lang}.txt"] = text + "\n"
    return files


def test_index_path_finds_the_same_pairs_as_the_exhaustive_one(tmp_path, monkeypatch) -> None:
    """Candidates chosen through the inverted index (forced on a small corpus) include every true
    pair the exhaustive comparison chooses, and full pairing detects and reports the same pairs."""
    monkeypatch.setattr(pairing, "pair_corpus", lambda *args, **kwargs: ({}, []))
    files = split_pairs()
    corpus = corpus_with(tmp_path, files)
    monkeypatch.undo()
    true = {(f"{stem}-zh.txt", f"{stem}-en.txt") for stem in {n.rsplit("-", 1)[0] for n in files}}
    lex = lx.cedict()
    profiles = [p for d in corpus.documents if (p := candidates.profile(d, lex)) is not None]
    zhs = [p for p in profiles if p.lang == "zh"]
    ens = [p for p in profiles if p.lang == "en"]
    assert len(zhs) * len(ens) <= candidates.EXHAUSTIVE_PAIRS  # a small corpus: exhaustive by default
    exhaustive = candidates.candidates(zhs, ens)
    monkeypatch.setattr(candidates, "EXHAUSTIVE_PAIRS", 0)
    indexed = candidates.candidates(zhs, ens)
    assert exhaustive & true == indexed & true == true

    memo: dict = {}

    def pairs(exhaustive: bool) -> list[tuple[str, str]]:
        monkeypatch.setattr(candidates, "EXHAUSTIVE_PAIRS", 10**9 if exhaustive else 0)
        docs = copy.deepcopy(corpus.documents)
        decisions, notes = pairing.pair_corpus(docs, {}, lex, PairingMemos("", pairs=memo).steps())
        assert notes
        pairs_.apply(docs, decisions)
        found = [
            (d.source.name, d.counterpart.name) for d in docs if d.counterpart and "-zh" in d.source.name
        ]
        return sorted(found) + sorted(n.message.split(" (score")[0] for n in notes)

    by_index = pairs(False)
    assert by_index == pairs(True)
    assert ("000_24893c960241ec06-zh.txt", "000_24893c960241ec06-en.txt") in by_index


def synthetic_profiles(pairs: int, noise: int, rng: random.Random) -> tuple[list, list]:
    """Profiles of `pairs` translation pairs (the same words, figures and rare names) and `noise`
    unrelated texts a side, all drawing their words from one Zipf-distributed vocabulary."""
    vocabulary = [f"w{i}" for i in range(3000)]
    weights = [1 / (i + 1) for i in range(len(vocabulary))]

    def profile(name: str, lang: str, terms: frozenset[str], numbers: frozenset[str]) -> candidates.Profile:
        words = tuple(frozenset({t}) for t in terms) if lang == "zh" else ()
        doc = SimpleNamespace(source=SimpleNamespace(name=name))
        return candidates.Profile(doc, lang, numbers, terms, words, "", 0, terms, None)  # type: ignore[arg-type]

    def text(i: int) -> tuple[frozenset[str], frozenset[str]]:
        names = [f"name{i}.{k}" for k in range(3)]
        numbers = frozenset(str(rng.randint(10, 99999)) for _ in range(4))
        return frozenset(rng.choices(vocabulary, weights, k=150) + names), numbers

    zhs, ens = [], []
    for i in range(pairs + noise):
        zh = text(i)
        zhs.append(profile(f"{i}-zh", "zh", *zh))
        ens.append(profile(f"{i}-en", "en", *(zh if i < pairs else text(-i))))
    return zhs, ens


def test_candidate_work_grows_linearly_with_the_corpus(monkeypatch) -> None:
    """Above the exhaustive threshold, exact coverages are computed for a bounded number of pairs
    per text: four times the texts, about four times the computations (not sixteen)."""
    counted = [0]
    exact = candidates._coverage

    def counting(zh: candidates.Profile, en: candidates.Profile) -> tuple[float, float]:
        counted[0] += 1
        return exact(zh, en)

    monkeypatch.setattr(candidates, "_coverage", counting)
    monkeypatch.setattr(candidates, "EXHAUSTIVE_PAIRS", 0)
    work = []
    for pairs, noise in ((100, 100), (400, 400)):
        zhs, ens = synthetic_profiles(pairs, noise, random.Random(pairs))
        counted[0] = 0
        chosen = candidates.candidates(zhs, ens)
        assert all((f"{i}-zh", f"{i}-en") in chosen for i in range(pairs))
        work.append(counted[0])
    assert work[0] <= 2 * candidates.SHORTLIST * 400
    assert 3 <= work[1] / work[0] <= 5, work


REALWORLD = Path(__file__).parent / "data" / "realworld" / "meta" / "files"


def test_a_page_that_links_the_other_as_its_original_is_paired_though_abridged(tmp_path) -> None:
    # A genuine abridged translation (tune half): the Chinese repost links the English original
    # ("原文链接"), whose crawler copy is cut and carries the site's furniture.
    zh_name = "anquanke-zh-news-2025-06-12-hhs-vaccine-site-defaced.md"
    en_name = "techcrunch-en-news-2025-06-11-hhs-vaccine-site-defaced.md"
    zh, en = ((REALWORLD / n).read_text(encoding="utf-8") for n in (zh_name, en_name))
    silent = "\n".join(line for line in zh.splitlines() if "techcrunch.com" not in line) + "\n"
    cited = by_name(corpus_with(tmp_path / "a", {zh_name: zh, en_name: en}, distractors=False))[zh_name]
    alone = by_name(corpus_with(tmp_path / "b", {zh_name: silent, en_name: en}, distractors=False))[zh_name]
    assert alone.counterpart is None  # on its text alone, too weak to apply
    assert cited.counterpart is not None and cited.counterpart.name == en_name
    assert any("links the other as its original" in e for e in cited.counterpart.evidence)


def test_addresses_compare_without_scheme_www_query_or_final_slash() -> None:
    assert candidates.address("https://www.Example.org/a/b/?x=1#top") == candidates.address(
        "http://example.org/a/b>"
    )
    found = candidates.cited_originals(
        "正文。\n[[阅读原文]](https://security.example.com/2023/01/post.html)\n另见 https://other.example/x\n"
    )
    assert found == {"security.example.com/2023/01/post.html"}


def test_a_truncated_translation_leaves_the_uncovered_tail_unmatched(tmp_path) -> None:
    zh, en = halves()
    paragraphs = zh.strip().split("\n\n")
    for kept in (1, 2):  # the Chinese stops after its first, then its second paragraph
        files = {
            "speech-zh.txt": "\n\n".join(paragraphs[:kept]) + "\n",
            "speech-en.txt": en,
            "speech-zh.yml": "translation_of: speech-en.txt\n",
        }
        doc = by_name(corpus_with(tmp_path / str(kept), files, distractors=False))["speech-zh.txt"]
        shapes = [(len(b.zh), len(b.en)) for b in doc.beads]
        assert shapes == [(1, 1)] * kept + [(0, 1)] * (3 - kept), shapes
        # each kept paragraph beside its own translation, the rest in rows of their own
        assert doc.beads[0].en[0].text.startswith("On cyber security")


def test_chrome_one_side_kept_is_left_unmatched_not_squeezed_in(tmp_path) -> None:
    # A genuine pair (tune half): the English crawler copy keeps the site's promotion, tag and
    # author lines; the Chinese repost translates the article only.
    zh_name = "anquanke-zh-news-2024-08-07-ftc-credit-repair-scam.md"
    en_name = "bitdefender-en-news-2024-08-06-ftc-credit-repair-scam.md"
    files = {n: (REALWORLD / n).read_text(encoding="utf-8") for n in (zh_name, en_name)}
    doc = by_name(corpus_with(tmp_path, files, distractors=False))[zh_name]
    chrome = ("*Promo*", "tags", "Author", "Free 30-day trial")
    for b in doc.beads:
        if b.zh:
            assert not any(p.text.strip() in chrome for p in b.en), [p.text for p in b.en]
    unmatched = {b.en[0].text.strip() for b in doc.beads if b.en and not b.zh}
    shown = {p.text.strip() for b in doc.beads for p in b.en} & set(chrome)
    # each the cleaner kept is on the page in a row of its own (the promotion's link, alone on
    # its line, goes as a link line: "Free 30-day trial")
    assert len(shown) >= 3 and shown <= unmatched, (shown, unmatched)
    matched = [b for b in doc.beads if b.zh and b.en]
    assert len(matched) >= 14 and matched[0].en[0].text.startswith("Are you worried")


def realworld_alone(tmp_path: Path, zh_name: str, en_name: str) -> tuple[dict[str, str], dict]:
    """Two genuine pages of the real-world corpus built by themselves, checked to stay unpaired."""
    files = {n: (REALWORLD / n).read_text(encoding="utf-8") for n in (zh_name, en_name)}
    docs = by_name(corpus_with(tmp_path, files, distractors=False))
    assert docs[zh_name].counterpart is None and docs[en_name].counterpart is None
    return files, docs


def test_two_joint_statements_of_one_summit_are_told_apart_by_the_country_they_name(tmp_path) -> None:
    # Genuine pages (fresh-tune and held halves): China–Zimbabwe in Chinese, China–Nigeria in
    # English, issued a day apart with much the same wording.
    zh_name = "focac-zh-statement-2024-09-04-china-zimbabwe-joint.txt"
    en_name = "statehouseng-en-statement-2024-09-03-china-nigeria-joint.txt"
    files, _ = realworld_alone(tmp_path, zh_name, en_name)
    lex = lx.cedict()
    assert any(m.startswith("津巴布韦") for m in evidence.missing_names(files[zh_name], files[en_name], lex))
    assert not evidence.missing_names(
        "津巴布韦总统访华。津巴布韦。津巴布韦。", "Zimbabwe's president visits China.", lex
    )


def test_two_unrelated_texts_published_months_apart_are_not_paired(tmp_path) -> None:
    # Genuine pages (tune and r6-tune halves): a WeChat item on a provincial leader's visit and a
    # Nigerian article on the Belt and Road, eight months apart, that merging beads once scored
    # just over the pairing threshold.
    zh_name = "wechat-zh-news-2025-01-27-xin-changxing.md"
    en_name = "ipcr-en-article-2025-09-26-bri-afcfta.txt"
    _, docs = realworld_alone(tmp_path, zh_name, en_name)
    lex = lx.cedict()
    score, reasons, _ = evidence.evidence(
        candidates.profile(docs[zh_name], lex), candidates.profile(docs[en_name], lex), lex
    )
    assert "published 242 days apart" in reasons and score < pairing.APPLY_SCORE


def test_pairing_returns_its_decisions_and_leaves_the_documents_alone(tmp_path) -> None:
    """align.pairing.pair_corpus: the decisions come back as data; the documents handed in are
    unchanged until the orchestrator applies them, and then they show what a whole build shows."""
    from duizhao.align import pairs

    zh, en = halves()
    files = {"a.txt": zh, "b.txt": en, "a.yml": "translation_of: b.txt\n"}
    together = by_name(corpus_with(tmp_path / "both", files, distractors=False))
    alone = [
        corpus_with(tmp_path / "a", {"a.txt": zh, "a.yml": files["a.yml"]}, distractors=False).documents[0],
        corpus_with(tmp_path / "b", {"b.txt": en}, distractors=False).documents[0],
    ]
    assert all(d.counterpart is None for d in alone)
    found = pipeline.survey(tmp_path / "both" / "sources")
    before = [(d.beads, d.counterpart, list(d.diagnostics)) for d in alone]
    decisions, notes = pairing.pair_corpus(alone, found.cars, found.lexicon)
    assert [(d.beads, d.counterpart, d.diagnostics) for d in alone] == before
    assert sorted(decisions) == ["a.txt", "b.txt"]
    assert decisions["a.txt"].counterpart.name == "b.txt" and decisions["a.txt"].counterpart.how == "declared"
    assert decisions["b.txt"].counterpart.name == "a.txt"
    assert any(n.level is Level.INFO and "paired with b.txt" in n.message for n in notes)
    pairs.apply(alone, decisions)
    for doc in alone:
        whole = together[doc.source.name]
        assert doc.counterpart == whole.counterpart
        assert doc.beads == whole.beads and len(doc.beads) >= 3
