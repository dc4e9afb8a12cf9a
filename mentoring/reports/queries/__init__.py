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
  volunteers_waiting: ready, not paused today, without any such tandem;
  volunteers_free: ready or active, not paused today, with capacity left (the supply for new
    requests);
  requests_open: not yet matched (new or open) and without a tandem;
  requests_waiting: of those, checked by staff, not on hold today, matchable (open): the demand;
  requests_matched: with a running tandem.

*Volunteer hours* (recorded per tandem and month): volunteer_hours sums the months from the
month the period starts in up to its end (a month counts whole); tandems_with_hours counts the
tandems with any such month. Only per programme and in total: a tandem's hours are its own.

Erased persons: their rows stay as anonymous shells (or their tandems keep the programme and the
request's sign-up date), so they stay in every count; no query here returns a person.

Percentiles: linear interpolation between the closest ranks (the definition of PostgreSQL's
percentile_cont and of Python's statistics.quantiles(method="inclusive")); the median is the 50th
percentile. The database returns the column of waiting days (grouped by value); the
percentiles are computed here in Python, the same for every database.

Aggregation happens in SQL (GROUP BY); queries group by place, and places are mapped to their
district here. Each query is one pass over its table; the page runs about a dozen.

Where: `figures` holds the shapes (filter, counts, rows, statistics) and the percentile;
`periods` the days and month buckets; `sql` the status groups and shared SQL pieces; one module
per table counts it (`volunteers`, `requests`, `tandems`), and `months` builds the monthly
waiting list.
"""

from collections import defaultdict
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from mentoring import clock
from mentoring.extensions import db
from mentoring.models import Department, District, EndReason, Place, Programme
from mentoring.reports.queries.figures import (
    Balance,
    Counts,
    Filter,
    MonthPoint,
    ProgrammeInfo,
    Row,
    Statistics,
    WaitingTime,
    percentile,
)
from mentoring.reports.queries.hours import hours_by_programme
from mentoring.reports.queries.months import waiting_list
from mentoring.reports.queries.periods import Buckets, day_start, months_between
from mentoring.reports.queries.requests import request_counts
from mentoring.reports.queries.tandems import check_in_counts, tandem_counts, waiting_days
from mentoring.reports.queries.volunteers import volunteers_by_place, volunteers_by_programme

__all__ = [
    "Balance",
    "Counts",
    "Filter",
    "MonthPoint",
    "ProgrammeInfo",
    "Row",
    "Statistics",
    "WaitingTime",
    "collect",
    "percentile",
]


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
        for programme_id, values in volunteers_by_programme(ids, period):
            _add(by_programme[programme_id].counts, values)
        for place_id, values in volunteers_by_place(ids, period):
            _add(district_row(place_id).counts, values)
            _add(total.counts, values)
        for programme_id, place_id, values in request_counts(ids, period):
            for row in (by_programme[programme_id], district_row(place_id), total):
                _add(row.counts, values)
        for programme_id, place_id, reason, values in tandem_counts(ids, filter_):
            for row in (by_programme[programme_id], district_row(place_id), total):
                _add(row.counts, values)
                if reason is not None:
                    row.counts.end_reasons[EndReason(reason)] += values["tandems_ended"]
        for programme_id, place_id, values in check_in_counts(ids, filter_, today):
            for row in (by_programme[programme_id], district_row(place_id), total):
                _add(row.counts, values)
        for programme_id, hours, tandems in hours_by_programme(ids, filter_):
            for row in (by_programme[programme_id], total):
                row.counts.volunteer_hours = round(row.counts.volunteer_hours + hours, 1)
                row.counts.tandems_with_hours += tandems
        days = defaultdict(list)
        for programme_id, place_id, waited, n in waiting_days(ids, filter_):
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
        months=waiting_list(ids, Buckets(filter_))
        if ids
        else [
            MonthPoint(m, 0, 0, 0) for m in months_between(filter_.period_start, filter_.period_end)
        ],
    )


def _add(counts: Counts, values: dict) -> None:
    for name, value in values.items():
        setattr(counts, name, getattr(counts, name) + int(value or 0))


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
