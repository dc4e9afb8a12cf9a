"""One factory per model, each with one set of defaults; keyword arguments override them.

Every factory adds its row and commits (`commit=False`: flush only, for bulk data); rows go
straight into the database, so tests do not depend on the public forms. Reference rows
(programmes, places, ...) are looked up by code: they are seeded once per test run.
"""

import itertools
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from mentoring import availability
from mentoring.extensions import db
from mentoring.models import (
    CheckIn,
    ConsentRecord,
    Department,
    Language,
    MatchingRun,
    MenteeRequest,
    Place,
    PoliceCheck,
    Programme,
    Proposal,
    ProposalStatus,
    RegisteredBy,
    RequestStatus,
    StaffRole,
    StaffUser,
    Tag,
    Tandem,
    TandemIntroduction,
    TandemNote,
    TandemStatus,
    Volunteer,
    VolunteerHours,
    VolunteerStatus,
)
from mentoring.operations.proposals import accept_proposal

ADMIN_EMAIL = "admin@example.org"  # the admin of the admin/admin_client fixtures
PASSWORD = "Kaffeetasse im Regen 7"
# Two departments with one programme each: A is FB 41, B is FB 43.
DEPT_A, DEPT_B = "fb41", "fb43"
PROGRAMME_A, PROGRAMME_B = "ausbildungspaten", "familienpaten"
EXPIRED_DAYS = 5 * 366 + 10  # a certificate inspected this long ago is no longer valid
_numbers = itertools.count(1)


# Time ----------------------------------------------------------------------------------------


def today() -> date:
    return datetime.now(UTC).date()


def days_ago(days: int) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


# Reference data (seeded once per run) ----------------------------------------------------------


def programme(code: str) -> Programme:
    return db.session.scalar(select(Programme).where(Programme.code == code))


def place(code: str = "eickel") -> Place:
    return db.session.scalar(select(Place).where(Place.code == code))


def _departments(codes) -> list[Department]:
    return list(db.session.scalars(select(Department).where(Department.code.in_(codes))))


def _languages(codes) -> list[Language]:
    return list(db.session.scalars(select(Language).where(Language.code.in_(codes))))


def _tags(codes) -> list[Tag]:
    return list(db.session.scalars(select(Tag).where(Tag.code.in_(codes))))


def _save(row, commit: bool):
    db.session.add(row)
    if commit:
        db.session.commit()
    else:
        db.session.flush()
    return row


# People --------------------------------------------------------------------------------------


def make_staff(
    *,
    email=None,
    name="Petra Palermo",
    role=StaffRole.COORDINATOR,
    departments=(DEPT_A,),
    password=PASSWORD,
    commit=True,
) -> StaffUser:
    """A coordinator of FB 41 unless told otherwise; admins usually get departments=()."""
    user = StaffUser(
        email=email or f"staff{next(_numbers)}@example.org",
        name=name,
        role=role,
        departments=_departments(departments),
    )
    user.set_password(password)
    return _save(user, commit)


def make_volunteer(
    *,
    programmes=(PROGRAMME_A,),
    first_name="Gisela",
    last_name=None,
    email=None,
    birth_year=1955,
    place_code="eickel",
    capacity=1,
    languages=("de",),
    tags=(),
    slots=("tue-afternoon",),
    status=VolunteerStatus.READY,
    created_days_ago=30,
    consent=True,
    certificate=None,
    commit=True,
    **overrides,
) -> Volunteer:
    """A volunteer ready to be matched, with a consent; certificate: valid, expired, conviction."""
    n = next(_numbers)
    fields = dict(
        reference=f"E-T{n:06d}",
        first_name=first_name,
        last_name=last_name or f"Muster{n}",
        email=email or f"ehrenamt{n}@example.org",
        phone="02323 12345",
        birth_year=birth_year,
        postal_code="44651",
        place=place(place_code),
        capacity=capacity,
        travel_radius_km=10.0,
        availability=availability.encode(slots),
        status=status,
        created_at=days_ago(created_days_ago),
        programmes=[programme(code) for code in programmes],
        languages=_languages(languages),
        tags=_tags(tags),
    )
    fields["correspondence_language"] = overrides.get("locale", "de")
    volunteer = Volunteer(**{**fields, **overrides})
    if consent:
        volunteer.consents.append(
            ConsentRecord(
                text_version="2026-11-01",
                given_by_name=f"{volunteer.first_name} {volunteer.last_name}",
                given_by_role="self",
                on_behalf_of="self",
            )
        )
    _save(volunteer, commit)
    if certificate:
        make_police_check(
            volunteer,
            inspected_days_ago=EXPIRED_DAYS if certificate == "expired" else 10,
            conviction=certificate == "conviction",
            commit=commit,
        )
    return volunteer


