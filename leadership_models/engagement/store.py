"""A dataset folder's DuckDB store: its Parquet tables loaded once into a DuckDB database file.

DuckDB scans its own storage several times faster than Parquet, so every later query on the
dataset (scores for each role, the dashboards) is quicker. Events are kept in order of person,
wiki and time, the keys the features group on; their kinds and wikis are DuckDB enums, small
integers that compare and group faster than strings (queries still see strings); and they carry
their calendar month, which the features would otherwise work out from each timestamp.

The store records the size and modification time of the files it was built from and is used
only while they are unchanged; otherwise the DuckDB backend reads the Parquet files, as PySpark
always does.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import sqlglot.expressions as exp
from ibis.backends import BaseBackend

from ..atomic import replacing
from .errors import EngagementDataError
from .schema import CALENDAR_MONTH, CONTRIBUTORS, EVENTS, KINDS
from .tables import check_columns, check_event_cells, find_table

STORE_FILE = "engagement.duckdb"
#: The dataset tables a store holds, in the order they are built.
STORE_TABLES = ("contributors", "events")
_SOURCES = "leadkit_sources"
#: DuckDB's working memory before it spills to disk; leaves room under 4 GB for the results.
DUCKDB_MEMORY_LIMIT = "3GB"

_NAIVE_UTC = "make_timestamp(epoch_us(timestamp))"  # skips DuckDB's time zone calendar
#: How each table is stored: its file's columns (``$path``) as DuckDB keeps them, in order.
_STORED_AS = {
    "contributors": "SELECT * FROM read_parquet($path)",
    "events": (
        "SELECT * REPLACE (kind::event_kind AS kind, wiki::wiki_name AS wiki), "
        f"(year({_NAIVE_UTC}) * 12 + month({_NAIVE_UTC}) - 1)::INTEGER AS {CALENDAR_MONTH} "
        "FROM read_parquet($path) ORDER BY user_id, wiki, timestamp"
    ),
}

Fingerprint = tuple[str, int, int]
"""A source file's name, size in bytes and modification time in nanoseconds."""


def build_store(directory: Path) -> Path:
    """Load the Parquet tables of a dataset folder into its DuckDB store; return the store.

    The store replaces any earlier one only once it is complete.
    """
    sources = [find_table(directory, name) for name in STORE_TABLES]
    for path, schema in zip(sources, (CONTRIBUTORS, EVENTS), strict=True):
        if path.suffix != ".parquet":
            raise EngagementDataError(
                path, "a DuckDB store is built from Parquet files; convert the dataset first"
            )
        try:
            found = pq.read_schema(path).names
        except pa.ArrowException as exc:
            raise EngagementDataError(path, f"cannot be read: {exc}") from exc
        check_columns(path, found, schema.names)
    fingerprints = _fingerprints(sources)
    store = directory / STORE_FILE
    with replacing(store) as temporary, tempfile.TemporaryDirectory(dir=directory) as spill:
        temporary.unlink()  # DuckDB creates the file itself
        con = duckdb.connect(
            str(temporary), config={"memory_limit": DUCKDB_MEMORY_LIMIT, "temp_directory": spill}
        )
        try:
            con.execute("SET enable_progress_bar = false")  # callers show their own progress
            _create_enums(con, sources[STORE_TABLES.index("events")])
            for name, path in zip(STORE_TABLES, sources, strict=True):
                try:
                    con.execute(f"CREATE TABLE {name} AS {_STORED_AS[name]}", {"path": str(path)})
                except duckdb.Error as exc:
                    if name == "events":
                        _check_kinds(con, path)
                    raise EngagementDataError(path, f"cannot be read: {exc}") from exc
            con.execute(f"CREATE TABLE {_SOURCES} (file VARCHAR, size BIGINT, mtime_ns BIGINT)")
            con.executemany(f"INSERT INTO {_SOURCES} VALUES (?, ?, ?)", fingerprints)
        finally:
            con.close()
    return store


