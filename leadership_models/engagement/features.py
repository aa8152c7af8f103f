"""Per-person engagement features over a time window, as Ibis expressions for any backend."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.operations as ops
import pandas as pd
from ibis import _

from .schema import (
    CALENDAR_MONTH,
    COMMUNITY_KINDS,
    EDIT_KINDS,
    Definitions,
    default_definitions,
)

#: Every feature the kit computes, in output order.
FEATURES = (
    "tenure_days",
    "edits",
    "content_edits",
    "active_months",
    "longest_streak",
    "namespaces",
    "projects",
    "community_share",
    "events_organized",
    "events_attended",
    "trainings_completed",
    "mentees_helped",
    "thanks_received",
    "recency_days",
    "growth",
)
_KIND_TOTALS = {
    "events_organized": "event_organized",
    "events_attended": "event_attended",
    "trainings_completed": "training_completed",
    "mentees_helped": "mentee_helped",
    "thanks_received": "thanks_received",
}
_SECONDS_PER_DAY = 86_400
#: Bits of an int64 that stay non-negative, so every backend ORs and counts them alike.
_BITS_PER_WORD = 63


@ibis.udf.agg.builtin(name="bit_or")
def _bit_or(value: dt.int64) -> dt.int64:
    """The bitwise OR of a column (``bit_or`` in DuckDB and Spark SQL alike)."""


@ibis.udf.scalar.builtin(name="bit_count")
def _bit_count(value: dt.int64) -> dt.int32:
    """The number of bits set in an integer (``bit_count`` in DuckDB and Spark SQL alike)."""


def _sum(value: ibis.IntegerColumn) -> ibis.IntegerScalar:
    """Sum integers as 64-bit integers.

    DuckDB sums integers into 128 bits, slower to add up and to hand over as Arrow decimals.
    Ibis drops a cast of the sum to int64, which it types int64 already, so the cast is built
    as an operation of its own; on Spark, which sums into 64 bits anyway, it changes nothing.
    """
    return ops.Cast(value.sum(), to=dt.int64).to_expr()


def utc(moment: datetime | str | pd.Timestamp) -> pd.Timestamp:
    """Return ``moment`` as a UTC timestamp; naive values are taken to be UTC already."""
    stamp = pd.Timestamp(moment)
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


@dataclass(frozen=True)
class Window:
    """A half-open time window [start, end) in UTC."""

    start: pd.Timestamp
    end: pd.Timestamp

    @classmethod
    def ending(cls, end: datetime | str | pd.Timestamp, months: int) -> Window:
        """Return the window of ``months`` calendar months ending at ``end``."""
        stop = utc(end)
        return cls(start=stop - pd.DateOffset(months=months), end=stop)

    @property
    def days(self) -> float:
        """Length of the window in days."""
        return (self.end - self.start).total_seconds() / _SECONDS_PER_DAY

    def month_starts(self) -> list[pd.Timestamp]:
        """Return the first instant of every calendar month the window touches, in order."""
        first = self.start.normalize().replace(day=1)
        return list(pd.date_range(first, self.end - pd.Timedelta(microseconds=1), freq="MS"))

    def last_months_start(self, months: int) -> pd.Timestamp:
        """Return the first instant of the window's last ``months`` calendar months."""
        return self.month_starts()[-1] - pd.DateOffset(months=months - 1)


def default_window(events: ibis.Table, definitions: Definitions | None = None) -> Window:
    """Return the window of the configured length ending the day after the last activity."""
    definitions = definitions or default_definitions()
    last = events.timestamp.max().execute()
    stop = datetime.now(UTC) if last is None or pd.isna(last) else last
    return Window.ending(utc(stop).normalize() + pd.Timedelta(days=1), definitions.window_months)


