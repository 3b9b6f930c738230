"""Word-level differences between two versions of a paragraph, in either language.

English is split into words, spaces and punctuation; Chinese into jieba words (so a changed term
shows as one word, not scattered characters), or single characters when jieba is not installed.
"""

from __future__ import annotations

import difflib
import logging
import re
import unicodedata
from functools import lru_cache

# One token per word, run of spaces or punctuation mark, so joining the tokens gives the text back.
WORD_TOKENS = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]")
# Below this similarity two paragraphs are a removal and an addition, not one paragraph changed:
# at 0.5 about half the words differ, and an inline diff stops being easier to read than both texts.
SAME_PARAGRAPH = 0.5

Segment = tuple[str, str]  # (op, text): op "=" kept, "-" removed, "+" added


@lru_cache(maxsize=1)
def _jieba():
    try:
        import jieba
    except ImportError:  # the core does not require it; characters are the fallback
        return None
    jieba.setLogLevel(logging.WARNING)
    return jieba


def tokens(text: str, lang: str) -> list[str]:
    if lang in ("zh", "mixed"):
        jieba = _jieba()
        if jieba is not None:
            return list(jieba.cut(text))
        return [m.group() for m in re.finditer(r"\s+|[A-Za-z0-9]+|.", text)]
    return WORD_TOKENS.findall(text)


def normal(text: str) -> str:
    """The form two paragraphs are compared in: NFKC, single spaces."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def similarity(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SAME_PARAGRAPH or matcher.quick_ratio() < SAME_PARAGRAPH:
        return matcher.quick_ratio()
    return matcher.ratio()


def diff(before: str, after: str, lang: str) -> list[Segment]:
    """The edit from `before` to `after` as kept, removed and added runs of words."""
    a, b = tokens(before, lang), tokens(after, lang)
    out: list[Segment] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("=", "".join(a[i1:i2]))
            continue
        add("-", "".join(a[i1:i2]))
        add("+", "".join(b[j1:j2]))
    return _fold_gaps(out)


def _fold_gaps(segments: list[Segment]) -> list[Segment]:
    """ "<del>successfully</del><ins>held</ins> <del>held</del>…" reads better as one replaced phrase:
    a kept run with no word in it, between two changes, joins both sides of the change."""
    out: list[Segment] = []
    i = 0
    while i < len(segments):
        op, text = segments[i]
        gap = op == "=" and not re.search(r"\w", text) and len(text) <= 2
        if gap and out and out[-1][0] != "=" and i + 1 < len(segments) and segments[i + 1][0] != "=":
            # Pull the changes before the gap apart into removed and added text, then absorb the gap
            # and the following changes into them.
            removed = added = ""
            while out and out[-1][0] != "=":
                o, t = out.pop()
                removed, added = (t + removed, added) if o == "-" else (removed, t + added)
            removed, added = removed + text, added + text
            i += 1
            while i < len(segments) and segments[i][0] != "=":
                o, t = segments[i]
                removed, added = (removed + t, added) if o == "-" else (removed, added + t)
                i += 1
            out += [s for s in (("-", removed), ("+", added)) if s[1]]
            continue
        out.append((op, text))
        i += 1
    return out
