"""One settings object (duizhao.settings) for the hook and the command line: from one mkdocs.yml
they derive the same Settings, and a wrong key stops both, named (issue 18)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from duizhao import export, settings, site

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _hook():
    spec = importlib.util.spec_from_file_location("duizhao_hook_under_test", ROOT / "hooks" / "duizhao_hook.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _project(tmp: Path, extra: str) -> Path:
    """The project's own mkdocs.yml with `extra` as its extra.duizhao block."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  duizhao:\n    sources: sources\n", "  duizhao:\n" + extra)
    assert extra in text
    (tmp / "mkdocs.yml").write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "hooks", tmp / "hooks")
    shutil.copytree(ROOT / "overrides", tmp / "overrides")
    (tmp / "docs").mkdir()
    (tmp / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    return tmp / "mkdocs.yml"


def test_the_hook_and_the_cli_derive_the_same_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUIZHAO_REPO_URL", "https://forge.example/org/texts/")
    monkeypatch.setenv("DUIZHAO_SITE_URL", "https://texts.example/")
    config_file = _project(tmp_path, "    sources: scrapes\n    branch: published\n    glossary_unused_pages: true\n")
    by_hook = _hook()._settings(load_config(str(config_file)))
    by_cli = settings.from_config(export.plain_config(config_file))
    assert by_hook == by_cli
    # Every field the issue found drifting is read, not defaulted.
    assert by_cli.branch == "published" and by_cli.sources_dir == "scrapes"
    assert by_cli.repo_url == "https://forge.example/org/texts" and by_cli.site_url == "https://texts.example/"
    assert by_cli.glossary_unused_pages is True
    # Defaults fill what mkdocs.yml leaves out, for both alike.
    (tmp_path / "plain").mkdir()
    plain = _project(tmp_path / "plain", "    sources: sources\n")
    default = settings.from_config(export.plain_config(plain))
    assert default == _hook()._settings(load_config(str(plain)))
    assert (default.branch, default.sources_dir, default.glossary_unused_pages) == ("main", "sources", False)


def test_a_wrong_setting_is_named_by_the_hook_and_by_the_cli(tmp_path: Path) -> None:
    config_file = _project(tmp_path, "    branch: 3\n")
    with pytest.raises(PluginError, match=r"extra\.duizhao\.branch must be a str"):
        _hook()._settings(load_config(str(config_file)))
    proc = subprocess.run(
        [str(BIN / "duizhao"), "export", str(tmp_path / "out"), "--config", str(config_file)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 2
    assert "extra.duizhao.branch must be a str" in proc.stderr
    assert not (tmp_path / "out" / "docs").exists()
    with pytest.raises(settings.SettingsError, match=r"extra\.duizhao\.colour is not a setting"):
        settings.from_config({"extra": {"duizhao": {"colour": "red"}}})


def test_redirects_are_merged_one_way(tmp_path: Path) -> None:
    """The hook and the export share site.with_redirects: a project's own redirect wins."""
    maps = {"texts/old/index.md": "texts/new/index.md", "texts/a/index.md": "texts/b/index.md"}
    merged = site.with_redirects({"texts/a/index.md": "elsewhere.md"}, maps)
    assert merged == {"texts/old/index.md": "texts/new/index.md", "texts/a/index.md": "elsewhere.md"}
    assert site.with_redirects(None, maps) == maps
