"""The adversarial corpus (tests/adversarial) through a real MkDocs build, with the network closed.

Every case has the outcome its manifest gives (ok, warn naming the file, reject naming the file),
and on every input: no traceback, no request, every character of the source on the page or in its
audit (read from the published HTML, so after the sanitiser), nothing but the allow-list in the
page's markup. Speed is not judged here: `make bench-harden` reports each file's time against its
budget; the suite only guards against a hang.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.parse
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import Script, Stylesheet, TemplateString

from duizhao.publish import sanitize
from duizhao.read import ingest, read_warc
from duizhao.read.extract import NOT_TEXT

from .adversarial import corpus
from .conftest import ROOT, Site, env

CASES = corpus.cases()
# Text of our own on a page (labels, notices, buttons), not from the source.
OWN_TEXT = ".dz-label, .dz-missing, .dz-permalink, .dz-flag, .dz-sr, .dz-origin"
# Attributes whose value is text for people (or for our script), never a name or an address.
TEXT_ATTRIBUTES = {"title", "aria-label"}


def soup(path: Path) -> BeautifulSoup:
    # lxml: the 100,000-line case's audit makes a page of megabytes, slow for Python's parser.
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def squash(text: str) -> str:
    return " ".join(text.split())


def test_manifest_is_complete() -> None:
    names = [c.file for c in CASES]
    assert len(names) == len(set(names)), "a case is listed twice"
    for case in CASES:
        assert case.why, case.file
        assert case.outcome != "ok" or not case.says, case.file
        assert case.outcome == "ok" or case.says, f"{case.file}: say what the message must say"
    # Every hand-written file is a case.
    listed = {c.file for c in CASES if not c.make and c.text is None}
    assert {p.name for p in corpus.FILES.iterdir()} == listed


def test_build_has_no_traceback_and_makes_no_request(adversarial: Site) -> None:
    assert adversarial.returncode == 0, adversarial.log[-3000:]
    assert "Traceback" not in adversarial.log, adversarial.log[-3000:]
    assert "NETWORK ATTEMPT" not in adversarial.log, adversarial.log
    assert "internal error" not in adversarial.log, adversarial.log
    # sidecar-python.yml asks YAML to run `touch duizhao-pwned`: sidecars are read as data only.
    assert not list(adversarial.root.rglob("duizhao-pwned"))


@pytest.mark.parametrize("case", CASES, ids=[c.file[:40] for c in CASES])
def test_outcome(adversarial: Site, case: corpus.Case) -> None:
    warnings = adversarial.messages(case.file, "WARNING")
    errors = adversarial.messages(case.file, "ERROR")
    page = adversarial.pages.get(case.file) or _archived(adversarial, case.file)
    if case.outcome == "reject":
        assert page is None, f"{case.file} was rejected but has a page"
        assert any(re.search(case.says, e) for e in errors), (case.says, errors, warnings)
        return
    assert (page is not None) == case.page, (errors, warnings)
    assert not errors, errors
    if case.outcome == "ok":
        assert not warnings, warnings
    else:
        assert any(re.search(case.says, w) for w in warnings), (case.says, warnings)
    if page is None:
        return
    # (a long text continues on part pages)
    docs = [soup(p).select_one(".dz-doc") for p in _every_page(adversarial, case.file)]
    text = " ".join(squash(d.get_text()) for d in docs)
    for wanted in case.shows:
        assert squash(wanted) in text, wanted
    markup = "\n".join(_markup(d) for d in docs)
    for unwanted in case.never:
        assert unwanted not in markup, unwanted


def _archived(site: Site, name: str) -> Path | None:
    """The first page of a web archive's (its pages are sources named `<archive>/<nnnn>-….html`)."""
    return next((p for source, p in site.pages.items() if source.startswith(name + "/")), None)


def _every_page(site: Site, name: str) -> list[Path]:
    """Every page made from a source, or from the pages a web archive holds."""
    found = site.every_page.get(name, [])
    return found or [p for source, pages in site.every_page.items() if source.startswith(name + "/") for p in pages]


def _markup(root: Tag) -> str:
    """Every element and attribute under `root`, without the text: what a browser would act on."""
    parts = []
    for el in [root, *root.find_all(True)]:
        attrs = " ".join(
            f"{k}=…"
            if k.startswith("data-") or k in TEXT_ATTRIBUTES
            else f'{k}="{" ".join(v) if isinstance(v, list) else v}"'
            for k, v in el.attrs.items()
        )
        parts.append(f"<{el.name} {attrs}>")
    return "\n".join(parts)


