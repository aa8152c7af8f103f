"""Vectorised pair costs: hard constraints over all learner x mentor pairs, costs where feasible."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .config import NATIVE, MatchingConfig
from .model import Learner, Mentor, Participant


@dataclass(frozen=True)
class PairCosts:
    """The feasible pairs (row-major order) with their costs, and per learner how many mentors
    pass each hard constraint in turn, which explains why a learner may stay unmatched."""

    shape: tuple[int, int]
    learner: np.ndarray
    """Learner index of each feasible pair, ascending."""
    mentor: np.ndarray
    """Mentor index of each feasible pair."""
    cost: np.ndarray
    """Weighted cost of each feasible pair (float64)."""
    distance: np.ndarray
    """Time-zone distance of each feasible pair, in hours."""
    overlap: np.ndarray
    """Weekly hours both people of each feasible pair are free."""
    with_skill: np.ndarray
    """Per learner: mentors other than themselves who cover part of their level gap."""
    speaking: np.ndarray
    """Per learner: of those, the ones sharing a working language (all if not required)."""

    @property
    def reachable(self) -> np.ndarray:
        """Per learner: feasible mentors (those also within the time-zone distance)."""
        return np.bincount(self.learner, minlength=self.shape[0])

    def row(self, learner_index: int) -> np.ndarray:
        """Return the positions of one learner's feasible pairs."""
        start, end = np.searchsorted(self.learner, [learner_index, learner_index + 1])
        return np.arange(start, end)

    def dense(self) -> np.ndarray:
        """Return the (learners, mentors) cost matrix with ``inf`` where infeasible."""
        matrix = np.full(self.shape, np.inf)
        matrix[self.learner, self.mentor] = self.cost
        return matrix


def pair_costs(
    learners: Sequence[Learner], mentors: Sequence[Mentor], config: MatchingConfig
) -> PairCosts:
    """Check the hard constraints on every pair, then cost the feasible ones.

    A pair is feasible when the mentor covers part of the learner's gap and is someone else, both
    speak a language at the working level (unless not required) and the circular time-zone
    distance is within the maximum. Its cost is the weighted sum of terms in [0, 1]: the uncovered
    share of the gap, the language fit, the time-zone distance, the missing weekly overlap and the
    region preference.
    """
    weights, limits = config.weights, config.constraints
    working = limits.min_working_level
    covered, gap_total = _covered_levels(learners, mentors)
    has_skill = covered > 0
    has_skill[_same_person(learners, mentors)] = False
    codes = sorted({c for p in (*learners, *mentors) for c in p.languages})
    languages = _tabulate(
        _language_matrix(learners, codes),
        _language_matrix(mentors, codes),
        lambda a, b: _shared_level_count(a, b, working),
    )
    zones = _tabulate(
        np.array([[p.utc_offset] for p in learners]),
        np.array([[p.utc_offset] for p in mentors]),
        lambda a, b: time_zone_distance(a, b.T),
    )
    hours = _tabulate(
        np.stack([p.availability for p in learners]),
        np.stack([p.availability for p in mentors]),
        lambda a, b: a.astype(np.float32) @ b.T.astype(np.float32),
    )
    speaking = has_skill
    if limits.require_shared_language:
        speaking = has_skill & languages.holds(lambda shared: shared > 0)
    near = zones.holds(lambda distance: distance <= limits.max_time_zone_hours + 1e-9)
    feasible = np.flatnonzero(speaking & near)
    learner, mentor = np.divmod(feasible, len(mentors))
    distance = zones.at(learner, mentor)

    cost = weights.skill_gap * (1.0 - covered.ravel()[feasible] / gap_total[learner])
    levels = NATIVE + 1 - working
    shared = languages.at(learner, mentor)
    cost += weights.language * np.clip((levels - shared) / max(levels - 1, 1), 0.0, 1.0)
    cost += weights.time_zone * distance / 12.0
    target = config.target_overlap_hours
    overlap = hours.at(learner, mentor)
    cost += weights.availability * (1.0 - np.minimum(overlap, target) / target)
    if limits.region_preference != "none":
        same = _codes(learners, "region")[learner] == _codes(mentors, "region")[mentor]
        cost += weights.region * (~same if limits.region_preference == "same" else same)
    return PairCosts(
        shape=(len(learners), len(mentors)),
        learner=learner,
        mentor=mentor,
        cost=cost,
        distance=distance,
        overlap=overlap,
        with_skill=np.count_nonzero(has_skill, axis=1),
        speaking=np.count_nonzero(speaking, axis=1),
    )


def time_zone_distance(offsets: np.ndarray, other_offsets: np.ndarray) -> np.ndarray:
    """Return circular distances in hours between UTC offsets: +12 and -11 are 1 hour apart."""
    difference = np.abs(offsets - other_offsets) % 24.0
    return np.minimum(difference, 24.0 - difference)


def shared_languages(learner: Participant, mentor: Participant, min_level: int) -> list[str]:
    """Return the languages both speak at the working level, best shared level first."""
    common = [
        code
        for code in learner.languages
        if min(learner.languages[code], mentor.languages.get(code, -1)) >= min_level
    ]
    return sorted(common, key=lambda c: -min(learner.languages[c], mentor.languages[c]))


