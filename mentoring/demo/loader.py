"""Demo and synthetic data: fictional people of Herne for demonstrations and load tests.

Two layers:

* pure generators: a `Reference` snapshot (active programmes, places, postal codes, tags,
  languages) and `generate(...)`, which turns a seed into plain dicts. No database is involved,
  so tests can compare two runs directly.
* `load_demo`, which takes the snapshot from the database, generates, and stores everything with
  bulk inserts in one transaction (a failure leaves nothing half-written).

Only `random.Random(seed)` is used: the same seed, reference data and date give the same people
in the same order (names, references, e-mail numbers, ...). Ages are drawn as ages and turned into
birth years against today's date, so every request fits its programme on whatever day it is
loaded; names and references do not depend on the date.

Everybody speaks German except the families asking for a language guide (Sprachlots*innen):
their requests list only their own languages, so the shared-language rule has to find a
volunteer who speaks one of them.

All people are invented. E-mail addresses use the reserved domain example.org; the phone numbers
look like Herne numbers (02323) but are random.
"""

import math
import random
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import func, insert, select, text

from mentoring import availability, clock
from mentoring.demo import names
from mentoring.eligibility import SELF_SIGNUP_MIN_AGE, fits_range, is_minor, possible_age
from mentoring.extensions import db
from mentoring.models import (
    Department,
    DuplicateSignup,
    Language,
    MenteeRequest,
    Place,
    PoliceCheck,
    PostalCode,
    Programme,
    RegisteredBy,
    RequestStatus,
    StaffRole,
    StaffUser,
    Tag,
    TagKind,
    Volunteer,
    VolunteerStatus,
)
from mentoring.models.consent import ConsentRecord
from mentoring.models.people import (
    request_languages,
    request_tags,
    volunteer_languages,
    volunteer_programmes,
    volunteer_tags,
    volunteer_travel_places,
)
from mentoring.operations.signup import _REFERENCE_ALPHABET

DEMO_STAFF_EMAIL = "koordination@example.org"
DEMO_STAFF_PASSWORD = "Generationen-2026"
DEMO_STAFF_NAME = "Demo Koordination"
DEMO_VOLUNTEERS = 60
DEMO_REQUESTS = 150
REQUESTS_PER_VOLUNTEER = 2.5
EMAIL_DOMAIN = "example.org"
# Rows per execute call outside PostgreSQL (SQLAlchemy batches RETURNING inserts itself).
CHUNK = 2000


class DemoDataError(RuntimeError):
    """The demo data cannot be generated (e.g. reference data missing)."""


