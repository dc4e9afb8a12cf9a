"""Status groups and SQL pieces that several report queries share."""

from sqlalchemy import Date, Integer, case, cast, func

from mentoring.extensions import db
from mentoring.models import MenteeRequest, RequestStatus, Tandem, Volunteer, VolunteerStatus

SCREENED = (VolunteerStatus.READY, VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED)
SUPPLYING = (VolunteerStatus.READY, VolunteerStatus.ACTIVE)
UNMATCHED = (RequestStatus.NEW, RequestStatus.OPEN)


def count_if(condition):
    return func.sum(case((condition, 1), else_=0))


def tandem_place():
    """A tandem's place: the request's, else the volunteer's (one partner may be erased)."""
    place = func.coalesce(MenteeRequest.place_id, Volunteer.place_id)

    def joins(query):
        return query.outerjoin(MenteeRequest, MenteeRequest.id == Tandem.request_id).outerjoin(
            Volunteer, Volunteer.id == Tandem.volunteer_id
        )

    return place, joins


def days_since(day_column, moment_column):
    """Whole days from a timestamp's (UTC) date to a date, computed by the database."""
    if db.session.get_bind().dialect.name == "postgresql":
        return day_column - cast(func.timezone("UTC", moment_column), Date)
    return cast(func.julianday(day_column) - func.julianday(func.date(moment_column)), Integer)
