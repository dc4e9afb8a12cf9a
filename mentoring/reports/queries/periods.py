"""The period in Herne's days and months, and month buckets the database sorts rows into."""

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import case, func, select

from mentoring import clock
from mentoring.extensions import db
from mentoring.reports.queries.figures import Filter


def day_start(day: date) -> datetime:
    """Midnight in Herne at the start of the day, as UTC (timestamps are stored in UTC)."""
    return datetime.combine(day, time.min, clock.zone()).astimezone(UTC)


def months_between(start: date, end: date) -> list[date]:
    months = []
    current = start.replace(day=1)
    while current <= end:
        months.append(current)
        current = (current + timedelta(days=32)).replace(day=1)
    return months


class Buckets:
    """The months of the period as buckets: the database sorts each timestamp or date into one.

    Bucket -1 is before the period, k is month k of the period, n after it; `never` stands for
    a missing value.
    """

    STILL_OPEN = -2  # a request without any tandem that still waits

    def __init__(self, filter_: Filter):
        self.months = months_between(filter_.period_start, filter_.period_end)
        self.n = len(self.months)
        self.never = self.n + 1
        self.last_days = [
            min((m + timedelta(days=32)).replace(day=1) - timedelta(days=1), filter_.period_end)
            for m in self.months
        ]
        self.moments = [day_start(filter_.period_start)] + [
            day_start(d + timedelta(days=1)) for d in self.last_days
        ]
        self.day_limits = [filter_.period_start - timedelta(days=1), *self.last_days]

    def of_moment(self, column):
        return case(
            (column.is_(None), self.never),
            *[(column < m, i - 1) for i, m in enumerate(self.moments)],
            else_=self.n,
        )

    def of_day(self, column):
        return case(
            (column.is_(None), self.never),
            *[(column <= d, i - 1) for i, d in enumerate(self.day_limits)],
            else_=self.n,
        )

    def within(self, bucket: int) -> bool:
        return 0 <= bucket < self.n


def bucket_counts(query):
    """Rows of (bucket, ..., count): grouped outside, so PostgreSQL need not compare the
    CASE expressions' parameters."""
    inner = query.subquery()
    return db.session.execute(select(inner, func.count()).group_by(*inner.c)).all()