def make_request(
    *,
    programme_code=PROGRAMME_A,
    person_first_name="Deniz",
    age=None,
    place_code="wanne",
    languages=("de",),
    tags=(),
    slots=("tue-afternoon",),
    contact_last_name=None,
    contact_email=None,
    status=RequestStatus.OPEN,
    created_days_ago=20,
    consent=True,
    consent_withdrawn=False,
    commit=True,
    **overrides,
) -> MenteeRequest:
    """An open request of a 17-year-old (a 1-year-old in a family programme), via a school."""
    n = next(_numbers)
    prog = programme(programme_code)
    if age is None:
        age = 1 if prog.for_families else 17
    birth = today() - timedelta(days=365 * age + 100)
    fields = dict(
        reference=f"A-T{n:06d}",
        programme=prog,
        registered_by=RegisteredBy.REFERRER,
        contact_first_name="Sabine",
        contact_last_name=contact_last_name or f"Kontakt{n}",
        contact_email=contact_email or f"kontakt{n}@example.org",
        referrer_kind="school",
        referrer_organisation="Gesamtschule Wanne-Eickel",
        person_first_name=person_first_name,
        person_last_name=f"Jung{n}",  # asked on the referrer's path
        person_birth_year=birth.year,
        person_birth_month=None if "person_birth_year" in overrides else birth.month,
        postal_code="44649",
        place=place(place_code),
        availability=availability.encode(slots),
        status=status,
        created_at=days_ago(created_days_ago),
        languages=_languages(languages),
        tags=_tags(tags),
    )
    # As on the forms: written to in the sign-up language unless another one was chosen.
    fields["correspondence_language"] = overrides.get("locale", "de")
    request_row = MenteeRequest(**{**fields, **overrides})
    if consent or consent_withdrawn:
        request_row.consents.append(
            ConsentRecord(
                text_version="2026-11-01",
                given_by_name=f"{request_row.contact_first_name} {request_row.contact_last_name}",
                given_by_role="referrer",
                on_behalf_of="minor",
                withdrawn_at=days_ago(1) if consent_withdrawn else None,
            )
        )
    return _save(request_row, commit)


def make_police_check(
    volunteer: Volunteer,
    *,
    inspected_days_ago=10,
    issue_days_before=20,
    conviction=False,
    staff_id=None,
    commit=True,
) -> PoliceCheck:
    """A certificate of good conduct, inspected 10 days ago (EXPIRED_DAYS: no longer valid)."""
    inspected = today() - timedelta(days=inspected_days_ago)
    check = PoliceCheck(
        volunteer_id=volunteer.id,
        inspected_on=inspected,
        issue_date=inspected - timedelta(days=issue_days_before),
        conviction_listed=conviction,
        inspected_by_id=staff_id,
    )
    return _save(check, commit)


# Matching and tandems ----------------------------------------------------------------------------


def make_run(programme_id: int, *, staff_id=None, commit=True, **overrides) -> MatchingRun:
    fields = dict(
        programme_id=programme_id,
        started_by_id=staff_id,
        objective="score",
        method="greedy",
        matched=1,
        total_score=0.5,
    )
    return _save(MatchingRun(**{**fields, **overrides}), commit)


