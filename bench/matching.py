"""Benchmark the matching engine on reproducible synthetic instances (seeded).

Each measurement runs in its own subprocess: the instance is generated first (not timed), then
the peak resident set size is reset (Linux /proc/self/clear_refs) and the step is timed; "peak
MB" is the process's VmHWM during the step (interpreter, numpy and the instance included).

    .venv/bin/python bench/matching.py --repeat 3 --cli-instance /tmp/medium.json  # the table
    .venv/bin/python bench/matching.py --sizes small,medium --no-peers
    .venv/bin/python bench/matching.py --write-instance /tmp/medium.json   # 20k×5k for the CLI
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = {  # name: (requests, volunteers, mean capacity range)
    "small": (1_000, 250, (1, 8)),
    "medium": (20_000, 5_000, (1, 8)),
    "large": (100_000, 100_000, (1, 3)),
}
PER_MENTEE = 30
SEED = 20211208
PEERS = {"networkx": ("small",), "scipy": ("small", "medium")}


# ---------------------------------------------------------------- synthetic data


def make_instance(size: str, seed: int = SEED):
    """Return a random candidate graph: about 30 distinct mentors per mentee, 4-decimal scores."""
    n_mentees, n_mentors, (lo, hi) = SIZES[size]
    rng = np.random.default_rng(seed)
    sample = rng.integers(0, n_mentors, (n_mentees, 2 * PER_MENTEE))
    order = np.argsort(sample, axis=1, kind="stable")
    ordered = np.take_along_axis(sample, order, axis=1)
    dup_sorted = np.zeros_like(sample, dtype=bool)
    dup_sorted[:, 1:] = ordered[:, 1:] == ordered[:, :-1]
    dup = np.empty_like(dup_sorted)
    np.put_along_axis(dup, order, dup_sorted, axis=1)
    keep = ~dup & (np.cumsum(~dup, axis=1) <= PER_MENTEE)
    rows, cols = np.nonzero(keep)
    mentor = sample[rows, cols]
    score = np.round(rng.random(rows.size), 4)
    capacity = rng.integers(lo, hi, n_mentors)
    return capacity, n_mentees, mentor.astype(np.int64), rows.astype(np.int64), score


def instance_object(size: str) -> dict:
    """Return the instance of a size as the CLI's JSON object."""
    capacity, n_mentees, mentor, mentee, score = make_instance(size)
    mentor_ids = [f"v{i}" for i in range(capacity.size)]
    mentee_ids = [f"r{j}" for j in range(n_mentees)]
    return {
        "mentors": {"id": mentor_ids, "capacity": capacity.tolist()},
        "mentees": {"id": mentee_ids},
        "candidates": {
            "mentor": [mentor_ids[i] for i in mentor.tolist()],
            "mentee": [mentee_ids[j] for j in mentee.tolist()],
            "score": score.tolist(),
        },
    }


