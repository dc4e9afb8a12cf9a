"""Factories for the matching, proposal and tandem tests: people straight into the database."""

import itertools
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from mentoring import availability
from mentoring.extensions import db
from mentoring.models import (
    ConsentRecord,
    Language,
    MenteeRequest,
    Place,
    PoliceCheck,
    Programme,
    Proposal,
    ProposalStatus,
    RegisteredBy,
    RequestStatus,
    StaffRole,
    Tag,
    Volunteer,
    VolunteerStatus,
)
from tests.auth_helpers import create_staff, login

_numbers = itertools.count(1)


def today() -> date:
    return datetime.now(UTC).date()


def days_ago(days: int) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


def programme(code: str) -> Programme:
    return db.session.scalar(select(Programme).where(Programme.code == code))


def place(code: str) -> Place:
    return db.session.scalar(select(Place).where(Place.code == code))


def _languages(codes):
    return list(db.session.scalars(select(Language).where(Language.code.in_(codes))))


def _tags(codes):
    return list(db.session.scalars(select(Tag).where(Tag.code.in_(codes))))


def add_police_check(volunteer: Volunteer, state: str = "valid") -> None:
    """valid, expired (inspected more than 5 years ago) or conviction."""
    inspected = today() - timedelta(days=30)
    if state == "expired":
        inspected = today() - timedelta(days=5 * 366 + 10)
    db.session.add(
        PoliceCheck(
            volunteer_id=volunteer.id,
            issue_date=inspected - timedelta(days=10),
            inspected_on=inspected,
            conviction_listed=state == "conviction",
        )
    )
    db.session.commit()


def make_volunteer(
    *,
    programmes=("ausbildungspaten",),
    status=VolunteerStatus.READY,
    place_code="eickel",
    capacity=1,
    languages=("de",),
    tags=(),
    slots=("tue-afternoon",),
    certificate=None,
    created_days_ago=30,
    first_name="Gisela",
    last_name=None,
    occupation=None,
    travel_radius_km=10.0,
) -> Volunteer:
    n = next(_numbers)
    p = place(place_code)
    volunteer = Volunteer(
        reference=f"E-TEST-{n:04d}",
        first_name=first_name,
        last_name=last_name or f"Muster{n}",
        email=f"ehrenamt{n}@example.org",
        birth_year=1955,
        postal_code="44651",
        place_id=p.id,
        occupation=occupation,
        capacity=capacity,
        travel_radius_km=travel_radius_km,
        availability=availability.encode(slots),
        status=status,
        created_at=days_ago(created_days_ago),
        programmes=[programme(c) for c in programmes],
        languages=_languages(languages),
        tags=_tags(tags),
    )
    db.session.add(volunteer)
    db.session.commit()
    if certificate:
        add_police_check(volunteer, certificate)
    return volunteer


def make_request(
    *,
    programme_code="ausbildungspaten",
    age=17,
    status=RequestStatus.OPEN,
    place_code="wanne",
    languages=("de",),
    tags=(),
    slots=("tue-afternoon",),
    created_days_ago=20,
    first_name="Deniz",
    career_goal=None,
    consent_withdrawn=False,
) -> MenteeRequest:
    n = next(_numbers)
    p = place(place_code)
    birth = today() - timedelta(days=365 * age + 100)
    request_row = MenteeRequest(
        reference=f"A-TEST-{n:04d}",
        programme_id=programme(programme_code).id,
        registered_by=RegisteredBy.REFERRER,
        contact_first_name="Sabine",
        contact_last_name=f"Kontakt{n}",
        contact_email=f"kontakt{n}@example.org",
        person_first_name=first_name,
        person_birth_year=birth.year,
        person_birth_month=birth.month,
        postal_code="44649",
        place_id=p.id,
        career_goal=career_goal,
        availability=availability.encode(slots),
        status=status,
        created_at=days_ago(created_days_ago),
        languages=_languages(languages),
        tags=_tags(tags),
    )
    db.session.add(request_row)
    db.session.commit()
    if consent_withdrawn:
        db.session.add(
            ConsentRecord(
                request_id=request_row.id,
                text_version="2026-11-01",
                given_by_name="Sabine",
                given_by_role="referrer",
                on_behalf_of="minor",
                withdrawn_at=days_ago(1),
            )
        )
        db.session.commit()
    return request_row


def make_proposal(
    volunteer, request_row, *, created_days_ago=0, run_id=None, score=0.8
) -> Proposal:
    proposal = Proposal(
        run_id=run_id,
        programme_id=request_row.programme_id,
        volunteer_id=volunteer.id,
        request_id=request_row.id,
        score=score,
        score_parts={},
        reasons=["Beide in Wanne"],
        status=ProposalStatus.OPEN,
        created_at=days_ago(created_days_ago),
    )
    db.session.add(proposal)
    db.session.commit()
    return proposal


def coordinator(client=None, department="fb41", email=None):
    """A coordinator of one department; logged in when a client is given."""
    email = email or f"{department}-{next(_numbers)}@example.org"
    user = create_staff(email=email, departments=(department,), name=f"Koordination {department}")
    if client is not None:
        login(client, email=email)
    return user


def admin(client=None):
    email = f"admin-{next(_numbers)}@example.org"
    user = create_staff(email=email, role=StaffRole.ADMIN, departments=(), name="Admin")
    if client is not None:
        login(client, email=email)
    return user
