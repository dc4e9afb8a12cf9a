"""Tandem start and first-meeting invitations against a real SMTP server: both sides in their
languages, an .ics that parses back (UID, DTSTART, LOCATION, METHOD), an update with the same UID
and a higher SEQUENCE, a cancellation; letters without attachment; a rollback leaves nothing."""

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import func, select

from mentoring import clock
from mentoring.extensions import db
from mentoring.messages import flows, worker
from mentoring.models import Message, MessageChannel, Tandem
from mentoring.operations import OperationError
from mentoring.operations.delivery import deliver
from mentoring.operations.meetings import cancel_first_meeting, plan_first_meeting
from mentoring.operations.proposals import accept_proposal
from tests.support.factories import make_proposal, make_request, make_volunteer
from tests.support.forms import post_prefixed_form
from tests.support.smtp import html_part, mail_config, smtp_server, text_part

PLACE = "Stadtteilzentrum Wanne, Raum 2, Hauptstraße 1"


@pytest.fixture(autouse=True)
def empty_queue(app):
    worker.huey.flush()
    yield
    worker.stop_embedded()
    worker.huey.flush()


def _accept(staff, volunteer_language="de", family_language="de", **request_overrides):
    now = datetime.now(UTC)
    volunteer = make_volunteer(
        certificate="valid",
        email="gisela@example.org",
        email_confirmed_at=now,
        locale=volunteer_language,
        correspondence_language=volunteer_language,
    )
    request_row = make_request(
        contact_email="familie@example.org",
        email_confirmed_at=now,
        locale=family_language,
        correspondence_language=family_language,
        **request_overrides,
    )
    proposal = make_proposal(volunteer, request_row, created_days_ago=3)
    return accept_proposal(proposal_id=proposal.id, staff=staff)


def _deliver_all(inbox, count):
    ids = db.session.scalars(
        select(Message.id).where(Message.sent_at.is_(None)).order_by(Message.id)
    ).all()
    for message_id in ids:
        if db.session.get(Message, message_id).channel is MessageChannel.EMAIL:
            assert deliver(message_id) == "sent"
    return inbox.wait_for(count)


def _calendar(mail):
    [part] = [p for p in mail.iter_attachments() if p.get_content_type() == "text/calendar"]
    content = part.get_content()
    calendar = Calendar.from_ical(content if isinstance(content, str) else content.decode())
    [event] = calendar.walk("VEVENT")
    return calendar, event


def _start(days=7, hour=15):
    day = clock.today() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=clock.zone())


def test_accepting_tells_both_sides_in_their_languages(app, coordinator):
    with smtp_server() as (inbox, port):
        app.config.update(mail_config(port))
        tandem = _accept(coordinator, family_language="uk")
        mails = _deliver_all(inbox, 2)
    by_address = {mail["To"]: mail for mail in mails}
    volunteer_mail, family_mail = (
        by_address["gisela@example.org"],
        by_address["familie@example.org"],
    )
    assert volunteer_mail["Subject"] == "Ihr Tandem beginnt"
    assert "Deniz" in text_part(volunteer_mail)  # the partner's first name only
    assert coordinator.email in text_part(volunteer_mail)
    assert family_mail["Content-Language"] == "uk"
    assert "Ihr Tandem beginnt" not in family_mail["Subject"]
    assert "Gisela" in text_part(family_mail)
    assert tandem.id


