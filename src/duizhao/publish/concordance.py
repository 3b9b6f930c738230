"""The parallel concordance page (concordance/): every aligned sentence pair of the corpus that holds
a word or phrase, in keyword-in-context form on both sides, sortable by the left or right context,
with a CSV download of the lines shown.

The page itself is a heading, a short guide and an empty container: static/concordance.js (loaded
by search.js on the page that has the container) reads the search index (search.py: the same
chunks find the candidate documents, the same document files give each pair's sentences and their
alignment), so the concordance costs no data of its own and works from file:// as over http. The
container is plain markup that passes the sanitiser's allow-list; everything the script writes is
escaped text.
"""

from __future__ import annotations

from .layout import front_matter

PAGE = "concordance/index.md"
CONTAINER_ID = "dz-concordance"  # (concordance.js looks the page up by it)


def page() -> str:
    """concordance/index.md."""
    return (
        front_matter(
            {
                "title": "Parallel concordance",
                "description": "Every aligned sentence pair holding a word or phrase, in context on both sides.",
                # (the lines need the page's width: no navigation or contents column beside them)
                "hide": ["navigation", "toc"],
            }
        )
        + "# Parallel concordance 平行索引\n\n"
        + "Every aligned sentence pair in the corpus that holds a word or phrase, with the sentence "
        + "that holds it cut at the match (keyword in context) and the sentence aligned with it in the "
        + "other language beside it. A Chinese query matches the characters as written (Traditional "
        + "and Simplified alike); an English one matches the words in that order, in any case, plural "
        + "or not. Where the query is a glossary form, its renderings are marked in the aligned "
        + "sentence. Sort the lines by the words left of the match (read from the match outwards) or "
        + "right of it, and download the lines shown as CSV. Each line links to its pair.\n\n"
        + f'<div class="dz-concordance" id="{CONTAINER_ID}">\n'
        + '<p class="dz-concordance-nojs">The concordance runs in the browser: it needs JavaScript. '
        + "The same pairs are in the corpus's data files (see the data page).</p>\n"
        + "</div>\n"
    )


def site_files() -> list[tuple[str, str]]:
    """The concordance page as a docs-relative (path, content)."""
    return [(PAGE, page())]
