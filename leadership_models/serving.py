"""Start a server process on loopback, wait until it answers, and stop it with its children."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

import psutil


def free_port() -> int:
    """Return a TCP port on loopback that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def root_flag() -> list[str]:
    """``--allow-root`` for Jupyter servers started as root (containers, CI); nothing otherwise."""
    return ["--allow-root"] if os.geteuid() == 0 else []


class ServerError(RuntimeError):
    """A server did not start: it exited (its log's tail is in the message) or never answered."""


class LocalServer:
    """A server process bound to 127.0.0.1, logging to a file; a context manager.

    Subclasses say how to start it (:meth:`command`, :meth:`environment`) and which address
    answers once it is ready (:attr:`ready_url`).
    """

    name = "server"

    def __init__(self, workdir: Path, port: int = 0, startup_timeout: float = 120.0) -> None:
        self.workdir = workdir.resolve()
        self.port = port
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The server's base address."""
        return f"http://127.0.0.1:{self.port}/"

    @property
    def ready_url(self) -> str:
        """The address that answers once the server is ready."""
        return self.url

    @property
    def log_file(self) -> Path:
        """Where the server's own output goes."""
        return self.workdir / f"{self.name}.log"

    def command(self) -> list[str]:
        """The command line that starts the server on ``self.port``."""
        raise NotImplementedError

    def environment(self) -> dict[str, str]:
        """The environment the server runs in."""
        return dict(os.environ)

    def start(self) -> LocalServer:
        """Start the server and wait until :attr:`ready_url` answers."""
        self.port = self.port or free_port()
        with self.log_file.open("wb") as log:
            self.process = subprocess.Popen(
                self.command(),
                env=self.environment(),
                cwd=self.workdir,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log_tail = self.log_file.read_text(errors="replace")[-2000:]
                raise ServerError(f"{self.name} exited with {self.process.returncode}:\n{log_tail}")
            try:
                with urllib.request.urlopen(self.ready_url, timeout=2):
                    return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):  # HTTPError included
                time.sleep(0.3)
        self.stop()
        raise ServerError(
            f"{self.name} did not answer on {self.ready_url} in {self.startup_timeout:.0f} s; "
            f"its log: {self.log_file}"
        )

    def running(self) -> bool:
        """Tell whether the process is still alive."""
        return self.process is not None and self.process.poll() is None

    def wait_until_idle(self, timeout: float = 300.0, threshold: float = 0.1) -> None:
        """Wait until the server and its children (e.g. preheated kernels) have settled.

        Settled means using under ``threshold`` CPU seconds per second together. Raises
        ``ServerError`` after ``timeout`` seconds.
        """
        assert self.process is not None
        server = psutil.Process(self.process.pid)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            processes = [server, *server.children(recursive=True)]
            before = sum(_cpu_seconds(p) for p in processes)
            time.sleep(0.5)
            if sum(_cpu_seconds(p) for p in processes) - before < threshold * 0.5:
                return
        raise ServerError(
            f"{self.name} was still busy after {timeout:.0f} s; its log: {self.log_file}"
        )

    def stop(self) -> None:
        """Stop the server and every process it started (its whole session)."""
        if not self.running():
            return
        assert self.process is not None
        os.killpg(self.process.pid, 15)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, 9)
            self.process.wait()

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


def _cpu_seconds(process: psutil.Process) -> float:
    """CPU time a process has used so far; 0 once it has exited."""
    try:
        used = process.cpu_times()
    except psutil.NoSuchProcess:
        return 0.0
    return used.user + used.system


def serve_until_stopped(*servers: LocalServer) -> None:
    """Block until Ctrl-C, SIGTERM or a server's exit; the callers' ``with`` then stop them."""

    def interrupt(_signal: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        while all(server.running() for server in servers):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
