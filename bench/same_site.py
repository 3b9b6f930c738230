"""Are two builds of the same sites byte for byte the same? For refactors that must change no output
(issue 18): build the seed site (the project's own mkdocs.yml and sources/) and the adversarial
site (tests/adversarial, as the tests build it) into a folder, then compare two such folders.

    python bench/same_site.py build /tmp/base          # before the change
    python bench/same_site.py build /tmp/after         # after it
    python bench/same_site.py compare /tmp/base /tmp/after
    python bench/same_site.py check /tmp/base          # build into a temporary folder and compare
    python bench/same_site.py check /tmp/base --docs DIR   # with another docs/ folder (the one
                                                       # the base was built with): code changes only

Each site is built in a fresh copy of the project (no document cache carried over), with the
environment the tests use (fixed SOURCE_DATE_EPOCH, example repository and site addresses), so two
builds of unchanged code are identical. Prints, per site, how many files are identical and every
file that differs, is missing or is extra; exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import build_args, env, make_project  # noqa: E402

SITES = ("seed", "adversarial")


def _project(project: Path, sources: Path | None, docs: Path | None) -> None:
    make_project(project, sources)
    if docs is not None:
        shutil.rmtree(project / "docs")
        shutil.copytree(docs, project / "docs")


def build_seed(project: Path, docs: Path | None = None) -> str:
    _project(project, None, docs)
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), *build_args(project), "--strict"],
        capture_output=True,
        text=True,
        env=env(),
        cwd=project,
    )
    if proc.returncode:
        raise SystemExit(f"seed build failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return proc.stdout + proc.stderr


def build_adversarial(project: Path, docs: Path | None = None) -> str:
    from tests.adversarial import corpus

    empty = project.parent / f"{project.name}-empty"
    empty.mkdir(parents=True, exist_ok=True)
    _project(project, empty, docs)
    corpus.write(project / "sources")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "adversarial" / "offline.py"), *build_args(project)],
        capture_output=True,
        text=True,
        env=env(),
        cwd=project,
    )
    # The corpus has errors by design, so a non-zero code is expected; a traceback is not.
    if "Traceback" in proc.stderr:
        raise SystemExit(f"adversarial build crashed:\n{proc.stderr[-4000:]}")
    return proc.stdout + proc.stderr


def build(out: Path, docs: Path | None = None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, make in (("seed", build_seed), ("adversarial", build_adversarial)):
        project = out / f"{name}-project"
        if project.exists():
            subprocess.run(["rm", "-rf", str(project)], check=True)
        log = make(project, docs)
        (out / f"{name}.log").write_text(log, encoding="utf-8")
        print(f"{name}: built into {project / 'site'}")


def digests(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def compare(a: Path, b: Path) -> bool:
    same = True
    for name in SITES:
        left, right = digests(a / f"{name}-project" / "site"), digests(b / f"{name}-project" / "site")
        changed = sorted(k for k in left.keys() & right.keys() if left[k] != right[k])
        missing, extra = sorted(left.keys() - right.keys()), sorted(right.keys() - left.keys())
        identical = len(left.keys() & right.keys()) - len(changed)
        print(
            f"{name} site: {identical} files identical, {len(changed)} differ, "
            f"{len(missing)} missing, {len(extra)} extra"
        )
        for label, rows in (("differs", changed), ("missing", missing), ("extra", extra)):
            for rel in rows:
                print(f"  {label}: {rel}")
        same = same and not (changed or missing or extra) and identical > 0
    return same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    bld = sub.add_parser("build")
    bld.add_argument("out", type=Path)
    cmp = sub.add_parser("compare")
    cmp.add_argument("a", type=Path)
    cmp.add_argument("b", type=Path)
    chk = sub.add_parser("check")
    chk.add_argument("base", type=Path)
    for p in (bld, chk):
        p.add_argument("--docs", type=Path, help="the project's docs/ folder to build with (default: its own)")
    args = parser.parse_args()
    if args.command == "build":
        build(args.out, args.docs)
        return 0
    if args.command == "compare":
        return 0 if compare(args.a, args.b) else 1
    with tempfile.TemporaryDirectory(prefix="same-site-") as tmp:
        build(Path(tmp), args.docs)
        return 0 if compare(args.base, Path(tmp)) else 1


if __name__ == "__main__":
    raise SystemExit(main())
