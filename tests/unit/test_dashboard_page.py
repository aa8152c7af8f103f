"""Tests of the dashboards' shared building blocks: language choice, tables, downloads."""

from __future__ import annotations

import base64

import pandas as pd
import pytest

from leadership_models.dashboards import page

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("query", "accept", "expected"),
    [
        ("lang=ja", "es-ES,es;q=0.9", "ja"),
        ("", "ca-ES,ca;q=0.9,en;q=0.5", "ca"),
        ("", "fr-FR,fr;q=0.9,es;q=0.8", "es"),
        ("lang=xx", "", "en"),
        ("", "", "en"),
    ],
    ids=["query-wins", "accept-language", "first-supported", "unsupported-query", "nothing"],
)
def test_request_language(monkeypatch, query, accept, expected):
    """Is the viewer's language taken from ?lang=, then Accept-Language, then English?"""
    monkeypatch.setenv("QUERY_STRING", query)
    monkeypatch.setenv("HTTP_ACCEPT_LANGUAGE", accept)
    assert page.request_language() == expected


def test_table_html_escapes_and_captions():
    """Does a table escape cell text and carry its caption for screen readers?"""
    html = page.table_html(pd.DataFrame({"name": ["<script>x</script>"]}), "Learners")
    assert "<caption>Learners</caption>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_empty_table_is_a_status_notice():
    """Is an empty selection shown as a status message rather than an empty table?"""
    html = page.table_html(pd.DataFrame({"a": []}), "Caption", "Nobody here.")
    assert "role='status'" in html and "Nobody here." in html


def test_download_link_carries_the_csv():
    """Does the export link embed exactly the table as CSV, so it works offline?"""
    frame = pd.DataFrame({"name": ["Núria", "Kenji"], "score": [1, 2]})
    link = page.download_link(frame, "review.csv", "Export")
    payload = link.split("base64,", 1)[1].split("'", 1)[0]
    assert base64.b64decode(payload).decode("utf-8") == frame.to_csv(index=False)


def test_selected_all_keeps_every_row():
    """Does the 'all' option of a filter keep every row and a value keep only its rows?"""
    frame = pd.DataFrame({"region": ["lac", "ssa", "lac"]})
    assert len(page.selected(frame, "region", page.ALL)) == 3
    assert page.selected(frame, "region", "lac")["region"].tolist() == ["lac", "lac"]


def test_paged_table_shapes_only_the_rows_on_screen():
    """Does a paged table shape and show one page, turn pages, and stop at both ends?"""
    shaped: list[int] = []

    def shape(rows: pd.DataFrame) -> pd.DataFrame:
        shaped.append(len(rows))
        return rows.rename(columns={"n": "Number"})

    table = page.PagedTable("Numbers", "None.", "en", shape=shape, page_size=10)
    table.show(pd.DataFrame({"n": range(25)}))
    assert shaped == [10] and table.position.value == "1–10 of 25"
    assert "<th>Number</th>" in table.table.value and table.previous.disabled
    table.turn(2)
    assert table.position.value == "21–25 of 25" and table.next.disabled
    assert "<td>24</td>" in table.table.value and "<td>19</td>" not in table.table.value
    table.turn(-5)
    assert table.first == 0


def test_paged_table_without_rows_says_so_and_hides_its_buttons():
    """Does an empty selection show the notice, with no position and hidden buttons?"""
    table = page.PagedTable("Numbers", "Nothing here.", "en")
    table.show(pd.DataFrame({"n": []}))
    assert "Nothing here." in table.table.value and table.position.value == ""
    assert table.next.layout.visibility == "hidden"
