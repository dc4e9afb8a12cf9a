"""Fixtures for the staff features' tests: staff of two departments, logged-in clients, people.

Registered for every test in tests/conftest.py (pytest_plugins).

Department A is FB 41 (programme "ausbildungspaten"), department B is FB 43 ("familienpaten").
People are created straight through the models, so tests do not depend on the public forms.
"""

import itertools
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from mentoring import availability
from mentoring.extensions import db
from mentoring.models import (
    CheckIn,
    ConsentRecord,
    DuplicateSignup,
    Language,
    MatchingRun,
    MenteeRequest,
    PairExclusion,
    Place,
    PoliceCheck,
    Programme,
    Proposal,
    RegisteredBy,
    RequestStatus,
    StaffRole,
    Tandem,
    TandemNote,
    TandemStatus,
    Volunteer,
    VolunteerStatus,
)
from tests.auth_helpers import create_staff

DEPT_A, DEPT_B = "fb41", "fb43"
PROGRAMME_A, PROGRAMME_B = "ausbildungspaten", "familienpaten"
_numbers = itertools.count(1)


def programme(code: str) -> Programme:
    return db.session.scalar(select(Programme).where(Programme.code == code))


def place(code: str = "eickel") -> Place:
    return db.session.scalar(select(Place).where(Place.code == code))


def days_ago(days: int) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


def make_volunteer(
    *,
    programmes=(PROGRAMME_A,),
    first_name="Gisela",
    last_name=None,
    email=None,
    birth_year=1956,
    place_code="eickel",
    status=VolunteerStatus.NEW,
    created_days_ago=10,
    commit=True,
    **overrides,
) -> Volunteer:
    """A volunteer with a consent, straight into the database."""
    n = next(_numbers)
    fields = dict(
        reference=f"E-T{n:03d}-{n:04d}"[:16],
        first_name=first_name,
        last_name=last_name or f"Testperson{n}",
        email=email or f"ehrenamt{n}@example.org",
        phone="02323 12345",
        birth_year=birth_year,
        postal_code="44651",
        place=place(place_code),
        capacity=1,
        availability=availability.encode(["tue-afternoon", "thu-morning"]),
        occupation="Elektriker",
        status=status,
        created_at=days_ago(created_days_ago),
        programmes=[programme(code) for code in programmes],
        languages=list(db.session.scalars(select(Language).where(Language.code == "de"))),
    )
    volunteer = Volunteer(**{**fields, **overrides})
    volunteer.consents.append(
        ConsentRecord(
            text_version="2026-11-01",
            given_by_name=f"{first_name} {volunteer.last_name}",
            given_by_role="self",
            on_behalf_of="self",
        )
    )
    db.session.add(volunteer)
    if commit:
        db.session.commit()
    return volunteer


def make_request(
    *,
    programme_code=PROGRAMME_A,
    person_first_name="Deniz",
    birth_year=None,
    contact_email=None,
    contact_last_name=None,
    status=RequestStatus.NEW,
    created_days_ago=10,
    place_code="wanne",
    commit=True,
    **overrides,
) -> MenteeRequest:
    n = next(_numbers)
    prog = programme(programme_code)
    if birth_year is None:
        birth_year = date.today().year - (1 if prog.for_families else 17)
    fields = dict(
        reference=f"A-T{n:03d}-{n:04d}"[:16],
        programme=prog,
        registered_by=RegisteredBy.REFERRER,
        contact_first_name="Sabine",
        contact_last_name=contact_last_name or f"Kontakt{n}",
        contact_email=contact_email or f"kontakt{n}@example.org",
        referrer_kind="school",
        referrer_organisation="Gesamtschule Wanne-Eickel",
        person_first_name=person_first_name,
        person_birth_year=birth_year,
        postal_code="44649",
        place=place(place_code),
        availability=availability.encode(["tue-afternoon"]),
        status=status,
        created_at=days_ago(created_days_ago),
    )
    mentee_request = MenteeRequest(**{**fields, **overrides})
    mentee_request.consents.append(
        ConsentRecord(
            text_version="2026-11-01",
            given_by_name="Sabine Kontakt",
            given_by_role="referrer",
            on_behalf_of="minor",
        )
    )
    db.session.add(mentee_request)
    if commit:
        db.session.commit()
    return mentee_request


