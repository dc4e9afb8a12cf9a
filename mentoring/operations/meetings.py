"""The planned first meeting of a tandem: invitation, change and cancellation with an .ics.

Each change is one commit with the messages to both sides. The calendar UID is the tandem's
(`ics.meeting_uid("tandem-meeting", id)`), so a change or cancellation replaces the entry in the
recipients' calendars; `Tandem.meeting_sequence` grows with every change after the first
invitation. Recording that the meeting took place stays `tandems.record_first_meeting`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext as _

from mentoring import audit, clock
from mentoring.access import may_see_programme
from mentoring.extensions import db
from mentoring.messages import flows
from mentoring.models import StaffUser, Tandem, TandemStatus
from mentoring.operations.locking import begin_write, locked, refuse

PLACE_MAX = 200
MEETING_AHEAD_DAYS = 180


def _tandem(tandem_id: int, staff: StaffUser) -> Tandem:
    begin_write()
    tandem = locked(Tandem, tandem_id)
    if tandem is None or not may_see_programme(staff, tandem.programme_id):
        refuse(_("Dieses Tandem gibt es nicht."))
    if tandem.status is not TandemStatus.PROPOSED:
        refuse(_("Das erste Treffen ist schon eingetragen; es gibt nichts mehr zu planen."))
    return tandem


def plan_first_meeting(*, tandem_id: int, staff: StaffUser, start: datetime, place: str) -> Tandem:
    """Invite both sides to the first meeting, or move it (same UID, higher SEQUENCE)."""
    tandem = _tandem(tandem_id, staff)
    place = (place or "").strip()
    if start.tzinfo is None:
        raise ValueError("start must be timezone-aware")
    if not place:
        refuse(_("Bitte geben Sie den Ort des Treffens ein."))
    if len(place) > PLACE_MAX:
        refuse(_("Der Ort darf höchstens %(n)s Zeichen lang sein.", n=PLACE_MAX))
    now = clock.now()
    if start <= now:
        refuse(_("Der Termin muss in der Zukunft liegen."))
    if start > now + timedelta(days=MEETING_AHEAD_DAYS):
        refuse(
            _(
                "Das erste Treffen kann höchstens %(n)s Tage im Voraus geplant werden.",
                n=MEETING_AHEAD_DAYS,
            )
        )
    if (
        tandem.meeting_at is not None
        and tandem.meeting_at == start
        and tandem.meeting_place == place
    ):
        refuse(_("Dieser Termin ist schon so eingetragen und verschickt."))
    # A place is kept after a cancellation: any later invitation is a new version of the UID.
    planned_before = tandem.meeting_place is not None
    action = "tandem_meeting_moved" if tandem.meeting_at is not None else "tandem_meeting_planned"
    if planned_before:
        tandem.meeting_sequence = (tandem.meeting_sequence or 0) + 1
    tandem.meeting_at = start
    tandem.meeting_place = place
    db.session.flush()
    messages = flows.meeting_invitation(tandem, staff)
    audit.record(
        action,
        "tandem",
        tandem.id,
        f"sequence={tandem.meeting_sequence};messages={len(messages)}",
        staff_id=staff.id,
    )
    db.session.commit()
    return tandem


def cancel_first_meeting(*, tandem_id: int, staff: StaffUser) -> Tandem:
    """Cancel the planned meeting: METHOD:CANCEL with the same UID to both sides."""
    tandem = _tandem(tandem_id, staff)
    if tandem.meeting_at is None:
        refuse(_("Für dieses Tandem ist kein Termin geplant."))
    tandem.meeting_sequence = (tandem.meeting_sequence or 0) + 1
    messages = flows.meeting_invitation(tandem, staff, cancelled=True)
    tandem.meeting_at = None
    audit.record(
        "tandem_meeting_cancelled",
        "tandem",
        tandem.id,
        f"sequence={tandem.meeting_sequence};messages={len(messages)}",
        staff_id=staff.id,
    )
    db.session.commit()
    return tandem
