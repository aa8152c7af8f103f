"""Do the dashboards' views work on the demo snapshot: heatmap, pages of nominations, export?"""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import bqplot as bq
import pandas as pd
import pytest

from leadership_models.dashboards.cohort_progress import CohortProgress
from leadership_models.dashboards.content_quality import ContentQuality
from leadership_models.dashboards.leaders import PotentialLeaders
from leadership_models.dashboards.page import PagedTable
from leadership_models.dashboards.skills_map import SkillsMap
from leadership_models.framework import default_framework
from leadership_models.reporting.snapshot import Snapshot

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def leaders(demo_snapshot: Path) -> PotentialLeaders:
    dashboard = PotentialLeaders(Snapshot(demo_snapshot), default_framework())
    dashboard.build("es")
    return dashboard


def shown_rows(table: PagedTable) -> int:
    return table.table.value.split("<tbody>")[1].count("<tr>")


def test_nominations_come_a_page_at_a_time(leaders: PotentialLeaders):
    """Does the list show one page, move forward and back, and stop at both ends?"""
    table, total = leaders.table, len(leaders.rows)
    assert total > table.page_size, "the demo should nominate more people than one page holds"
    assert shown_rows(table) == table.page_size
    assert table.position.value == f"1–{table.page_size} de {total}"
    assert leaders.count.value == f"{total} personas propuestas para revisión"
    assert table.previous.disabled and not table.next.disabled
    table.next.click()
    assert table.position.value.startswith(f"{table.page_size + 1}–")
    assert not table.previous.disabled
    table.previous.click()
    assert table.position.value.startswith("1–")
    last_page = -(-total // table.page_size) - 1
    table.turn(last_page)
    assert table.next.disabled
    assert table.position.value.endswith(f"{total} de {total}")


def test_export_holds_every_nomination_explained(leaders: PotentialLeaders):
    """Does the export carry every nomination of the selection with its explanation?"""
    assert leaders.export_link.value == ""
    leaders.export.click()
    payload = re.search(r"base64,([A-Za-z0-9+/=]+)'", leaders.export_link.value)
    assert payload, leaders.export_link.value
    exported = pd.read_csv(io.BytesIO(base64.b64decode(payload[1])))
    assert len(exported) == len(leaders.rows)
    assert exported["explanation"].str.startswith("En comparación con").all()


def test_changing_a_filter_starts_again_from_the_first_page(leaders: PotentialLeaders):
    """Does a new filter value show the first page of the new selection, and drop old exports?"""
    leaders.export.click()
    leaders.table.next.click()
    leaders.size.value = leaders.size.options[1][1]
    assert leaders.table.first == 0
    assert leaders.export_link.value == ""
    assert set(leaders.rows["community_size"]) == {leaders.size.value}


def test_skills_map_is_a_coloured_table_with_a_key(demo_snapshot: Path):
    """Does the skills map draw its heatmap as a table with a key, and redraw on a filter?"""
    dashboard = SkillsMap(Snapshot(demo_snapshot), default_framework())
    dashboard.build("ca")
    html = dashboard.heatmap.value
    assert "<table class='lk-table lk-heatmap'>" in html and "lk-heat-key" in html
    dashboard.grouping.value = "community_size"
    assert dashboard.heatmap.value != html


def test_cohort_progress_draws_two_bqplot_charts(demo_snapshot: Path):
    """Does cohort progress draw its region and score charts as bqplot figures?"""
    dashboard = CohortProgress(Snapshot(demo_snapshot))
    dashboard.build("ja")
    figures = [*dashboard.by_region.children, *dashboard.scores.children]
    assert [type(f) for f in figures] == [bq.Figure, bq.Figure]
    scores = figures[1].marks[0]
    assert list(scores.x) == [f"{low}–{low + 10}" for low in range(0, 100, 10)]


def test_learners_at_risk_come_a_page_at_a_time_and_download_whole(demo_snapshot: Path):
    """Are learners at risk shown a page at a time while the download holds all of them?"""
    dashboard = CohortProgress(Snapshot(demo_snapshot))
    dashboard.build("en")
    risk = dashboard.risk
    assert shown_rows(risk) == min(len(risk.rows), risk.page_size)
    assert "<th>Reason</th>" in risk.table.value
    payload = re.search(r"base64,([A-Za-z0-9+/=]+)'", dashboard.risk_download.value)
    assert payload, "the demo cohort should have learners at risk"
    exported = pd.read_csv(io.BytesIO(base64.b64decode(payload[1])))
    assert len(exported) == len(risk.rows)


def test_content_quality_lists_questions_with_findings_first(demo_snapshot: Path):
    """Are questions with a finding listed before the sound ones, a page at a time?"""
    dashboard = ContentQuality(Snapshot(demo_snapshot))
    dashboard.build("en")
    items = dashboard.item_table.rows
    assert len(items) > 0, "the demo grades should give item statistics"
    fine = (items["flag"] == "ok").tolist()
    assert fine == sorted(fine), "a sound question is listed before one with a finding"
    assert shown_rows(dashboard.item_table) == min(len(items), dashboard.item_table.page_size)