# --- Programme kinds -------------------------------------------------------------------------
# How a programme's people look. Known programme codes have their own kind; a programme added
# by an admin gets one from its attributes, and ages always come from its min_age/max_age.
_KIND_BY_CODE = {
    "ausbildungspaten": "career",
    "familienpaten": "family",
    "klein-trifft-gross": "child",
    "sprachlotsen": "language",
    "wohneinrichtungen": "care",
    "gruendungsmentoring": "founder",
}
_REQUEST_WEIGHTS = {
    "career": 40,
    "family": 18,
    "child": 24,
    "language": 18,
    "care": 8,
    "founder": 6,
    "youth": 8,
    "adult": 6,
}
_VOLUNTEER_WEIGHTS = {
    "career": 40,
    "family": 15,
    "child": 25,
    "language": 15,
    "care": 8,
    "founder": 6,
    "youth": 8,
    "adult": 5,
}
# Exact ages of the person supported (family kinds: the youngest child).
_AGE_WEIGHTS = {
    "career": {
        14: 8,
        15: 12,
        16: 16,
        17: 16,
        18: 13,
        19: 10,
        20: 8,
        21: 6,
        22: 4,
        23: 3,
        24: 2,
        25: 1,
        26: 1,
    },
    "family": {0: 45, 1: 35, 2: 20},
    "child": {3: 8, 4: 10, 5: 11, 6: 12, 7: 12, 8: 11, 9: 10, 10: 9, 11: 8, 12: 7},
    "language": dict.fromkeys(range(20, 56), 1),
    "care": dict.fromkeys(range(13, 22), 1),
    "founder": dict.fromkeys(range(20, 36), 1),
    "youth": dict.fromkeys(range(12, 21), 1),
    "adult": dict.fromkeys(range(20, 41), 1),
}
# Share of birth months given (family programmes always give it: the age decides eligibility).
_MONTH_SHARE = {"family": 1.0, "child": 0.5}
_GENERATION = {
    "career": "youth",
    "care": "youth",
    "youth": "youth",
    "family": "child",
    "child": "child",
    "language": "parent",
    "founder": "parent",
    "adult": "parent",
}
_PERSON_ORIGINS = {
    "family": names.FAMILY_ORIGINS,
    "child": names.FAMILY_ORIGINS,
    "language": names.REFUGEE_ORIGINS,
}
_REGISTERED_BY = {
    "career": {RegisteredBy.SELF: 45, RegisteredBy.GUARDIAN: 15, RegisteredBy.REFERRER: 40},
    "family": {RegisteredBy.GUARDIAN: 75, RegisteredBy.REFERRER: 25},
    "child": {RegisteredBy.GUARDIAN: 70, RegisteredBy.REFERRER: 30},
    "language": {RegisteredBy.SELF: 60, RegisteredBy.GUARDIAN: 5, RegisteredBy.REFERRER: 35},
    "care": {RegisteredBy.SELF: 10, RegisteredBy.REFERRER: 90},
    "founder": {RegisteredBy.SELF: 75, RegisteredBy.REFERRER: 25},
    "youth": {RegisteredBy.SELF: 35, RegisteredBy.GUARDIAN: 35, RegisteredBy.REFERRER: 30},
    "adult": {RegisteredBy.SELF: 70, RegisteredBy.REFERRER: 30},
}
# Which occupations suit a volunteer of a programme kind (see names.OCCUPATIONS).
_OCCUPATION_SUIT = {
    "career": "career",
    "family": "family",
    "child": "child",
    "language": "language",
    "care": "career",
    "founder": "founder",
    "youth": "career",
    "adult": "career",
}
_FEMALE_SHARE = {"family": 0.8, "child": 0.7, "language": 0.6, "career": 0.4}
# Tags a volunteer of a programme kind typically ticks: (tag, probability).
_PROGRAMME_TAGS = {
    "career": (("berufsorientierung", 0.8), ("bewerbung", 0.7), ("vorstellungsgespraech", 0.5)),
    "family": (("alltag-familie", 0.9), ("kochen", 0.3)),
    "child": (("vorlesen-spielen", 0.8), ("natur-garten", 0.3), ("lernen", 0.3)),
    "language": (("behoerden", 0.8), ("deutsch", 0.5), ("alltag-familie", 0.3)),
    "care": (("alltag-familie", 0.5), ("berufsorientierung", 0.5)),
    "founder": (("gruendung", 0.9), ("geld", 0.5)),
    "youth": (("lernen", 0.5),),
    "adult": (),
}
# Sprachlots*innen: the first volunteers and requests cycle through these origins, so that even
# the small demo set has shared languages to match on.
_LANGUAGE_VOLUNTEER_CYCLE = ("ar", "uk", "rude", "ku", "tr")
_LANGUAGE_REQUEST_CYCLE = ("ar", "uk", "ku", "tr")
# Weekly availability: probability per weekday and per part of day, multiplied.
_WEEKDAYS = {"mon": 1, "tue": 1, "wed": 1, "thu": 1, "fri": 1}
_AVAILABILITY = {
    "senior": (
        {**dict.fromkeys(_WEEKDAYS, 0.55), "sat": 0.15, "sun": 0.08},
        {"morning": 0.8, "afternoon": 0.8, "evening": 0.25},
    ),
    "youth": (
        {**dict.fromkeys(_WEEKDAYS, 0.6), "sat": 0.35, "sun": 0.15},
        {"morning": 0.08, "afternoon": 0.85, "evening": 0.45},
    ),
    "family": (
        {**dict.fromkeys(_WEEKDAYS, 0.6), "sat": 0.2, "sun": 0.1},
        {"morning": 0.75, "afternoon": 0.6, "evening": 0.1},
    ),
    "child": (
        {**dict.fromkeys(_WEEKDAYS, 0.6), "sat": 0.4, "sun": 0.25},
        {"morning": 0.05, "afternoon": 0.85, "evening": 0.15},
    ),
    "adult": (
        {**dict.fromkeys(_WEEKDAYS, 0.65), "sat": 0.1, "sun": 0.05},
        {"morning": 0.8, "afternoon": 0.5, "evening": 0.15},
    ),
}
_AVAILABILITY_BY_KIND = {
    "career": "youth",
    "care": "youth",
    "youth": "youth",
    "family": "family",
    "child": "child",
    "language": "adult",
    "founder": "adult",
    "adult": "adult",
}
_PREFERRED_AGES = {"child": ((3, 6), (4, 8), (6, 12), (3, 10)), "career": ((14, 18), (16, 25))}
_CAPACITY = {1: 55, 2: 33, 3: 12}
_CHILDREN = {1: 35, 2: 35, 3: 18, 4: 8, 5: 4}
_LOCALES = ("tr", "ar", "uk")  # mentee-side interface languages besides de and en


