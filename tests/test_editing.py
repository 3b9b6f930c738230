"""Edit, view and report links: a document page's buttons lead to its sidecar, its scrape and a
prefilled issue, never to generated Markdown; hand-written pages keep their own edit links."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup

from duizhao.publish import forge, render

from .conftest import SOURCES, build
from .conftest import TEST_REPO as REPO  # mkdocs.yml repo_url in test builds


def buttons(html: str) -> dict[str, str]:
    page = BeautifulSoup(html, "html.parser")
    return {a["title"]: a["href"] for a in page.select("article a.md-content__button")}


def test_sidecar_links_edit_an_existing_file_or_create_one() -> None:
    settings = render.Settings(repo_url=REPO, branch="main", sources_dir="sources")
    assert (
        forge.sidecar_url(settings, "sub/a b.txt", "sub/a b.yml") == f"{REPO}/edit/main/sources/sub/a%20b.yml"
    )
    new = urlsplit(forge.sidecar_url(settings, "sub/a.txt", None))
    assert new.path == f"{urlsplit(REPO).path}/new/main/sources/sub"
    query = parse_qs(new.query)
    assert query["filename"] == ["a.yml"]
    assert (
        query["value"][0].startswith("# Corrections for sub/a.txt")
        and "# date: YYYY-MM-DD" in query["value"][0]
    )
    assert forge.scrape_url(settings, "a.txt") == f"{REPO}/blob/main/sources/a.txt"


def test_document_pages_edit_the_sidecar_and_view_the_scrape(seed_site) -> None:
    name = sorted(SOURCES.glob("002_*"))[0].name
    stem = name.rsplit(".", 1)[0]
    found = buttons(seed_site.doc(stem))
    edit = next(url for title, url in found.items() if title.startswith("Add corrections"))
    assert urlsplit(edit).path == f"{urlsplit(REPO).path}/new/main/sources"
    assert parse_qs(urlsplit(edit).query)["filename"] == [f"{stem}.yml"]
    assert found[f"View the scrape (sources/{name})"] == f"{REPO}/blob/main/sources/{name}"
    # nothing points at the generated Markdown
    assert all("texts/" not in urlsplit(url).path for url in found.values())


def test_hand_written_pages_keep_their_edit_and_view_links(seed_site) -> None:
    found = buttons(seed_site.page("editors/index.html"))
    assert f"{REPO}/edit/main/docs/editors.md" in found.values()
    assert f"{REPO}/raw/main/docs/editors.md" in found.values()  # only the path's first /edit/ changes


def test_an_existing_sidecar_is_what_edit_opens(project) -> None:
    root = project(
        {
            "statement.txt": "China is ready to strengthen cooperation with all countries on cyberspace.\n",
            "statement.yml": "date: 2020-11-25\n",
        }
    )
    result = build(root)
    assert result.returncode == 0, result.log
    found = buttons(result.doc("statement"))
    assert found["Edit corrections (sources/statement.yml)"] == f"{REPO}/edit/main/sources/statement.yml"
