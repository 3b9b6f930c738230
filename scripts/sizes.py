"""Modules over 400 lines and functions over 60 lines in the core (issue 18), found with ast.

    python scripts/sizes.py                 # every module of src/duizhao
    python scripts/sizes.py src/duizhao/clean src/duizhao/cli.py   # some of them

A module may exceed the limit only as a catalogue: a comment at its top (in its first 15 lines) that
starts with `# Catalogue:` and says why. Such modules are listed apart. Exits 1 when anything else
is over a limit.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "src" / "duizhao"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
CATALOGUE = "# Catalogue:"


def is_catalogue(text: str) -> bool:
    return any(line.startswith(CATALOGUE) for line in text.splitlines()[:15])


def long_functions(text: str) -> list[tuple[str, int, int]]:
    """(qualified name, first line, length in lines) of every function longer than the limit; a
    function's length runs from its `def` (decorators not counted) to its last line."""
    found: list[tuple[str, int, int]] = []

    def walk(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    length = (child.end_lineno or child.lineno) - child.lineno + 1
                    if length > MAX_FUNCTION_LINES:
                        found.append((name, child.lineno, length))
                walk(child, name + ".")
            else:
                walk(child, prefix)

    walk(ast.parse(text), "")
    return found


def report(paths: list[Path]) -> tuple[list[str], list[str]]:
    """(lines over a limit, catalogue modules over the module limit), paths relative to the root."""
    over: list[str] = []
    catalogues: list[str] = []
    files = sorted({f for p in paths for f in ([p] if p.is_file() else p.rglob("*.py"))})
    for path in files:
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        full = path.resolve()
        name = full.relative_to(ROOT).as_posix() if full.is_relative_to(ROOT) else str(full)
        if lines > MAX_MODULE_LINES:
            (catalogues if is_catalogue(text) else over).append(f"{name}: {lines} lines")
        for func, line, length in long_functions(text):
            over.append(f"{name}:{line} {func}: {length} lines")
    return over, catalogues


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or [CORE]
    over, catalogues = report(paths)
    print(f"Over the limits (modules > {MAX_MODULE_LINES} lines, functions > {MAX_FUNCTION_LINES}):")
    print("\n".join(f"  {x}" for x in over) or "  none")
    if catalogues:
        print("Catalogues (allowed, the reason at their top):")
        print("\n".join(f"  {x}" for x in catalogues))
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