@dataclass(frozen=True)
class ProgrammeInfo:
    code: str
    min_age: int | None
    max_age: int | None
    for_families: bool = False
    requires_shared_language: bool = False
    requires_police_certificate: bool = False

    @property
    def kind(self) -> str:
        known = _KIND_BY_CODE.get(self.code)
        if known:
            return known
        if self.requires_shared_language:
            return "language"
        if self.for_families:
            return "family" if self.max_age is not None and self.max_age <= 2 else "child"
        if self.min_age is not None and self.min_age >= 18:
            return "adult"
        return "youth"


@dataclass(frozen=True)
class PlaceInfo:
    code: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Reference:
    """What the generators need to know of the reference data; codes only, no ids."""

    programmes: tuple[ProgrammeInfo, ...]  # active ones, in display order
    places: tuple[PlaceInfo, ...]
    postal_codes: tuple[str, ...]
    tags: frozenset[str]
    career_fields: tuple[str, ...]
    languages: frozenset[str]

    @classmethod
    def from_database(cls) -> "Reference":
        programmes = db.session.scalars(
            select(Programme)
            .where(Programme.active.is_(True))
            .order_by(Programme.sort_order, Programme.code)
        )
        tags = db.session.execute(select(Tag.code, Tag.kind).order_by(Tag.sort_order, Tag.code))
        tags = list(tags)
        return cls(
            programmes=tuple(
                ProgrammeInfo(
                    p.code,
                    p.min_age,
                    p.max_age,
                    p.for_families,
                    p.requires_shared_language,
                    p.requires_police_certificate,
                )
                for p in programmes
            ),
            places=tuple(
                PlaceInfo(p.code, p.lat, p.lon)
                for p in db.session.scalars(select(Place).order_by(Place.code))
            ),
            postal_codes=tuple(
                db.session.scalars(select(PostalCode.code).order_by(PostalCode.code))
            ),
            tags=frozenset(code for code, _ in tags),
            career_fields=tuple(code for code, kind in tags if kind == TagKind.CAREER_FIELD),
            languages=frozenset(db.session.scalars(select(Language.code))),
        )

    @classmethod
    def from_data(cls, data: Mapping) -> "Reference":
        """From a dict shaped like mentoring/data/reference.json (for tests without a database)."""
        programmes = sorted(
            (p for p in data["programmes"] if p.get("active", True)),
            key=lambda p: (p.get("sort_order", 0), p["code"]),
        )
        return cls(
            programmes=tuple(
                ProgrammeInfo(
                    p["code"],
                    p.get("min_age"),
                    p.get("max_age"),
                    p.get("for_families", False),
                    p.get("requires_shared_language", False),
                    p.get("requires_police_certificate", False),
                )
                for p in programmes
            ),
            places=tuple(
                sorted(
                    (
                        PlaceInfo(p["code"], p["lat"], p["lon"])
                        for d in data["districts"]
                        for p in d["places"]
                    ),
                    key=lambda p: p.code,
                )
            ),
            postal_codes=tuple(sorted(data["postal_codes"])),
            tags=frozenset(code for items in data["tags"].values() for code, _ in items),
            career_fields=tuple(code for code, _ in data["tags"].get("career_field", [])),
            languages=frozenset(item["code"] for item in data["languages"]),
        )


@dataclass
class DemoData:
    """Generated people as plain dicts: table columns plus codes of linked rows."""

    volunteers: list[dict]
    requests: list[dict]


def demo_counts(volunteers: int | None, requests: int | None) -> tuple[int, int]:
    """The numbers to generate: the demo set, or a synthetic set with the missing side filled in
    at the demo ratio of 2.5 requests per volunteer."""
    if volunteers is None and requests is None:
        return DEMO_VOLUNTEERS, DEMO_REQUESTS
    if requests is None:
        return volunteers, int(volunteers * REQUESTS_PER_VOLUNTEER)
    if volunteers is None:
        return int(requests / REQUESTS_PER_VOLUNTEER), requests
    return volunteers, requests


