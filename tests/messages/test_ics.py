"""Calendar invitations parse back with icalendar; updates and cancellations keep the UID."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from mentoring.messages import ics

HERNE = ZoneInfo("Europe/Berlin")


def invitation(**overrides) -> str:
    values = {
        "uid": ics.meeting_uid("tandem", 7),
        "start": datetime(2026, 12, 3, 15, 0, tzinfo=HERNE),
        "end": datetime(2026, 12, 3, 16, 0, tzinfo=HERNE),
        "place": "Bürgerselbsthilfezentrum, Hauptstraße 1, 44651 Herne",
        "summary": "Erstes Treffen Ihres Tandems",
        "organiser": ("Koordination FB 41", "koordination@herne.de"),
        "attendees": [("Gisela Kowalski", "gisela@example.org")],
        **overrides,
    }
    return ics.meeting_invitation(**values)


def event_of(text: str):
    calendar = Calendar.from_ical(text)
    [event] = calendar.walk("VEVENT")
    return calendar, event


def test_an_invitation_parses_back_with_every_detail():
    calendar, event = event_of(invitation())
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["UID"]) == "tandem-7@mentoring.herne.de"
    assert event.decoded("DTSTART") == datetime(2026, 12, 3, 14, 0, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
    assert str(event["LOCATION"]).startswith("Bürgerselbsthilfezentrum")
    assert str(event["ORGANIZER"]) == "mailto:koordination@herne.de"
    assert event["ORGANIZER"].params["CN"] == "Koordination FB 41"
    assert int(event["SEQUENCE"]) == 0


def test_a_moved_or_cancelled_meeting_keeps_the_uid_with_a_higher_sequence():
    moved = event_of(
        invitation(
            start=datetime(2026, 12, 4, 10, 0, tzinfo=HERNE),
            end=datetime(2026, 12, 4, 11, 0, tzinfo=HERNE),
            sequence=1,
        )
    )[1]
    calendar, cancelled = event_of(invitation(method=ics.CANCEL, sequence=2))
    assert str(moved["UID"]) == str(cancelled["UID"]) == "tandem-7@mentoring.herne.de"
    assert calendar["METHOD"] == "CANCEL" and str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) == 2


def test_the_attachment_names_its_method():
    attachment = ics.attachment(invitation(method=ics.CANCEL))
    assert attachment["content_type"] == "text/calendar; method=CANCEL"
    assert attachment["filename"] == "termin.ics"


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        invitation(start=datetime(2026, 12, 3, 15, 0))


def test_an_attached_invitation_arrives_and_parses_back(app):
    from sqlalchemy import select

    from mentoring.extensions import db
    from mentoring.messages.outbox import queue_message
    from mentoring.models import Message
    from mentoring.operations.delivery import deliver
    from tests.support.factories import make_staff
    from tests.support.smtp import mail_config, smtp_server

    staff = make_staff()
    from jinja2 import ChoiceLoader, DictLoader

    app.jinja_env.loader = ChoiceLoader(
        [
            DictLoader(
                {
                    "messages/meeting.txt": '{% set subject = "Termin" %}Termin',
                    "messages/meeting.html": "<p>Termin</p>",
                }
            ),
            app.jinja_loader,
        ]
    )
    try:
        with smtp_server() as (inbox, port):
            app.config.update(mail_config(port))
            queue_message(
                "meeting", staff=staff, context={}, attachments=[ics.attachment(invitation())]
            )
            db.session.commit()
            assert deliver(db.session.scalar(select(Message.id))) == "sent"
            [mail] = inbox.wait_for(1)
    finally:
        app.jinja_env.loader = app.jinja_loader
        app.jinja_env.cache.clear()
    [part] = [p for p in mail.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert part.get_filename() == "termin.ics"
    assert part.get_param("method") == "REQUEST"
    _, event = event_of(part.get_content())
    assert str(event["UID"]) == "tandem-7@mentoring.herne.de"
