"""The monthly waiting list: requests waiting at each month's end, new ones, tandems started."""

from sqlalchemy import and_, case, func, select

from mentoring.models import OCCUPYING_STATUSES, MenteeRequest, Tandem
from mentoring.reports.queries.figures import MonthPoint
from mentoring.reports.queries.periods import Buckets, bucket_counts
from mentoring.reports.queries.sql import UNMATCHED


def _request_months(ids, buckets: Buckets):
    """One pass over the requests: (sign-up month, month of the first tandem, month it was open
    again after its last tandem ended, requests)."""
    tandems = (
        select(
            Tandem.request_id,
            func.min(Tandem.created_at).label("matched_at"),
            func.max(Tandem.ended_on).label("last_ended_on"),
            func.max(case((Tandem.status.in_(OCCUPYING_STATUSES), 1), else_=0)).label("busy"),
        )
        .where(Tandem.request_id.is_not(None))
        .group_by(Tandem.request_id)
        .subquery()
    )
    open_again = and_(MenteeRequest.status.in_(UNMATCHED), tandems.c.busy == 0)
    return bucket_counts(
        select(
            buckets.of_moment(MenteeRequest.created_at).label("signed_up"),
            case(
                (
                    tandems.c.request_id.is_(None) & MenteeRequest.status.in_(UNMATCHED),
                    buckets.STILL_OPEN,
                ),
                else_=buckets.of_moment(tandems.c.matched_at),
            ).label("matched"),
            case((open_again, buckets.of_day(tandems.c.last_ended_on)), else_=buckets.never).label(
                "again"
            ),
        )
        .outerjoin(tandems, tandems.c.request_id == MenteeRequest.id)
        .where(MenteeRequest.programme_id.in_(ids))
    )


def waiting_list(ids, buckets: Buckets) -> list[MonthPoint]:
    """Per month: waiting requests at its end, new requests and tandems started in it.

    A request waits from its sign-up until its first tandem is agreed, and again from the end of
    its last tandem while it is open once more (e.g. "did not fit"). Requests closed or withdrawn
    without a tandem are left out: when they left the list is not recorded. Tandems whose request
    was erased keep the sign-up date and so still count.
    """
    n = buckets.n
    waiting, new = [0] * n, [0] * n

    def wait(since: int, until: int, count: int) -> None:
        for k in range(max(since, 0), min(until, n)):
            waiting[k] += count  # signed up before the end of month k, matched after it

    for signed_up, matched, again, count in _request_months(ids, buckets):
        if buckets.within(signed_up):
            new[signed_up] += count
        if matched == buckets.STILL_OPEN:
            wait(signed_up, n, count)  # never matched, still open
        elif matched != buckets.never:
            wait(signed_up, matched, count)
        if again != buckets.never:
            wait(again, n, count)  # open again since its last tandem ended
    erased = select(
        buckets.of_moment(Tandem.request_signed_up_at).label("signed_up"),
        buckets.of_moment(Tandem.created_at).label("matched"),
    ).where(
        Tandem.request_id.is_(None),
        Tandem.request_signed_up_at.is_not(None),
        Tandem.programme_id.in_(ids),
    )
    for signed_up, matched, count in bucket_counts(erased):
        wait(signed_up, matched, count)
    started = [0] * n
    query = select(buckets.of_day(Tandem.first_meeting_on)).where(Tandem.programme_id.in_(ids))
    for bucket, count in bucket_counts(query):
        if buckets.within(bucket):
            started[bucket] = count
    return [
        MonthPoint(month, waiting[k], new[k], started[k]) for k, month in enumerate(buckets.months)
    ]
