"""Charts with the kit's accessible defaults: bqplot figures, and heatmaps as coloured tables.

bqplot is widget-native and its JavaScript (about 0.6 MB) ships with the package, so charts work
offline and load quickly on slow connections. Heatmaps are HTML tables whose cells are coloured
by value: a real table is its own text alternative and can mark suppressed cells in words.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import bqplot as bq
import ipywidgets as widgets
import numpy as np
import pandas as pd

# Okabe & Ito's palette: distinguishable with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
# Cividis (Nuñez, Anderton & Renslow 2018) in seven steps: perceptually uniform, colour-blind safe.
LONG_LABEL = 12
"""Category names longer than this turn bar charts horizontal."""
LONG_LABEL_MARGIN = 290
"""Room (pixels) left of a horizontal bar chart for its category names."""
CIVIDIS = ("#00224E", "#233E6C", "#575C6D", "#7C7B78", "#A69D75", "#D3C164", "#FEE838")


def bar_chart(
    title: str,
    categories: Sequence[str],
    series: Mapping[str, Sequence[float]],
    *,
    y_title: str = "",
    colours: Sequence[str] | None = None,
    height: int = 380,
) -> bq.Figure:
    """Return a bar chart of one or more named series over ``categories`` (grouped, with legend).

    With one series, ``colours`` may give each bar its own colour (e.g. to flag some). Long
    category names (regions, modules) turn the bars horizontal, so every name stays readable.
    """
    names = list(series)
    values = np.array([list(series[name]) for name in names], dtype=float).reshape(len(names), -1)
    values = np.nan_to_num(values)  # a missing value is drawn as no bar
    # Grouped bars need the value domain given: bqplot leaves it empty for them otherwise.
    # Headroom beyond the longest bar keeps the legend clear of the bars.
    top = float(np.nanmax(values, initial=0.0)) or 1.0
    headroom = 1.3 if len(names) > 1 else 1.1
    horizontal = max(map(len, categories), default=0) > LONG_LABEL
    # Horizontal bars list the categories from the top down, in the order given.
    x = bq.OrdinalScale(domain=list(categories), reverse=horizontal)
    y = bq.LinearScale(min=0.0, max=top * headroom)
    bars = bq.Bars(
        x=list(categories),
        y=values if len(names) > 1 else values[0],
        scales={"x": x, "y": y},
        type="grouped",
        orientation="horizontal" if horizontal else "vertical",
        colors=list(colours or PALETTE[: len(names)]),
        labels=names,
        display_legend=len(names) > 1,
        tooltip=bq.Tooltip(fields=["x", "y"], labels=["", y_title or names[0]]),
    )
    if not horizontal:
        return _figure(title, [bars], (x, ""), (y, y_title), height)
    tall = max(height, 80 + 24 * len(categories) * len(names))
    return _figure(title, [bars], (y, y_title), (x, ""), tall, left=LONG_LABEL_MARGIN)


def scatter_chart(
    title: str,
    x_values: Sequence[float],
    y_values: Sequence[float],
    names: Sequence[str],
    *,
    x_title: str = "",
    y_title: str = "",
    height: int = 380,
) -> bq.Figure:
    """Return a scatter plot whose points are labelled with ``names``.

    Points missing a coordinate (e.g. no discrimination with too few learners) are left out:
    they have no place on the plane, and the table beside the chart still lists them.
    """
    x_array, y_array = np.asarray(x_values, dtype=float), np.asarray(y_values, dtype=float)
    placed = np.isfinite(x_array) & np.isfinite(y_array)
    x, y = bq.LinearScale(), bq.LinearScale()
    points = bq.Scatter(
        x=x_array[placed],
        y=y_array[placed],
        names=[name for name, keep in zip(names, placed, strict=True) if keep],
        display_names=True,
        scales={"x": x, "y": y},
        colors=[PALETTE[0]],
        default_size=96,
        tooltip=bq.Tooltip(fields=["name", "x", "y"], labels=["", x_title, y_title]),
    )
    return _figure(title, [points], (x, x_title), (y, y_title), height, padding=0.05)


def _figure(
    title: str,
    marks: list[bq.Mark],
    horizontal: tuple[bq.Scale, str],
    vertical: tuple[bq.Scale, str],
    height: int,
    left: int = 70,
    padding: float = 0.0,
) -> bq.Figure:
    """Return a figure of ``marks`` with a titled axis for each (scale, title) pair.

    ``padding`` (a share of each axis) keeps points at the edges from being cut in half.
    """
    (x, x_title), (y, y_title) = horizontal, vertical
    axes = [
        bq.Axis(scale=x, label=x_title, grid_lines="dashed"),
        bq.Axis(scale=y, orientation="vertical", label=y_title, grid_lines="dashed"),
    ]
    return bq.Figure(
        title=title,
        marks=marks,
        axes=axes,
        fig_margin={"top": 50, "bottom": 60, "left": left, "right": 20},
        legend_location="top-right",
        padding_x=padding,
        padding_y=padding,
        layout=widgets.Layout(width="100%", height=f"{height}px"),
    )


def heatmap_table(
    grid: pd.DataFrame, caption: str, corner: str, suppressed: str, legend: str
) -> str:
    """Return ``grid`` (numbers, NaN where suppressed) as an HTML table coloured by value.

    Each cell shows its number on a Cividis colour in seven steps, in black or white, whichever
    contrasts more; suppressed cells say ``suppressed`` on a hatched grey. A key above the table,
    titled ``legend``, gives the range of each colour.
    """
    values = grid.to_numpy(dtype=float, na_value=np.nan)
    top = float(np.nanmax(values, initial=0.0)) if np.isfinite(values).any() else 0.0
    head = "".join(f"<th scope='col'>{html.escape(str(c))}</th>" for c in grid.columns)
    rows = []
    for label, row in zip(grid.index, values, strict=True):
        cells = "".join(_heat_cell(value, top, suppressed) for value in row)
        rows.append(f"<tr><th scope='row'>{html.escape(str(label))}</th>{cells}</tr>")
    return (
        _heat_key(top, legend) + f"<table class='lk-table lk-heatmap'>"
        f"<caption>{html.escape(caption)}</caption>"
        f"<thead><tr><th scope='col'>{html.escape(corner)}</th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _heat_cell(value: float, top: float, suppressed: str) -> str:
    if np.isnan(value):
        return f"<td class='lk-suppressed'>{html.escape(suppressed)}</td>"
    step = _step(value, top)
    return f"<td style='{_swatch(step)}'>{value:.0f}</td>"


def _heat_key(top: float, legend: str) -> str:
    """Return the colour key: each step of the scale with the values it stands for."""
    bounds = np.linspace(0, top, len(CIVIDIS) + 1)
    steps = "".join(
        f"<span style='{_swatch(CIVIDIS[k])}'>{bounds[k]:.0f}–{bounds[k + 1]:.0f}</span>"
        for k in range(len(CIVIDIS))
    )
    return f"<p class='lk-heat-key'>{html.escape(legend)}: {steps}</p>"


def _step(value: float, top: float) -> str:
    """Return the colour of ``value`` on the seven-step scale from 0 to ``top``."""
    return CIVIDIS[min(int(value / top * len(CIVIDIS)), len(CIVIDIS) - 1)] if top else CIVIDIS[0]


def _swatch(background: str) -> str:
    return f"background:{background};color:{_text_colour(background)}"


def _text_colour(background: str) -> str:
    """Return black or white, whichever contrasts more with ``background`` (WCAG luminance)."""
    channels = np.array([int(background[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    linear = np.where(channels <= 0.03928, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    luminance = float(linear @ [0.2126, 0.7152, 0.0722])
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"
