"""Do imports flow one way: core logic, then widgets, then dashboards?"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

PACKAGE = Path(__file__).resolve().parents[2] / "leadership_models"
CORE = (
    "framework",
    "assessment",
    "skillsmap",
    "engagement",
    "leaders",
    "matching",
    "badges",
    "grading",
    "content",
    "reporting",
)  # hub, demo and cli sit above everything: they deploy and run all the layers
USER_INTERFACE = ("ipywidgets", "bqplot", "voila", "anywidget")


def imported_modules(file: Path) -> set[str]:
    """Every module a file imports, relative imports resolved against the package."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    package = ".".join(file.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                names.add(".".join([*base, *([node.module] if node.module else [])]))
            else:
                names.add(node.module or "")
    return names


def files_of(part: str) -> list[Path]:
    return sorted((PACKAGE / part).rglob("*.py"))


@pytest.mark.parametrize("part", CORE, ids=list(CORE))
def test_core_imports_no_user_interface(part: str) -> None:
    """Does this core part stay free of widgets, plots, Voila and the kit's UI layers?"""
    for file in files_of(part):
        for module in imported_modules(file):
            top = module.split(".")[0]
            assert top not in USER_INTERFACE, f"{file.relative_to(PACKAGE)} imports {module}"
            assert not module.startswith(
                ("leadership_models.widgets", "leadership_models.dashboards")
            ), f"{file.relative_to(PACKAGE)} imports {module}"


def test_widgets_do_not_import_dashboards() -> None:
    """Do widgets build on core only, never on the dashboards above them?"""
    for file in files_of("widgets"):
        for module in imported_modules(file):
            assert not module.startswith("leadership_models.dashboards"), (
                f"{file.name} imports {module}"
            )
