"""Candidate generation: hard rules as vectorised filters, then the best candidates per mentee."""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from .encode import Encoded, encode, overlap
from .model import Mentee, Mentor, Place, ProgrammeRules
from .rules import Rule
from .scoring import ScoreParts, block_total, score_encoded

# Bound on the pairs scored at once (mentees × mentors of one block) to bound memory.
BLOCK_PAIRS = 1 << 21
MAX_THREADS = 4


@dataclass(frozen=True, slots=True)
class CandidateSet:
    """Allowed, scored pairs (sorted by mentee, then mentor) and why some mentees have none."""

    mentor: np.ndarray  # mentor indices
    mentee: np.ndarray  # mentee indices
    parts: ScoreParts
    mentor_ids: list[str]
    mentee_ids: list[str]
    capacities: np.ndarray
    mentor_rank: np.ndarray  # 0 = served first on ties (longest waiting, then smallest id)
    mentee_rank: np.ndarray
    # For each mentee index without any candidate: mentors failing each rule (rule -> count).
    blocked: dict[int, dict[Rule, int]] = field(default_factory=dict)
    encoded: Encoded | None = None

    @property
    def score(self) -> np.ndarray:
        """Return the total score of each pair."""
        return self.parts.total


def priority_rank(ids: Sequence[str], waiting_days: np.ndarray) -> np.ndarray:
    """Rank people for tie-breaks: longer waiting first, then smaller id."""
    order = np.lexsort((np.array(ids, dtype=str), -np.asarray(waiting_days)))
    rank = np.empty(len(ids), dtype=np.int64)
    rank[order] = np.arange(len(ids))
    return rank


def mentor_failures(enc: Encoded, j: int) -> dict[Rule, np.ndarray]:
    """For mentee ``j``: per rule, which mentors break it (each rule judged on its own)."""
    m, e, n = enc.mentors, enc.mentees, len(enc.mentor_ids)
    excluded = np.zeros(n, dtype=bool)
    excluded[enc.excluded_mentor[enc.excluded_mentee == j]] = True
    language = np.zeros(n, dtype=bool)
    if enc.rules.requires_shared_language:
        language = overlap(m.lang, e.lang[j][None, :]) == 0
    return {
        Rule.PROGRAMME: ~m.programme_ok | ~e.programme_ok[j],
        Rule.PROGRAMME_AGE: np.full(n, not e.age_ok[j]),
        Rule.CAPACITY: m.capacity <= 0,
        Rule.TRAVEL: ~m.travel[:, e.place[j]],
        Rule.POLICE_CERTIFICATE: e.needs_police[j] & ~m.police,
        Rule.SHARED_LANGUAGE: language,
        Rule.EXCLUDED: excluded,
    }


def mentee_failures(enc: Encoded, i: int) -> dict[Rule, np.ndarray]:
    """For mentor ``i``: per rule, which mentees break it (each rule judged on its own)."""
    m, e, n = enc.mentors, enc.mentees, len(enc.mentee_ids)
    excluded = np.zeros(n, dtype=bool)
    excluded[enc.excluded_mentee[enc.excluded_mentor == i]] = True
    language = np.zeros(n, dtype=bool)
    if enc.rules.requires_shared_language:
        language = overlap(e.lang, m.lang[i][None, :]) == 0
    return {
        Rule.PROGRAMME: ~e.programme_ok | ~m.programme_ok[i],
        Rule.PROGRAMME_AGE: ~e.age_ok,
        Rule.CAPACITY: np.full(n, m.capacity[i] <= 0),
        Rule.TRAVEL: ~m.travel[i, e.place],
        Rule.POLICE_CERTIFICATE: e.needs_police & ~m.police[i],
        Rule.SHARED_LANGUAGE: language,
        Rule.EXCLUDED: excluded,
    }


def blocking_counts(failures: dict[Rule, np.ndarray]) -> dict[Rule, int]:
    """Count the people each rule rules out, most first (rules that rule out nobody omitted)."""
    counts = {rule: int(np.count_nonzero(bad)) for rule, bad in failures.items()}
    order = sorted((rule for rule in counts if counts[rule]), key=lambda r: -counts[r])
    return {rule: counts[rule] for rule in order}


def allowed_pairs(enc: Encoded, mentor_idx, mentee_idx) -> np.ndarray:
    """Return whether each pair keeps every hard rule (capacity counted as 'some left')."""
    i = np.asarray(mentor_idx, dtype=np.intp)
    j = np.asarray(mentee_idx, dtype=np.intp)
    m, e = enc.mentors, enc.mentees
    ok = m.programme_ok[i] & e.programme_ok[j] & e.age_ok[j] & (m.capacity[i] > 0)
    ok &= m.travel[i, e.place[j]]
    ok &= ~e.needs_police[j] | m.police[i]
    if enc.rules.requires_shared_language:
        ok &= overlap(m.lang[i], e.lang[j]) > 0
    if enc.excluded_mentor.size:
        n = max(len(enc.mentee_ids), 1)
        ok &= ~np.isin(i * n + j, enc.excluded_mentor * n + enc.excluded_mentee)
    return ok


def candidates(
    rules: ProgrammeRules,
    mentors: Sequence[Mentor],
    mentees: Sequence[Mentee],
    places: Sequence[Place],
    *,
    max_per_mentee: int = 30,
) -> CandidateSet:
    """Return each mentee's best allowed candidates, scored, plus why some have none."""
    return candidates_encoded(
        encode(rules, mentors, mentees, places), max_per_mentee=max_per_mentee
    )


