"""Tests of peer matching: loaders, constraints, optimal assignment, reasons, circles, evidence."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

from leadership_models.assessment import load_assessments
from leadership_models.assessment.demo_step import demo_cohort_step
from leadership_models.assessment.errors import TableError
from leadership_models.cli import main
from leadership_models.demo.run import DemoRun
from leadership_models.framework import default_framework
from leadership_models.matching import (
    REASONS,
    MatchingConfigError,
    MatchingInputError,
    exchange_evidence,
    exchanges_from_frame,
    form_circles,
    learners_from_frame,
    load_config,
    load_exchanges,
    load_learners,
    load_mentors,
    match,
    mentors_from_frame,
)
from leadership_models.matching.cohort import participants_from_cohort
from leadership_models.matching.config import default_config_file
from leadership_models.matching.costs import time_zone_distance
from leadership_models.matching.demo_step import match_cohort_step

pytestmark = pytest.mark.unit


def person(person_id: str, **cells: str) -> dict[str, str]:
    """A participant row with defaults a test overrides cell by cell."""
    row = {
        "person_id": person_id,
        "name": person_id.title(),
        "region": "nwe",
        "languages": "en:native",
        "time_zone": "Europe/London",
        "availability": "",
    }
    return row | cells


def learner(person_id: str, wants: str = "grant_writing:3", **cells: str) -> dict[str, str]:
    return person(person_id, wants=wants, current=cells.pop("current", ""), **cells)


def mentor(person_id: str, offers: str = "grant_writing:4", capacity: str = "1", **cells: str):
    return person(person_id, offers=offers, capacity=capacity, **cells)


def run_match(learner_rows, mentor_rows, config=None):
    config = config or load_config()
    learners = learners_from_frame(pd.DataFrame(learner_rows), "learners.csv", config)
    mentors = mentors_from_frame(pd.DataFrame(mentor_rows), "mentors.csv", config)
    return match(learners, mentors, config)


def with_constraints(**changes) -> object:
    config = load_config()
    return config.model_copy(update={"constraints": config.constraints.model_copy(update=changes)})


def pairs_of(result) -> dict[str, str]:
    return dict(zip(result.pairs()["learner_id"], result.pairs()["mentor_id"], strict=True))


def test_shipped_config_loads():
    """Does the shipped configuration validate, with every weight non-negative?"""
    config = load_config()
    assert config.weights.skill_gap > 0
    assert config.circles.min_size == 4 and config.circles.max_size == 8


@pytest.mark.parametrize(
    ("change", "key_path"),
    [
        (lambda d: d["weights"].update(region=-1), "weights.region"),
        (lambda d: d["constraints"].update(region_preference="north"), "region_preference"),
        (lambda d: d["circles"].update(min_size=5, max_size=6), "circles"),
        (lambda d: d["recognition"].update(skill_id="juggling"), "recognition.skill_id"),
        (lambda d: d.pop("weights"), "weights"),
    ],
    ids=[
        "negative-weight",
        "unknown-preference",
        "unsplittable-circles",
        "unknown-skill",
        "no-weights",
    ],
)
def test_bad_config_names_key_path(tmp_path: Path, change, key_path: str):
    """Is a broken configuration reported with its file and key path?"""
    data = yaml.safe_load(default_config_file().read_text(encoding="utf-8"))
    change(data)
    broken = tmp_path / "matching.yaml"
    broken.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(MatchingConfigError, match=key_path) as raised:
        load_config(broken)
    assert str(broken) in str(raised.value)


@pytest.mark.parametrize(
    ("side", "cells", "column", "message"),
    [
        ("learners", {"wants": "juggling:3"}, "wants", "unknown skill 'juggling'"),
        ("mentors", {"offers": "juggling:3"}, "offers", "unknown skill 'juggling'"),
        ("mentors", {"capacity": "0"}, "capacity", "1 or more"),
        ("learners", {"languages": ""}, "languages", "at least one language"),
        ("learners", {"languages": "es:fluent"}, "languages", "0-5 or native"),
        ("learners", {"time_zone": "Mars/Olympus"}, "time_zone", "unknown time zone"),
        ("mentors", {"time_zone": "Europe"}, "time_zone", "unknown time zone"),
        ("learners", {"region": "atlantis"}, "region", "unknown region"),
        ("learners", {"availability": "Someday 9-5"}, "availability", "like Mon-Fri 18-21"),
        (
            "learners",
            {"wants": "grant_writing:2", "current": "grant_writing:2"},
            "wants",
            "not above",
        ),
        ("learners", {"wants": ""}, "wants", "at least one skill"),
        ("mentors", {"offers": "grant_writing:7"}, "offers", "level must be 1-4"),
    ],
    ids=[
        "unknown-wanted-skill",
        "unknown-offered-skill",
        "capacity-0",
        "no-languages",
        "bad-language-level",
        "bad-time-zone",
        "time-zone-folder",
        "unknown-region",
        "bad-availability",
        "target-not-above-current",
        "no-wants",
        "level-out-of-range",
    ],
)
def test_bad_row_names_file_row_and_column(
    tmp_path: Path, side: str, cells: dict, column: str, message: str
):
    """Is a bad cell reported with the file, the row (header is row 1) and the column?"""
    good = learner if side == "learners" else mentor
    table = pd.DataFrame([good("ana"), good("ben") | cells])
    path = tmp_path / f"{side}.csv"
    table.to_csv(path, index=False)
    loader = load_learners if side == "learners" else load_mentors
    with pytest.raises(MatchingInputError, match=message) as raised:
        loader(path)
    assert (raised.value.source, raised.value.row, raised.value.column) == (str(path), 3, column)


def test_missing_column_and_duplicate_id_are_reported(tmp_path: Path):
    """Are a missing column and a repeated person_id named?"""
    path = tmp_path / "mentors.csv"
    pd.DataFrame([mentor("ana")]).drop(columns="capacity").to_csv(path, index=False)
    with pytest.raises(MatchingInputError, match=r"missing column.*capacity"):
        load_mentors(path)
    pd.DataFrame([mentor("ana"), mentor("ana")]).to_csv(path, index=False)
    with pytest.raises(MatchingInputError, match=r"row 3.*duplicate person_id"):
        load_mentors(path)


def test_blank_cells_of_a_dataframe_count_as_empty():
    """Are missing values (NaN) in an in-memory table read as empty cells, not as 'nan'?"""
    table = pd.DataFrame([learner("ana", availability=None, current=None)])
    (ana,) = learners_from_frame(table, "learners")
    assert ana.availability.all() and ana.current == {}


def test_parquet_input_reads_like_csv(tmp_path: Path):
    """Does a Parquet learners table load the same people as its CSV twin?"""
    table = pd.DataFrame([learner("ana", languages="es:native;en:3"), learner("ben")])
    table.to_csv(tmp_path / "l.csv", index=False)
    table.to_parquet(tmp_path / "l.parquet", index=False)
    from_csv, from_parquet = (
        load_learners(tmp_path / "l.csv"),
        load_learners(tmp_path / "l.parquet"),
    )
    assert [p.languages for p in from_parquet] == [p.languages for p in from_csv]
    assert from_parquet[0].languages == {"es": 6, "en": 3}


def test_time_zone_distance_is_circular():
    """Are UTC+12 and UTC-11 one hour apart, and 0/12 twelve?"""
    distance = time_zone_distance(np.array([12.0, 0.0, 5.5]), np.array([-11.0, 12.0, -3.5]))
    assert distance.tolist() == [1.0, 12.0, 9.0]


def test_pair_across_the_date_line_is_near():
    """Is a learner at UTC+12 matched with a mentor at UTC-11 under a 2-hour limit?"""
    result = run_match(
        [learner("ana", time_zone="Etc/GMT-12")],
        [mentor("ben", time_zone="Etc/GMT+11")],
        with_constraints(max_time_zone_hours=2),
    )
    assert pairs_of(result) == {"ana": "ben"}
    assert result.pairs()["time_zone_hours"].tolist() == [1.0]


@pytest.mark.parametrize(
    ("learner_cells", "mentor_cells", "reason"),
    [
        ({"languages": "ja:native"}, {"languages": "es:native;en:3"}, "no_shared_language"),
        ({"languages": "en:2;ja:native"}, {"languages": "en:native"}, "no_shared_language"),
        ({"time_zone": "Asia/Tokyo"}, {"time_zone": "America/New_York"}, "time_zone"),
        ({"wants": "budgeting:3"}, {}, "no_mentor_with_skill"),
        (
            {"current": "grant_writing:2", "wants": "grant_writing:4"},
            {"offers": "grant_writing:2"},
            "no_mentor_with_skill",
        ),
    ],
    ids=[
        "no-common-language",
        "language-below-working-level",
        "too-far",
        "other-skill",
        "mentor-not-above-learner",
    ],
)
def test_hard_constraint_leaves_learner_unmatched_with_reason(learner_cells, mentor_cells, reason):
    """Is a pair breaking a hard constraint never matched, and the reason given?"""
    result = run_match([learner("ana", **learner_cells)], [mentor("ben", **mentor_cells)])
    assert pairs_of(result) == {}
    assert result.unmatched()["reason"].tolist() == [reason]


def test_nobody_is_matched_with_themselves():
    """Is a person who is both learner and mentor never their own mentor?"""
    result = run_match([learner("ana")], [mentor("ana"), mentor("ben")])
    assert pairs_of(result) == {"ana": "ben"}
    alone = run_match([learner("ana")], [mentor("ana")])
    assert alone.unmatched()["reason"].tolist() == ["no_mentor_with_skill"]


def test_shared_language_can_be_made_optional():
    """Once the constraint is off, is a pair without a shared language matched at full language
    cost, and never above it?"""
    rows = ([learner("ana", languages="ja:native")], [mentor("ben", languages="es:native")])
    config = with_constraints(require_shared_language=False)
    result = run_match(*rows, config)
    assert pairs_of(result) == {"ana": "ben"}
    # full gap covered, same zone, any time, no region preference: only the language term counts
    assert result.total_cost == pytest.approx(config.weights.language)


def test_capacity_exhausted_is_the_reason_when_slots_run_out():
    """When two learners suit a one-place mentor, is the other unmatched for capacity?"""
    result = run_match(
        [learner("ana", wants="grant_writing:4"), learner("ben", wants="grant_writing:2")],
        [mentor("cai", capacity="1")],
    )
    assert len(result.pairs()) == 1
    assert result.unmatched()["reason"].tolist() == ["capacity_exhausted"]


def test_capacity_is_respected_and_filled():
    """Does a mentor with capacity 2 take two of three learners, and no more?"""
    result = run_match([learner(p) for p in ("a1", "a2", "a3")], [mentor("m", capacity="2")])
    assert result.pairs()["mentor_id"].tolist() == ["m", "m"]
    assert len(result.unmatched()) == 1


def test_region_preference_changes_the_choice():
    """Does region_preference pick the mentor from another region (cross) or the local one?"""
    rows = (
        [learner("ana", region="lac")],
        [mentor("local", region="lac"), mentor("far", region="nwe")],
    )
    assert pairs_of(run_match(*rows, with_constraints(region_preference="cross"))) == {"ana": "far"}
    assert pairs_of(run_match(*rows, with_constraints(region_preference="same"))) == {
        "ana": "local"
    }


def test_explanation_names_skills_languages_and_overlap():
    """Does a pair's explanation list the covered skills, shared languages and common hours?"""
    result = run_match(
        [
            learner(
                "ana",
                wants="grant_writing:3;budgeting:2;mediation:2",
                current="grant_writing:1",
                languages="es:native;en:4;fr:2",
                availability="Mon 18-21",
            )
        ],
        [
            mentor(
                "ben",
                offers="grant_writing:4;budgeting:1",
                languages="en:native;es:3;fr:native",
                time_zone="Europe/Madrid",
                availability="Mon 19-23",
            )
        ],
    )
    pair = result.pairs().iloc[0]
    assert pair["skills_covered"] == "grant_writing:1->3;budgeting:0->1"
    assert pair["shared_languages"] == "en;es"
    assert pair["time_zone_hours"] == 1.0
    assert pair["overlap_hours"] == 3  # London Mon 18-21 and Madrid Mon 19-23 (18-22 UTC)


