"""A sources/ folder whose editor data is hostile: every field of a sidecar, the glossary, the
cleaner's rules and the URL registry carries markup, script, links with dangerous schemes,
template syntax, Markdown, path traversal and line breaks (tests/test_hardening.py).

The scrapes themselves are two seeds under hostile file names; what is tested here is everything
that reaches pages from the data files beside them (tags, titles, speakers, publishers, venues,
glossary entries, rule names and reasons, slugs), which other code than the document page writes.
"""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "sources"

# Each sets the flag the browser test looks for, or opens a dialog, or loads from outside.
PAYLOADS = [
    "<script>top.__dz_pwned=1;alert('script')</script>",
    "<img src=x onerror=top.__dz_pwned=1;alert('img')>",
    '"><svg onload=top.__dz_pwned=1>',
    "' onmouseover='top.__dz_pwned=1' x='",
    "javascript:top.__dz_pwned=1",
    "data:text/html,<script>top.__dz_pwned=1</script>",
    "[click](javascript:top.__dz_pwned=1)",
    "![pixel](https://evil.example/pixel.png)",
    "{{ config.extra }} {% include 'base.html' %}",
    "../../../../etc/passwd",
    "line one\nline two <b onclick=top.__dz_pwned=1>",
    "<a href=//evil.example/x>x</a>",
    "<iframe src=https://evil.example/></iframe>",
    "&lt;img src=x onerror=top.__dz_pwned=1&gt;",
    "__drawer",
]


def _each(prefix: str) -> list[str]:
    return [f"{prefix} {p}" for p in PAYLOADS]


def write(folder: Path) -> dict[str, str]:
    """Write the hostile sources into `folder`; returns {file name: what it is}."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    names = {
        # A file name that is itself markup (legal on every POSIX file system).
        "<img src=x onerror=top.__dz_pwned=1>.txt": seeds[0],
        "speech.txt": seeds[1],
        "'onfocus='top.__dz_pwned=1.txt": seeds[3],
        "printed.txt": seeds[2],  # its "Print E-mail" bar meets the hostile rule below
    }
    for name, seed in names.items():
        (folder / name).write_bytes(seed.read_bytes())
    # A sidecar with a payload in every field it has.
    sidecar = {
        "title_zh": PAYLOADS[0] + " 标题",
        "title_en": PAYLOADS[2],
        "date": "2017-12-03",
        "author": PAYLOADS[1],
        "role": PAYLOADS[3],
        "venue": PAYLOADS[10],
        "publisher": PAYLOADS[6],
        "source_url": PAYLOADS[4],
        "translation": "human",
        "tags": [*PAYLOADS, "../../index", "tags/../../../escape", "page", "index"],
        "keep": [PAYLOADS[0]],
        "drop": [PAYLOADS[1]],
    }
    (folder / "speech.yml").write_text(yaml.safe_dump(sidecar, allow_unicode=True), encoding="utf-8")
    second = {
        "author": PAYLOADS[13],
        "publisher": PAYLOADS[11],
        "source_url": PAYLOADS[5],
        "tags": [PAYLOADS[8], PAYLOADS[9]],
        "title_en": PAYLOADS[7],
    }
    (folder / "'onfocus='top.__dz_pwned=1.yml").write_text(
        yaml.safe_dump(second, allow_unicode=True), encoding="utf-8"
    )
    # A glossary whose every field is hostile; the zh forms occur in the seeds, so the entries
    # link from the texts and get occurrence pages.
    glossary = [
        {
            "zh": "网络空间",
            "en": [PAYLOADS[2], "cyberspace"],
            "variants": [PAYLOADS[6]],
            "kind": "term",
            "tag": True,
            "note": PAYLOADS[1] + " " + PAYLOADS[10],
        },
        {"zh": "互联网", "en": ["Internet", PAYLOADS[4]], "kind": "term", "note": PAYLOADS[8], "tag": True},
        {"zh": "网络主权", "en": "cyber sovereignty", "kind": "term", "note": PAYLOADS[12]},
        {"zh": "习近平", "en": "Xi Jinping", "kind": "person", "note": PAYLOADS[0], "tag": True},
        {"zh": "中国", "en": "China", "kind": "place", "note": PAYLOADS[7]},
        {"zh": PAYLOADS[14] + "词", "en": PAYLOADS[3], "kind": "event", "note": PAYLOADS[9]},
    ]
    (folder / "glossary.yml").write_text(yaml.safe_dump(glossary, allow_unicode=True), encoding="utf-8")
    # The cleaner's rules: kind ids and reasons reach every audit table.
    rules = {
        "kinds": {
            "x<script>top.__dz_pwned=1</script>": {
                "action": "remove",
                "reason": PAYLOADS[1] + " " + PAYLOADS[6],
                "patterns": ["^share this article$"],
            },
            "site.slogan": {"action": "remove", "reason": PAYLOADS[2], "patterns": ["^print e-mail$"]},
        }
    }
    (folder / "rules.yml").write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    # The URL registry: slugs and redirects from a pull request.
    registry = {
        "documents": {
            "speech.txt": {"slug": "../../<script>top.__dz_pwned=1</script>", "sha256": "0" * 64},
        },
        "redirects": {"old<img src=x onerror=top.__dz_pwned=1>": "javascript:top.__dz_pwned=1"},
    }
    (folder / "_published.yml").write_text(yaml.safe_dump(registry, allow_unicode=True), encoding="utf-8")
    return {name: "hostile file name or sidecar" for name in names}
