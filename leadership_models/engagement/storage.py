"""Write tables and dataset folders so that nothing is left half-written on error."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..atomic import write_table
from .schema import CONTRIBUTORS, EVENTS
from .store import STORE_FILE, build_store
from .tables import to_arrow

CONTRIBUTORS_FILE = "contributors.parquet"
EVENTS_FILE = "events.parquet"


@contextmanager
def atomic_directory(out: Path) -> Iterator[Path]:
    """Yield a scratch folder that replaces ``out`` only if the block finishes without error."""
    out.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        yield scratch
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    if out.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
        out.rename(retired / out.name)
        scratch.rename(out)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        scratch.rename(out)


def write_events(chunks: Iterable[pa.Table], path: Path) -> int:
    """Stream event chunks into one Parquet file (one row group per chunk); return the rows."""
    rows = 0
    with pq.ParquetWriter(path, EVENTS, compression="zstd") as writer:
        for chunk in chunks:
            writer.write_table(chunk.cast(EVENTS))
            rows += chunk.num_rows
    return rows


def write_dataset(
    out: Path,
    contributors: pd.DataFrame,
    events: Iterable[pa.Table],
    extra: dict[str, pd.DataFrame] | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> int:
    """Write a dataset folder (contributors, events and extra tables) at once; return events.

    The folder also gets its DuckDB store, so queries on it need not read the Parquet files;
    ``on_stage`` is told when that begins, the longest step after the events.
    """
    with atomic_directory(out) as scratch:
        pq.write_table(to_arrow(contributors, CONTRIBUTORS), scratch / CONTRIBUTORS_FILE)
        rows = write_events(events, scratch / EVENTS_FILE)
        for name, frame in (extra or {}).items():
            write_table(frame, scratch / name)
        if on_stage is not None:
            on_stage(f"loading into {STORE_FILE}")
        build_store(scratch)
    return rows
