"""Tests of the engagement data model, its loaders, the synthetic generator and the features."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

from leadership_models.atomic import write_table
from leadership_models.cli import main
from leadership_models.datafiles import DataFileError
from leadership_models.engagement import (
    EVENTS,
    GROUND_TRUTH_FILE,
    EngagementDataError,
    Window,
    collect,
    connect,
    engagement_features,
    generate,
    load_contributors,
    load_definitions,
    load_events,
    open_dataset,
    write_dataset,
)
from leadership_models.engagement.dashboard import load_dashboard_editors

pytestmark = pytest.mark.unit

CONTRIBUTOR_ROWS = [
    dict(
        user_id=1,
        user_name="Ana",
        home_wiki="eswiki",
        region="lac",
        community_size="large",
        affiliate="",
        affiliate_type="none",
        registered="2020-01-15",
        languages="es;en",
        gender="female",
        opted_out="false",
    ),
    dict(
        user_id=2,
        user_name="Kofi",
        home_wiki="twwiki",
        region="ssa",
        community_size="small",
        affiliate="Wikimedians of tw",
        affiliate_type="user_group",
        registered="2024-03-01",
        languages="tw",
        gender="",
        opted_out="false",
    ),
    dict(
        user_id=3,
        user_name="Hidden",
        home_wiki="eswiki",
        region="lac",
        community_size="large",
        affiliate="",
        affiliate_type="none",
        registered="2019-01-01",
        languages="es",
        gender="",
        opted_out="true",
    ),
]


def _event(
    user_id: int, timestamp: str, wiki: str, namespace: int, kind: str, count: int
) -> dict[str, object]:
    """One row of the events table."""
    return dict(
        user_id=user_id, timestamp=timestamp, wiki=wiki, namespace=namespace, kind=kind, count=count
    )


def _events() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    # Ana: 6 content edits in each of Jan, Feb and Apr 2025, 4 in Mar (not active).
    for month, edits in ((1, 6), (2, 6), (3, 4), (4, 6)):
        rows += [
            _event(1, f"2025-{month:02d}-{day + 1:02d}T10:00:00Z", "eswiki", 0, "edit", 1)
            for day in range(edits)
        ]
    rows += [
        _event(1, "2025-04-20T10:00:00Z", "eswiki", 1, "talk_edit", 4),
        _event(1, "2025-04-21T10:00:00Z", "commonswiki", 4, "project_edit", 2),
        _event(1, "2025-04-22T10:00:00Z", "eswiki", -1, "thanks_received", 3),
        _event(1, "2025-04-23T10:00:00Z", "eswiki", -1, "event_organized", 1),
        _event(2, "2025-05-10T10:00:00Z", "twwiki", 0, "edit", 7),
        _event(3, "2025-05-10T10:00:00Z", "eswiki", 0, "edit", 99),
    ]
    return rows


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    """A hand-written dataset folder in CSV with known feature values."""
    folder = tmp_path / "data"
    folder.mkdir()
    pd.DataFrame(CONTRIBUTOR_ROWS).to_csv(folder / "contributors.csv", index=False)
    pd.DataFrame(_events()).to_csv(folder / "events.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic dataset."""
    out = tmp_path_factory.mktemp("generated") / "data"
    generate(out, 1500, seed=11)
    return out


def _corrupt(folder: Path, table: str, row: int, column: str, value: object) -> None:
    frame = pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)
    frame.loc[row, column] = value
    frame.to_csv(folder / f"{table}.csv", index=False)


@pytest.mark.parametrize(
    ("table", "row", "column", "value", "message"),
    [
        ("events", 2, "timestamp", "2025-13-45", "is not an ISO 8601"),
        ("events", 4, "count", "-3", "whole number >= 1"),
        ("events", 1, "kind", "vandalism", "one of edit"),
        ("events", 3, "user_id", "42", "unknown user 42"),
        ("contributors", 1, "registered", "yesterday", "is not an ISO 8601"),
        ("contributors", 2, "region", "atlantis", "one of cee"),
        ("contributors", 2, "user_id", "1", "duplicate key"),
    ],
    ids=[
        "bad-date",
        "negative-count",
        "unknown-kind",
        "unknown-user",
        "bad-registration",
        "unknown-region",
        "duplicate-user",
    ],
)
def test_bad_cell_is_named(
    dataset: Path, table: str, row: int, column: str, value: str, message: str
) -> None:
    """Does a bad cell give an error naming the file, the spreadsheet row and the column?"""
    _corrupt(dataset, table, row, column, value)
    with pytest.raises(EngagementDataError, match=message) as caught:
        contributors = load_contributors(dataset / "contributors.csv")
        load_events(dataset / "events.csv", contributors["user_id"])
    assert caught.value.file.name == f"{table}.csv"
    assert (caught.value.row, caught.value.column) == (row + 2, column)


