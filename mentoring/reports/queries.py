"""One query layer for the statistics page, the committee report and the CSV export.

Every figure those three show comes from `collect()`; nothing else counts people.

Definitions
-----------
The period is [period_start, period_end], both days included, in Herne's time zone.

*Flow figures* count what happened in the period:
  volunteers_new, requests_new: signed up in the period;
  tandems_started: first meeting in the period;
  tandems_ended (with end_reasons): ended in the period;
  tandems_active: running at the end of the period (first meeting on or before it, not ended by
  then);
  checkins_due: check-ins due in the period up to today; checkins_done: those of them held;
  waiting time: for the tandems started in the period, the days from the request's sign-up to the
  first meeting (the sign-up's UTC date, so SQLite and PostgreSQL count alike; a sign-up between
  midnight and 1 or 2 a.m. in Herne counts from the day before).

*Stock figures* describe today ("Stand heute"), because statuses keep no history:
  volunteers_screened: screening complete (ready, active or paused);
  volunteers_active: with a tandem that occupies them (proposed up to paused);
  volunteers_waiting: ready, without any such tandem;
  volunteers_free: ready or active with capacity left (the supply for new requests);
  requests_open: not yet matched (new or open) and without a tandem;
  requests_waiting: of those, checked by staff and matchable (open): the demand;
  requests_matched: with a running tandem.

Erased persons: their rows stay as anonymous shells (or their tandems keep the programme and the
request's sign-up date), so they stay in every count; no query here returns a person.

Percentiles: linear interpolation between the closest ranks (the definition of PostgreSQL's
percentile_cont and of Python's statistics.quantiles(method="inclusive")); the median is the 50th
percentile. The database returns the column of waiting days (grouped by value); the
percentiles are computed here in Python, the same for every database.

Aggregation happens in SQL (GROUP BY); queries group by place, and places are mapped to their
district here. Each query is one pass over its table; the page runs about a dozen.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import (
    Date,
    Integer,
    and_,
    case,
    cast,
    exists,
    func,
    or_,
    select,
)

from mentoring import clock
from mentoring.extensions import db
from mentoring.models import (
    OCCUPYING_STATUSES,
    CheckIn,
    Department,
    District,
    EndReason,
    MenteeRequest,
    Place,
    Programme,
    RequestStatus,
    Tandem,
    Volunteer,
    VolunteerStatus,
)
from mentoring.models.people import volunteer_programmes

SCREENED = (VolunteerStatus.READY, VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED)
SUPPLYING = (VolunteerStatus.READY, VolunteerStatus.ACTIVE)
UNMATCHED = (RequestStatus.NEW, RequestStatus.OPEN)
# Rows for people whose district is no longer known (e.g. both partners of a tandem erased).
UNKNOWN_DISTRICT = None


@dataclass(frozen=True)
class Filter:
    """What to count: a period and the programmes (already limited to what the user may see)."""

    period_start: date
    period_end: date
    programme_ids: tuple[int, ...]
    department_ids: tuple[int, ...] = ()


@dataclass
class Counts:
    volunteers_new: int = 0
    volunteers_screened: int = 0
    volunteers_active: int = 0
    volunteers_waiting: int = 0
    volunteers_free: int = 0
    requests_new: int = 0
    requests_open: int = 0
    requests_waiting: int = 0
    requests_matched: int = 0
    tandems_started: int = 0
    tandems_active: int = 0
    tandems_ended: int = 0
    end_reasons: dict[EndReason, int] = field(default_factory=lambda: dict.fromkeys(EndReason, 0))
    checkins_due: int = 0
    checkins_done: int = 0


@dataclass(frozen=True)
class WaitingTime:
    """Days from sign-up to first meeting: how many tandems, median and 90th percentile."""

    count: int
    median: float | None
    p90: float | None

    @classmethod
    def of(cls, days: list[int]) -> "WaitingTime":
        return cls(len(days), percentile(days, 0.5), percentile(days, 0.9))


@dataclass
class Row:
    """One line of a table: a programme, a district or the total."""

    key: str
    label: str
    counts: Counts = field(default_factory=Counts)
    waiting: WaitingTime = field(default_factory=lambda: WaitingTime(0, None, None))


@dataclass(frozen=True)
class ProgrammeInfo:
    id: int
    code: str
    name: str
    department: str
    summary: str
    volunteer_task: str


@dataclass(frozen=True)
class MonthPoint:
    month: date  # first day of the month
    waiting: int  # requests waiting for a partner at the end of the month
    new_requests: int
    started: int  # tandems with their first meeting in the month


@dataclass(frozen=True)
class Balance:
    """Supply against demand in one district."""

    key: str
    label: str
    volunteers_free: int
    requests_waiting: int

    @property
    def missing(self) -> int:
        return max(self.requests_waiting - self.volunteers_free, 0)


@dataclass
class Statistics:
    filter: Filter
    today: date
    programmes: list[ProgrammeInfo]
    departments: list[str]
    by_programme: list[Row]
    by_district: list[Row]
    total: Row
    months: list[MonthPoint]

    @property
    def balance(self) -> list[Balance]:
        return [
            Balance(row.key, row.label, row.counts.volunteers_free, row.counts.requests_waiting)
            for row in self.by_district
        ]

    @property
    def most_missing(self) -> Balance | None:
        """The district where most volunteers are missing (ties: the first in order)."""
        candidates = [b for b in self.balance if b.missing > 0]
        return max(candidates, key=lambda b: b.missing) if candidates else None


def percentile(values: list[int] | list[float], q: float) -> float | None:
    """The q-quantile (0 ≤ q ≤ 1) by linear interpolation between closest ranks; None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    lower = math.floor(position)
    upper = math.ceil(position)
    fraction = position - lower
    return ordered[lower] + (ordered[upper] - ordered[lower]) * fraction


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


