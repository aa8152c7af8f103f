"""Tests of a dataset folder's DuckDB store: built with the dataset, used only while current."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from leadership_models.cli import main
from leadership_models.engagement import (
    EngagementDataError,
    Window,
    collect,
    connect,
    engagement_features,
    generate,
    open_dataset,
)
from leadership_models.engagement.store import (
    STORE_FILE,
    attach_store,
    build_store,
    store_problem,
)

pytestmark = pytest.mark.unit

WINDOW = Window.ending("2025-06-17T05:00:00Z", 24)  # months cut part-way through


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    """A small synthetic dataset, written with its store as leadkit writes every dataset."""
    out = tmp_path / "data"
    generate(out, 300, 6000, seed=5)
    return out


def _features(folder: Path, use_store: bool = True) -> pd.DataFrame:
    with connect("duckdb") as session:
        contributors, events = open_dataset(session, folder, use_store)
        table = collect(engagement_features(contributors, events, WINDOW))
    return table.sort_values("user_id", ignore_index=True)


def _event_rows(folder: Path) -> int:
    with connect("duckdb") as session:
        return int(open_dataset(session, folder)[1].count().execute())


def test_features_from_the_store_equal_those_from_parquet(generated: Path) -> None:
    """Is the written dataset read from its store, giving exactly the Parquet files' features?"""
    assert (generated / STORE_FILE).is_file()
    with connect("duckdb") as session:
        name = attach_store(session.con, generated)
        events = open_dataset(session, generated)[1]
        assert name is not None and name in session.con.compile(events)
    pd.testing.assert_frame_equal(_features(generated), _features(generated, use_store=False))


def test_store_keeps_kinds_and_wikis_as_enums_read_as_text(generated: Path) -> None:
    """Are kinds and wikis stored as enums, any wiki name included, and read back as text?"""
    path = generated / "events.parquet"
    events = pq.read_table(path).to_pandas()
    events.loc[events.wiki == events.wiki.iloc[0], "wiki"] = "o'wiki"  # a quote to escape
    pq.write_table(pa.Table.from_pandas(events, preserve_index=False), path)
    build_store(generated)
    with duckdb.connect(str(generated / STORE_FILE), read_only=True) as con:
        types = dict(
            con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = 'events'"
            ).fetchall()
        )
    assert types["kind"].startswith("ENUM(") and types["wiki"].startswith("ENUM(")
    with connect("duckdb") as session:
        stored = open_dataset(session, generated)[1]
        assert stored.schema()["wiki"].is_string() and stored.schema()["kind"].is_string()
        read = stored.select("wiki", "kind").to_pandas()
    assert sorted(set(read.wiki)) == sorted(set(events.wiki))
    assert "o'wiki" in set(read.wiki)
    assert read.kind.value_counts().to_dict() == events.kind.value_counts().to_dict()


def test_store_keeps_events_in_order_of_person_wiki_and_time(generated: Path) -> None:
    """Are the store's events clustered by the keys the features group on?"""
    with duckdb.connect(str(generated / STORE_FILE), read_only=True) as con:
        stored = con.execute(
            "SELECT user_id, wiki::VARCHAR AS wiki, timestamp FROM events ORDER BY rowid"
        ).df()
    assert len(stored) == 6000
    in_order = stored.sort_values(["user_id", "wiki", "timestamp"], ignore_index=True)
    pd.testing.assert_frame_equal(stored, in_order)
    files_order = pq.read_table(generated / "events.parquet").to_pandas()
    assert not files_order.wiki.equals(stored.wiki)  # the files are in order of person and time


def test_store_names_the_row_of_an_unknown_kind(generated: Path) -> None:
    """Does a kind the kit does not know stop the build, naming its row, with no store left?"""
    (generated / STORE_FILE).unlink()
    path = generated / "events.parquet"
    events = pq.read_table(path).to_pandas()
    events.loc[3, "kind"] = "vandalism_reverted"
    pq.write_table(pa.Table.from_pandas(events, preserve_index=False), path)
    with pytest.raises(
        EngagementDataError, match="'vandalism_reverted' is not one of edit"
    ) as error:
        build_store(generated)
    assert (error.value.file, error.value.row, error.value.column) == (path, 4, "kind")
    assert not (generated / STORE_FILE).exists()


def test_store_is_ignored_once_its_files_change(generated: Path) -> None:
    """Are replaced Parquet files read instead of a stale store, until the store is rebuilt?"""
    events = pq.read_table(generated / "events.parquet")
    pq.write_table(events.slice(0, 1000), generated / "events.parquet")
    assert _event_rows(generated) == 1000
    build_store(generated)
    with connect("duckdb") as session:
        assert attach_store(session.con, generated) is not None
    assert _event_rows(generated) == 1000


