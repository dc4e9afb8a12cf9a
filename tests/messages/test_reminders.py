"""Scheduled reminders: the coordinators' daily digest and the §72a re-inspection reminder,
delivered to a real SMTP server; each fires when due and only once (jobs run twice)."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from mentoring.extensions import db
from mentoring.messages import worker
from mentoring.messages.reminders import digest_recipients
from mentoring.models import (
    Message,
    RequestStatus,
    SentReminder,
    StaffRole,
    TandemStatus,
    VolunteerStatus,
)
from mentoring.operations.delivery import deliver
from mentoring.operations.reminders import (
    run_reminder_jobs,
    send_digests,
    send_police_check_reminders,
)
from mentoring.safeguarding import add_years
from tests.support.factories import (
    DEPT_B,
    PROGRAMME_B,
    make_check_in,
    make_police_check,
    make_proposal,
    make_request,
    make_staff,
    make_tandem,
    make_volunteer,
    today,
)
from tests.support.smtp import html_part, mail_config, smtp_server, text_part


@pytest.fixture(autouse=True)
def empty_queue(app):
    worker.huey.flush()
    yield
    worker.huey.flush()


def messages(kind: str | None = None) -> list[Message]:
    db.session.expire_all()
    query = select(Message).order_by(Message.id)
    if kind:
        query = query.where(Message.kind == kind)
    return list(db.session.scalars(query))


def confirmed(person):
    person.email_confirmed_at = datetime.now(UTC)
    db.session.commit()
    return person


def quiet_world():
    """A tandem whose check-in lies far ahead, contacted people: nothing to tell anyone."""
    volunteer = make_volunteer(first_contact_on=today())
    request_row = make_request(first_contact_on=today())
    tandem = make_tandem(volunteer, request_row)
    make_check_in(tandem, due_days_ago=-30)
    return tandem


def test_nothing_to_say_sends_no_digest(app, coordinator):
    quiet_world()
    assert send_digests() == 0
    assert messages() == []


def test_digest_lists_check_ins_stale_proposals_and_new_sign_ups_once_a_day(app, coordinator):
    tandem = quiet_world()
    overdue = make_check_in(tandem, due_days_ago=3)
    due = make_check_in(tandem, due_days_ago=-2)
    make_check_in(tandem, due_days_ago=-20)  # not yet
    volunteer = make_volunteer(status=VolunteerStatus.NEW)
    request_row = make_request(status=RequestStatus.NEW)
    stale = make_proposal(make_volunteer(), make_request(), created_days_ago=20)
    make_proposal(make_volunteer(), make_request(), created_days_ago=2)  # not stale yet
    with smtp_server() as (inbox, port):
        app.config.update(mail_config(port))
        assert send_digests() == 1
        assert send_digests() == 0  # the job runs again the same day: nothing twice
        [message] = messages("coordinator_digest")
        assert message.staff_id == coordinator.id and message.locale == "de"
        assert deliver(message.id) == "sent"
        [mail] = inbox.wait_for(1)
    text = text_part(mail)
    assert mail["To"] == coordinator.email
    assert mail["Subject"].startswith(f"Tagesübersicht vom {today():%d.%m.%Y}")
    assert "Überfällige Begleitgespräche (1)" in text
    assert f"fällig seit {overdue.due_on:%d.%m.%Y}" in text
    assert "Begleitgespräche in den nächsten 7 Tagen (1)" in text
    assert f"fällig am {due.due_on:%d.%m.%Y}" in text
    assert "Vorschläge seit mehr als 14 Tagen ohne Entscheidung (1)" in text
    assert f"https://mentoring.example.org/dashboard/vorschlaege/{stale.id}" in text
    assert f"Ehrenamtliche Person {volunteer.reference}" in text
    assert f"Anfrage {request_row.reference}" in text
    assert volunteer.first_name not in text and volunteer.last_name not in text  # references only
    assert '<html lang="de" dir="ltr">' in html_part(mail)
    assert db.session.scalars(select(SentReminder.key)).all() == [
        f"digest:{coordinator.id}:{today().isoformat()}"
    ]


def test_next_day_brings_a_new_digest(app, coordinator):
    tandem = quiet_world()
    make_check_in(tandem, due_days_ago=3)
    assert send_digests() == 1
    assert send_digests(today() + timedelta(days=1)) == 1
    assert len(messages("coordinator_digest")) == 2


def test_digest_goes_to_the_coordinators_of_the_programmes_department(app, coordinator):
    other = make_staff(departments=(DEPT_B,), email="b@example.org")
    admin = make_staff(role=StaffRole.ADMIN, departments=(), email="admin@example.org")
    request_b = make_request(programme_code=PROGRAMME_B)
    tandem_b = make_tandem(make_volunteer(programmes=(PROGRAMME_B,)), request_b)
    make_check_in(tandem_b, due_days_ago=1)
    request_b.first_contact_on = today()
    db.session.commit()
    assert send_digests() == 1
    [message] = messages("coordinator_digest")
    assert message.staff_id == other.id  # not the FB 41 coordinator, not the admin
    # Departments without any coordinator fall to the admins.
    recipients = {s.id for s in digest_recipients()}
    assert {coordinator.id, other.id, admin.id} <= recipients


def test_ended_tandems_leave_the_digest(app, coordinator):
    volunteer, request_row = (
        make_volunteer(first_contact_on=today()),
        make_request(first_contact_on=today()),
    )
    tandem = make_tandem(volunteer, request_row, status=TandemStatus.ENDED)
    make_check_in(tandem, due_days_ago=5)
    assert send_digests() == 0


def _certificate_due_in(volunteer, days: int):
    """An inspection whose five years run out `days` from today."""
    due_on = today() + timedelta(days=days)
    inspected = add_years(due_on, -5)
    return make_police_check(volunteer, inspected_days_ago=(today() - inspected).days)


def test_police_check_reminder_fires_in_the_eighth_week_once(app, coordinator):
    volunteer = confirmed(make_volunteer(programmes=(PROGRAMME_B,), correspondence_language="de"))
    family_coordinator = make_staff(departments=(DEPT_B,), email="fb43@example.org")
    _certificate_due_in(volunteer, 8 * 7 + 1)  # one day before the warning period
    assert send_police_check_reminders() == 0
    # The next morning the eight weeks begin.
    tomorrow = today() + timedelta(days=1)
    with smtp_server() as (inbox, port):
        app.config.update(mail_config(port))
        assert send_police_check_reminders(tomorrow) == 1
        assert send_police_check_reminders(tomorrow) == 0
        assert send_police_check_reminders(tomorrow + timedelta(days=7)) == 0  # once per check
        sent = messages()
        assert [m.kind for m in sent] == ["police_check_reminder", "police_check_staff"]
        assert sent[0].volunteer_id == volunteer.id
        assert sent[1].staff_id == family_coordinator.id
        for message in sent:
            assert deliver(message.id) == "sent"
        mails = inbox.wait_for(2)
    due_on = today() + timedelta(days=57)
    to_volunteer = next(m for m in mails if m["To"] == volunteer.email)
    to_staff = next(m for m in mails if m["To"] == family_coordinator.email)
    assert to_volunteer["Subject"] == "Bitte beantragen Sie ein neues Führungszeugnis"
    assert f"gilt bis zum {due_on:%d.%m.%Y}" in text_part(to_volunteer)
    assert volunteer.reference in to_staff["Subject"]
    assert f"bis zum {due_on:%d.%m.%Y} wiederholt" in text_part(to_staff)


def test_police_check_reminder_in_the_volunteers_language(app):
    volunteer = confirmed(make_volunteer(programmes=(PROGRAMME_B,), correspondence_language="tr"))
    _certificate_due_in(volunteer, 20)
    assert send_police_check_reminders() == 1
    [message] = messages("police_check_reminder")
    assert message.locale == "tr"
    assert "Führungszeugnis" not in message.subject


def test_new_inspection_means_a_new_reminder_five_years_later(app):
    volunteer = confirmed(make_volunteer(programmes=(PROGRAMME_B,)))
    _certificate_due_in(volunteer, 20)
    assert send_police_check_reminders() == 1
    make_police_check(volunteer, inspected_days_ago=1)  # re-inspected: valid again
    assert send_police_check_reminders() == 0
    five_years_on = add_years(today(), 5) - timedelta(days=10)
    assert send_police_check_reminders(five_years_on) == 1


@pytest.mark.parametrize("case", ["expired", "conviction", "withdrawn"])
def test_no_reminder_for_expired_convicted_or_withdrawn(app, case):
    status = VolunteerStatus.WITHDRAWN if case == "withdrawn" else VolunteerStatus.READY
    volunteer = make_volunteer(programmes=(PROGRAMME_B,), status=status)
    if case == "expired":
        _certificate_due_in(volunteer, -1)
    elif case == "conviction":
        check = _certificate_due_in(volunteer, 20)
        check.conviction_listed = True
        db.session.commit()
    else:
        _certificate_due_in(volunteer, 20)
    assert send_police_check_reminders() == 0


def test_periodic_jobs_are_registered_on_the_huey_instance(app):
    periodic = {task.__name__: task for task in worker.huey._registry._periodic_tasks}
    assert {"reminder_jobs", "daily_jobs", "sweep"} <= set(periodic)
    # Every hour at :05 (the job itself waits for DIGEST_HOUR).
    check = periodic["reminder_jobs"]().validate_datetime
    assert check(datetime(2026, 11, 30, 7, 5)) and not check(datetime(2026, 11, 30, 7, 6))


def test_reminder_job_waits_for_the_digest_hour_and_runs_once(app, coordinator):
    tandem = quiet_world()
    make_check_in(tandem, due_days_ago=2)
    app.config["DIGEST_HOUR"] = 5
    early = datetime(2026, 11, 30, 4, 5, tzinfo=UTC)
    assert worker.run_reminders_if_due(early) is None
    assert messages() == []
    later = datetime(2026, 11, 30, 5, 5, tzinfo=UTC)
    assert worker.run_reminders_if_due(later) == {"digests": 1, "police_checks": 0}
    assert run_reminder_jobs() == {"digests": 0, "police_checks": 0}
    assert len(messages("coordinator_digest")) == 1


def test_same_day_never_twice_even_when_recorded_concurrently(app, coordinator):
    """A second worker that checked before the first committed loses on the unique key."""
    tandem = quiet_world()
    make_check_in(tandem, due_days_ago=2)
    db.session.add(
        SentReminder(key=f"digest:{coordinator.id}:{today().isoformat()}", sent_on=today())
    )
    db.session.commit()
    assert send_digests() == 0
    assert messages() == []
