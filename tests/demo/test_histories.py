"""The synthetic tandem histories behind `flask demo tandems`."""

from datetime import UTC, datetime

from sqlalchemy import delete, func, select, update

from mentoring.demo.histories import generate_histories
from mentoring.demo.loader import load_demo
from mentoring.extensions import db
from mentoring.models import (
    OCCUPYING_STATUSES,
    CheckIn,
    MenteeRequest,
    RequestStatus,
    Tandem,
    TandemEvent,
    TandemStatus,
    Volunteer,
    VolunteerHours,
)
from mentoring.models.people import volunteer_programmes

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


def _signature():
    rows = db.session.execute(
        select(
            Tandem.volunteer_id,
            Tandem.request_id,
            Tandem.status,
            Tandem.first_meeting_on,
            Tandem.ended_on,
            Tandem.end_reason,
        ).order_by(Tandem.request_id)
    ).all()
    check_ins = db.session.execute(
        select(Tandem.request_id, CheckIn.due_on, CheckIn.done_on)
        .join(Tandem, Tandem.id == CheckIn.tandem_id)
        .order_by(Tandem.request_id, CheckIn.due_on)
    ).all()
    return rows, check_ins


def test_histories_are_consistent(app):
    load_demo(volunteers=None, requests=None, seed=7)
    report = generate_histories(seed=3, now=NOW)
    assert report.tandems > 10 and report.ended > 0 and report.check_ins > report.tandems
    tandems = db.session.scalars(select(Tandem)).all()
    assert len(tandems) == report.tandems
    links = set(
        db.session.execute(
            select(volunteer_programmes.c.volunteer_id, volunteer_programmes.c.programme_id)
        ).all()
    )
    for t in tandems:
        assert (t.volunteer_id, t.programme_id) in links  # same programme on both sides
        assert t.request.programme_id == t.programme_id
        assert t.request_signed_up_at == t.request.created_at
        assert t.created_at >= t.request_signed_up_at
        if t.first_meeting_on is None:
            assert t.status is TandemStatus.PROPOSED
        else:
            assert t.first_meeting_on >= t.created_at.date()
        assert (t.ended_on is not None) == (t.status is TandemStatus.ENDED)
        assert (t.end_reason is not None) == (t.ended_on is not None)
        if t.ended_on:
            assert t.ended_on > t.first_meeting_on
        assert t.events[0].to_status == "proposed" and t.events[-1].to_status == t.status.value
        for check_in in t.check_ins:
            assert check_in.due_on > t.first_meeting_on
            assert check_in.done_on is None or check_in.done_on <= NOW.date()
        if t.status in OCCUPYING_STATUSES:
            assert t.request.status is RequestStatus.MATCHED
    # Capacity holds for the tandems still running.
    running = db.session.execute(
        select(Tandem.volunteer_id, func.count())
        .where(Tandem.status.in_(OCCUPYING_STATUSES))
        .group_by(Tandem.volunteer_id)
    ).all()
    for volunteer_id, n in running:
        assert n <= db.session.get(Volunteer, volunteer_id).capacity


def test_histories_are_deterministic(app):
    load_demo(volunteers=None, requests=None, seed=7)
    statuses = dict(db.session.execute(select(MenteeRequest.id, MenteeRequest.status)).all())
    volunteer_statuses = dict(db.session.execute(select(Volunteer.id, Volunteer.status)).all())
    generate_histories(seed=5, now=NOW)
    first = _signature()
    # Undo, then run again with the same seed.
    db.session.execute(delete(CheckIn))
    db.session.execute(delete(TandemEvent))
    db.session.execute(delete(Tandem))
    for request_id, status in statuses.items():
        db.session.execute(
            update(MenteeRequest).where(MenteeRequest.id == request_id).values(status=status)
        )
    for volunteer_id, status in volunteer_statuses.items():
        db.session.execute(
            update(Volunteer).where(Volunteer.id == volunteer_id).values(status=status)
        )
    db.session.commit()
    generate_histories(seed=5, now=NOW)
    assert _signature() == first
    assert first[0]


def test_cli_command(app):
    load_demo(volunteers=None, requests=None, seed=7)
    result = app.test_cli_runner().invoke(args=["demo", "tandems", "--seed", "4"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Tandem-Verläufe: ")
    assert db.session.scalar(select(func.count(Tandem.id))) > 0


def test_histories_record_hours_within_each_tandem(app):
    load_demo(volunteers=None, requests=None, seed=7)
    report = generate_histories(seed=3, now=NOW)
    rows = db.session.execute(
        select(
            VolunteerHours.month, VolunteerHours.hours, Tandem.first_meeting_on, Tandem.ended_on
        ).join(Tandem, Tandem.id == VolunteerHours.tandem_id)
    ).all()
    assert len(rows) == report.hour_months > report.tandems // 2
    for month, hours, first, ended in rows:
        assert month.day == 1 and 0.5 <= hours <= 200
        assert first.replace(day=1) <= month <= (ended or NOW.date()).replace(day=1)