# (A web archive's pages are checked by test_outcome; their bytes are records, not a file to decode.)
@pytest.mark.parametrize(
    "case",
    [c for c in CASES if c.outcome != "reject" and c.page and not read_warc.is_archive(c.file)],
    ids=lambda c: c.file[:40],
)
def test_every_character_is_on_the_page_or_in_its_audit(adversarial: Site, case: corpus.Case) -> None:
    """The source's text (decoded; for HTML, what a browser would show as text, scripts and
    styles included) against the published page's text from the source: its paragraphs and the
    audit's Text column. Spaces aside, no character may be missing."""
    path = adversarial.root / "sources" / case.file
    decoded = ingest.decode(ingest.read_source(path, path.parent))
    reference = _html_text(decoded.text) if decoded.kind == "html" else decoded.text
    shown: list[str] = []
    audited: list[str] = []
    # The page, the later parts of a long text and the audit pages of a long audit.
    pages = adversarial.every_page[case.file]
    assert adversarial.pages[case.file] in pages
    for page in pages:
        html = soup(page)
        for own in html.select(OWN_TEXT):
            own.decompose()
        shown += [cell.get_text() for cell in html.select(".dz-cell")]
        table = html.select_one(".dz-audit-table tbody")
        rows = table.find_all("tr", recursive=False) if table is not None else []
        audited += [row.find_all("td", limit=4)[3].get_text() for row in rows]
    missing = _chars(reference) - _chars("".join(shown + audited))
    assert not missing, f"{sum(missing.values())} characters lost: {dict(missing.most_common(12))}"


def _html_text(markup: str) -> str:
    """What a browser shows of a page as text: every text node but comments, declarations, and
    the code of scripts, style sheets and templates."""
    tree = BeautifulSoup(markup, "html.parser")
    hidden = (Comment, Script, Stylesheet, TemplateString, *NOT_TEXT)
    return "".join(s for s in tree.find_all(string=True) if not isinstance(s, hidden))


def _chars(text: str) -> Counter:
    return Counter(ch for ch in text if not ch.isspace())


def test_invisible_characters_are_named_in_the_audit(adversarial: Site) -> None:
    notes = " ".join(
        li.get_text() for li in soup(adversarial.pages["invisible.txt"]).select(".dz-audit-note")
    )
    for code in ("U+200B", "U+00AD", "U+202E ×2", "U+2067", "U+E0041", "U+FEFF"):
        assert code in notes, code
    text = soup(adversarial.pages["invisible.txt"]).select_one(".dz-text").get_text()
    assert "\u202e" not in text and "\u200b" not in text


def test_pages_hold_only_the_allow_list(adversarial: Site) -> None:
    """On every page of the site: no event handler, no link or resource outside http, https,
    mailto and the site itself, the same scripts on every document page (the theme's and ours),
    and inside the document only our elements, classes and ids."""
    reference_scripts = None
    for path in sorted(adversarial.site.rglob("*.html")):
        html = soup(path)
        where = path.relative_to(adversarial.site)
        for el in html.find_all(True):
            for name, value in el.attrs.items():
                assert not name.lower().startswith("on"), (where, el.name, name)
                if name in ("href", "src", "action", "formaction", "data", "poster", "srcset"):
                    assert sanitize.url_allowed(str(value)), (where, el.name, name, value)
        ids = Counter(el["id"] for el in html.find_all(id=True))
        assert not [i for i, n in ids.items() if n > 1], (where, ids.most_common(3))
        doc = html.select_one(".dz-doc")
        if doc is None:
            continue
        # (the same on pages at any depth: relative addresses are written from the page's folder)
        scripts = [
            (
                re.sub(r"^(\.\./)+", "", s.get("src") or ""),
                re.sub(r"\.\.?(?:/\.\.)*/?", "", s.get_text()),
            )
            for s in html.find_all("script")
        ]
        reference_scripts = reference_scripts or scripts
        assert scripts == reference_scripts, where
        for el in [doc, *doc.find_all(True)]:
            assert el.name in sanitize.TAGS, (where, el.name)
            assert all(sanitize.CLASS_TOKEN.match(c) for c in el.get("class", [])), (where, el)
            assert el.get("id") is None or sanitize.ID_PATTERN.match(el["id"]), (where, el["id"])
            assert set(el.attrs) <= sanitize.ATTRIBUTES["*"] | sanitize.ATTRIBUTES.get(el.name, set())


def test_the_sanitiser_changes_nothing_render_wrote(adversarial: Site) -> None:
    """render escapes all source text, so the allow-list pass must be a no-op on its output: a
    difference would mean render wrote something the allow-list does not know (or lost text)."""
    from duizhao import paging, pipeline
    from duizhao.publish import render

    built = pipeline.build_corpus(adversarial.root / "sources")
    settings = render.Settings(repo_url="https://github.com/duizhao/duizhao", site_url="https://example.org/")
    for doc in pipeline.published(built):
        for part in range(1, len(paging.parts(doc)) + 1):
            written = render.document_html(doc, settings, part=part)
            assert _events(sanitize.clean(written)) == _events(written), (doc.source.name, part)


