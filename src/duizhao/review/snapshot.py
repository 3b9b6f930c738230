"""The sources folder as it was at a git revision, for `duizhao review`.

`git archive` writes the folder into a temporary directory, the way a checkout would (no worktree
to register or clean up, nothing in the repository touched). The working tree is used as it is.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

WORKING_TREE = "working tree"


class GitError(Exception):
    """A git command failed; the message says which and why."""


def git(root: Path, *args: str) -> bytes:
    try:
        proc = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise GitError("git is not installed") from exc
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {' '.join(args)}: {message[-1] if message else 'failed'}")
    return proc.stdout


def repo_root(start: Path) -> Path:
    return Path(git(start, "rev-parse", "--show-toplevel").decode().strip())


@dataclass(frozen=True)
class Revision:
    label: str  # what the user asked for, e.g. "origin/main" or "working tree"
    commit: str  # full hash; "" for the working tree

    @property
    def short(self) -> str:
        return self.commit[:10]

    def __str__(self) -> str:
        if not self.commit:
            return self.label
        return self.label if self.label.startswith(self.short) else f"{self.label} ({self.short})"


def resolve(root: Path, rev: str | None) -> Revision:
    """A revision the user named (None: the working tree)."""
    if rev is None:
        return Revision(WORKING_TREE, "")
    try:
        commit = git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except GitError:
        commit = ""
    if not commit:
        raise GitError(f"{rev!r} is not a commit in this repository (try `git fetch`, or a branch name)")
    return Revision(rev, commit)


def sources_at(root: Path, rev: Revision, sources_dir: str, dest: Path) -> Path:
    """The sources folder at `rev`, written under `dest` (the working tree's folder is returned as
    it is). A revision without the folder gives an empty one: every document is then new."""
    if not rev.commit:
        return root / sources_dir
    out = dest / "sources"
    out.mkdir(parents=True, exist_ok=True)
    listed = git(root, "ls-tree", "--name-only", rev.commit, "--", sources_dir.rstrip("/"))
    if not listed.strip():
        return out
    data = git(root, "archive", "--format=tar", rev.commit, "--", sources_dir.rstrip("/"))
    prefix = sources_dir.strip("/") + "/"
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        members = []
        for member in tar.getmembers():
            if not member.name.startswith(prefix) or not (member.isfile() or member.isdir()):
                continue
            member.name = member.name[len(prefix) :]
            if member.name:
                members.append(member)
        tar.extractall(out, members=members, filter="data")
    return out


def head_commit(root: Path) -> str:
    """The checked-out commit, for saying which code built both revisions."""
    try:
        return git(root, "rev-parse", "HEAD").decode().strip()
    except GitError:
        return ""


def code_dirty(root: Path, paths: tuple[str, ...]) -> bool:
    """Whether the checkout's code has uncommitted changes (so the report can say so)."""
    try:
        return bool(git(root, "status", "--porcelain", "--", *paths).strip())
    except GitError:
        return False


def changed_paths(root: Path, base: Revision, head: Revision, paths: tuple[str, ...]) -> list[str]:
    """Files under `paths` that differ between the two revisions (head may be the working tree)."""
    args = ["diff", "--name-only", base.commit] + ([head.commit] if head.commit else []) + ["--", *paths]
    try:
        return [line for line in git(root, *args).decode().splitlines() if line]
    except GitError:
        return []
