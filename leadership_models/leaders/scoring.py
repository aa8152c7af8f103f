"""Score potential leaders: weighted means of within-context percentiles, with eligibility."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import ibis
import pandas as pd

from ..engagement.backends import BackendName, collect, connect, open_dataset
from ..engagement.features import FEATURES, Window, default_window, engagement_features
from .config import (
    FeatureCatalog,
    RoleScoring,
    check_context,
    default_feature_catalog,
    default_scoring_config,
)
from .explain import explain

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


def _percent_rank(key: ibis.NumericValue, peer_group: str | None) -> ibis.FloatingValue:
    """Share of the same peer group with a strictly lower ``key``; everyone's when no group."""
    if peer_group is None:
        return key.percent_rank()
    return key.percent_rank().over(ibis.window(group_by=peer_group, order_by=key))


def _standing(
    features: ibis.Table,
    scoring: RoleScoring,
    context: tuple[str, ...],
    catalog: FeatureCatalog,
) -> ibis.Table:
    """Return each person's percentiles, score, peer-group size and score percentile.

    Only the ranked features and a small integer naming the peer group go through the window
    functions, which sort far faster than with every descriptive column and string keys.
    """
    peer_group = "peer_group" if context else None
    keyed = features.select(
        "user_id",
        *scoring.weights,
        **({"peer_group": ibis.dense_rank().over(order_by=list(context))} if context else {}),
    )
    percentiles = {}
    for feature in scoring.weights:
        value = keyed[feature]
        key = value if catalog.features[feature].higher_is_better else -value
        percentiles[percentile_column(feature)] = _percent_rank(key, peer_group)
    ranked = keyed.select("user_id", *([peer_group] if context else []), **percentiles)
    total = sum(scoring.weights.values())
    score = sum(ranked[percentile_column(f)] * (w / total) for f, w in scoring.weights.items())
    peers = ranked.user_id.count().over(ibis.window(group_by=peer_group))
    scored = ranked.mutate(score=score, peers=peers)
    standing = scored.mutate(score_percentile=_percent_rank(scored.score, peer_group))
    return standing.drop(peer_group) if context else standing


def score_expression(
    features: ibis.Table,
    scoring: RoleScoring,
    context: tuple[str, ...],
    catalog: FeatureCatalog | None = None,
) -> ibis.Table:
    """Add within-context percentiles, the weighted score, eligibility and the nomination flag.

    People are nominated when they are eligible and their score is in the top ``top_share`` of
    their context, so every peer group, large or small, can put forward its most engaged people.

    A percentile is the share of people in the same context with a strictly lower value
    (``percent_rank``), so ties share the lower percentile and a context of one scores 0.
    """
    standing = _standing(features, scoring, context, catalog or default_feature_catalog())
    # Joining onto the standing (not the features) keeps the features one shared subquery.
    scored = standing.join(features, "user_id")
    eligible = ibis.literal(True)
    for feature, minimum in eligibility_minimums(scored, scoring).items():
        eligible &= scored[feature] >= minimum
    return scored.select(
        *features.columns,
        *(c for c in standing.columns if c != "user_id"),
        eligible=eligible,
        nominated=eligible & (scored.score_percentile >= 1 - scoring.top_share),
    )


def collect_scores(
    features: ibis.Table,
    scoring: RoleScoring,
    context: tuple[str, ...],
    columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Score ``features`` (all of ``score_expression``'s columns, or ``columns``) into pandas.

    Scoring reads the features twice (ranked narrow, then joined back), so they are first
    computed once into a temporary table of the backend: faster than one query sharing them.
    """
    with features.cache() as cached:
        scored = score_expression(cached, scoring, context)
        return collect(scored.select(*columns) if columns else scored)


def eligibility_minimums(table: ibis.Table, scoring: RoleScoring) -> dict[str, ibis.Value]:
    """Return each eligibility minimum as an expression honouring the per-context overrides.

    Overrides apply from the least to the most specific (fewest conditions first).
    """
    minimums: dict[str, ibis.Value] = {
        feature: ibis.literal(value) for feature, value in scoring.eligibility.items()
    }
    for override in sorted(scoring.eligibility_overrides, key=lambda o: len(o.when)):
        applies = ibis.literal(True)
        for column, value in override.when.items():
            applies &= table[column] == value
        for feature, value in override.eligibility.items():
            current = minimums.get(feature, ibis.literal(0.0))
            minimums[feature] = ibis.ifelse(applies, value, current)
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
        stage("computing features and scores")
        features = engagement_features(contributors, events, span)
        table = collect_scores(features, scoring, peer_context, columns)
    stage("explaining nominations")
    table = table.sort_values(["score", "user_id"], ascending=[False, True], ignore_index=True)
    table.insert(0, "role", role)
    table["explanation"] = explain(table, scoring, peer_context, lang)
    return Nominations(role=role, context=peer_context, window=span, table=table)
