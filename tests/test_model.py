"""The model's dataclasses behave as plain frozen dataclasses, hand-written parts included."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from duizhao.model import Removal


def test_removal_init_takes_exactly_its_fields_in_order_with_their_defaults() -> None:
    """Removal writes its own __init__ (speed): it must stay the one dataclass would generate."""
    params = list(inspect.signature(Removal.__init__).parameters.values())[1:]
    fields = dataclasses.fields(Removal)
    assert [p.name for p in params] == [f.name for f in fields]
    assert [p.default for p in params] == [
        inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default for f in fields
    ]


def test_removal_is_frozen_comparable_hashable_and_survives_replace_and_pickle() -> None:
    r = Removal(3, "Print | E-mail", "widget.tools", "a page tool")
    assert (r.line, r.text, r.rule, r.reason, r.action) == (
        3,
        "Print | E-mail",
        "widget.tools",
        "a page tool",
        "removed",
    )
    assert r == Removal(line=3, text="Print | E-mail", rule="widget.tools", reason="a page tool")
    assert r != Removal(3, "Print | E-mail", "widget.tools", "a page tool", "metadata")
    assert len({r, Removal(3, "Print | E-mail", "widget.tools", "a page tool")}) == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.text = "changed"  # type: ignore[misc]
    altered = dataclasses.replace(r, action="altered")
    assert altered.action == "altered" and altered.text == r.text and r.action == "removed"
    assert pickle.loads(pickle.dumps(r)) == r
    assert dataclasses.asdict(r)["rule"] == "widget.tools"
    assert repr(r).startswith("Removal(line=3, text='Print | E-mail'")
