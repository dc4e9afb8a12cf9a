"""Calendar invitations (RFC 5545) with the `icalendar` library.

`meeting_invitation(uid=…)` with the same UID and a higher `sequence` updates or cancels the
meeting in the recipient's calendar; derive the UID from the record, e.g.
`meeting_uid("tandem", tandem.id)`, so that every later message about the meeting matches.
"""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar, Event, vCalAddress, vText

REQUEST = "REQUEST"
CANCEL = "CANCEL"


def meeting_uid(kind: str, record_id: int, domain: str = "mentoring.herne.de") -> str:
    """A stable UID for the meeting belonging to one record."""
    return f"{kind}-{record_id}@{domain}"


def meeting_invitation(
    *,
    uid: str,
    start: datetime,
    end: datetime,
    place: str,
    summary: str,
    organiser: tuple[str, str],
    method: str = REQUEST,
    sequence: int = 0,
    description: str | None = None,
    attendees: list[tuple[str, str]] = (),
) -> str:
    """The .ics text of one meeting. `organiser`: (name, e-mail); times must be aware."""
    if method not in (REQUEST, CANCEL):
        raise ValueError("method must be REQUEST or CANCEL")
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("meeting times must be timezone-aware")
    calendar = Calendar()
    calendar.add("prodid", "-//Stadt Herne//Generationen verbinden//DE")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", start.astimezone(UTC))
    event.add("dtend", end.astimezone(UTC))
    event.add("summary", summary)
    event.add("location", place)
    if description:
        event.add("description", description)
    name, email = organiser
    organizer = vCalAddress(f"mailto:{email}")
    organizer.params["cn"] = vText(name)
    event.add("organizer", organizer)
    for attendee_name, attendee_email in attendees:
        attendee = vCalAddress(f"mailto:{attendee_email}")
        attendee.params["cn"] = vText(attendee_name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=0)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def attachment(ics_text: str, filename: str = "termin.ics") -> dict:
    """The outbox attachment for `queue_message(..., attachments=[...])`."""
    method = CANCEL if "METHOD:CANCEL" in ics_text else REQUEST
    return {
        "filename": filename,
        "content_type": f"text/calendar; method={method}",
        "content": ics_text,
    }