def generate(
    ref: Reference,
    *,
    volunteers: int,
    requests: int,
    seed: int = 2021,
    now: datetime,
    today: date | None = None,
    privacy_version: str,
    first_volunteer_number: int = 1,
    first_request_number: int = 1,
    taken_references: frozenset[str] | set[str] = frozenset(),
) -> DemoData:
    """Generate people deterministically; a pure function of its arguments.

    `now` (timezone-aware) spreads the sign-up times over the past 12 months; `today` (default:
    now's date) turns drawn ages into birth years. The running numbers make e-mail addresses
    unique; references already in `taken_references` are skipped.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if (volunteers or requests) and not (ref.programmes and ref.places):
        raise DemoDataError(
            "Referenzdaten fehlen (aktive Programme, Stadtteile). Bitte zuerst »flask seed«."
        )
    gen = _Generator(ref, random.Random(seed), now, today or now.date(), privacy_version)
    vols = [gen.volunteer(i) for i in range(volunteers)]
    reqs = [gen.request(i) for i in range(requests)]
    # Sign-ups arrive over time: order (and so number) the people by their sign-up time.
    vols.sort(key=lambda v: v["created_at"])
    reqs.sort(key=lambda r: r["created_at"])
    taken = set(taken_references)
    for number, v in enumerate(vols, start=first_volunteer_number):
        v["email"] = _email(v["first_name"], v["last_name"], number)
        v["reference"] = gen.reference("E", taken)
    for number, r in enumerate(reqs, start=first_request_number):
        r["contact_email"] = _email(r["contact_first_name"], r["contact_last_name"], number)
        r["reference"] = gen.reference("A", taken)
    return DemoData(vols, reqs)


class _Generator:
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
        self.neighbours = _neighbours(ref.places)
        known = set(ref.postal_codes)
        self.postal = {
            code: [c for c in names.PLACE_POSTAL_CODES.get(code, ()) if c in known]
            or list(ref.postal_codes)
            for code in self.place_codes
        }
        self.language_volunteers = 0
        self.language_requests = 0

    # -- helpers --------------------------------------------------------------------------
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
        days, parts = _AVAILABILITY[profile]
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

    # -- volunteers -----------------------------------------------------------------------
    def volunteer(self, i: int) -> dict:
        r = self.rng
        primary = self.programme(i, _VOLUNTEER_WEIGHTS)
        kind = primary.kind
        if kind == "language":
            cycle = _LANGUAGE_VOLUNTEER_CYCLE
            n = self.language_volunteers
            origin = cycle[n] if n < len(cycle) else self.weighted(names.LANGUAGE_VOLUNTEER_ORIGINS)
            self.language_volunteers += 1
        else:
            origin = self.weighted(names.SENIOR_ORIGINS)
        female = r.random() < _FEMALE_SHARE.get(kind, 0.5)
        first, last = self.name(origin, "senior", female)
        birth_year = min(1970, int(r.triangular(1945, 1971, 1958)))

        own = names.ORIGIN_LANGUAGES[origin]
        langs = ["de"]
        if own and (kind == "language" or r.random() < 0.9):
            langs.append(own[0])
        langs += [extra for extra in own[1:] if r.random() < 0.4]
        if origin == "de" and r.random() < 0.25:
            langs.append("en")
        langs = self.languages(langs)

        programmes = [primary]
        others = [p for p in self.ref.programmes if p is not primary]
        speaks_other = any(code not in ("de", "en") for code in langs)
        if not speaks_other:
            others = [p for p in others if not p.requires_shared_language]
        language_others = [p for p in others if p.requires_shared_language]
        if language_others and r.random() < 0.4:
            programmes.append(r.choice(language_others))
        elif others and r.random() < 0.3:
            programmes.append(r.choice(others))

        suit = _OCCUPATION_SUIT[kind]
        with_title = [o for o in names.OCCUPATIONS if (o[1] if female else o[0])]
        fitting = [o for o in with_title if suit in o[4]]
        occupation = None
        tag_codes: list[str] = []
        if r.random() >= 0.04:
            occ = r.choice(fitting if fitting and r.random() < 0.75 else with_title)
            occupation = occ[1] if female else occ[0]
            tag_codes += occ[2]
            if kind in ("career", "care", "founder") or r.random() < 0.6:
                tag_codes += occ[3]
        for programme in programmes:
            for code, share in _PROGRAMME_TAGS[programme.kind]:
                if r.random() < share:
                    tag_codes.append(code)
        for _ in range(r.choice((0, 1, 1, 2))):
            tag_codes.append(r.choice(names.HOBBY_TAGS))

        place = self.place(i)
        travel = [place] + self.neighbours[place][: self.weighted({0: 15, 1: 30, 2: 35, 3: 20})]
        radius = r.choice((2.0, 5.0, 10.0)) if r.random() < 0.25 else None
        preferred = None
        if kind in _PREFERRED_AGES and r.random() < 0.3:
            preferred = r.choice(_PREFERRED_AGES[kind])
        experience = None
        if occupation and r.random() < 0.5:
            # Drawn first, then capped: the same draws whatever today's date.
            years = max(10, min(r.randint(15, 45), self.today.year - birth_year - 20))
            experience = f"{years} Jahre als {occupation} gearbeitet."
            if r.random() < 0.4:
                experience += " " + r.choice(names.EXPERIENCE_EXTRAS)
        interests = None
        if r.random() < 0.65:
            interests = ", ".join(r.sample(names.INTERESTS, r.randint(1, 3)))
        created = self.created_at()
        days = (self.now - created).days
        if days < 21:
            status = self.weighted({VolunteerStatus.NEW: 80, VolunteerStatus.SCREENING: 20})
        elif days < 90:
            status = self.weighted(
                {VolunteerStatus.NEW: 15, VolunteerStatus.SCREENING: 55, VolunteerStatus.READY: 30}
            )
        else:
            status = self.weighted({VolunteerStatus.SCREENING: 20, VolunteerStatus.READY: 80})
        interview_on, training_on, police_check = self.screening(
            created, status, any(p.requires_police_certificate for p in programmes)
        )
        full_name = f"{first} {last}"
        return {
            "first_name": first,
            "last_name": last,
            "phone": self.phone() if r.random() < 0.85 else None,
            "birth_year": birth_year,
            "postal_code": r.choice(self.postal[place]),
            "place": place,
            "occupation": occupation,
            "experience": experience,
            "interests": interests,
            "capacity": self.weighted(_CAPACITY),
            "travel_radius_km": radius,
            "availability": self.slots("senior"),
            "preferred_min_age": preferred[0] if preferred else None,
            "preferred_max_age": preferred[1] if preferred else None,
            "partner_wishes": r.choice(names.PARTNER_WISHES) if r.random() < 0.12 else None,
            "heard_from": r.choice(names.HEARD_FROM) if r.random() < 0.8 else None,
            "status": status,
            "locale": "de",
            "created_at": created,
            "interview_on": interview_on,
            "training_on": training_on,
            "police_check": police_check,
            "programmes": [p.code for p in programmes],
            "languages": langs,
            "tags": self.tags(tag_codes),
            "travel_places": travel,
            "consents": [self.consent(created, full_name, RegisteredBy.SELF.value, "self")],
        }

    def screening(self, created: datetime, status: VolunteerStatus, needs_certificate: bool):
        """Interview and training dates and a police-certificate inspection, as far as the
        volunteer's status says screening has got (§72a SGB VIII: facts only, no document)."""
        r = self.rng
        start = created.date()
        if status is VolunteerStatus.NEW or (self.now - created).days < 7:
            return None, None, None
        interview = min(self.today, start + timedelta(days=r.randint(5, 30)))
        training = None
        if status is VolunteerStatus.READY:
            training = min(self.today, interview + timedelta(days=r.randint(7, 45)))
        elif r.random() < 0.4:
            interview = None
        check = None
        if needs_certificate and (status is VolunteerStatus.READY or r.random() < 0.4):
            inspected = min(self.today, start + timedelta(days=r.randint(10, 60)))
            check = {
                # A certificate may be at most three months old when it is shown.
                "issue_date": inspected - timedelta(days=r.randint(3, 80)),
                "inspected_on": inspected,
                "conviction_listed": False,
                "created_at": datetime.combine(inspected, time(10), UTC),
            }
        return interview, training, check

    # -- requests -------------------------------------------------------------------------
    def request(self, i: int) -> dict:
        r = self.rng
        programme = self.programme(i, _REQUEST_WEIGHTS)
        kind = programme.kind
        birth_year, birth_month = self.birth(programme)
        ages = possible_age(birth_year, birth_month, self.today)
        minor = is_minor(ages)
        registered_by = self.registered_by(programme, kind, ages)

        if kind == "language":
            cycle = _LANGUAGE_REQUEST_CYCLE
            n = self.language_requests
            origin = cycle[n] if n < len(cycle) else self.weighted(names.REFUGEE_ORIGINS)
            self.language_requests += 1
        else:
            origin = self.weighted(_PERSON_ORIGINS.get(kind, names.YOUTH_ORIGINS))
        generation = _GENERATION[kind]
        person_female = r.random() < 0.5
        family_name = r.choice(names.SURNAMES[origin])
        person_first = r.choice(names.GIVEN[origin][generation][0 if person_female else 1])
        person_last = names.surname_for(origin, family_name, person_female)
        parent_female = r.random() < 0.75
        parent_first = r.choice(names.GIVEN[origin]["parent"][0 if parent_female else 1])
        parent_last = names.surname_for(origin, family_name, parent_female)

        referrer_kind = organisation = None
        if registered_by is RegisteredBy.SELF:
            contact = (person_first, person_last)
        elif registered_by is RegisteredBy.GUARDIAN:
            contact = (parent_first, parent_last)
        else:
            pro_origin = self.weighted(names.PROFESSIONAL_ORIGINS)
            contact = self.name(pro_origin, "parent", r.random() < 0.7)
            referrer_kind = self.weighted(names.REFERRER_KINDS[kind])
            by_kind = names.ORGANISATIONS[referrer_kind]
            pool = by_kind.get(kind) or by_kind.get("any") or next(iter(by_kind.values()))
            organisation = r.choice(pool)

        own = names.ORIGIN_LANGUAGES[origin]
        if kind == "language":
            # Families asking for a language guide: their own languages, not (yet) German.
            langs = [own[0]] if own else ["de"]
            langs += [extra for extra in own[1:] if r.random() < 0.5]
            if r.random() < 0.15:
                langs.append("en")
        else:
            langs = ["de"]
            if own and r.random() < 0.6:
                langs.append(own[0])
            if r.random() < 0.05:
                langs.append("en")
        langs = self.languages(langs) or ["de"]

        career_goal = None
        tag_codes = r.sample(names.NEEDS[kind], r.randint(1, 3))
        if kind == "career":
            if r.random() < 0.7:
                goal_m, goal_f, fields = r.choice(names.CAREER_GOALS)
                career_goal = goal_f if person_female else goal_m
                tag_codes += fields
            elif self.ref.career_fields and r.random() < 0.5:
                tag_codes += r.sample(self.ref.career_fields, min(2, len(self.ref.career_fields)))

        goal = None
        if registered_by is RegisteredBy.REFERRER:
            if kind == "career" and r.random() < 0.6:
                goal = r.choice(names.GOALS["career_referred"])
        elif r.random() < 0.6:
            goal = r.choice(names.GOALS[kind])

        children = None
        if kind in ("family", "child") or (kind == "language" and r.random() < 0.6):
            children = self.weighted(_CHILDREN)

        locale = "de"
        if registered_by is not RegisteredBy.REFERRER:
            if origin in _LOCALES and r.random() < 0.35:
                locale = origin
            elif (origin == "af" and r.random() < 0.3) or r.random() < 0.03:
                locale = "en"

        place = self.place(i)
        created = self.created_at()
        if (self.now - created).days < 14:
            status = self.weighted({RequestStatus.NEW: 85, RequestStatus.OPEN: 15})
        else:
            status = self.weighted({RequestStatus.NEW: 10, RequestStatus.OPEN: 90})

        contact_name = f"{contact[0]} {contact[1]}"
        on_behalf = "minor" if minor else "self" if registered_by is RegisteredBy.SELF else "adult"
        consents = [self.consent(created, contact_name, registered_by.value, on_behalf)]
        if minor and registered_by is not RegisteredBy.GUARDIAN:
            # The guardian's consent, confirmed by the young person (16-17) or the referrer.
            consents.append(
                self.consent(
                    created,
                    f"{parent_first} {parent_last}",
                    RegisteredBy.GUARDIAN.value,
                    "minor",
                    purpose="guardian_consent",
                )
            )
        return {
            "programme": programme.code,
            "registered_by": registered_by,
            "contact_first_name": contact[0],
            "contact_last_name": contact[1],
            "contact_phone": self.phone()
            if r.random() < (0.95 if referrer_kind else 0.75)
            else None,
            "referrer_kind": referrer_kind,
            "referrer_organisation": organisation,
            "person_first_name": person_first,
            "person_birth_year": birth_year,
            "person_birth_month": birth_month,
            "children_count": children,
            "postal_code": r.choice(self.postal[place]),
            "place": place,
            "goal": goal,
            "career_goal": career_goal,
            "availability": self.slots(_AVAILABILITY_BY_KIND[kind]),
            "status": status,
            "locale": locale,
            "created_at": created,
            "languages": langs,
            "tags": self.tags(tag_codes),
            "consents": consents,
        }

    def birth(self, programme: ProgrammeInfo) -> tuple[int, int | None]:
        """Birth year (and maybe month) of someone whose every possible age fits the programme."""
        r = self.rng
        low, high = programme.min_age, programme.max_age
        weights = {
            age: w
            for age, w in _AGE_WEIGHTS[programme.kind].items()
            if (low is None or age >= low) and (high is None or age <= high)
        }
        if not weights:  # an admin's unusual range: spread evenly over it
            first = low if low is not None else 0
            weights = dict.fromkeys(range(first, (high if high is not None else first + 20) + 1), 1)
        age = self.weighted(weights)
        month = r.randint(1, 12) if r.random() < _MONTH_SHARE.get(programme.kind, 0.3) else None
        year = self.today.year - age
        uncertain = fits_range(possible_age(year, None, self.today), low, high) is not True
        if month is None and uncertain:
            # Without a month the age would be uncertain at the edge of the range.
            month = r.randint(1, 12)
        if month is not None:
            year = self.today.year - age - (1 if self.today.month < month else 0)
        return year, month

    def registered_by(self, programme: ProgrammeInfo, kind: str, ages) -> RegisteredBy:
        weights = {
            way: w
            for way, w in _REGISTERED_BY[kind].items()
            if not (
                way is RegisteredBy.SELF
                and (programme.for_families or ages.low < SELF_SIGNUP_MIN_AGE)
            )
            and not (way is RegisteredBy.GUARDIAN and not is_minor(ages))
        }
        return self.weighted(weights) if weights else RegisteredBy.REFERRER

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