def _month_number(events: ibis.Table, window: Window) -> ibis.IntegerValue:
    """Return which of the window's calendar months each event falls in, counting from 0.

    Events that carry their calendar month (the DuckDB store's) need one subtraction. Otherwise
    plain comparisons with each month's first instant, rather than extracting year and month,
    keep this fast on every backend (DuckDB's calendar on zoned timestamps is slow).
    """
    first, *later = window.month_starts()
    if CALENDAR_MONTH in events.columns:
        return events[CALENDAR_MONTH] - (first.year * 12 + first.month - 1)
    if not later:
        return ibis.literal(0)
    return ibis.cases(
        *((events.timestamp < start, number) for number, start in enumerate(later)),
        else_=len(later),
    )


def _days_between(later: pd.Timestamp, earlier: ibis.TimestampValue) -> ibis.FloatingValue:
    # Casting the column, not the result, makes the arithmetic double on Spark too, which reads
    # the literal as a decimal (Ibis drops a cast to float64 of what it types float64 already).
    seconds = ibis.literal(later.timestamp()) - earlier.epoch_seconds().cast("float64")
    return seconds / _SECONDS_PER_DAY


def engagement_features(
    contributors: ibis.Table,
    events: ibis.Table,
    window: Window,
    definitions: Definitions | None = None,
) -> ibis.Table:
    """Return one row per contributor who has not opted out, with every feature of FEATURES.

    Contributors who opted out are dropped first, so nothing computed here can carry them.
    Building the expression runs a small query or two, for the namespaces ``events`` use.
    Rows keep the contributor's descriptive columns (name, wiki, region, size band, ...).
    """
    d = definitions or default_definitions()
    people = contributors.filter(~contributors.opted_out)
    in_window = (events.timestamp >= ibis.literal(window.start)) & (
        events.timestamp < ibis.literal(window.end)
    )
    per_user = _totals(events.filter(in_window), window, d, _namespace_spans(events))
    streaks = _streaks(events.filter(in_window & _is_content_edit(events, d)), window, d)
    joined = people.left_join(per_user, "user_id").left_join(streaks, "user_id")
    zero = {
        name: joined[name].fill_null(0)
        for name in (
            "edits",
            "content_edits",
            "namespaces",
            "projects",
            "active_months",
            "longest_streak",
            *_KIND_TOTALS,
        )
    }
    edits = zero["edits"]
    return joined.select(
        *[c for c in contributors.columns if c != "opted_out"],
        tenure_days=_days_between(window.end, joined.registered).clip(lower=0),
        **{name: zero[name] for name in ("edits", "content_edits", "active_months")},
        longest_streak=zero["longest_streak"],
        namespaces=zero["namespaces"],
        projects=zero["projects"],
        community_share=ibis.ifelse(
            edits > 0, joined.community_edits.fill_null(0) / edits.cast("float64"), 0.0
        ),
        **{name: zero[name] for name in _KIND_TOTALS},
        recency_days=_days_between(window.end, joined.last_activity).fill_null(window.days),
        growth=(
            (joined.recent_edits.fill_null(0) + 1).cast("float64")
            / (joined.prior_edits.fill_null(0) + 1).cast("float64")
        ).ln(),
    )