def test_duplicate_event_key_is_named(dataset: Path) -> None:
    """Is an event repeating another's user, time, wiki, namespace and kind rejected by row?"""
    events = pd.read_csv(dataset / "events.csv", dtype=str)
    pd.concat([events, events.iloc[[5]]]).to_csv(dataset / "events.csv", index=False)
    contributors = load_contributors(dataset / "contributors.csv")
    with pytest.raises(EngagementDataError, match="duplicate key") as caught:
        load_events(dataset / "events.csv", contributors["user_id"])
    assert caught.value.row == len(events) + 2


def test_missing_column_is_named(dataset: Path) -> None:
    """Does a missing column name itself?"""
    events = pd.read_csv(dataset / "events.csv").drop(columns="namespace")
    events.to_csv(dataset / "events.csv", index=False)
    with pytest.raises(EngagementDataError, match="missing column") as caught:
        load_events(dataset / "events.csv", pd.Index([1, 2, 3]))
    assert caught.value.column == "namespace"


def test_parquet_rows_are_counted_from_one(dataset: Path) -> None:
    """Is a bad Parquet value reported at its 1-based record number?"""
    events = pd.read_csv(dataset / "events.csv")
    events.loc[3, "count"] = -1
    events.to_parquet(dataset / "events.parquet")
    with pytest.raises(EngagementDataError) as caught:
        load_events(dataset / "events.parquet", pd.Index([1, 2, 3]))
    assert (caught.value.row, caught.value.column) == (4, "count")


def test_failed_write_leaves_nothing_behind(tmp_path: Path, dataset: Path) -> None:
    """Does a dataset write that fails midway leave the previous folder untouched?"""
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("old")
    contributors = load_contributors(dataset / "contributors.csv")

    def failing() -> object:
        yield EVENTS.empty_table()
        raise EngagementDataError("events.csv", "broken", row=9)

    with pytest.raises(EngagementDataError):
        write_dataset(out, contributors, failing())
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_write_table_is_atomic(tmp_path: Path) -> None:
    """Does writing a table replace the file whole and leave no temporary file?"""
    target = write_table(pd.DataFrame({"a": [1, 2]}), tmp_path / "t.csv")
    assert pd.read_csv(target)["a"].tolist() == [1, 2]
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_write_table_csv_keeps_every_value(tmp_path: Path) -> None:
    """Do CSV tables read back exactly: quoted text, shortest exact floats, lists as text?"""
    frame = pd.DataFrame(
        {
            "text": ['a, "quoted"\nline', "リーダーシップ", None],
            "number": [0.1, 1 / 3, float("nan")],
            "count": [1, -2, 3],
            "flag": [True, False, True],
            "languages": [["es", "ca"], [], None],
            "mixed": [1, "a", None],
        }
    )
    back = pd.read_csv(write_table(frame, tmp_path / "t.csv"), keep_default_na=False)
    assert back["text"].tolist() == ['a, "quoted"\nline', "リーダーシップ", ""]
    assert back["number"].tolist() == ["0.1", repr(1 / 3), ""]
    assert back["count"].tolist() == [1, -2, 3]
    assert back["flag"].tolist() == [True, False, True]
    assert back["languages"].tolist() == ["['es', 'ca']", "[]", ""]
    assert back["mixed"].astype(str).tolist() == ["1", "a", ""]


def test_features_follow_wikimedia_definitions(dataset: Path) -> None:
    """Are active months (>= 5 content edits), streaks, shares and totals computed as defined?"""
    window = Window.ending("2025-07-01", 24)
    with connect("duckdb") as session:
        contributors, events = open_dataset(session, dataset)
        features = engagement_features(contributors, events, window).to_pandas()
    ana = features.set_index("user_id").loc[1]
    assert ana["active_months"] == 3
    assert ana["longest_streak"] == 2
    assert ana["content_edits"] == 22
    assert ana["edits"] == 28
    assert ana["community_share"] == pytest.approx(6 / 28)
    assert ana["namespaces"] == 3
    assert ana["projects"] == 2
    assert ana["thanks_received"] == 3
    assert ana["events_organized"] == 1
    assert ana["recency_days"] == pytest.approx(68 + 14 / 24)
    assert ana["growth"] == pytest.approx(math.log(28 + 1))
    assert features.set_index("user_id").loc[2, "active_months"] == 1


