"""Rows for hand-computed statistics: people, tandems and check-ins written directly."""

from datetime import UTC, date, datetime
from itertools import count

from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import (
    CheckIn,
    EndReason,
    MenteeRequest,
    Place,
    Programme,
    RegisteredBy,
    RequestStatus,
    Tandem,
    TandemStatus,
    Volunteer,
    VolunteerStatus,
)

_numbers = count(1)


def at(day: str, hour: int = 10) -> datetime:
    """A UTC timestamp at 10:00 on an ISO day (noon in Herne: the local date is the same)."""
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), UTC).replace(hour=hour)


def programme(code: str) -> Programme:
    return db.session.scalar(select(Programme).where(Programme.code == code))


def place(code: str) -> Place:
    return db.session.scalar(select(Place).where(Place.code == code))


def volunteer(
    *,
    programmes=("ausbildungspaten",),
    place_code="eickel",
    status=VolunteerStatus.READY,
    capacity=1,
    created="2026-01-01",
    erased=False,
) -> Volunteer:
    n = next(_numbers)
    row = Volunteer(
        reference=f"E-TEST-{n:04d}",
        first_name="Test",
        last_name=f"Person {n}",
        email=f"ehrenamt{n}@example.org",
        birth_year=1955,
        postal_code="44651",
        place_id=place(place_code).id,
        capacity=capacity,
        status=status,
        created_at=at(created),
        programmes=[programme(code) for code in programmes],
        erased_at=at("2026-06-01") if erased else None,
    )
    db.session.add(row)
    db.session.flush()
    return row


def request(
    *,
    programme_code="ausbildungspaten",
    place_code="eickel",
    status=RequestStatus.OPEN,
    created="2026-01-01",
    erased=False,
) -> MenteeRequest:
    n = next(_numbers)
    row = MenteeRequest(
        reference=f"A-TEST-{n:04d}",
        programme_id=programme(programme_code).id,
        registered_by=RegisteredBy.SELF,
        contact_first_name="Test",
        contact_last_name=f"Kontakt {n}",
        contact_email=f"anfrage{n}@example.org",
        person_birth_year=2008,
        postal_code="44651",
        place_id=place(place_code).id,
        status=status,
        created_at=at(created),
        erased_at=at("2026-06-01") if erased else None,
    )
    db.session.add(row)
    db.session.flush()
    return row


def tandem(
    *,
    programme_code,
    volunteer_row=None,
    request_row=None,
    status=TandemStatus.ACTIVE,
    created,
    first_meeting=None,
    ended=None,
    reason: EndReason | None = None,
    signed_up: str | None = "from request",
) -> Tandem:
    if signed_up == "from request":
        signed_up_at = request_row.created_at if request_row is not None else None
    else:
        signed_up_at = at(signed_up) if signed_up else None
    row = Tandem(
        programme_id=programme(programme_code).id,
        volunteer_id=volunteer_row.id if volunteer_row else None,
        request_id=request_row.id if request_row else None,
        status=status,
        created_at=at(created),
        request_signed_up_at=signed_up_at,
        first_meeting_on=date.fromisoformat(first_meeting) if first_meeting else None,
        ended_on=date.fromisoformat(ended) if ended else None,
        end_reason=reason,
    )
    db.session.add(row)
    db.session.flush()
    return row


def check_in(tandem_row: Tandem, due: str, done: str | None = None) -> CheckIn:
    row = CheckIn(
        tandem_id=tandem_row.id,
        due_on=date.fromisoformat(due),
        done_on=date.fromisoformat(done) if done else None,
    )
    db.session.add(row)
    db.session.flush()
    return row