def _neighbours(places: Sequence[PlaceInfo]) -> dict[str, list[str]]:
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


_TRANSLITERATION = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "ß": "ss",
        "ł": "l",
        "ı": "i",
        "ø": "o",
        "đ": "d",
        " ": "",
        "'": "",
    }
)


def _slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.lower().translate(_TRANSLITERATION))
    return "".join(c for c in text if c.isascii() and (c.isalnum() or c == "-"))


def _email(first: str, last: str, number: int) -> str:
    return f"{_slug(first)}.{_slug(last)}.{number}@{EMAIL_DOMAIN}"


# --- Loading ---------------------------------------------------------------------------------


def load_demo(
    *, volunteers: int | None, requests: int | None, seed: int = 2021, if_empty: bool = False
) -> str:
    """Store fictional people and the demo staff account; return a one-line German report.

    * volunteers and requests both None: the demo set of 60 volunteers and 150 requests over all
      active programmes and all places of Herne.
    * Either given: a synthetic set of that size built by the same generators (for load tests).
      A missing count follows the demo ratio: volunteers=N alone gives int(N * 2.5) requests,
      requests=M alone gives int(M / 2.5) volunteers.
    * if_empty: do nothing when any volunteer or request is stored (``make run`` calls this on
      every start).

    The demo staff account (DEMO_STAFF_EMAIL / DEMO_STAFF_PASSWORD, admin of all departments) is
    created unless it exists. Everything is written in one transaction (a failure rolls all of it
    back). Rows are written in bulk: COPY on PostgreSQL with ids reserved from the sequences,
    Core executemany with RETURNING elsewhere; neither collides with concurrent sign-ups. E-mail
    numbers start above the highest stored id, so repeated loads keep addresses unique.
    Ready volunteers get interview and training dates and, for programmes with minors, a police
    certificate inspection (by the demo account).
    """
    if if_empty and _people_exist():
        return "Demo-Daten nicht geladen: Es sind bereits Ehrenamtliche oder Anfragen gespeichert."
    n_volunteers, n_requests = demo_counts(volunteers, requests)
    synthetic = volunteers is not None or requests is not None
    try:
        data = generate(
            Reference.from_database(),
            volunteers=n_volunteers,
            requests=n_requests,
            seed=seed,
            now=datetime.now(UTC),
            today=clock.today(),
            privacy_version=current_app.config["PRIVACY_TEXT_VERSION"],
            first_volunteer_number=(db.session.scalar(select(func.max(Volunteer.id))) or 0) + 1,
            first_request_number=(db.session.scalar(select(func.max(MenteeRequest.id))) or 0) + 1,
            taken_references=_taken_references(),
        )
        _store(data, _ensure_demo_staff())
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    label = "Synthetische Daten" if synthetic else "Demo-Daten"
    return (
        f"{label}: {len(data.volunteers)} Ehrenamtliche, {len(data.requests)} Anfragen, "
        f"Demo-Zugang {DEMO_STAFF_EMAIL}"
    )


