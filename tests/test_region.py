"""The main-text region (region.py): main_run finds the run that runs() and the FIRST_SHARE rule
name, without finding every run (speed)."""

from __future__ import annotations

import random

from duizhao.clean import region


def _first_substantial(scores: list[float], walls: set[int]) -> region.Run | None:
    """main_run as defined: every run, then the first scoring a share of the best."""
    found = region.runs(scores, walls)
    if not found:
        return None
    top = max(r.score for r in found)
    return next(r for r in found if r.score >= region.FIRST_SHARE * top)


def test_main_run_is_the_first_run_scoring_a_share_of_the_best() -> None:
    rng = random.Random(17)
    steps = [-2.0, -4.0, -6.0, -8.0, -10.0, 0.5, 1.0]
    checked = 0
    for _ in range(4000):
        n = rng.randint(0, 120)
        scores = [
            rng.choice(steps) if rng.random() < 0.7 else round(rng.uniform(0.5, 60.0), 1) for _ in range(n)
        ]
        walls = {i for i in range(n) if rng.random() < 0.05}
        expected = _first_substantial(scores, walls)
        assert region.main_run(scores, walls) == expected, (scores, walls)
        checked += expected is not None and expected != region._best(scores, 0, n, walls)
    assert checked > 100  # often an earlier, smaller run is the main one


def test_main_run_through_a_thousand_runs_before_the_best_does_not_recurse() -> None:
    """Runs growing towards the end: each range's best run is its last, so the runs before it
    are searched one inside the other, 1,500 deep (past Python's recursion limit)."""
    scores: list[float] = []
    for k in range(1500):
        scores += [10.0 + k, -5000.0]
    expected = _first_substantial(scores, set())
    assert expected is not None and expected.start > 800
    assert region.main_run(scores) == expected
