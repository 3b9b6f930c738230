"""One edit, one page (issue 24): builds into the same folder as `mkdocs serve --dirty` runs them
(one process, config loaded again, MkDocs' dirty mode) write again only the pages whose inputs
changed (duizhao.incremental), and the site they leave equals a full build of the edited project,
file for file. No timing here: bench/serve.py measures the time."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import build, env, make_project

pytestmark = pytest.mark.slow

# A child process: build into SITE as `mkdocs serve --dirty` does, once per step; before each step
# after the first, apply the edit (file -> new text, or null: delete it); print the files each
# step wrote (by modification time).
SERVE = """
import json, os, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

project, site, steps = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
keep = len(sys.argv) > 4  # (a copy of the site after each step, as site-step-N beside it)

def stamps():
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}

wrote = []
for i, edits in enumerate([{}] + steps):
    for name, text in edits.items():
        path = project / name
        path.unlink() if text is None else path.write_text(text, encoding="utf-8")
    before = stamps() if site.exists() else {}
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)), dirty=True)
    after = stamps()
    wrote.append(sorted(p for p, t in after.items() if before.get(p) != t))
    if keep:
        import shutil
        shutil.copytree(site, site.parent / f"site-step-{i}")
print("WROTE " + json.dumps(wrote))
"""


def _serve(
    project: Path, steps: list[dict[str, str | None]], keep: bool = False
) -> tuple[Path, list[set[str]]]:
    site = project / "site-serve"
    proc = subprocess.run(
        [sys.executable, "-c", SERVE, str(project), str(site), json.dumps(steps)]
        + (["keep"] if keep else []),
        capture_output=True,
        text=True,
        env=env(),
        cwd=project,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    wrote = json.loads(proc.stdout.split("WROTE ", 1)[1].splitlines()[0])
    return site, [set(w) for w in wrote]


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _full(project: Path) -> dict[str, bytes]:
    done = build(project, strict=False)  # (the withdrawn document's URL is a warning)
    assert done.returncode == 0, done.log
    return _files(done.site)


def _in_nav(project: Path) -> set[str]:
    """The HTML files of the pages mkdocs.yml's navigation lists (rendered by every build)."""
    found = re.findall(r":\s+(\S+)\.md\s*$", (project / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return {"index.html" if md == "index" else f"{md.removesuffix('/index')}/index.html" for md in found}


def _documents(files: dict[str, bytes] | set[str]) -> set[str]:
    return {
        p for p in files if p.startswith("texts/") and p.endswith("/index.html") and p != "texts/index.html"
    }


SOURCE = "sources/002_18b3642abe424ffb.txt"
SIDECAR = "sources/001_0fe0603ee9209ad7.yml"
RULES = "sources/rules.yml"
GONE = "sources/004_b2c9b5f3d2b26b6a.txt"
# A sentence added inside the body (text after the page's footer is rightly cleaned away).
BODY = "after three days of discussions and exhibitions of cutting-edge internet products."
MARK = "An added sentence about the Wuzhen summit, by the editor."


def test_serve_rewrites_only_what_an_edit_changes_and_ends_equal_to_a_full_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    source = (project / SOURCE).read_text(encoding="utf-8")
    assert BODY in source
    rule = {
        "kinds": {
            "editor.test": {
                "action": "remove",
                "reason": "a line the editor drops (test)",
                "patterns": [r"China and the United States share common interests in cyberspace\.?"],
            }
        }
    }
    steps: list[dict[str, str | None]] = [
        {},  # nothing changed: nothing of the project's is written again
        {SOURCE: source.replace(BODY, f"{BODY} {MARK}")},
        {SIDECAR: "title_en: A title the editor corrected\n"},
        {RULES: yaml.safe_dump(rule)},
        {GONE: None},
    ]
    site, wrote = _serve(project, steps)

    # The served site now equals a full build of the edited project, file for file: every page a
    # full build changes was written again, the withdrawn document's page is gone.
    final = _full(project)
    served = _files(site)
    assert served.keys() == final.keys()
    assert [p for p in final if served[p] != final[p]] == []
    assert "texts/004_b2c9b5f3d2b26b6a/index.html" not in served

    everything, idle, edited, sidecar, rules, withdrawn = wrote
    docs = _documents(everything)  # the first build writes every page
    assert len(docs) == 5 and "texts/004_b2c9b5f3d2b26b6a/index.html" in docs
    # With nothing changed, no document page, download or search file is written again (only
    # what MkDocs always writes: the pages in the navigation, the theme's templates, redirects).
    assert not _documents(idle)
    nav = _in_nav(project)
    assert "texts/index.html" in nav and "glossary/index.html" in nav
    assert not [p for p in idle - nav if p.startswith(("texts/", "glossary/", "assets/duizhao/"))]
    # One source edited: its page is written, and fewer than all document pages.
    assert "texts/002_18b3642abe424ffb/index.html" in edited
    assert MARK in served["texts/002_18b3642abe424ffb/index.html"].decode()
    assert _documents(edited) < docs  # the pages the edit does not concern keep their files
    assert not [p for p in edited if p.endswith((".tmx", ".json")) and "002_18b3642abe424ffb" not in p]
    # Its search entries changed, so the search files that hold them were written again.
    assert [p for p in edited if p.startswith("assets/duizhao/search") or "search" in p]
    # The sidecar retitles document 001: its page and the documents index show the new title.
    assert "texts/001_0fe0603ee9209ad7/index.html" in sidecar
    assert _documents(sidecar) < docs
    assert "A title the editor corrected" in served["texts/index.html"].decode()
    # The rule drops a line of 003.
    assert "texts/003_549d19b18033fbbc/index.html" in rules
    # (the audit at the page's foot names the rule that removed it)
    assert "a line the editor drops (test)" in served["texts/003_549d19b18033fbbc/index.html"].decode()
    assert "texts/index.html" in withdrawn  # (an index is always written: it is in the navigation)


ZH_SOURCE = "sources/000_24893c960241ec06.txt"
ZH_BODY = "上述事实表明,"
ZH_MARK = "量子纠缠令人着迷,"
WORD = "Quillstone"  # (in no seed: found only once the edit adds it)


def _finds(site: Path, word: str) -> set[str]:
    """The addresses of the entries whose postings hold `word`'s term, read from a built site's
    search files the way the browser reads them."""
    from duizhao.publish import search
    from duizhao.publish.search_terms import terms, tokenizer

    files = [
        (p.relative_to(site).as_posix(), p.read_bytes()) for p in sorted((site / "search").rglob("*.js"))
    ]
    index = search.Index(files=files, documents=0, terms=0, postings=0)
    (term,) = terms(word, tokenizer())
    numbers = {d for d, _ in search.lookup(index, term)}
    return {search._payload(index.file(f"search/d/{d}.js"))[1]["u"] for d in numbers}


def test_an_edit_that_changes_search_and_corpus_files_is_served_as_a_full_build_has_it(
    tmp_path: Path,
) -> None:
    """The corpus-wide files a rebuild recomputes only in part (search entries, the data files'
    rows, the dictionary's words, the versions' shingles: duizhao.memo.LastCall) equal a full
    build's after an edit and after the edit is undone."""
    project = make_project(tmp_path / "project")
    original = {name: (project / name).read_text(encoding="utf-8") for name in (SOURCE, ZH_SOURCE)}
    assert BODY in original[SOURCE] and ZH_BODY in original[ZH_SOURCE]
    edited = {
        SOURCE: original[SOURCE].replace(BODY, f"{BODY} The {WORD} delegation agreed."),
        ZH_SOURCE: original[ZH_SOURCE].replace(ZH_BODY, ZH_BODY + ZH_MARK),
    }
    _, wrote = _serve(project, [edited, dict(original)], keep=True)
    served_edit, served_undone = (_files(project / f"site-step-{i}") for i in (1, 2))
    assert _documents(wrote[1]) < _documents(wrote[0])  # (the rebuild left most pages as they were)

    for name, text in edited.items():
        (project / name).write_text(text, encoding="utf-8")
    full_edit = _full(project)
    assert served_edit.keys() == full_edit.keys()
    assert [p for p in full_edit if served_edit[p] != full_edit[p]] == []
    assert _finds(project / "site-step-1", WORD) == {"texts/002_18b3642abe424ffb/"}
    assert "量子纠缠" in served_edit["data/corpus.tsv"].decode()
    assert any(
        "纠缠" in served_edit[p].decode() for p in served_edit if p.startswith("assets/duizhao/cedict/")
    )

    for name, text in original.items():
        (project / name).write_text(text, encoding="utf-8")
    full_undone = _full(project)
    assert served_undone.keys() == full_undone.keys()
    assert [p for p in full_undone if served_undone[p] != full_undone[p]] == []
    assert _finds(project / "site-step-2", WORD) == set()
    assert "量子纠缠" not in served_undone["data/corpus.tsv"].decode()


def test_last_call_computes_only_new_inputs_and_keeps_only_the_last_calls() -> None:
    from duizhao.memo import LastCall

    seen: list[str] = []

    def shout(text: str) -> str:
        seen.append(text)
        return text.upper()

    last = LastCall(shout)
    assert last.map(["a", "b", "a"]) == ["A", "B", "A"]
    assert last.map(["b", "c"]) == ["B", "C"]
    assert last.map(["a"]) == ["A"]  # ("a" was not in the previous call: computed again)
    assert seen == ["a", "b", "c", "a"]


def test_memo_files_wait_for_flush_under_serve(tmp_path: Path) -> None:
    """Under `mkdocs serve` (the hook's on_startup) a build that changes a memo leaves its file as
    it was; on_shutdown (flush) writes what the last build used, and later builds write at once."""
    from duizhao import memo

    path = tmp_path / "search.pickle"
    first = memo.Memo(path)
    first["a"] = 1
    first.finish()
    written = path.read_bytes()
    memo.defer_writes()
    try:
        second = memo.Memo(path)
        assert second.get("a") == 1
        second["b"] = 2
        second.finish()
        assert path.read_bytes() == written
    finally:
        memo.flush()
    assert path.read_bytes() != written
    memo._MEMO_MEMORY.pop(str(path))  # (read the file afresh, as the next process would)
    third = memo.Memo(path)
    assert (third.get("a"), third.get("b")) == (1, 2)
