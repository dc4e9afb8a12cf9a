"""Turn profiles into numpy arrays: bitmasks for sets, indices for places, NaN for unknowns."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np

from .model import Mentee, Mentor, Place, ProgrammeRules
from .text import SLOTS

EARTH_RADIUS_KM = 6371.0088
_WORD = (1 << 64) - 1


def haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Return great-circle distances in km (vectorised, broadcasting)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dlat, dlon = p2 - p1, np.radians(lon2) - np.radians(lon1)
    h = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


class Vocabulary:
    """Codes to bit positions; sets become (n, words) uint64 masks."""

    def __init__(self, codes: Iterable[str]):
        self.codes = sorted(set(codes))
        self.bit = {code: i for i, code in enumerate(self.codes)}
        self.words = max(1, -(-len(self.codes) // 64))
        # The narrowest word that holds every bit: less memory traffic in the pair blocks.
        n = len(self.codes)
        self.dtype = (
            np.uint8 if n <= 8 else np.uint16 if n <= 16 else np.uint32 if n <= 32 else np.uint64
        )

    def masks(self, sets: Sequence[Iterable[str]]) -> np.ndarray:
        """Encode each set as a row of words (unknown codes are ignored)."""
        bit = self.bit
        ints = [sum(1 << bit[c] for c in set(s) if c in bit) for s in sets]
        out = np.empty((len(ints), self.words), dtype=self.dtype)
        for w in range(self.words):
            shift = 64 * w
            out[:, w] = np.array([(v >> shift) & _WORD for v in ints], dtype=self.dtype)
        return out


SLOT_VOCABULARY = Vocabulary(SLOTS)


def overlap(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Count common bits of broadcastable (..., words) masks."""
    if a.shape[-1] == 1:
        return np.bitwise_count(a[..., 0] & b[..., 0])
    return np.bitwise_count(a & b).sum(axis=-1, dtype=np.uint16)


def _optional(values: Iterable[float | None]) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


@dataclass(slots=True)
class Encoded:
    """Both sides of one programme as arrays, plus the place geometry."""

    rules: ProgrammeRules
    places: list[Place]
    place_index: dict[str, int]
    place_km: np.ndarray  # (places, places)
    mentors: SimpleNamespace
    mentees: SimpleNamespace
    mentor_ids: list[str]
    mentee_ids: list[str]
    # Stated exclusions of either side as pairs of indices (mentor, mentee).
    excluded_mentor: np.ndarray
    excluded_mentee: np.ndarray


def _place_of(code: str, index: dict[str, int], who: str) -> int:
    try:
        return index[code]
    except KeyError:
        raise ValueError(f"{who}: unknown place {code!r}") from None


