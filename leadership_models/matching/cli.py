"""``leadkit match``: pair learners with mentors and form peer-learning circles."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..assessment.errors import TableError
from ..atomic import write_table
from .circles import form_circles
from .config import load_config
from .errors import MatchingConfigError
from .loader import load_learners, load_mentors
from .result import match as match_people
from .solver import SolverError

_table = click.Path(exists=True, dir_okay=False, path_type=Path)
_output_file = click.Path(dir_okay=False, path_type=Path)


def _output(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    if value is not None and value.suffix.lower() not in (".csv", ".parquet"):
        raise click.BadParameter("must end in .csv or .parquet", ctx=ctx, param=param)
    return value


@click.command()
@click.argument("learners", type=_table)
@click.argument("mentors", type=_table)
@click.option(
    "--out",
    required=True,
    type=_output_file,
    callback=_output,
    help="Matched pairs with explanations (.csv or .parquet).",
)
@click.option(
    "--unmatched",
    type=_output_file,
    callback=_output,
    help="Unmatched learners with reasons [default: OUT's name with -unmatched].",
)
@click.option(
    "--circles",
    type=_output_file,
    callback=_output,
    help="Also form peer-learning circles of learners and write them here.",
)
@click.option(
    "--config",
    "config_file",
    type=_table,
    help="Matching weights and constraints (YAML) [default: the shipped one].",
)
def match(
    learners: Path,
    mentors: Path,
    out: Path,
    unmatched: Path | None,
    circles: Path | None,
    config_file: Path | None,
) -> None:
    """Pair LEARNERS with MENTORS (CSV or Parquet) optimally and explain every pair.

    Writes the pairs to --out and the unmatched learners with reasons beside it.
    """
    unmatched = unmatched or out.with_name(f"{out.stem}-unmatched{out.suffix}")
    console = Console(stderr=True)
    try:
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as progress:
            stage = progress.add_task("Reading the configuration", total=None)
            config = load_config(config_file)
            progress.update(stage, description=f"Reading {learners.name}")
            learner_list = load_learners(learners, config)
            progress.update(stage, description=f"Reading {mentors.name}")
            mentor_list = load_mentors(mentors, config)
            progress.update(
                stage,
                description=f"Matching {len(learner_list)} learners, {len(mentor_list)} mentors",
            )
            result = match_people(learner_list, mentor_list, config)
            progress.update(stage, description="Explaining pairs and writing tables")
            pairs, left = result.pairs(), result.unmatched()
            write_table(pairs, out)
            write_table(left, unmatched)
            if circles is not None:
                progress.update(stage, description="Forming peer-learning circles")
                circle_table = form_circles(learner_list, config)
                write_table(circle_table, circles)
    except (TableError, MatchingConfigError, SolverError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{len(pairs)} pairs -> {out}")
    click.echo(f"{len(left)} unmatched -> {unmatched}")
    if circles is not None:
        click.echo(f"{circle_table['circle_id'].nunique()} circles -> {circles}")
