"""Percent ranks within peer groups, over NumPy arrays: the share of a group ranked lower."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def peer_groups(table: pd.DataFrame, context: Sequence[str]) -> list[np.ndarray]:
    """Return the row positions of each peer group: rows with the same values of ``context``.

    Missing values form a group of their own; with no context, everyone is one group.
    """
    if not context:
        return [np.arange(len(table))]
    return list(table.groupby(list(context), dropna=False, sort=False).indices.values())


def percent_rank(values: np.ndarray, groups: list[np.ndarray]) -> np.ndarray:
    """Return, per element, the share of the rest of its group with a strictly lower value.

    This is SQL's ``percent_rank() over (partition by group order by value)``: ties share the
    lower rank, the top of a group scores 1 and a group of one scores 0.
    """
    ranked = np.empty(len(values))
    for members in groups:
        own = values[members]
        order = np.argsort(own)
        ordered = own[order]
        starts_tie = np.ones(len(ordered), dtype=bool)
        np.not_equal(ordered[1:], ordered[:-1], out=starts_tie[1:])
        lower = np.maximum.accumulate(np.where(starts_tie, np.arange(len(ordered)), 0))
        ranked[members[order]] = lower / max(len(members) - 1, 1)
    return ranked


def group_sizes(groups: list[np.ndarray], rows: int) -> np.ndarray:
    """Return, per row, the size of its peer group."""
    sizes = np.empty(rows, dtype=np.int64)
    for members in groups:
        sizes[members] = len(members)
    return sizes
