"""sources/rules.yml: the user's rules extend the bundled ones; every mistake in the file is an
error or warning naming it (and the line where YAML tells it), and what is valid still applies."""

from __future__ import annotations

from pathlib import Path

from duizhao.clean import clean
from duizhao.model import Level
from duizhao.read import ingest
from duizhao.vocab.rules import USER_RULES_FILE, load_rules, rule_source

from .helpers import raw

RULES = """\
kinds:
  site.banner:
    reason: the site's banner line
    patterns: ['^Visit the Example Portal for more$']
  broken.regex:
    patterns: ['(unclosed']
  odd.action:
    action: shout
    patterns: ['^x$']
signoff: ['^Yours in [a-z]+$', '[bad']
caption: just a string
colour: blue
"""


def test_user_rules_apply_and_every_mistake_is_reported(tmp_path: Path) -> None:
    (tmp_path / USER_RULES_FILE).write_text(RULES, encoding="utf-8")
    found = rule_source(tmp_path)
    rules = load_rules(tmp_path)
    assert [str(d) for d in rules.diagnostics] == [str(d) for d in found.diagnostics]
    messages = {d.message: d for d in found.diagnostics}
    assert all(d.path == USER_RULES_FILE for d in found.diagnostics)
    assert any("broken.regex" in m and "invalid pattern" in m for m in messages)
    assert any("odd.action" in m and "action must be one of" in m for m in messages)
    assert any("'[bad'" in m for m in messages)
    caption = next(d for m, d in messages.items() if m.startswith("caption must be a list"))
    assert caption.level is Level.ERROR and caption.line == 11
    assert messages["unknown key 'colour'"].level is Level.WARNING

    text = "A title\n\nThe first paragraph of the text, long enough to be body text.\n\nVisit the Example Portal for more\n"
    cleaned = clean.clean(ingest.decode(raw(text)), rules)
    assert "Example Portal" not in "\n".join(b.text for b in cleaned.blocks)
    assert any(r.rule == "site.banner" and r.reason == "the site's banner line" for r in cleaned.removals)
    assert {k.id for k in rules.kinds} >= {"site.banner"} and "broken.regex" not in {
        k.id for k in rules.kinds
    }


def test_rules_fingerprint_follows_the_file(tmp_path: Path) -> None:
    before = rule_source(tmp_path).fingerprint
    (tmp_path / USER_RULES_FILE).write_text(RULES, encoding="utf-8")
    after = rule_source(tmp_path)
    assert before != after.fingerprint == load_rules(tmp_path).fingerprint


def test_unreadable_rules_file_is_an_error_and_the_bundled_rules_still_apply(tmp_path: Path) -> None:
    (tmp_path / USER_RULES_FILE).write_bytes(b"kinds: \xff\xfe\n")
    rules = load_rules(tmp_path)
    assert any(d.level is Level.ERROR and "UTF-8" in d.message for d in rules.diagnostics)
    assert rules.kinds  # the bundled kinds
