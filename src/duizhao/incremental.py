"""Which pages a rebuild into the same site folder must write again (`mkdocs serve --dirty`).

After one edit to a source, its sidecar or a rule file, the site builder (duizhao.site) already
knows every generated file's new content; most are what the last build wrote. A page whose output
depends only on inputs that did not change is left as it is on disk; every other one is rendered
and written again. A page's inputs are:
- its own content (the Markdown or bytes the builder made, a hand-written page's text), and what
  the hook adds to it (a document page's edit and view buttons, the document list of a
  hand-written page): its digest;
- the frame every page shares (the settings that reach the theme, the theme's files and overrides,
  the hook, the code, the list of pages): a change there renders every page again;
- the pages in the navigation (a fixed handful) are always rendered: every page's navigation shows
  their titles, which MkDocs reads from the rendered page.
A file the last build wrote that this one no longer makes (a document withdrawn) is deleted.

Nothing here touches MkDocs: the hook hands over paths and contents, and asks which are unchanged.
The record of the last build lives in this module (the hook module is loaded again on every
`mkdocs serve` rebuild, this package is not), by site folder, and only for a build that finished.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import code_version

if TYPE_CHECKING:
    from .site import Site


@dataclass(frozen=True)
class Output:
    """One file a build writes: where, and the digest of everything it shows."""

    dest: str
    digest: str


@dataclass
class Record:
    frame: str
    outputs: dict[str, Output]


# The last finished build, by site folder.
_LAST: dict[str, Record] = {}


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))  # (lengths first: no two lists share a digest)
        h.update(data)
    return h.hexdigest()


def frame(settings: list[str], watched: list[Path], paths: list[str]) -> str:
    """The digest of what every page shares: `settings` (as text), the files under `watched`
    (by path, size and time: a theme or override edit), this package's code and the page list."""
    stamps = []
    for root in watched:
        found = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in found:
            st = path.stat()
            stamps.append(f"{path}\0{st.st_size}\0{st.st_mtime_ns}")
    return digest(*settings, *stamps, code_version(), *sorted(paths))


@dataclass
class Selection:
    """The plan for one build into `site_dir`: `unchanged` pages keep what is on disk."""

    site_dir: str
    frame: str
    outputs: dict[str, Output]
    unchanged: set[str] = field(default_factory=set)
    stale: list[str] = field(default_factory=list)  # files of the last build this one does not make

    def finish(self) -> None:
        """The build finished: delete the stale files and remember what is on disk now."""
        root = os.path.realpath(self.site_dir)
        for dest in self.stale:
            real = os.path.realpath(dest)
            if real.startswith(root + os.sep):  # (never outside the site folder)
                Path(real).unlink(missing_ok=True)
        _LAST[self.site_dir] = Record(self.frame, self.outputs)


def select(site_dir: str, frame_digest: str, outputs: dict[str, Output], always: set[str]) -> Selection:
    """Which of `outputs` (path -> where it is written, digest of its inputs) are unchanged since
    the last finished build into `site_dir` and still on disk; `always` are rendered anyway."""
    chosen = Selection(site_dir, frame_digest, outputs)
    last = _LAST.pop(site_dir, None)  # (a build that fails leaves no record: the next one is whole)
    if last is None:
        return chosen
    chosen.stale = [out.dest for path, out in last.outputs.items() if path not in outputs]
    if last.frame != frame_digest:
        return chosen
    for path, out in outputs.items():
        before = last.outputs.get(path)
        if path in always or before is None or before != out:
            continue
        if os.path.isfile(out.dest):
            chosen.unchanged.add(path)
    return chosen


def plan(
    site_dir: str,
    frame_digest: str,
    built: Site,
    dests: dict[str, str],
    written: dict[str, str],
    always: set[str],
) -> Selection:
    """`select` over a build's files: `dests` where each generated file and hand-written page
    (`written`: path -> Markdown) is written; a page's digest covers its content and what the hook
    adds to it (its buttons, the document list)."""
    made = {m.path: m.content for m in built.files}
    outputs = {}
    for path, dest in dests.items():
        content = made.get(path, written.get(path))
        if content is None:
            continue
        extra = (repr(built.actions.get(path)), built.homes.get(path, ""))
        outputs[path] = Output(dest, digest(path, content, *extra))
    return select(site_dir, frame_digest, outputs, always)