def brute_force(cost: np.ndarray, capacity: list[int]) -> tuple[int, float]:
    """The best (most learners matched, then least cost) over every possible assignment."""
    options = [[-1, *np.flatnonzero(np.isfinite(row)).tolist()] for row in cost]
    best = (0, 0.0)
    for choice in itertools.product(*options):
        if any(choice.count(j) > limit for j, limit in enumerate(capacity)):
            continue
        chosen = [(i, j) for i, j in enumerate(choice) if j >= 0]
        key = (len(chosen), sum(cost[i, j] for i, j in chosen))
        if key[0] > best[0] or (key[0] == best[0] and key[1] < best[1]):
            best = key
    return best


SKILLS = ("grant_writing", "budgeting", "mediation", "storytelling")
ZONES = ("Europe/London", "Europe/Madrid", "Africa/Nairobi", "Asia/Dubai", "Asia/Tokyo")
LANGUAGES = ("en:native", "es:native;en:3", "en:4;fr:native", "fr:native;en:3", "ja:native")


def random_case(seed: int):
    """A small random instance: 6 learners, 3 mentors of capacity 1-2."""
    rng = np.random.default_rng(seed)

    def common():
        return {
            "time_zone": str(rng.choice(ZONES)),
            "languages": str(rng.choice(LANGUAGES)),
            "availability": f"Mon {rng.integers(0, 12)}-{rng.integers(12, 24)}",
            "region": str(rng.choice(["nwe", "lac", "eseap"])),
        }

    learners = [
        learner(
            f"l{i}",
            wants=";".join(
                f"{s}:{rng.integers(2, 5)}" for s in rng.choice(SKILLS, 2, replace=False)
            ),
            current=f"{SKILLS[i % 4]}:1",
            **common(),
        )
        for i in range(6)
    ]
    mentors = [
        mentor(
            f"m{j}",
            offers=";".join(
                f"{s}:{rng.integers(1, 5)}" for s in rng.choice(SKILLS, 3, replace=False)
            ),
            capacity=str(rng.integers(1, 3)),
            **common(),
        )
        for j in range(3)
    ]
    return learners, mentors


