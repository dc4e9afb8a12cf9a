"""The seeded random source and the draws shared by the volunteer and request generators."""

import math
import random
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta

from mentoring import availability
from mentoring.demo import names
from mentoring.demo.profiles import AVAILABILITY
from mentoring.demo.reference import PlaceInfo, ProgrammeInfo, Reference
from mentoring.operations.signup import _REFERENCE_ALPHABET


class Draws:
    """The seeded random source and the draws that volunteers and requests share."""

    def __init__(
        self, ref: Reference, rng: random.Random, now: datetime, today: date, privacy_version: str
    ):
        self.ref = ref
        self.rng = rng
        self.now = now
        self.today = today
        self.privacy_version = privacy_version
        self.place_codes = [p.code for p in ref.places]
        self.place_weights = [names.PLACE_WEIGHTS.get(code, 6) for code in self.place_codes]
        self.neighbours = neighbours(ref.places)
        known = set(ref.postal_codes)
        self.postal = {
            code: [c for c in names.PLACE_POSTAL_CODES.get(code, ()) if c in known]
            or list(ref.postal_codes)
            for code in self.place_codes
        }
        self.language_volunteers = 0
        self.language_requests = 0

    def weighted(self, weights: Mapping):
        keys = list(weights)
        return self.rng.choices(keys, weights=[weights[k] for k in keys])[0]

    def programme(self, i: int, weights: Mapping[str, float]) -> ProgrammeInfo:
        programmes = self.ref.programmes
        if i < len(programmes):  # every active programme gets people
            return programmes[i]
        return self.rng.choices(programmes, weights=[weights[p.kind] for p in programmes])[0]

    def place(self, i: int) -> str:
        if i < len(self.place_codes):  # every place gets people
            return self.place_codes[i]
        return self.rng.choices(self.place_codes, weights=self.place_weights)[0]

    def slots(self, profile: str) -> int:
        days, parts = AVAILABILITY[profile]
        chosen = [
            f"{day}-{part}"
            for day in availability.WEEKDAYS
            for part in availability.DAYPARTS
            if self.rng.random() < days[day] * parts[part]
        ]
        if not chosen:
            chosen = [f"{self.weighted(days)}-{self.weighted(parts)}"]
        return availability.encode(chosen)

    def created_at(self) -> datetime:
        return self.now - timedelta(seconds=self.rng.randrange(365 * 24 * 3600))

    def phone(self) -> str:
        return f"02323 {self.rng.randint(200000, 989999)}"

    def name(self, origin: str, generation: str, female: bool) -> tuple[str, str]:
        first = self.rng.choice(names.GIVEN[origin][generation][0 if female else 1])
        last = names.surname_for(origin, self.rng.choice(names.SURNAMES[origin]), female)
        return first, last

    def tags(self, codes) -> list[str]:
        return [c for c in dict.fromkeys(codes) if c in self.ref.tags]

    def languages(self, codes) -> list[str]:
        return [c for c in dict.fromkeys(codes) if c in self.ref.languages]

    def reference(self, prefix: str, taken: set[str]) -> str:
        while True:
            body = "".join(self.rng.choice(_REFERENCE_ALPHABET) for _ in range(8))
            reference = f"{prefix}-{body[:4]}-{body[4:]}"
            if reference not in taken:
                taken.add(reference)
                return reference

    def consent(
        self,
        given_at: datetime,
        by_name: str,
        by_role: str,
        on_behalf_of: str,
        purpose: str = "participation",
    ) -> dict:
        return {
            "purpose": purpose,
            "text_version": self.privacy_version,
            "given_at": given_at,
            "given_by_name": by_name,
            "given_by_role": by_role,
            "on_behalf_of": on_behalf_of,
            "withdrawn_at": None,
        }


def neighbours(places: Sequence[PlaceInfo]) -> dict[str, list[str]]:
    """Other places by distance (equirectangular approximation is fine within a city)."""

    def km(a: PlaceInfo, b: PlaceInfo) -> float:
        x = math.radians(b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
        y = math.radians(b.lat - a.lat)
        return 6371.0 * math.hypot(x, y)

    return {
        p.code: [
            q.code
            for q in sorted(
                (q for q in places if q.code != p.code), key=lambda q: (km(p, q), q.code)
            )
        ]
        for p in places
    }