def _totals(events: ibis.Table, window: Window, d: Definitions, spans: Sequence[int]) -> ibis.Table:
    """Return per-person totals, breadth, last activity and growth inputs over ``events``.

    Totals are summed per person. The namespaces a person edited ride along as bitmasks, ORed
    and counted at the end, so that breadth needs no distinct count. Projects are counted apart,
    from the distinct (person, wiki) pairs: only they need the pairs, and summing every total
    per pair first would hold each total once per pair.
    """
    ts, count = events.timestamp, events["count"]
    recent = window.last_months_start(d.growth_months)
    prior = recent - pd.DateOffset(months=d.growth_months)
    is_edit = events.kind.isin(EDIT_KINDS)

    def total(where: ibis.BooleanValue) -> ibis.IntegerValue:
        return _sum(ibis.ifelse(where, count, 0))

    sums = {
        "edits": total(is_edit),
        "content_edits": total(_is_content_edit(events, d)),
        "community_edits": total(events.kind.isin(COMMUNITY_KINDS)),
        "recent_edits": total(is_edit & (ts >= ibis.literal(recent))),
        "prior_edits": total(is_edit & (ts >= ibis.literal(prior)) & (ts < ibis.literal(recent))),
        **{name: total(events.kind == kind) for name, kind in _KIND_TOTALS.items()},
    }
    edited = is_edit & (count > 0)
    masks = {
        f"namespaces_{word}": _bit_or(ibis.ifelse(edited, bits, 0))
        for word, bits in enumerate(_namespace_bits(events.namespace, spans))
    }
    people = events.group_by("user_id").aggregate(**sums, **masks, last_activity=ts.max())
    wikis = events.select("user_id", "wiki").distinct()
    projects = wikis.group_by("user_id").aggregate(projects=wikis.count())
    edited_namespaces = sum(
        (_bit_count(people[name]).cast("int64") for name in masks), ibis.literal(0, "int64")
    )
    return people.join(projects, "user_id").mutate(namespaces=edited_namespaces).drop(*masks)


def _namespace_bits(namespace: ibis.IntegerValue, spans: Sequence[int]) -> list[ibis.IntegerValue]:
    """Return, per span of ``_namespace_spans``, the bit of ``namespace`` in it (0 if outside).

    A namespace's bit is its distance from the span's lowest namespace, so it is a shift rather
    than a lookup; a single span holds every namespace and needs no range check.
    """
    one = ibis.literal(1, "int8").cast("int64")  # a 64-bit one, so shifts reach bit 62
    if len(spans) == 1:
        return [one << (namespace - spans[0])]
    return [
        ibis.ifelse(namespace.between(low, low + _BITS_PER_WORD - 1), one << (namespace - low), 0)
        for low in spans
    ]


def _namespace_spans(events: ibis.Table) -> list[int]:
    """Return the lowest namespace of each span of 63 namespace numbers that ``events`` use.

    Each span is a 63-bit word of namespace bits. A wiki's namespaces (0 to 15, then a few in
    the hundreds or thousands) take a few spans at most. The lowest and highest namespace come
    first, in one small query that DuckDB answers from its statistics; only when they are 63 or
    more apart are the namespaces in use listed.
    """
    bounds = events.aggregate(low=events.namespace.min(), high=events.namespace.max())
    [row] = bounds.to_pyarrow().to_pylist()
    low, high = row["low"], row["high"]
    if low is None:
        return []
    if high - low < _BITS_PER_WORD:
        return [low]
    found = events.select("namespace").distinct().to_pyarrow().column("namespace")
    spans: list[int] = []
    for number in sorted(n for n in found.to_pylist() if n is not None):
        if not spans or number - spans[-1] >= _BITS_PER_WORD:
            spans.append(number)
    return spans


def _is_content_edit(table: ibis.Table, d: Definitions) -> ibis.BooleanValue:
    """Whether rows of ``table`` are edits of content pages (Wikimedia's content namespaces)."""
    return (table.kind == "edit") & table.namespace.isin(d.content_namespaces)


def _streaks(content_edits: ibis.Table, window: Window, d: Definitions) -> ibis.Table:
    """Return each person's active months and longest run of consecutive active months."""
    month = _month_number(content_edits, window)
    active = (
        content_edits.group_by("user_id", month=month)
        .aggregate(content_edits=_sum(content_edits["count"]))
        .filter(_.content_edits >= d.active_month_min_edits)
    )
    islands = active.mutate(
        island=_.month - ibis.row_number().over(group_by="user_id", order_by="month")
    )
    runs = islands.group_by("user_id", "island").aggregate(length=_.count())
    return runs.group_by("user_id").aggregate(
        active_months=_sum(runs.length), longest_streak=runs.length.max()
    )
