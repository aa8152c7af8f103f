"""Benchmark potential-leader scoring: the kit vs one hand-written DuckDB query vs pandas.

    python benchmarks/leaders.py --contributors 1000000 --events 50000000

Generates the data once (kept under --data) with its DuckDB store, as `leadkit engagement
generate` writes it, then runs each implementation --warmup times and --repeat times more, each
run in a fresh process with its libraries imported and the dataset's files read beforehand. It
prints every run's wall time and peak memory (maximum resident set size) and compares the medians
of the runs after the warm-up: on a virtual machine that hands freed memory back to its host, the
first run after a different program pays to fault that memory in again, whichever it is.
The kit and the hand-written query read the DuckDB store; pandas reads the Parquet files, as does
the kit once more, for comparison, without its store. All compute the mentor features and score
over the same 24-month window and peer groups.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import duckdb
import ibis.backends.duckdb  # noqa: F401  (loaded here, as pandas is, so no timing includes it)
import numpy as np
import pandas as pd

from leadership_models.engagement import (
    Window,
    connect,
    engagement_features,
    generate,
    open_dataset,
    to_frame,
)
from leadership_models.engagement.backends import DUCKDB_MEMORY_LIMIT
from leadership_models.engagement.store import STORE_FILE, build_store, store_is_current
from leadership_models.engagement.synthetic import DEFAULT_END
from leadership_models.leaders import RoleScoring, default_scoring_config, score_table

WINDOW = Window.ending(DEFAULT_END, 24)
ROLE = "mentor"
CONTEXT = ("community_size", "region")
GROWTH_MONTHS = 6
KIND_TOTALS = (
    ("events_organized", "event_organized"),
    ("events_attended", "event_attended"),
    ("trainings_completed", "training_completed"),
    ("mentees_helped", "mentee_helped"),
    ("thanks_received", "thanks_received"),
)


def kit(data: Path, use_store: bool = True) -> pd.DataFrame:
    """The kit, as `leadkit leaders score` runs it (without the explanations), on DuckDB."""
    with connect("duckdb") as session:
        contributors, events = open_dataset(session, data, use_store)
        rows = engagement_features(contributors, events, WINDOW).to_pyarrow()
    return score_table(to_frame(rows), default_scoring_config().role(ROLE), CONTEXT)


def kit_from_parquet(data: Path) -> pd.DataFrame:
    """The kit reading the Parquet files, as for a folder without a current DuckDB store."""
    return kit(data, use_store=False)


def _score_sql(scoring: RoleScoring) -> tuple[str, str]:
    """Return the SQL of the weighted features' percentile windows and of the weighted score."""
    total = sum(scoring.weights.values())
    ranks = ",\n".join(
        f"percent_rank() over (partition by peer_group order by "
        f"{'-' if f == 'recency_days' else ''}{f}) as {f}_percentile"
        for f in scoring.weights
    )
    score = " + ".join(f"{f}_percentile * {w / total!r}" for f, w in scoring.weights.items())
    return ranks, score


def _month_index(start: pd.Timestamp) -> int:
    """Return a month's number as the store's calendar_month counts them (year * 12 + month - 1)."""
    return start.year * 12 + start.month - 1


