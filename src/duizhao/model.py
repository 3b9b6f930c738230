"""The document model: plain dataclasses handed one way through the pipeline stages.

ingest -> RawSource, Decoded; clean -> Cleaned (Blocks + Removals); metadata -> Metadata;
segment -> Paragraphs; align -> Beads; render -> Page. Nothing here imports MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from . import script


class Level(StrEnum):
    """Severity of a diagnostic; the MkDocs hook maps these onto its logger."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Diagnostic:
    """A message about one source file, with the line it concerns when there is one."""

    level: Level
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class RawSource:
    """The untouched bytes of one file under sources/."""

    name: str  # file name relative to the sources directory, e.g. "000_abc.txt"
    data: bytes
    sha256: str
    # What a container said about this source outside its bytes (a web archive's record: its
    # target URL and capture date), as (signal name, value, evidence).
    origin: tuple[tuple[str, str, str], ...] = ()

    @property
    def stem(self) -> str:
        return self.name.rsplit(".", 1)[0] if "." in self.name else self.name

    @property
    def suffix(self) -> str:
        return "." + self.name.rsplit(".", 1)[1].lower() if "." in self.name else ""


@dataclass(frozen=True)
class Decoded:
    """Source text after decoding and whitespace normalisation, split into lines."""

    source: RawSource
    text: str
    encoding: str
    kind: str  # "text", "markdown", "html" or "pdf" (a Word file or a web archive's page is "html")
    diagnostics: tuple[Diagnostic, ...] = ()
    # Characters the whitespace rule removed (zero-width, controls), kept for the audit.
    dropped_chars: int = 0
    # A PDF's: the page of each line, and the role its reader gave it (read_pdf).
    pages: tuple[int, ...] = ()
    roles: tuple[str, ...] = ()

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


@dataclass(frozen=True, init=False)
class Removal:
    """One audit entry: a source line (or part of it) the cleaner removed or altered, and why."""

    line: int  # 1-based line number in the decoded text
    text: str  # what was removed (or the original text, for an alteration)
    rule: str  # stable rule id, e.g. "widget.comments"
    reason: str  # one human sentence
    action: str = "removed"  # "removed", "altered" or "metadata" (moved into the header)

    def __init__(self, line: int, text: str, rule: str, reason: str, action: str = "removed") -> None:
        # The generated __init__ of a frozen dataclass sets each field through
        # object.__setattr__, over twice as slow, and the cleaner makes one Removal per removed
        # line: thousands a page (speed). Still frozen: setting a field afterwards raises.
        fields = self.__dict__
        fields["line"] = line
        fields["text"] = text
        fields["rule"] = rule
        fields["reason"] = reason
        fields["action"] = action


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    CAPTION = "caption"
    SALUTATION = "salutation"
    SIGNOFF = "signoff"
    NOTE = "note"  # disclaimers, author notes: visible, marked as what they are


@dataclass(frozen=True)
class Block:
    """A unit of body text the cleaner kept: one paragraph, heading, list item..."""

    kind: BlockKind
    text: str
    lines: tuple[int, ...]  # source lines (1-based) it was built from
    level: int = 0  # heading level, 1..6
    strong: tuple[tuple[int, int], ...] = ()  # [start, end) ranges shown bold (run-in heads)


@dataclass(frozen=True)
class Field:
    """One metadata value and where it came from."""

    value: str
    origin: str = "extracted"  # "extracted", "given" (sidecar) or "derived" (fallback)
    evidence: str = ""  # the source text or rule it came from

    def __str__(self) -> str:
        return self.value


@dataclass
class Metadata:
    title_zh: Field | None = None
    title_en: Field | None = None
    date: Field | None = None  # ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)
    author: Field | None = None  # speaker or author
    role: Field | None = None
    venue: Field | None = None
    publisher: Field | None = None
    source_url: Field | None = None
    translation: Field | None = None  # "original", "human", "machine-suspected", "unknown"
    tags: tuple[str, ...] = ()
    # The Chinese script of the text: "zh-Hans" (simplified), "zh-Hant" (traditional) or "" (no
    # Chinese); the language tag of its cells, downloads and search.
    zh_script: str = ""

    @property
    def title(self) -> str:
        for f in (self.title_zh, self.title_en):
            if f is not None and f.value:
                return f.value
        return ""


@dataclass(frozen=True)
class Signal:
    """One thing a scrape says about itself outside its text: its <title>, a meta tag, JSON-LD, a
    crawler's header or front matter. Evidence for the metadata stage, never shown as text."""

    name: str  # title, headline, h1, site_name, url, date, author, publisher, description
    value: str
    evidence: str  # where it was read, e.g. '<meta property="og:title">' or "front matter: title"


