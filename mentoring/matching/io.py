"""The plain columnar JSON format of the command-line interface."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .assign import Assignment


class InstanceError(ValueError):
    """The instance file is unreadable or breaks the format (message names the problem)."""


@dataclass(frozen=True, slots=True)
class Instance:
    """A parsed instance: ids, capacities and candidate pairs as index arrays."""

    mentor_ids: list[str]
    capacity: np.ndarray
    mentee_ids: list[str]
    mentor: np.ndarray
    mentee: np.ndarray
    score: np.ndarray


def load_instance(path: str | Path) -> Instance:
    """Read and validate an instance file."""
    try:
        text = Path(path).read_bytes()
    except OSError as exc:
        raise InstanceError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InstanceError(f"malformed JSON in {path}: {exc}") from None
    return parse_instance(data)


def _table(data: dict, name: str, columns: tuple[str, ...]) -> dict[str, list]:
    table = data.get(name)
    if not isinstance(table, dict):
        raise InstanceError(f"missing key {name!r} (an object of columns)")
    for column in columns:
        if column not in table:
            raise InstanceError(f"missing key {name}.{column}")
        if not isinstance(table[column], list):
            raise InstanceError(f"{name}.{column} must be a list")
    lengths = {column: len(table[column]) for column in columns}
    if len(set(lengths.values())) > 1:
        shown = ", ".join(f"{c}: {n}" for c, n in lengths.items())
        raise InstanceError(f"columns of {name} have unequal lengths ({shown})")
    return table


def _strings(values: list, where: str) -> list[str]:
    if not set(map(type, values)) <= {str}:  # map/set run in C: fast on long columns
        k = next(k for k, v in enumerate(values) if type(v) is not str)
        raise InstanceError(f"{where}[{k}] must be a string, got {values[k]!r}")
    return values


def _unique_index(ids: list[str], what: str) -> dict[str, int]:
    index = {v: k for k, v in enumerate(ids)}
    if len(index) != len(ids):
        seen: set[str] = set()
        dup = next(v for v in ids if v in seen or seen.add(v))
        raise InstanceError(f"duplicate {what} id {dup!r}")
    return index


def _lookup(index: dict[str, int], values: list[str], where: str, what: str) -> np.ndarray:
    try:
        return np.fromiter(map(index.__getitem__, values), dtype=np.int64, count=len(values))
    except KeyError as exc:
        k = values.index(exc.args[0])
        raise InstanceError(f"{where}[{k}]: unknown {what} id {exc.args[0]!r}") from None


def parse_instance(data) -> Instance:
    """Validate a decoded instance and turn it into arrays."""
    if not isinstance(data, dict):
        raise InstanceError("the instance must be a JSON object")
    mentors = _table(data, "mentors", ("id", "capacity"))
    mentees = _table(data, "mentees", ("id",))
    cands = _table(data, "candidates", ("mentor", "mentee", "score"))

    mentor_ids = _strings(mentors["id"], "mentors.id")
    mentee_ids = _strings(mentees["id"], "mentees.id")
    mentor_index = _unique_index(mentor_ids, "mentor")
    mentee_index = _unique_index(mentee_ids, "mentee")

    capacity_list = mentors["capacity"]
    if not set(map(type, capacity_list)) <= {int}:
        k = next(k for k, v in enumerate(capacity_list) if type(v) is not int)
        raise InstanceError(
            f"mentors.capacity[{k}] must be a whole number, got {capacity_list[k]!r}"
        )
    capacity = np.array(capacity_list, dtype=np.int64)
    if capacity.size and capacity.min() < 0:
        k = int(np.argmax(capacity < 0))
        raise InstanceError(f"mentors.capacity[{k}] must not be negative, got {capacity_list[k]}")

    mentor = _lookup(
        mentor_index, _strings(cands["mentor"], "candidates.mentor"), "candidates.mentor", "mentor"
    )
    mentee = _lookup(
        mentee_index, _strings(cands["mentee"], "candidates.mentee"), "candidates.mentee", "mentee"
    )
    score_list = cands["score"]
    if not set(map(type, score_list)) <= {float, int}:  # bool is a type of its own: refused
        k = next(k for k, v in enumerate(score_list) if type(v) not in (float, int))
        raise InstanceError(f"candidates.score[{k}] must be a number, got {score_list[k]!r}")
    score = np.array(score_list, dtype=np.float64)
    bad = ~((score >= 0) & (score <= 1))  # also catches NaN
    if bad.any():
        k = int(np.argmax(bad))
        raise InstanceError(f"candidates.score[{k}] must be in [0, 1], got {score_list[k]!r}")
    score = np.round(score, 4)

    if mentor.size:
        keys = mentor * max(len(mentee_ids), 1) + mentee
        order = np.argsort(keys, kind="stable")
        same = np.flatnonzero(keys[order][1:] == keys[order][:-1])
        if same.size:
            k = int(order[same[0] + 1])
            raise InstanceError(
                f"duplicate candidate pair (mentor {mentor_ids[mentor[k]]!r}, "
                f"mentee {mentee_ids[mentee[k]]!r}) at candidates[{k}]"
            )
    return Instance(mentor_ids, capacity, mentee_ids, mentor, mentee, score)


def id_rank(ids: list[str]) -> np.ndarray:
    """Rank ids for tie-breaks (smaller id first)."""
    rank = np.empty(len(ids), dtype=np.int64)
    rank[np.argsort(np.array(ids, dtype=str), kind="stable")] = np.arange(len(ids))
    return rank


def result_document(instance: Instance, result: Assignment) -> dict:
    """Build the result object of the CLI (unmatched mentees in input order)."""
    matched = np.zeros(len(instance.mentee_ids), dtype=bool)
    matched[result.mentee] = True
    mentor_ids, mentee_ids = instance.mentor_ids, instance.mentee_ids
    return {
        "objective": result.objective,
        "method": result.method,
        "matched": result.matched,
        "total_score": round(result.total, 4),
        "pairs": {
            "mentor": [mentor_ids[i] for i in result.mentor.tolist()],
            "mentee": [mentee_ids[j] for j in result.mentee.tolist()],
            "score": [round(s, 4) for s in result.score.tolist()],
        },
        "unmatched": [mentee_ids[j] for j in np.flatnonzero(~matched).tolist()],
    }


def instance_document(instance: Instance) -> dict:
    """Turn an instance back into its JSON object."""
    return {
        "mentors": {"id": instance.mentor_ids, "capacity": instance.capacity.tolist()},
        "mentees": {"id": instance.mentee_ids},
        "candidates": {
            "mentor": [instance.mentor_ids[i] for i in instance.mentor.tolist()],
            "mentee": [instance.mentee_ids[j] for j in instance.mentee.tolist()],
            "score": [round(s, 4) for s in instance.score.tolist()],
        },
    }
