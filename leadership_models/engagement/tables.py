"""Validated CSV and Parquet loaders of the contributors and events tables."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .errors import EngagementDataError
from .schema import (
    CONTRIBUTORS,
    EVENT_KEY,
    EVENTS,
    KINDS,
    context_values,
)

CHUNK_ROWS = 1_000_000
TABLE_SUFFIXES = (".parquet", ".csv")
_WIKI = re.compile(r"^[a-z0-9_]+$")
_LANGUAGES = re.compile(r"^([a-z]{2,3}(-[a-z0-9]+)*)(;[a-z]{2,3}(-[a-z0-9]+)*)*$")
_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"false", "0", "no", ""})

Parser = Callable[[pd.Series], tuple[pd.Series, pd.Series, str]]
"""Turns a raw column into typed values, a mask of bad cells and what a good cell looks like."""


def integer(minimum: int) -> Parser:
    def parse(raw: pd.Series) -> tuple[pd.Series, pd.Series, str]:
        numbers = pd.to_numeric(raw, errors="coerce")
        bad = numbers.isna() | (numbers % 1 != 0) | (numbers < minimum)
        return numbers.where(~bad, minimum).astype("int64"), bad, f"a whole number >= {minimum}"

    return parse


def timestamp(raw: pd.Series) -> tuple[pd.Series, pd.Series, str]:
    if pd.api.types.is_datetime64_any_dtype(raw):
        parsed = raw.dt.tz_localize("UTC") if raw.dt.tz is None else raw.dt.tz_convert("UTC")
    else:
        parsed = pd.to_datetime(raw, utc=True, errors="coerce", format="ISO8601")
        retry = parsed.isna() & raw.notna() & (raw.astype("str").str.strip() != "")
        if retry.any():  # other unambiguous forms, such as Ruby's "2024-03-05 14:22:10 UTC"
            parsed[retry] = pd.to_datetime(raw[retry], utc=True, errors="coerce", format="mixed")
    parsed = parsed.astype("datetime64[us, UTC]")
    return parsed, parsed.isna(), "an ISO 8601 date or date-time (2024-05-31T12:00:00Z)"


def choice(values: tuple[str, ...]) -> Parser:
    def parse(raw: pd.Series) -> tuple[pd.Series, pd.Series, str]:
        text = raw.astype("str")
        return text, ~text.isin(values), f"one of {', '.join(values)}"

    return parse


def text(pattern: re.Pattern[str] | None, optional: bool, expected: str) -> Parser:
    def parse(raw: pd.Series) -> tuple[pd.Series, pd.Series, str]:
        text = raw.fillna("").astype("str").str.strip()
        empty = text == ""
        bad = pd.Series(False, index=text.index) if optional else empty
        if pattern is not None:
            bad |= ~empty & ~text.str.fullmatch(pattern.pattern)
        return text, bad, expected

    return parse


def boolean(raw: pd.Series) -> tuple[pd.Series, pd.Series, str]:
    if pd.api.types.is_bool_dtype(raw):
        return raw.astype(bool), pd.Series(False, index=raw.index), "true or false"
    text = raw.fillna("").astype("str").str.strip().str.lower()
    return text.isin(_TRUE), ~text.isin(_TRUE | _FALSE), "true or false"


def _contributor_parsers() -> dict[str, Parser]:
    return {
        "user_id": integer(0),
        "user_name": text(None, False, "a user name"),
        "home_wiki": text(_WIKI, False, "a wiki database name such as eswiki"),
        "region": choice(context_values("region")),
        "community_size": choice(context_values("community_size")),
        "affiliate": text(None, True, "an affiliate name or nothing"),
        "affiliate_type": choice(context_values("affiliate_type")),
        "registered": timestamp,
        "languages": text(_LANGUAGES, True, "language codes separated by ';' (es;en)"),
        "gender": text(None, True, "a self-reported gender or nothing"),
        "opted_out": boolean,
    }


_EVENT_PARSERS: dict[str, Parser] = {
    "user_id": integer(0),
    "timestamp": timestamp,
    "wiki": text(_WIKI, False, "a wiki database name such as eswiki"),
    "namespace": integer(-2),
    "kind": choice(KINDS),
    "count": integer(1),
}


@dataclass(frozen=True)
class _Chunk:
    frame: pd.DataFrame
    first_row: int
    """Row number of the chunk's first record as the file counts rows."""


def find_table(directory: Path, name: str) -> Path:
    """Return ``DIR/name.parquet`` or ``DIR/name.csv``, whichever exists."""
    for suffix in TABLE_SUFFIXES:
        candidate = directory / f"{name}{suffix}"
        if candidate.is_file():
            return candidate
    raise EngagementDataError(directory, f"no {name}.parquet or {name}.csv in this folder")


def _read_chunks(path: Path, columns: tuple[str, ...]) -> Iterator[_Chunk]:
    """Read a CSV (rows counted as a spreadsheet does, header = row 1) or Parquet file."""
    if path.suffix == ".csv":
        try:
            header = pd.read_csv(path, nrows=0).columns
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
            raise EngagementDataError(path, f"not a readable CSV file: {exc}") from exc
        check_columns(path, list(header), columns)
        reader = pd.read_csv(
            path, dtype=str, keep_default_na=False, chunksize=CHUNK_ROWS, usecols=list(columns)
        )
        first = 2
        try:
            for frame in reader:
                yield _Chunk(frame, first)
                first += len(frame)
        except (pd.errors.ParserError, UnicodeDecodeError) as exc:
            raise EngagementDataError(path, f"not a readable CSV file: {exc}") from exc
    elif path.suffix == ".parquet":
        try:
            file = pq.ParquetFile(path)
        except (pa.ArrowException, OSError) as exc:
            raise EngagementDataError(path, f"not a readable Parquet file: {exc}") from exc
        check_columns(path, file.schema_arrow.names, columns)
        first = 1
        for batch in file.iter_batches(batch_size=CHUNK_ROWS, columns=list(columns)):
            frame = to_frame(batch)
            yield _Chunk(frame, first)
            first += len(frame)
    else:
        raise EngagementDataError(path, "expected a .csv or .parquet file")


