"""Two versions of one text in one language, compared: paragraphs matched by similarity (in order),
and within a matched pair the words that differ (English words; Chinese words as the project's
segmenter cuts them, see link/terms.py). Pure: texts in, rows out; compare_page.py writes them."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# Two paragraphs are one paragraph in two versions when this share of their tokens agree
# (difflib's ratio). Why: a paragraph with a sentence added or a clause reworded keeps well over
# half of its words; two different paragraphs of one speech share only function words (about 0.2).
PARAGRAPH_MATCH = 0.5
_EN_TOKEN = re.compile(r"\w+(?:['’]\w+)*|\s+|[^\w\s]")


@dataclass(frozen=True)
class Piece:
    """A run of tokens: "same", "removed" (only in the first version), "added" (only in the second),
    or "changed" (this side's wording where the other has different words)."""

    kind: str
    text: str


@dataclass(frozen=True)
class Row:
    """One row of the comparison: a paragraph of each version (either may be absent) and how they
    differ; `left`/`right` are the paragraph's pieces."""

    a: int | None  # index of the paragraph in the first version
    b: int | None
    left: tuple[Piece, ...]
    right: tuple[Piece, ...]

    @property
    def changed(self) -> bool:
        return any(p.kind != "same" for p in (*self.left, *self.right))


@dataclass(frozen=True)
class Summary:
    only_a: int  # paragraphs only in the first version
    only_b: int
    changed: int  # paragraphs in both, worded differently
    same: int


def tokens(text: str, lang: str) -> list[str]:
    """Tokens that join back into the text: words, spaces and marks; Chinese by the segmenter."""
    if lang == "zh":
        from ..link.terms import segment

        return segment(text)
    return _EN_TOKEN.findall(text)


def similarity(a: list[str], b: list[str]) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def match(a: list[list[str]], b: list[list[str]]) -> list[tuple[int | None, int | None]]:
    """The paragraphs of two versions in order, matched where similar enough: the order-keeping
    matching with the greatest total similarity (a dynamic programme over both lists)."""
    n, m = len(a), len(b)
    sets_a, sets_b = [set(t) for t in a], [set(t) for t in b]
    sim = [[0.0] * m for _ in range(n)]
    for i in range(n):
        for j in range(m):
            # (token-set overlap first: most pairs are plainly different, and difflib is costly)
            overlap = len(sets_a[i] & sets_b[j]) / max(1, len(sets_a[i] | sets_b[j]))
            if overlap >= PARAGRAPH_MATCH / 2:
                sim[i][j] = similarity(a[i], b[j])
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = sim[i][j] + best[i + 1][j + 1] if sim[i][j] >= PARAGRAPH_MATCH else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    out: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        if sim[i][j] >= PARAGRAPH_MATCH and best[i][j] == sim[i][j] + best[i + 1][j + 1]:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            out.append((i, None))
            i += 1
        else:
            out.append((None, j))
            j += 1
    out += [(k, None) for k in range(i, n)] + [(None, k) for k in range(j, m)]
    return out


def pieces(a: list[str], b: list[str]) -> tuple[tuple[Piece, ...], tuple[Piece, ...]]:
    """The word-level differences of two versions of a paragraph, as each side's pieces."""
    left: list[Piece] = []
    right: list[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        x, y = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            left.append(Piece("same", x))
            right.append(Piece("same", y))
        elif op == "delete":
            left.append(Piece("removed", x))
        elif op == "insert":
            right.append(Piece("added", y))
        elif x.strip() or y.strip():
            left.append(Piece("changed", x))
            right.append(Piece("changed", y))
        else:  # (only spacing differs: not a change a reader needs to see)
            left.append(Piece("same", x))
            right.append(Piece("same", y))
    return tuple(left), tuple(right)


def compare(a: list[str], b: list[str], lang: str) -> tuple[list[Row], Summary]:
    """The rows comparing paragraphs `a` (the reference) with `b`, and their summary."""
    ta = [tokens(p, lang) for p in a]
    tb = [tokens(p, lang) for p in b]
    rows = []
    for i, j in match(ta, tb):
        if i is not None and j is not None:
            left, right = pieces(ta[i], tb[j])
        elif i is not None:
            left, right = (Piece("removed", a[i]),), ()
        else:
            left, right = (), (Piece("added", b[j]),)  # type: ignore[index]
        rows.append(Row(i, j, left, right))
    both = [r for r in rows if r.a is not None and r.b is not None]
    summary = Summary(
        only_a=sum(1 for r in rows if r.b is None),
        only_b=sum(1 for r in rows if r.a is None),
        changed=sum(1 for r in both if r.changed),
        same=sum(1 for r in both if not r.changed),
    )
    return rows, summary