@pytest.mark.parametrize("seed", range(8), ids=[f"seed-{s}" for s in range(8)])
def test_assignment_is_optimal_by_brute_force(seed: int):
    """Does the solver match as many learners as any assignment can, at the least total cost?"""
    learner_rows, mentor_rows = random_case(seed)
    result = run_match(learner_rows, mentor_rows, with_constraints(region_preference="same"))
    capacity = [int(m["capacity"]) for m in mentor_rows]
    expected_count, expected_cost = brute_force(result.costs.dense(), capacity)
    assert len(result.pairs()) == expected_count
    assert result.total_cost == pytest.approx(expected_cost)
    taken = result.pairs()["mentor_id"].value_counts()
    assert all(
        taken.get(m["person_id"], 0) <= c for m, c in zip(mentor_rows, capacity, strict=True)
    )


def test_better_covering_mentor_wins():
    """Is the learner given the mentor who covers their whole gap rather than part of it?"""
    result = run_match(
        [learner("ana", wants="grant_writing:4")],
        [mentor("half", offers="grant_writing:2"), mentor("full", offers="grant_writing:4")],
    )
    assert pairs_of(result) == {"ana": "full"}


def test_suggestions_rank_feasible_mentors_and_flag_the_assigned_one():
    """Are a learner's suggestions feasible mentors, best first, with the assigned one flagged?"""
    result = run_match(
        [learner("ana", wants="grant_writing:4")],
        [
            mentor("half", offers="grant_writing:2"),
            mentor("full", offers="grant_writing:4"),
            mentor("mute", offers="grant_writing:4", languages="ja:native"),
        ],
    )
    suggestions = result.suggestions(0)
    assert suggestions["mentor_id"].tolist() == ["full", "half"]
    assert suggestions["assigned"].tolist() == [True, False]


