"""Volunteer hours per programme: the months of the period, summed in the database."""

from sqlalchemy import func, select

from mentoring.extensions import db
from mentoring.models import Tandem, VolunteerHours
from mentoring.reports.queries.figures import Filter


def hours_by_programme(ids, filter_: Filter):
    """(programme, hours, tandems with hours) for the months that begin in the period, and the
    month the period starts in (a month counts whole: hours are recorded per month)."""
    first_month = filter_.period_start.replace(day=1)
    query = (
        select(
            Tandem.programme_id,
            func.sum(VolunteerHours.hours),
            func.count(func.distinct(VolunteerHours.tandem_id)),
        )
        .join(Tandem, Tandem.id == VolunteerHours.tandem_id)
        .where(
            Tandem.programme_id.in_(ids),
            VolunteerHours.month >= first_month,
            VolunteerHours.month <= filter_.period_end,
        )
        .group_by(Tandem.programme_id)
    )
    for programme_id, hours, tandems in db.session.execute(query):
        yield programme_id, round(float(hours or 0), 1), int(tandems)
