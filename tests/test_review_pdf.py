"""`duizhao review` on a PDF source that changed (issue 22): the report shows the paragraphs that
changed, word by word, with the page each stands on, and nothing of the page furniture.

The two versions are real PDFs set by PDFium (tests/pdfwriter.py: running header, page numbers,
lines filled to the measured width) from the text of a real one: the English Cybersecurity Law
PDF of tests/data/pdf, read by duizhao itself. The second version amends Article 2 ("within the
mainland territory") and drops Article 5's paragraph, so every paragraph after it moves up and
pages break elsewhere: only those two may be reported."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from duizhao.clean.clean import clean
from duizhao.read import ingest, read_pdf
from duizhao.vocab.rules import load_rules

from .conftest import ROOT
from .pdfwriter import typeset
from .test_review import commit, duizhao, git, review, section

EN = ROOT / "tests" / "data" / "pdf" / "cybersecurity-law-en.pdf"
HEADER = "Cybersecurity Law of the People's Republic of China"
ARTICLE_2 = "This Law shall apply to the construction"
ARTICLE_5 = "The state shall take measures to monitor, defend against and deal with cybersecurity risks"


def law_paragraphs(count: int = 40) -> list[str]:
    """The first paragraphs of the real English PDF as duizhao reads them (Helvetica has no Roman
    numeral characters: Ⅱ is written II)."""
    found = clean(ingest.decode(ingest.read_source(EN, EN.parent)), load_rules(ROOT / "sources"))
    return [b.text.replace("Ⅰ", " I ").replace("Ⅱ", "II").replace("  ", " ").strip() for b in found.blocks][:count]


@pytest.fixture()
def repo(tmp_path: Path) -> tuple[Path, list[str]]:
    root = tmp_path / "corpus"
    (root / "sources").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / folder, root / folder)
    paragraphs = law_paragraphs()
    (root / "sources" / "cybersecurity-law.pdf").write_bytes(typeset(paragraphs, HEADER))
    git(root, "init", "-q", "-b", "main")
    assert duizhao(root, "urls", "--write").returncode == 0
    commit(root, "The law as first published")
    return root, paragraphs


def test_a_changed_pdf_shows_its_changed_paragraphs_with_their_pages(repo: tuple[Path, list[str]]) -> None:
    root, paragraphs = repo
    amended = [p.replace("within the territory", "within the mainland territory") for p in paragraphs]
    dropped = next(p for p in amended if p.startswith(ARTICLE_5))
    amended.remove(dropped)
    assert amended != paragraphs and sum(p.startswith(ARTICLE_2) for p in amended) == 1
    data = typeset(amended, HEADER)
    # The versions really are paged PDFs with furniture on every page, read as such.
    found = read_pdf.read(data)
    assert max(found.pages) == max(read_pdf.read(typeset(paragraphs, HEADER)).pages) - 1 >= 3  # a page fewer
    assert found.roles.count(read_pdf.HEADER) == found.roles.count(read_pdf.FOOTER) == max(found.pages)
    (root / "sources" / "cybersecurity-law.pdf").write_bytes(data)

    code, report, err = review(root, "HEAD")
    assert code == 1 and "cybersecurity-law.pdf: source-edited" in err  # (an edit in place, as ever)
    part = section(report, "Chapter I General Provisions")
    assert "**Paragraphs** (1 changed, 1 removed)" in part
    changed = [x for x in part.splitlines() if "· English · page" in x]
    assert len(changed) == 2, part
    assert re.search(r"· English · page 1 · changed: This Law shall apply .*within the <ins>mainland </ins>territory", part)
    assert re.search(r"· English · page \d · removed: <del>The state shall take measures to monitor", part)
    # Page furniture is no paragraph: the header, the page numbers and the moved page breaks are
    # not reported, and no other paragraph is.
    assert HEADER not in part
    assert "**Cleaning**" not in part  # (a page fewer is one header and one page number fewer: no change)
    assert not re.search(r"(changed|added|removed): (<ins>|<del>)?\d+(</ins>|</del>)?$", part, re.M)
