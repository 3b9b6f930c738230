"""Re-publications (link/versions.py), the compare rows (publish/compare.py), translation or summary
(align/relation.py): on genuine texts of the real-world corpus, edited by the test where it needs a
difference the corpus does not hold."""

from __future__ import annotations

from pathlib import Path

from duizhao.align import relation
from duizhao.link import versions
from duizhao.publish import compare, sanitize
from duizhao.read import sidecar

FILES = Path(__file__).parent / "data" / "realworld" / "meta" / "files"


def _body(name: str) -> list[str]:
    """The text lines of a crawler dump (after its header block), non-empty."""
    text = (FILES / name).read_text(encoding="utf-8")
    return [line for line in text.split("\n\n", 1)[1].splitlines() if line.strip()]


KEYNOTE = _body("fmprc-zh-speech-2023-10-18-xi-brf3-keynote.txt")
OTHER_ZH = _body("fmprc-zh-speech-2019-04-26-xi-brf2-keynote.txt")  # Xi, same forum, 2019: other words
NEWS_EN = _body("statehouseng-en-speech-2018-09-03-buhari-focac-dialogue.txt")


def test_a_repost_with_a_lead_added_and_a_paragraph_cut_is_one_work_and_a_related_speech_is_not() -> None:
    repost = ["本网讯：以下为讲话全文，供读者参阅。", *KEYNOTE[:20], *KEYNOTE[21:]]
    texts = [
        versions.Text("a.txt", "zh", "\n".join(KEYNOTE), "a", "中华人民共和国外交部", "2023-10-18", True),
        versions.Text("b.txt", "zh", "\n".join(repost), "b", "某网站", "2023-10-17"),
        versions.Text("c.txt", "zh", "\n".join(OTHER_ZH), "c", "中华人民共和国外交部", "2019-04-26", True),
        versions.Text("d.txt", "en", "\n".join(NEWS_EN), "d"),
    ]
    found = versions.works(texts)
    assert [[v.name for v in w.versions] for w in found] == [["a.txt", "b.txt"]]
    work = found[0]
    # The official issuer's copy is the reference even though the repost is dated earlier, and the
    # page says why in words that claim no more than that.
    assert work.reference.name == "a.txt" and "publishers data" in work.why
    assert versions.JACCARD <= work.versions[1].similarity < 1.0


def test_reference_without_an_official_copy_is_the_earliest_dated_and_says_so() -> None:
    body = "\n".join(KEYNOTE)
    texts = [
        versions.Text("x.txt", "zh", body, date="2023-10-19"),
        versions.Text("y.txt", "zh", body, date="2023-10-18"),
        versions.Text("z.txt", "zh", body),
    ]
    work = versions.works(texts)[0]
    assert [v.name for v in work.versions] == ["y.txt", "x.txt", "z.txt"]
    assert "earliest dated" in work.why and "not known to be the original" in work.why


