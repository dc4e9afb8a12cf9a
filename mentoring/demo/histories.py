"""Synthetic tandem histories for demonstrations, tests and the reports benchmark.

For volunteers and requests already stored (e.g. by `flask demo load`), creates tandems over
the past months: when they were agreed, the first meeting, the status steps, check-ins (held or
still due), the volunteer's hours in most months, and endings with a reason. Deterministic
for a seed, the stored people and the day; rows are written in bulk in one transaction.

Only ready volunteers and open requests without a tandem are used, each pair within one
programme; a volunteer's capacity is respected for the tandems still running.
"""

import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import insert, select, text, update

from mentoring.extensions import db
from mentoring.models import (
    OCCUPYING_STATUSES,
    CheckIn,
    EndReason,
    MenteeRequest,
    Programme,
    RequestStatus,
    Tandem,
    TandemEvent,
    TandemStatus,
    Volunteer,
    VolunteerHours,
    VolunteerStatus,
)
from mentoring.models.people import volunteer_programmes

CHUNK = 1000
END_WEIGHTS = {
    EndReason.GOALS_REACHED: 45,
    EndReason.NO_TIME: 20,
    EndReason.DID_NOT_FIT: 13,
    EndReason.MOVED_AWAY: 12,
    EndReason.OTHER: 10,
}
CHECKIN_DONE_SHARE = 0.85
HOURS_RECORDED_SHARE = 0.8  # months with hours entered
MONTHLY_HOURS = (2, 3, 4, 4.5, 6, 8, 10)


@dataclass(frozen=True)
class HistoryReport:
    tandems: int
    ended: int
    check_ins: int
    hour_months: int = 0

    def __str__(self) -> str:
        return (
            f"Tandem-Verläufe: {self.tandems} Tandems ({self.ended} beendet), "
            f"{self.check_ins} Begleitgespräche"
        )


def generate_histories(
    *, seed: int = 2021, share: float = 0.45, now: datetime | None = None
) -> HistoryReport:
    """Create tandems for about `share` of the open requests; commit once."""
    now = now or datetime.now(UTC)
    today = now.date()
    rng = random.Random(seed)
    programmes = {p.id: p for p in db.session.scalars(select(Programme))}
    free = _free_capacity()
    candidates = _volunteers_by_programme(free)
    requests = db.session.execute(
        select(MenteeRequest.id, MenteeRequest.programme_id, MenteeRequest.created_at)
        .where(
            MenteeRequest.status == RequestStatus.OPEN,
            MenteeRequest.erased_at.is_(None),
            ~select(Tandem.id).where(Tandem.request_id == MenteeRequest.id).exists(),
        )
        .order_by(MenteeRequest.created_at, MenteeRequest.id)
    ).all()

    tandems, plans = [], []
    for request_id, programme_id, signed_up in requests:
        if rng.random() >= share:
            continue
        # Waiting times are skewed: most wait some weeks, a few many months.
        agreed = signed_up + timedelta(
            days=min(int(rng.lognormvariate(3.4, 0.7)), 300), hours=rng.randrange(8)
        )
        if agreed >= now - timedelta(days=1):
            continue  # still waiting
        volunteer_id = _pick(rng, candidates[programme_id], free)
        if volunteer_id is None:
            continue
        plan = _plan(rng, agreed, today, programmes[programme_id])
        if plan.status in OCCUPYING_STATUSES:
            free[volunteer_id] -= 1
        tandems.append(
            {
                "programme_id": programme_id,
                "volunteer_id": volunteer_id,
                "request_id": request_id,
                "status": plan.status,
                "first_meeting_on": plan.first_meeting,
                "coordinator_present": True if plan.first_meeting else None,
                "ended_on": plan.ended,
                "end_reason": plan.reason,
                "created_at": agreed,
                "request_signed_up_at": signed_up,
            }
        )
        plans.append(plan)

    ids = _insert_tandems(tandems)
    # A separate generator: the hours change none of the other drawn values.
    hours_rng = random.Random(f"{seed}-hours")
    events, check_ins, hours = [], [], []
    for row, plan in zip(tandems, plans, strict=True):
        tandem_id = ids[row["request_id"]]
        events += [
            {"tandem_id": tandem_id, "from_status": before, "to_status": after, "at": at}
            for before, after, at in plan.events
        ]
        check_ins += [
            {"tandem_id": tandem_id, "due_on": due, "done_on": done} for due, done in plan.check_ins
        ]
        hours += [
            {"tandem_id": tandem_id, "month": month, "hours": amount, "recorded_at": now}
            for month, amount in _hours(hours_rng, plan, today)
        ]
    for chunk in _chunks(events):
        db.session.execute(insert(TandemEvent), chunk)
    for chunk in _chunks(check_ins):
        db.session.execute(insert(CheckIn), chunk)
    for chunk in _chunks(hours):
        db.session.execute(insert(VolunteerHours), chunk)
    _update_statuses(tandems)
    db.session.commit()
    _refresh_planner_statistics()
    return HistoryReport(len(tandems), sum(1 for p in plans if p.ended), len(check_ins), len(hours))


@dataclass
class _Plan:
    status: TandemStatus
    first_meeting: date | None
    ended: date | None
    reason: EndReason | None
    events: list
    check_ins: list


def _pick(rng: random.Random, pool: list[int], free: dict[int, int]) -> int | None:
    """A random volunteer of the pool with a free place; full ones leave the pool."""
    while pool:
        index = rng.randrange(len(pool))
        volunteer_id = pool[index]
        if free[volunteer_id] > 0:
            return volunteer_id
        pool[index] = pool[-1]
        pool.pop()
    return None


