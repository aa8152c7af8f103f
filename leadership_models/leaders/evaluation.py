"""How well a ranking recovers known leaders: ROC AUC from the rank-sum formula."""

from __future__ import annotations

import numpy as np
import pandas as pd


def roc_auc(scores: pd.Series | np.ndarray, positives: pd.Series | np.ndarray) -> float:
    """Return the probability that a random positive outranks a random negative (ties count 1/2)."""
    labels = np.asarray(positives, dtype=bool)
    n_pos = int(labels.sum())
    n_neg = len(labels) - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("ROC AUC needs at least one positive and one negative")
    ranks = pd.Series(np.asarray(scores, dtype=float)).rank(method="average").to_numpy()
    return float((ranks[labels].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))