def test_unreadable_store_falls_back_to_parquet(generated: Path) -> None:
    """Does a store that is not a DuckDB database leave the Parquet files to be read?"""
    (generated / STORE_FILE).write_bytes(b"not a database")
    assert _event_rows(generated) == 6000


def test_store_needs_every_column(generated: Path) -> None:
    """Does building from a file without a column name it, leaving the old store untouched?"""
    before = (generated / STORE_FILE).read_bytes()
    events = pq.read_table(generated / "events.parquet").drop_columns(["kind"])
    pq.write_table(events, generated / "events.parquet")
    with pytest.raises(EngagementDataError, match="missing column") as error:
        build_store(generated)
    assert error.value.column == "kind"
    assert (generated / STORE_FILE).read_bytes() == before
    assert sorted(p.name for p in generated.iterdir()) == [
        "contributors.parquet",
        STORE_FILE,
        "events.parquet",
        "planted_leaders.csv",
    ]


def test_unreadable_parquet_is_named(generated: Path) -> None:
    """Does building from a damaged Parquet file name the file and leave no store behind?"""
    (generated / STORE_FILE).unlink()
    data = (generated / "events.parquet").read_bytes()
    damaged = {
        "pages": data[: len(data) // 2] + data[-4096:],  # DuckDB finds the pages cut short
        "footer": data[:-100],  # no schema to read at all
    }
    for content in damaged.values():
        (generated / "events.parquet").write_bytes(content)
        with pytest.raises(EngagementDataError, match=r"events\.parquet: cannot be read"):
            build_store(generated)
        assert sorted(p.name for p in generated.iterdir()) == [
            "contributors.parquet",
            "events.parquet",
            "planted_leaders.csv",
        ]


def test_store_command_builds_a_store_for_a_copied_folder(generated: Path, tmp_path: Path) -> None:
    """Does `leadkit engagement store` make a folder's store current again after a copy?"""
    copy = tmp_path / "copy"
    shutil.copytree(generated, copy, copy_function=shutil.copyfile)  # new modification times
    with connect("duckdb") as session:
        assert attach_store(session.con, copy) is None
    result = CliRunner().invoke(main, ["engagement", "store", str(copy)])
    assert result.exit_code == 0, result.output
    assert "MB, used while the files are unchanged" in result.output
    with connect("duckdb") as session:
        assert attach_store(session.con, copy) is not None


def test_store_command_refuses_csv_tables(tmp_path: Path) -> None:
    """Does `leadkit engagement store` name the CSV file it cannot build a store from?"""
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "contributors.csv").write_text("user_id\n1\n")
    (folder / "events.csv").write_text("user_id\n1\n")
    result = CliRunner().invoke(main, ["engagement", "store", str(folder)])
    assert result.exit_code == 1
    assert "contributors.csv: a DuckDB store is built from Parquet files" in result.output
    assert not (folder / STORE_FILE).exists()


def test_store_problem_says_why_a_store_is_not_used(generated: Path) -> None:
    """Does each reason a store is passed over get its own plain explanation?"""
    assert store_problem(generated) is None
    events = generated / "events.parquet"
    os.utime(events, ns=(events.stat().st_atime_ns, events.stat().st_mtime_ns + 1))
    assert store_problem(generated) == "was built from other versions of the dataset's files"
    with duckdb.connect(str(tmp := generated / "other.duckdb")) as con:
        con.execute("CREATE TABLE events (user_id BIGINT)")
    tmp.replace(generated / STORE_FILE)
    assert store_problem(generated) == "records no source files, so it was not built by leadkit"
    (generated / STORE_FILE).write_bytes(b"not a database")
    assert (store_problem(generated) or "").startswith("cannot be read (")
    (generated / STORE_FILE).unlink()
    assert store_problem(generated) is None


def test_cli_advises_rebuilding_a_stale_store(generated: Path, tmp_path: Path) -> None:
    """Do `validate` and `leaders score` tell how to rebuild a store they cannot use?"""
    events = generated / "events.parquet"
    os.utime(events, ns=(events.stat().st_atime_ns, events.stat().st_mtime_ns + 1))
    advice = f"Rebuild the store with: leadkit engagement store {generated}"
    runner = CliRunner()
    for command in (
        ["engagement", "validate", str(generated)],
        [
            "leaders",
            "score",
            "--data",
            str(generated),
            "--role",
            "mentor",
            "--out",
            str(tmp_path / "n.csv"),
        ],
    ):
        result = runner.invoke(main, command)
        assert result.exit_code == 0, result.output
        said = " ".join(result.output.split())  # the console wraps long lines
        assert "was built from other versions of the dataset's files" in said
        assert advice in said
    build_store(generated)
    result = runner.invoke(main, ["engagement", "validate", str(generated)])
    assert result.exit_code == 0 and "Rebuild" not in result.output