def test_circles_group_a_shared_need_and_language():
    """Do ten learners sharing a need and a language form two circles of five, and others none?"""
    rows = [learner(f"es{i}", wants="budgeting:3", languages="es:native") for i in range(10)]
    rows += [learner(f"ja{i}", wants="budgeting:3", languages="ja:native") for i in range(3)]
    learners = learners_from_frame(pd.DataFrame(rows), "learners.csv")
    circles = form_circles(learners, load_config())
    sizes = circles.groupby("circle_id").size()
    assert sizes.tolist() == [5, 5]
    assert set(circles["language"]) == {"es"} and set(circles["skill_id"]) == {"budgeting"}
    assert circles["person_id"].is_unique


def test_no_learners_form_no_circles():
    """Does an empty list of learners give an empty circles table with its columns?"""
    circles = form_circles([], load_config())
    assert circles.empty and "circle_id" in circles.columns


def test_circle_members_are_ordered_by_time_zone():
    """Are learners split into circles by UTC offset, so a circle spans few time zones?"""
    zones = ["Asia/Tokyo"] * 5 + ["America/Lima"] * 5
    rows = [learner(f"p{i}", wants="budgeting:3", time_zone=z) for i, z in enumerate(zones)]
    circles = form_circles(learners_from_frame(pd.DataFrame(rows), "x"), load_config())
    assert circles.groupby("circle_id")["time_zone"].nunique().tolist() == [1, 1]


