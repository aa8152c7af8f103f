"""Volunteer engagement data: contributors, activity events, loaders, synthetic data, features."""

from .backends import collect, connect, open_dataset
from .errors import EngagementDataError, MediaWikiError
from .features import FEATURES, Window, default_window, engagement_features
from .schema import CONTRIBUTORS, EVENTS, KINDS, default_definitions, load_definitions
from .storage import write_dataset
from .synthetic import GROUND_TRUTH_FILE, generate
from .tables import find_table, iter_events, load_contributors, load_events, to_frame

__all__ = [
    "CONTRIBUTORS",
    "EVENTS",
    "FEATURES",
    "GROUND_TRUTH_FILE",
    "KINDS",
    "EngagementDataError",
    "MediaWikiError",
    "Window",
    "collect",
    "connect",
    "default_definitions",
    "default_window",
    "engagement_features",
    "find_table",
    "generate",
    "iter_events",
    "load_contributors",
    "load_definitions",
    "load_events",
    "open_dataset",
    "to_frame",
    "write_dataset",
]
