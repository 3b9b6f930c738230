"""The GitHub Actions workflows: actionlint (with shellcheck for run: scripts) and what they must do."""

from __future__ import annotations

import subprocess

import yaml

from .conftest import BIN, ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))


def test_actionlint_passes() -> None:
    assert WORKFLOWS
    proc = subprocess.run(
        [str(BIN / "actionlint"), "-shellcheck", str(BIN / "shellcheck"), *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_would_catch_a_broken_workflow(tmp_path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n      - run: echo $UNQUOTED\n',
        encoding="utf-8",
    )
    proc = subprocess.run(
        [str(BIN / "actionlint"), "-shellcheck", str(BIN / "shellcheck"), str(broken)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert "potentially untrusted" in proc.stdout and "shellcheck" in proc.stdout


def _steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def test_pull_requests_test_build_review_and_upload_the_site() -> None:
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    triggers = ci[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = _steps(ci["jobs"]["build"])
    runs = "\n".join(s.get("run", "") for s in steps)
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the review needs the base branch
    assert "make test" in runs and "make site" in runs  # make site builds with --strict
    review = next(s for s in steps if "duizhao review" in s.get("run", ""))
    assert "pull_request" in review["if"]
    assert '"origin/$BASE_REF"' in review["run"] and review["env"]["BASE_REF"] == "${{ github.base_ref }}"
    assert 'cat review.md >> "$GITHUB_STEP_SUMMARY"' in review["run"] and 'exit "$status"' in review["run"]
    uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert {u["with"]["name"] for u in uploads} == {"site", "review", "offline"}


def test_main_deploys_to_pages_with_nojekyll() -> None:
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    build_steps = _steps(ci["jobs"]["build"])
    nojekyll = next(s for s in build_steps if ".nojekyll" in s.get("run", ""))
    assert "refs/heads/main" in nojekyll["if"]
    pages = next(s for s in build_steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert pages["with"]["path"] == "site/" and pages["with"]["include-hidden-files"] is True
    deploy = ci["jobs"]["deploy"]
    assert deploy["needs"] == "build" and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in _steps(deploy))
