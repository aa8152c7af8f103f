"""Run the dashboards under Voila: notebooks generated from MyST, the kit's config and template."""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

import jupytext

from ..reporting.snapshot import DATA_ENV
from ..serving import LocalServer

DASHBOARDS = ("skills-map", "potential-leaders", "cohort-progress", "content-quality")
DRAWN = {
    "skills-map": {".lk-heatmap": 1},
    "potential-leaders": {".bqplot.figure:has(.axis)": 1},
    "cohort-progress": {".bqplot.figure:has(.axis)": 2},
    "content-quality": {".bqplot.figure:has(.axis)": 2},
}
"""What each dashboard shows once completely drawn (charts count once their axes are drawn,
which holds whatever the data): CSS selector -> how many of it."""
IS_DRAWN = """drawn => document.querySelector('h1')?.checkVisibility()
  && Object.entries(drawn).every(([selector, count]) =>
    document.querySelectorAll(selector).length >= count)"""
"""A browser-side predicate: given a page's DRAWN entry, is the page completely drawn?"""


def jupyter_dir() -> Path:
    """Return the folder holding ``voila.json`` and the ``leadkit`` Voila template."""
    return Path(str(resources.files("leadership_models.dashboards") / "jupyter"))


def sources_dir() -> Path:
    """Return the folder of the dashboards' MyST notebooks (the checkout's ``dashboards/``)."""
    packaged = Path(str(resources.files("leadership_models.dashboards") / "notebooks"))
    checkout = Path(__file__).resolve().parents[2] / "dashboards"
    return packaged if packaged.is_dir() else checkout


def generate_notebooks(out: Path, names: tuple[str, ...] = DASHBOARDS) -> list[Path]:
    """Write each dashboard's ``.ipynb`` (no outputs) into ``out`` and return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names:
        notebook = jupytext.read(sources_dir() / f"{name}.md")
        target = out / f"{name}.ipynb"
        jupytext.write(notebook, target, fmt="ipynb")
        written.append(target)
    return written


class VoilaServer(LocalServer):
    """Voila serving a folder of dashboard notebooks on a snapshot, with the kit's config."""

    name = "voila"

    def __init__(self, notebooks: Path, data_dir: Path, port: int = 0, **options: float) -> None:
        super().__init__(notebooks, port, **options)
        self.data_dir = data_dir

    def dashboard_url(self, name: str, lang: str | None = None) -> str:
        """The address of one dashboard, optionally in a given language."""
        query = f"?lang={lang}" if lang else ""
        return f"{self.url}voila/render/{name}.ipynb{query}"

    def command(self) -> list[str]:
        """Voila on the notebooks folder, reading the kit's ``voila.json`` and template."""
        return [
            sys.executable,
            "-m",
            "voila",
            str(self.workdir),
            f"--port={self.port}",
            f"--Voila.config_file_paths=['{jupyter_dir()}']",
        ]

    def environment(self) -> dict[str, str]:
        """The snapshot folder for the kernels and the template's folder for Voila."""
        existing = os.environ.get("JUPYTER_PATH")
        jupyter_path = os.pathsep.join([str(jupyter_dir()), *([existing] if existing else [])])
        return {**os.environ, DATA_ENV: str(self.data_dir.resolve()), "JUPYTER_PATH": jupyter_path}
