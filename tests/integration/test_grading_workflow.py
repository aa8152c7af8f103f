"""Does the whole grading workflow run: release, fetch, submit, collect, autograde, feedback,
export and evidence, and does autograding resume, scale out and use PostgreSQL?"""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from distributed import LocalCluster
from nbgrader.api import Gradebook

from leadership_models.assessment.assessments import load_assessments
from leadership_models.cli import main
from leadership_models.grading.export import EVIDENCE_COLUMNS, GRADE_COLUMNS
from leadership_models.grading.learners import DEMO_ASSIGNMENT, simulate_cohort
from leadership_models.grading.runner import Autograder, open_executor

pytestmark = [pytest.mark.integration, pytest.mark.slow]

QUESTIONS = 5  # total-tests, gap-tests, channel-tests, reflection, gaps-tests


def _grade(*args: str) -> str:
    result = CliRunner().invoke(main, ["grade", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _course_args(course) -> list[str]:
    exchange = course.config.Exchange.root
    return [
        course.course_id,
        DEMO_ASSIGNMENT,
        "--course-dir",
        str(course.root),
        "--exchange",
        exchange,
    ]


def _scores(course) -> dict[str, float]:
    with Gradebook(course.db_url, course.course_id) as gb:
        return {s.student.id: s.score for s in gb.find_assignment(DEMO_ASSIGNMENT).submissions}


def test_whole_workflow(make_course, tmp_path, framework):
    """Do learners' submissions through the exchange end as feedback, grades and evidence?"""
    course = make_course(course_id="demo-es")
    shares = {"ana": 1.0, "ben": 0.5, "cai": 0.0}
    simulate_cohort(course, DEMO_ASSIGNMENT, shares, tmp_path / "homes")
    _grade("collect", *_course_args(course))
    _grade("autograde", *_course_args(course), "--workers", "2", "--quiet")
    _grade("feedback", *_course_args(course))
    _grade("export", *_course_args(course), "--out", str(tmp_path / "out"))

    scores = _scores(course)
    assert scores["ana"] == 9.0 and scores["cai"] == 0.0  # 9 autograded points, 3 manual
    report = pd.read_csv(course.root / ".leadkit" / f"report-{DEMO_ASSIGNMENT}.csv")
    assert len(report) == 3 * len(shares) and set(report.outcome) == {"graded"}
    html = (course.folder("feedback", DEMO_ASSIGNMENT, "ben") / "budget.html").read_text()
    assert "Tus resultados" in html and "HIDDEN TESTS" not in html and "410.5" not in html
    for stamp in ("timestamp.txt", "submission_secret.txt"):  # nbgrader matches feedback by them
        submitted = course.folder("submitted", DEMO_ASSIGNMENT, "ben") / stamp
        assert (course.folder("feedback", DEMO_ASSIGNMENT, "ben") / stamp).read_text() == (
            submitted.read_text()
        )

    with (tmp_path / "out" / "grades.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == GRADE_COLUMNS and len(rows) == QUESTIONS * len(shares)
    parquet = pd.read_parquet(tmp_path / "out" / "grades.parquet")
    assert len(parquet) == len(rows) and list(parquet.columns) == GRADE_COLUMNS
    evidence = pd.read_csv(tmp_path / "out" / "evidence.csv", keep_default_na=False)
    assert list(evidence.columns) == EVIDENCE_COLUMNS
    ana = evidence[evidence.person_id == "ana"]
    assert set(ana.skill_id) == {"budgeting", "harassment_response", "event_organizing"}
    assert set(evidence.source) == {"graded"} and "cai" not in set(evidence.person_id)
    assert f"demo-es/{DEMO_ASSIGNMENT}/gap-tests" in set(ana.evidence)
    as_text = pd.read_csv(tmp_path / "out" / "evidence.csv", dtype=str, keep_default_na=False)
    assert len(load_assessments(as_text, framework)) == len(evidence)  # profiles accept it


def test_finished_jobs_are_not_regraded(make_course, submit_file, tmp_path):
    """Does a second run skip finished jobs, and does --student regrade just that learner?"""
    course = make_course(notebooks=("escalation",))
    simulate_cohort(course, DEMO_ASSIGNMENT, {"ana": 1.0, "ben": 1.0}, tmp_path / "homes")
    _grade("collect", *_course_args(course))
    _grade("autograde", *_course_args(course), "--quiet")
    again = _grade("autograde", *_course_args(course), "--quiet")
    one = _grade("autograde", *_course_args(course), "--quiet", "--student", "ben")
    assert "graded 0, already done 2" in again and "graded 1, already done 0" in one


def _jobs_done(journal: Path) -> int:
    """Count the journal's finished jobs; 0 until the grader has created the file and its table."""
    if not journal.exists():
        return 0
    db = sqlite3.connect(journal)
    try:
        return db.execute("SELECT count(*) FROM jobs WHERE status='done'").fetchone()[0]
    except sqlite3.OperationalError:  # the file exists, its table not yet
        return 0
    finally:
        db.close()


def test_resume_after_kill(make_course, submit_file, tmp_path):
    """After kill -9 mid-run, does the next run grade only what is left, once each?"""
    course = make_course(notebooks=("readiness",))
    learners = [f"learner{n}" for n in range(8)]
    simulate_cohort(course, DEMO_ASSIGNMENT, dict.fromkeys(learners, 1.0), tmp_path / "homes")
    _grade("collect", *_course_args(course))
    command = [str(Path(sys.executable).parent / "leadkit"), "grade", "autograde"]
    process = subprocess.Popen(
        [*command, *_course_args(course), "--workers", "1", "--quiet"],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    journal = course.root / ".leadkit" / "journal.sqlite"
    done = 0
    deadline = time.monotonic() + 120
    while done < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        done = _jobs_done(journal)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert 2 <= done < len(learners)

    resumed = _grade("autograde", *_course_args(course), "--quiet")
    assert f"already done {done}" in resumed or f"already done {done + 1}" in resumed
    assert _scores(course) == dict.fromkeys(learners, 2.0)
    with Gradebook(course.db_url, course.course_id) as gb:
        assert len(gb.find_assignment(DEMO_ASSIGNMENT).submissions) == len(learners)


def test_postgres_gradebook(make_course, postgres_url, tmp_path):
    """Does autograding write to a PostgreSQL gradebook, once per grade even when forced?"""
    course = make_course(notebooks=("escalation",), db_url=postgres_url)
    simulate_cohort(course, DEMO_ASSIGNMENT, {"ana": 1.0, "ben": 0.0}, tmp_path / "homes")
    _grade("collect", *_course_args(course), "--db", postgres_url)
    _grade("autograde", *_course_args(course), "--db", postgres_url, "--quiet")
    _grade("autograde", *_course_args(course), "--db", postgres_url, "--quiet", "--force")
    assert _scores(course) == {"ana": 2.0, "ben": 0.0}
    with Gradebook(postgres_url, course.course_id) as gb:
        grades = [g for s in gb.find_assignment(DEMO_ASSIGNMENT).submissions
                  for nb in s.notebooks for g in nb.grades]  # fmt: skip
    assert len(grades) == 4


def test_dask_executor(make_course, tmp_path):
    """Does a Dask cluster grade the jobs the way the local pool does?"""
    course = make_course(notebooks=("escalation",))
    simulate_cohort(course, DEMO_ASSIGNMENT, {"ana": 1.0, "ben": 0.0}, tmp_path / "homes")
    _grade("collect", *_course_args(course))
    grader = Autograder.for_course(course)
    with (
        LocalCluster(
            n_workers=1,
            threads_per_worker=2,
            processes=False,
            protocol="tcp://",
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        open_executor(cluster.scheduler_address.replace("tcp://", "dask://"), 2) as pool,
    ):
        report = grader.run(DEMO_ASSIGNMENT, pool, show_progress=False)
    assert sorted(report.graded) == ["ana", "ben"]
    assert _scores(course) == {"ana": 2.0, "ben": 0.0}


def test_unsandboxed_jobs_in_parallel(make_course, tmp_path):
    """Unsandboxed, as `make demo` grades: do parallel jobs' kernels all start and grade?"""
    course = make_course(notebooks=("escalation",))
    shares = {"ana": 1.0, "ben": 0.0, "cai": 1.0, "dan": 0.0}
    simulate_cohort(course, DEMO_ASSIGNMENT, shares, tmp_path / "homes")
    _grade("collect", *_course_args(course))
    _grade("autograde", *_course_args(course), "--no-sandbox", "--workers", "4", "--quiet")
    assert _scores(course) == {"ana": 2.0, "ben": 0.0, "cai": 2.0, "dan": 0.0}
