"""The Nu HTML checker (vnu.jar from npm's vnu-jar, on the system's Java) over built pages: every
message is one of the theme's own known issues (tests/vnu-known.yml, each with its reason)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, Site

pytestmark = pytest.mark.slow

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
KNOWN = yaml.safe_load((ROOT / "tests" / "vnu-known.yml").read_text(encoding="utf-8"))["known"]


def check(*sites: Path) -> list[dict]:
    """Every message of the checker (errors, warnings and notes) for the HTML files of `sites`."""
    java = shutil.which("java")
    assert java, "Java is missing: `make test` installs it (scripts/ensure-java.sh)"
    assert VNU.is_file(), "vnu.jar is missing: `make test` installs it (npm ci)"
    proc = subprocess.run(
        [java, "-Xss8m", "-jar", str(VNU), "--format", "json", "--skip-non-html", "--exit-zero-always",
         *map(str, sites)],
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stderr)["messages"]


def unexplained(messages: list[dict]) -> list[str]:
    def known(m: dict) -> bool:
        return any(
            re.search(k["message"], m["message"]) and k["extract"] in m.get("extract", "") for k in KNOWN
        )

    return [f"{m['url']}:{m.get('lastLine')}: {m['type']}: {m['message']}" for m in messages if not known(m)]


def test_known_issues_say_why() -> None:
    assert KNOWN and all(k.get("why") and k.get("message") and k.get("extract") for k in KNOWN)


def test_seed_and_reader_sites_are_valid_html(seed_site, reader_site) -> None:
    messages = check(seed_site.site, reader_site.site)
    assert not unexplained(messages), unexplained(messages)[:20]
    # The known issue is really there: the filter is not hiding a checker that found nothing.
    assert messages


def test_adversarial_site_is_valid_html(adversarial: Site) -> None:
    problems = unexplained(check(adversarial.site))
    assert not problems, problems[:20]
