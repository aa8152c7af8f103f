"""Tests of the `leadkit` command itself: every subcommand resolves and has a one-line help."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner
from click.utils import make_default_short_help

from leadership_models.cli import SUBCOMMANDS, main

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("name", sorted(SUBCOMMANDS), ids=sorted(SUBCOMMANDS))
def test_each_subcommand_resolves_with_help(name):
    """Does each registered subcommand import, and answer --help with its summary first?"""
    command = main.get_command(click.Context(main), name)
    assert isinstance(command, click.Command)
    assert command.get_short_help_str()
    assert make_default_short_help(command.help or "", 1000) == SUBCOMMANDS[name][1]
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output


def test_help_lists_every_subcommand():
    """Does `leadkit --help` list every subcommand, one line each?"""
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    listed = [
        line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line.strip()
    ]
    assert listed == sorted(SUBCOMMANDS)


def test_unknown_subcommand_is_a_usage_error():
    """Is a misspelt subcommand refused with a usage error?"""
    result = CliRunner().invoke(main, ["framwork"])
    assert result.exit_code == 2 and "No such command 'framwork'" in result.output


def _modules_after(args: list[str]) -> set[str]:
    """Run `leadkit ARGS` in a fresh Python; return the top-level modules it imported."""
    code = (
        "import sys; from click.testing import CliRunner; from leadership_models.cli import main; "
        f"assert CliRunner().invoke(main, {args!r}).exit_code == 0; "
        "print(' '.join(sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_help_imports_no_subcommand():
    """Does `leadkit --help` answer without importing any part of the kit?"""
    parts = {m for m in _modules_after(["--help"]) if m.startswith("leadership_models.")}
    assert parts == {"leadership_models.cli"}


def test_a_subcommand_imports_only_its_own_part():
    """Does `leadkit framework` run without importing the heavy parts (Voila, nbgrader, Ibis)?"""
    modules = _modules_after(["framework", "validate"])
    assert "leadership_models.framework.cli" in modules
    assert not modules & {"voila", "nbgrader", "ibis", "jupytext"}
