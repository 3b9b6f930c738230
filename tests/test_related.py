"""Translation or report (align/relation.py) wired into cross-file pairing, on genuine texts of the
real-world corpus: a Chinese story reporting an English one is linked as related on both pages, in
a real MkDocs build, never aligned as its translation; an editor's sidecar still decides."""

from __future__ import annotations

import json
from pathlib import Path

from duizhao.model import Level

from .conftest import build
from .test_pairing import by_name, corpus_with, halves

FILES = Path(__file__).parent / "data" / "realworld" / "meta" / "files"
# Krebs on Security's story on Volt Typhoon and the Versa Director flaw, and a Chinese WeChat
# story three days later that reports it (tests/data/realworld/meta/truth.yml: group volt2024,
# no pair): pairing's evidence puts the two at a "may translate" score.
STORY = "krebs-en-news-2024-08-27-volt-typhoon-versa.md"
REPORT = "wechat-zh-news-2024-08-30-volt-typhoon-versa.md"


def _files(*names: str) -> dict[str, str]:
    return {n: (FILES / n).read_text(encoding="utf-8") for n in names}


def test_a_report_on_a_story_is_linked_as_related_and_a_translation_beside_it_is_still_paired(
    project,
) -> None:
    zh, en = halves()  # seed 000's two halves: a real translation, detected
    root = project({**_files(STORY, REPORT), "speech-zh.txt": zh, "speech-en.txt": en})
    result = build(root)
    assert result.returncode == 0, result.log
    story, report = (result.doc(Path(n).stem) for n in (STORY, REPORT))
    for page, other in ((story, REPORT), (report, STORY)):
        # Shown as related, apart from translations, linking the other page...
        related = page.split('class="dz-relatives"', 1)[1].split("</div>", 1)[0]
        assert "On the same event, not a translation" in related
        assert f'{Path(other).stem}/"' in related and "summary or report" in related
        # ... and never as its translation: one column, no counterpart note, no pairs of both.
        assert "dz-counterpart" not in page and "dz-translation" not in page
        assert 'class="dz-doc dz-monolingual"' in page
    # The translation beside them is paired as before, and lists no related text.
    pair = result.doc("speech-zh")
    assert 'class="dz-doc dz-bilingual"' in pair and "dz-counterpart" in pair
    assert pair.count('class="dz-pair"') == 3 and "dz-relatives" not in pair
    # The report and the story stay two works in the documents index.
    index = result.page("texts/index.html")
    assert f"{Path(STORY).stem}/" in index and f"{Path(REPORT).stem}/" in index
    assert any("reports on the same event as " + STORY in line for line in result.log.splitlines())


def test_the_related_link_is_data_both_ways_with_the_coverage_in_words(tmp_path) -> None:
    corpus = corpus_with(tmp_path, _files(STORY, REPORT), distractors=False)
    docs = by_name(corpus)
    story, report = docs[STORY], docs[REPORT]
    assert story.counterpart is None and report.counterpart is None
    assert [(r.name, r.how, r.lang) for r in report.relatives] == [(STORY, "related", "en")]
    assert [(r.name, r.how, r.lang) for r in story.relatives] == [(REPORT, "related", "zh")]
    why = report.relatives[0].evidence[0]
    assert "does not align" in why and "% of the Chinese" in why
    # Each side keeps its own text as its beads: nothing of the other is aligned into them.
    for doc in (story, report):
        shown = {p for b in doc.beads for p in (*b.zh, *b.en)}
        assert shown and shown <= set(doc.paragraphs), doc.source.name
    assert json.dumps(report.relatives[0].as_json())  # (plain data, as the downloads give it)


def test_a_sidecar_still_pairs_the_two_or_refuses_both_links(tmp_path) -> None:
    declared = {**_files(STORY, REPORT), f"{REPORT}.yml": f"translation_of: {STORY}\n"}
    corpus = corpus_with(tmp_path / "forced", declared, distractors=False)
    report = by_name(corpus)[REPORT]
    assert report.counterpart is not None and report.counterpart.how == "declared"
    assert report.counterpart.name == STORY and report.relatives == ()
    assert any(b.zh and b.en for b in report.beads)  # aligned as the editor says
    warned = [d for d in corpus.diagnostics if d.level is Level.WARNING]
    assert any("reads as a report" in d.message for d in warned)
    refused = by_name(
        corpus_with(
            tmp_path / "refused",
            {**_files(STORY, REPORT), f"{REPORT}.yml": "translation_of: none\n"},
            distractors=False,
        )
    )
    assert refused[REPORT].relatives == () and refused[STORY].relatives == ()
    assert refused[REPORT].counterpart is None


def test_texts_too_short_to_tell_by_coverage_are_still_paired_on_the_rest_of_the_evidence(tmp_path) -> None:
    # Seed 000's third paragraph in each language, two sentences each (under relation.MIN_SENTENCES)
    zh, en = (text.split("\n\n")[2] + "\n" for text in halves())
    docs = by_name(corpus_with(tmp_path, {"short-zh.txt": zh, "short-en.txt": en}, distractors=False))
    short = docs["short-zh.txt"]
    assert short.counterpart is not None and short.counterpart.how == "detected", short.diagnostics
    assert short.counterpart.name == "short-en.txt" and short.relatives == ()
