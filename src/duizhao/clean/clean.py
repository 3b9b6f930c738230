"""Stage 2, clean: decoded text to body blocks, with an audit of everything removed or altered.

The text path works on lines; this module runs it. HTML is first flattened to the same kind of
lines by read/extract.py (a PDF by read/read_pdf.py) and then follows the same path. In order,
with the module of the package that does each step:
0. sentence fragments a scrape broke at a link or a styled span are glued back (fragments);
1. the main-text region: the densest run of prose (line scores: score, runs: region, the HTML
   extractor's view: opinion) with its head and tail lines (main_text); menus, link lists and
   comment threads around it go;
2. boilerplate by kind: a line mostly covered by widget/navigation vocabulary (coverage) is
   removed; near the edges of the text less coverage suffices, because that is where widgets
   cluster; datelines and bylines go to the header (decide; every Removal: audit);
3. head lines: a truncated or duplicated page title (copies); a Markdown scrape's inline markup
   (markdown);
4. structure: the title, headings, subtitles, salutations, sign-offs, list items, captions, notes;
   torn paragraphs are rejoined (page breaks, hard wraps), never across a heading (structure).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter

from ..model import Block, Cleaned, Decoded, Diagnostic, Level, Removal, Signal
from ..read import header
from ..read.lines import Facts, Line
from ..read.sidecar import Sidecar
from ..vocab import publishers as publishers_
from ..vocab.rules import Kind, Rules
from . import titles
from .audit import removal
from .copies import running_headers, title_copies
from .coverage import WIDGET_SENTENCE_UNITS, coverage
from .decide import decide, drop_by_sidecar, word_units
from .fragments import glue_fragments
from .main_text import main_region
from .markdown import INLINE_MARKUP as INLINE_MARKUP  # (read by meta/metadata.py)
from .markdown import (
    MD_HEADING,
    MD_LINK,
    TAG_LINE,
    html_blocks,
    inline_markup,
    markdown_link_share,
    setext_headings,
)
from .roles import HEADING_MAX_UNITS
from .score import CORE
from .structure import join_blocks, parallel_headings, structure


def _lines(text: str) -> list[Line]:
    out: list[Line] = []
    blank = True
    # Scraped pages repeat their menus and link lists: a line text seen before in this document
    # shares the earlier one's string and counts (a per-document memo, gone with the document).
    counted: dict[str, Facts] = {}
    for no, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if not stripped:
            blank = True
            continue
        facts = counted.get(stripped)
        if facts is None:
            facts = counted[stripped] = Facts(stripped)
        out.append(Line(no, facts.text, blank, facts))
        blank = False
    return out


def clean_lines(
    lines: list[Line], rules: Rules, overrides: Sidecar | None = None
) -> tuple[list[Block], list[Removal]]:
    """The text path over already-split lines (also used for HTML after extraction).

    `overrides` is the document's sidecar: its `keep` lines are never removed, its `drop` lines
    always are (by line number or exact text)."""
    blocks, removals, _ = _clean_lines(lines, rules, overrides)
    return blocks, removals


def _clean_lines(
    lines: list[Line],
    rules: Rules,
    overrides: Sidecar | None = None,
    page_title: str = "",
    markup: bool = False,
    whole: bool = False,
    html: bool = False,
) -> tuple[list[Block], list[Removal], list[str]]:
    """clean_lines, and the script.language of each block. `page_title`: the title the page's
    signals state (titles.strong), so that only the line that is it becomes the title. `markup`:
    the lines are a Markdown scrape's, whose kept lines lose their inline markup. `whole`: the
    lines are a document's own, with no site around them (a PDF: its reader took the furniture).
    `html`: the lines are an HTML page's (no link tore them)."""
    removals: list[Removal] = []
    keep = overrides.keep if overrides else ()
    drop = overrides.drop if overrides else ()
    if drop:
        lines = drop_by_sidecar(lines, drop, overrides.path if overrides else "sidecar", removals)
    lines = glue_fragments(lines, rules, removals, markup, html)
    for line in lines:
        line.units = line.facts.units
    measure = _measurer(rules)
    # 1. The main-text region: menus, link lists and comment threads around it go.
    inside = (
        [CORE] * len(lines) if whole else main_region(lines, rules, measure, page_title or _first_line_title(lines))
    )
    for i, line in enumerate(lines):
        # Inside the text a finished sentence of some length is prose, not a widget: skip it.
        if inside[i] and (word_units(line) <= WIDGET_SENTENCE_UNITS or not line.facts.ends_sentence):
            measure(line)
    kept = decide(lines, inside, keep, removals, rules.starts.get("notice"))
    # 2. Head lines: truncated or duplicated page titles.
    kept = running_headers(kept, lines, removals)
    kept = title_copies(kept, lines, removals, rules.starts.get("summary"))
    if markup:
        kept = inline_markup(kept, removals)
    kept = structure(kept, rules, removals, page_title)
    blocks, facts = join_blocks(kept, removals, html)
    blocks = parallel_headings(blocks, [f.units for f in facts])
    return blocks, removals, [f.language for f in facts]


def _measurer(rules: Rules) -> Callable[[Line], Line]:
    """Vocabulary coverage is the costly measure: it is taken only for lines in and around the
    main text (menus far from it go as "outside" whatever they say), once per distinct line."""
    measured: dict[str, tuple[float, Kind | None, tuple[str, ...]]] = {}

    def measure(line: Line) -> Line:
        if line.text not in measured:
            measured[line.text] = coverage(line.text, rules, line.units)
        line.coverage, line.top_kind, line.kinds_found = measured[line.text]
        return line

    return measure


