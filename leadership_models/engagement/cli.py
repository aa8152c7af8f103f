"""``leadkit engagement``: generate, import, validate and store volunteer engagement data."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

import click
import pandas as pd
import requests
from rich.console import Console
from rich.progress import Progress

from .dashboard import load_dashboard_editors
from .errors import EngagementDataError, MediaWikiError
from .mediawiki import MediaWikiClient, load_from_api
from .schema import EVENTS, context_values
from .storage import CONTRIBUTORS_FILE, EVENTS_FILE, write_dataset
from .store import STORE_FILE, build_store, store_hint
from .synthetic import GROUND_TRUTH_FILE, generate
from .tables import find_table, iter_events, load_contributors, to_arrow

console = Console()


@click.group()
def engagement() -> None:
    """Generate, import, validate and store volunteer engagement data (contributors, events)."""


@engagement.command(name="generate")
@click.option(
    "--contributors",
    "-n",
    type=click.IntRange(min=10),
    default=5000,
    show_default=True,
    help="How many contributors to draw.",
)
@click.option(
    "--events",
    type=click.IntRange(min=0),
    default=None,
    help="How many activity events to draw (default: 40 per contributor).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Dataset folder to write (replaced as a whole once complete).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
def generate_command(contributors: int, events: int | None, out: Path, seed: int) -> None:
    """Write a synthetic population with planted leaders kept as separate ground truth."""
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("events", total=events or 40 * contributors)
        population = generate(
            out,
            contributors,
            events,
            seed,
            progress=lambda rows: progress.advance(task, rows),
            on_stage=lambda stage: progress.update(task, description=stage),
        )
    written = int(population.events.sum())
    console.print(
        f"{out}: {contributors:,} contributors in {CONTRIBUTORS_FILE}, {written:,} events in "
        f"{EVENTS_FILE}, both also in {STORE_FILE}, {len(population.planted):,} planted leaders "
        f"in {GROUND_TRUTH_FILE}"
    )


@engagement.command()
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
def validate(path: Path) -> None:
    """Check a dataset folder row by row; exit 1 naming the file, row and column at fault."""
    try:
        contributors = load_contributors(find_table(path, "contributors"))
        events = 0
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("events", total=None)
            for chunk in iter_events(find_table(path, "events"), contributors["user_id"]):
                events += len(chunk)
                progress.advance(task, len(chunk))
    except EngagementDataError as exc:
        raise click.ClickException(str(exc)) from exc
    opted_out = int(contributors["opted_out"].sum())
    console.print(
        f"{path}: valid — {len(contributors):,} contributors ({opted_out:,} opted out), "
        f"{events:,} events"
    )
    if hint := store_hint(path):
        console.print(hint, style="yellow", markup=False)


@engagement.command(name="store")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
def store_command(path: Path) -> None:
    """Load a Parquet dataset folder into its DuckDB store, so later queries on it run faster.

    Folders written by leadkit have their store already; run this for folders written by other
    tools, or after replacing their Parquet files.
    """
    try:
        with console.status(f"loading {path} into {STORE_FILE}"):
            store = build_store(path)
    except EngagementDataError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot write {STORE_FILE}: {exc}") from exc
    console.print(
        f"{store}: {store.stat().st_size / 1e6:,.1f} MB, used while the files are unchanged"
    )


_out_option = click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Dataset folder to write (replaced as a whole once complete).",
)
_region_option = click.option(
    "--region",
    type=click.Choice(context_values("region")),
    required=True,
    help="Region of the wiki's community.",
)


def _write(out: Path, contributors: pd.DataFrame, events: pd.DataFrame) -> None:
    write_dataset(out, contributors, [to_arrow(events, EVENTS)])
    console.print(f"{out}: {len(contributors):,} contributors, {len(events):,} events")


@engagement.command(name="import-dashboard")
@click.argument("csv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--wiki", required=True, help="The program's wiki, e.g. eswiki.")
@_region_option
@click.option(
    "--community-size",
    type=click.Choice(context_values("community_size")),
    required=True,
    help="Size band of the wiki's community.",
)
@_out_option
def import_dashboard(csv: Path, wiki: str, region: str, community_size: str, out: Path) -> None:
    """Turn a Programs & Events Dashboard editors CSV into a dataset folder."""
    try:
        contributors, events = load_dashboard_editors(csv, wiki, region, community_size)
    except EngagementDataError as exc:
        raise click.ClickException(str(exc)) from exc
    _write(out, contributors, events)


@engagement.command()
@click.option("--api", required=True, help="The wiki's api.php URL.")
@click.option(
    "--user-agent",
    required=True,
    help="Who is asking, with contact details: 'leadkit (you@example.org)'.",
)
@click.option(
    "--users",
    "users_file",
    type=click.File(encoding="utf-8"),
    required=True,
    help="A file with one user name per line.",
)
@_region_option
@click.option("--start", required=True, help="First moment to fetch (ISO 8601).")
@click.option("--end", required=True, help="Moment to stop (ISO 8601).")
@_out_option
def fetch(
    api: str,
    user_agent: str,
    users_file: TextIO,
    region: str,
    start: str,
    end: str,
    out: Path,
) -> None:
    """Fetch users and their contributions from a wiki's Action API into a dataset folder."""
    names = [line.strip() for line in users_file if line.strip()]
    try:
        client = MediaWikiClient(api, user_agent)
        with console.status(f"fetching {len(names):,} users from {api}"):
            contributors, events = load_from_api(client, names, region, start, end)
    except (ValueError, MediaWikiError, requests.RequestException) as exc:
        raise click.ClickException(str(exc)) from exc
    _write(out, contributors, events)