def collect(filter_: Filter, today: date | None = None) -> Statistics:
    """All figures for the filter, aggregated in the database."""
    today = today or clock.today()
    programmes = _programmes(filter_)
    ids = [p.id for p in programmes]
    districts = list(
        db.session.execute(select(District.id, District.code, District.name).order_by(District.id))
    )
    by_programme = {p.id: Row(p.code, p.name) for p in programmes}
    by_district = {d.id: Row(d.code, d.name) for d in districts}
    unknown = Row("ohne-angabe", _("Ohne Angabe"))
    total = Row("gesamt", _("Gesamt"))
    # Queries group by place (no join needed); a place's district is looked up here.
    place_districts = dict(db.session.execute(select(Place.id, Place.district_id)).all())

    def district_row(place_id):
        return by_district.get(place_districts.get(place_id), unknown)

    if ids:
        period = (
            day_start(filter_.period_start),
            day_start(filter_.period_end + timedelta(days=1)),
        )
        for programme_id, values in _volunteers_by_programme(ids, period):
            _add(by_programme[programme_id].counts, values)
        for place_id, values in _volunteers_by_place(ids, period):
            _add(district_row(place_id).counts, values)
            _add(total.counts, values)
        for programme_id, place_id, values in _requests(ids, period):
            for row in (by_programme[programme_id], district_row(place_id), total):
                _add(row.counts, values)
        for programme_id, place_id, reason, values in _tandems(ids, filter_):
            for row in (by_programme[programme_id], district_row(place_id), total):
                _add(row.counts, values)
                if reason is not None:
                    row.counts.end_reasons[EndReason(reason)] += values["tandems_ended"]
        for programme_id, place_id, values in _check_ins(ids, filter_, today):
            for row in (by_programme[programme_id], district_row(place_id), total):
                _add(row.counts, values)
        days = defaultdict(list)
        for programme_id, place_id, waited, n in _waiting_days(ids, filter_):
            for key in (("p", programme_id), ("d", district_row(place_id).key), "total"):
                days[key].extend([waited] * n)
        for programme_id, row in by_programme.items():
            row.waiting = WaitingTime.of(days[("p", programme_id)])
        for row in [*by_district.values(), unknown]:
            row.waiting = WaitingTime.of(days[("d", row.key)])
        total.waiting = WaitingTime.of(days["total"])
    district_rows = list(by_district.values())
    if unknown.counts != Counts():
        district_rows.append(unknown)
    return Statistics(
        filter=filter_,
        today=today,
        programmes=programmes,
        departments=sorted({p.department for p in programmes}),
        by_programme=list(by_programme.values()),
        by_district=district_rows,
        total=total,
        months=_waiting_list(ids, Buckets(filter_))
        if ids
        else [
            MonthPoint(m, 0, 0, 0) for m in months_between(filter_.period_start, filter_.period_end)
        ],
    )


def _add(counts: Counts, values: dict) -> None:
    for name, value in values.items():
        setattr(counts, name, getattr(counts, name) + int(value or 0))


def _sum(condition):
    return func.sum(case((condition, 1), else_=0))


def _programmes(filter_: Filter) -> list[ProgrammeInfo]:
    query = (
        select(Programme, Department.name)
        .join(Department, Programme.department_id == Department.id)
        .where(Programme.id.in_(filter_.programme_ids))
        .order_by(Programme.sort_order, Programme.id)
    )
    if filter_.department_ids:
        query = query.where(Programme.department_id.in_(filter_.department_ids))
    return [
        ProgrammeInfo(p.id, p.code, p.name, department, p.summary or "", p.volunteer_task or "")
        for p, department in db.session.execute(query)
    ]


def _occupying(programme_ids):
    """Per volunteer: tandems occupying them, in all programmes and in the given ones."""
    occupying = and_(Tandem.status.in_(OCCUPYING_STATUSES), Tandem.volunteer_id.is_not(None))
    return (
        select(
            Tandem.volunteer_id,
            func.count().label("n"),
            _sum(Tandem.programme_id.in_(programme_ids)).label("selected"),
        )
        .where(occupying)
        .group_by(Tandem.volunteer_id)
        .subquery()
    )


