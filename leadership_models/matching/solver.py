"""Optimal capacitated assignment as a min-cost maximum flow, solved by OR-Tools."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python.min_cost_flow import SimpleMinCostFlow

from .costs import PairCosts

COST_SCALE = 1e9
"""Costs become integers for the network solver: ties closer than 1e-9 may break either way."""
_COST_LIMIT = 2.0**60
"""Largest scaled cost times node count: the solver's cost scaling multiplies costs by the number
of nodes in 64-bit integers."""


class SolverError(RuntimeError):
    """The network solver did not reach an optimum (e.g. costs too large for its integers)."""


@dataclass(frozen=True)
class FlowNetwork:
    """The network the solver sees: source -> learner -> mentor -> sink.

    Nodes are the learners, then the mentors, then the source and the sink. Each learner may send
    one unit to each feasible mentor at the pair's scaled cost; each mentor passes on as many
    units as its capacity. A maximum flow of least cost matches as many learners as the
    constraints and capacities allow and, among those matchings, has the least total cost.
    """

    tails: np.ndarray
    heads: np.ndarray
    capacities: np.ndarray
    unit_costs: np.ndarray
    supplies: np.ndarray
    """Supply of every node: the source sends one unit per learner, the sink takes them."""
    pair_arcs: slice
    """The arcs of the feasible pairs, in the order of ``PairCosts``."""


def flow_network(costs: PairCosts, capacity: np.ndarray) -> FlowNetwork:
    """Build the flow network of the feasible pairs with each mentor's capacity."""
    n_learners, n_mentors = costs.shape
    n_pairs = len(costs.cost)
    source, sink = n_learners + n_mentors, n_learners + n_mentors + 1
    learners = np.arange(n_learners, dtype=np.int32)
    mentors = np.arange(n_learners, source, dtype=np.int32)
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[[source, sink]] = n_learners, -n_learners
    # Very large configured weights get a coarser scale rather than overflowing the solver.
    largest = float(costs.cost.max(initial=0.0))
    scale = min(COST_SCALE, _COST_LIMIT / (largest * (sink + 1))) if largest else COST_SCALE
    return FlowNetwork(
        tails=np.concatenate([np.full(n_learners, source), costs.learner, mentors]),
        heads=np.concatenate([learners, n_learners + costs.mentor, np.full(n_mentors, sink)]),
        capacities=np.concatenate(
            [np.ones(n_learners + n_pairs, dtype=np.int64), np.asarray(capacity, dtype=np.int64)]
        ),
        unit_costs=np.concatenate(
            [
                np.zeros(n_learners, dtype=np.int64),
                np.rint(costs.cost * scale).astype(np.int64),
                np.zeros(n_mentors, dtype=np.int64),
            ]
        ),
        supplies=supplies,
        pair_arcs=slice(n_learners, n_learners + n_pairs),
    )


def max_flow_min_cost(network: FlowNetwork) -> SimpleMinCostFlow:
    """Solve the network; return the solver holding the optimal flows."""
    solver = SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(
        network.tails, network.heads, network.capacities, network.unit_costs
    )
    solver.set_nodes_supplies(np.arange(len(network.supplies)), network.supplies)
    status = solver.solve_max_flow_with_min_cost()
    if status != SimpleMinCostFlow.OPTIMAL:
        raise SolverError(f"the min-cost flow solver stopped with status {status.name}")
    return solver


def assign(costs: PairCosts, capacity: np.ndarray) -> np.ndarray:
    """Return each learner's mentor index (-1 if unmatched) in an optimal capacitated assignment.

    The assignment matches as many learners as the constraints and capacities allow and, among
    those matchings, has the least total cost.
    """
    return solve(flow_network(costs, capacity), costs)


def solve(network: FlowNetwork, costs: PairCosts) -> np.ndarray:
    """Solve the network of these pair costs; return each learner's mentor index or -1."""
    chosen = np.full(costs.shape[0], -1, dtype=np.int64)
    if len(costs.cost) == 0:
        return chosen
    arcs = np.arange(network.pair_arcs.start, network.pair_arcs.stop)
    used = max_flow_min_cost(network).flows(arcs) > 0
    chosen[costs.learner[used]] = costs.mentor[used]
    return chosen
