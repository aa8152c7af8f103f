"""Score potential leaders: weighted means of within-context percentiles, with eligibility."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..engagement.backends import BackendName, connect, open_dataset
from ..engagement.features import FEATURES, Window, default_window, engagement_features
from ..engagement.tables import to_frame
from .config import (
    FeatureCatalog,
    RoleScoring,
    check_context,
    default_feature_catalog,
    default_scoring_config,
)
from .explain import explain
from .percentiles import peer_groups, percent_rank

#: Descriptive contributor columns every nominations table carries.
PERSON_COLUMNS = (
    "user_id",
    "user_name",
    "home_wiki",
    "region",
    "community_size",
    "affiliate",
    "affiliate_type",
    "gender",
)


def percentile_column(feature: str) -> str:
    """Return the column name of a feature's within-context percentile."""
    return f"{feature}_percentile"


def score_table(
    features: pd.DataFrame,
    scoring: RoleScoring,
    context: tuple[str, ...],
    catalog: FeatureCatalog | None = None,
) -> pd.DataFrame:
    """Add within-context percentiles, the weighted score, eligibility and the nomination flag.

    People are nominated when they are eligible and their score is in the top ``top_share`` of
    their context, so every peer group, large or small, can put forward its most engaged people.

    A percentile is the share of people in the same context with a strictly lower value
    (``percent_rank``), so ties share the lower percentile and a context of one scores 0.
    Features are ranked on every core at once: NumPy releases the GIL while it sorts.
    """
    catalog = catalog or default_feature_catalog()
    groups = peer_groups(features, context)

    def ranked(feature: str) -> np.ndarray:
        values = features[feature].to_numpy(dtype="float64")
        return percent_rank(
            values if catalog.features[feature].higher_is_better else -values, groups
        )

    with ThreadPoolExecutor(os.cpu_count()) as pool:
        ranks = pool.map(ranked, scoring.weights)
        percentiles = {percentile_column(f): r for f, r in zip(scoring.weights, ranks, strict=True)}
    total = sum(scoring.weights.values())
    score = sum(percentiles[percentile_column(f)] * (w / total) for f, w in scoring.weights.items())
    score_percentile = percent_rank(score, groups)
    eligible = np.ones(len(features), dtype=bool)
    for feature, minimum in eligibility_minimums(features, scoring).items():
        eligible &= features[feature].to_numpy() >= minimum
    added = pd.DataFrame(
        {
            **percentiles,
            "score": score,
            "peers": groups.sizes(),
            "score_percentile": score_percentile,
            "eligible": eligible,
            "nominated": eligible & (score_percentile >= 1 - scoring.top_share),
        },
        index=features.index,
        copy=False,
    )
    # Joined side by side: assigning the columns one by one would copy every array again.
    return pd.concat([features.drop(columns=added.columns, errors="ignore"), added], axis=1)


def eligibility_minimums(table: pd.DataFrame, scoring: RoleScoring) -> dict[str, np.ndarray]:
    """Return each eligibility minimum, row by row, honouring the per-context overrides.

    Overrides apply from the least to the most specific (fewest conditions first).
    """
    rows = len(table)
    minimums = {
        feature: np.full(rows, float(value)) for feature, value in scoring.eligibility.items()
    }
    for override in sorted(scoring.eligibility_overrides, key=lambda o: len(o.when)):
        applies = np.ones(rows, dtype=bool)
        for column, value in override.when.items():
            applies &= (table[column] == value).to_numpy(dtype=bool, na_value=False)
        for feature, value in override.eligibility.items():
            current = minimums.get(feature, np.zeros(rows))
            minimums[feature] = np.where(applies, float(value), current)
    return minimums


@dataclass(frozen=True)
class Nominations:
    """A role's scored people, best first, and how they were scored."""

    role: str
    context: tuple[str, ...]
    window: Window
    table: pd.DataFrame

    @property
    def nominated(self) -> pd.DataFrame:
        """Only the people nominated for review."""
        return self.table[self.table["nominated"]]


def score_dataset(
    data: Path,
    role: str,
    context: tuple[str, ...] | None = None,
    backend: BackendName = "duckdb",
    window: Window | None = None,
    lang: str = "en",
    on_stage: Callable[[str], None] | None = None,
) -> Nominations:
    """Score everyone who has not opted out in a dataset folder for one role.

    The result holds one row per scored person with their features, percentiles, score,
    eligibility, the nomination flag and, for nominations, a plain-language explanation.
    """
    config = default_scoring_config()
    scoring = config.role(role)
    peer_context = tuple(context) if context is not None else config.context
    check_context(peer_context)
    stage = on_stage or (lambda _: None)
    with connect(backend) as session:
        stage("reading the dataset")
        contributors, events = open_dataset(session, data)
        span = window or default_window(events)
        stage("computing features and scores")
        rows = engagement_features(contributors, events, span).to_pyarrow()
    # Converted to pandas and scored in NumPy (sorting each feature within each peer group is
    # quicker there than in a backend's stacked windows) once the backend is closed: both then
    # reuse the memory the backend hands back instead of asking the system for more, which on a
    # virtual machine costs as much again as the work itself.
    features = to_frame(rows)
    columns = [
        *PERSON_COLUMNS,
        *FEATURES,
        *(percentile_column(f) for f in scoring.weights),
        "peers",
        "score",
        "score_percentile",
        "eligible",
        "nominated",
    ]
    table = score_table(features, scoring, peer_context)[columns]
    stage("explaining nominations")
    table = table.sort_values(["score", "user_id"], ascending=[False, True], ignore_index=True)
    table.insert(0, "role", role)
    table["explanation"] = explain(table, scoring, peer_context, lang)
    return Nominations(role=role, context=peer_context, window=span, table=table)
