"""Module and function sizes (issue 18): scripts/sizes.py lists modules over 400 lines and functions
over 60; every module of the core (each stage package, publish/ and read/ among them, and the
modules above them) must stay within both limits."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "src" / "duizhao"
_spec = importlib.util.spec_from_file_location("sizes", ROOT / "scripts" / "sizes.py")
assert _spec is not None and _spec.loader is not None
sizes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sizes)


def test_the_core_stays_within_the_limits() -> None:
    """Every module of the core (every stage package and the modules above them): no module over
    400 lines, no function over 60, unless it is a catalogue that says why at its top."""
    over, catalogues = sizes.report([CORE])
    assert over == []
    for line in catalogues:
        path = ROOT / line.split(":")[0]
        head = path.read_text(encoding="utf-8").splitlines()[:15]
        reason = next(x for x in head if x.startswith(sizes.CATALOGUE))
        assert len(reason) > len(sizes.CATALOGUE) + 10, f"{line}: the catalogue says why"


def test_the_script_finds_long_functions_and_honours_a_catalogue(tmp_path: Path) -> None:
    body = "\n".join(f"        x{i} = {i}" for i in range(60))
    text = f"def short():\n    return 1\n\n\nclass C:\n    def long(self):\n{body}\n"
    assert sizes.long_functions(text) == [("C.long", 6, 61)]
    big = tmp_path / "big.py"
    big.write_text("x = 1\n" * 401)
    assert sizes.report([big]) == ([f"{big.resolve()}: 401 lines"], [])
    big.write_text("# Catalogue: one entry a line, read top to bottom.\n" + "x = 1\n" * 401)
    assert sizes.report([big]) == ([], [f"{big.resolve()}: 402 lines"])