def _people_exist() -> bool:
    return (
        db.session.scalar(select(Volunteer.id).limit(1)) is not None
        or db.session.scalar(select(MenteeRequest.id).limit(1)) is not None
    )


def _taken_references() -> set[str]:
    taken: set[str] = set()
    for column in (Volunteer.reference, MenteeRequest.reference, DuplicateSignup.reference):
        taken.update(db.session.scalars(select(column)))
    return taken


def _ensure_demo_staff() -> int:
    """The demo admin's id; the account is created unless it exists."""
    existing = db.session.scalar(select(StaffUser.id).where(StaffUser.email == DEMO_STAFF_EMAIL))
    if existing is not None:
        return existing
    staff = StaffUser(
        email=DEMO_STAFF_EMAIL,
        name=DEMO_STAFF_NAME,
        role=StaffRole.ADMIN,
        departments=list(db.session.scalars(select(Department).order_by(Department.id))),
    )
    staff.set_password(DEMO_STAFF_PASSWORD)
    db.session.add(staff)
    db.session.flush()
    return staff.id


def _chunks(rows: list[dict], size: int = CHUNK) -> Iterator[list[dict]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _postgres() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def _insert(table, rows: list[dict]) -> None:
    """Bulk insert: COPY on PostgreSQL (executemany there sends every row on its own), Core
    executemany elsewhere."""
    if not rows:
        return
    if _postgres():
        _copy(table, rows)
        return
    for chunk in _chunks(rows):
        db.session.execute(insert(table), chunk)


def _insert_people(table, rows: list[dict]) -> list[int]:
    """Insert volunteers or requests in bulk; return their new ids in the order of the rows.

    PostgreSQL: ids are reserved from the table's sequence first (safe next to concurrent
    sign-ups), then the rows are copied. Elsewhere: RETURNING, matched through the unique
    reference (asking SQLAlchemy to keep RETURNING in parameter order makes it insert row by row).
    """
    if not rows:
        return []
    if _postgres():
        ids = sorted(
            db.session.scalars(
                text(
                    "SELECT nextval(pg_get_serial_sequence(:table, 'id')) "
                    "FROM generate_series(1, :n)"
                ),
                {"table": table.name, "n": len(rows)},
            )
        )
        _copy(table, [{"id": id_, **row} for id_, row in zip(ids, rows, strict=True)])
        return ids
    statement = insert(table).returning(table.c.reference, table.c.id)
    by_reference: dict[str, int] = {}
    for chunk in _chunks(rows):
        by_reference.update(db.session.execute(statement, chunk).all())
    return [by_reference[row["reference"]] for row in rows]


def _copy(table, rows: list[dict]) -> None:
    """COPY rows into a PostgreSQL table inside the session's transaction.

    Values go through the columns' SQLAlchemy bind processing (enums, UTC timestamps), and
    columns left out get their Python-side defaults, as a Core insert would do.
    """
    from psycopg import sql

    dialect = db.session.get_bind().dialect
    names_given = list(rows[0])
    defaults = {
        c.name: c.default
        for c in table.columns
        if c.name not in rows[0]
        and c.default is not None
        and (c.default.is_scalar or c.default.is_callable)
    }
    columns = [table.c[name] for name in names_given + list(defaults)]
    processors = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns]
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(sql.Identifier(c.name) for c in columns)
    )
    cursor = db.session.connection().connection.driver_connection.cursor()
    with cursor, cursor.copy(statement) as copy:
        for row in rows:
            values = [row[name] for name in names_given]
            values += [d.arg if d.is_scalar else d.arg(None) for d in defaults.values()]
            copy.write_row(
                [
                    p(v) if p is not None and v is not None else v
                    for p, v in zip(processors, values, strict=True)
                ]
            )