def _plan(rng: random.Random, agreed: datetime, today: date, programme: Programme) -> _Plan:
    """The course of one tandem from the day it was agreed until today."""
    events = [(None, TandemStatus.PROPOSED.value, agreed)]
    first = agreed.date() + timedelta(days=rng.randint(4, 21))
    if first > today:
        return _Plan(TandemStatus.PROPOSED, None, None, None, events, [])
    events.append((TandemStatus.PROPOSED.value, TandemStatus.INTRODUCED.value, _moment(first)))
    running = (today - first).days
    ended = reason = None
    if running > 45 and rng.random() < min(0.65, running / 700):
        ended = first + timedelta(days=rng.randint(30, running))
        reason = rng.choices(list(END_WEIGHTS), weights=list(END_WEIGHTS.values()))[0]
    last_day = ended or today
    status = TandemStatus.INTRODUCED
    for step, after_days in ((TandemStatus.TRIAL, 14), (TandemStatus.ACTIVE, 90)):
        if (last_day - first).days >= after_days:
            events.append((status.value, step.value, _moment(first + timedelta(days=after_days))))
            status = step
    if ended:
        events.append((status.value, TandemStatus.ENDED.value, _moment(ended)))
        status = TandemStatus.ENDED
    elif status is TandemStatus.ACTIVE and rng.random() < 0.05:
        events.append((status.value, TandemStatus.PAUSED.value, _moment(today)))
        status = TandemStatus.PAUSED
    check_ins = []
    due = first + timedelta(days=programme.first_checkin_days or 14)
    interval = timedelta(days=max(programme.checkin_interval_days or 30, 7))
    while due <= (ended or today + interval):
        done = None
        if due <= today and rng.random() < CHECKIN_DONE_SHARE:
            done = min(due + timedelta(days=rng.randint(-3, 10)), today)
        check_ins.append((due, done))
        due += interval
    return _Plan(status, first, ended, reason, events, check_ins)


def _hours(rng: random.Random, plan: _Plan, today: date) -> Iterator[tuple[date, Decimal]]:
    """Hours for most months from the first meeting to the end (or today)."""
    if plan.first_meeting is None:
        return
    month, last = plan.first_meeting.replace(day=1), (plan.ended or today).replace(day=1)
    while month <= last:
        if rng.random() < HOURS_RECORDED_SHARE:
            yield month, Decimal(str(rng.choice(MONTHLY_HOURS)))
        month = (month + timedelta(days=32)).replace(day=1)


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(10), UTC)


def _free_capacity() -> dict[int, int]:
    """Free places of ready and active volunteers (not erased)."""
    occupied = defaultdict(int)
    for (volunteer_id,) in db.session.execute(
        select(Tandem.volunteer_id).where(
            Tandem.status.in_(OCCUPYING_STATUSES), Tandem.volunteer_id.is_not(None)
        )
    ):
        occupied[volunteer_id] += 1
    rows = db.session.execute(
        select(Volunteer.id, Volunteer.capacity)
        .where(
            Volunteer.status.in_((VolunteerStatus.READY, VolunteerStatus.ACTIVE)),
            Volunteer.erased_at.is_(None),
        )
        .order_by(Volunteer.id)
    )
    return {vid: capacity - occupied[vid] for vid, capacity in rows if capacity - occupied[vid] > 0}


def _volunteers_by_programme(free: dict[int, int]) -> dict[int, list[int]]:
    pools: dict[int, list[int]] = defaultdict(list)
    links = db.session.execute(
        select(volunteer_programmes.c.programme_id, volunteer_programmes.c.volunteer_id).order_by(
            volunteer_programmes.c.programme_id, volunteer_programmes.c.volunteer_id
        )
    )
    for programme_id, volunteer_id in links:
        if volunteer_id in free:
            pools[programme_id].append(volunteer_id)
    return pools


def _insert_tandems(rows: list[dict]) -> dict[int, int]:
    """Insert in bulk; each request has one new tandem, so the request id finds its tandem."""
    ids: dict[int, int] = {}
    statement = insert(Tandem).returning(Tandem.request_id, Tandem.id)
    for chunk in _chunks(rows):
        ids.update(db.session.execute(statement, chunk).all())
    return ids


def _update_statuses(rows: list[dict]) -> None:
    """Requests: matched while a tandem runs, closed after it ended (open again if it did not
    fit). Volunteers with a running tandem: active."""
    by_status: dict[RequestStatus, list[int]] = defaultdict(list)
    active_volunteers = set()
    for row in rows:
        if row["status"] in OCCUPYING_STATUSES:
            by_status[RequestStatus.MATCHED].append(row["request_id"])
            active_volunteers.add(row["volunteer_id"])
        elif row["end_reason"] is EndReason.DID_NOT_FIT:
            by_status[RequestStatus.OPEN].append(row["request_id"])
        else:
            by_status[RequestStatus.CLOSED].append(row["request_id"])
    for status, ids in by_status.items():
        for chunk in _chunks(ids):
            db.session.execute(
                update(MenteeRequest)
                .where(MenteeRequest.id.in_(chunk))
                .values(status=status)
                .execution_options(synchronize_session=False)
            )
    for chunk in _chunks(sorted(active_volunteers)):
        db.session.execute(
            update(Volunteer)
            .where(Volunteer.id.in_(chunk))
            .values(status=VolunteerStatus.ACTIVE)
            .execution_options(synchronize_session=False)
        )


def _refresh_planner_statistics() -> None:
    """After a bulk load PostgreSQL's planner still believes the tables are empty (until
    autovacuum comes by) and picks nested loops over thousands of rows."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(
            text("ANALYZE tandems, tandem_events, check_ins, mentee_requests, volunteers")
        )
        db.session.commit()


def _chunks(rows: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]