def make_proposal(
    volunteer: Volunteer,
    request_row: MenteeRequest,
    *,
    run_id=None,
    score=0.8,
    status=ProposalStatus.OPEN,
    created_days_ago=0,
    commit=True,
    **overrides,
) -> Proposal:
    fields = dict(
        run_id=run_id,
        programme_id=request_row.programme_id,
        volunteer_id=volunteer.id,
        request_id=request_row.id,
        score=score,
        score_parts={},
        reasons=["Beide in Wanne"],
        status=status,
        created_at=days_ago(created_days_ago),
    )
    return _save(Proposal(**{**fields, **overrides}), commit)


def make_tandem(
    volunteer: Volunteer | None,
    request_row: MenteeRequest | None,
    *,
    status=TandemStatus.ACTIVE,
    first_meeting_days_ago=40,
    commit=True,
    **overrides,
) -> Tandem:
    """A tandem row as it stands after its first meeting (no events: see accept_proposal)."""
    fields = dict(
        programme_id=request_row.programme_id if request_row is not None else None,
        volunteer_id=volunteer.id if volunteer is not None else None,
        request_id=request_row.id if request_row is not None else None,
        status=status,
        first_meeting_on=today() - timedelta(days=first_meeting_days_ago),
        request_signed_up_at=request_row.created_at if request_row is not None else None,
    )
    return _save(Tandem(**{**fields, **overrides}), commit)


def make_check_in(tandem: Tandem, *, due_days_ago=1, commit=True, **overrides) -> CheckIn:
    fields = dict(tandem_id=tandem.id, due_on=today() - timedelta(days=due_days_ago))
    return _save(CheckIn(**{**fields, **overrides}), commit)


def make_note(tandem: Tandem, *, staff_id=None, text="Läuft gut.", commit=True) -> TandemNote:
    return _save(TandemNote(tandem_id=tandem.id, staff_id=staff_id, text=text), commit)


def make_hours(
    tandem: Tandem, month: date, hours="4", *, staff_id=None, commit=True
) -> VolunteerHours:
    """Hours of one month (its first day) of a tandem, as entered by staff_id."""
    row = VolunteerHours(
        tandem_id=tandem.id,
        month=month.replace(day=1),
        hours=Decimal(str(hours)),
        recorded_by_id=staff_id,
    )
    return _save(row, commit)


def make_introduction(tandem: Tandem, *, commit=True, **overrides) -> TandemIntroduction:
    """The introduction meeting of a tandem; by default nobody shares anything but first names."""
    fields = dict(tandem_id=tandem.id, volunteer_shares=[], request_shares=[])
    return _save(TandemIntroduction(**{**fields, **overrides}), commit)


def make_tandem_world(volunteer: Volunteer, request_row: MenteeRequest, staff_id=None) -> dict:
    """A matching run with a proposal, and a tandem with a check-in and a note: their ids."""
    run = make_run(request_row.programme_id, staff_id=staff_id, commit=False)
    proposal = make_proposal(volunteer, request_row, run_id=run.id, score=0.5, commit=False)
    proposal.reasons = []
    tandem = make_tandem(volunteer, request_row, commit=False)
    check_in = make_check_in(tandem, commit=False)
    note = make_note(tandem, staff_id=staff_id, commit=False)
    make_hours(tandem, today(), "3.5", staff_id=staff_id, commit=False)
    make_introduction(tandem, meeting_place="Rathaus Herne", rhythm="wöchentlich", commit=False)
    db.session.commit()
    return {
        "run_id": run.id,
        "proposal_id": proposal.id,
        "tandem_id": tandem.id,
        "check_in_id": check_in.id,
        "note_id": note.id,
    }


def make_accepted_tandem(staff, *, proposed_days_ago=400, **request_overrides) -> Tandem:
    """A proposed tandem the way the app makes one: a proposal accepted by the staff member.

    The proposal is old by default, so tests may date the first meeting back freely (a first
    meeting before the proposal is refused).
    """
    volunteer = make_volunteer(certificate="valid")
    proposal = make_proposal(
        volunteer, make_request(**request_overrides), created_days_ago=proposed_days_ago
    )
    return accept_proposal(proposal_id=proposal.id, staff=staff)
