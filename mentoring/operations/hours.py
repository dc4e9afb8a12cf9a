"""Volunteer hours per tandem and month: recorded by staff now, by the volunteer later.

`record_hours` is the one way hours are stored or corrected; a self-service link (issue #13)
calls it with `staff=None` once it has checked the link itself.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from sqlalchemy import select

from mentoring import audit, clock
from mentoring.access import may_see_programme
from mentoring.extensions import db
from mentoring.formatting import german_date
from mentoring.models import StaffUser, Tandem, VolunteerHours
from mentoring.models.engagement import HOURS_MAX, HOURS_MIN
from mentoring.operations.locking import begin_write, locked, refuse


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def earliest_month(tandem: Tandem) -> date:
    """Hours count from the month the tandem was arranged (or first met, if that was earlier)."""
    arranged = tandem.created_at.astimezone(clock.zone()).date()
    if tandem.first_meeting_on is not None:
        arranged = min(arranged, tandem.first_meeting_on)
    return first_of_month(arranged)


def hours_problem(hours: Decimal | None) -> str | None:
    """Why a number of hours cannot be stored, or None: 0.5 to 200, at most one decimal."""
    if hours is None:
        return _("Bitte geben Sie die Stunden ein, zum Beispiel 4 oder 2,5.")
    try:
        if not hours.is_finite() or hours.as_tuple().exponent < -1 and hours != round(hours, 1):
            return _("Bitte geben Sie die Stunden mit höchstens einer Nachkommastelle ein.")
    except InvalidOperation:
        return _("Bitte geben Sie die Stunden ein, zum Beispiel 4 oder 2,5.")
    if hours < HOURS_MIN or hours > HOURS_MAX:
        return _("Bitte geben Sie zwischen 0,5 und 200 Stunden im Monat ein.")
    return None


def record_hours(
    *, tandem_id: int, month: date, hours: Decimal, staff: StaffUser | None = None
) -> VolunteerHours:
    """Store the hours of one month, or correct the month's entry; audited.

    `staff` is the staff member entering them (only within their programmes); None when the
    volunteer enters them through a checked self-service link.
    """
    begin_write()
    tandem = locked(Tandem, tandem_id)
    if tandem is None or (staff is not None and not may_see_programme(staff, tandem.programme_id)):
        refuse(_("Dieses Tandem gibt es nicht."))
    problem = hours_problem(hours)
    if problem:
        refuse(problem)
    month = first_of_month(month)
    if month > first_of_month(clock.today()):
        refuse(
            _(
                "Stunden können nur für vergangene Monate und den laufenden Monat "
                "eingetragen werden."
            )
        )
    if month < earliest_month(tandem):
        refuse(_("In diesem Monat gab es das Tandem noch nicht."))
    if tandem.ended_on is not None and month > first_of_month(tandem.ended_on):
        refuse(
            _(
                "Das Tandem endete am %(date)s; für spätere Monate gibt es keine Stunden.",
                date=german_date(tandem.ended_on),
            )
        )
    entry = db.session.scalar(
        select(VolunteerHours).where(
            VolunteerHours.tandem_id == tandem.id, VolunteerHours.month == month
        )
    )
    action = "hours_corrected" if entry is not None else "hours_recorded"
    if entry is None:
        entry = VolunteerHours(tandem_id=tandem.id, month=month)
        db.session.add(entry)
    entry.hours = round(hours, 1)
    entry.recorded_by_id = staff.id if staff is not None else None
    entry.recorded_at = clock.now()
    audit.record(
        action,
        "tandem",
        tandem.id,
        f"month={month:%Y-%m}",
        staff_id=staff.id if staff is not None else None,
    )
    db.session.commit()
    return entry


def remove_hours(*, tandem_id: int, month: date, staff: StaffUser) -> None:
    """Delete a month entered by mistake; audited."""
    begin_write()
    tandem = locked(Tandem, tandem_id)
    if tandem is None or not may_see_programme(staff, tandem.programme_id):
        refuse(_("Dieses Tandem gibt es nicht."))
    entry = db.session.scalar(
        select(VolunteerHours).where(
            VolunteerHours.tandem_id == tandem.id,
            VolunteerHours.month == first_of_month(month),
        )
    )
    if entry is None:
        refuse(_("Für diesen Monat sind keine Stunden eingetragen."))
    db.session.delete(entry)
    detail = f"month={entry.month:%Y-%m}"
    audit.record("hours_removed", "tandem", tandem.id, detail, staff_id=staff.id)
    db.session.commit()
