"""The core's modules import one another in one direction (issue 18): no cycle, and no import from a
later stage, even through an import made inside a function or for type checking only (a name a
module's annotations need belongs below it, or the layering is only on paper).

The folder tree is the architecture: each stage is a package (vocab, read, clean, meta, align, link,
publish, review) and LAYERS says which comes first; the modules at the top of the package are
either shared below every stage (model, script...) or orchestrate the stages (pipeline, site...)."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "src" / "duizhao"

# Each unit (a stage package, or a top-level module) with its layer: a module may import only from
# its own unit or from units in the same or a lower layer. Top-level modules of one layer may
# import each other; stage packages each have their own layer.
LAYERS: dict[str, int] = {
    # shared by every stage: the data model and small helpers with no knowledge of a stage
    "duizhao": 0,
    "model": 0,
    "script": 0,
    "datafile": 0,
    "urls": 0,
    "paging": 0,
    "settings": 0,
    "memo": 0,
    "markup": 0,
    "data": 0,  # (resource folders: vocabulary files, the theme's assets)
    "static": 0,
    # the stages, in the order the data flows
    "vocab": 1,
    "read": 2,
    "clean": 3,
    "meta": 4,
    "align": 5,
    "link": 6,
    "publish": 7,
    # the orchestrators: the document cache, the per-document pipeline, one build's site, its export
    "cache": 8,
    "slugs": 8,
    "workers": 8,
    "cluster": 8,
    "pipeline": 8,
    "site": 8,
    "incremental": 8,
    "export": 8,
    # above a build: two builds compared; then the command line over everything
    "review": 9,
    "cli": 10,
    "commands": 10,
}


def modules() -> dict[str, Path]:
    """Dotted name (under duizhao) -> file, for every module; a package is its __init__."""
    out = {}
    for path in sorted(CORE.rglob("*.py")):
        parts = list(path.relative_to(CORE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(["duizhao", *parts])] = path
    return out


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The core modules `name` imports: relative imports, at any depth of the file (inside
    functions and `if TYPE_CHECKING:` included), and absolute `duizhao...` ones."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def target(base: str, attr: str) -> str:
        # `from base import attr`: a submodule if there is one, else the module `base` itself
        return f"{base}.{attr}" if f"{base}.{attr}" in known else base

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            if base == "duizhao" or base.startswith("duizhao."):
                found.update(target(base, a.name) for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("duizhao"))
    return {f for f in found if f in known} - {name}


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(name, path, set(found)) for name, path in found.items()}


def unit(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph (as a path that returns to its start), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := walk(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := walk(node)):
            return found
    return None


def upward(edges: dict[str, set[str]]) -> list[str]:
    """Every import of a unit from a unit in a higher layer, as 'a -> b'."""
    return sorted(
        f"{a} -> {b}"
        for a, targets in edges.items()
        for b in targets
        if unit(a) != unit(b) and LAYERS[unit(b)] > LAYERS[unit(a)]
    )


def test_the_checker_finds_a_cycle() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_the_checker_finds_an_upward_import() -> None:
    assert upward({"duizhao.link.link": {"duizhao.publish.render", "duizhao.model"}}) == [
        "duizhao.link.link -> duizhao.publish.render"
    ]
    assert upward({"duizhao.publish.render": {"duizhao.link.link", "duizhao.publish.paging"}}) == []


def test_every_module_has_a_layer() -> None:
    assert sorted({unit(name) for name in modules()} - set(LAYERS)) == []


def test_the_core_imports_in_one_direction() -> None:
    edges = graph()
    # (the walk sees every kind of import: a function's, a type checker's, a package's module)
    assert "duizhao.read.extract" in edges["duizhao.clean.clean"]
    assert "duizhao.link.link" in edges["duizhao.publish.render"]
    assert {"duizhao.read.lines", "duizhao.model"} <= edges["duizhao.read.extract"]
    assert cycle(edges) is None, " -> ".join(cycle(edges) or [])
    assert upward(edges) == []


def test_the_core_never_imports_mkdocs() -> None:
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and node.level == 0
                else []
            )
            assert not any(n == "mkdocs" or n.startswith("mkdocs.") for n in names), path.name
