"""Global assignment: exact min-cost flow (OR-Tools) or a greedy preview, both deterministic."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

OBJECTIVES = ("coverage", "score")
METHODS = ("optimal", "greedy")
SCALE = 10_000  # scores are compared at 4 decimals, as integers
_INT62 = 1 << 62
# Above this many candidate pairs the sub-point tie-break is dropped: its large costs made the
# cost-scaling solver 3-4x slower on 100k x 100k; ties then follow the canonical arc order.
TIEBREAK_MAX_ARCS = 1_000_000


@dataclass(frozen=True, slots=True)
class Assignment:
    """Chosen pairs (indices, sorted by mentee), their scores, how many and the total score."""

    mentor: np.ndarray
    mentee: np.ndarray
    score: np.ndarray
    matched: int
    total: float
    objective: str = "coverage"
    method: str = "optimal"


def assign(
    pairs,
    capacities=None,
    *,
    objective: str = "coverage",
    method: str = "optimal",
    n_mentees: int | None = None,
    mentor_rank=None,
    mentee_rank=None,
) -> Assignment:
    """Assign mentees to mentors: each mentee at most once, each mentor up to their capacity.

    ``pairs`` is a ``CandidateSet`` or a tuple ``(mentor_idx, mentee_idx, score)``. "coverage"
    maximises the number matched, then the total score; "score" maximises the total score.
    Ties go to the lower rank (default: the lower index).
    """
    if objective not in OBJECTIVES:
        raise ValueError(f"unknown objective {objective!r}")
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    if isinstance(pairs, tuple):
        mentor, mentee, score = (np.asarray(a) for a in pairs)
    else:  # a CandidateSet
        mentor, mentee, score = pairs.mentor, pairs.mentee, pairs.score
        capacities = pairs.capacities if capacities is None else capacities
        n_mentees = len(pairs.mentee_ids) if n_mentees is None else n_mentees
        mentor_rank = pairs.mentor_rank if mentor_rank is None else mentor_rank
        mentee_rank = pairs.mentee_rank if mentee_rank is None else mentee_rank
    mentor = mentor.astype(np.int64, copy=False).reshape(-1)
    mentee = mentee.astype(np.int64, copy=False).reshape(-1)
    points = np.rint(np.asarray(score, dtype=np.float64).reshape(-1) * SCALE).astype(np.int64)
    if capacities is None:
        raise ValueError("capacities are required with raw arrays")
    capacities = np.maximum(np.asarray(capacities, dtype=np.int64), 0)
    n_mentors = capacities.size
    if n_mentees is None:
        n_mentees = int(mentee.max()) + 1 if mentee.size else 0
    mentor_rank = np.arange(n_mentors) if mentor_rank is None else np.asarray(mentor_rank)
    mentee_rank = np.arange(n_mentees) if mentee_rank is None else np.asarray(mentee_rank)

    if method == "greedy":
        chosen = _greedy(mentor, mentee, points, capacities, mentor_rank, mentee_rank)
    else:
        chosen = _optimal(
            mentor, mentee, points, capacities, n_mentees, objective, mentor_rank, mentee_rank
        )
    chosen = chosen[np.lexsort((mentor[chosen], mentee[chosen]))]
    return Assignment(
        mentor=mentor[chosen].astype(np.intp),
        mentee=mentee[chosen].astype(np.intp),
        score=points[chosen] / SCALE,
        matched=int(chosen.size),
        total=int(points[chosen].sum()) / SCALE,
        objective=objective,
        method=method,
    )


def _greedy(mentor, mentee, points, capacities, mentor_rank, mentee_rank) -> np.ndarray:
    """Take pairs by score, then the mentee's and the mentor's priority, if both are free."""
    order = np.lexsort((mentor_rank[mentor], mentee_rank[mentee], -points))
    left = capacities.tolist()
    taken = bytearray(int(mentee.max()) + 1 if mentee.size else 0)
    chosen = []
    for k, i, j in zip(order.tolist(), mentor[order].tolist(), mentee[order].tolist(), strict=True):
        if left[i] > 0 and not taken[j]:
            left[i] -= 1
            taken[j] = 1
            chosen.append(k)
    return np.array(chosen, dtype=np.int64)


def _optimal(
    mentor, mentee, points, capacities, n_mentees, objective, mentor_rank, mentee_rank
) -> np.ndarray:
    """Solve exactly as a min-cost flow on the sparse candidate graph."""
    from ortools.graph.python import min_cost_flow  # lazy: keeps start-up fast

    n_mentors = capacities.size
    usable = capacities[mentor] > 0
    if objective == "score":
        usable &= points > 0  # a zero-score pair adds nothing to the score objective
    arcs = np.flatnonzero(usable)
    if not arcs.size:
        return np.empty(0, dtype=np.int64)
    # Canonical arc order (mentor, then mentee) so identical inputs give identical flows.
    arcs = arcs[np.argsort(mentor[arcs] * max(n_mentees, 1) + mentee[arcs], kind="stable")]
    a_mentor, a_mentee, a_points = mentor[arcs], mentee[arcs], points[arcs]
    cap = np.minimum(capacities, np.bincount(a_mentor, minlength=n_mentors))
    with_cap = np.flatnonzero(cap > 0)
    wanted = np.flatnonzero(np.bincount(a_mentee, minlength=n_mentees))
    flow = int(min(cap.sum(), wanted.size))
    source, sink = n_mentors + n_mentees, n_mentors + n_mentees + 1
    n_nodes = sink + 1

    tiebreak, per_point = _tiebreak_scale(flow, n_nodes)
    if arcs.size > TIEBREAK_MAX_ARCS:
        tiebreak, per_point = 0, 1
    gain = a_points * per_point
    if tiebreak:
        gain += _tiebreak_bonus(a_mentor, a_mentee, mentor_rank, mentee_rank, n_mentees, tiebreak)

    # "score" may leave people unmatched through a zero-cost bypass; "coverage" has none and asks
    # OR-Tools for the maximum flow of minimum cost: most people matched, then the best score.
    bypass = 1 if objective == "score" else 0
    tails = np.concatenate(
        [np.full(with_cap.size, source), a_mentor, n_mentors + wanted, [source] * bypass]
    )
    heads = np.concatenate(
        [with_cap, n_mentors + a_mentee, np.full(wanted.size, sink), [sink] * bypass]
    )
    caps = np.concatenate([cap[with_cap], np.ones(arcs.size + wanted.size), [flow] * bypass])
    costs = np.concatenate([np.zeros(with_cap.size), -gain, np.zeros(wanted.size), [0] * bypass])
    mcf = min_cost_flow.SimpleMinCostFlow()
    mcf.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32),
        heads.astype(np.int32),
        caps.astype(np.int64),
        costs.astype(np.int64),
    )
    supplies = np.zeros(n_nodes, dtype=np.int64)
    supplies[source], supplies[sink] = flow, -flow
    mcf.set_nodes_supplies(np.arange(n_nodes, dtype=np.int32), supplies)
    status = mcf.solve() if bypass else mcf.solve_max_flow_with_min_cost()
    if status != mcf.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    first = with_cap.size
    pair_flow = mcf.flows(np.arange(first, first + arcs.size, dtype=np.int32))
    return arcs[pair_flow > 0]


def _tiebreak_bonus(a_mentor, a_mentee, mentor_rank, mentee_rank, n_mentees, tiebreak):
    """Return bonuses in [0, tiebreak] favouring mentees, then mentors, of lower rank."""
    n_mentors = mentor_rank.size
    priority = (n_mentees - mentee_rank[a_mentee]) * (n_mentors + 1)
    priority += n_mentors - mentor_rank[a_mentor]
    share = priority.astype(np.float64) / ((n_mentees + 1) * (n_mentors + 1))
    # Squared, so that swapping partners changes the sum: the first mentee gets the first mentor.
    return np.floor(share * share * tiebreak).astype(np.int64)


def _tiebreak_scale(flow: int, n_nodes: int) -> tuple[int, int]:
    """Choose the tie-break range T and points' multiplier M = T*flow + 1 that fit in int64.

    All tie-break bonuses of a solution sum to less than one score point (M), so they never
    change which solutions are optimal; at very large sizes T shrinks to 0 and ties are left
    to the (deterministic) arc order.
    """
    # OR-Tools multiplies costs by the number of nodes internally; keep well clear of overflow.
    limit = _INT62 // (n_nodes + 2) // 4

    def largest_cost(t: int) -> int:
        return SCALE * (t * flow + 1) + t

    t = max(0, (limit // SCALE - 1) // max(flow, 1))
    t = min(t, 1 << 40)
    while t > 0 and largest_cost(t) > limit:
        t //= 2
    if largest_cost(t) > limit:
        raise ValueError("instance too large for exact integer costs")
    return t, t * flow + 1
