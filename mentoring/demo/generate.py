"""Generate fictional people deterministically from a seed: plain dicts, no database."""

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from mentoring.demo.draws import Draws
from mentoring.demo.reference import Reference
from mentoring.demo.requests import request
from mentoring.demo.volunteers import volunteer

DEMO_VOLUNTEERS = 60
DEMO_REQUESTS = 150
REQUESTS_PER_VOLUNTEER = 2.5
EMAIL_DOMAIN = "example.org"


class DemoDataError(RuntimeError):
    """The demo data cannot be generated (e.g. reference data missing)."""


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
    draws = Draws(ref, random.Random(seed), now, today or now.date(), privacy_version)
    vols = [volunteer(draws, i) for i in range(volunteers)]
    reqs = [request(draws, i) for i in range(requests)]
    # Sign-ups arrive over time: order (and so number) the people by their sign-up time.
    vols.sort(key=lambda v: v["created_at"])
    reqs.sort(key=lambda r: r["created_at"])
    taken = set(taken_references)
    for number, v in enumerate(vols, start=first_volunteer_number):
        v["email"] = _email(v["first_name"], v["last_name"], number)
        v["reference"] = draws.reference("E", taken)
    for number, r in enumerate(reqs, start=first_request_number):
        r["contact_email"] = _email(r["contact_first_name"], r["contact_last_name"], number)
        r["reference"] = draws.reference("A", taken)
    return DemoData(vols, reqs)


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
