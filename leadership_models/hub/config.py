"""Configure JupyterHub for a cohort on one machine: courses, dashboards, roles and languages."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from traitlets.config import Config

from ..dashboards.server import generate_notebooks, jupyter_dir
from ..labsettings import SETTINGS_ENV, write_lab_settings
from ..serving import root_flag
from . import access
from .cohort import Cohort, load_cohort
from .settings import CHECKOUT, LeadkitHub

EXCHANGE_CONFIG = """\
c = get_config()  # noqa: F821
c.Exchange.root = {exchange!r}
c.Exchange.path_includes_course = True
"""
# Learners see the courses of their hub groups and submit under their hub name (all servers of a
# one-machine hub share a system account); a course's grading service sees its own course.
LEARNER_CONFIG = """\
import os
c.Authenticator.plugin_class = "nbgrader.auth.JupyterHubAuthPlugin"
c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]
"""


def configure(c: Config) -> Cohort:
    """Fill JupyterHub's config ``c`` from the kit's settings; return the cohort it serves."""
    settings = LeadkitHub(config=c)
    root = Path(settings.root).resolve()
    cohort = load_cohort(Path(settings.cohort_file))
    layout = prepare_root(root, cohort, Path(settings.data_dir))

    c.JupyterHub.ip = "127.0.0.1"
    c.JupyterHub.port = settings.port
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = settings.port + 1
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.port + 2}"
    c.JupyterHub.db_url = f"sqlite:///{root / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(root / "jupyterhub_cookie_secret")
    c.ConfigurableHTTPProxy.command = [proxy_command()]
    c.ConfigurableHTTPProxy.pid_file = str(root / "proxy.pid")
    c.JupyterHub.load_groups = access.groups(cohort)
    c.JupyterHub.load_roles = access.roles(cohort)
    c.JupyterHub.services = services(cohort, layout, settings.port + 10)
    c.Authenticator.allowed_users = cohort.users()
    c.Authenticator.admin_users = set(cohort.admins)
    _authentication(c, settings)
    _spawner(c, cohort, layout)
    return cohort


def prepare_root(root: Path, cohort: Cohort, data_dir: Path) -> dict[str, Path]:
    """Create the hub's folders: exchange, courses, homes, dashboards, nbgrader and lab settings.

    The dashboards' kernels get a private folder under the system's temporary folder for their
    IPC sockets, whose paths must stay under 108 bytes wherever the hub's root lies.
    """
    layout = {
        "exchange": root / "exchange",
        "courses": root / "courses",
        "homes": root / "homes",
        "dashboards": root / "dashboards",
        "learners-nbgrader": root / "nbgrader-config" / "learners",
        "graders-nbgrader": root / "nbgrader-config" / "graders",
        "lab": root / "lab-settings",
        "data": data_dir.resolve(),
        "kernels": Path(tempfile.mkdtemp(prefix="leadkit-kernels-")),
    }
    for folder in layout.values():
        folder.mkdir(parents=True, exist_ok=True)
    layout["exchange"].chmod(0o1777)  # nbgrader's exchange: everyone writes, nobody deletes others'
    exchange = EXCHANGE_CONFIG.format(exchange=str(layout["exchange"]))
    (layout["graders-nbgrader"] / "nbgrader_config.py").write_text(exchange, encoding="utf-8")
    (layout["learners-nbgrader"] / "nbgrader_config.py").write_text(
        exchange + LEARNER_CONFIG, encoding="utf-8"
    )
    for course in cohort.courses:
        course_dir = layout["courses"] / course
        built = CHECKOUT / "grading" / course
        if not course_dir.exists() and (built / "source").is_dir():
            shutil.copytree(built, course_dir)
        course_dir.mkdir(exist_ok=True)
    for lang in {cohort.language_of(user) for user in cohort.users()}:
        write_lab_settings(layout["lab"] / lang, lang)
    generate_notebooks(layout["dashboards"])
    return layout


def proxy_command() -> str:
    """configurable-http-proxy from the project's npm packages, else from PATH."""
    local = CHECKOUT / "node_modules" / ".bin" / "configurable-http-proxy"
    return str(local) if local.exists() else "configurable-http-proxy"


