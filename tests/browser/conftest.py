"""Fixtures of the browser tier: Debian's Chromium driven by Playwright, Voila on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from leadership_models.dashboards.server import VoilaServer, generate_notebooks

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium from Debian's package (never a downloaded browser build)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: `apt-get install chromium` (.ci/run installs it)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def voila(demo_snapshot: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """Voila serving every dashboard on the demo snapshot, on a free loopback port."""
    notebooks = tmp_path_factory.mktemp("dashboards")
    generate_notebooks(notebooks)
    with VoilaServer(notebooks, demo_snapshot) as server:
        server.wait_until_idle()  # every dashboard's kernel pool preheated
        yield server
