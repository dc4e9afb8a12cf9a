"""Deletion periods: time-travel tests of `flask privacy purge`."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from mentoring.extensions import db
from mentoring.models import (
    AuditEntry,
    CheckIn,
    ConsentRecord,
    EndReason,
    MenteeRequest,
    PoliceCheck,
    RequestStatus,
    Tandem,
    TandemNote,
    TandemStatus,
    Volunteer,
    VolunteerStatus,
)
from mentoring.operations import withdrawal
from mentoring.operations.purge import PurgePeriods, months_before, purge
from mentoring.personal_data import records
from tests.privacy.world import distinctive_request, distinctive_volunteer, tandem_with_history

TODAY = date(2027, 6, 15)


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC)


def _dump() -> dict:
    """Every row of every table except the append-only audit log."""
    out = {}
    for table in db.metadata.sorted_tables:
        if table.name != "audit_log":
            out[table.name] = sorted(map(repr, db.session.execute(select(table)).all()))
    return out


def _police(volunteer, inspected=date(2026, 1, 10)):
    db.session.add(
        PoliceCheck(
            volunteer_id=volunteer.id,
            issue_date=inspected - timedelta(days=5),
            inspected_on=inspected,
            conviction_listed=False,
        )
    )
    db.session.commit()


def test_months_before_handles_month_ends():
    assert months_before(date(2027, 3, 31), 1) == date(2027, 2, 28)
    assert months_before(date(2027, 6, 15), 12) == date(2026, 6, 15)
    assert months_before(date(2027, 1, 15), 3) == date(2026, 10, 15)


def test_unprocessed_signups_go_after_twelve_months(app):
    cutoff = months_before(TODAY, 12)
    old = distinctive_volunteer(
        first="Alt", last="Neuling", status=VolunteerStatus.NEW, created_at=_at(cutoff)
    )
    young = distinctive_volunteer(
        first="Jung",
        last="Neuling",
        status=VolunteerStatus.NEW,
        created_at=_at(cutoff + timedelta(days=1)),
    )
    processed = distinctive_volunteer(
        first="Geprueft",
        last="Person",
        status=VolunteerStatus.SCREENING,
        created_at=_at(cutoff - timedelta(days=300)),
    )
    old_request = distinctive_request(
        contact=("Alte", "Anfrage"),
        status=RequestStatus.NEW,
        created_at=_at(cutoff - timedelta(days=1)),
    )
    open_request = distinctive_request(
        contact=("Offene", "Anfrage"),
        status=RequestStatus.OPEN,
        created_at=_at(cutoff - timedelta(days=100)),
    )
    report = purge(today=TODAY)
    assert [(i.rule, i.subject_type, i.subject_id) for i in report.items] == [
        ("unprocessed", "volunteer", old.id),
        ("unprocessed", "request", old_request.id),
    ]
    db.session.expire_all()
    assert db.session.get(Volunteer, old.id).erased_at is not None
    assert db.session.get(MenteeRequest, old_request.id).erased_at is not None
    for kept in (young, processed):
        assert db.session.get(Volunteer, kept.id).erased_at is None
    assert db.session.get(MenteeRequest, open_request.id).erased_at is None
    assert purge(today=TODAY).items == []  # idempotent


def test_withdrawn_people_are_erased_after_the_grace_period(app):
    volunteer = distinctive_volunteer()
    withdrawal.withdraw_consent(kind="volunteer", person_id=volunteer.id, staff=None)
    withdrawn_on = datetime.now(UTC).date()
    periods = PurgePeriods(withdrawn_grace_days=30)
    assert purge(today=withdrawn_on + timedelta(days=29), periods=periods).items == []
    db.session.expire_all()
    assert db.session.get(Volunteer, volunteer.id).erased_at is None
    report = purge(today=withdrawn_on + timedelta(days=30), periods=periods)
    assert [(i.rule, i.subject_id) for i in report.items] == [("withdrawn", volunteer.id)]
    db.session.expire_all()
    assert db.session.get(Volunteer, volunteer.id).first_name == "Gelöschte"
    assert (
        db.session.scalar(select(AuditEntry.detail).where(AuditEntry.action == "erase"))
        == "purge:withdrawn"
    )


def test_police_checks_go_at_once_when_the_volunteer_never_started(app):
    never = distinctive_volunteer(first="Nie", last="Begonnen", status=VolunteerStatus.WITHDRAWN)
    waiting = distinctive_volunteer(first="Wartet", last="Noch", status=VolunteerStatus.READY)
    _police(never)
    _police(waiting)
    report = purge(today=TODAY)
    assert [(i.rule, i.subject_id, i.rows) for i in report.items] == [
        ("police_checks", never.id, 1)
    ]
    remaining = db.session.scalars(select(PoliceCheck.volunteer_id)).all()
    assert remaining == [waiting.id]
    db.session.expire_all()
    assert db.session.get(Volunteer, never.id).erased_at is None  # only the certificate data


def test_police_checks_go_three_months_after_the_last_tandem_ended(app):
    volunteer = distinctive_volunteer()
    busy = distinctive_volunteer(first="Noch", last="Aktiv")
    for v in (volunteer, busy):
        _police(v)
        tandem_with_history(
            v,
            distinctive_request(contact=("Kontakt", v.last_name)),
            status=TandemStatus.ENDED,
            ended_on=date(2027, 1, 10),
            end_reason=EndReason.GOALS_REACHED,
        )
    tandem_with_history(
        busy, distinctive_request(contact=("Zweiter", "Kontakt")), status=TandemStatus.ACTIVE
    )
    assert purge(today=date(2027, 4, 9)).items == []
    report = purge(today=date(2027, 4, 10))
    assert [(i.rule, i.subject_id) for i in report.items] == [("police_checks", volunteer.id)]
    assert db.session.scalars(select(PoliceCheck.volunteer_id)).all() == [busy.id]


def test_notes_of_ended_tandems_go_after_24_months(app):
    volunteer = distinctive_volunteer()
    old = tandem_with_history(
        volunteer,
        distinctive_request(),
        status=TandemStatus.ENDED,
        ended_on=date(2025, 6, 15),
        end_reason=EndReason.MOVED_AWAY,
    )
    recent = tandem_with_history(
        volunteer,
        distinctive_request(contact=("Neu", "Lich")),
        status=TandemStatus.ENDED,
        ended_on=date(2025, 6, 16),
        end_reason=EndReason.NO_TIME,
    )
    running = tandem_with_history(volunteer, distinctive_request(contact=("Läuft", "Noch")))
    report = purge(today=TODAY)
    assert [(i.rule, i.subject_id, i.rows) for i in report.items] == [
        ("tandem_notes", old.id, 3)
    ]  # one note, one summary, the end note
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).where(TandemNote.tandem_id == old.id)) == 0
    assert db.session.scalar(select(CheckIn.summary).where(CheckIn.tandem_id == old.id)) is None
    tandem = db.session.get(Tandem, old.id)
    assert tandem.end_note is None and tandem.end_reason is EndReason.MOVED_AWAY  # statistics stay
    for kept in (recent, running):
        assert db.session.scalar(select(func.count()).where(TandemNote.tandem_id == kept.id)) == 1


def _busy_world():
    """One of each case, plus bystanders who must not change."""
    cutoff = months_before(TODAY, 12)
    distinctive_volunteer(
        first="Alt",
        last="Neuling",
        status=VolunteerStatus.NEW,
        created_at=_at(cutoff - timedelta(days=3)),
    )
    never = distinctive_volunteer(first="Nie", last="Begonnen", status=VolunteerStatus.WITHDRAWN)
    _police(never)
    bystander = distinctive_volunteer(first="Bleibt", last="Unberührt")
    _police(bystander)
    tandem_with_history(bystander, distinctive_request(contact=("Bleibt", "Auch")))
    ended = distinctive_volunteer(first="Lange", last="Her")
    tandem_with_history(
        ended,
        distinctive_request(contact=("Lange", "Vorbei")),
        status=TandemStatus.ENDED,
        ended_on=date(2024, 1, 1),
        end_reason=EndReason.GOALS_REACHED,
    )
    return bystander


def test_dry_run_shows_the_plan_and_changes_nothing(app):
    _busy_world()
    before = _dump()
    audit_before = db.session.scalar(select(func.count(AuditEntry.id)))
    dry = purge(today=TODAY, dry_run=True)
    assert _dump() == before
    assert db.session.scalar(select(func.count(AuditEntry.id))) == audit_before
    assert "Probelauf" in dry.text() and "würden gelöscht" in dry.text()
    real = purge(today=TODAY)
    assert real.items == dry.items
    assert sorted(real.counts().items()) == [
        ("police_checks", 1),
        ("tandem_notes", 1),
        ("unprocessed", 1),
    ]


def test_purge_touches_nothing_else_and_a_second_run_deletes_nothing(app):
    bystander = _busy_world()
    bystander_rows = _rows_of_volunteer(bystander.id)
    purge(today=TODAY)
    after_first = _dump()
    assert purge(today=TODAY).items == []
    assert _dump() == after_first
    assert _rows_of_volunteer(bystander.id) == bystander_rows


def _rows_of_volunteer(volunteer_id: int) -> dict:
    related = records.related_rows("volunteer", volunteer_id)
    return {name: [repr(sorted(r.items())) for r in rows] for name, rows in related.tables.items()}


def test_purge_erasure_keeps_consent_shells(app):
    old = distinctive_volunteer(
        status=VolunteerStatus.NEW, created_at=_at(months_before(TODAY, 13))
    )
    purge(today=TODAY)
    consent = db.session.scalar(select(ConsentRecord).where(ConsentRecord.volunteer_id == old.id))
    assert consent.given_by_name == "Gelöschte Person" and consent.text_version == "2026-11-01"


@pytest.mark.parametrize("dry_run", [True, False])
def test_cli_prints_a_german_report(app, dry_run):
    old = distinctive_volunteer(status=VolunteerStatus.NEW, created_at=_at(date(2020, 1, 1)))
    args = ["privacy", "purge", "--today", "2027-06-15"] + (["--dry-run"] if dry_run else [])
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output
    assert "Nie bearbeitete Anmeldungen" in result.output
    assert f"Ehrenamtliche Person Nr. {old.id}" in result.output
    assert ("Probelauf" in result.output) is dry_run
    db.session.expire_all()
    assert (db.session.get(Volunteer, old.id).erased_at is None) is dry_run