def check_columns(path: Path, found: Sequence[str], expected: Sequence[str]) -> None:
    """Raise an error naming ``path`` and the first missing column unless all are ``found``."""
    missing = [c for c in expected if c not in found]
    if missing:
        raise EngagementDataError(
            path, f"missing column(s) {', '.join(missing)}", column=missing[0]
        )


def _parse(path: Path, chunk: _Chunk, parsers: dict[str, Parser]) -> pd.DataFrame:
    typed = {}
    for column, parser in parsers.items():
        raw = chunk.frame[column]
        values, bad, expected = parser(raw)
        if bad.any():
            at = int(np.argmax(bad.to_numpy()))
            raise EngagementDataError(
                path,
                f"{raw.iloc[at]!r} is not {expected}",
                row=chunk.first_row + at,
                column=column,
            )
        typed[column] = values.reset_index(drop=True)
    return pd.DataFrame(typed)


def _first_duplicate(path: Path, keys: pd.Series, first_row: int, column: str) -> None:
    duplicated = keys.duplicated().to_numpy()
    if duplicated.any():
        at = int(np.argmax(duplicated))
        raise EngagementDataError(
            path, f"duplicate key {keys.iloc[at]!r}", row=first_row + at, column=column
        )


def read_table(path: Path, parsers: dict[str, Parser], key: str | None = None) -> pd.DataFrame:
    """Read a whole CSV or Parquet file, typing each column with its parser; ``key`` is unique.

    The error names the file, the row and the column of the first bad or duplicated cell.
    """
    frames = []
    first_row = 1
    for chunk in _read_chunks(path, tuple(parsers)):
        first_row = first_row if frames else chunk.first_row
        frames.append(_parse(path, chunk, parsers))
    if not frames:
        return pd.DataFrame({column: pd.Series(dtype=object) for column in parsers})
    table = pd.concat(frames, ignore_index=True)
    if key is not None:
        _first_duplicate(path, table[key], first_row, key)
    return table


def load_contributors(path: Path) -> pd.DataFrame:
    """Read and validate a contributors table; the error names the file, row and column."""
    contributors = read_table(path, _contributor_parsers(), key="user_id")
    return _empty(CONTRIBUTORS) if contributors.empty else contributors


def check_event_cells(path: Path, cells: pd.DataFrame, first_row: int) -> None:
    """Raise the loaders' error for the first bad cell of some events columns of ``path``.

    ``cells`` holds rows of the file from row number ``first_row`` on, in any of its columns.
    """
    parsers = {column: _EVENT_PARSERS[column] for column in cells.columns}
    _parse(path, _Chunk(cells, first_row), parsers)


def iter_events(path: Path, user_ids: pd.Index) -> Iterator[pd.DataFrame]:
    """Yield validated chunks of an events table whose users must all be in ``user_ids``."""
    seen: list[np.ndarray] = []
    first_row = 1
    for chunk in _read_chunks(path, tuple(_EVENT_PARSERS)):
        events = _parse(path, chunk, _EVENT_PARSERS)
        unknown = ~events["user_id"].isin(user_ids).to_numpy()
        if unknown.any():
            at = int(np.argmax(unknown))
            raise EngagementDataError(
                path,
                f"event for unknown user {events['user_id'].iloc[at]}",
                row=chunk.first_row + at,
                column="user_id",
            )
        first_row = first_row if seen else chunk.first_row
        seen.append(pd.util.hash_pandas_object(events[list(EVENT_KEY)], index=False).to_numpy())
        yield events
    if seen:
        hashes = pd.Series(np.concatenate(seen))
        duplicated = hashes.duplicated().to_numpy()
        if duplicated.any():
            at = int(np.argmax(duplicated))
            raise EngagementDataError(
                path,
                f"duplicate key: another row has the same {', '.join(EVENT_KEY)}",
                row=first_row + at,
                column="timestamp",
            )


def load_events(path: Path, user_ids: pd.Index) -> pd.DataFrame:
    """Read and validate a whole events table (see :func:`iter_events`)."""
    frames = list(iter_events(path, user_ids))
    return pd.concat(frames, ignore_index=True) if frames else _empty(EVENTS)


def _empty(schema: pa.Schema) -> pd.DataFrame:
    return to_frame(schema.empty_table())


def to_arrow(frame: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    """Convert a validated frame to an Arrow table with the storage types of ``schema``."""
    return pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)


def to_frame(rows: pa.Table | pa.RecordBatch) -> pd.DataFrame:
    """Return Arrow rows as a pandas DataFrame, in memory from the C library's allocator.

    pyarrow's own pool (mimalloc) takes fresh memory from the system in 2 MB huge pages where
    the kernel allows them, and the kernel zeroes each page whole: converting a million people's
    features took four times as long with it. The C library's allocator reuses memory the
    process has just freed, such as a closed backend's.
    """
    return rows.to_pandas(memory_pool=pa.system_memory_pool())


def normalize(frame: pd.DataFrame, schema: pa.Schema) -> pd.DataFrame:
    """Bring a frame built in code (loaders, generator) to the storage dtypes of ``schema``."""
    return to_frame(to_arrow(frame, schema))
