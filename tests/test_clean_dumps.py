"""Text dumps (every visible string of a page on its own line): the forms that cost whole pages
in the cleaning benchmark, each as a short synthetic dump (issue 17)."""

from __future__ import annotations

from .helpers import body, cleaned_text

MENU = ["Home", "News", "Results", "Schedule", "Drivers", "Teams", "Forum", "Videos", "Contact", "Search"]
STANDINGS = [
    ("Kyle Brook", 5040, 5, 17),
    ("Martin Tell", 5035, 7, 15),
    ("Kevin Hart", 5033, 4, 15),
    ("Denny Hale", 5027, 6, 19),
    ("Joey Lott", 2380, 2, 12),
    ("Ryan Blane", 2339, 1, 11),
    ("Kyle Lars", 2339, 1, 8),
    ("Brad Kessel", 2318, 3, 13),
]


def _dump(lines: list[str]) -> str:
    return "\n\n".join(lines) + "\n"


def test_a_table_flattened_one_cell_a_line_is_the_text() -> None:
    # A standings page: a sentence or two, then the table, one cell a line (what a careless copy
    # of an HTML table gives); after it the site's promotions, which are prose of some length.
    rows = [cell for pos, (name, pts, wins, top) in enumerate(STANDINGS, 1) for cell in (str(pos), name, str(pts), str(wins), str(top))]
    promos = [
        "Click the picture above and see how the drivers rank this season after the last race of the year.",
        "Click here and find the television times of the next race, the track, the statistics and the weather.",
        "A great episode of our podcast, talking about everything that has happened in motor sport this week!",
    ]
    text = _dump(
        [
            "Cup Series standings | Racing Site",
            *MENU,
            "Cup Series standings",
            "Share this on WhatsApp",
            "On this page you will always find the up-to-date standings after the last race!",
            "Final standings of the Cup Series after 36 races:",
            "Pos.", "Driver", "Points", "Wins", "Top 5",
            *rows,
            "Share this on WhatsApp",
            *MENU,
            *MENU,
            *promos,
            "Privacy policy",
        ]
    )
    shown = body(cleaned_text(text))
    assert "Denny Hale" in shown and "5027" in shown and "Brad Kessel" in shown
    assert "up-to-date standings" in shown
    assert "podcast" not in shown and "Forum" not in shown


def test_a_numbered_list_of_headlines_is_no_table() -> None:
    # "Most read" and "Most shared": ranks counting up by one, each before a headline, under the
    # article; then the site's statement of its owner.
    article = [
        "Researchers said on Monday that the shield was found in a grave in the north of the country last year.",
        "The reconstruction took two years and used the latest methods of imaging and modelling of the skull.",
        "The team hopes to learn more about the people who were buried there, and about how they lived.",
    ]
    ranked = [cell for k in range(1, 6) for cell in (str(k), f"Headline number {k} of another story")]
    owner = "Science Site is part of Example Inc, an international media group and leading digital publisher."
    text = _dump(
        [
            "A shield-maiden's face, rebuilt",
            *MENU,
            "A shield-maiden's face, rebuilt",
            *article,
            "Most Read",
            *ranked,
            "Most Shared",
            *ranked,
            owner,
            "Terms and conditions",
        ]
    )
    shown = body(cleaned_text(text))
    assert "reconstruction took two years" in shown
    assert "another story" not in shown
