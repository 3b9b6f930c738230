"""Shared fixtures: real MkDocs builds of the project in temporary directories."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
BIN = Path(sys.executable).parent


@dataclass
class Build:
    root: Path  # the temporary project
    site: Path
    returncode: int
    log: str

    def page(self, rel: str) -> str:
        return (self.site / rel).read_text(encoding="utf-8")

    def doc(self, slug: str) -> str:
        return self.page(f"texts/{slug}/index.html")


def make_project(tmp: Path, sources: Path | None = None) -> Path:
    """A copy of the project's config, docs and hook in `tmp`, with `sources` (default: the seeds)."""
    tmp.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "mkdocs-offline.yml"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, tmp / name)
    for name in ("docs", "hooks", "overrides"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, tmp / name, dirs_exist_ok=True)
    shutil.copytree(sources or SOURCES, tmp / "sources", dirs_exist_ok=True)
    return tmp


# mkdocs.yml takes the repository and the site's address from the environment (no placeholder
# ships); test builds get these example ones, so edit links, problem reports and canonical links
# exist to test. `build(..., env_overrides={"DUIZHAO_REPO_URL": None})` builds without one.
TEST_REPO = "https://github.com/example-org/duizhao"
TEST_SITE = "https://example.org/duizhao/"


def env(overrides: dict[str, str | None] | None = None) -> dict[str, str]:
    e = dict(os.environ)
    e["NO_MKDOCS_2_WARNING"] = "1"
    e.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    e["DUIZHAO_REPO_URL"] = TEST_REPO
    e["DUIZHAO_SITE_URL"] = TEST_SITE
    for key, value in (overrides or {}).items():
        if value is None:
            e.pop(key, None)
        else:
            e[key] = value
    return e