def test_a_sidecar_refuses_or_declares_a_grouping() -> None:
    body = "\n".join(KEYNOTE)
    refused = [versions.Text("a.txt", "zh", body), versions.Text("b.txt", "zh", body, declared="none")]
    assert versions.works(refused) == []
    half = "\n".join(KEYNOTE[: len(KEYNOTE) // 3])  # too little shared to be found, but declared
    declared = [versions.Text("a.txt", "zh", body), versions.Text("b.txt", "zh", half, declared="a")]
    assert [v.name for v in versions.works(declared)[0].versions] == ["a.txt", "b.txt"]
    assert versions.works([versions.Text("a.txt", "zh", body), versions.Text("b.txt", "zh", half)]) == []
    car, notes = sidecar.parse("republication_of: a.txt\n", "b.yml")
    assert car.republication_of == "a.txt" and not notes
    _, notes = sidecar.parse("republication_of: [a]\n", "b.yml")
    assert notes and "republication_of" in notes[0].message


def test_compare_marks_an_inserted_sentence_a_changed_word_and_a_paragraph_only_in_one() -> None:
    inserted = "这是本届论坛首次在秋季举行。"
    old, new = "丰硕", "显著"
    k = next(i for i, p in enumerate(KEYNOTE) if old in p)
    other = list(KEYNOTE)
    other[k] = other[k].replace(old, new)
    other[k - 1] = other[k - 1] + inserted
    other.insert(0, "本网讯：以下为讲话全文。")
    rows, summary = compare.compare(KEYNOTE, other, "zh")
    assert (summary.only_a, summary.only_b, summary.changed) == (0, 1, 2)
    added = [p.text for r in rows for p in r.right if p.kind == "added"]
    assert added == ["本网讯：以下为讲话全文。", inserted]
    changed = [(r.left, r.right) for r in rows if any(p.kind == "changed" for p in r.left)]
    assert len(changed) == 1
    left, right = changed[0]
    # the marked words hold the edit and nothing else that differs (whole words: the segmenter
    # may keep "丰硕成果" as one word)
    was = "".join(p.text for p in left if p.kind == "changed")
    now = "".join(p.text for p in right if p.kind == "changed")
    assert old in was and was.replace(old, new) == now
    # each side joins back to its own paragraph: nothing lost, nothing invented
    row = next(r for r in rows if r.a == k)
    assert (
        "".join(p.text for p in row.left) == KEYNOTE[k] and "".join(p.text for p in row.right) == other[k + 1]
    )


def test_english_word_differences() -> None:
    a = [p for p in NEWS_EN if len(p) > 200][:3]
    b = [a[0].replace(" the ", " our ", 1), a[1] + " This sentence was added.", a[2]]
    rows, summary = compare.compare(a, b, "en")
    assert (summary.only_a, summary.only_b, summary.changed, summary.same) == (0, 0, 2, 1)
    assert [p.text for p in rows[1].right if p.kind == "added"] == [" This sentence was added."]
    assert [p.text for p in rows[0].left if p.kind == "changed"] == ["the"]


def test_compare_page_html_passes_the_page_allow_list_unchanged() -> None:
    from duizhao.link.versions import Version, Work
    from duizhao.publish import compare_page

    html = compare_page._pieces_html(
        (compare.Piece("same", "a <b>"), compare.Piece("changed", "x&y")), right=True
    ) + compare_page._pieces_html((compare.Piece("removed", "gone"),), right=False)
    assert sanitize.clean_page(html) == html
    assert "<b>" not in html and "&lt;b&gt;" in html
    work = Work("zh", (Version("a", "a", "P", "2020", 1.0), Version("b", "b", "", "", 0.9)), "why")
    others = versions.others([work])
    assert others["a"][0].slug == "b" and not others["a"][0].reference
    assert others["b"][0].slug == "a" and others["b"][0].reference


def test_translation_summary_and_too_short() -> None:
    assert relation.classify(0.95, 0.85, 16, 24).kind == "translation"
    assert relation.classify(0.83, 0.51, 6, 49).kind == "partial translation"
    assert relation.classify(0.52, 0.43, 33, 21).kind == "related"
    short = relation.classify(0.16, 0.75, 96, 4)
    assert short.kind == "related" and "too short" in short.reason


def test_a_republication_of_that_names_no_source_is_said_with_its_sidecar(tmp_path: Path) -> None:
    from duizhao import pipeline

    (tmp_path / "a.txt").write_text("\n\n".join(KEYNOTE) + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("\n\n".join(KEYNOTE[:4]) + "\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("republication_of: missing.txt\n", encoding="utf-8")
    (tmp_path / "a.yml").write_text("republication_of: a\n", encoding="utf-8")
    notes = pipeline.build_corpus(tmp_path, workers=1).diagnostics
    said = {(n.path, n.message) for n in notes if "republication_of" in n.message}
    assert said == {
        ("b.yml", "republication_of: no source named 'missing.txt' in sources/"),
        ("a.yml", "republication_of names the document itself"),
    }
    # a declared target that exists, and a refusal, say nothing
    (tmp_path / "b.yml").write_text("republication_of: a.txt\n", encoding="utf-8")
    (tmp_path / "a.yml").write_text("republication_of: none\n", encoding="utf-8")
    notes = pipeline.build_corpus(tmp_path, workers=1).diagnostics
    assert not [n for n in notes if "republication_of" in n.message]


def test_filler_of_one_phrase_repeated_is_never_a_republication() -> None:
    # Two different fillers (a megabyte of one phrase, as in the adversarial corpus) share all their
    # few distinct shingles, yet are no text; a real text and its repost still group.
    phrase = " ".join(f"word{k}" for k in range(30)) + " "  # 30 distinct shingles: above MIN_SHINGLES
    filler = [
        versions.Text("a.txt", "en", phrase * 2_000),
        versions.Text("b.txt", "en", phrase * 1_500 + "adipiscing elit"),
    ]
    assert all(len(versions.shingles(t.text, "en")) >= versions.MIN_SHINGLES for t in filler)
    assert versions.jaccard(*(versions.shingles(t.text, "en") for t in filler)) >= versions.JACCARD
    assert versions.works(filler) == []
    body = "\n".join(KEYNOTE)
    real = [versions.Text("a.txt", "zh", body), versions.Text("b.txt", "zh", body)]
    assert len(versions.works(real)) == 1


def _recombined(
    count: int, pool: list[str], every: int = 20
) -> tuple[list[versions.Text], set[frozenset[str]]]:
    """`count` texts, each two sentences drawn from `pool` (genuine sentences that many texts
    share) and six of its own (the pool's characters in random order); every `every`-th also
    republished with one of its own changed."""
    import random

    rng = random.Random(count)
    chars = sorted({c for line in pool for c in line if "\u4e00" <= c <= "\u9fff"})
    texts, planted = [], set()
    for i in range(count):
        own = ["".join(rng.choices(chars, k=40)) + "。" for _ in range(6)]
        lines = [*rng.sample(pool, 2), *own]
        texts.append(versions.Text(f"t{i}.txt", "zh", "\n".join(lines)))
        if i % every == 0:
            lines[4] = "".join(rng.choices(chars, k=40)) + "。"
            texts.append(versions.Text(f"r{i}.txt", "zh", "\n".join(lines)))
            planted.add(frozenset((f"t{i}.txt", f"r{i}.txt")))
    return texts, planted


def test_shingles_common_to_many_texts_propose_no_pairs_so_the_work_grows_linearly() -> None:
    """Texts that share sentences with many others: with every shingle in the signatures, the pairs
    LSH proposes grow with the square of the corpus; without those in more than 2% of the texts
    (and 50), about linearly, and every planted republication is still found. (Work counted, not
    timed.)"""
    pool = [line for line in KEYNOTE if len(line) > 30][:30]
    proposed: dict[str, list[int]] = {"all": [], "distinctive": []}
    for count in (250, 1000):
        texts, planted = _recombined(count, pool)
        sets = [versions.shingles(t.text, t.lang) for t in texts]
        proposed["all"].append(len(versions.candidates([versions.signature(s) for s in sets])))
        kept = versions._distinctive(sets)
        proposed["distinctive"].append(len(versions.candidates([versions.signature(s) for s in kept])))
        found = {frozenset(v.name for v in w.versions) for w in versions.works(texts)}
        assert planted <= found
    growth = {k: v[1] / max(1, v[0]) for k, v in proposed.items()}
    assert growth["all"] > 8 and growth["distinctive"] < 6, proposed