def _growth_starts() -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return where the last GROWTH_MONTHS calendar months of the window begin, and the prior."""
    last = WINDOW.end - pd.Timedelta(microseconds=1)
    recent = last.normalize().replace(day=1) - pd.DateOffset(months=GROWTH_MONTHS - 1)
    return recent, recent - pd.DateOffset(months=GROWTH_MONTHS)


def hand_sql(data: Path) -> pd.DataFrame:
    """One hand-written DuckDB query computing the same fifteen features and the score.

    It reads the dataset's DuckDB store, as the kit does, and is written as an expert would for
    this data: events are summed per person, and projects counted apart from the distinct
    (person, wiki) pairs; the namespaces edited (-1 to 14 here) ride along as bits of one
    integer; the growth windows and active months use the store's calendar month; percentiles
    are ranked on a narrow table partitioned by an integer peer group.
    """
    scoring = default_scoring_config().role(ROLE)
    ranks, score = _score_sql(scoring)
    end = WINDOW.end.timestamp()
    recent, prior = (_month_index(start) for start in _growth_starts())
    first_month = _month_index(WINDOW.month_starts()[0])
    edit = "kind in ('edit', 'talk_edit', 'project_edit')"
    totals = ",\n".join(
        f"sum(case when kind = '{k}' then count else 0 end)::bigint as {n}" for n, k in KIND_TOTALS
    )
    kept = ", ".join(f"coalesce(p.{n}, 0) as {n}" for n, _ in KIND_TOTALS)
    query = f"""
    with events as not materialized (
      select * from store.events
      where timestamp >= '{WINDOW.start.isoformat()}'::timestamptz
        and timestamp < '{WINDOW.end.isoformat()}'::timestamptz),
    per_user as (
      select user_id,
        sum(case when {edit} then count else 0 end)::bigint as edits,
        sum(case when kind = 'edit' and namespace = 0 then count else 0 end)::bigint
          as content_edits,
        sum(case when kind in ('talk_edit', 'project_edit') then count else 0 end)::bigint
          as community,
        sum(case when {edit} and calendar_month >= {recent} then count else 0 end)::bigint
          as recent,
        sum(case when {edit} and calendar_month >= {prior} and calendar_month < {recent}
          then count else 0 end)::bigint as prior,
        {totals},
        bit_count(bit_or(
          case when {edit} and count > 0 then 1::bigint << (namespace + 1) else 0 end))
          as namespaces,
        max(timestamp) as last_activity
      from events group by user_id),
    projects as (
      select user_id, count(*) as projects
      from (select distinct user_id, wiki from events) group by user_id),
    streaks as (
      select user_id, sum(length) as active_months, max(length) as longest_streak from (
        select user_id, count(*) as length from (
          select user_id, month - row_number() over (partition by user_id order by month) as island
          from (
            select user_id, calendar_month - {first_month} as month, sum(count) as edits
            from events where kind = 'edit' and namespace = 0 group by all)
          where edits >= 5)
        group by user_id, island)
      group by user_id),
    features as (
      select c.* exclude (opted_out),
        greatest(({end} - epoch(c.registered)) / 86400.0, 0) as tenure_days,
        coalesce(p.edits, 0) as edits, coalesce(p.content_edits, 0) as content_edits,
        coalesce(s.active_months, 0) as active_months,
        coalesce(s.longest_streak, 0) as longest_streak,
        coalesce(p.namespaces, 0) as namespaces, coalesce(w.projects, 0) as projects,
        case when coalesce(p.edits, 0) > 0 then p.community / p.edits else 0.0 end
          as community_share,
        {kept},
        coalesce(({end} - epoch(p.last_activity)) / 86400.0, {WINDOW.days}) as recency_days,
        ln((coalesce(p.recent, 0) + 1) / (coalesce(p.prior, 0) + 1)) as growth
      from store.contributors c
      left join per_user p using (user_id)
      left join projects w using (user_id)
      left join streaks s using (user_id)
      where not c.opted_out),
    keyed as (
      select user_id, {", ".join(scoring.weights)},
        dense_rank() over (order by community_size, region) as peer_group
      from features),
    ranked as (select user_id, peer_group, {ranks} from keyed),
    scored as (
      select *, {score} as score,
        count(*) over (partition by peer_group) as peers from ranked),
    standing as (
      select * exclude (peer_group),
        percent_rank() over (partition by peer_group order by score) as score_percentile
      from scored)
    select * from features join standing using (user_id)
    """
    con = duckdb.connect()
    con.execute("ATTACH $path AS store (READ_ONLY)", {"path": str(data / STORE_FILE)})
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET preserve_insertion_order = false")
    con.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
    con.execute("SET enable_progress_bar = false")
    return to_frame(con.sql(query).to_arrow_table())


def pandas_version(data: Path) -> pd.DataFrame:
    """A straightforward pandas implementation of the same fifteen features and the score."""
    scoring = default_scoring_config().role(ROLE)
    people = pd.read_parquet(data / "contributors.parquet")
    people = people[~people.opted_out]
    ev = pd.read_parquet(data / "events.parquet")
    ev = ev[(ev.timestamp >= WINDOW.start) & (ev.timestamp < WINDOW.end)].copy()
    ev["month"] = ev.timestamp.dt.year * 12 + ev.timestamp.dt.month - 1
    ev["edits"] = ev["count"].where(ev.kind.isin(["edit", "talk_edit", "project_edit"]), 0)
    ev["content"] = ev["count"].where((ev.kind == "edit") & (ev.namespace == 0), 0)
    ev["community"] = ev["count"].where(ev.kind.isin(["talk_edit", "project_edit"]), 0)
    for name, kind in KIND_TOTALS:
        ev[name] = ev["count"].where(ev.kind == kind, 0)
    recent, prior = _growth_starts()
    ev["recent"] = ev.edits.where(ev.timestamp >= recent, 0)
    ev["prior"] = ev.edits.where((ev.timestamp < recent) & (ev.timestamp >= prior), 0)
    ev["edited_namespace"] = ev.namespace.where(ev.edits > 0)
    by_user = ev.groupby("user_id")
    per_user = by_user[
        ["edits", "content", "community", "recent", "prior", *(n for n, _ in KIND_TOTALS)]
    ].sum()
    per_user["namespaces"] = by_user.edited_namespace.nunique()
    per_user["projects"] = by_user.wiki.nunique()
    per_user["last"] = by_user.timestamp.max()
    monthly = ev.groupby(["user_id", "month"]).content.sum()
    active = monthly[monthly >= 5].reset_index()
    active["island"] = active.month - active.groupby("user_id").cumcount()
    streaks = active.groupby(["user_id", "island"]).size().groupby("user_id").agg(["sum", "max"])
    f = people.set_index("user_id").join(per_user).join(streaks)
    counts = [c for c in per_user.columns if c != "last"] + ["sum", "max"]
    f[counts] = f[counts].fillna(0)
    f = f.rename(
        columns={"content": "content_edits", "sum": "active_months", "max": "longest_streak"}
    )
    f["tenure_days"] = ((WINDOW.end - f.registered).dt.total_seconds() / 86400).clip(lower=0)
    f["community_share"] = (f.community / f.edits.where(f.edits > 0)).fillna(0.0)
    f["recency_days"] = ((WINDOW.end - f["last"]).dt.total_seconds() / 86400).fillna(WINDOW.days)
    f["growth"] = np.log((f.recent + 1) / (f.prior + 1))
    keys = [f[c] for c in CONTEXT]
    size = f.groupby(keys).edits.transform("size")
    total = sum(scoring.weights.values())
    f["score"] = 0.0
    for name, weight in scoring.weights.items():
        key = -f[name] if name == "recency_days" else f[name]
        rank = key.groupby(keys).rank(method="min")
        f[f"{name}_percentile"] = ((rank - 1) / (size - 1)).fillna(0.0)
        f["score"] += f[f"{name}_percentile"] * weight / total
    f["peers"] = size
    f["score_percentile"] = ((f.score.groupby(keys).rank(method="min") - 1) / (size - 1)).fillna(
        0.0
    )
    return f.reset_index()


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _read_through(data: Path) -> None:
    """Read the dataset's files once, so each implementation starts with them in the page cache.

    Without this, whichever runs first after a pause may read from disk: the kernel evicts
    file pages it has not seen used for a while (this machine runs DAMON's proactive reclaim).
    """
    for path in [*data.glob("*.parquet"), data / STORE_FILE]:
        with path.open("rb") as stream:
            while stream.read(1 << 24):
                pass


def _measured(function_name: str, data: Path) -> tuple[float, float, int, float, float]:
    """Run one implementation; return wall and CPU seconds, rows, total score and peak GB."""
    _read_through(data)
    start, cpu = time.perf_counter(), _cpu_seconds()
    scored = globals()[function_name](data)
    seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    return seconds, cpu, len(scored), float(scored["score"].sum()), peak_gb


def main() -> None:
    """Generate the data if needed, then time each implementation in fresh processes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contributors", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=50_000_000)
    parser.add_argument("--data", type=Path, default=None, help="where the generated data lives")
    parser.add_argument("--skip-pandas", action="store_true", help="leave pandas out")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per implementation; medians are compared"
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=1,
        help="runs per implementation before those, printed but not compared",
    )
    args = parser.parse_args()
    data = args.data or Path(f"benchmark-data/leaders-{args.contributors}-{args.events}")
    if not (data / "events.parquet").is_file():
        start = time.perf_counter()
        generate(data, args.contributors, args.events, seed=0)
        print(
            f"generated {args.contributors:,} contributors and {args.events:,} events "
            f"in {time.perf_counter() - start:.1f} s, their DuckDB store included"
        )
    if not store_is_current(data):
        start = time.perf_counter()
        store = build_store(data)
        print(
            f"built the DuckDB store ({store.stat().st_size / 1e6:,.0f} MB) "
            f"in {time.perf_counter() - start:.1f} s, once for the dataset"
        )
    names = ["kit", "hand_sql", "kit_from_parquet"] + (
        [] if args.skip_pandas else ["pandas_version"]
    )
    wall = {}
    for name in names:
        runs = []
        for run in range(1 - args.warmup, args.repeat + 1):
            with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
                measured = pool.submit(_measured, name, data).result()
            seconds, cpu, rows, score_total, peak = measured
            label = f"run {run}:" if run > 0 else "warm-up:"
            print(
                f"{name:15s} {label:7s} {seconds:6.2f} s wall {cpu:6.2f} s CPU  {rows:,} people  "
                f"score total {score_total:,.3f}  peak memory {peak:.2f} GB",
                flush=True,
            )
            if run > 0:
                runs.append(measured)
        wall[name] = statistics.median(r[0] for r in runs)
        print(
            f"{name:15s} median {wall[name]:6.2f} s wall  "
            f"peak memory {max(r[4] for r in runs):.2f} GB at most"
        )
    kit_s = wall["kit"]
    print(f"kit / hand-written SQL: {kit_s / wall['hand_sql']:.2f}x median wall (target <= 1.3x)")
    if "pandas_version" in wall:
        print(f"pandas / kit: {wall['pandas_version'] / kit_s:.1f}x median wall (target >= 5x)")
        print(
            f"pandas / kit from Parquet: {wall['pandas_version'] / wall['kit_from_parquet']:.1f}x "
            "median wall"
        )


if __name__ == "__main__":
    main()
