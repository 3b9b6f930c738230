"""`duizhao review` end to end: a temporary git repository of the seeds, commits an editor would
make (a cleaning rule, a metadata fix, a rename, an in-place edit), the real command, its report
and its exit code; and the site built from the renamed corpus, with its redirect."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from .conftest import BIN, ROOT, SOURCES, build, env, make_project, seed

# A line of seed 003 the bundled rules keep: the rule added below removes it.
SLOGAN = "China and the United States share common interests in cyberspace."
RULES = """\
kinds:
  site.slogan:
    action: remove
    reason: a slogan the site repeats above every article
    patterns:
      - 'china and the united states share common interests in cyberspace'
"""
SIDECAR = """\
title_en: Embassy spokesperson on the National Cyber Security Centre report
date: 2020-11-25
publisher: China Daily
"""


def git(repo: Path, *args: str) -> str:
    e = env() | {"GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo.parent)}
    proc = subprocess.run(
        [
            "git",
            "-c",
            "user.name=Editor",
            "-c",
            "user.email=editor@example.org",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        env=e,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def duizhao(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "duizhao"), *args], cwd=repo, capture_output=True, text=True, env=env())


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A git repository of the project (config, docs, hook, theme overrides) with the five seeds,
    their URLs recorded."""
    root = tmp_path / "corpus"
    (root / "sources").mkdir(parents=True)
    for src in sorted(SOURCES.glob("*.txt")):
        shutil.copy(src, root / "sources" / src.name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / folder, root / folder)
    git(root, "init", "-q", "-b", "main")
    proc = duizhao(root, "urls", "--write")
    assert proc.returncode == 0, proc.stderr
    assert (root / "sources" / "_published.yml").is_file()
    commit(root, "Seeds")
    return root


def review(repo: Path, *revs: str) -> tuple[int, str, str]:
    proc = duizhao(repo, "review", *revs)
    return proc.returncode, proc.stdout, proc.stderr


def section(report: str, title_start: str) -> str:
    """One document's part of the report (from its ### heading to the next)."""
    m = re.search(rf"^### [A-Za-z]+: {re.escape(title_start)}.*?(?=^### |^---$)", report, re.S | re.M)
    assert m, f"no section for {title_start!r} in:\n{report}"
    return m.group(0)


def test_a_rule_change_lists_lines_newly_removed_and_restored_with_rule_ids(repo: Path) -> None:
    (repo / "sources" / "rules.yml").write_text(RULES, encoding="utf-8")
    commit(repo, "Rule: the site's slogan is not text")

    code, report, err = review(repo, "HEAD~1", "HEAD")
    assert code == 0, err
    assert "## ✅ Policy: no violations" in report
    assert "`rules.yml` (added)" in report
    part = section(report, "Common Interests and Responsibilities")
    row = next(line for line in part.splitlines() if "site.slogan" in line)
    assert "newly removed" in row and SLOGAN in row
    # the reader loses that paragraph: shown struck out, at its place on the base page
    assert re.search(
        r"- ¶\d+ `#p-[0-9a-f]{8}` · English · removed: <del>" + re.escape(SLOGAN) + "</del>", part
    )
    # only the document the rule touches is listed
    assert report.count("\n### ") == 1
    assert "4 unchanged" in report

    code, back, _ = review(repo, "HEAD", "HEAD~1")
    assert code == 0
    row = next(line for line in back.splitlines() if SLOGAN in line and "|" in line)
    assert "restored" in row and "was `site.slogan`" in row
    assert "English · added: <ins>" + SLOGAN in back


def test_a_metadata_fix_in_a_sidecar_shows_before_and_after(repo: Path) -> None:
    doc = seed("004").name
    stem = doc.rsplit(".", 1)[0]
    (repo / "sources" / f"{stem}.yml").write_text(SIDECAR, encoding="utf-8")
    commit(repo, "Metadata for the embassy statement")

    code, report, err = review(repo, "HEAD~1", "HEAD")
    assert code == 0, err
    part = section(report, "Embassy spokesperson")
    assert f"sidecar `{stem}.yml` changed" in part
    assert "| date | — | 2020-11-25 _(given)_ |" in part
    assert "| publisher | — | China Daily _(given)_ |" in part
    title = next(line for line in part.splitlines() if line.startswith("| title_en |"))
    # before: the derived title (the start of the text); after: the editor's
    assert (
        "_(derived)_" in title
        and "Embassy spokesperson on the National Cyber Security Centre report _(given)_" in title
    )
    assert "Paragraphs" not in part and "Cleaning" not in part  # the text itself did not change


