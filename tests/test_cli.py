"""The CLI contracts other tools depend on."""

from __future__ import annotations

import subprocess

from .conftest import BIN, env, seed


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "duizhao"), *args], capture_output=True, text=True, env=env())


def test_clean_prints_paragraphs_separated_by_one_blank_line() -> None:
    proc = run("clean", str(seed("002")))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "\n\n\n" not in out
    paragraphs = out.strip().split("\n\n")
    assert len(paragraphs) >= 12
    assert all("\n" not in p for p in paragraphs)
    assert "Print E-mail" not in out


def test_clean_report_lists_rules() -> None:
    proc = run("clean", "--report", str(seed("002")))
    assert proc.returncode == 0
    assert "widget.comments" in proc.stdout and "Adjust font size" in proc.stdout


def test_clean_reports_unreadable_file_by_name(tmp_path) -> None:
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"")
    proc = run("clean", str(bad))
    assert proc.returncode == 1
    assert "broken.txt" in proc.stderr and "empty" in proc.stderr


def test_clean_fails_a_page_of_nothing_but_chrome() -> None:
    """A page whose article is empty exits 1 with the file named, like the strict build."""
    from .adversarial import corpus

    proc = run("clean", str(corpus.FILES / "chrome-only.html"))
    assert proc.returncode == 1
    assert "chrome-only.html" in proc.stderr and "nothing is left" in proc.stderr


def test_clean_prints_the_text_and_names_what_went_to_the_header(tmp_path) -> None:
    page = tmp_path / "statement.txt"
    page.write_text(
        "China Opposes Groundless Accusations on Cyber Attacks\n\n"
        "Source: Ministry of Foreign Affairs | 2020-11-26\n\n"
        "The spokesperson said that China is a firm defender of cyber security and opposes every "
        "form of cyber attack. The report has no basis in fact and is irresponsible.\n",
        encoding="utf-8",
    )
    proc = run("clean", str(page))
    assert proc.returncode == 0, proc.stderr
    # the text, as a benchmark's "main text" is: the headline stands above it, in the header
    assert proc.stdout.startswith("The spokesperson said that China is a firm defender")
    assert "China Opposes Groundless" not in proc.stdout and "Source:" not in proc.stdout
    assert "statement.txt:1: shown in the page header (meta.title): China Opposes Groundless" in proc.stderr
    assert "statement.txt:3: shown in the page header" in proc.stderr