EXCHANGES = pd.DataFrame(
    [
        {
            "exchange_id": "x1",
            "learner_id": "ana",
            "mentor_id": "ben",
            "skill_id": "grant_writing",
            "happened": "true",
            "hours": "6",
            "ended_on": "2026-05-01",
            "learner_level": "3",
            "learner_feedback": "Clear and patient.",
            "mentor_feedback": "Ana wrote a full proposal.",
        },
        {
            "exchange_id": "x2",
            "learner_id": "cai",
            "mentor_id": "ben",
            "skill_id": "budgeting",
            "happened": "no",
            "hours": "0",
            "ended_on": "",
            "learner_level": "",
            "learner_feedback": "",
            "mentor_feedback": "We never found a time.",
        },
    ]
)


def test_completed_exchange_becomes_evidence_for_both_sides():
    """Does a completed exchange give the learner evidence and the mentor recognition, rows the
    assessment loader accepts?"""
    evidence = exchange_evidence(exchanges_from_frame(EXCHANGES, "exchanges.csv"))
    assert list(evidence.columns) == [
        "person_id", "skill_id", "level", "source", "assessor", "assessed_on", "evidence"
    ]  # fmt: skip
    assert evidence.values.tolist() == [
        ["ana", "grant_writing", 3, "exchange", "ben", "2026-05-01", "exchange/x1"],
        ["ben", "mentoring", 2, "exchange", "ana", "2026-05-01", "exchange/x1"],
    ]
    assert len(load_assessments(evidence, default_framework())) == 2


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ({"skill_id": "juggling"}, "skill_id"),
        ({"happened": "maybe"}, "happened"),
        ({"hours": "-2"}, "hours"),
        ({"learner_level": ""}, "learner_level"),
        ({"ended_on": "May 1"}, "ended_on"),
    ],
    ids=["unknown-skill", "bad-happened", "negative-hours", "happened-without-level", "bad-date"],
)
def test_bad_exchange_record_is_named(tmp_path: Path, cells: dict, column: str):
    """Is a bad exchange record reported with file, row and column?"""
    table = EXCHANGES.copy()
    for key, value in cells.items():
        table.loc[0, key] = value
    path = tmp_path / "exchanges.csv"
    table.to_csv(path, index=False)
    with pytest.raises(MatchingInputError) as raised:
        load_exchanges(path)
    assert (raised.value.row, raised.value.column) == (2, column)


