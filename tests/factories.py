"""Valid form data for the public forms; tests override single fields."""

from datetime import date

from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import Place, Programme


def place_id(code: str = "eickel") -> str:
    return str(db.session.scalar(select(Place.id).where(Place.code == code)))


def programme_id(code: str) -> str:
    return str(db.session.scalar(select(Programme.id).where(Programme.code == code)))


def volunteer_form(**overrides) -> dict:
    data = {
        "first_name": "Gisela",
        "last_name": "Kowalski",
        "email": "gisela.kowalski@example.org",
        "phone": "02323 123456",
        "birth_year": "1956",
        "postal_code": "44651",
        "place": place_id("eickel"),
        "programmes": [programme_id("ausbildungspaten")],
        "availability": ["tue-afternoon", "thu-morning"],
        "capacity": "2",
        "languages": ["de", "pl"],
        "occupation": "Industriekauffrau",
        "consent": "y",
        "privacy_version": "2026-11-01",
    }
    data.update(overrides)
    return data


def mentee_form(**overrides) -> dict:
    """A 17-year-old registered by a school's KAoA coordinator."""
    data = {
        "programme": programme_id("ausbildungspaten"),
        "contact_first_name": "Sabine",
        "contact_last_name": "Yilmaz",
        "contact_email": "kaoa@schule.example.org",
        "referrer_kind": "school",
        "referrer_organisation": "Gesamtschule Wanne-Eickel",
        "person_first_name": "Deniz",
        "person_birth_year": str(date.today().year - 17),
        "person_birth_month": "1",
        "postal_code": "44649",
        "place": place_id("wanne"),
        "languages": ["de", "tr"],
        "availability": ["tue-afternoon"],
        "career_goal": "Ausbildung als Elektroniker",
        "guardian_name": "Ayşe Demir",
        "guardian_consent": "y",
        "consent": "y",
        "privacy_version": "2026-11-01",
    }
    data.update(overrides)
    return data
