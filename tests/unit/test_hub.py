"""Tests of the hub's cohort file, its least-privilege roles and the Kubernetes values."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from click.testing import CliRunner
from traitlets.config import Config

from leadership_models.cli import main
from leadership_models.hub import access
from leadership_models.hub.cohort import CohortError, load_cohort
from leadership_models.hub.config import prepare_root, services
from leadership_models.hub.kubernetes import values
from leadership_models.labsettings import write_lab_settings

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "deploy" / "jupyterhub" / "cohort.example.yml"
VALUES = ROOT / "deploy" / "kubernetes" / "values.yaml"


@pytest.fixture
def cohort():
    """The example cohort shipped with the deployment files."""
    return load_cohort(EXAMPLE)


def write_cohort(tmp_path: Path, document: dict) -> Path:
    path = tmp_path / "cohort.yml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("document", "key_path", "message"),
    [
        ({"courses": []}, "courses", "at least 1 item"),
        ({"courses": ["leadership-foundations"]}, "courses[0]", "pattern"),
        ({"courses": ["a-xx"]}, "", "does not end in a kit language"),
        (
            {"courses": ["a-es"], "learners": [{"name": "Ana", "course": "a-es"}]},
            "learners[0].name",
            "pattern",
        ),
        (
            {"courses": ["a-es"], "learners": [{"name": "ana", "course": "b-es"}]},
            "",
            "is not in courses",
        ),
        (
            {"courses": ["a-es"], "trainers": [{"name": "lucia", "courses": []}]},
            "trainers[0].courses",
            "at least 1",
        ),
        ({"courses": ["a-es"], "mentors": []}, "mentors", "Extra inputs"),
    ],
    ids=[
        "no-course",
        "no-language",
        "unknown-language",
        "bad-name",
        "unknown-course",
        "trainer-without-course",
        "unknown-key",
    ],
)
def test_bad_cohort_names_key_path(tmp_path, document, key_path, message):
    """Does a broken cohort file name its key path and what is wrong?"""
    with pytest.raises(CohortError) as info:
        load_cohort(write_cohort(tmp_path, document))
    assert info.value.key_path == key_path
    assert message in info.value.message


def test_groups_follow_nbgrader_names(cohort):
    """Are learners in nbgrader-<course>, trainers in formgrade-<course>, leads in program-leads?"""
    groups = access.groups(cohort)
    assert groups["nbgrader-leadership-foundations-es"]["users"] == ["ana", "mateo"]
    assert groups["formgrade-newcomer-welcome-ja"]["users"] == ["haruto"]
    assert groups["program-leads"]["users"] == ["amara"]


def test_trainers_reach_only_their_course_and_never_admin(cohort):
    """Does a trainer role open only its course's service and grant no user administration?"""
    roles = {role["name"]: role for role in access.roles(cohort)}
    trainer = roles["formgrade-leadership-foundations-es"]
    assert trainer["scopes"] == ["access:services!service=leadership-foundations-es"]
    every_scope = [scope for role in roles.values() for scope in role["scopes"]]
    assert not any(scope.startswith("admin:") for scope in every_scope)


def test_only_program_leads_open_the_dashboards(cohort):
    """Is the dashboards service reachable through the program-leads role alone?"""
    holders = [
        r["name"]
        for r in access.roles(cohort)
        if any("service=dashboards" in s for s in r["scopes"])
    ]
    assert holders == ["program-leads"]


def test_dashboards_service_runs_voila_with_the_kits_settings(cohort, tmp_path):
    """Does the dashboards service get voila.json's settings, and short kernel socket paths?"""
    root = tmp_path / "a-hub-root-deep-enough-that-sockets-under-it-would-pass-108-bytes"
    layout = prepare_root(root, cohort, tmp_path / "data")
    [dashboards] = [s for s in services(cohort, layout, 9000) if s["name"] == "dashboards"]
    flags = dashboards["command"]
    assert "--VoilaConfiguration.template='leadkit'" in flags
    assert "--KernelManager.transport='ipc'" in flags
    assert not any("preheat_kernel" in flag for flag in flags)  # standalone Voila only
    runtime = Path(dashboards["environment"]["JUPYTER_RUNTIME_DIR"])
    socket = runtime / f"kernel-{uuid.uuid4()}-ipc-1"  # how jupyter_client names them
    assert runtime.is_dir() and len(str(socket).encode()) < 108
    runtime.rmdir()


def test_learner_language_follows_their_course(cohort):
    """Is a learner's language their course's, and everyone else's English?"""
    assert cohort.language_of("kenji") == "ja"
    assert cohort.language_of("ana") == "es"
    assert cohort.language_of("lucia") == "en"


def test_kubernetes_values_carry_the_same_roles_and_groups(cohort):
    """Do the Kubernetes values grant exactly what the one-machine hub grants?"""
    chart = values(cohort)
    one_machine = {
        role["name"]: {k: v for k, v in role.items() if k != "name"}
        for role in access.roles(cohort)
    }
    assert chart["hub"]["loadRoles"] == one_machine
    assert chart["hub"]["config"]["JupyterHub"]["load_groups"] == access.groups(cohort)
    assert set(chart["hub"]["services"]) == {"ngshare", *access.service_names(cohort)}
    assert "ngshare_exchange" in chart["singleuser"]["extraFiles"]["nbgrader_config"]["stringData"]


def test_kubernetes_language_hook_sets_each_learners_language(cohort):
    """Does the values' pre-spawn hook give each learner their course language?"""
    hook = values(cohort)["hub"]["extraConfig"]["leadkit-languages"]
    config = Config()
    exec(compile(hook, "extraConfig", "exec"), {"c": config})
    for name, expected in [("kenji", "ja"), ("ana", "es"), ("amara", "en")]:
        spawner = SimpleNamespace(user=SimpleNamespace(name=name), environment={})
        config.KubeSpawner.pre_spawn_hook(spawner)
        assert spawner.environment["LEADKIT_LANG"] == expected


def test_committed_values_match_the_example_cohort(tmp_path):
    """Is deploy/kubernetes/values.yaml what `leadkit hub k8s-values` writes for the example?"""
    out = tmp_path / "values.yaml"
    result = CliRunner().invoke(
        main, ["hub", "k8s-values", "--cohort", str(EXAMPLE), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == VALUES.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "locale"), [("es", "es_ES"), ("ja", "ja_JP"), ("ca", "ca_ES")], ids=["es", "ja", "ca"]
)
def test_lab_settings_choose_the_language_pack(tmp_path, lang, locale):
    """Do the written JupyterLab settings select the course language's pack?"""
    folder = write_lab_settings(tmp_path, lang)
    plugin = folder / "@jupyterlab" / "translation-extension" / "plugin.jupyterlab-settings"
    assert json.loads(plugin.read_text())["locale"] == locale


def test_lab_settings_reject_unknown_language(tmp_path):
    """Is a language without a JupyterLab pack refused with the known ones listed?"""
    with pytest.raises(ValueError, match="known: en, es, ja, ca"):
        write_lab_settings(tmp_path, "fr")
