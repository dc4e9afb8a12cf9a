"""Volunteer figures per programme and per place, new in the period or as of today."""

from sqlalchemy import and_, exists, func, select

from mentoring.extensions import db
from mentoring.models import OCCUPYING_STATUSES, Tandem, Volunteer, VolunteerStatus
from mentoring.models.people import volunteer_programmes
from mentoring.reports.queries.sql import SCREENED, SUPPLYING, count_if


def _occupying(programme_ids):
    """Per volunteer: tandems occupying them, in all programmes and in the given ones."""
    occupying = and_(Tandem.status.in_(OCCUPYING_STATUSES), Tandem.volunteer_id.is_not(None))
    return (
        select(
            Tandem.volunteer_id,
            func.count().label("n"),
            count_if(Tandem.programme_id.in_(programme_ids)).label("selected"),
        )
        .where(occupying)
        .group_by(Tandem.volunteer_id)
        .subquery()
    )


def _volunteer_columns(period, active_count, all_count):
    start, end = period
    occupied = func.coalesce(all_count, 0)
    return (
        count_if(and_(Volunteer.created_at >= start, Volunteer.created_at < end)).label(
            "volunteers_new"
        ),
        count_if(Volunteer.status.in_(SCREENED)).label("volunteers_screened"),
        count_if(func.coalesce(active_count, 0) > 0).label("volunteers_active"),
        count_if(
            and_(Volunteer.status == VolunteerStatus.READY, ~Volunteer.is_paused, occupied == 0)
        ).label("volunteers_waiting"),
        count_if(
            and_(
                Volunteer.status.in_(SUPPLYING),
                ~Volunteer.is_paused,
                occupied < Volunteer.capacity,
            )
        ).label("volunteers_free"),
    )


_VOLUNTEER_FIELDS = (
    "volunteers_new",
    "volunteers_screened",
    "volunteers_active",
    "volunteers_waiting",
    "volunteers_free",
)


def volunteers_by_programme(ids, period):
    """A volunteer counts in every programme they signed up for."""
    vp = volunteer_programmes
    everywhere = _occupying(ids)
    per_programme = (
        select(Tandem.volunteer_id, Tandem.programme_id, func.count().label("n"))
        .where(Tandem.status.in_(OCCUPYING_STATUSES), Tandem.volunteer_id.is_not(None))
        .group_by(Tandem.volunteer_id, Tandem.programme_id)
        .subquery()
    )
    query = (
        select(vp.c.programme_id, *_volunteer_columns(period, per_programme.c.n, everywhere.c.n))
        .select_from(Volunteer)
        .join(vp, vp.c.volunteer_id == Volunteer.id)
        .outerjoin(everywhere, everywhere.c.volunteer_id == Volunteer.id)
        .outerjoin(
            per_programme,
            and_(
                per_programme.c.volunteer_id == Volunteer.id,
                per_programme.c.programme_id == vp.c.programme_id,
            ),
        )
        .where(vp.c.programme_id.in_(ids))
        .group_by(vp.c.programme_id)
    )
    for row in db.session.execute(query):
        yield row[0], dict(zip(_VOLUNTEER_FIELDS, row[1:], strict=True))


def volunteers_by_place(ids, period):
    """Each volunteer once, however many of the programmes they signed up for."""
    vp = volunteer_programmes
    occupying = _occupying(ids)
    query = (
        select(
            Volunteer.place_id,
            *_volunteer_columns(period, occupying.c.selected, occupying.c.n),
        )
        .select_from(Volunteer)
        .outerjoin(occupying, occupying.c.volunteer_id == Volunteer.id)
        .where(exists().where(vp.c.volunteer_id == Volunteer.id, vp.c.programme_id.in_(ids)))
        .group_by(Volunteer.place_id)
    )
    for row in db.session.execute(query):
        yield row[0], dict(zip(_VOLUNTEER_FIELDS, row[1:], strict=True))