def test_a_recorded_rename_redirects_the_old_url(repo: Path, tmp_path: Path) -> None:
    old = seed("002").name
    old_slug = old.rsplit(".", 1)[0]
    git(repo, "mv", f"sources/{old}", "sources/china-contributes-wisdom.txt")
    proc = duizhao(repo, "urls", "--write")
    assert proc.returncode == 0, proc.stderr
    assert f"texts/{old_slug}/ now redirects to texts/china-contributes-wisdom/" in proc.stdout
    registry = yaml.safe_load((repo / "sources" / "_published.yml").read_text(encoding="utf-8"))
    assert registry["redirects"] == {old_slug: "china-contributes-wisdom"}
    assert old not in registry["documents"]
    commit(repo, "Rename the China.org.cn article")

    code, report, err = review(repo, "HEAD~1")  # HEAD: the working tree, here the same as the commit
    assert code == 0, err
    assert f"| `texts/{old_slug}/` | redirects to `texts/china-contributes-wisdom/` | renamed |" in report
    part = section(report, "China contributes wisdom")
    assert part.startswith("### Renamed:")
    assert f"`{old}` → `china-contributes-wisdom.txt`" in part
    assert "Paragraphs" not in part  # same bytes, same text

    # The strict build of the renamed corpus writes the redirect where the old page was.
    site = build(make_project(tmp_path / "site-project", repo / "sources"))
    assert site.returncode == 0, site.log
    assert (site.site / "texts" / "china-contributes-wisdom" / "index.html").is_file()
    redirect = (site.site / "texts" / old_slug / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in redirect and "../china-contributes-wisdom/" in redirect

    # A plain MkDocs build of the exported pages (no hook) keeps the redirect too.
    out = tmp_path / "export"
    proc = duizhao(repo, "export", str(out))
    assert proc.returncode == 0, proc.stderr
    plain = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "-f", str(out / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env=env(),
        cwd=out,
    )
    assert plain.returncode == 0, plain.stderr
    assert "../china-contributes-wisdom/" in (out / "site" / "texts" / old_slug / "index.html").read_text(
        "utf-8"
    )


def test_a_rename_without_a_redirect_fails_the_review_and_the_strict_build(
    repo: Path, tmp_path: Path
) -> None:
    old = seed("003").name
    old_slug = old.rsplit(".", 1)[0]
    git(repo, "mv", f"sources/{old}", "sources/common-interests.txt")
    commit(repo, "Rename, forgetting the URL registry")

    code, report, err = review(repo, "HEAD~1", "HEAD")
    assert code == 1
    assert "## ❌ Policy: 1 violation" in report
    assert f"**Published URL removed without a redirect**: `texts/{old_slug}/` (from `{old}`)" in report
    assert f"| `texts/{old_slug}/` | **gone, no redirect** | removed |" in report
    assert f"texts/{old_slug}/: url-removed" in err
    assert section(report, "Common Interests").startswith("### Renamed:")

    site = build(make_project(tmp_path / "site-project", repo / "sources"))
    assert site.returncode != 0
    assert "_published.yml" in site.log and f"texts/{old_slug}/ was published for {old}" in site.log


def test_withdrawing_a_document_needs_a_redirect(repo: Path) -> None:
    gone, keep = seed("000").name, seed("001").name
    gone_slug, keep_slug = gone.rsplit(".", 1)[0], keep.rsplit(".", 1)[0]
    git(repo, "rm", "-q", f"sources/{gone}")
    commit(repo, "Withdraw a duplicate")
    code, report, _ = review(repo, "HEAD~1", "HEAD")
    assert code == 1 and f"`texts/{gone_slug}/`" in report
    assert section(report, "\\[Untitled\\] 第三").startswith("### Removed:")

    registry = (repo / "sources" / "_published.yml").read_text(encoding="utf-8")
    (repo / "sources" / "_published.yml").write_text(
        registry.replace("redirects: {}", f"redirects:\n  {gone_slug}: {keep_slug}"), encoding="utf-8"
    )
    code, report, err = review(repo, "HEAD~1")  # the working tree, with the redirect
    assert code == 0, report + err
    assert f"| `texts/{gone_slug}/` | redirects to `texts/{keep_slug}/` |" in report


def test_a_scrape_edited_in_place_is_a_violation_with_a_word_diff(repo: Path) -> None:
    path = repo / "sources" / seed("003").name
    text = path.read_text(encoding="utf-8")
    assert "was successfully held in Washington" in text
    path.write_text(
        text.replace("was successfully held in Washington", "was held in Washington D.C."), "utf-8"
    )

    code, report, err = review(repo, "HEAD")  # against the working tree
    assert code == 1
    assert "working tree" in report.splitlines()[0]
    assert f"**Scrape edited in place**: `{path.name}` was edited in place" in report
    assert f"{path.name}: source-edited" in err
    part = section(report, "Common Interests")
    assert "**The scrape was edited in place**" in part
    assert "· English · changed:" in part
    assert "<del>successfully </del>" in part and "Washington<ins> D.C.</ins>" in part


def test_chinese_changes_are_diffed_by_word(repo: Path) -> None:
    path = repo / "sources" / seed("001").name
    text = path.read_text(encoding="utf-8")
    assert "加快转变经济发展方式" in text
    path.write_text(text.replace("加快转变经济发展方式", "推动经济高质量发展", 1), encoding="utf-8")
    code, report, _ = review(repo, "HEAD")
    assert code == 1  # still an edit in place
    line = next(x for x in report.splitlines() if "· 中文 · changed:" in x)
    # whole words go and come (加快|转变 → 推动, 高质量 new, 方式 gone), not scattered characters
    assert "作为<del>加快转变</del><ins>推动</ins>经济<ins>高质量</ins>发展<del>方式</del>、" in line, line


def test_the_report_can_go_to_a_file_and_bad_revisions_are_named(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.md"
    proc = duizhao(repo, "review", "HEAD", "--output", str(out))
    assert proc.returncode == 0 and proc.stdout == ""
    report = out.read_text(encoding="utf-8")
    assert report.startswith("# Editorial review: HEAD") and "5 unchanged" in report
    assert "No file in `sources/` changed." in report

    proc = duizhao(repo, "review", "no-such-branch")
    assert proc.returncode == 2
    assert "'no-such-branch' is not a commit" in proc.stderr

    outside = tmp_path / "not-a-repo"
    outside.mkdir()
    proc = duizhao(outside, "review", "main")
    assert proc.returncode == 2 and "duizhao review: git" in proc.stderr


def test_source_text_cannot_inject_markup_into_the_report(repo: Path) -> None:
    hostile = (
        "<script>alert(1)</script> **bold** [link](http://x) | cell | `code` $x$ &amp;\n\nMore text here.\n"
    )
    (repo / "sources" / "hostile.txt").write_text(hostile, encoding="utf-8")
    code, report, _ = review(repo, "HEAD")
    assert code == 0
    assert "### Added: " in report
    assert "<script>" not in report and "**bold**" not in report and "[link](" not in report
    assert r"\<script\>" in report and r"\*\*bold\*\*" in report


def test_the_working_tree_is_the_default_head(repo: Path) -> None:
    (repo / "sources" / "new.txt").write_text("A new statement, long enough to be a paragraph.\n", "utf-8")
    code, report, _ = review(repo, "main")
    assert code == 0
    assert report.splitlines()[0].endswith("→ working tree")
    assert "### Added: \\[Untitled\\] A new statement" in report  # (a first sentence, no title)
    assert "Not yet recorded in `_published.yml`: `new.txt` (`texts/new/`)" in report


def test_a_new_address_for_the_same_file_needs_its_redirect(repo: Path) -> None:
    name = seed("004").name
    slug = name.rsplit(".", 1)[0]
    path = repo / "sources" / "_published.yml"
    original = path.read_text(encoding="utf-8")
    moved = original.replace(f"slug: {slug},", "slug: embassy-statement,")
    assert moved != original
    path.write_text(moved, encoding="utf-8")
    code, report, _ = review(repo, "HEAD")
    assert code == 1 and f"| `texts/{slug}/` | **gone, no redirect** | removed |" in report
    assert f"`texts/{slug}/` → `texts/embassy-statement/`" in section(
        report, "\\[Untitled\\] China Daily in London"
    )

    path.write_text(
        moved.replace("redirects: {}", f"redirects:\n  {slug}: embassy-statement"), encoding="utf-8"
    )
    code, report, _ = review(repo, "HEAD")
    assert code == 0
    assert f"| `texts/{slug}/` | redirects to `texts/embassy-statement/` | new address |" in report
