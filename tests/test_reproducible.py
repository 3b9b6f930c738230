"""Reproducible builds: two strict builds of the same commit are byte-identical (SOURCE_DATE_EPOCH
fixes the sitemap's dates), whatever the folder they run in, the hash seed (set and dict order)
and the time zone."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import BIN, READER_TEXTS, SOURCES, env, make_project

pytestmark = pytest.mark.slow


def _strict_build(project: Path, seed: str, tz: str) -> None:
    e = env()
    e.update(PYTHONHASHSEED=seed, TZ=tz, SOURCE_DATE_EPOCH="1700000000")
    proc = subprocess.run(
        [
            str(BIN / "mkdocs"),
            "build",
            "--strict",
            "--clean",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            "site",
        ],
        capture_output=True,
        text=True,
        env=e,
        cwd=project,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def test_two_strict_builds_are_byte_identical(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    for folder in (SOURCES, READER_TEXTS):
        shutil.copytree(folder, sources, dirs_exist_ok=True)
    first = make_project(tmp_path / "a", sources)
    second = make_project(tmp_path / "b" / "somewhere" / "else", sources)
    _strict_build(first, "1", "UTC")
    _strict_build(second, "2", "Asia/Shanghai")
    names = _files(first / "site")
    assert names == _files(second / "site")
    assert any(n.endswith("sitemap.xml.gz") for n in names) and "search/manifest.js" in names
    _, mismatch, errors = filecmp.cmpfiles(first / "site", second / "site", names, shallow=False)
    assert not mismatch and not errors, mismatch + errors
    # The dates come from SOURCE_DATE_EPOCH (2023-11-14), not from the clock.
    assert "<lastmod>2023-11-14</lastmod>" in (first / "site" / "sitemap.xml").read_text(encoding="utf-8")