def make_police_check(
    volunteer: Volunteer,
    *,
    inspected_days_ago=10,
    issue_days_before=20,
    conviction=False,
    staff_id=None,
) -> PoliceCheck:
    inspected = date.today() - timedelta(days=inspected_days_ago)
    check = PoliceCheck(
        volunteer_id=volunteer.id,
        inspected_on=inspected,
        issue_date=inspected - timedelta(days=issue_days_before),
        conviction_listed=conviction,
        inspected_by_id=staff_id,
    )
    db.session.add(check)
    db.session.commit()
    return check


def make_tandem_world(volunteer: Volunteer, mentee_request: MenteeRequest, staff_id=None) -> dict:
    """A matching run with a proposal, and a tandem with a check-in and a note."""
    run = MatchingRun(
        programme_id=mentee_request.programme_id,
        started_by_id=staff_id,
        objective="score",
        method="greedy",
        matched=1,
        total_score=0.5,
    )
    db.session.add(run)
    db.session.flush()
    proposal = Proposal(
        run_id=run.id,
        programme_id=mentee_request.programme_id,
        volunteer_id=volunteer.id,
        request_id=mentee_request.id,
        score=0.5,
        score_parts={},
        reasons=[],
    )
    tandem = Tandem(
        programme_id=mentee_request.programme_id,
        volunteer_id=volunteer.id,
        request_id=mentee_request.id,
        status=TandemStatus.ACTIVE,
        first_meeting_on=date.today() - timedelta(days=40),
        request_signed_up_at=mentee_request.created_at,
    )
    db.session.add_all([proposal, tandem])
    db.session.flush()
    check_in = CheckIn(tandem_id=tandem.id, due_on=date.today() - timedelta(days=1))
    note = TandemNote(tandem_id=tandem.id, staff_id=staff_id, text="Läuft gut.")
    db.session.add_all([check_in, note])
    db.session.commit()
    return {
        "run_id": run.id,
        "proposal_id": proposal.id,
        "tandem_id": tandem.id,
        "check_in_id": check_in.id,
        "note_id": note.id,
    }


def login_as(client, user) -> None:
    """Log in by session (fast: no password hashing, no login throttle)."""
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
        session["_fresh"] = True
        session["last_active"] = time.time()


@pytest.fixture
def coordinator_a(app):
    return create_staff(
        email="koordination.a@example.org", name="Anna Abteilung-A", departments=(DEPT_A,)
    )


@pytest.fixture
def coordinator_b(app):
    return create_staff(
        email="koordination.b@example.org", name="Bernd Abteilung-B", departments=(DEPT_B,)
    )


@pytest.fixture
def admin_user(app):
    return create_staff(
        email="admin@example.org", name="Ada Admin", role=StaffRole.ADMIN, departments=()
    )


@pytest.fixture
def client_a(app, coordinator_a):
    client = app.test_client()
    login_as(client, coordinator_a)
    return client


@pytest.fixture
def client_b(app, coordinator_b):
    client = app.test_client()
    login_as(client, coordinator_b)
    return client


@pytest.fixture
def admin_client(app, admin_user):
    client = app.test_client()
    login_as(client, admin_user)
    return client


@pytest.fixture
def world_a(app, coordinator_a):
    """One record of every kind in department A, with names no other record carries."""
    volunteer = make_volunteer(
        first_name="Adalbert", last_name="Alphamentor", email="adalbert.alphamentor@example.org"
    )
    look_alike = make_volunteer(
        first_name="Adalbert",
        last_name="Alphamentor",
        email="adalbert.zweitadresse@example.org",
        created_days_ago=2,
    )
    mentee_request = make_request(
        person_first_name="Aurelia",
        contact_last_name="Alphakontakt",
        contact_email="aurelia.alphakontakt@example.org",
    )
    db.session.add(DuplicateSignup(reference="E-DUPL-AAAA", volunteer_id=volunteer.id))
    db.session.add(
        PairExclusion(
            volunteer_id=volunteer.id, request_id=mentee_request.id, reason="volunteer_declined"
        )
    )
    db.session.commit()
    make_police_check(volunteer, staff_id=coordinator_a.id)
    ids = make_tandem_world(volunteer, mentee_request, coordinator_a.id)
    ids.update(
        volunteer_id=volunteer.id,
        other_volunteer_id=look_alike.id,
        request_id=mentee_request.id,
        programme_id=programme(PROGRAMME_A).id,
    )
    ids["markers"] = (
        "Alphamentor",
        "Alphakontakt",
        "Aurelia",
        volunteer.reference,
        mentee_request.reference,
    )
    return ids
