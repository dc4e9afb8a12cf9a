"""Tandem figures per programme and place: started, running, ended, check-ins, waiting days."""

from datetime import date

from sqlalchemy import and_, func, or_, select

from mentoring.extensions import db
from mentoring.models import CheckIn, EndReason, MenteeRequest, Tandem
from mentoring.reports.queries.figures import Filter
from mentoring.reports.queries.sql import count_if, days_since, tandem_place


def tandem_counts(ids, filter_: Filter):
    start, end = filter_.period_start, filter_.period_end
    place, joins = tandem_place()
    query = (
        joins(
            select(
                Tandem.programme_id,
                place,
                Tandem.end_reason,
                count_if(and_(Tandem.first_meeting_on >= start, Tandem.first_meeting_on <= end)),
                count_if(
                    and_(
                        Tandem.first_meeting_on <= end,
                        or_(Tandem.ended_on.is_(None), Tandem.ended_on > end),
                    )
                ),
                count_if(and_(Tandem.ended_on >= start, Tandem.ended_on <= end)),
            ).select_from(Tandem)
        )
        .where(Tandem.programme_id.in_(ids))
        .group_by(Tandem.programme_id, place, Tandem.end_reason)
    )
    names = ("tandems_started", "tandems_active", "tandems_ended")
    for row in db.session.execute(query):
        # An ended tandem without a recorded reason counts as "other".
        reason_value = row[2] if row[2] is not None or not row[5] else EndReason.OTHER
        yield row[0], row[1], reason_value, dict(zip(names, row[3:], strict=True))


def check_in_counts(ids, filter_: Filter, today: date):
    """Check-ins due in the period up to today: counted per tandem first, then per place."""
    last_day = min(filter_.period_end, today)
    per_tandem = (
        select(
            CheckIn.tandem_id, func.count().label("due"), func.count(CheckIn.done_on).label("done")
        )
        .where(CheckIn.due_on >= filter_.period_start, CheckIn.due_on <= last_day)
        .group_by(CheckIn.tandem_id)
        .subquery()
    )
    place, joins = tandem_place()
    query = (
        joins(
            select(
                Tandem.programme_id, place, func.sum(per_tandem.c.due), func.sum(per_tandem.c.done)
            )
            .select_from(per_tandem)
            .join(Tandem, Tandem.id == per_tandem.c.tandem_id)
        )
        .where(Tandem.programme_id.in_(ids))
        .group_by(Tandem.programme_id, place)
    )
    for row in db.session.execute(query):
        yield row[0], row[1], {"checkins_due": row[2], "checkins_done": row[3]}


def waiting_days(ids, filter_: Filter):
    """(programme, district, days, tandems) for the tandems started in the period.

    The days count from the (UTC) date of the request's sign-up to the first meeting; grouped by
    value, so a few hundred rows carry the whole column of numbers.
    """
    place, joins = tandem_place()
    signed_up = func.coalesce(Tandem.request_signed_up_at, MenteeRequest.created_at)
    per_tandem = (
        joins(
            select(
                Tandem.programme_id.label("programme_id"),
                place.label("place_id"),
                days_since(Tandem.first_meeting_on, signed_up).label("days"),
            ).select_from(Tandem)
        )
        .where(
            Tandem.programme_id.in_(ids),
            Tandem.first_meeting_on >= filter_.period_start,
            Tandem.first_meeting_on <= filter_.period_end,
            signed_up.is_not(None),
        )
        .subquery()
    )
    query = select(per_tandem, func.count()).group_by(*per_tandem.c)
    for programme_id, place_id, days, n in db.session.execute(query):
        yield programme_id, place_id, int(days), n
