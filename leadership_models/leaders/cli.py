"""``leadkit leaders``: score potential leaders for human review and audit the nominations."""

from __future__ import annotations

from pathlib import Path

import click
import pandas as pd
from rich.console import Console
from rich.table import Table

from ..atomic import write_table
from ..datafiles import DataFileError
from ..engagement.backends import BACKENDS, BackendName
from ..engagement.errors import EngagementDataError
from ..engagement.store import store_hint
from .audit import FLAG_RATIO, selection_rates
from .config import default_scoring_config
from .scoring import score_dataset

console = Console()


def _columns(value: str | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(v.strip() for v in value.split(",") if v.strip())


@click.group()
def leaders() -> None:
    """Nominate potential leaders from engagement data, for human review, and audit fairness."""


@leaders.command()
@click.option(
    "--data",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    required=True,
    help="Engagement dataset folder (contributors and events).",
)
@click.option(
    "--role",
    type=click.Choice(sorted(default_scoring_config().roles)),
    required=True,
    help="Framework role to look for potential leaders of.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Nominations table to write (.csv or .parquet): everyone scored, with a flag.",
)
@click.option(
    "--backend",
    type=click.Choice(BACKENDS),
    default="duckdb",
    show_default=True,
    help="duckdb runs embedded; pyspark runs on the active or a local Spark session.",
)
@click.option(
    "--context",
    default=None,
    metavar="COLUMNS",
    help="Peer-group columns, comma-separated (default from roles.yaml: community_size,region).",
)
@click.option("--lang", default="en", show_default=True, help="Language of the explanations.")
def score(
    data: Path, role: str, out: Path, backend: BackendName, context: str | None, lang: str
) -> None:
    """Score everyone who has not opted out and nominate people for human review."""
    try:
        if backend == "duckdb" and (hint := store_hint(data)):
            console.print(hint, style="yellow", markup=False)
        with console.status("scoring") as status:
            result = score_dataset(
                data,
                role,
                _columns(context),
                backend,
                lang=lang,
                on_stage=lambda stage: status.update(stage),
            )
    except (EngagementDataError, DataFileError) as exc:
        raise click.ClickException(str(exc)) from exc
    write_table(result.table, out)
    console.print(
        f"{out}: {len(result.nominated):,} of {len(result.table):,} people nominated as potential "
        f"{role} for review (peer groups: {', '.join(result.context) or 'everyone'}; window "
        f"{result.window.start:%Y-%m-%d} to {result.window.end:%Y-%m-%d})"
    )


@leaders.command()
@click.argument("nominations", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--by",
    default="community_size,region,gender",
    show_default=True,
    help="Columns to compare selection rates across, comma-separated.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the audit table here (.csv or .parquet).",
)
def audit(nominations: Path, by: str, out: Path | None) -> None:
    """Print selection rates per group and flag ratios to the highest under 0.8."""
    try:
        if nominations.suffix == ".parquet":
            table = pd.read_parquet(nominations)
        else:
            table = pd.read_csv(nominations, keep_default_na=False, low_memory=False)
        rates = selection_rates(table, _columns(by) or ())
    except (KeyError, ValueError, OSError) as exc:
        raise click.ClickException(f"{nominations}: {exc}") from exc
    view = Table(title=f"Selection rates in {nominations.name}")
    for column in ("dimension", "group", "people", "nominated", "rate", "ratio", ""):
        view.add_column(
            column,
            justify="right" if column in {"people", "nominated", "rate", "ratio"} else "left",
        )
    for row in rates.itertuples():
        view.add_row(
            row.dimension,
            row.group,
            f"{row.people:,}",
            f"{row.nominated:,}",
            f"{row.rate:.1%}",
            f"{row.ratio:.2f}",
            f"[red]under {FLAG_RATIO}[/red]" if row.flagged else "",
        )
    console.print(view)
    if out is not None:
        write_table(rates, out)
