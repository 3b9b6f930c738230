"""Editor data in sources/ (sidecars, rules.yml, glossary.yml, _published.yml) read as untrusted
as the scrapes: a regular file inside sources/, UTF-8 text, or refused with a message naming it.

A data file that is a symbolic link would publish whatever it points at (a file outside the
repository, the machine's secrets), so it is refused like a source that is one; a name the file
system cannot hold (over 255 bytes) simply has no data file.
"""

from __future__ import annotations

import errno
from pathlib import Path

from .model import Diagnostic, Level

# Largest data file read (a glossary of tens of thousands of entries is a few MB).
MAX_DATA_BYTES = 20_000_000


def exists(path: Path) -> bool:
    """Whether anything is at `path` (a link included); False for a name too long to exist."""
    try:
        return path.is_symlink() or path.exists()
    except OSError as exc:
        if exc.errno in (errno.ENAMETOOLONG, errno.ENOTDIR, errno.ELOOP):
            return False
        raise


def read(sources: Path, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """The text of data file `rel` (relative to sources/): None with no diagnostic when there is
    none, None with an error naming it when it cannot be taken."""
    path = sources / rel
    if not exists(path):
        return None, []

    def refuse(why: str) -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(Level.ERROR, rel, f"{why}; it is ignored")]

    if path.is_symlink():
        return refuse("is a symbolic link; editor data must be a regular file inside sources/")
    try:
        resolved, root = path.resolve(strict=True), sources.resolve(strict=True)
    except OSError as exc:
        return refuse(f"cannot be read ({exc.strerror or exc})")
    if root not in resolved.parents:
        return refuse("lies outside sources/ (through a linked folder)")
    if not path.is_file():
        return refuse("is not a regular file")
    try:
        if path.stat().st_size > MAX_DATA_BYTES:
            return refuse(f"is over the {MAX_DATA_BYTES:,}-byte limit for a data file")
        return path.read_bytes().decode("utf-8"), []
    except UnicodeDecodeError as exc:
        return refuse(f"cannot be read as UTF-8 text ({exc})")
    except OSError as exc:
        return refuse(f"cannot be read ({exc.strerror or exc})")
