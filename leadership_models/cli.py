"""The ``leadkit`` command: one subcommand group per part of the kit, imported when used."""

from __future__ import annotations

import importlib

import click
from click.utils import make_default_short_help

from . import __version__

# Each subcommand's "module:object" and summary; only the one a call names is imported, so
# `leadkit match` does not pay for Spark, nbgrader or Voila, and `leadkit --help` for none.
# The summaries are the commands' own first lines (a test checks that they agree).
SUBCOMMANDS = {
    "badges": (
        "badges.cli:badges",
        "Open Badges 3.0 credentials for skills and learning packs.",
    ),
    "build": (
        "content.cli:build_command",
        "Generate learner notebooks and nbgrader source notebooks for every module and language.",
    ),
    "catalog": ("content.cli:catalog", "Find modules and learning packs."),
    "dashboards": (
        "dashboards.cli:dashboards",
        "Serve the program leads' dashboards (skills map, leaders, progress, quality).",
    ),
    "demo": ("demo.command:demo", "Run the kit end to end on a demo cohort and serve the result."),
    "engagement": (
        "engagement.cli:engagement",
        "Generate, import, validate and store volunteer engagement data (contributors, events).",
    ),
    "framework": ("framework.cli:framework", "Validate, explore and import skill frameworks."),
    "grade": (
        "grading.cli:grade",
        "Release, collect, autograde, give feedback and export grades as skill evidence.",
    ),
    "hub": (
        "hub.cli:hub",
        "Run the cohort's JupyterHub on one machine, or write Kubernetes values.",
    ),
    "leaders": (
        "leaders.cli:leaders",
        "Nominate potential leaders from engagement data, for human review, and audit fairness.",
    ),
    "match": (
        "matching.cli:match",
        "Pair LEARNERS with MENTORS (CSV or Parquet) optimally and explain every pair.",
    ),
    "skills-map": (
        "skillsmap.cli:skills_map",
        "Map people per skill and level by group, small cells hidden.",
    ),
    "translations": (
        "content.cli:translations",
        "Report and record how module translations follow their English source.",
    ),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every subcommand name, sorted."""
        return sorted(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Import and return the named subcommand, or None for an unknown name."""
        if cmd_name not in SUBCOMMANDS:
            return None
        module, attribute = SUBCOMMANDS[cmd_name][0].split(":")
        return getattr(importlib.import_module(f".{module}", __package__), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List every subcommand with its summary, as click does, importing none of them."""
        limit = formatter.width - 6 - max(len(name) for name in SUBCOMMANDS)
        rows = [
            (name, make_default_short_help(summary, limit))
            for name, (_, summary) in sorted(SUBCOMMANDS.items())
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="leadkit")
def main() -> None:
    """leadkit: skills and leadership development for the Wikimedia movement."""
