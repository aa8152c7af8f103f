"""Tests of the loopback server runner the demo, dashboards and hub share."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from leadership_models.serving import LocalServer, ServerError

pytestmark = pytest.mark.unit


class HttpServer(LocalServer):
    """Python's own http.server, serving the work folder."""

    name = "http"

    def command(self) -> list[str]:
        return [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1"]


class Crashing(LocalServer):
    """A server that exits at once with a message."""

    name = "crashing"

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-c",
            "import sys; print('bad config: no such folder'); sys.exit(3)",
        ]


def test_relative_workdir_is_made_absolute(tmp_path, monkeypatch):
    """Is a relative working folder resolved once, so the server is not told a doubled path?"""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "course").mkdir()
    assert HttpServer(Path("course")).workdir == tmp_path / "course"


def test_server_starts_answers_and_stops(tmp_path):
    """Does the server answer on loopback while in use and stop afterwards?"""
    (tmp_path / "index.html").write_text("hello")
    with HttpServer(tmp_path) as server:
        assert server.running()
        assert server.url.startswith("http://127.0.0.1:")
    assert not server.running()


def test_crash_reports_the_log(tmp_path):
    """Does a server that exits at start raise ServerError with its own output?"""
    with pytest.raises(ServerError, match=r"crashing exited with 3:\nbad config: no such folder"):
        Crashing(tmp_path).start()


class BusyHttpServer(HttpServer):
    """An http.server that also starts a child process spinning on the CPU."""

    name = "busy"

    def command(self) -> list[str]:
        serve = ["-m", "http.server", str(self.port), "--bind", "127.0.0.1"]
        return [
            sys.executable,
            "-c",
            "import os, subprocess, sys; "
            "subprocess.Popen([sys.executable, '-c', 'while True: pass']); "
            f"os.execv(sys.executable, [sys.executable, *{serve!r}])",
        ]


def test_idle_server_settles(tmp_path):
    """Does waiting for an idle server return once it and its children use no CPU?"""
    with HttpServer(tmp_path) as server:
        server.wait_until_idle(timeout=30)
        assert server.running()


def test_busy_server_never_settles(tmp_path):
    """Does waiting for a server whose child keeps a core busy give up with the server's log?"""
    busy = pytest.raises(ServerError, match=r"busy was still busy after 3 s; its log: ")
    with BusyHttpServer(tmp_path) as server, busy:
        server.wait_until_idle(timeout=3)
