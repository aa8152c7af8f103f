"""Plain-language explanations of nominations: the top features behind each, with percentiles."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..framework import default_framework
from .config import FeatureCatalog, RoleScoring, default_feature_catalog

TOP_REASONS = 3


def format_value(value: float, kind: str) -> str:
    """Print a feature value the way its catalog entry says."""
    if kind == "share":
        return f"{value:.0%}"
    if kind == "trend":
        return f"x{math.exp(value):.1f}"
    return f"{value:,.0f}"


def context_label(row: Mapping[str, object], context: tuple[str, ...], lang: str) -> str:
    """Name a person's peer group, using the framework's labels where the column has them."""
    contexts = default_framework().contexts
    parts = []
    for column in context:
        value = str(row[column])
        dimension = contexts.get(column)
        labels = dimension.values if dimension is not None else None
        parts.append(labels[value].get(lang) if labels and value in labels else value)
    return " / ".join(parts) or "all contributors"


def explain(
    table: pd.DataFrame,
    scoring: RoleScoring,
    context: tuple[str, ...],
    lang: str = "en",
    catalog: FeatureCatalog | None = None,
) -> pd.Series:
    """Return, for each nominated row, its top weighted features as one sentence; '' otherwise."""
    catalog = catalog or default_feature_catalog()
    features = list(scoring.weights)
    weights = np.array([scoring.weights[f] for f in features])
    explanations = pd.Series("", index=table.index, dtype="str")
    nominated = table[table["nominated"]]
    if nominated.empty:
        return explanations
    percentiles = nominated[[f"{f}_percentile" for f in features]].to_numpy(dtype=float)
    order = np.argsort(-(percentiles * weights), axis=1, kind="stable")[:, :TOP_REASONS]
    sentence, reason = catalog.explanation.get(lang), catalog.reason.get(lang)
    separator = catalog.separator.get(lang)
    values = nominated[features].to_numpy(dtype=float)
    groups = [tuple(g) for g in nominated[list(context)].astype(str).to_numpy()]
    labels: dict[tuple[str, ...], str] = {}
    sentences = []
    for position, (group, top) in enumerate(zip(groups, order, strict=True)):
        if group not in labels:
            labels[group] = context_label(dict(zip(context, group, strict=True)), context, lang)
        reasons = []
        for column in top:
            display = catalog.features[features[column]]
            reasons.append(
                reason.format(
                    feature=display.labels.get(lang),
                    value=format_value(values[position, column], display.format),
                    percent=math.floor(percentiles[position, column] * 100),
                )
            )
        sentences.append(sentence.format(context=labels[group], reasons=separator.join(reasons)))
    explanations.loc[nominated.index] = sentences
    return explanations
