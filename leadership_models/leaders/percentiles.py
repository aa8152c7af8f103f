"""Percent ranks within peer groups, over NumPy arrays: the share of a group ranked lower."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class PeerGroups:
    """Row positions ordered group by group, and where each group starts in that order.

    Ranking a group then works on a contiguous slice, and the rows are gathered and scattered
    once per ranking rather than once per group.
    """

    order: np.ndarray
    starts: np.ndarray

    def slices(self) -> Iterator[slice]:
        """Yield each group's slice of ``order``."""
        for start, stop in zip(self.starts[:-1], self.starts[1:], strict=True):
            yield slice(start, stop)

    def sizes(self) -> np.ndarray:
        """Return, per row, the size of its peer group."""
        lengths = np.diff(self.starts)
        sizes = np.empty(len(self.order), dtype=np.int64)
        sizes[self.order] = np.repeat(lengths, lengths)
        return sizes


def peer_groups(table: pd.DataFrame, context: Sequence[str]) -> PeerGroups:
    """Group the rows of ``table`` with the same values of ``context`` as peers.

    Missing values form a group of their own; with no context, everyone is one group.
    """
    if not context:
        return PeerGroups(np.arange(len(table)), np.array([0, len(table)]))
    members = list(table.groupby(list(context), dropna=False, sort=False).indices.values())
    order = np.concatenate(members) if members else np.empty(0, dtype=np.intp)
    return PeerGroups(order, np.cumsum([0, *map(len, members)]))


def percent_rank(values: np.ndarray, groups: PeerGroups) -> np.ndarray:
    """Return, per element, the share of the rest of its group with a strictly lower value.

    This is SQL's ``percent_rank() over (partition by group order by value)``: ties share the
    lower rank, the top of a group scores 1 and a group of one scores 0.
    """
    grouped = values[groups.order]
    ranked = np.empty(len(grouped))
    for group in groups.slices():
        own = grouped[group]
        order = np.argsort(own)
        ordered = own[order]
        starts_tie = np.ones(len(ordered), dtype=bool)
        np.not_equal(ordered[1:], ordered[:-1], out=starts_tie[1:])
        lower = np.maximum.accumulate(np.where(starts_tie, np.arange(len(ordered)), 0))
        ranked[group][order] = lower / max(len(ordered) - 1, 1)
    result = np.empty(len(values))
    result[groups.order] = ranked
    return result
