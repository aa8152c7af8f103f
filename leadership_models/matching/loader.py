"""Load learners and mentors from CSV or Parquet, validating every cell against the framework."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar
from zoneinfo import ZoneInfo, available_timezones

import numpy as np
import pandas as pd

from ..assessment.tables import FIRST_DATA_ROW, read_table
from ..framework import Framework, default_framework
from .config import NATIVE, MatchingConfig, load_config
from .errors import MatchingInputError
from .model import DAYS, HOURS_PER_WEEK, Learner, Mentor, Participant

COMMON_COLUMNS = ("person_id", "name", "region", "languages", "time_zone")
LEARNER_COLUMNS = (*COMMON_COLUMNS, "wants")
MENTOR_COLUMNS = (*COMMON_COLUMNS, "offers", "capacity")
P = TypeVar("P", bound=Participant)
T = TypeVar("T")
_AVAILABILITY = re.compile(
    r"^(?P<first>[a-z]{3})(?:-(?P<last>[a-z]{3}))?\s+(?P<start>\d{1,2})-(?P<end>\d{1,2})$"
)


def load_learners(
    path: Path | str, config: MatchingConfig | None = None, framework: Framework | None = None
) -> list[Learner]:
    """Read a learners table (person_id, name, region, languages, time_zone, wants, ...)."""
    path = Path(path)
    return learners_from_frame(read_table(path)[0], str(path), config, framework)


def load_mentors(
    path: Path | str, config: MatchingConfig | None = None, framework: Framework | None = None
) -> list[Mentor]:
    """Read a mentors table (person_id, name, region, languages, time_zone, offers, capacity)."""
    path = Path(path)
    return mentors_from_frame(read_table(path)[0], str(path), config, framework)


def learners_from_frame(
    frame: pd.DataFrame,
    source: str,
    config: MatchingConfig | None = None,
    framework: Framework | None = None,
) -> list[Learner]:
    """Validate a learners table; ``source`` names it in errors."""
    parser = _RowParser(source, config or load_config(), framework or default_framework())

    def build(row: dict[str, str]) -> Learner:
        current = parser.skill_levels(row, "current", required=False)
        wants = parser.skill_levels(row, "wants", required=True, minimum=1)
        for skill_id, target in wants.items():
            if current.get(skill_id, 0) >= target:
                raise parser.error(
                    "wants", f"{skill_id}: target level {target} is not above the current level"
                )
        return Learner(**parser.common(row), wants=wants, current=current)

    return parser.rows(frame, LEARNER_COLUMNS, build)


def mentors_from_frame(
    frame: pd.DataFrame,
    source: str,
    config: MatchingConfig | None = None,
    framework: Framework | None = None,
) -> list[Mentor]:
    """Validate a mentors table; ``source`` names it in errors."""
    parser = _RowParser(source, config or load_config(), framework or default_framework())

    def build(row: dict[str, str]) -> Mentor:
        offers = parser.skill_levels(row, "offers", required=True, minimum=1)
        return Mentor(**parser.common(row), offers=offers, capacity=parser.capacity(row))

    return parser.rows(frame, MENTOR_COLUMNS, build)


class _RowParser:
    """Turns table rows into people, raising errors that name the file, row and column."""

    def __init__(self, source: str, config: MatchingConfig, framework: Framework) -> None:
        self.source = source
        self.reference_date = config.reference_date
        self.skills = framework.skills
        self.regions = list(framework.contexts["region"].values or ())
        self.row_number: int | None = None

    def error(self, column: str | None, message: str) -> MatchingInputError:
        return MatchingInputError(self.source, self.row_number, column, message)

    def rows(
        self, frame: pd.DataFrame, columns: tuple[str, ...], build: Callable[[dict[str, str]], P]
    ) -> list[P]:
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise self.error(None, f"missing column(s): {', '.join(missing)}")
        if frame.empty:
            raise self.error(None, "the table has no rows")
        people: list[P] = []
        seen: set[str] = set()
        text = read_table(frame)[0]
        names = list(text.columns)
        cells = zip(*(text[name].tolist() for name in names), strict=True)
        for number, values in enumerate(cells, start=FIRST_DATA_ROW):
            self.row_number = number
            row = dict(zip(names, values, strict=True))
            person = build(row)
            if person.person_id in seen:
                raise self.error("person_id", f"duplicate person_id {person.person_id!r}")
            seen.add(person.person_id)
            people.append(person)
        self.row_number = None
        return people

    def common(self, row: dict[str, str]) -> dict[str, object]:
        for column in ("person_id", "name"):
            if not row[column]:
                raise self.error(column, "must not be empty")
        if row["region"] not in self.regions:
            raise self.error(
                "region", f"unknown region {row['region']!r}; known: {', '.join(self.regions)}"
            )
        offset = self.utc_offset(row["time_zone"])
        return {
            "person_id": row["person_id"],
            "name": row["name"],
            "region": row["region"],
            "languages": dict(self.parsed("languages", _languages, row["languages"])),
            "time_zone": row["time_zone"],
            "utc_offset": offset,
            "availability": self.parsed(
                "availability", _availability, row.get("availability", ""), offset
            ),
        }

    def parsed(self, column: str, parse: Callable[..., T], *cell: object) -> T:
        """Parse a cell; a ``CellError`` becomes an error naming this row and ``column``."""
        try:
            return parse(*cell)
        except CellError as error:
            raise self.error(column, str(error)) from None

    def utc_offset(self, name: str) -> float:
        if name not in _time_zones():
            raise self.error(
                "time_zone", f"unknown time zone {name!r}; use an IANA name like Europe/Madrid"
            )
        return _utc_offset(name, self.reference_date)

    def skill_levels(
        self, row: dict[str, str], column: str, required: bool, minimum: int = 0
    ) -> dict[str, int]:
        cell = row.get(column, "")
        if not cell:
            if required:
                raise self.error(column, "at least one skill is required, e.g. grant_writing:3")
            return {}
        levels: dict[str, int] = {}
        for item in _items(cell):
            skill_id, _, level = (part.strip() for part in item.partition(":"))
            if skill_id not in self.skills:
                raise self.error(column, f"unknown skill {skill_id!r}")
            if not level.isdigit() or not minimum <= int(level) <= 4:
                raise self.error(column, f"{item!r}: level must be {minimum}-4")
            levels[skill_id] = int(level)
        return levels

    def capacity(self, row: dict[str, str]) -> int:
        cell = row["capacity"]
        if not cell.isdigit() or int(cell) < 1:
            raise self.error("capacity", f"{cell!r}: must be a whole number of learners, 1 or more")
        return int(cell)


class CellError(ValueError):
    """A cell's text is not valid; the row parser adds the file, row and column."""


