"""The introduction meeting of a tandem as agreed: shared contact data, place, time, rhythm."""

from __future__ import annotations

from datetime import date, time

from flask_babel import gettext as _
from sqlalchemy import select

from mentoring import audit, clock
from mentoring.access import may_see_programme
from mentoring.extensions import db
from mentoring.models import ContactItem, StaffUser, Tandem, TandemIntroduction
from mentoring.operations.locking import begin_write, locked, refuse

FIELDS = (
    "volunteer_shares",
    "request_shares",
    "meeting_place",
    "meeting_on",
    "meeting_time",
    "rhythm",
    "coordinator_phone",
)


def _items(values) -> list[str]:
    """Known contact items in their fixed order; anything else is dropped."""
    chosen = {str(v) for v in values or ()}
    return [item.value for item in ContactItem if item.value in chosen]


def save_introduction(
    *,
    tandem_id: int,
    staff: StaffUser,
    volunteer_shares,
    request_shares,
    meeting_place: str | None,
    meeting_on: date | None,
    meeting_time: time | None,
    rhythm: str | None,
    coordinator_phone: str | None,
) -> TandemIntroduction:
    """Store what the Vermittlungsbogen prints; the audit names the changed fields only."""
    begin_write()
    tandem = locked(Tandem, tandem_id)
    if tandem is None or not may_see_programme(staff, tandem.programme_id):
        refuse(_("Dieses Tandem gibt es nicht."))
    row = db.session.scalar(
        select(TandemIntroduction).where(TandemIntroduction.tandem_id == tandem.id)
    )
    if row is None:
        row = TandemIntroduction(tandem_id=tandem.id, volunteer_shares=[], request_shares=[])
        db.session.add(row)
    values = {
        "volunteer_shares": _items(volunteer_shares),
        "request_shares": _items(request_shares),
        "meeting_place": meeting_place or None,
        "meeting_on": meeting_on,
        "meeting_time": meeting_time,
        "rhythm": rhythm or None,
        "coordinator_phone": coordinator_phone or None,
    }
    changed = [name for name in FIELDS if getattr(row, name) != values[name]]
    for name, value in values.items():
        setattr(row, name, value)
    row.updated_by_id = staff.id
    row.updated_at = clock.now()
    audit.record(
        "introduction_saved", "tandem", tandem.id, "fields=" + ",".join(changed), staff_id=staff.id
    )
    db.session.commit()
    return row


DOCUMENTS = ("vermittlungsbogen", "vereinbarung", "nachweis")


def record_printed(*, tandem_id: int, staff: StaffUser, document: str) -> None:
    """Log that a paper with personal data was made (which one; no contents)."""
    if document not in DOCUMENTS:
        raise ValueError(document)
    audit.record_now("document_printed", "tandem", tandem_id, document, staff_id=staff.id)
