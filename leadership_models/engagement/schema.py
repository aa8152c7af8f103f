"""The engagement data model: contributors, activity events and the kinds of activity."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated

import pyarrow as pa
from pydantic import BaseModel, ConfigDict, Field

from ..datafiles import read_yaml, validate
from ..framework import default_framework

#: Kinds of activity an event records; edits are split by where they happen.
EDIT_KINDS = ("edit", "talk_edit", "project_edit")
#: Edits of community-facing pages: talk pages and project pages.
COMMUNITY_KINDS = ("talk_edit", "project_edit")
KINDS = (
    *EDIT_KINDS,
    "thanks_received",
    "event_organized",
    "event_attended",
    "training_completed",
    "mentee_helped",
)

#: Columns of the contributors table and their storage types, in file order.
CONTRIBUTORS = pa.schema(
    [
        ("user_id", pa.int64()),
        ("user_name", pa.string()),
        ("home_wiki", pa.string()),
        ("region", pa.string()),
        ("community_size", pa.string()),
        ("affiliate", pa.string()),
        ("affiliate_type", pa.string()),
        ("registered", pa.timestamp("us", tz="UTC")),
        ("languages", pa.string()),
        ("gender", pa.string()),
        ("opted_out", pa.bool_()),
    ]
)
#: Columns of the activity events table; (user_id, timestamp, wiki, namespace, kind) is the key.
EVENTS = pa.schema(
    [
        ("user_id", pa.int64()),
        ("timestamp", pa.timestamp("us", tz="UTC")),
        ("wiki", pa.string()),
        ("namespace", pa.int32()),
        ("kind", pa.string()),
        ("count", pa.int64()),
    ]
)
EVENT_KEY = ("user_id", "timestamp", "wiki", "namespace", "kind")
#: An optional events column some storage adds: the calendar month in UTC, 12 x year + month - 1.
CALENDAR_MONTH = "calendar_month"

#: Namespace recorded for activity that is not an edit of a page (thanks, events, trainings).
SPECIAL_NAMESPACE = -1


class Definitions(BaseModel):
    """Wikimedia's definitions the features follow (see ``data/definitions.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    active_month_min_edits: Annotated[int, Field(ge=1)]
    content_namespaces: tuple[int, ...] = Field(min_length=1)
    project_namespaces: tuple[int, ...]
    window_months: Annotated[int, Field(ge=1)]
    growth_months: Annotated[int, Field(ge=1)]


def default_definitions_file() -> Path:
    """Return the definitions file shipped with the kit."""
    return Path(str(resources.files("leadership_models.engagement") / "data" / "definitions.yaml"))


def load_definitions(path: Path | None = None) -> Definitions:
    """Load and validate a definitions file; DataFileError names the file and key path."""
    file = path or default_definitions_file()
    definitions: Definitions = validate(file, "", Definitions, read_yaml(file))
    return definitions


@cache
def default_definitions() -> Definitions:
    """Return the shipped definitions, loaded once per process."""
    return load_definitions()


def context_values(dimension: str) -> tuple[str, ...]:
    """Return the allowed values of a framework context dimension (region, community_size...)."""
    values = default_framework().contexts[dimension].values
    return tuple(values or ())
