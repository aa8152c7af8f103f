"""Match learners with mentors and explain the outcome: pairs, unmatched reasons, suggestions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .config import MatchingConfig, load_config
from .costs import PairCosts, pair_costs, shared_languages
from .model import Learner, Mentor
from .solver import assign

PAIR_COLUMNS = (
    "learner_id",
    "learner_name",
    "mentor_id",
    "mentor_name",
    "cost",
    "skills_covered",
    "shared_languages",
    "time_zone_hours",
    "overlap_hours",
)
UNMATCHED_COLUMNS = ("learner_id", "learner_name", "reason", "detail")
REASONS = ("no_mentor_with_skill", "no_shared_language", "time_zone", "capacity_exhausted")


@dataclass(frozen=True)
class MatchResult:
    """An optimal assignment of learners to mentors with everything needed to explain it."""

    learners: Sequence[Learner]
    mentors: Sequence[Mentor]
    config: MatchingConfig
    costs: PairCosts
    mentor_of: np.ndarray
    """Mentor index of each learner, -1 if unmatched."""

    @property
    def total_cost(self) -> float:
        """Sum of the costs of all matched pairs."""
        chosen = self.mentor_of[self.costs.learner] == self.costs.mentor
        return float(self.costs.cost[chosen].sum())

    def pairs(self) -> pd.DataFrame:
        """One row per matched pair, with the skills covered, languages and time overlap."""
        return self.explain(np.flatnonzero(self.mentor_of[self.costs.learner] == self.costs.mentor))

    def explain(self, positions: np.ndarray) -> pd.DataFrame:
        """Explain feasible pairs (positions in the pair costs): what each covers, the languages
        it can use and when both are free."""
        costs = self.costs
        learners = [self.learners[i] for i in costs.learner[positions]]
        mentors = [self.mentors[j] for j in costs.mentor[positions]]
        working = self.config.constraints.min_working_level
        both = list(zip(learners, mentors, strict=True))
        return pd.DataFrame(
            {
                "learner_id": [p.person_id for p in learners],
                "learner_name": [p.name for p in learners],
                "mentor_id": [m.person_id for m in mentors],
                "mentor_name": [m.name for m in mentors],
                "cost": np.round(costs.cost[positions], 4),
                "skills_covered": [";".join(_covered(p, m)) for p, m in both],
                "shared_languages": [";".join(shared_languages(p, m, working)) for p, m in both],
                "time_zone_hours": costs.distance[positions],
                "overlap_hours": costs.overlap[positions].astype(np.int64),
            },
            columns=list(PAIR_COLUMNS),
        )

    def unmatched(self) -> pd.DataFrame:
        """One row per unmatched learner with the first constraint that ruled every mentor out."""
        costs, limits = self.costs, self.config.constraints
        reachable = costs.reachable
        rows = []
        for i in np.flatnonzero(self.mentor_of < 0):
            learner = self.learners[i]
            if not costs.with_skill[i]:
                reason = "no_mentor_with_skill"
                detail = "no other mentor offers a level above the learner's in " + ", ".join(
                    learner.wants
                )
            elif not costs.speaking[i]:
                reason = "no_shared_language"
                detail = (
                    f"{costs.with_skill[i]} mentor(s) have the skill but none speaks "
                    f"{', '.join(learner.languages)} at level {limits.min_working_level} or above"
                )
            elif not reachable[i]:
                reason = "time_zone"
                detail = (
                    f"{costs.speaking[i]} mentor(s) have the skill and a shared language but "
                    f"all are more than {limits.max_time_zone_hours:g} hours away"
                )
            else:
                reason = "capacity_exhausted"
                detail = (
                    f"{reachable[i]} suitable mentor(s), all at capacity with "
                    "learners they suit better"
                )
            rows.append((learner.person_id, learner.name, reason, detail))
        return pd.DataFrame(rows, columns=list(UNMATCHED_COLUMNS))

    def suggestions(self, learner_index: int, count: int | None = None) -> pd.DataFrame:
        """The learner's best feasible mentors by cost, whether or not they have room left."""
        positions = self.costs.row(learner_index)
        order = np.argsort(self.costs.cost[positions], kind="stable")
        best = positions[order[: count or self.config.suggestions]]
        frame = self.explain(best)
        frame["assigned"] = self.costs.mentor[best] == self.mentor_of[learner_index]
        return frame


def match(
    learners: Sequence[Learner], mentors: Sequence[Mentor], config: MatchingConfig | None = None
) -> MatchResult:
    """Match learners with mentors optimally under the configured costs and constraints."""
    config = config or load_config()
    costs = pair_costs(learners, mentors, config)
    capacity = np.array([m.capacity for m in mentors], dtype=np.int64)
    return MatchResult(learners, mentors, config, costs, assign(costs, capacity))


def _covered(learner: Learner, mentor: Mentor) -> list[str]:
    """Return ``skill:current->reachable`` for wanted skills the mentor is above the learner in."""
    return [
        f"{skill}:{learner.current.get(skill, 0)}->{min(target, mentor.offers[skill])}"
        for skill, target in learner.wants.items()
        if mentor.offers.get(skill, 0) > learner.current.get(skill, 0)
    ]