class _Events(HTMLParser):
    """A fragment as the sequence a browser's parser sees: tags with their attributes, and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.out.append((tag, sorted((k, v or "") for k, v in attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.out.append(("/", tag))

    def handle_data(self, data: str) -> None:
        if self.out and isinstance(self.out[-1], str):
            self.out[-1] += data
        else:
            self.out.append(data)


def _events(markup: str) -> list:
    parser = _Events()
    parser.feed(markup)
    parser.close()
    return parser.out


# A hang guard, not a budget (that is `make bench-harden`): twelve times the 10 s budget per file,
# so that only a file that never finishes fails, however busy the machine is.
HANG_GUARD = 120


def test_every_file_finishes_alone(adversarial: Site) -> None:
    """Each source alone through the per-document pipeline in a worker process, which is killed
    only when a file gives no answer within the hang guard; no file may raise."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "harden.py"), "--sources", str(adversarial.root / "sources"),
         "--runs", "1", "--json", "--hang-guard", str(HANG_GUARD)],
        capture_output=True,
        text=True,
        env=env(),
        timeout=1800,  # the whole run: a hang guard too
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)
    sources = {c.file for c in CASES if ingest.source_kind(c.file) and c.make != "symlink"}
    assert {r["name"] for r in results} == sources
    failed = {r["name"]: r["error"] for r in results if r["error"]}
    assert not failed, failed


# ---- In Chromium: nothing runs, nothing is fetched -----------------------------------------------

# Every element of the page's content receives these, as a reader's pointer, keyboard and CSS
# would send them: an injected handler of any kind would run.
EVENTS = [
    "mouseover", "mouseenter", "mousemove", "mousedown", "mouseup", "pointerover", "pointerenter",
    "pointerdown", "focus", "focusin", "blur", "keydown", "animationstart", "transitionend",
    "toggle", "load", "error",
]  # fmt: skip
# At most this many elements of a page receive the synthetic events (sentences last): the megabyte
# pages have tens of thousands, and the reader's own handlers then make the probe quadratic.
PROBE_MAX = 600
PROBE = """([events, most]) => {
  const all = Array.from(document.querySelectorAll('.md-content, .md-content *'));
  const els = all.filter(e => !e.matches('.dz-s')).concat(all.filter(e => e.matches('.dz-s')))
    .slice(0, most);
  for (const el of els) {
    for (const type of events) el.dispatchEvent(new Event(type, {bubbles: true}));
    // clicks, except on links (which would leave the page: their targets are checked statically)
    if (!el.closest('a')) el.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}));
  }
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  return els.length;
}"""


@pytest.mark.browser
def test_no_script_runs_and_nothing_is_fetched_in_chromium(adversarial: Site, browser) -> None:
    """Every document page, the home page and the documents index: loaded, the elements of the
    content hovered, focused and clicked (synthetic events; real pointer and keys as well on the
    pages of the hand-written hostile cases), then the payloads' flag is checked, no dialog may
    have opened, and every request must have gone to the local server."""
    from .conftest import serve

    url, server = serve(adversarial.site)
    dialogs: list[str] = []
    foreign: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # Nothing may go to another host (the theme's repository facts are off: the hook).
    context.on("request", lambda r: None if r.url.startswith(url) else foreign.append(r.url))
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    folder = {
        name: p.relative_to(adversarial.site).parent.as_posix() + "/" for name, p in adversarial.pages.items()
    }
    targets = ["", "texts/", *folder.values()]
    # The hand-written cases carry the payloads (scripts, handlers, links, look-alikes).
    hostile = {"", "texts/"} | {
        folder[c.file] for c in CASES if (corpus.FILES / c.file).is_file() and c.file in folder
    }
    try:
        for target in targets:
            page.goto(url + urllib.parse.quote(target), wait_until="load")
            assert page.evaluate("events => events.length", EVENTS) == len(EVENTS)
            touched = page.evaluate(PROBE, [EVENTS, PROBE_MAX])
            # (the probe clicked every button: a citation dialog it opened would cover the page)
            page.evaluate("document.querySelectorAll('dialog[open]').forEach(d => d.close())")
            assert touched > 0, target
            if target in hostile:  # real pointer and keyboard too, where the payloads are
                for selector in (".dz-s", ".dz-views button", ".dz-audit summary", ".dz-permalink"):
                    handle = page.query_selector(selector)
                    if handle is not None and handle.is_visible():
                        handle.hover()
                        handle.click()
                page.keyboard.press("ArrowDown")
            assert page.evaluate("() => window.__dz_pwned") is None, target
            assert not dialogs, (target, dialogs)
            assert not foreign, (target, foreign)
    finally:
        context.close()
        server.shutdown()
