"""Open an engagement dataset as Ibis tables on DuckDB (file-backed, the default) or PySpark."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import ibis
import pandas as pd
import pyarrow.parquet as pq
from ibis.backends import BaseBackend

from .schema import CONTRIBUTORS, EVENTS
from .store import DUCKDB_MEMORY_LIMIT, STORE_FILE, attach_store
from .tables import (
    check_columns,
    find_table,
    load_contributors,
    load_events,
    to_arrow,
    to_frame,
)

BackendName = Literal["duckdb", "pyspark"]
BACKENDS: tuple[BackendName, ...] = ("duckdb", "pyspark")


@dataclass(frozen=True)
class Session:
    """A backend connection and a scratch folder that lives as long as it."""

    con: BaseBackend
    scratch: Path


@contextmanager
def connect(
    backend: BackendName = "duckdb",
    workdir: Path | None = None,
    memory_limit: str = DUCKDB_MEMORY_LIMIT,
) -> Iterator[Session]:
    """Connect to a backend for the length of a block.

    DuckDB keeps its database in a file under ``workdir`` (a temporary folder by default) and
    spills there beyond ``memory_limit``, so large histories fit a small JupyterHub pod; rows
    come back in no particular order unless a query sorts them, which lets DuckDB go faster; and
    DuckDB prints no progress bar of its own (the CLI shows its stages).
    PySpark uses the active session, or starts one in local mode with UTC as its time zone.
    """
    with tempfile.TemporaryDirectory(prefix="leadkit-", dir=workdir) as scratch:
        if backend == "duckdb":
            con = ibis.duckdb.connect(
                Path(scratch) / "engagement.duckdb", temp_directory=str(Path(scratch) / "spill")
            )
            con.raw_sql("SET TimeZone = 'UTC'")
            con.raw_sql(f"SET memory_limit = '{memory_limit}'")
            con.raw_sql("SET preserve_insertion_order = false")
            con.raw_sql("SET enable_progress_bar = false")
        elif backend == "pyspark":
            con = ibis.pyspark.connect(spark_session(Path(scratch)))
        else:
            raise ValueError(f"unknown backend {backend!r}; known: {', '.join(BACKENDS)}")
        try:
            yield Session(con, Path(scratch))
        finally:
            if backend == "duckdb":
                con.disconnect()


def spark_session(warehouse: Path) -> object:
    """Return the active Spark session, or a local one in UTC with a scratch warehouse.

    A local session uses two shuffle partitions per core rather than Spark's 200.
    """
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.appName("leadkit")
        .master("local[*]")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", str(2 * (os.cpu_count() or 2)))
        .config("spark.ui.enabled", "false")
        .config("spark.sql.warehouse.dir", str(warehouse / "warehouse"))
        .getOrCreate()
    )


def open_dataset(
    session: Session, directory: Path, use_store: bool = True
) -> tuple[ibis.Table, ibis.Table]:
    """Return the contributors and events tables of a dataset folder on a backend.

    On DuckDB, the folder's DuckDB store is read when it is current (and ``use_store``).
    Otherwise Parquet files are read in place by the backend; CSV files are validated on the
    way in and handed to the backend as Parquet in the session's scratch folder.
    """
    store = attach_store(session.con, directory) if use_store and _is_duckdb(session) else None
    if store is not None:
        contributors_path = events_path = directory / STORE_FILE
        contributors = session.con.table("contributors", database=store)
        events = session.con.table("events", database=store)
    else:
        contributors_path = find_table(directory, "contributors")
        events_path = find_table(directory, "events")
        if contributors_path.suffix == ".csv" or events_path.suffix == ".csv":
            people = load_contributors(contributors_path)
            activity = load_events(events_path, people["user_id"])
            contributors_path = session.scratch / "contributors.parquet"
            events_path = session.scratch / "events.parquet"
            pq.write_table(to_arrow(people, CONTRIBUTORS), contributors_path)
            pq.write_table(to_arrow(activity, EVENTS), events_path)
        contributors = session.con.read_parquet(contributors_path, table_name="contributors")
        events = session.con.read_parquet(events_path, table_name="events")
    check_columns(contributors_path, contributors.columns, CONTRIBUTORS.names)
    check_columns(events_path, events.columns, EVENTS.names)
    return contributors, events


def _is_duckdb(session: Session) -> bool:
    return session.con.name == "duckdb"


def collect(table: ibis.Table) -> pd.DataFrame:
    """Return a table's rows as a pandas DataFrame, converted through Arrow.

    Arrow converts a wide, million-row result several times faster, and in less memory, than
    Ibis's column-by-column conversion, to the same dtypes.
    """
    return to_frame(table.to_pyarrow())
