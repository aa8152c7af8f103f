"""Benchmark the dashboards: time to first complete render in headless Chromium.

    python benchmarks/dashboards.py --contributors 100000

Builds a snapshot whose leaders data has --contributors people (the demo cohort's other
tables beside it, with synthetic grades for every enrolled learner), serves the four
dashboards and a one-cell notebook from one Voila with preheated kernels, and times, for
each page, the navigation until its content is drawn. Prints each median and its ratio to the
one-cell notebook (target: every dashboard within 2x).
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
from playwright.sync_api import sync_playwright

from leadership_models.assessment.demo_step import demo_cohort_step
from leadership_models.atomic import write_table
from leadership_models.dashboards.server import (
    DASHBOARDS,
    DRAWN,
    IS_DRAWN,
    VoilaServer,
    generate_notebooks,
)
from leadership_models.demo.run import DemoRun
from leadership_models.engagement.synthetic import generate
from leadership_models.leaders.audit import selection_rates
from leadership_models.leaders.demo_step import AUDIT_BY, DEMO_ROLES
from leadership_models.leaders.scoring import score_dataset
from leadership_models.reporting.demo_step import enrolment_step, snapshot_step

BASELINE = "one-cell"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
]


def build_snapshot(out: Path, contributors: int, cohort: int, seed: int) -> None:
    """Write every table the dashboards read, with ``contributors`` people in the leaders data."""
    run = DemoRun(out=out, seed=seed, cohort_size=cohort)
    demo_cohort_step(run)
    enrolment_step(run)
    snapshot_step(run)
    generate(out / "engagement", contributors, seed=seed)
    scored = [score_dataset(out / "engagement", role) for role in DEMO_ROLES]
    write_table(pd.concat([s.table for s in scored], ignore_index=True), out / "nominations.csv")
    audits = [selection_rates(s.table, AUDIT_BY).assign(role=s.role) for s in scored]
    write_table(pd.concat(audits, ignore_index=True), out / "audit.csv")
    write_table(synthetic_grades(pd.read_csv(out / "enrolments.csv"), seed), out / "grades.csv")


def synthetic_grades(enrolments: pd.DataFrame, seed: int, questions: int = 4) -> pd.DataFrame:
    """Grades of 80% of enrolled learners on ``questions`` questions, by learner ability."""
    rng = np.random.default_rng(seed)
    learners = enrolments.sample(frac=0.8, random_state=seed)
    ability = rng.beta(4, 2, len(learners))
    rows = [
        (f"{course}-{lang}", "benchmark", person, f"q{q}", float(rng.random() < a), 1.0)
        for (person, course, lang), a in zip(
            learners[["person_id", "course", "lang"]].itertuples(index=False), ability, strict=True
        )
        for q in range(questions)
    ]
    return pd.DataFrame(
        rows, columns=["course", "assignment", "student_id", "grade_id", "score", "max_score"]
    )


def one_cell_notebook(folder: Path) -> None:
    """The baseline: one cell whose output is a heading."""
    cell = nbformat.v4.new_code_cell("from IPython.display import HTML\nHTML('<h1>ready</h1>')")
    notebook = nbformat.v4.new_notebook(cells=[cell])
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(notebook, folder / f"{BASELINE}.ipynb")


def pool_fills(server: VoilaServer) -> Counter[str]:
    """How many times Voila has refilled each notebook's preheated-kernel pool so far."""
    log = server.log_file.read_text(errors="replace")
    return Counter(re.findall(r"Kernel pool of (\S+)\.ipynb is filled", log))


def wait_for_fill(server: VoilaServer, name: str, after: int, timeout: float = 300) -> None:
    """Wait until ``name``'s pool has been refilled (more than ``after`` times) and is warm.

    Voila reports a pool filled once the kernel has started, while the notebook may still be
    running up to ``wait_for_request``; a waiting kernel uses no CPU, so the pool is warm once
    Voila and its kernels are idle.
    """
    deadline = time.monotonic() + timeout
    while pool_fills(server)[name] <= after:
        if time.monotonic() > deadline:
            raise TimeoutError(f"Voila did not preheat a kernel for {name}")
        time.sleep(0.5)
    server.wait_until_idle(timeout=max(deadline - time.monotonic(), 1.0))


def time_render(browser, url: str, drawn: dict[str, int]) -> float:
    """Seconds from navigation until the page is completely drawn (see ``DRAWN``)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(IS_DRAWN, arg=drawn, timeout=300_000, polling="raf")
    elapsed = time.perf_counter() - start
    page.close()
    return elapsed


def main() -> None:
    """Build the snapshot, serve it, time each page and print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--contributors", type=int, default=100_000)
    parser.add_argument("--cohort", type=int, default=2_000, help="people in the skills-map cohort")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="leadkit-bench-") as folder:
        data, notebooks = Path(folder) / "data", Path(folder) / "notebooks"
        started = time.perf_counter()
        build_snapshot(data, args.contributors, args.cohort, args.seed)
        print(f"snapshot built in {time.perf_counter() - started:.1f} s")
        generate_notebooks(notebooks)
        one_cell_notebook(notebooks)
        names = [BASELINE, *DASHBOARDS]
        with VoilaServer(notebooks, data) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            times: dict[str, list[float]] = {name: [] for name in names}
            for name in names:
                wait_for_fill(server, name, after=0)
            for _round in range(args.repeat):
                for name in names:
                    fills = pool_fills(server)[name]
                    drawn = DRAWN.get(name, {})
                    times[name].append(time_render(browser, server.dashboard_url(name), drawn))
                    wait_for_fill(server, name, after=fills)
            browser.close()
    baseline = statistics.median(times[BASELINE])
    print(f"{'page':<20}{'median s':>10}{'ratio':>8}  every run (s)")
    for name in names:
        median = statistics.median(times[name])
        runs = " ".join(f"{t:.2f}" for t in times[name])
        print(f"{name:<20}{median:>10.2f}{median / baseline:>8.2f}  {runs}")


if __name__ == "__main__":
    main()
