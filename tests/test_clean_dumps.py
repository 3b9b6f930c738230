"""The forms that cost whole pages in the cleaning benchmark (issue 17), each as a short synthetic
page: text dumps (every visible string of a page on its own line), and an HTML page."""

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


def _shown(lines: list[str]) -> str:
    """The text kept of a dump of `lines` (one a line, blank lines between, as a careless copy)."""
    return body(cleaned_text("\n\n".join(lines) + "\n"))


def test_a_table_flattened_one_cell_a_line_is_the_text() -> None:
    # A standings page: a sentence or two, then the table, one cell a line (what a careless copy
    # of an HTML table gives); after it the site's promotions, which are prose of some length.
    rows = [cell for pos, (name, pts, wins, top) in enumerate(STANDINGS, 1) for cell in (str(pos), name, str(pts), str(wins), str(top))]
    promos = [
        "Click the picture above and see how the drivers rank this season after the last race of the year.",
        "Click here and find the television times of the next race, the track, the statistics and the weather.",
        "A great episode of our podcast, talking about everything that has happened in motor sport this week!",
    ]
    shown = _shown(
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
    shown = _shown(
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
    assert "reconstruction took two years" in shown
    assert "another story" not in shown


def test_the_article_is_under_the_copy_of_its_headline_it_follows() -> None:
    # A news site's page: a list of teasers (headline, then the story's opening cut short), ours
    # among them; then our headline again, its date and tools, and the article itself.
    headline = "With shattered dreams, deportees return home"
    teasers = [
        ("Court asks state to write a new law for the temple", "The court on Wednesday asked the state government to come out with a new law for the administration of the temple and its …"),
        (headline, "Their dream shattered and savings wasted, nearly 150 people returned home broke on Wednesday after being deported for …"),
        ("Schools open again; attendance is high, officials say", "All schools and colleges are now open in the region and there is high attendance, officials said in the assembly on …"),
        ("Cleric says the government's days are numbered", "The cleric has fired a fresh salvo at the prime minister, saying the days of the government are numbered and that it …"),
        ("New president accepts an invitation to visit", "The newly elected president has accepted the invitation of the prime minister to visit the country early next year, his …"),
        ("Opposition demands a full disclosure in parliament", "The opposition on Wednesday demanded the intervention of the prime minister and urged the government to make a full …"),
    ]
    article = [
        "Their dream shattered and savings wasted, nearly 150 people returned home broke on Wednesday after being deported for violating visa rules. As they stepped outside the airport, one after the other, they appeared sad.",
        "“This was the fourth time I have been deported,” said one of them, a young man of 24 from a small town in the north.",
        "He said he had spent a fortune on the four attempts and more on lawyers. Another deportee said he had paid an agent to help him cross the border, and lost it all.",
        "The special aircraft carrying the deportees landed at the airport at 6am, an airport official said, and the passengers were questioned before they were allowed to leave.",
    ]
    shown = _shown(
        [
            f"{headline} | Example Post",
            *MENU,
            "Breaking News",
            *[line for pair in teasers for line in pair],
            headline,
            "November 20",
            "15:23",
            "2019",
            "Print This Article",
            "0 Comments",
            *article,
            "Related Articles",
            "Scroll Back To Top",
        ]
    )
    assert "questioned before they were allowed to leave" in shown and "fourth time" in shown
    assert "fresh salvo" not in shown and "full …" not in shown and "new law for the" not in shown


def test_a_list_of_dates_one_a_line_under_the_article_is_the_text() -> None:
    # Tour dates (a date, a long dash, a place), one a line with no full stop: the text's list.
    dates = [
        "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL",
        "June 10 -- Credit Union Amphitheatre, Tampa, FL",
        "June 14 -- Bank Amphitheatre, Alpharetta, GA",
        "June 17 -- Bridgestone Arena, Nashville, TN",
        "June 19 -- Music Pavilion, Charlotte, NC",
        "June 20 -- Music Park at Walnut Creek, Raleigh, NC",
        "Aug. 30 -- Pepsi Center, Denver, CO",
        "Sept. 2 -- USANA Amphitheatre, Salt Lake City, UT",
        "Oct. 10 -- The Woods Pavilion, Houston, TX",
    ]
    article = [
        "To celebrate fifty years since the band's formation, its four founding members will reunite for a tour next year.",
        "Kicking off in June, the thirty-date run will mark the first time the four will tour together in a quarter century.",
        "Tickets go on sale on Friday, and members of the fan club can buy them a few days before, the organisers said.",
    ]
    shown = _shown(
        ["The band sets its anniversary tour", *MENU, "The band sets its anniversary tour", *article,
         "The tour dates:", *dates, "FACEBOOK", "TWITTER", *MENU, "Privacy policy"]
    )
    assert "quarter century" in shown
    assert dates[0] in shown and dates[-1] in shown
    assert "FACEBOOK" not in shown and "Forum" not in shown
    # A site's contact block under an article, "Label: what it says" one a line, is no such list.
    council = [
        "The city council voted on Tuesday to approve the new budget, which raises spending on schools and roads.",
        "The mayor said the budget was balanced and would not require higher taxes, despite the rising costs of services.",
        "Critics said the plan relied on optimistic forecasts of revenue and would leave the city exposed to a downturn.",
    ]
    contact = ["Address: 1 Main Street, Springfield", "Phone: 555-0100", "Fax: 555-0101", "Email: news@example.com",
               "Hours: Monday to Friday, 9 to 5", "Copyright: Example Media 2019"]
    shown = _shown(["Council approves budget", *MENU, "Council approves budget", *council, "Share", "Facebook", "Twitter", *contact])
    assert "exposed to a downturn" in shown and "Phone: 555-0100" not in shown


def test_a_list_of_teasers_running_into_the_article_is_cut_where_the_extractor_starts() -> None:
    # HTML: "Breaking News", a list of other stories (headline and first lines in each item) that
    # runs straight into the article's headline and paragraphs, with no gap between them.
    teasers = "".join(
        f"<li><a href='/s{k}'>Story number {k} of the day</a> CITY: Officials said on Wednesday that the"
        f" matter number {k} would be looked at again by the council next month, and that a decision"
        " would follow …</li>"
        for k in range(1, 9)
    )
    article = "".join(
        f"<p>{p}</p>"
        for p in [
            "Nearly 150 people returned home on Wednesday after being deported, their savings spent on agents.",
            "“This was the fourth time I have been deported,” said a young man of 24 from a small town in the north.",
            "He said he had spent a fortune on the four attempts and more on lawyers, and had nothing left now.",
            "Another said he had paid an agent to help him cross the border, and was caught within a day of it.",
            "The special aircraft carrying them landed at six in the morning, an official at the airport said.",
            "Last month more than 300 people were deported in the same way, among them one woman, officials said.",
        ]
    )
    html = (
        "<html><head><title>Deportees return home</title></head><body>"
        f"<h2>Breaking News</h2><ul>{teasers}</ul>"
        f"<article><h1>Deportees return home</h1>{article}</article></body></html>"
    )
    shown = body(cleaned_text(html, "page.html"))
    assert "Nearly 150 people returned home" in shown and "among them one woman" in shown
    assert "matter number" not in shown
