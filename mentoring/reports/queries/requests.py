"""Request figures per programme and place: new in the period, open, waiting, matched."""

from sqlalchemy import and_, select

from mentoring.extensions import db
from mentoring.models import OCCUPYING_STATUSES, MenteeRequest, RequestStatus, Tandem
from mentoring.reports.queries.sql import UNMATCHED, count_if


def request_counts(ids, period):
    start, end = period
    busy = (
        select(Tandem.request_id)
        .where(Tandem.status.in_(OCCUPYING_STATUSES), Tandem.request_id.is_not(None))
        .group_by(Tandem.request_id)
        .subquery()
    )
    matched = busy.c.request_id.is_not(None)
    query = (
        select(
            MenteeRequest.programme_id,
            MenteeRequest.place_id,
            count_if(and_(MenteeRequest.created_at >= start, MenteeRequest.created_at < end)),
            count_if(and_(MenteeRequest.status.in_(UNMATCHED), ~matched)),
            count_if(
                and_(MenteeRequest.status == RequestStatus.OPEN, ~MenteeRequest.is_held, ~matched)
            ),
            count_if(matched),
        )
        .select_from(MenteeRequest)
        .outerjoin(busy, busy.c.request_id == MenteeRequest.id)
        .where(MenteeRequest.programme_id.in_(ids))
        .group_by(MenteeRequest.programme_id, MenteeRequest.place_id)
    )
    names = ("requests_new", "requests_open", "requests_waiting", "requests_matched")
    for row in db.session.execute(query):
        yield row[0], row[1], dict(zip(names, row[2:], strict=True))
