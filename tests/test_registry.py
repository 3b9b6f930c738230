"""The URL registry (sources/_published.yml): parsing, slugs it fixes, renames it records."""

from __future__ import annotations

import hashlib
from pathlib import Path

from duizhao import pipeline
from duizhao.model import Level
from duizhao.publish import registry

SHA_A = hashlib.sha256(b"a").hexdigest()


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


TEXT = "China is ready to strengthen cooperation with all countries on cyberspace.\n"


def test_parse_reports_problems_with_their_line() -> None:
    reg = registry.parse(
        "documents:\n"
        "  a.txt: {slug: a, sha256: " + SHA_A + "}\n"
        "  b.txt: {slug: a}\n"  # line 3: slug taken
        "  c.txt: {slug: Not A Slug}\n"  # line 4
        "  d.txt: {slug: index}\n"  # line 5: the documents index
        "redirects:\n"
        "  old: 2020\n"  # line 7: an int, not a slug
        "colour: red\n"
    )
    assert list(reg.entries) == ["a.txt"]
    found = {(d.line, d.level) for d in reg.diagnostics}
    assert {
        (3, Level.ERROR),
        (4, Level.ERROR),
        (5, Level.ERROR),
        (7, Level.ERROR),
        (8, Level.WARNING),
    } == found
    assert all(d.path == registry.REGISTRY_FILE for d in reg.diagnostics)
    bad = registry.parse("documents: [\n")
    assert bad.diagnostics and "invalid YAML" in bad.diagnostics[0].message


def test_dump_parses_back_to_the_same_registry() -> None:
    reg = registry.Registry(
        entries={
            "b.txt": registry.Entry("b.txt", "b", SHA_A),
            "2020_11.txt": registry.Entry("2020_11.txt", "2020_11"),
        },
        redirects={"old-b": "b"},
    )
    text = registry.dump(reg)
    again = registry.parse(text)
    assert not again.diagnostics
    assert {n: (e.slug, e.sha256) for n, e in again.entries.items()} == {
        "b.txt": ("b", SHA_A),
        "2020_11.txt": ("2020_11", ""),
    }
    assert again.redirects == {"old-b": "b"}
    assert text.startswith("#") and text.index("2020_11.txt") < text.index("b.txt")  # sorted


def test_registered_slugs_win_and_new_documents_avoid_taken_ones(tmp_path: Path) -> None:
    sources = write(
        tmp_path / "sources",
        {
            "renamed-file.txt": TEXT,
            "index.txt": TEXT + "Another.\n",
            "old.txt": TEXT + "Third.\n",
            registry.REGISTRY_FILE: "documents:\n  renamed-file.txt: {slug: first-name}\nredirects:\n  old: first-name\n",
        },
    )
    corpus = pipeline.build_corpus(sources)
    slugs = {d.source.name: d.slug for d in corpus.documents}
    # the registry keeps the published address; "index" is the documents list; "old" is retired
    assert slugs == {"renamed-file.txt": "first-name", "index.txt": "index-2", "old.txt": "old-2"}
    assert not [d for d in corpus.all_diagnostics if d.level is not Level.INFO]


def test_an_address_that_no_longer_answers_is_a_warning(tmp_path: Path) -> None:
    sources = write(
        tmp_path / "sources",
        {
            "b.txt": TEXT,
            registry.REGISTRY_FILE: "documents:\n  a.txt: {slug: a}\n  b.txt: {slug: b}\nredirects:\n  z: nowhere\n  b: a\n",
        },
    )
    notes = [d for d in pipeline.build_corpus(sources).diagnostics if d.path == registry.REGISTRY_FILE]
    messages = {d.line: d.message for d in notes}
    assert all(d.level is Level.WARNING for d in notes)
    assert "texts/a/ was published for a.txt" in messages[2]
    assert "leads to no document" in messages[5]
    assert "would hide texts/b/" in messages[6]


def test_update_records_new_documents_and_renames_without_redirect_chains() -> None:
    reg = registry.parse(
        "documents:\n  a.txt: {slug: a, sha256: " + SHA_A + "}\n  gone.txt: {slug: gone}\n"
        "redirects:\n  older: a\n"
    )
    updated, change = registry.update(reg, {"b.txt": ("b", SHA_A), "new.txt": ("new", "f" * 64)})
    assert change.added == (("new.txt", "new"),)
    assert change.renamed == (("a.txt", "b.txt", "a", "b"),)
    assert change.retired == (("gone.txt", "gone"),)  # no successor: an editor must redirect it
    assert set(updated.entries) == {"b.txt", "new.txt", "gone.txt"}
    # the old address and the one that led to it both go straight to the new page
    assert updated.redirects == {"older": "b", "a": "b"}
    assert registry.redirect_maps(updated, "texts") == {
        "texts/a.md": "texts/b.md",
        "texts/older.md": "texts/b.md",
    }

    # once "gone" is redirected by hand, the next update retires its entry
    updated.redirects["gone"] = "new"
    again, change = registry.update(updated, {"b.txt": ("b", SHA_A), "new.txt": ("new", "f" * 64)})
    assert not change.retired and "gone.txt" not in again.entries and again.redirects["gone"] == "new"