def _volunteer_columns(period, active_count, all_count):
    start, end = period
    occupied = func.coalesce(all_count, 0)
    return (
        _sum(and_(Volunteer.created_at >= start, Volunteer.created_at < end)).label(
            "volunteers_new"
        ),
        _sum(Volunteer.status.in_(SCREENED)).label("volunteers_screened"),
        _sum(func.coalesce(active_count, 0) > 0).label("volunteers_active"),
        _sum(and_(Volunteer.status == VolunteerStatus.READY, occupied == 0)).label(
            "volunteers_waiting"
        ),
        _sum(and_(Volunteer.status.in_(SUPPLYING), occupied < Volunteer.capacity)).label(
            "volunteers_free"
        ),
    )


_VOLUNTEER_FIELDS = (
    "volunteers_new",
    "volunteers_screened",
    "volunteers_active",
    "volunteers_waiting",
    "volunteers_free",
)


def _volunteers_by_programme(ids, period):
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


def _volunteers_by_place(ids, period):
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


def _requests(ids, period):
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
            _sum(and_(MenteeRequest.created_at >= start, MenteeRequest.created_at < end)),
            _sum(and_(MenteeRequest.status.in_(UNMATCHED), ~matched)),
            _sum(and_(MenteeRequest.status == RequestStatus.OPEN, ~matched)),
            _sum(matched),
        )
        .select_from(MenteeRequest)
        .outerjoin(busy, busy.c.request_id == MenteeRequest.id)
        .where(MenteeRequest.programme_id.in_(ids))
        .group_by(MenteeRequest.programme_id, MenteeRequest.place_id)
    )
    names = ("requests_new", "requests_open", "requests_waiting", "requests_matched")
    for row in db.session.execute(query):
        yield row[0], row[1], dict(zip(names, row[2:], strict=True))


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
    return _bucket_counts(
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


def _tandem_place():
    """A tandem's place: the request's, else the volunteer's (one partner may be erased)."""
    place = func.coalesce(MenteeRequest.place_id, Volunteer.place_id)

    def joins(query):
        return query.outerjoin(MenteeRequest, MenteeRequest.id == Tandem.request_id).outerjoin(
            Volunteer, Volunteer.id == Tandem.volunteer_id
        )

    return place, joins


def _tandems(ids, filter_: Filter):
    start, end = filter_.period_start, filter_.period_end
    place, joins = _tandem_place()
    query = (
        joins(
            select(
                Tandem.programme_id,
                place,
                Tandem.end_reason,
                _sum(and_(Tandem.first_meeting_on >= start, Tandem.first_meeting_on <= end)),
                _sum(
                    and_(
                        Tandem.first_meeting_on <= end,
                        or_(Tandem.ended_on.is_(None), Tandem.ended_on > end),
                    )
                ),
                _sum(and_(Tandem.ended_on >= start, Tandem.ended_on <= end)),
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


def _check_ins(ids, filter_: Filter, today: date):
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
    place, joins = _tandem_place()
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


def _days_since(day_column, moment_column):
    """Whole days from a timestamp's (UTC) date to a date, computed by the database."""
    if db.session.get_bind().dialect.name == "postgresql":
        return day_column - cast(func.timezone("UTC", moment_column), Date)
    return cast(func.julianday(day_column) - func.julianday(func.date(moment_column)), Integer)


def _waiting_days(ids, filter_: Filter):
    """(programme, district, days, tandems) for the tandems started in the period.

    The days count from the (UTC) date of the request's sign-up to the first meeting; grouped by
    value, so a few hundred rows carry the whole column of numbers.
    """
    place, joins = _tandem_place()
    signed_up = func.coalesce(Tandem.request_signed_up_at, MenteeRequest.created_at)
    per_tandem = (
        joins(
            select(
                Tandem.programme_id.label("programme_id"),
                place.label("place_id"),
                _days_since(Tandem.first_meeting_on, signed_up).label("days"),
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


def _waiting_list(ids, buckets: Buckets) -> list[MonthPoint]:
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
    for signed_up, matched, count in _bucket_counts(erased):
        wait(signed_up, matched, count)
    started = [0] * n
    query = select(buckets.of_day(Tandem.first_meeting_on)).where(Tandem.programme_id.in_(ids))
    for bucket, count in _bucket_counts(query):
        if buckets.within(bucket):
            started[bucket] = count
    return [
        MonthPoint(month, waiting[k], new[k], started[k]) for k, month in enumerate(buckets.months)
    ]


def _bucket_counts(query):
    """Rows of (bucket, ..., count): grouped outside, so PostgreSQL need not compare the
    CASE expressions' parameters."""
    inner = query.subquery()
    return db.session.execute(select(inner, func.count()).group_by(*inner.c)).all()