def candidates_encoded(enc: Encoded, *, max_per_mentee: int = 30) -> CandidateSet:
    """Generate candidates from encoded profiles (see ``candidates``)."""
    m, e = enc.mentors, enc.mentees
    n_mentors, n_mentees = len(enc.mentor_ids), len(enc.mentee_ids)
    k = max(1, max_per_mentee)
    mentor_ok = (m.capacity > 0) & m.programme_ok
    mentee_ok = e.age_ok & e.programme_ok
    # Exclusions sorted by mentee so that each block finds its own quickly.
    ex_order = np.argsort(enc.excluded_mentee, kind="stable")
    ex_mentee, ex_mentor = enc.excluded_mentee[ex_order], enc.excluded_mentor[ex_order]
    tasks = []
    # Travel depends only on the mentee's quarter and the certificate only on whether a minor is
    # involved: mentees sharing both see the same mentors, so each bucket is one dense block.
    bucket = e.place * 2 + e.needs_police
    for key in np.unique(bucket[mentee_ok]):
        place, police = divmod(int(key), 2)
        rows_all = np.flatnonzero(mentee_ok & (bucket == key))
        col_ok = mentor_ok & m.travel[:, place]
        if police:
            col_ok &= m.police
        cols = np.flatnonzero(col_ok)
        if not cols.size:
            continue
        step = max(1, BLOCK_PAIRS // cols.size)
        for start in range(0, rows_all.size, step):
            tasks.append((rows_all[start : start + step], cols, place))

    def run(task):
        return _block(enc, *task, k, ex_mentee, ex_mentor)

    # numpy releases the GIL in its loops, so threads use every core; results keep task order.
    workers = min(os.cpu_count() or 1, MAX_THREADS, len(tasks))
    if workers > 1:
        with ThreadPoolExecutor(workers) as pool:
            results = list(pool.map(run, tasks))
    else:
        results = [run(task) for task in tasks]

    # Each mentor also keeps their single best mentee, so no volunteer silently drops out.
    best_score = np.full(n_mentors, -1.0, dtype=np.float32)
    best_mentee = np.full(n_mentors, -1, dtype=np.intp)
    found_mentor, found_mentee = [], []
    for (_rows, cols, _place), (pair_mentor, pair_mentee, col_best, col_row) in zip(
        tasks, results, strict=True
    ):
        found_mentor.append(pair_mentor)
        found_mentee.append(pair_mentee)
        better = col_best > best_score[cols]
        best_score[cols[better]] = col_best[better]
        best_mentee[cols[better]] = col_row[better]

    has_best = best_mentee >= 0
    found_mentor.append(np.flatnonzero(has_best))
    found_mentee.append(best_mentee[has_best])
    keys = np.concatenate(found_mentee).astype(np.int64) * max(n_mentors, 1)
    keys += np.concatenate(found_mentor)
    keys.sort()
    keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])] if keys.size else keys
    mentee_idx, mentor_idx = np.divmod(keys, max(n_mentors, 1))
    parts = score_encoded(enc, mentor_idx, mentee_idx)

    blocked = {}
    without = np.ones(n_mentees, dtype=bool)
    without[mentee_idx] = False
    for j in np.flatnonzero(without):
        blocked[int(j)] = blocking_counts(mentor_failures(enc, int(j)))
    return CandidateSet(
        mentor=mentor_idx.astype(np.intp),
        mentee=mentee_idx.astype(np.intp),
        parts=parts,
        mentor_ids=enc.mentor_ids,
        mentee_ids=enc.mentee_ids,
        capacities=np.maximum(m.capacity, 0),
        mentor_rank=priority_rank(enc.mentor_ids, m.waiting_days),
        mentee_rank=priority_rank(enc.mentee_ids, e.waiting_days),
        blocked=blocked,
        encoded=enc,
    )


def _top_k(total: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Return (row, column) of each row's k highest allowed (>= 0) entries."""
    n = total.shape[1]
    if n <= k:
        return np.nonzero(total >= 0)
    # A partition finds each row's k-th best value faster than an argpartition finds indices.
    threshold = np.partition(total, n - k, axis=1)[:, n - k : n - k + 1]
    keep = total >= np.maximum(threshold, 0)
    tied = np.flatnonzero(np.count_nonzero(keep, axis=1) > k)
    if tied.size:
        # Ties at the threshold: keep those above it, then the tied ones in mentor order.
        block, bar = total[tied], threshold[tied]
        above = block > bar
        room = k - np.count_nonzero(above, axis=1)
        level = block == bar
        keep[tied] = above | (level & (np.cumsum(level, axis=1, dtype=np.int32) <= room[:, None]))
    return np.nonzero(keep)


def _block(enc: Encoded, rows, cols, place, k, ex_mentee, ex_mentor):
    """Score one block of mentees × mentors; return its top pairs and each mentor's best row."""
    m, e = enc.mentors, enc.mentees
    total = block_total(enc, rows, cols, place)
    if enc.rules.requires_shared_language:
        shared = overlap(m.lang[cols][None, :, :], e.lang[rows][:, None, :]) > 0
        total[~shared] = -1
    lo, hi = np.searchsorted(ex_mentee, [rows[0], rows[-1] + 1])
    if hi > lo:
        ex_rows = ex_mentee[lo:hi]
        ex_cols = np.searchsorted(cols, ex_mentor[lo:hi])
        row_pos = np.searchsorted(rows, ex_rows)
        hit = (ex_cols < cols.size) & (row_pos < rows.size)
        hit &= cols[np.minimum(ex_cols, cols.size - 1)] == ex_mentor[lo:hi]
        hit &= rows[np.minimum(row_pos, rows.size - 1)] == ex_rows
        total[row_pos[hit], ex_cols[hit]] = -1
    best_row = np.argmax(total, axis=0)
    col_best = total[best_row, np.arange(cols.size)]
    r, c = _top_k(total, k)
    return cols[c], rows[r], col_best, rows[best_row]
