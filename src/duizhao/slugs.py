"""Document addresses: a slug per source file, stable across builds. The URL registry
(sources/_published.yml) is authoritative for published documents; the others take their file
name's slug, made unique."""

from __future__ import annotations

import re
import unicodedata

from .model import Diagnostic, Level
from .publish import registry

# A slug keeps letters and digits of any script (a Chinese file name gives a Chinese address, not
# "document", "document-2"...), "_" and "-"; everything else becomes "-".
SLUG_UNSAFE = re.compile(r"[^\w-]+")
# Why 120 bytes: a slug is a folder name (at most 255 bytes on common file systems), with room for
# a "-2" suffix; a file in a subfolder joins both names into one slug.
SLUG_MAX_BYTES = 120
# Slugs no document may take: texts/index.md is the documents index page.
RESERVED_SLUGS = frozenset({"index"})


def slugify(stem: str) -> str:
    slug = SLUG_UNSAFE.sub("-", unicodedata.normalize("NFKC", stem).lower()).strip("-")
    slug = slug.encode("utf-8")[:SLUG_MAX_BYTES].decode("utf-8", "ignore").strip("-")
    return slug or "document"


def _unique_slugs(names: list[str], reserved: set[str] | frozenset[str] = frozenset()) -> dict[str, str]:
    """File name -> slug; two files that slugify alike get -2, -3… in name order, and no file takes
    a reserved slug (one the registry gives to another document or keeps as a redirect)."""
    taken: dict[str, int] = {}
    out: dict[str, str] = {}
    for name in sorted(names):
        stem = name.rsplit(".", 1)[0].replace("/", "-")
        base = slug = slugify(stem)
        n = taken.get(base, 1)
        while slug in taken or slug in reserved:
            n += 1
            slug = f"{base}-{n}"
        taken[base] = n
        taken.setdefault(slug, 1)
        out[name] = slug
    return out


def assign_slugs(names: list[str], reg: registry.Registry) -> dict[str, str]:
    """The registry is authoritative for published documents; the others get a slug from their
    file name that no registered or retired address uses."""
    fixed = {n: reg.entries[n].slug for n in names if n in reg.entries}
    free = [n for n in names if n not in fixed]
    return fixed | _unique_slugs(free, reg.reserved() | RESERVED_SLUGS | set(fixed.values()))


def slug_collisions(slugs: dict[str, str]) -> list[Diagnostic]:
    """A warning for every file that did not get its own name's address because another file has
    it: which of the two gets it depends on the other names, so the address is not stable."""
    owner = {slug: name for name, slug in slugs.items()}
    out = []
    for name, slug in sorted(slugs.items()):
        natural = slugify(name.rsplit(".", 1)[0].replace("/", "-"))
        other = owner.get(natural)
        if slug != natural and other is not None and other != name:
            out.append(
                Diagnostic(
                    Level.WARNING,
                    name,
                    f"same address as {other} (texts/{natural}/), so this document is at "
                    f"texts/{slug}/; rename one of them, or record both addresses with `duizhao urls --write`",
                )
            )
    return out