def make_profiles(size: str, seed: int = SEED):
    """Return rules, volunteers, requests and places of a synthetic city of the size's scale."""
    from mentoring.matching import Mentee, Mentor, Place, ProgrammeRules

    n_mentees, n_mentors, (lo, hi) = SIZES[size]
    rng = np.random.default_rng(seed)
    # Herne has 14 quarters about 1.9 km apart; bigger instances get a bigger city on that grid.
    side = max(4, round((max(14, n_mentors // 400)) ** 0.5))
    places = [
        Place(f"p{a}-{b}", f"Quartier {a}-{b}", f"Bezirk {a // 2}-{b // 2}",
              51.5 + a * 0.017, 7.1 + b * 0.027)
        for a in range(side) for b in range(side)
    ]  # fmt: skip
    codes = [p.code for p in places]
    languages = ["de", "ar", "uk", "tr", "fa", "ru", "ku", "en"]
    tags = [f"t{k}" for k in range(24)]
    fields = [f"f{k}" for k in range(12)]
    from mentoring.matching.text import SLOTS

    def pick(pool, n_max, p=None):
        k = rng.integers(0, n_max + 1)
        return (
            frozenset(rng.choice(pool, size=k, replace=False, p=p).tolist()) if k else frozenset()
        )

    lang_p = np.array([0, 3, 2, 2, 1, 1, 1, 2], dtype=float)
    lang_p /= lang_p.sum()
    mentors = [
        Mentor(
            id=f"v{i}",
            capacity_left=int(rng.integers(lo, hi)),
            place=codes[rng.integers(len(codes))],
            travel_radius_km=float(rng.choice([2.0, 3.0, 4.0])),
            languages=frozenset({"de"}) | pick(languages[1:], 1, lang_p[1:]),
            expertise=pick(tags, 4),
            occupation="Elektriker",
            career_fields=pick(fields, 2),
            availability=pick(SLOTS, 6),
            police_certificate_valid=bool(rng.random() < 0.8),
            preferred_min_age=14 if rng.random() < 0.3 else None,
            preferred_max_age=20 if rng.random() < 0.3 else None,
            waiting_days=int(rng.integers(0, 60)),
        )
        for i in range(n_mentors)
    ]
    mentees = [
        Mentee(
            id=f"r{j}",
            age=int(rng.integers(14, 28)),
            involves_minor=bool(rng.random() < 0.4),
            place=codes[rng.integers(len(codes))],
            languages=frozenset({"de"}) | pick(languages[1:], 1, lang_p[1:]),
            needs=pick(tags, 3),
            career_fields=pick(fields, 2),
            career_goal="Ausbildung als Elektroniker",
            availability=pick(SLOTS, 6),
            waiting_days=int(rng.integers(0, 200)),
        )
        for j in range(n_mentees)
    ]
    rules = ProgrammeRules("ausbildungspaten", min_age=14, max_age=27)
    return rules, mentors, mentees, places


# ---------------------------------------------------------------- peers


def solve_networkx(capacity, n_mentees, mentor, mentee, score):
    """Solve the coverage objective with networkx's min-cost flow (integer costs)."""
    import networkx as nx

    big = 10_000 * (n_mentees + 1)
    graph = nx.DiGraph()
    flow = int(min(capacity.sum(), n_mentees))
    graph.add_node("s", demand=-flow)
    graph.add_node("t", demand=flow)
    graph.add_edge("s", "t", capacity=flow, weight=0)
    for i, c in enumerate(capacity.tolist()):
        graph.add_edge("s", ("m", i), capacity=c, weight=0)
    for j in range(n_mentees):
        graph.add_edge(("e", j), "t", capacity=1, weight=0)
    points = np.rint(score * 10_000).astype(int)
    for i, j, p in zip(mentor.tolist(), mentee.tolist(), points.tolist(), strict=True):
        graph.add_edge(("m", i), ("e", j), capacity=1, weight=-(big + p))
    result = nx.min_cost_flow(graph)
    used = [
        result[("m", i)].get(("e", j), 0) > 0
        for i, j in zip(mentor.tolist(), mentee.tolist(), strict=True)
    ]
    return int(sum(used)), int(points[np.array(used, dtype=bool)].sum()) / 10_000


def solve_scipy(capacity, n_mentees, mentor, mentee, score):
    """Solve coverage with scipy's sparse assignment, one column per unit of mentor capacity."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    slot_start = np.concatenate([[0], np.cumsum(capacity)])
    reps = capacity[mentor]
    rows = np.repeat(mentee, reps)
    offsets = np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)
    cols = np.repeat(slot_start[mentor], reps) + offsets
    n_slots = int(slot_start[-1])
    # A private dummy column per mentee (cost 2C) keeps a full matching feasible; real edges
    # cost C - score with C > any total score, so the matched count comes first.
    big = float(n_mentees + 1)
    rows = np.concatenate([rows, np.arange(n_mentees)])
    cols = np.concatenate([cols, n_slots + np.arange(n_mentees)])
    weights = np.concatenate([big - np.repeat(score, reps) + 1e-9, np.full(n_mentees, 2 * big)])
    graph = csr_matrix((weights, (rows, cols)), shape=(n_mentees, n_slots + n_mentees))
    row_ind, col_ind = min_weight_full_bipartite_matching(graph)
    real = col_ind < n_slots
    total = float(big * real.sum() - graph[row_ind[real], col_ind[real]].sum() + 1e-9 * real.sum())
    return int(real.sum()), round(total, 4)


# ---------------------------------------------------------------- measuring


def _reset_peak() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(kind: str, size: str) -> dict:
    """Run one measurement in this process and return its numbers."""
    if kind == "candidates":
        rules, mentors, mentees, places = make_profiles(size)
        from mentoring.matching import candidates

        _reset_peak()
        start = time.perf_counter()
        cs = candidates(rules, mentors, mentees, places, max_per_mentee=PER_MENTEE)
        seconds = time.perf_counter() - start
        return {"seconds": seconds, "peak_mb": _peak_mb(), "pairs": int(cs.mentor.size)}
    capacity, n_mentees, mentor, mentee, score = make_instance(size)
    from mentoring.matching import assign

    if kind in ("optimal", "greedy", "score"):
        import ortools.graph.python.min_cost_flow  # noqa: F401  (import not timed)

    _reset_peak()
    start = time.perf_counter()
    if kind in ("optimal", "greedy", "score"):
        objective = "score" if kind == "score" else "coverage"
        method = "greedy" if kind == "greedy" else "optimal"
        result = assign((mentor, mentee, score), capacity, n_mentees=n_mentees,
                        objective=objective, method=method)  # fmt: skip
        matched, total = result.matched, result.total
    elif kind == "networkx":
        matched, total = solve_networkx(capacity, n_mentees, mentor, mentee, score)
    elif kind == "scipy":
        matched, total = solve_scipy(capacity, n_mentees, mentor, mentee, score)
    else:
        raise ValueError(kind)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": _peak_mb(), "matched": matched, "total": total}


def measure(kind: str, size: str, repeat: int = 1) -> dict:
    """Run one measurement in fresh subprocesses; keep the fastest of ``repeat`` runs."""
    runs = []
    for _ in range(max(1, repeat)):
        out = subprocess.run(
            [sys.executable, __file__, "--run-one", kind, size],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        runs.append(json.loads(out.stdout))
    return min(runs, key=lambda r: r["seconds"])


def measure_cli(path: Path) -> float:
    """Return the wall time of the whole ``solve`` command on an instance file."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mentoring.matching", "solve", str(path)],
        cwd=ROOT, stdout=subprocess.DEVNULL, check=True,
    )  # fmt: skip
    return time.perf_counter() - start


def label(size: str) -> str:
    n_mentees, n_mentors, _cap = SIZES[size]
    return f"{n_mentees:,}×{n_mentors:,}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium,large")
    parser.add_argument("--no-peers", action="store_true", help="skip networkx and scipy")
    parser.add_argument(
        "--write-instance", metavar="PATH", help="write the 20k×5k instance and stop"
    )
    parser.add_argument("--cli-instance", metavar="PATH", help="also time the CLI on this file")
    parser.add_argument("--repeat", type=int, default=1, help="keep the fastest of N runs")
    parser.add_argument("--run-one", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.run_one:
        print(json.dumps(run_one(*args.run_one)))
        return 0
    if args.write_instance:
        Path(args.write_instance).write_text(json.dumps(instance_object("medium")))
        return 0

    sizes = [s for s in args.sizes.split(",") if s]
    print("| size (requests×volunteers) | step | seconds | peak MB | result |")
    print("|---|---|---:|---:|---|")
    for size in sizes:
        rows = [("candidates", "candidate generation + scoring from profiles")]
        rows += [("optimal", "optimal solve (OR-Tools min-cost flow, coverage)")]
        rows += [("greedy", "greedy preview")]
        if not args.no_peers:
            rows += [(k, f"peer: {k}") for k, sizes_ok in PEERS.items() if size in sizes_ok]
        optimum = None
        for kind, name in rows:
            r = measure(kind, size, args.repeat)
            if kind == "candidates":
                note = f"{r['pairs']:,} candidate pairs"
            else:
                note = f"matched {r['matched']:,}, total score {r['total']:,.4f}"
                if kind == "optimal":
                    optimum = (r["matched"], r["total"])
                elif optimum:
                    gap = (optimum[1] - r["total"]) / optimum[1] * 100 if optimum[1] else 0.0
                    note += (
                        f" (gap to optimum: {optimum[0] - r['matched']} matched, {gap:.2f} % score)"
                    )
            print(f"| {label(size)} | {name} | {r['seconds']:.2f} | {r['peak_mb']:.0f} | {note} |",
                  flush=True)  # fmt: skip
    if args.cli_instance:
        path = Path(args.cli_instance)
        if not path.exists():
            path.write_text(json.dumps(instance_object("medium")))
        best = min(measure_cli(path) for _ in range(max(3, args.repeat)))
        step = "whole `solve` command incl. start-up (wall, fastest run)"
        print(f"| {label('medium')} | {step} | {best:.2f} | – | – |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
