"""Potential-leader identification: within-context percentile scores, explanations, audit."""

from .audit import selection_rates
from .config import (
    FeatureCatalog,
    RoleScoring,
    ScoringConfig,
    default_feature_catalog,
    default_scoring_config,
    load_feature_catalog,
    load_scoring_config,
)
from .evaluation import roc_auc
from .scoring import Nominations, score_dataset, score_table

__all__ = [
    "FeatureCatalog",
    "Nominations",
    "RoleScoring",
    "ScoringConfig",
    "default_feature_catalog",
    "default_scoring_config",
    "load_feature_catalog",
    "load_scoring_config",
    "roc_auc",
    "score_dataset",
    "score_table",
    "selection_rates",
]