def test_breadth_counts_every_namespace_and_wiki(dataset: Path) -> None:
    """Are namespaces counted exactly past one 63-bit word, and only where a person edited?"""
    edited = range(-2, 128)  # 130 namespaces: three words of namespace bits
    extra = [
        _event(
            2,
            f"2025-05-{11 + i % 10:02d}T10:00:00Z",
            "wikidatawiki" if i % 2 else "twwiki",
            namespace,
            "edit",
            1,
        )
        for i, namespace in enumerate(edited)
    ]
    thanks = _event(2, "2025-05-30T10:00:00Z", "commonswiki", 2600, "thanks_received", 1)
    events = pd.concat([pd.read_csv(dataset / "events.csv"), pd.DataFrame([*extra, thanks])])
    events.to_csv(dataset / "events.csv", index=False)
    with connect("duckdb") as session:
        contributors, activity = open_dataset(session, dataset)
        features = engagement_features(contributors, activity, Window.ending("2025-07-01", 24))
        kofi = features.to_pandas().set_index("user_id").loc[2]
    assert kofi["namespaces"] == len(edited)
    assert kofi["projects"] == 3


def test_features_of_a_dataset_without_events(dataset: Path) -> None:
    """Does a dataset with contributors but no events yet give everyone zero activity?"""
    pd.read_csv(dataset / "events.csv").head(0).to_csv(dataset / "events.csv", index=False)
    with connect("duckdb") as session:
        contributors, events = open_dataset(session, dataset)
        features = engagement_features(contributors, events, Window.ending("2025-07-01", 24))
        table = features.to_pandas()
    assert len(table) == sum(r["opted_out"] == "false" for r in CONTRIBUTOR_ROWS)
    assert (table[["edits", "namespaces", "projects", "active_months"]] == 0).all().all()
    assert (table["recency_days"] == Window.ending("2025-07-01", 24).days).all()


def test_months_follow_the_calendar_in_an_unaligned_window(dataset: Path) -> None:
    """Are active months and the growth split calendar months when a window starts mid-month?"""
    window = Window(
        start=pd.Timestamp("2025-01-03", tz="UTC"), end=pd.Timestamp("2025-04-10", tz="UTC")
    )
    definitions = load_definitions().model_copy(update={"growth_months": 1})
    with connect("duckdb") as session:
        contributors, events = open_dataset(session, dataset)
        features = engagement_features(contributors, events, window, definitions).to_pandas()
    ana = features.set_index("user_id").loc[1]
    # January keeps 4 of its 6 content edits, so only February and April are active.
    assert ana["content_edits"] == 4 + 6 + 4 + 6
    assert ana["active_months"] == 2
    assert ana["longest_streak"] == 1
    # The last calendar month (April, 6 edits) against the one before (March, 4 edits).
    assert ana["growth"] == pytest.approx(math.log((6 + 1) / (4 + 1)))


def test_collect_matches_ibis_conversion(generated: Path) -> None:
    """Does collecting through Arrow give the same frame, dtypes included, as Ibis's own?"""
    with connect("duckdb") as session:
        contributors, events = open_dataset(session, generated)
        features = engagement_features(contributors, events, Window.ending("2025-07-01", 24))
        ordered = features.order_by("user_id")
        pd.testing.assert_frame_equal(collect(ordered), ordered.to_pandas())


