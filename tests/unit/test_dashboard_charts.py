"""Tests of the dashboards' charts: bqplot bar and scatter charts, heatmaps as coloured tables."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from leadership_models.dashboards import charts

pytestmark = pytest.mark.unit


def heatmap(grid: pd.DataFrame) -> str:
    return charts.heatmap_table(grid, "People at level 3", "Skill", "suppressed", "People")


def test_suppressed_cells_say_so_and_numbers_show():
    """Does a NaN cell read 'suppressed' (not a colour or NaN) while the others show numbers?"""
    grid = pd.DataFrame({"cee": [12.0, np.nan], "ssa": [40.0, 7.0]}, index=["Editing", "Outreach"])
    table = heatmap(grid)
    assert table.count("class='lk-suppressed'>suppressed</td>") == 1
    assert "nan" not in table.lower()
    assert [int(n) for n in re.findall(r">(\d+)</td>", table)] == [12, 40, 7]
    assert "<th scope='row'>Outreach</th>" in table
    assert "<caption>People at level 3</caption>" in table


def test_heatmap_escapes_labels():
    """Are skill and group names escaped, so a name cannot inject markup?"""
    table = heatmap(pd.DataFrame({"<b>x</b>": [1.0]}, index=["a & b"]))
    assert "&lt;b&gt;x&lt;/b&gt;" in table and "a &amp; b" in table
    assert "<b>x</b>" not in table


def test_cell_text_contrasts_with_its_colour():
    """Is the darkest colour labelled in white and the lightest in black (WCAG contrast)?"""
    table = heatmap(pd.DataFrame({"g": [0.0, 70.0]}, index=["low", "high"]))
    assert f"background:{charts.CIVIDIS[0]};color:#ffffff'>0<" in table
    assert f"background:{charts.CIVIDIS[-1]};color:#000000'>70<" in table


def test_heatmap_key_covers_the_range_in_seven_steps():
    """Does the key give each of the seven colours with the range of values it stands for?"""
    table = heatmap(pd.DataFrame({"g": [0.0, 70.0]}, index=["low", "high"]))
    key = table.split("<table")[0]
    assert key.startswith("<p class='lk-heat-key'>People: ")
    assert re.findall(r">(\d+)–(\d+)<", key) == [(f"{10 * k}", f"{10 * (k + 1)}") for k in range(7)]


def test_all_suppressed_grid_still_renders():
    """Does a grid with every cell suppressed render (no colour scale to divide by)?"""
    table = heatmap(pd.DataFrame({"g": [np.nan, np.nan]}, index=["a", "b"]))
    assert table.count("lk-suppressed") == 2


def test_grouped_bars_have_a_value_domain_and_a_legend():
    """Do two series give grouped bars whose value axis starts at 0 and clears the tallest bar?"""
    figure = charts.bar_chart("Learners", ["cee", "ssa"], {"Enrolled": [3, 8], "Done": [1, 5]})
    bars, value_scale = figure.marks[0], figure.marks[0].scales["y"]
    assert bars.type == "grouped" and bars.display_legend
    assert bars.labels == ["Enrolled", "Done"]
    assert value_scale.min == 0 and value_scale.max > 8
    assert bars.y.shape == (2, 2)


def test_long_category_names_turn_bars_horizontal():
    """Are bars over long names (regions) horizontal, listed top-down, with room for the names?"""
    names = ["Central & Eastern Europe and Central Asia", "South Asia"]
    figure = charts.bar_chart("Learners", names, {"Enrolled": [3, 8]})
    bars = figure.marks[0]
    assert bars.orientation == "horizontal"
    assert bars.scales["x"].reverse
    assert figure.fig_margin["left"] == charts.LONG_LABEL_MARGIN
    short = charts.bar_chart("Learners", ["a", "b"], {"Enrolled": [3, 8]})
    assert short.marks[0].orientation == "vertical"


def test_one_series_may_colour_each_bar():
    """Can a single series flag bars with their own colours, without a legend?"""
    colours = [charts.PALETTE[0], charts.PALETTE[5]]
    figure = charts.bar_chart("Rate", ["a", "b"], {"Rate": [0.5, 0.2]}, colours=colours)
    assert figure.marks[0].colors == colours
    assert not figure.marks[0].display_legend


def test_scatter_labels_its_points():
    """Does the scatter plot carry a name per point and show the names?"""
    figure = charts.scatter_chart("Items", [0.2, 0.8], [0.1, 0.4], ["q1", "q2"], x_title="D")
    points = figure.marks[0]
    assert list(points.names) == ["q1", "q2"] and points.display_names
    assert figure.axes[0].label == "D"


def test_points_without_coordinates_are_left_out():
    """Are points missing a coordinate left out, so the browser never gets NaN positions?"""
    figure = charts.scatter_chart("Items", [0.2, np.nan, 0.5], [0.1, 0.3, np.nan], ["a", "b", "c"])
    points = figure.marks[0]
    assert list(points.names) == ["a"] and points.x.tolist() == [0.2]


def test_missing_bar_values_draw_as_no_bar():
    """Does a missing value become an empty bar rather than a NaN the browser cannot draw?"""
    figure = charts.bar_chart("Rating", ["a", "b"], {"Mean": [4.0, np.nan]})
    assert figure.marks[0].y.tolist() == [4.0, 0.0]
