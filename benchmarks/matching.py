"""Time the kit's matching end to end against the bare solver on the same cost matrix."""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from leadership_models.framework import default_framework
from leadership_models.matching import (
    MatchingConfig,
    MatchResult,
    learners_from_frame,
    load_config,
    mentors_from_frame,
    pair_costs,
)
from leadership_models.matching.solver import flow_network, max_flow_min_cost, solve

TIME_ZONES = (
    "Pacific/Auckland", "Asia/Tokyo", "Asia/Manila", "Asia/Kolkata", "Asia/Dubai",
    "Africa/Nairobi", "Africa/Lagos", "Europe/Madrid", "Europe/London", "America/Sao_Paulo",
    "America/Mexico_City", "America/New_York", "America/Los_Angeles", "Pacific/Pago_Pago",
)  # fmt: skip
LANGUAGES = ("en", "es", "fr", "pt", "ar", "ja", "id", "hi", "sw", "de", "ca", "ru")
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def people(count: int, prefix: str, rng: np.random.Generator) -> pd.DataFrame:
    """Synthetic participants: region, languages with levels, time zone and weekly hours."""
    regions = list(default_framework().contexts["region"].values or ())
    first = rng.choice(LANGUAGES, count)
    # Half also work in English, the movement's most common bridge language.
    second = np.where(rng.random(count) < 0.5, "en", rng.choice(LANGUAGES, count))
    start = rng.integers(7, 20, count)
    return pd.DataFrame(
        {
            "person_id": [f"{prefix}{i:06d}" for i in range(count)],
            "name": [f"{prefix.title()} {i}" for i in range(count)],
            "region": rng.choice(regions, count),
            "languages": [
                f"{a}:native" if a == b else f"{a}:native;{b}:{level}"
                for a, b, level in zip(first, second, rng.integers(2, 6, count), strict=True)
            ],
            "time_zone": rng.choice(TIME_ZONES, count),
            "availability": [
                f"{DAYS[d]}-{DAYS[min(d + 2, 6)]} {s}-{s + 3}"
                for d, s in zip(rng.integers(0, 7, count), start, strict=True)
            ],
        }
    )


def skill_cells(count: int, per_person: int, low: int, high: int, rng: np.random.Generator):
    """Random ``skill:level`` cells; skills drawn with Zipf-like popularity (1 / rank)."""
    skills = [s.id for s in default_framework().skills.values() if s.kind != "category"]
    popularity = 1.0 / np.arange(1, len(skills) + 1)
    return [
        ";".join(
            f"{skill}:{level}"
            for skill, level in zip(
                rng.choice(skills, per_person, replace=False, p=popularity / popularity.sum()),
                rng.integers(low, high + 1, per_person),
                strict=True,
            )
        )
        for _ in range(count)
    ]


def main() -> None:
    """Parse the sizes, build the cohort, time the kit and the bare solver, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--mentors", type=int, default=1_000)
    parser.add_argument("--capacity", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best time counts")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    config = load_config()
    learner_table = people(args.learners, "learner", rng).assign(
        wants=skill_cells(args.learners, 3, 2, 4, rng)
    )
    mentor_table = people(args.mentors, "mentor", rng).assign(
        offers=skill_cells(args.mentors, 6, 2, 4, rng), capacity=str(args.capacity)
    )

    _, result, pairs, unmatched = timed_run(learner_table, mentor_table, config)
    network = flow_network(result.costs, np.array([m.capacity for m in result.mentors]))
    best: dict[str, np.ndarray] = {}
    for round_number in range(args.repeat):
        # Alternate which goes first, so neither gains from the other's warmed-up memory.
        if round_number % 2:
            times = timed_run(learner_table, mentor_table, config)[0]
        started = now()
        max_flow_min_cost(network)
        solver = now() - started
        if not round_number % 2:
            times = timed_run(learner_table, mentor_table, config)[0]
        best = {k: np.minimum(v, best.get(k, v)) for k, v in (times | {"solver": solver}).items()}

    print(f"learners {args.learners}, mentors {args.mentors}, capacity {args.capacity}")
    print(f"feasible pairs {len(result.costs.cost)}, network arcs {len(network.tails)}")
    print(f"matched {len(pairs)}, unmatched {len(unmatched)}; best of {args.repeat} runs")
    print(f"{'':40} {'wall s':>8} {'cpu s':>8}")
    rows = [
        ("validating the tables", best["validate"]),
        ("kit end-to-end (costs, solve, explain)", best["kit"]),
        ("  costs", best["costs"]),
        ("  flow network", best["network"]),
        ("  solve", best["solve"]),
        ("  explanations and reasons", best["explain"]),
        ("bare solver on the same cost matrix", best["solver"]),
        ("ratio kit / bare solver", best["kit"] / best["solver"]),
        ("ratio incl. validation", (best["kit"] + best["validate"]) / best["solver"]),
    ]
    for label, (wall, cpu) in rows:
        print(f"{label:40} {wall:8.2f} {cpu:8.2f}")


def now() -> np.ndarray:
    """Return the wall-clock and the process CPU time, in seconds."""
    return np.array([time.perf_counter(), time.process_time()])


def timed_run(learner_table: pd.DataFrame, mentor_table: pd.DataFrame, config: MatchingConfig):
    """Run the kit once, timing validation, costs, flow network, solve and explanations."""
    clock = [now()]
    learners = learners_from_frame(learner_table, "learners", config)
    mentors = mentors_from_frame(mentor_table, "mentors", config)
    clock.append(now())
    costs = pair_costs(learners, mentors, config)
    clock.append(now())
    network = flow_network(costs, np.array([m.capacity for m in mentors]))
    clock.append(now())
    mentor_of = solve(network, costs)
    clock.append(now())
    result = MatchResult(learners, mentors, config, costs, mentor_of)
    pairs, unmatched = result.pairs(), result.unmatched()
    clock.append(now())
    steps = np.diff(np.array(clock), axis=0)
    names = ("validate", "costs", "network", "solve", "explain")
    times = dict(zip(names, steps, strict=True)) | {"kit": steps[1:].sum(axis=0)}
    return times, result, pairs, unmatched


if __name__ == "__main__":
    main()
