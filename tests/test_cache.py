"""The content-hash cache and the process pool: an unchanged source is never processed again, in
one process (`mkdocs serve`) or the next (`mkdocs build`), and parallel builds equal serial ones."""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from duizhao import cache, pipeline, site, slugs, workers
from duizhao.cache import DocumentCache
from duizhao.publish import render

from .conftest import ROOT, SOURCES, build, make_project

SETTINGS = render.Settings()


def _sources(tmp_path: Path) -> Path:
    src = tmp_path / "sources"
    shutil.copytree(SOURCES, src)
    return src


def _edit(path: Path) -> None:
    """An editor's change: one more paragraph at the end of the scrape."""
    path.write_bytes(path.read_bytes() + b"\n\nOne more paragraph an editor added to this scrape.\n")


def _fresh(folder: Path) -> DocumentCache:
    """A cache as a new process sees it: nothing in memory, only the folder."""
    cache._MEMORY.pop(str(folder), None)
    return DocumentCache(folder)


def test_one_edit_reprocesses_one_document(tmp_path: Path) -> None:
    src = _sources(tmp_path)
    store = DocumentCache(tmp_path / "cache")
    first = pipeline.build_corpus(src, store)
    n = len(first.documents)
    assert (first.stats.built, first.stats.cached) == (n, 0)

    again = pipeline.build_corpus(src, store)
    assert (again.stats.built, again.stats.cached) == (0, n)

    edited = sorted(src.glob("*.txt"))[2]
    _edit(edited)
    after = pipeline.build_corpus(src, store)
    assert (after.stats.built, after.stats.cached) == (1, n - 1)
    # ...and the result is what a build without any cache gives, edit included.
    plain = pipeline.build_corpus(src)
    assert site.pages(after, SETTINGS) == site.pages(plain, SETTINGS)
    assert "One more paragraph an editor added" in next(
        p.markdown for p in site.pages(after, SETTINGS) if edited.stem.lower() in p.path
    )


def test_cache_persists_on_disk_and_survives_corruption(tmp_path: Path) -> None:
    src = _sources(tmp_path)
    folder = tmp_path / "cache"
    pipeline.build_corpus(src, _fresh(folder))
    files = sorted(folder.rglob("*.pickle"))
    assert len(files) == len(list(src.glob("*.txt")))

    from_disk = pipeline.build_corpus(src, _fresh(folder))
    assert (from_disk.stats.built, from_disk.stats.disk) == (0, len(files))

    # A truncated entry, a foreign one and garbage: misses that get rebuilt, never a failure.
    files[0].write_bytes(files[0].read_bytes()[:100])
    files[1].write_bytes(b"not a pickle")
    files[2].write_bytes(files[3].read_bytes())  # another document's entry under this name
    healed = pipeline.build_corpus(src, _fresh(folder))
    assert (healed.stats.built, healed.stats.disk) == (3, len(files) - 3)
    assert site.pages(healed, SETTINGS) == site.pages(pipeline.build_corpus(src), SETTINGS)
    assert pipeline.build_corpus(src, _fresh(folder)).stats.built == 0


def test_rules_and_sidecars_are_part_of_the_key(tmp_path: Path) -> None:
    src = _sources(tmp_path)
    store = DocumentCache(tmp_path / "cache")
    n = len(pipeline.build_corpus(src, store).documents)

    first = sorted(src.glob("*.txt"))[0]
    (src / f"{first.stem}.yml").write_text("title_en: A title an editor gave\n", encoding="utf-8")
    after_sidecar = pipeline.build_corpus(src, store)
    assert after_sidecar.stats.built == 1
    assert after_sidecar.documents[0].metadata.title_en.value == "A title an editor gave"

    (src / "rules.yml").write_text("kinds:\n  widget.extra:\n    patterns: ['zzz never matches']\n")
    assert pipeline.build_corpus(src, store).stats.built == n