def write_pool(folder: Path) -> tuple[Path, Path]:
    learners = pd.DataFrame(
        [learner("ana"), learner("ben", languages="ja:native"), learner("cai", wants="budgeting:2")]
        + [learner(f"p{i}", wants="mediation:3") for i in range(4)]
    )
    mentors = pd.DataFrame([mentor("dan", capacity="2"), mentor("eva", offers="budgeting:3")])
    learners.to_csv(folder / "learners.csv", index=False)
    mentors.to_csv(folder / "mentors.csv", index=False)
    return folder / "learners.csv", folder / "mentors.csv"


def test_cli_writes_pairs_unmatched_and_circles(tmp_path: Path):
    """Does `leadkit match` write pairs, unmatched learners with reasons and circles?"""
    learners, mentors = write_pool(tmp_path)
    out = tmp_path / "out" / "pairs.csv"
    outcome = CliRunner().invoke(
        main,
        [
            "match",
            str(learners),
            str(mentors),
            "--out",
            str(out),
            "--circles",
            str(tmp_path / "c.parquet"),
        ],
    )
    assert outcome.exit_code == 0, outcome.output
    assert pairs_of_table(pd.read_csv(out)) == {"ana": "dan", "cai": "eva"}
    unmatched = pd.read_csv(tmp_path / "out" / "pairs-unmatched.csv")
    assert dict(zip(unmatched["learner_id"], unmatched["reason"], strict=True)) == {
        "ben": "no_shared_language",
        **{f"p{i}": "no_mentor_with_skill" for i in range(4)},
    }
    circles = pd.read_parquet(tmp_path / "c.parquet")
    assert sorted(circles["person_id"]) == ["p0", "p1", "p2", "p3"]
    assert "2 pairs" in outcome.output


def pairs_of_table(table: pd.DataFrame) -> dict[str, str]:
    return dict(zip(table["learner_id"], table["mentor_id"], strict=True))


def test_cli_reports_bad_input_without_writing(tmp_path: Path):
    """Does `leadkit match` exit 1 naming the bad cell and leave no output behind?"""
    learners, mentors = write_pool(tmp_path)
    table = pd.read_csv(mentors)
    table.loc[1, "capacity"] = 0
    table.to_csv(mentors, index=False)
    out = tmp_path / "pairs.csv"
    outcome = CliRunner().invoke(main, ["match", str(learners), str(mentors), "--out", str(out)])
    assert outcome.exit_code == 1
    assert f"{mentors}: row 3, column capacity:" in outcome.output
    assert list(tmp_path.glob("pairs*")) == []


def test_cli_rejects_unknown_output_format(tmp_path: Path):
    """Is an output file that is neither CSV nor Parquet refused before any work?"""
    learners, mentors = write_pool(tmp_path)
    outcome = CliRunner().invoke(
        main, ["match", str(learners), str(mentors), "--out", str(tmp_path / "pairs.xlsx")]
    )
    assert outcome.exit_code == 2
    assert ".csv or .parquet" in outcome.output


def cohort_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    people = pd.DataFrame(
        [
            {"person_id": pid, "name": pid.title(), "region": "lac", "community": "eswiki",
             "community_size": "large", "affiliate": "", "affiliate_type": "none",
             "staffing": "all_volunteer", "languages": "es;en", "time_zone": "America/Bogota",
             "gender": ""}
            for pid in ("ana", "ben", "cai", "dan", "eva")
        ]
    )  # fmt: skip
    levels = {
        "ana": {"grant_writing": 4, "budgeting": 3, "mediation": 1},
        "ben": {"grant_writing": 1, "budgeting": 0, "mediation": 4},
        "cai": {"grant_writing": 2, "budgeting": 1},
        "dan": {"budgeting": 2, "mediation": 0},
        "eva": {"mediation": 2},
    }
    assessments = pd.DataFrame(
        [
            {"person_id": pid, "skill_id": skill, "level": str(level), "source": "self",
             "assessor": "", "assessed_on": "2026-01-10", "evidence": ""}
            for pid, skills in levels.items()
            for skill, level in skills.items()
        ]
    )  # fmt: skip
    stale = {"person_id": "ana", "skill_id": "grant_writing", "level": "1", "source": "self",
             "assessor": "", "assessed_on": "2025-01-10", "evidence": ""}  # fmt: skip
    return people, pd.concat([assessments, pd.DataFrame([stale])], ignore_index=True)