def test_duckdb_prints_no_progress_bar_of_its_own() -> None:
    """Does a DuckDB session leave progress to the CLI's stages, so no bar breaks its lines?

    Run in a fresh interpreter: DuckDB turns its bar on by default there, not under pytest.
    """
    script = (
        "from leadership_models.engagement import connect\n"
        "with connect('duckdb') as session:\n"
        "    print(session.con.raw_sql(\"SELECT current_setting('enable_progress_bar')\")"
        ".fetchone()[0])\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


def test_opted_out_people_have_no_features(dataset: Path) -> None:
    """Are people who opted out dropped before any feature is computed?"""
    with connect("duckdb") as session:
        contributors, events = open_dataset(session, dataset)
        features = engagement_features(contributors, events, Window.ending("2025-07-01", 24))
        assert sorted(features.user_id.to_pandas()) == [1, 2]
        assert "opted_out" not in features.columns


def test_generator_writes_ground_truth_apart(generated: Path) -> None:
    """Does the generator keep planted leaders out of the data and in their own file?"""
    contributors = pd.read_parquet(generated / "contributors.parquet")
    planted = pd.read_csv(generated / GROUND_TRUTH_FILE)
    assert {"trait", "planted"}.isdisjoint(contributors.columns)
    assert set(planted.trait) == {"mentor", "event_organizer", "board_member"}
    assert not contributors.set_index("user_id").loc[planted.user_id, "opted_out"].any()
    assert set(contributors.community_size) == {"small", "medium", "large"}
    assert contributors.region.nunique() == 8


def test_generated_activity_is_heavy_tailed_with_unique_keys(generated: Path) -> None:
    """Is activity heavy-tailed (top 10% doing most) with no duplicated event key?"""
    [(unique, wikis)] = duckdb.sql(
        f"select count(*) = count(distinct (user_id, timestamp, wiki, namespace, kind)),"
        f" count(distinct wiki) from '{generated / 'events.parquet'}'"
    ).fetchall()
    assert unique
    assert wikis > 50
    per_user = pd.read_parquet(generated / "events.parquet").groupby("user_id")["count"].sum()
    top = per_user.sort_values(ascending=False)
    assert top.iloc[: len(top) // 10].sum() > 0.5 * top.sum()


def test_generator_is_reproducible(tmp_path: Path) -> None:
    """Does the same seed give the same data?"""
    generate(tmp_path / "a", 200, seed=5)
    generate(tmp_path / "b", 200, seed=5)
    for name in ("contributors.parquet", "events.parquet"):
        pd.testing.assert_frame_equal(
            pd.read_parquet(tmp_path / "a" / name), pd.read_parquet(tmp_path / "b" / name)
        )


def test_generated_data_validates(generated: Path) -> None:
    """Does `leadkit engagement validate` accept generated data and count it?"""
    result = CliRunner().invoke(main, ["engagement", "validate", str(generated)])
    assert result.exit_code == 0, result.output
    assert "1,500 contributors" in result.output


def test_validate_cli_names_the_fault(dataset: Path) -> None:
    """Does `leadkit engagement validate` exit 1 with the file, row and column?"""
    _corrupt(dataset, "events", 0, "count", "-1")
    result = CliRunner().invoke(main, ["engagement", "validate", str(dataset)])
    assert result.exit_code == 1
    assert "events.csv, row 2, column 'count'" in result.output


def test_generate_cli_writes_a_dataset(tmp_path: Path) -> None:
    """Does `leadkit engagement generate` write contributors, events and the ground truth?"""
    result = CliRunner().invoke(
        main,
        ["engagement", "generate", "-n", "100", "--events", "2000", "--out", str(tmp_path / "d")],
    )
    assert result.exit_code == 0, result.output
    assert len(pd.read_parquet(tmp_path / "d" / "events.parquet")) == 2000


def test_definitions_file_errors_name_the_key(tmp_path: Path) -> None:
    """Does a broken definitions file name the key at fault?"""
    broken = tmp_path / "definitions.yaml"
    broken.write_text(
        "active_month_min_edits: 0\ncontent_namespaces: [0]\nproject_namespaces: [4]\n"
        "window_months: 24\ngrowth_months: 6\n"
    )
    with pytest.raises(DataFileError, match="active_month_min_edits"):
        load_definitions(broken)


DASHBOARD_CSV = Path(__file__).parent / "files" / "dashboard-editors.csv"


def test_dashboard_export_becomes_contributors_and_events() -> None:
    """Does a Programs & Events Dashboard editors export yield people, attendance and edits?"""
    contributors, events = load_dashboard_editors(DASHBOARD_CSV, "eswiki", "lac", "large")
    assert contributors.user_id.tolist() == [48211903, 61880412, 61880977]
    assert str(contributors.registered.iloc[0]) == "2011-05-14 09:21:07+00:00"
    totals = events.groupby("kind")["count"].sum().to_dict()
    assert totals == {"edit": 42, "event_attended": 3, "training_completed": 4}
    assert set(events.wiki) == {"eswiki"}


def test_dashboard_export_errors_name_the_cell(tmp_path: Path) -> None:
    """Does a negative revision count in the export name its row and column?"""
    export = pd.read_csv(DASHBOARD_CSV, dtype=str, keep_default_na=False)
    export.loc[1, "revisions_during_project"] = "-2"
    export.to_csv(tmp_path / "editors.csv", index=False)
    with pytest.raises(EngagementDataError) as caught:
        load_dashboard_editors(tmp_path / "editors.csv", "eswiki", "lac", "large")
    assert (caught.value.row, caught.value.column) == (3, "revisions_during_project")


def test_import_dashboard_cli_writes_a_valid_dataset(tmp_path: Path) -> None:
    """Does `leadkit engagement import-dashboard` write a dataset that validates?"""
    out = tmp_path / "program"
    runner = CliRunner()
    result = runner.invoke(
        main,
        [
            "engagement",
            "import-dashboard",
            str(DASHBOARD_CSV),
            "--wiki",
            "eswiki",
            "--region",
            "lac",
            "--community-size",
            "large",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert runner.invoke(main, ["engagement", "validate", str(out)]).exit_code == 0