@lru_cache(maxsize=4096)
def _languages(cell: str) -> Mapping[str, int]:
    """Parse ``es:native;en:3`` into language code -> level (NATIVE for native speakers)."""
    if not cell:
        raise CellError("at least one language is required, e.g. es:native;en:3")
    levels: dict[str, int] = {}
    for item in _items(cell):
        code, _, level = item.partition(":")
        code, level = code.strip().lower(), level.strip().lower()
        if not re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]+)*", code):
            raise CellError(f"{item!r}: not a language code")
        if level in ("native", "n"):
            levels[code] = NATIVE
        elif level.isdigit() and int(level) <= 5:
            levels[code] = int(level)
        else:
            raise CellError(f"{item!r}: level must be 0-5 or native, as in es:native;en:3")
    return MappingProxyType(levels)


@lru_cache(maxsize=4096)
def _availability(cell: str, offset: float) -> np.ndarray:
    """Parse ``Mon-Fri 18-21; Sat 10-13`` (local hours) into UTC hours of the week (read-only)."""
    if not cell:
        hours = np.ones(HOURS_PER_WEEK, dtype=bool)
    else:
        local = np.zeros(HOURS_PER_WEEK, dtype=bool)
        for item in _items(cell):
            found = _AVAILABILITY.match(item.lower())
            days = found and _day_range(found["first"], found["last"] or found["first"])
            start, end = (int(found["start"]), int(found["end"])) if found else (0, 0)
            if not days or not 0 <= start < end <= 24:
                raise CellError(f"{item!r}: expected days and local hours like Mon-Fri 18-21")
            for day in days:
                local[day * 24 + start : day * 24 + end] = True
        hours = np.roll(local, -int(np.floor(offset)))
    hours.flags.writeable = False
    return hours


def _items(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(";") if item.strip()]


def _day_range(first: str, last: str) -> range | None:
    if first not in DAYS or last not in DAYS or DAYS.index(last) < DAYS.index(first):
        return None
    return range(DAYS.index(first), DAYS.index(last) + 1)


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


@cache
def _utc_offset(name: str, on: dt.date) -> float:
    offset = dt.datetime.combine(on, dt.time(12), tzinfo=ZoneInfo(name)).utcoffset()
    assert offset is not None
    return offset.total_seconds() / 3600
