"""Does every dashboard work for a program lead in a real browser, offline and accessibly?"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, Request

from leadership_models.dashboards.server import DASHBOARDS, DRAWN, IS_DRAWN, VoilaServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RENDER_TIMEOUT_MS = 180_000
SPANISH_TITLES = {
    "skills-map": "Mapa de habilidades",
    "potential-leaders": "Posibles líderes",
    "cohort-progress": "Progreso de la cohorte",
    "content-quality": "Calidad del contenido",
}


def wait_until_drawn(page: Page, name: str) -> None:
    """Wait until the dashboard is completely drawn, or shows a notice instead."""
    page.wait_for_function(
        f"drawn => ({IS_DRAWN})(drawn) || document.querySelector('.lk-notice') !== null",
        arg=DRAWN[name],
        timeout=RENDER_TIMEOUT_MS,
    )


def open_dashboard(browser: Browser, name: str, url: str) -> tuple[Page, list[str], list[str]]:
    """Open a dashboard, recording console errors and requests to any host but loopback."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="es-ES")
    errors: list[str] = []
    outside: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))

    def note_request(request: Request) -> None:
        host = urlparse(request.url).hostname
        if request.url.startswith(("http://", "https://", "ws://", "wss://")) and host not in (
            "127.0.0.1",
            "localhost",
        ):
            outside.append(request.url)

    page.on("request", note_request)
    page.goto(url)
    wait_until_drawn(page, name)
    notices = page.locator(".lk-notice").all_inner_texts()
    assert not notices, f"the dashboard shows a notice instead of its data: {notices}"
    return page, errors, outside


@pytest.mark.parametrize("name", DASHBOARDS, ids=list(DASHBOARDS))
def test_dashboard_renders_filters_offline_and_accessibly(
    browser: Browser, voila: VoilaServer, artifacts: Path, name: str
) -> None:
    """Does it render demo data in Spanish, follow a filter, stay offline and pass axe?"""
    page, errors, outside = open_dashboard(browser, name, voila.dashboard_url(name, "es"))
    assert page.inner_text("h1") == SPANISH_TITLES[name]

    before = page.inner_text("body")
    page.locator("select").first.select_option(index=1)
    page.wait_for_function(
        "before => document.body.innerText !== before", arg=before, timeout=60_000
    )
    wait_until_drawn(page, name)
    page.screenshot(path=artifacts / f"dashboard-{name}.png", full_page=True)

    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    severe = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    (artifacts / f"dashboard-{name}-axe.json").write_text(
        json.dumps(result["violations"], indent=2)
    )
    page.close()

    assert not severe, "\n".join(
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in severe
    )
    assert errors == []
    assert outside == []


def test_start_page_lists_every_dashboard(browser: Browser, voila: VoilaServer) -> None:
    """Does Voila's start page list every dashboard?"""
    voila.wait_until_idle()  # the dashboards visited before are refilling their kernel pools
    page = browser.new_page()
    page.goto(voila.url)
    page.wait_for_selector(f"text={DASHBOARDS[0]}.ipynb", timeout=RENDER_TIMEOUT_MS)
    listed = page.inner_text("body")
    page.close()
    for name in DASHBOARDS:
        assert f"{name}.ipynb" in listed


def test_kernels_talk_over_unix_sockets(voila: VoilaServer) -> None:
    """Do the kernel pools use IPC, so kernels starting together never race for a TCP port?"""
    log = voila.log_file.read_text()
    assert log.count("Kernel started") >= len(DASHBOARDS)
    assert "running over TCP" not in log
