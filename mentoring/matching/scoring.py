"""Soft criteria: each part is in [0, 1]; the score is their weighted mean."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np

from .encode import Encoded, encode, overlap, take
from .model import SCORE_PARTS, Mentee, Mentor, Place, ProgrammeRules

MENTOR_FIELDS = (
    "expertise",
    "career",
    "avail",
    "lang",
    "pref_min",
    "pref_max",
    "waiting",
)
MENTEE_FIELDS = (
    "needs",
    "career",
    "inv_need",
    "avail",
    "inv_avail",
    "pref_lang",
    "age",
    "waiting",
)
# Each year outside the volunteer's preferred age range costs a fifth of the preference part.
PREFERENCE_YEARS = 5.0


@dataclass(frozen=True, slots=True)
class ScoreParts:
    """Score parts per pair (arrays of equal length) and their weighted total."""

    expertise: np.ndarray
    availability: np.ndarray
    distance: np.ndarray
    language: np.ndarray
    preference: np.ndarray
    waiting: np.ndarray
    total: np.ndarray
    distance_km: np.ndarray

    def row(self, k: int) -> dict[str, float]:
        """Return the parts of pair ``k`` as a dict, rounded to 4 decimals."""
        return {name: round(float(getattr(self, name)[k]), 4) for name in SCORE_PARTS}

    def take(self, index) -> ScoreParts:
        """Return the parts of the selected pairs."""
        return ScoreParts(**{name: getattr(self, name)[index] for name in self.__slots__})


def part_values(
    m: SimpleNamespace, e: SimpleNamespace, distance_km, rules: ProgrammeRules, dtype=np.float64
) -> dict[str, np.ndarray]:
    """Compute every part for broadcastable mentor/mentee arrays (pairs or a block)."""
    expertise = (overlap(m.expertise, e.needs) + overlap(m.career, e.career)).astype(dtype)
    expertise *= e.inv_need.astype(dtype)
    availability = np.minimum(overlap(m.avail, e.avail) * e.inv_avail.astype(dtype), 1)
    distance = distance_part(distance_km, rules, dtype)
    language = (overlap(m.lang, e.pref_lang) > 0).astype(dtype)
    preference = preference_part(m.pref_min, m.pref_max, e.age).astype(dtype)
    # Whoever has waited longer lifts the pair, so nobody on either side waits forever.
    waiting = np.maximum(m.waiting, e.waiting).astype(dtype)
    return {
        "expertise": expertise,
        "availability": availability.astype(dtype, copy=False),
        "distance": distance,
        "language": language,
        "preference": preference,
        "waiting": waiting,
    }


def distance_part(distance_km, rules: ProgrammeRules, dtype=np.float64) -> np.ndarray:
    """Return 1 at 0 km, falling linearly to 0 at the programme's ``distance_zero_km``."""
    return np.clip(1 - np.asarray(distance_km, dtype=dtype) / rules.distance_zero_km, 0, 1)


def preference_part(pref_min, pref_max, age) -> np.ndarray:
    """Return 1 inside the volunteer's preferred age range, a fifth less per year outside."""
    # fmax skips NaN: no preference or an unknown age means no gap.
    gap = np.fmax(np.fmax(pref_min - age, age - pref_max), 0)
    return np.clip(1 - gap / PREFERENCE_YEARS, 0, 1)


def block_total(enc: Encoded, rows: np.ndarray, cols: np.ndarray, place: int) -> np.ndarray:
    """Return the weighted total for mentees ``rows`` × mentors ``cols`` (all in one quarter).

    The same parts as ``part_values``, with the weights folded into per-row and per-column
    factors, in float32 and with as few passes over the block as possible.
    """
    m, e, w, f32 = enc.mentors, enc.mentees, enc.rules.weights.normalised(), np.float32
    mi, ej = cols[None, :], rows[:, None]
    count = overlap(m.expertise[mi], e.needs[ej]) + overlap(m.career[mi], e.career[ej])
    total = np.multiply(count, (w["expertise"] * e.inv_need[ej]).astype(f32), dtype=f32)
    avail = np.multiply(
        overlap(m.avail[mi], e.avail[ej]),
        (w["availability"] * e.inv_avail[ej]).astype(f32),
        dtype=f32,
    )
    total += np.minimum(avail, f32(w["availability"]), out=avail)
    shared = overlap(m.lang[mi], e.pref_lang[ej]) > 0
    np.add(total, f32(w["language"]), out=total, where=shared)
    # Preference depends on the mentor and the mentee's age only: a (ages × mentors) table.
    table = preference_part(
        m.pref_min[cols][None, :], m.pref_max[cols][None, :], e.age_values[:, None]
    )
    total += (w["preference"] * table).astype(f32)[e.age_idx[rows]]
    total += np.maximum(
        (w["waiting"] * m.waiting[mi]).astype(f32), (w["waiting"] * e.waiting[ej]).astype(f32)
    )
    km = enc.place_km[m.place[cols], place][None, :]
    total += (w["distance"] * distance_part(km, enc.rules)).astype(f32)
    return total


def weighted_total(parts: dict[str, np.ndarray], rules: ProgrammeRules) -> np.ndarray:
    """Return the weighted mean of the parts."""
    weights = rules.weights.normalised()
    total = None
    for name in SCORE_PARTS:
        term = parts[name] * weights[name]
        total = term if total is None else total + term
    return total


def score_encoded(enc: Encoded, mentor_idx, mentee_idx) -> ScoreParts:
    """Score the given pairs (index arrays into the encoded profiles)."""
    mentor_idx = np.asarray(mentor_idx, dtype=np.intp)
    mentee_idx = np.asarray(mentee_idx, dtype=np.intp)
    m = take(enc.mentors, mentor_idx, MENTOR_FIELDS)
    e = take(enc.mentees, mentee_idx, MENTEE_FIELDS)
    km = enc.place_km[enc.mentors.place[mentor_idx], enc.mentees.place[mentee_idx]]
    parts = part_values(m, e, km, enc.rules)
    parts = {
        name: np.broadcast_to(v, mentor_idx.shape).astype(np.float64) for name, v in parts.items()
    }
    total = np.round(weighted_total(parts, enc.rules), 4)
    return ScoreParts(**parts, total=total, distance_km=km)


def score(
    rules: ProgrammeRules,
    mentors: Sequence[Mentor],
    mentees: Sequence[Mentee],
    places: Sequence[Place],
    *,
    mentor_idx=None,
    mentee_idx=None,
) -> ScoreParts:
    """Score pairs given by index arrays (default: every mentor with every mentee), rules aside."""
    enc = encode(rules, mentors, mentees, places)
    if mentor_idx is None or mentee_idx is None:
        grid_m, grid_e = np.meshgrid(np.arange(len(mentors)), np.arange(len(mentees)))
        mentor_idx, mentee_idx = grid_m.ravel(), grid_e.ravel()
    return score_encoded(enc, mentor_idx, mentee_idx)