def build_args(project: Path) -> list[str]:
    """`mkdocs build` of `project` into its site/ folder, as arguments after the program."""
    return ["build", "--clean", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")]


def build(
    project: Path,
    strict: bool = True,
    extra: list[str] | None = None,
    env_overrides: dict[str, str | None] | None = None,
) -> Build:
    args = [str(BIN / "mkdocs"), *build_args(project)]
    if strict:
        args.append("--strict")
    proc = subprocess.run(
        args + (extra or []), capture_output=True, text=True, env=env(env_overrides), cwd=project
    )
    return Build(project, project / "site", proc.returncode, proc.stdout + proc.stderr)


def shared(
    factory: pytest.TempPathFactory, name: str, make: Callable[[Path], tuple[int, str]]
) -> tuple[Path, int, str]:
    """A build made once per test run, even when pytest-xdist runs the tests in several worker
    processes: the first worker to ask builds it into a folder all workers share (under a file
    lock), the others wait and read its return code and log back. Returns (folder, code, log)."""
    from filelock import FileLock

    base = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above each worker's own
    folder, record = base / f"shared-{name}", base / f"shared-{name}.json"
    with FileLock(str(base / f"shared-{name}.lock")):
        if not record.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            code, log = make(folder)
            record.write_text(json.dumps({"returncode": code, "log": log}), encoding="utf-8")
    found = json.loads(record.read_text(encoding="utf-8"))
    return folder, found["returncode"], found["log"]


def _strict_build(sources: Path | None) -> Callable[[Path], tuple[int, str]]:
    def make(folder: Path) -> tuple[int, str]:
        result = build(make_project(folder, sources))
        return result.returncode, result.log

    return make


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real project over the real seeds, built once with --strict."""
    project, code, log = shared(tmp_path_factory, "seed-site", _strict_build(None))
    assert code == 0, log
    return Build(project, project / "site", code, log)


@pytest.fixture()
def project(tmp_path: Path):
    """Factory: a project whose sources are the given {name: bytes} files."""

    def _make(files: dict[str, bytes | str]) -> Path:
        src = tmp_path / "src"
        src.mkdir()
        for name, data in files.items():
            path = src / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return make_project(tmp_path / "project", src)

    return _make


def seed(prefix: str) -> Path:
    """The seed whose file name starts with `prefix` (seeds are numbered 000-004)."""
    matches = sorted(SOURCES.glob(f"{prefix}*"))
    assert len(matches) == 1, prefix
    return matches[0]


# ---- Browser fixtures: Debian Chromium driven by Playwright --------------------------------------

CHROMIUM = os.environ.get("DUIZHAO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium) or set DUIZHAO_CHROMIUM"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class _Quiet(__import__("http.server").server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


def serve(directory: Path):
    """Serve `directory` on a free localhost port in a thread; returns (base_url, server)."""
    import functools
    import http.server
    import threading

    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def site_url(seed_site):
    url, server = serve(seed_site.site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    """Where browser tests leave screenshots (kept under test-results/ when it exists)."""
    out = ROOT / "test-results"
    if os.environ.get("DUIZHAO_KEEP_SHOTS"):
        out.mkdir(exist_ok=True)
        return out
    return tmp_path_factory.mktemp("shots")


# ---- The reader's site: the seeds plus texts written for the reader tests ------------------------

READER_TEXTS = ROOT / "tests" / "data" / "reader"


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Seeds plus tests/data/reader (more bilingual pages: headings, an unpaired paragraph, a full
    header from a sidecar), built once with --strict."""

    def make(project: Path) -> tuple[int, str]:
        sources = project.parent / f"{project.name}-sources"
        for folder in (SOURCES, READER_TEXTS):
            shutil.copytree(folder, sources, dirs_exist_ok=True)
        return _strict_build(sources)(project)

    project, code, log = shared(tmp_path_factory, "reader-site", make)
    assert code == 0, log
    return Build(project, project / "site", code, log)


@pytest.fixture(scope="session")
def reader_url(reader_site):
    url, server = serve(reader_site.site)
    yield url
    server.shutdown()


# ---- The adversarial corpus (tests/adversarial), built once ------------------------------------


@dataclass
class Site:
    root: Path
    log: str
    returncode: int

    @property
    def site(self) -> Path:
        return self.root / "site"

    @cached_property
    def pages(self) -> dict[str, Path]:
        """Source name -> its built page (read from the page's own data-source attribute)."""
        out = {}
        for page in sorted((self.site / "texts").glob("*/index.html")):
            m = re.search(r'<div class="dz-doc[^>]*? data-source="([^"]*)"', page.read_text(encoding="utf-8"))
            if m is not None:
                out[html.unescape(m.group(1)).removeprefix("sources/")] = page
        return out

    @cached_property
    def every_page(self) -> dict[str, list[Path]]:
        """Source name -> every page made from it: its page, its parts and its audit pages."""
        out: dict[str, list[Path]] = {}
        for page in sorted((self.site / "texts").rglob("index.html")):
            m = re.search(r'<div class="dz-doc[^>]*? data-source="([^"]*)"', page.read_text(encoding="utf-8"))
            if m is not None:
                out.setdefault(html.unescape(m.group(1)).removeprefix("sources/"), []).append(page)
        return out

    def messages(self, name: str, level: str) -> list[str]:
        pattern = rf"^{level}\s*-\s+duizhao: {re.escape(name)}(?::\d+)?: (.*)$"
        return re.findall(pattern, self.log, re.M)


@pytest.fixture(scope="session")
def adversarial(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The corpus written straight into a project's sources/ (symbolic links stay links), built
    once without --strict (the corpus has errors by design) and with the network closed."""

    def make(project: Path) -> tuple[int, str]:
        from .adversarial import corpus

        empty = project.parent / f"{project.name}-empty"
        empty.mkdir(exist_ok=True)
        make_project(project, empty)
        corpus.write(project / "sources")
        proc = subprocess.run(
            [sys.executable, str(ROOT / "tests" / "adversarial" / "offline.py"), *build_args(project)],
            capture_output=True,
            text=True,
            env=env(),
            cwd=project,
        )
        return proc.returncode, proc.stdout + proc.stderr

    project, code, log = shared(tmp_path_factory, "adversarial", make)
    return Site(project, log, code)


# ---- Markers: `make check` leaves out what needs a browser or a whole-site build -------------

# Fixtures that build a whole site (or start a browser): a test that uses one is slow.
SLOW_FIXTURES = frozenset(
    "seed_site site_url reader_site reader_url adversarial project long_site browser payload_site realworld_site".split()
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def realworld_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Every scrape of the metadata corpus and every page of the Chinese cleaning set, as one
    sources/ folder, built with --strict."""

    def make(project: Path) -> tuple[int, str]:
        sources = project.parent / f"{project.name}-sources"
        shutil.copytree(ROOT / "tests" / "data" / "realworld" / "meta" / "files", sources)
        for page in (ROOT / "tests" / "data" / "realworld" / "clean-zh").glob("*.html"):
            shutil.copy(page, sources / page.name)
        result = build(make_project(project, sources))
        return result.returncode, result.log

    project, code, log = shared(tmp_path_factory, "realworld-site", make)
    return Build(project, project / "site", code, log)