def test_invitation_update_and_cancellation_keep_the_uid(app, coordinator):
    with smtp_server() as (inbox, port):
        app.config.update(mail_config(port))
        tandem = _accept(coordinator, family_language="ar")
        _deliver_all(inbox, 2)
        plan_first_meeting(tandem_id=tandem.id, staff=coordinator, start=_start(), place=PLACE)
        invitations = _deliver_all(inbox, 4)[2:]
        assert {m["To"] for m in invitations} == {"gisela@example.org", "familie@example.org"}
        for mail in invitations:
            calendar, event = _calendar(mail)
            assert calendar["METHOD"] == "REQUEST"
            assert str(event["UID"]) == f"tandem-meeting-{tandem.id}@mentoring.herne.de"
            assert event.decoded("DTSTART") == _start().astimezone(UTC)
            assert str(event["LOCATION"]) == PLACE
            assert int(event["SEQUENCE"]) == 0
            assert str(event["ORGANIZER"]) == f"mailto:{coordinator.email}"
        arabic = next(m for m in invitations if m["To"] == "familie@example.org")
        assert arabic["Content-Language"] == "ar"
        assert '<html lang="ar" dir="rtl">' in html_part(arabic)
        german = next(m for m in invitations if m["To"] == "gisela@example.org")
        assert german["Subject"].startswith("Einladung: erstes Treffen am")
        assert PLACE in text_part(german) and "15:00" in text_part(german)

        plan_first_meeting(
            tandem_id=tandem.id, staff=coordinator, start=_start(days=8, hour=10), place=PLACE
        )
        updates = _deliver_all(inbox, 6)[4:]
        for mail in updates:
            calendar, event = _calendar(mail)
            assert calendar["METHOD"] == "REQUEST"
            assert str(event["UID"]) == f"tandem-meeting-{tandem.id}@mentoring.herne.de"
            assert int(event["SEQUENCE"]) == 1
            assert event.decoded("DTSTART") == _start(days=8, hour=10).astimezone(UTC)
        german = next(m for m in updates if m["To"] == "gisela@example.org")
        assert german["Subject"].startswith("Geänderter Termin")

        cancel_first_meeting(tandem_id=tandem.id, staff=coordinator)
        cancellations = _deliver_all(inbox, 8)[6:]
        for mail in cancellations:
            calendar, event = _calendar(mail)
            assert calendar["METHOD"] == "CANCEL"
            assert str(event["UID"]) == f"tandem-meeting-{tandem.id}@mentoring.herne.de"
            assert int(event["SEQUENCE"]) == 2
            assert str(event["STATUS"]) == "CANCELLED"
    db.session.expire_all()
    tandem = db.session.get(Tandem, tandem.id)
    assert tandem.meeting_at is None and tandem.meeting_sequence == 2
    with pytest.raises(OperationError):
        cancel_first_meeting(tandem_id=tandem.id, staff=coordinator)


def test_a_family_by_post_gets_a_letter_without_attachment(app, coordinator):
    tandem = _accept(coordinator, contact_channel="letter", street="Hauptstraße", house_number="7")
    plan_first_meeting(tandem_id=tandem.id, staff=coordinator, start=_start(), place=PLACE)
    letter = db.session.scalars(
        select(Message).where(
            Message.kind == "meeting_invitation", Message.channel == MessageChannel.LETTER
        )
    ).one()
    assert letter.attachments is None
    assert PLACE in letter.body_text and "Kalenderdatei" not in letter.body_text
    mail = db.session.scalars(
        select(Message).where(
            Message.kind == "meeting_invitation", Message.channel == MessageChannel.EMAIL
        )
    ).one()
    assert mail.attachments[0]["content_type"] == "text/calendar; method=REQUEST"


def test_bad_plans_are_refused_and_a_rollback_leaves_no_message(app, coordinator):
    tandem = _accept(coordinator)
    before = db.session.scalar(select(func.count()).select_from(Message))
    for start, place in (
        (datetime.now(UTC) - timedelta(hours=1), PLACE),
        (_start(days=400), PLACE),
        (_start(), "   "),
    ):
        with pytest.raises(OperationError):
            plan_first_meeting(tandem_id=tandem.id, staff=coordinator, start=start, place=place)
        db.session.rollback()
    tandem = db.session.get(Tandem, tandem.id)
    tandem.meeting_at, tandem.meeting_place = _start(), PLACE
    flows.meeting_invitation(tandem, coordinator)
    db.session.flush()
    assert db.session.scalar(select(func.count()).select_from(Message)) == before + 2
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Message)) == before
    assert db.session.get(Tandem, tandem.id).meeting_at is None


def test_the_tandem_page_plans_moves_and_cancels(app, staff_client, coordinator):
    tandem = _accept(coordinator)
    url = f"/dashboard/tandems/{tandem.id}"
    page = staff_client.get(url).get_data(as_text=True)
    assert "Erstes Treffen planen" in page and "Einladung senden" in page
    day = (clock.today() + timedelta(days=5)).strftime("%d.%m.%Y")
    bad = post_prefixed_form(
        staff_client,
        url,
        f"{url}/erstes-treffen/planen",
        "plan",
        {"on": day, "at": "25:99", "place": PLACE},
    )
    assert bad.status_code == 400 and "15:30" in bad.get_data(as_text=True)
    ok = post_prefixed_form(
        staff_client,
        url,
        f"{url}/erstes-treffen/planen",
        "plan",
        {"on": day, "at": "16.30", "place": PLACE},
    )
    assert ok.status_code == 302
    page = staff_client.get(url).get_data(as_text=True)
    assert "16:30" in page and "Termin absagen" in page
    db.session.expire_all()
    assert db.session.get(Tandem, tandem.id).meeting_at.astimezone(clock.zone()).hour == 16
    cancel = post_prefixed_form(
        staff_client, url, f"{url}/erstes-treffen/absagen", "cancelmeeting", {}
    )
    assert cancel.status_code == 302
    db.session.expire_all()
    assert db.session.get(Tandem, tandem.id).meeting_at is None
    kinds = db.session.scalars(select(Message.kind).order_by(Message.id)).all()
    assert kinds.count("meeting_invitation") == 4
