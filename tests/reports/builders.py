"""Rows for hand-computed statistics (over tests.support.factories), the period and a filter."""

from datetime import UTC, date, datetime
from itertools import count

from mentoring.models import (
    CheckIn,
    EndReason,
    MenteeRequest,
    RegisteredBy,
    RequestStatus,
    Tandem,
    TandemStatus,
    Volunteer,
    VolunteerStatus,
)
from mentoring.reports.queries import Filter
from tests.support.factories import (
    make_check_in,
    make_request,
    make_tandem,
    make_volunteer,
    programme,
)

_numbers = count(1)


def at(day: str, hour: int = 10) -> datetime:
    """A UTC timestamp at 10:00 on an ISO day (noon in Herne: the local date is the same)."""
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), UTC).replace(hour=hour)


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
    return make_volunteer(
        programmes=programmes,
        first_name="Test",
        last_name=f"Person {n}",
        place_code=place_code,
        capacity=capacity,
        languages=(),
        slots=(),
        status=status,
        consent=False,
        commit=False,
        created_at=at(created),
        erased_at=at("2026-06-01") if erased else None,
    )


def request(
    *,
    programme_code="ausbildungspaten",
    place_code="eickel",
    status=RequestStatus.OPEN,
    created="2026-01-01",
    erased=False,
) -> MenteeRequest:
    n = next(_numbers)
    return make_request(
        programme_code=programme_code,
        person_first_name=None,
        place_code=place_code,
        languages=(),
        slots=(),
        contact_last_name=f"Kontakt {n}",
        status=status,
        consent=False,
        commit=False,
        registered_by=RegisteredBy.SELF,
        contact_first_name="Test",
        person_birth_year=2008,
        postal_code="44651",
        created_at=at(created),
        erased_at=at("2026-06-01") if erased else None,
    )


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
    return make_tandem(
        volunteer_row,
        request_row,
        status=status,
        commit=False,
        programme_id=programme(programme_code).id,
        created_at=at(created),
        request_signed_up_at=signed_up_at,
        first_meeting_on=date.fromisoformat(first_meeting) if first_meeting else None,
        ended_on=date.fromisoformat(ended) if ended else None,
        end_reason=reason,
    )


def check_in(tandem_row: Tandem, due: str, done: str | None = None) -> CheckIn:
    return make_check_in(
        tandem_row,
        commit=False,
        due_on=date.fromisoformat(due),
        done_on=date.fromisoformat(done) if done else None,
    )


PERIOD = (date(2026, 1, 1), date(2026, 6, 30))
TODAY = date(2026, 7, 15)


def make_filter(ids, start=PERIOD[0], end=PERIOD[1], departments=()):
    return Filter(start, end, tuple(ids.values()), tuple(departments))
