"""Do the engagement features and leader scores run the same on PySpark (local mode) as DuckDB?"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from leadership_models.engagement import Window, generate
from leadership_models.engagement.backends import BackendName
from leadership_models.engagement.store import build_store
from leadership_models.leaders import score_dataset

pytestmark = [pytest.mark.integration, pytest.mark.slow]

WINDOW = Window.ending("2025-07-01", 24)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic dataset whose namespaces span several words of namespace bits."""
    out = tmp_path_factory.mktemp("spark") / "data"
    generate(out, 400, seed=9)
    events = pq.read_table(out / "events.parquet")
    # Modules (828) and gadgets (2300), as on real wikis, in place of two small namespaces.
    spread = events["namespace"].to_pandas().replace({10: 828, 14: 2300})
    column = events.schema.get_field_index("namespace")
    events = events.set_column(column, "namespace", pa.array(spread, pa.int32()))
    pq.write_table(events, out / "events.parquet")
    build_store(out)
    return out


def _scores(backend: BackendName, dataset: Path) -> pd.DataFrame:
    """Score the dataset as `leadkit leaders score` does, features cached on the backend."""
    nominations = score_dataset(dataset, "mentor", ("community_size", "region"), backend, WINDOW)
    return nominations.table.sort_values("user_id", ignore_index=True)


@pytest.fixture(scope="module")
def spark_scores(dataset: Path) -> Iterator[pd.DataFrame]:
    """Scores computed once by a local Spark session, which is stopped afterwards."""
    from pyspark.sql import SparkSession

    yield _scores("pyspark", dataset)
    active = SparkSession.getActiveSession()
    if active is not None:
        active.stop()


def test_spark_matches_duckdb(dataset: Path, spark_scores: pd.DataFrame) -> None:
    """Does Spark compute the same features, percentiles and nominations as DuckDB?"""
    duck = _scores("duckdb", dataset)
    assert len(spark_scores) == len(duck) > 300
    pd.testing.assert_series_equal(spark_scores.dtypes, duck.dtypes)
    columns = [
        "edits",
        "active_months",
        "longest_streak",
        "namespaces",
        "projects",
        "recency_days",
        "growth",
        "score",
        "eligible",
        "nominated",
        "explanation",
    ]
    pd.testing.assert_frame_equal(
        spark_scores[columns], duck[columns], check_dtype=False, check_exact=False, atol=1e-4
    )