def services(cohort: Cohort, layout: dict[str, Path], first_port: int) -> list[dict[str, Any]]:
    """One grading service (nbgrader's formgrader) per course and the dashboards under Voila."""
    singleuser = [sys.executable, "-m", "jupyterhub.singleuser", *root_flag()]
    result = []
    for offset, course in enumerate(cohort.courses):
        result.append(
            {
                "name": course,
                "url": f"http://127.0.0.1:{first_port + offset}",
                "command": singleuser,
                "cwd": str(layout["courses"] / course),
                "oauth_no_confirm": True,
                "environment": {
                    "JUPYTERHUB_DEFAULT_URL": "/formgrader",
                    "JUPYTER_CONFIG_PATH": str(layout["graders-nbgrader"]),
                },
            }
        )
    voila_config = json.loads((jupyter_dir() / "voila.json").read_text(encoding="utf-8"))
    result.append(
        {
            "name": access.DASHBOARDS_SERVICE,
            "url": f"http://127.0.0.1:{first_port + len(cohort.courses)}",
            "command": [
                *singleuser,
                "--ServerApp.jpserver_extensions={'voila': True}",
                f"--ServerApp.root_dir={layout['dashboards']}",
                *_extension_flags(voila_config),
            ],
            "cwd": str(layout["dashboards"]),
            "oauth_no_confirm": True,
            "environment": {
                "JUPYTERHUB_DEFAULT_URL": "/voila/tree",
                "LEADKIT_DATA": str(layout["data"]),
                "JUPYTER_PATH": str(jupyter_dir()),
                "JUPYTER_RUNTIME_DIR": str(layout["kernels"]),
            },
        }
    )
    return result


def _extension_flags(voila_config: dict[str, Any]) -> list[str]:
    """Voila's standalone settings that also hold when it runs as a server extension, as flags.

    Its kernels' settings (IPC sockets, so kernels starting together never race for a TCP port)
    apply to the server's kernels alike.
    """
    standalone_only = {"preheat_kernel", "default_pool_size"}
    voila = [
        (f"VoilaConfiguration.{k}", v)
        for k, v in voila_config["VoilaConfiguration"].items()
        if k not in standalone_only
    ]
    kernels = [(f"KernelManager.{k}", v) for k, v in voila_config["KernelManager"].items()]
    return [f"--{name}={value!r}" for name, value in voila + kernels]


def _authentication(c: Config, settings: LeadkitHub) -> None:
    if settings.authenticator == "mediawiki":
        c.JupyterHub.authenticator_class = "mediawiki"
        return
    if not settings.password:
        raise ValueError(
            "the shared-password login needs LEADKIT_HUB_PASSWORD (or c.LeadkitHub.password)"
        )
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = settings.password


def _spawner(c: Config, cohort: Cohort, layout: dict[str, Path]) -> None:
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(layout["homes"] / "{username}")
    c.Spawner.args = root_flag()
    c.Spawner.default_url = "/lab"
    # A cohort logs in at once at the start of a session; let slow starts finish rather than fail.
    c.Spawner.start_timeout = 300
    c.Spawner.http_timeout = 300

    def environment(spawner: Any) -> None:
        lang = cohort.language_of(spawner.user.name)
        spawner.environment[SETTINGS_ENV] = str(layout["lab"] / lang)
        spawner.environment["JUPYTER_CONFIG_PATH"] = str(layout["learners-nbgrader"])
        spawner.environment["LANG"] = {"en": "C.UTF-8"}.get(lang, f"{lang}.UTF-8")

    c.Spawner.pre_spawn_hook = environment