def test_cohort_becomes_learners_and_mentors():
    """Are strong skills offered, the weakest ones wanted two levels higher, languages ranked?"""
    learners, mentors = participants_from_cohort(*cohort_tables(), load_config())
    offers = dict(zip(mentors["person_id"], mentors["offers"], strict=True))
    assert offers == {"ana": "budgeting:3;grant_writing:4", "ben": "mediation:4"}
    wants = learners.set_index("person_id")
    assert wants.loc["ben", "wants"] == "budgeting:2;grant_writing:3"
    assert wants.loc["ben", "current"] == "budgeting:0;grant_writing:1"
    assert wants.loc["ana", "languages"] == "es:native;en:3"


def test_demo_step_writes_and_records_tables(tmp_path: Path):
    """Does the demo step match the cohort and record matches, unmatched and circles?"""
    people, assessments = cohort_tables()
    run = DemoRun(out=tmp_path)
    people.to_csv(run.record("people", tmp_path / "people.csv"), index=False)
    assessments.to_csv(run.record("assessments", tmp_path / "assessments.csv"), index=False)
    match_cohort_step(run)
    for name in ("matches", "unmatched", "circles"):
        assert run.artifacts[name] == tmp_path / f"{name}.csv"
    matches = pd.read_csv(run.artifacts["matches"])
    assert ("ben", "ana") in set(zip(matches["learner_id"], matches["mentor_id"], strict=True))
    assert not (matches["learner_id"] == matches["mentor_id"]).any()


def test_core_matching_does_not_import_widgets():
    """Does importing the matching core leave ipywidgets unloaded?"""
    code = "import sys, leadership_models.matching; print('ipywidgets' in sys.modules)"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"


def test_demo_step_matches_the_generated_cohort(tmp_path: Path):
    """Does the demo step match the assessment engineer's generated cohort without self-pairs?"""
    run = DemoRun(out=tmp_path, cohort_size=30)
    demo_cohort_step(run)
    match_cohort_step(run)
    matches = pd.read_csv(run.artifacts["matches"], dtype=str, keep_default_na=False)
    unmatched = pd.read_csv(run.artifacts["unmatched"], dtype=str, keep_default_na=False)
    learners = pd.read_csv(tmp_path / "matching" / "learners.csv", dtype=str)
    assert len(matches) + len(unmatched) == len(learners) > 0
    assert not (matches["learner_id"] == matches["mentor_id"]).any()
    assert set(unmatched["reason"]) <= set(REASONS)


def test_unreadable_table_is_named(tmp_path: Path):
    """Is a learners file in an unsupported format refused with its name?"""
    path = tmp_path / "learners.xlsx"
    path.write_bytes(b"not a table")
    with pytest.raises(TableError, match=r"learners\.xlsx"):
        load_learners(path)


def test_huge_weights_still_match_optimally():
    """Do very large configured weights still give the same optimal pairs, not an overflow?"""
    learner_rows, mentor_rows = random_case(3)
    config = load_config()
    huge = config.model_copy(
        update={
            "weights": config.weights.model_copy(
                update={name: value * 1e15 for name, value in config.weights}
            )
        }
    )
    capacity = [int(m["capacity"]) for m in mentor_rows]
    result = run_match(learner_rows, mentor_rows, huge)
    expected_count, expected_cost = brute_force(result.costs.dense(), capacity)
    assert len(result.pairs()) == expected_count
    assert result.total_cost == pytest.approx(expected_cost)
