"""Cross-file pairing, its costly half: how likely two texts translate each other, from the sentence
alignment of the two whole texts, adjusted by shared numbers, names, dates, a cited original and
the length ratio."""

from __future__ import annotations

import collections
import datetime
import math
import re

from ..model import Document
from ..vocab import lexicon as lx
from . import relation
from .candidates import Profile, cites
from .relation import Coverage

# A page that links the other text's own address as its original (see vocabulary.yml
# original_markers) adds this much. Why: on the development corpus the translations that cite
# their original (abridged, or with a crawler-cut English side) scored 0.31-0.53, under
# APPLY_SCORE; texts on the same subject that cite nothing score under 0.3.
CITED_BONUS = 0.25
# The aligner's parameters for the evidence of a pair: without the optional embeddings (slow on
# whole texts, and not what the thresholds were set with) and the costs of row boundaries at
# quotation marks (alignment.Params.quote, close), which steer the alignment of a translation
# but, on two texts that do not translate each other, lift the mean bead quality the thresholds
# below were set on (with them, two real-world texts on one subject scored 0.558 and were paired).
EVIDENCE = {"quote": 0.0, "close": 0.0, "embed": 0.0}


# Two texts of one year published this many days apart or more lose FAR_COST. Why: on the
# development corpus every translation appeared within 4 days of its original, and the two false
# pairs of unrelated texts (a mean bead quality of 0.51-0.62 by merging) were 153 and 242 days
# apart; a translation published months later (a law's) keeps the rest of its evidence.
FAR_DAYS = 60
FAR_COST = 0.1


def _days_apart(a: str, b: str) -> int | None:
    try:
        return abs((datetime.date.fromisoformat(a[:10]) - datetime.date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


def _sentences(doc: Document, lang: str) -> list[str]:
    from . import align  # (as late as this: a warm build must not pay for the aligner's imports)

    return [s for p in doc.paragraphs if align.side(p) == lang for s in p.sentences]


# The evidence of a pair: its score, the reasons in words, and how much of each text the alignment
# covers (relation.Coverage: what tells a translation from a report on the same event).
Weighed = tuple[float, list[str], Coverage]


def evidence(zh: Profile, en: Profile, lex: lx.Lexicon) -> Weighed:
    """How likely the two texts translate each other (0..1), why, in words, and the alignment's
    coverage of each. The core is the sentence alignment of the two whole texts: its mean bead
    quality (weighted by bead size) is about 0.65 for a translation and under 0.45 for two texts
    on the same topic. Shared numbers, romanised names, dates and the length ratio adjust it."""
    from . import alignment

    params = alignment.Params(**EVIDENCE)
    zs, es = _sentences(zh.doc, "zh"), _sentences(en.doc, "en")
    found = alignment.align(zs, es, lexicon=lex, params=params)
    covered = relation.covered(found, len(zs), len(es))
    size = sum(len(b.zh) + len(b.en) for b in found) or 1
    quality = sum(b.confidence * (len(b.zh) + len(b.en)) for b in found) / size
    unmatched = sum(len(b.zh) + len(b.en) for b in found if not b.zh or not b.en) / size
    reasons = [f"sentence alignment quality {quality:.2f}, {1 - unmatched:.0%} of sentences matched"]
    score = quality
    shared = zh.numbers & en.numbers
    union = zh.numbers | en.numbers
    if union:
        share = len(shared) / len(union)
        reasons.append(f"{len(shared)} of {len(union)} numbers shared")
        score += 0.3 * (share - 0.3)
    names = alignment.shared_names(zh.text, en.text, lex)
    if names:
        reasons.append("names " + ", ".join(sorted(names)[:5]))
        score += 0.03 * min(3, len(names))
    missing = missing_names(zh.text, en.text, lex)
    if missing:
        # Two joint statements of one summit share their wording; the country each names is
        # what tells them apart.
        reasons.append("names of one text absent from the other: " + ", ".join(missing[:3]))
        score -= MISSING_NAME_COST * min(2, len(missing))
    dz, de = zh.doc.metadata.date, en.doc.metadata.date
    if dz and de:
        if dz.value == de.value:
            reasons.append(f"same date {dz.value}")
            score += 0.05
        elif dz.value[:4] != de.value[:4]:
            reasons.append(f"dates differ ({dz.value}, {de.value})")
            score -= 0.15
        elif (apart := _days_apart(dz.value, de.value)) is not None and apart > FAR_DAYS:
            reasons.append(f"published {apart} days apart")
            score -= FAR_COST
    if cites(zh, en):
        citing = "Chinese" if zh.cited == {en.url} else "English"
        reasons.append(f"the {citing} page links the other as its original")
        score += CITED_BONUS
    ratio = en.length / max(1, zh.length)
    off = abs(math.log(ratio / alignment.PRIOR_RATIO))
    reasons.append(f"{ratio:.1f} en characters per zh character")
    if off > 0.7:
        score -= 0.2 * (off - 0.7)
    return max(0.0, min(1.0, score)), reasons, covered


# A place or party the Chinese text names this often, whose dictionary English (a proper name:
# "津巴布韦" Zimbabwe) the English text never writes, is not in it.
NAME_MIN_COUNT = 3
MISSING_NAME_COST = 0.1
PROPER = re.compile(r"^(?:the )?[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*$")


def missing_names(zh_text: str, en_text: str, lex: lx.Lexicon) -> list[str]:
    """Names the Chinese text repeats (NAME_MIN_COUNT times, two characters or more) whose every
    dictionary rendering is a proper name the English text does not contain."""
    counts = collections.Counter(w for w in lex.zh_words(zh_text) if len(w) >= 2 and w[0] != "=")
    out = []
    for word, n in counts.most_common():
        if n < NAME_MIN_COUNT:
            break
        glosses = [g.strip() for g in lex.glosses.get(word, "").split("/") if g.strip()]
        if glosses and all(PROPER.match(g) for g in glosses) and not any(
            g.removeprefix("the ") in en_text for g in glosses
        ):
            out.append(f"{word} ({glosses[0]})")
    return out