def test_cache_folder_is_bounded(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    for i in range(12):
        entry = folder / f"{i:02d}" / f"{i:02d}{'0' * 62}.pickle"
        entry.parent.mkdir(parents=True)
        entry.write_bytes(b"x")
        os.utime(entry, (1_000_000 + i, 1_000_000 + i))
    assert cache.prune(folder, 5) == 7
    left = sorted(p.name[:2] for p in folder.rglob("*.pickle"))
    assert left == ["07", "08", "09", "10", "11"]  # the most recently used stay


def test_corpus_wide_changes_do_not_leak_into_the_cache(tmp_path: Path) -> None:
    src = _sources(tmp_path)
    store = DocumentCache(tmp_path / "cache")
    first = pipeline.build_corpus(src, store)
    first.documents[0].diagnostics.append("a note a corpus-wide step added")  # type: ignore[arg-type]
    again = pipeline.build_corpus(src, store)
    assert "a note a corpus-wide step added" not in again.documents[0].diagnostics


def _synth():
    spec = importlib.util.spec_from_file_location("synth", ROOT / "bench" / "synth.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["synth"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.parametrize("threaded", [False, True], ids=["as-is", "with-a-thread"])
def test_process_pool_gives_the_serial_result_in_order(tmp_path: Path, threaded: bool) -> None:
    """Same pages, same order, same notes as one process; with a thread running (as under `mkdocs
    serve`) the workers come from a fork server instead of a fork."""
    import threading

    src = tmp_path / "synth"
    _synth().generate(src, workers.PARALLEL_MIN_DOCUMENTS + 6, seed=7)
    serial = pipeline.build_corpus(src, workers=1)
    stop = threading.Event()
    if threaded:
        threading.Thread(target=stop.wait, daemon=True).start()
        assert workers._start_method() == "forkserver"
    try:
        parallel = pipeline.build_corpus(src, workers=2)
    finally:
        stop.set()
    assert not [d for d in parallel.diagnostics if "built in one process" in d.message]
    assert parallel.diagnostics == serial.diagnostics
    assert [d.source.name for d in parallel.documents] == sorted(p.name for p in src.iterdir())
    assert site.pages(parallel, SETTINGS) == site.pages(serial, SETTINGS)
    assert [d.diagnostics for d in parallel.documents] == [d.diagnostics for d in serial.documents]


def _counts(log: str) -> tuple[int, int]:
    found = re.findall(r"(\d+) processed, (\d+) from cache", log)
    assert len(found) == 1, log
    return int(found[0][0]), int(found[0][1])


@pytest.mark.slow
def test_mkdocs_serve_rebuild_after_one_edit_processes_one_document(tmp_path: Path, caplog) -> None:
    """Two builds in one process, as `mkdocs serve` runs them: config reloaded (the hook module
    with it), then a full build; between them an editor changes one scrape."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    project = make_project(tmp_path / "project")
    site = tmp_path / "site"

    def rebuild() -> tuple[int, int]:
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="mkdocs.plugins.duizhao"):
            mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))
        return _counts("\n".join(r.getMessage() for r in caplog.records if r.name.endswith("duizhao")))

    n = len(list((project / "sources").glob("*.txt")))
    first = rebuild()
    assert first[0] + first[1] == n
    _edit(sorted((project / "sources").glob("*.txt"))[1])
    assert rebuild() == (1, n - 1)
    assert "One more paragraph an editor added" in (
        site / "texts" / sorted((project / "sources").glob("*.txt"))[1].stem.lower() / "index.html"
    ).read_text(encoding="utf-8")


@pytest.mark.slow
def test_next_mkdocs_build_reads_the_cache_folder(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    n = len(list((project / "sources").glob("*.txt")))
    first = build(project, extra=["-v"])
    assert first.returncode == 0, first.log
    assert _counts(first.log) == (n, 0)
    assert (project / ".cache" / "duizhao" / "documents").is_dir()
    second = build(project, extra=["-v"])
    assert second.returncode == 0, second.log
    assert _counts(second.log) == (0, n)


@pytest.mark.slow
def test_build_falls_back_to_one_process_when_the_pool_cannot_start(tmp_path: Path) -> None:
    """In a process with threads (like the `mkdocs serve` server) workers come from a fork server
    and re-import the main script; a main that cannot be re-imported (here: read from stdin) breaks
    the pool. The build still completes, in one process, and says so."""
    src = tmp_path / "synth"
    _synth().generate(src, workers.PARALLEL_MIN_DOCUMENTS, seed=3)
    script = (
        "import threading\n"
        "from pathlib import Path\n"
        "from duizhao import pipeline\n"
        "stop = threading.Event()\n"
        "threading.Thread(target=stop.wait, daemon=True).start()\n"
        f"c = pipeline.build_corpus(Path({str(src)!r}), workers=2)\n"
        "print('BUILT', c.stats.built, len(c.documents))\n"
        "print('NOTES', [str(d) for d in c.diagnostics])\n"
        "stop.set()\n"
    )
    proc = subprocess.run([sys.executable, "-"], input=script, capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    n = workers.PARALLEL_MIN_DOCUMENTS
    assert f"BUILT {n} {n}" in proc.stdout
    assert "built in one process" in proc.stdout


def test_pair_evidence_is_weighed_once_per_pair_of_texts(tmp_path: Path) -> None:
    """Cross-file pairing aligns candidate pairs of whole texts; a rebuild reuses the evidence of
    pairs whose texts did not change, in this process and the next, with the same result."""
    from .test_pairing import halves

    src = _sources(tmp_path)
    zh, en = halves()
    (src / "speech-zh.txt").write_text(zh, encoding="utf-8")
    (src / "speech-en.txt").write_text(en, encoding="utf-8")
    folder = tmp_path / "cache"
    store = DocumentCache(folder)
    first = pipeline.build_corpus(src, store)
    weighed = store.pairs.misses
    assert weighed > 0

    def outcome(corpus: pipeline.Corpus):
        return (
            [(d.source.name, d.counterpart, d.beads) for d in corpus.documents],
            [str(n) for n in corpus.all_diagnostics],
        )

    assert outcome(first) == outcome(pipeline.build_corpus(src))  # the same as without a cache
    assert first.documents[-1].counterpart is not None  # the halves were paired

    again = pipeline.build_corpus(src, store)
    assert store.pairs.misses == weighed  # nothing weighed again
    assert outcome(again) == outcome(first)

    next_process = _fresh(folder)
    cache._PAIR_MEMORY.clear()
    assert outcome(pipeline.build_corpus(src, next_process)) == outcome(first)
    assert next_process.pairs.misses == 0 and next_process.pairs.hits == weighed
    # the pair's beads too: aligned once, by the two texts' keys
    assert (next_process.beads.hits, next_process.beads.misses) == (1, 0)

    (src / "speech-en.txt").write_text(en + "\nOne more sentence an editor added.\n", encoding="utf-8")
    edited = pipeline.build_corpus(src, next_process)
    zh_texts = sum(1 for d in edited.documents if d.languages == ("zh",) or d.source.name == "speech-zh.txt")
    assert 0 < next_process.pairs.misses <= zh_texts  # only pairs with the edited text
    assert next_process.beads.misses == 1  # the edited pair is aligned again
    assert outcome(edited) == outcome(pipeline.build_corpus(src))


def test_profiles_and_search_counts_are_computed_once_per_text(tmp_path: Path) -> None:
    """A warm build (this process or the next) takes pairing profiles and search term counts from
    the memo, with the very same pairing and index; an edit recomputes only the edited text's; a
    memo file that does not load is ignored."""
    from duizhao.publish import search

    from .test_pairing import halves

    src = _sources(tmp_path)
    zh, en = halves()
    (src / "speech-zh.txt").write_text(zh, encoding="utf-8")
    (src / "speech-en.txt").write_text(en, encoding="utf-8")
    folder = tmp_path / "cache"

    def run(store: DocumentCache) -> tuple[list, list]:
        corpus = pipeline.build_corpus(src, store)
        index = search.site_index(pipeline.published(corpus), [], memo=store.search)
        store.search.finish()
        return [(d.source.name, d.counterpart, d.beads) for d in corpus.documents], index.files

    plain = pipeline.build_corpus(src)
    expected = (
        [(d.source.name, d.counterpart, d.beads) for d in plain.documents],
        search.site_index(pipeline.published(plain), []).files,
    )
    store = DocumentCache(folder)
    assert run(store) == expected
    profiles, counted = store.profiles.misses, store.search.misses
    assert profiles >= 2 and counted == len(plain.documents)

    cache._MEMORY.clear(), cache._PAIR_MEMORY.clear(), cache._MEMO_MEMORY.clear()
    warm = _fresh(folder)
    assert run(warm) == expected
    assert (warm.profiles.misses, warm.search.misses) == (0, 0)
    assert (warm.profiles.hits, warm.search.hits) == (profiles, counted)

    (src / "speech-en.txt").write_text(en + "\nOne more sentence an editor added.\n", encoding="utf-8")
    warm.search.misses = 0
    run(warm)
    # the edited text, and its Chinese counterpart, whose page shows it as its English column
    assert warm.search.misses == 2

    (folder.parent / "search.pickle").write_bytes(b"\x80\x05not a pickle")
    cache._MEMO_MEMORY.clear()
    broken = _fresh(folder)
    run(broken)
    assert broken.search.misses == len(plain.documents)


def _site(src: Path, store: DocumentCache | None, written: list[tuple[str, str]] | None = None):
    return site.build(
        src, SETTINGS, written or [("index.md", "# Home\n\n<!-- duizhao:documents -->\n")], store
    )


def _new_process(folder: Path) -> DocumentCache:
    """A cache as the next process sees it: every memory layer empty, only the folder."""
    cache._MEMORY.clear(), cache._MEMO_MEMORY.clear(), site._LAST.clear()
    return DocumentCache(folder)


def _files(built) -> dict[str, str | bytes]:
    return {f.path: f.content for f in built.files}


def test_unchanged_sources_give_the_site_whole_from_the_cache(tmp_path: Path, monkeypatch) -> None:
    """The next build of unchanged sources renders nothing: the output comes whole from the cache,
    equal to a build without any cache, with every diagnostic to report again."""
    src = _sources(tmp_path)
    (src / "empty.txt").write_bytes(b"")  # an error every build must report
    folder = tmp_path / "cache" / "documents"
    expected = _site(src, None)
    first = _site(src, DocumentCache(folder))
    assert _files(first) == _files(expected) and first.homes == expected.homes
    assert first.stats.built == expected.documents + 1  # the empty file is processed too

    renders: list[str] = []
    original = render.document_pages
    monkeypatch.setattr(
        render, "document_pages", lambda d, *a, **k: renders.append(d.slug) or original(d, *a, **k)
    )
    for store in (DocumentCache(folder), _new_process(folder)):  # this process (serve), the next
        again = _site(src, store)
        assert _files(again) == _files(expected) and again.actions == expected.actions
        assert [str(d) for d in again.diagnostics] == [str(d) for d in expected.diagnostics]
        assert any("empty.txt" in str(d) for d in again.diagnostics)
        assert (again.stats.built, again.stats.cached) == (0, expected.documents)
    assert renders == []


def test_one_edit_renders_only_the_pages_that_show_it(tmp_path: Path, monkeypatch) -> None:
    """After an edit, pages whose document and links did not change come from the page shelf;
    a hand-written page's change reaches the search index; damaged entries are rebuilt."""
    src = _sources(tmp_path)
    folder = tmp_path / "cache" / "documents"
    _site(src, DocumentCache(folder))
    renders: list[str] = []
    original = render.document_pages
    monkeypatch.setattr(
        render, "document_pages", lambda d, *a, **k: renders.append(d.slug) or original(d, *a, **k)
    )

    edited = sorted(src.glob("*.txt"))[1]
    _edit(edited)
    after = _site(src, _new_process(folder))
    slug = slugs.slugify(edited.stem)
    # The edited page, and the pages that list it among their related documents with its
    # provenance mark (an English paragraph turns a Chinese original into a text in both
    # languages, status not stated); no other.
    showing = {
        path.split("/")[-1].removesuffix(".md")
        for path, text in _files(after).items()
        if path.startswith("texts/") and f'<li data-slug="{slug}"' in str(text)
    }
    assert slug in renders and set(renders) - {slug} <= showing, (renders, showing)
    assert len(renders) == len(set(renders))
    assert _files(after) == _files(_site(src, None))
    assert "One more paragraph an editor added" in _files(after)[f"texts/{slugs.slugify(edited.stem)}.md"]

    renders.clear()
    written = [("index.md", "# Home\n\nA page an editor wrote about zhuanlan.\n")]
    changed = _site(src, _new_process(folder), written)
    assert renders == []  # no document page shows hand-written pages
    index = [f.content for f in changed.files if f.path.startswith("search/")]
    assert any("zhuanlan" in (c.decode() if isinstance(c, bytes) else c) for c in index)

    shutil.rmtree(folder.parent / "pages")  # pruned or lost: the site entry cannot be completed
    again = _site(src, _new_process(folder), written)
    assert _files(again) == _files(changed) and len(renders) == again.documents


@pytest.mark.slow
def test_strict_build_fails_again_when_the_site_comes_from_the_cache(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "sources" / "empty.txt").write_bytes(b"")
    for _ in range(2):
        result = build(project, extra=["-v"])
        assert result.returncode != 0 and "empty.txt" in result.log, result.log
    assert _counts(result.log)[0] == 0  # the second build processed nothing