def _create_enums(con: duckdb.DuckDBPyConnection, events: Path) -> None:
    """Create the enum types of events' kinds (the kit's) and wikis (those ``events`` name)."""
    con.execute(f"CREATE TYPE event_kind AS ENUM ({_sql_list(KINDS)})")
    try:
        wikis = con.execute(
            "SELECT DISTINCT wiki FROM read_parquet($path) WHERE wiki IS NOT NULL ORDER BY wiki",
            {"path": str(events)},
        ).fetchall()
    except duckdb.Error as exc:
        raise EngagementDataError(events, f"cannot be read: {exc}") from exc
    con.execute(f"CREATE TYPE wiki_name AS ENUM ({_sql_list(wiki for (wiki,) in wikis)})")


def _check_kinds(con: duckdb.DuckDBPyConnection, events: Path) -> None:
    """Raise the loaders' error, naming its row, for the first kind the kit does not know."""
    try:
        found = con.execute(
            "SELECT file_row_number, kind FROM read_parquet($path, file_row_number = true) "
            f"WHERE kind NOT IN ({_sql_list(KINDS)}) "
            "ORDER BY file_row_number LIMIT 1",
            {"path": str(events)},
        ).fetchone()
    except duckdb.Error:
        return
    if found is not None:
        row, kind = found
        check_event_cells(events, pd.DataFrame({"kind": [kind]}), first_row=row + 1)


def _sql_literal(text: str) -> str:
    """Return ``text`` as a DuckDB string literal, quoted by sqlglot (Ibis's SQL builder)."""
    return exp.Literal.string(text).sql(dialect="duckdb")


def _sql_list(texts: Iterable[str]) -> str:
    """Return ``texts`` as a comma-separated list of SQL string literals."""
    return ", ".join(map(_sql_literal, texts))


def store_problem(directory: Path) -> str | None:
    """Say why a folder's store cannot be used; None when it is current or there is none."""
    store = directory / STORE_FILE
    if not store.is_file():
        return None
    try:
        with duckdb.connect(str(store), read_only=True) as con:
            recorded = con.execute(f"SELECT file, size, mtime_ns FROM {_SOURCES}").fetchall()
    except duckdb.CatalogException:
        return "records no source files, so it was not built by leadkit"
    except duckdb.Error as exc:
        return f"cannot be read ({str(exc).splitlines()[0]})"
    sources = [find_table(directory, table) for table in STORE_TABLES]
    if sorted(recorded) != sorted(_fingerprints(sources)):
        return "was built from other versions of the dataset's files"
    return None


def store_hint(directory: Path) -> str | None:
    """Return advice to rebuild a folder's store when it exists but cannot be used."""
    problem = store_problem(directory)
    if problem is None:
        return None
    return (
        f"{directory / STORE_FILE} {problem}; DuckDB reads the dataset's files instead, which "
        f"is slower. Rebuild the store with: leadkit engagement store {directory}"
    )


def store_is_current(directory: Path) -> bool:
    """Whether a folder has a store that can be used: present, readable and up to date."""
    return (directory / STORE_FILE).is_file() and store_problem(directory) is None


def attach_store(con: BaseBackend, directory: Path) -> str | None:
    """Attach a folder's store read-only to a DuckDB connection; return its name there.

    Returns None, attaching nothing, unless the store is current (see ``store_problem``).
    """
    if not store_is_current(directory):
        return None
    store = directory / STORE_FILE
    name = "store_" + hashlib.sha256(str(store.resolve()).encode()).hexdigest()[:16]
    try:
        con.raw_sql(f"ATTACH IF NOT EXISTS {_sql_literal(str(store))} AS {name} (READ_ONLY)")
    except duckdb.Error:
        return None
    return name


def _fingerprints(paths: list[Path]) -> list[Fingerprint]:
    return [(path.name, (stat := os.stat(path)).st_size, stat.st_mtime_ns) for path in paths]