def _first_line_title(lines: list[Line]) -> str:
    """A text scrape's first line when it reads as the page's <title> ("Headline | Site"): what a
    careless copy of a page begins with."""
    if not lines or lines[0].units > HEADING_MAX_UNITS * 2 or lines[0].facts.ends_sentence:
        return ""
    return titles.strip_site(lines[0].text, [], None)


def clean(decoded: Decoded, rules: Rules, overrides: Sidecar | None = None) -> Cleaned:
    """Clean one decoded source. HTML is flattened to lines first."""
    notes: list[Diagnostic] = list(decoded.diagnostics)
    if decoded.kind == "html":
        from ..read.extract import html_lines

        lines, pre_removals, signals = html_lines(decoded)
    elif decoded.kind == "pdf":
        from ..read.read_pdf import pdf_lines

        lines, pre_removals, signals = pdf_lines(decoded)
    else:
        lines, pre_removals, signals = _text_lines(decoded, rules.publishers)
    stated = titles.strong(titles.candidates(signals, rules.publishers))
    blocks, removals, languages = _clean_lines(
        lines,
        rules,
        overrides,
        stated.value if stated else "",
        decoded.kind == "markdown",
        decoded.kind == "pdf",
        decoded.kind == "html",
    )
    if not blocks:
        notes.append(
            Diagnostic(
                Level.ERROR,
                decoded.source.name,
                "nothing is left after cleaning: every line looked like boilerplate "
                "(see `duizhao clean --report`; keep lines with a sidecar)",
            )
        )
    removals = sorted(pre_removals + removals, key=attrgetter("line"))
    if decoded.pages:  # (a PDF's audit names the page of every line)
        from ..read.read_pdf import on_pages

        removals = on_pages(removals, decoded.pages)
    signals += [Signal(name, value, evidence) for name, value, evidence in decoded.source.origin]
    return Cleaned(
        decoded=decoded,
        blocks=tuple(blocks),
        removals=tuple(removals),
        diagnostics=tuple(notes),
        block_languages=tuple(languages),
        signals=tuple(signals),
    )


# A browser's "save as text" begins with the page's <title>: "Title - People's Daily Online …".
TITLE_SEPARATORS = (" - ", " – ", " — ", " | ", "_", "｜")
TITLE_LINE_REACH = 300


def _title_line(line: Line, known: publishers_.Registry | None) -> list[Signal]:
    """The <title> at the start of a text scrape's first line, when a known publisher's name
    follows the title there: the title, and the site's name."""
    if known is None:
        return []
    head = line.text[:TITLE_LINE_REACH]
    for sep in TITLE_SEPARATORS:
        i = head.find(sep)
        while 0 < i:
            rest = head[i + len(sep) :]
            found = [(end, p) for start, end, p in known.names_in(rest[:80]) if start == 0]
            if found:
                where = f"line {line.no}: the page's title before its site's name"
                return [
                    Signal("page_title", head[:i].strip(), where),
                    Signal("site_name", rest[: found[0][0]], where),
                ]
            i = head.find(sep, i + 1)
    return []


def _text_lines(
    decoded: Decoded, known: publishers_.Registry | None = None
) -> tuple[list[Line], list[Removal], list[Signal]]:
    """A text or Markdown scrape's lines, without its front matter or crawler header (read as
    signals; each of its lines audited as moved into the page's header). A Markdown scrape's
    opening `# ` heading is the title it states; a text's first line may start with the <title>."""
    found = header.read(decoded.text)
    lines = [x for x in _lines(decoded.text) if x.no > found.lines]
    removals: list[Removal] = []
    if decoded.kind == "markdown":
        # Raw HTML on a line of its own in a Markdown scrape (<figure>, <img …>, </div>) is the
        # page's markup, not its text: audited, never shown (and never rendered).
        tags = [x for x in lines if TAG_LINE.match(x.text)]
        removals += [removal(x, "markup.html", "HTML markup in a Markdown scrape, not text") for x in tags]
        lines = setext_headings([x for x in lines if not TAG_LINE.match(x.text)], removals)
        lines = html_blocks(lines, removals)
    first = lines[0] if lines else None
    opening = _first_line_signals(first, decoded.kind, bool(found.lines), known)
    for line in lines:
        # A Markdown link's text is a link, as in HTML: a line of links is a menu (html.links);
        # not the opening heading that links to the page itself ("# [Title](address)").
        if "](" in line.text and not (line is first and opening and opening[0].name == "title"):
            line.link_share = markdown_link_share(line.text)
    signals = [*found.signals, *opening]
    if not found.lines:
        return lines, removals, signals
    rule = "meta.front_matter" if found.kind == "front matter" else "meta.header"
    reason = f"the scrape's {found.kind} (what it says about the page), read into the page's header"
    raw = decoded.lines
    removals += [
        Removal(n, raw[n - 1], rule, reason, "metadata")
        for n in range(1, found.lines + 1)
        if raw[n - 1].strip()
    ]
    return lines, removals, signals


def _first_line_signals(
    first: Line | None, kind: str, has_header: bool, known: publishers_.Registry | None
) -> list[Signal]:
    """What a scrape's first line says of the page: a Markdown scrape's opening `# ` heading is the
    title it states; a text without a header may start with the page's <title>."""
    if first is not None and (m := MD_HEADING.match(first.text)) and len(m.group(1)) <= 2 and kind == "markdown":
        # (the first line of all, a heading of level 1 or 2: a setext "-----" makes a level 2)
        title = MD_LINK.sub(lambda link: link.group(1), m.group(2)).strip()
        return [Signal("title", title, f"line {first.no}: the Markdown title (# heading)")]
    if first is not None and not has_header:
        return _title_line(first, known)
    return []