def _columns(table, sample: dict) -> list[str]:
    """The table's columns that the generated dicts fill in (ids and foreign keys aside)."""
    return [
        c.name
        for c in table.columns
        if c.name in sample and c.name not in ("id", "place_id", "programme_id")
    ]


def _store(data: DemoData, staff_id: int | None) -> None:
    programme_ids = dict(db.session.execute(select(Programme.code, Programme.id)).all())
    place_ids = dict(db.session.execute(select(Place.code, Place.id)).all())
    tag_ids = dict(db.session.execute(select(Tag.code, Tag.id)).all())
    consents: list[dict] = []
    checks: list[dict] = []

    table = Volunteer.__table__
    columns = _columns(table, data.volunteers[0]) if data.volunteers else []
    rows = [
        {**{c: v[c] for c in columns}, "place_id": place_ids[v["place"]]} for v in data.volunteers
    ]
    ids = _insert_people(table, rows)
    links = {
        volunteer_programmes: [],
        volunteer_languages: [],
        volunteer_tags: [],
        volunteer_travel_places: [],
        request_languages: [],
        request_tags: [],
    }
    for vid, v in zip(ids, data.volunteers, strict=True):
        links[volunteer_programmes] += [
            {"volunteer_id": vid, "programme_id": programme_ids[c]} for c in v["programmes"]
        ]
        links[volunteer_languages] += [
            {"volunteer_id": vid, "language_code": c} for c in v["languages"]
        ]
        links[volunteer_tags] += [{"volunteer_id": vid, "tag_id": tag_ids[c]} for c in v["tags"]]
        links[volunteer_travel_places] += [
            {"volunteer_id": vid, "place_id": place_ids[c]} for c in v["travel_places"]
        ]
        consents += [{**c, "volunteer_id": vid, "request_id": None} for c in v["consents"]]
        if v["police_check"]:
            checks.append({**v["police_check"], "volunteer_id": vid, "inspected_by_id": staff_id})

    table = MenteeRequest.__table__
    columns = _columns(table, data.requests[0]) if data.requests else []
    rows = [
        {
            **{c: r[c] for c in columns},
            "place_id": place_ids[r["place"]],
            "programme_id": programme_ids[r["programme"]],
        }
        for r in data.requests
    ]
    ids = _insert_people(table, rows)
    for rid, r in zip(ids, data.requests, strict=True):
        links[request_languages] += [
            {"request_id": rid, "language_code": c} for c in r["languages"]
        ]
        links[request_tags] += [{"request_id": rid, "tag_id": tag_ids[c]} for c in r["tags"]]
        consents += [{**c, "volunteer_id": None, "request_id": rid} for c in r["consents"]]

    for link_table, link_rows in links.items():
        _insert(link_table, link_rows)
    _insert(ConsentRecord.__table__, consents)
    _insert(PoliceCheck.__table__, checks)