def encode(
    rules: ProgrammeRules,
    mentors: Sequence[Mentor],
    mentees: Sequence[Mentee],
    places: Sequence[Place],
) -> Encoded:
    """Encode profiles once so that rules and scores run vectorised."""
    places = list(places)
    place_index = {p.code: i for i, p in enumerate(places)}
    lat = np.array([p.lat for p in places], dtype=np.float64)
    lon = np.array([p.lon for p in places], dtype=np.float64)
    place_km = haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])

    languages = Vocabulary(
        [c for m in mentors for c in m.languages]
        + [c for e in mentees for c in e.languages | e.preferred_languages]
    )
    tags = Vocabulary(
        [c for m in mentors for c in m.expertise] + [c for e in mentees for c in e.needs]
    )
    fields = Vocabulary(
        [c for m in mentors for c in m.career_fields]
        + [c for e in mentees for c in e.career_fields]
    )
    waiting_cap = max(1, rules.max_waiting_days)

    m_place = np.array(
        [_place_of(m.place, place_index, f"mentor {m.id}") for m in mentors], dtype=np.intp
    )
    radius = _optional(m.travel_radius_km for m in mentors)
    travel = np.zeros((len(mentors), len(places)), dtype=bool)
    if len(mentors):
        travel[np.arange(len(mentors)), m_place] = True  # one's own quarter is always reachable
        with np.errstate(invalid="ignore"):
            travel |= place_km[m_place] <= radius[:, None]
    for i, m in enumerate(mentors):
        for code in m.travel_places:
            if code in place_index:
                travel[i, place_index[code]] = True
    m_avail = SLOT_VOCABULARY.masks([m.availability for m in mentors])
    mentor_arrays = SimpleNamespace(
        capacity=np.array([m.capacity_left for m in mentors], dtype=np.int64),
        place=m_place,
        travel=travel,
        police=np.array([m.police_certificate_valid for m in mentors], dtype=bool),
        programme_ok=np.array(
            [m.programmes is None or rules.code in m.programmes for m in mentors], dtype=bool
        ),
        lang=languages.masks([m.languages for m in mentors]),
        expertise=tags.masks([m.expertise for m in mentors]),
        career=fields.masks([m.career_fields for m in mentors]),
        avail=m_avail,
        pref_min=_optional(m.preferred_min_age for m in mentors),
        pref_max=_optional(m.preferred_max_age for m in mentors),
        waiting_days=np.array([m.waiting_days for m in mentors], dtype=np.int64),
        waiting=np.array(
            [min(max(m.waiting_days, 0), waiting_cap) / waiting_cap for m in mentors],
            dtype=np.float64,
        ),
    )

    e_needs = tags.masks([e.needs for e in mentees])
    e_career = fields.masks([e.career_fields for e in mentees])
    e_avail = SLOT_VOCABULARY.masks([e.availability for e in mentees])
    need_count = overlap(e_needs, e_needs).astype(np.float64) + overlap(e_career, e_career)
    age = _optional(e.age for e in mentees)
    with np.errstate(invalid="ignore"):
        # Unknown age passes only if the programme has no age limits (the rule is never broken).
        age_ok = np.ones(len(mentees), dtype=bool)
        if rules.min_age is not None:
            age_ok &= age >= rules.min_age
        if rules.max_age is not None:
            age_ok &= age <= rules.max_age
    mentee_arrays = SimpleNamespace(
        place=np.array(
            [_place_of(e.place, place_index, f"mentee {e.id}") for e in mentees], dtype=np.intp
        ),
        age=age,
        age_ok=age_ok,
        # §72a SGB VIII: a minor involved always needs the certificate, whatever the programme.
        needs_police=np.array(
            [rules.requires_police_certificate or e.involves_minor for e in mentees], dtype=bool
        ),
        programme_ok=np.array(
            [e.programme is None or e.programme == rules.code for e in mentees], dtype=bool
        ),
        lang=languages.masks([e.languages for e in mentees]),
        pref_lang=languages.masks([e.preferred_languages or e.languages for e in mentees]),
        needs=e_needs,
        career=e_career,
        inv_need=np.divide(1.0, need_count, out=np.zeros_like(need_count), where=need_count > 0),
        avail=e_avail,
        # Two common slots are plenty; someone offering only one slot needs just that one.
        inv_avail=np.array([0.0, 1.0, 0.5])[np.minimum(overlap(e_avail, e_avail), 2)],
        waiting_days=np.array([e.waiting_days for e in mentees], dtype=np.int64),
        waiting=np.array(
            [min(max(e.waiting_days, 0), waiting_cap) / waiting_cap for e in mentees],
            dtype=np.float64,
        ),
    )
    mentor_pos = {m.id: i for i, m in enumerate(mentors)}
    mentee_pos = {e.id: j for j, e in enumerate(mentees)}
    excluded = {
        (i, mentee_pos[x]) for i, m in enumerate(mentors) for x in m.excluded if x in mentee_pos
    }
    excluded |= {
        (mentor_pos[x], j) for j, e in enumerate(mentees) for x in e.excluded if x in mentor_pos
    }
    excluded_pairs = np.array(sorted(excluded), dtype=np.intp).reshape(-1, 2)
    # Ages as small indices into the distinct ages, so a block looks preferences up in a table.
    ages, age_idx = np.unique(np.nan_to_num(age, nan=-1.0), return_inverse=True)
    mentee_arrays.age_idx = age_idx.reshape(-1)
    mentee_arrays.age_values = np.where(ages < 0, np.nan, ages)
    return Encoded(
        rules=rules,
        places=places,
        place_index=place_index,
        place_km=place_km,
        mentors=mentor_arrays,
        mentees=mentee_arrays,
        mentor_ids=[m.id for m in mentors],
        mentee_ids=[e.id for e in mentees],
        excluded_mentor=excluded_pairs[:, 0],
        excluded_mentee=excluded_pairs[:, 1],
    )


def take(side: SimpleNamespace, index, names: Iterable[str]) -> SimpleNamespace:
    """Select rows of some arrays of one side (index may carry extra axes for broadcasting)."""
    return SimpleNamespace(**{name: getattr(side, name)[index] for name in names})