@dataclass(frozen=True)
class Cleaned:
    decoded: Decoded
    blocks: tuple[Block, ...]
    removals: tuple[Removal, ...]
    metadata: Metadata = field(default_factory=Metadata)
    diagnostics: tuple[Diagnostic, ...] = ()
    # script.language of each block, as the cleaner found it (empty: not known), so later
    # stages need not count every paragraph's script again.
    block_languages: tuple[str, ...] = ()
    # What the scrape says about itself outside its text (its head, a crawler's header).
    signals: tuple[Signal, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """A kept block with its language and sentences."""

    block: Block
    lang: str  # "zh", "en", "mixed" or "und"
    sentences: tuple[str, ...]
    index: int  # position among the document's paragraphs, 0-based

    @property
    def text(self) -> str:
        return self.block.text

    @property
    def kind(self) -> BlockKind:
        return self.block.kind


@dataclass(frozen=True)
class Link:
    """Sentences of one bead that translate each other: indices into the bead's zh sentences (all
    its zh paragraphs' sentences, in order) and en sentences. Either side may be empty."""

    zh: tuple[int, ...]
    en: tuple[int, ...]
    confidence: float = 1.0


@dataclass(frozen=True)
class Bead:
    """One row of the reader: zh paragraphs beside their en counterparts (either side may be empty)."""

    zh: tuple[Paragraph, ...]
    en: tuple[Paragraph, ...]
    anchor: str  # stable, content-derived id, e.g. "p-3fa9c2e1"
    confidence: float = 1.0
    method: str = "single"  # how the pairing was made: "interleaved", "sequential", "single"...
    # Sentence links inside the bead. Empty means "not aligned below the paragraph": the reader
    # then links the whole zh side to the whole en side.
    links: tuple[Link, ...] = ()

    @property
    def zh_sentences(self) -> tuple[str, ...]:
        return tuple(s for p in self.zh for s in p.sentences)

    @property
    def en_sentences(self) -> tuple[str, ...]:
        return tuple(s for p in self.en for s in p.sentences)


@dataclass(frozen=True)
class Counterpart:
    """Another source that translates this one (cross-file pairing, a corpus-level step): its
    paragraphs fill this document's other column."""

    name: str  # its file name in sources/
    slug: str
    title: str
    lang: str  # the column it fills: "zh" or "en"
    how: str  # "declared" (a sidecar's translation_of), "detected", or "related" (Document.relatives)
    score: float  # how well the two texts match, 0..1
    evidence: tuple[str, ...] = ()  # human-readable reasons, e.g. "12 of 14 numbers shared"

    def as_json(self) -> dict:
        return {
            "source": self.name,
            "document": self.slug,
            "lang": self.lang,
            "how": self.how,
            "score": self.score,
            "evidence": list(self.evidence),
        }


@dataclass
class Document:
    """Everything the site needs about one source."""

    slug: str
    source: RawSource
    decoded: Decoded | None
    metadata: Metadata
    paragraphs: tuple[Paragraph, ...]
    beads: tuple[Bead, ...]
    removals: tuple[Removal, ...]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    counterpart: Counterpart | None = None
    # Texts of the other language that pairing found to report on the same event (a summary, a
    # wire story quoting a statement): linked as related, never aligned as a translation.
    relatives: tuple[Counterpart, ...] = ()
    # Digest of everything the document was built from (source, name, slug, sidecar, rules,
    # glossary, code); set by the pipeline, so corpus-wide steps can cache their own results.
    key: str = ""

    @property
    def languages(self) -> tuple[str, ...]:
        # (a stray line of the other language, "Photo: Xinhua" on a Chinese page, adds none)
        found = set(script.text_languages((p.lang, p.text) for p in self.paragraphs))
        if self.counterpart is not None:
            found.add(self.counterpart.lang)
        return tuple(lang for lang in ("zh", "en") if lang in found)

    @property
    def bilingual(self) -> bool:
        return len(self.languages) == 2

    @property
    def ok(self) -> bool:
        return not any(d.level is Level.ERROR for d in self.diagnostics)


@dataclass(frozen=True)
class Page:
    """A generated page: its path under docs (e.g. "texts/000.md") and its Markdown."""

    path: str
    markdown: str


# Helpers over the model that every later stage asks (linking, rendering, search).


def titles(doc: Document) -> list[tuple[str, Field]]:
    out = []
    for lang, f in (("zh", doc.metadata.title_zh), ("en", doc.metadata.title_en)):
        if f is not None and f.value:
            out.append((lang, f))
    return out


# A title the text does not give (a fallback took its first sentence) is shown as such, never as
# the document's title: in lists, search and the page's header alike, and never in a citation.
UNTITLED = "[Untitled]"
UNTITLED_NOTE = (
    "The source states no title: this is its first sentence. An editor gives the title in the "
    "document's sidecar (title_zh, title_en), which the page's edit button opens."
)


def display_title(doc: Document) -> str:
    found = titles(doc)
    parts = [f.value for _, f in found]
    if not parts:
        return doc.source.name
    text = " / ".join(parts)
    return f"{UNTITLED} {text}" if all(f.origin == "derived" for _, f in found) else text


def newest_first(doc: Document) -> tuple:
    """Sort key: newest first, undated last, then by title: the order of every list of documents
    (the documents index, a group's documents). Digits inverted, so a plain ascending sort puts a
    later ISO date (YYYY, YYYY-MM, YYYY-MM-DD) first and a year before its months."""
    date = doc.metadata.date.value if doc.metadata.date else ""
    inverted = "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in date)
    return (date == "", inverted, display_title(doc))


def sentence_offsets(text: str, sentences: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where each sentence sits in its paragraph; the whole text if they cannot be found in order."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for sentence in sentences:
        i = text.find(sentence, pos)
        if i < 0:
            return [(0, len(text))]
        spans.append((i, i + len(sentence)))
        pos = i + len(sentence)
    return spans or [(0, len(text))]


def link_groups(bead: Bead) -> tuple[list[int], list[int]]:
    """The link group of every zh and en sentence of a bead (see model.Link); without sentence
    links every sentence is in group 0, so the whole zh side answers to the whole en side. With
    links, a sentence that no link covers is in group -1: it has no counterpart (and must not be
    taken for a member of link 0)."""
    unlinked = -1 if bead.links else 0
    zh = [unlinked] * len(bead.zh_sentences)
    en = [unlinked] * len(bead.en_sentences)
    for k, link in enumerate(bead.links):
        for i in link.zh:
            if i < len(zh):
                zh[i] = k
        for i in link.en:
            if i < len(en):
                en[i] = k
    return zh, en