def _covered_levels(
    learners: Sequence[Learner], mentors: Sequence[Mentor]
) -> tuple[np.ndarray, np.ndarray]:
    """Return the levels of each learner's gap each mentor covers, and each learner's whole gap.

    A mentor at level ``v`` covers ``min(v - current, target - current)`` levels of a wanted
    skill (none if ``v <= current``), summed over the wanted skills.
    """
    skills = sorted({s for p in learners for s in p.wants} | {s for p in mentors for s in p.offers})
    index = {skill: k for k, skill in enumerate(skills)}
    target = np.zeros((len(learners), len(skills)), dtype=np.float32)
    current = np.zeros_like(target)
    row, column, wanted, held = _columns(
        (
            (i, index[skill], level, learner.current.get(skill, 0))
            for i, learner in enumerate(learners)
            for skill, level in learner.wants.items()
        ),
        width=4,
    )
    target[row, column], current[row, column] = wanted, held
    offered = np.zeros((len(mentors), len(skills)), dtype=np.int8)
    row, column, level = _columns(
        (
            (j, index[skill], level)
            for j, mentor in enumerate(mentors)
            for skill, level in mentor.offers.items()
        ),
        width=3,
    )
    offered[row, column] = level
    gap = target - current
    levels = range(1, 5)
    credit = np.hstack([np.clip(level - current, 0, gap) for level in levels])
    at_level = np.hstack([offered == level for level in levels])
    # Only the (level, skill) columns some mentor offers and some learner gains from count.
    used = at_level.any(axis=0) & credit.any(axis=0)
    return credit[:, used] @ at_level[:, used].T.astype(np.float32), gap.sum(axis=1)


def _columns(cells: Iterable[tuple[int, ...]], width: int) -> np.ndarray:
    """Return tuples of ``width`` integers as columns: row indexes, column indexes, values..."""
    return np.array(list(cells), dtype=np.intp).reshape(-1, width).T


@dataclass(frozen=True)
class _Tabulated:
    """A pairwise quantity computed once per distinct pair of learner and mentor profiles."""

    table: np.ndarray
    learner_profile: np.ndarray
    mentor_profile: np.ndarray

    def holds(self, condition: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
        """Return, for every learner x mentor pair, whether ``condition`` holds of the quantity."""
        rows = np.take(condition(self.table), self.learner_profile, axis=0)
        return np.take(rows, self.mentor_profile, axis=1)

    def at(self, learner: np.ndarray, mentor: np.ndarray) -> np.ndarray:
        """Return the quantity for the given pairs."""
        flat = self.learner_profile[learner] * self.table.shape[1] + self.mentor_profile[mentor]
        return self.table.ravel()[flat]


def _tabulate(
    learner_rows: np.ndarray,
    mentor_rows: np.ndarray,
    pairwise: Callable[[np.ndarray, np.ndarray], np.ndarray],
) -> _Tabulated:
    """Apply ``pairwise`` to the distinct rows only: people share languages, zones and hours."""
    learner_unique, learner_profile = _distinct_rows(learner_rows)
    mentor_unique, mentor_profile = _distinct_rows(mentor_rows)
    return _Tabulated(pairwise(learner_unique, mentor_unique), learner_profile, mentor_profile)


def _distinct_rows(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the distinct rows and each row's index among them."""
    rows = np.ascontiguousarray(rows)
    whole_rows = rows.view(np.dtype((np.void, rows.itemsize * rows.shape[1]))).ravel()
    _keys, first, profile = np.unique(whole_rows, return_index=True, return_inverse=True)
    return rows[first], profile


def _shared_level_count(learner_levels: np.ndarray, mentor_levels: np.ndarray, working: int):
    """Count the levels from ``working`` to native at which both share some language.

    0 means no shared working language; ``NATIVE + 1 - working`` means both are native speakers
    of a common language.
    """
    count = np.zeros((len(learner_levels), len(mentor_levels)), dtype=np.int64)
    for level in range(working, NATIVE + 1):
        both = (learner_levels >= level).astype(np.float32) @ (mentor_levels >= level).T.astype(
            np.float32
        )
        count += both > 0
    return count


def _language_matrix(people: Sequence[Participant], codes: list[str]) -> np.ndarray:
    index = {code: k for k, code in enumerate(codes)}
    levels = np.full((len(people), len(codes)), -1, dtype=np.int8)
    for i, person in enumerate(people):
        for code, level in person.languages.items():
            levels[i, index[code]] = level
    return levels


def _codes(people: Sequence[Participant], attribute: str) -> np.ndarray:
    return np.array([getattr(p, attribute) for p in people])


def _same_person(
    learners: Sequence[Learner], mentors: Sequence[Mentor]
) -> tuple[np.ndarray, np.ndarray]:
    """Return the (learner, mentor) indexes of people on both sides."""
    mentor_index = {m.person_id: j for j, m in enumerate(mentors)}
    both = [
        (i, mentor_index[p.person_id])
        for i, p in enumerate(learners)
        if p.person_id in mentor_index
    ]
    indexes = np.array(both, dtype=np.intp).reshape(-1, 2)
    return indexes[:, 0], indexes[:, 1]
