"""Screening use cases: record interview, training and police-certificate inspections.

A volunteer becomes READY (matchable) automatically once screening is complete. When a
certificate later expires the volunteer stays READY; matching then refuses pairs with minors
(its police_certificate_valid flag), and the dashboard shows what is missing.
"""

from datetime import date

from flask_babel import gettext as _

from mentoring import audit, clock
from mentoring.extensions import db
from mentoring.models import PoliceCheck, StaffUser, Volunteer, VolunteerStatus
from mentoring.operations import OperationError
from mentoring.safeguarding import inspection_problem
from mentoring.screening_state import certificate_policy, screening_complete

# Statuses from which completing the screening moves a volunteer on to READY.
_BEFORE_READY = (VolunteerStatus.NEW, VolunteerStatus.SCREENING)


def record_interview(
    *, volunteer_id: int, held_on: date, staff: StaffUser, today: date | None = None
) -> Volunteer:
    """Record the date of the intake interview."""
    today = today or clock.today()
    _refuse_future(held_on, today)
    volunteer = _volunteer(volunteer_id)
    volunteer.interview_on = held_on
    audit.record("update", "volunteer", volunteer.id, "interview_on", staff_id=staff.id)
    _advance(volunteer, today, staff)
    db.session.commit()
    return volunteer


def record_training(
    *, volunteer_id: int, done_on: date, staff: StaffUser, today: date | None = None
) -> Volunteer:
    """Record the date of the introduction training."""
    today = today or clock.today()
    _refuse_future(done_on, today)
    volunteer = _volunteer(volunteer_id)
    volunteer.training_on = done_on
    audit.record("update", "volunteer", volunteer.id, "training_on", staff_id=staff.id)
    _advance(volunteer, today, staff)
    db.session.commit()
    return volunteer


def record_police_check(
    *,
    volunteer_id: int,
    issue_date: date,
    inspected_on: date,
    conviction_listed: bool,
    staff: StaffUser,
    today: date | None = None,
) -> PoliceCheck:
    """Record that a certificate was inspected: facts only, never the document (§72a SGB VIII)."""
    today = today or clock.today()
    policy = certificate_policy()
    problem = inspection_problem(issue_date, inspected_on, today, policy)
    if problem:
        raise OperationError(problem)
    volunteer = _volunteer(volunteer_id)
    check = PoliceCheck(
        volunteer_id=volunteer.id,
        issue_date=issue_date,
        inspected_on=inspected_on,
        conviction_listed=conviction_listed,
        inspected_by_id=staff.id,
    )
    db.session.add(check)
    db.session.flush()
    audit.record("create", "police_check", check.id, f"volunteer={volunteer.id}", staff_id=staff.id)
    _advance(volunteer, today, staff)
    db.session.commit()
    return check


def _advance(volunteer: Volunteer, today: date, staff: StaffUser) -> None:
    """NEW → SCREENING on the first step; → READY once everything is there."""
    before = volunteer.status
    if before not in _BEFORE_READY:
        return
    db.session.flush()
    after = (
        VolunteerStatus.READY
        if screening_complete(volunteer, today, certificate_policy())
        else VolunteerStatus.SCREENING
    )
    if after is not before:
        volunteer.status = after
        audit.record(
            "status", "volunteer", volunteer.id, f"{before.value}->{after.value}", staff_id=staff.id
        )


def _refuse_future(day: date, today: date) -> None:
    if day > today:
        raise OperationError(_("Das Datum liegt in der Zukunft. Bitte prüfen Sie die Angabe."))


def _volunteer(volunteer_id: int) -> Volunteer:
    volunteer = db.session.get(Volunteer, volunteer_id)
    if volunteer is None or volunteer.erased_at is not None:
        raise OperationError(_("Diese Person gibt es nicht mehr."))
    return volunteer
