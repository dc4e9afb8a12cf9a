"""Casework statuses: pause, withdraw and re-activate volunteers; hold, close and re-open requests.

A pause or hold ends by itself: `paused_until` / `on_hold_until` are compared with today by the
models' `is_matchable` / `is_open`, so no scheduled job has to lift them.

Running tandems and open proposals:
- Withdrawing a volunteer or closing a request with a running tandem is refused: the tandem must
  be ended first (with its own reason), so that its history stays right.
- Pausing a volunteer keeps running tandems (a holiday does not end a tandem); holding a request
  is only possible before a tandem exists.
- Every change that takes a person out of matching closes their open proposals in the same
  transaction: a proposal that cannot be accepted should not wait in the queue.

Each change records who and when on the row (`status_changed_*`) and an audit entry with the
field names and codes only (no note text).
"""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import exists, select, update

from mentoring import audit, clock
from mentoring.extensions import db
from mentoring.models import (
    OCCUPYING_STATUSES,
    CloseReason,
    FirstContactChannel,
    MenteeRequest,
    Proposal,
    ProposalStatus,
    RequestStatus,
    StaffUser,
    Tandem,
    Volunteer,
    VolunteerStatus,
    WithdrawReason,
)
from mentoring.models.people import consent_withdrawn
from mentoring.operations.locking import refuse
from mentoring.operations.withdrawal import lock_live_person
from mentoring.pairing.checks import occupying_count
from mentoring.screening_state import certificate_policy, screening_complete

# Longer absences are a withdrawal (and a new start later), not a pause.
MAX_PAUSE_DAYS = 366
_CLOSABLE = (RequestStatus.NEW, RequestStatus.OPEN, RequestStatus.MATCHED)


def _stamp(person, staff: StaffUser, note: str | None) -> None:
    person.status_note = (note or "").strip() or None
    person.status_changed_at = clock.now()
    person.status_changed_by_id = staff.id


def _check_until(until: date, today: date, *, optional: bool = False) -> None:
    if until < today:
        refuse(_("Das Datum liegt in der Vergangenheit. Bitte wählen Sie heute oder später."))
    if until > today + timedelta(days=MAX_PAUSE_DAYS):
        refuse(
            _(
                "Höchstens ein Jahr im Voraus. Bei einer längeren Abwesenheit ziehen Sie die "
                "Person bitte zurück."
            )
            if not optional
            else _("Höchstens ein Jahr im Voraus. Ohne Datum bleibt die Anfrage zurückgestellt.")
        )


def _close_open_proposals(column, person_id: int, staff: StaffUser) -> int:
    return db.session.execute(
        update(Proposal)
        .where(column == person_id, Proposal.status == ProposalStatus.OPEN)
        .values(status=ProposalStatus.CLOSED, decided_at=clock.now(), decided_by_id=staff.id)
        .execution_options(synchronize_session=False)
    ).rowcount


def _refuse_consent_withdrawn(person) -> None:
    if consent_withdrawn(person.consents):
        refuse(
            _(
                "Die Person hat ihre Einwilligung widerrufen. Sie kann nur mit einer neuen "
                "Anmeldung wieder aufgenommen werden."
            )
        )


# --- Volunteers ------------------------------------------------------------------------------


def pause_volunteer(
    *, volunteer_id: int, until: date, note: str | None, staff: StaffUser
) -> Volunteer:
    """Pause until a day (inclusive): no proposals until then; running tandems go on."""
    volunteer = lock_live_person("volunteer", volunteer_id, staff)
    today = clock.today()
    if volunteer.status is VolunteerStatus.WITHDRAWN:
        refuse(_("Die Person ist zurückgezogen. Bitte aktivieren Sie sie zuerst wieder."))
    _refuse_consent_withdrawn(volunteer)
    _check_until(until, today)
    volunteer.paused_until = until
    _stamp(volunteer, staff, note)
    closed = _close_open_proposals(Proposal.volunteer_id, volunteer.id, staff)
    audit.record(
        "volunteer_paused",
        "volunteer",
        volunteer.id,
        f"paused_until closed_proposals={closed}",
        staff_id=staff.id,
    )
    db.session.commit()
    return volunteer


def withdraw_volunteer(
    *, volunteer_id: int, reason: WithdrawReason, note: str | None, staff: StaffUser
) -> Volunteer:
    """The volunteer stops (staff record it, with a reason); refused while a tandem runs."""
    volunteer = lock_live_person("volunteer", volunteer_id, staff)
    if volunteer.status is VolunteerStatus.WITHDRAWN:
        refuse(_("Die Person ist bereits zurückgezogen."))
    if occupying_count(volunteer.id):
        refuse(
            _(
                "Die Person begleitet noch ein laufendes Tandem. Bitte beenden Sie zuerst das "
                "Tandem (mit Grund); danach können Sie die Person zurückziehen."
            )
        )
    before = volunteer.status
    volunteer.status = VolunteerStatus.WITHDRAWN
    volunteer.status_reason = reason
    volunteer.paused_until = None
    _stamp(volunteer, staff, note)
    closed = _close_open_proposals(Proposal.volunteer_id, volunteer.id, staff)
    audit.record(
        "volunteer_withdrawn",
        "volunteer",
        volunteer.id,
        f"{before.value}->withdrawn reason={reason.value} closed_proposals={closed}",
        staff_id=staff.id,
    )
    db.session.commit()
    return volunteer


def reactivate_volunteer(*, volunteer_id: int, staff: StaffUser) -> Volunteer:
    """End a pause early, or take a withdrawn volunteer back (to where the screening stands)."""
    volunteer = lock_live_person("volunteer", volunteer_id, staff)
    today = clock.today()
    _refuse_consent_withdrawn(volunteer)
    before = volunteer.status
    if before is VolunteerStatus.WITHDRAWN:
        if screening_complete(volunteer, today, certificate_policy()):
            volunteer.status = VolunteerStatus.READY
        elif volunteer.interview_on or volunteer.training_on:
            volunteer.status = VolunteerStatus.SCREENING
        else:
            volunteer.status = VolunteerStatus.NEW
    elif not volunteer.is_paused:
        refuse(_("Die Person ist weder pausiert noch zurückgezogen."))
    volunteer.paused_until = None
    volunteer.status_reason = None
    _stamp(volunteer, staff, None)
    audit.record(
        "volunteer_reactivated",
        "volunteer",
        volunteer.id,
        f"{before.value}->{volunteer.status.value}",
        staff_id=staff.id,
    )
    db.session.commit()
    return volunteer


# --- Requests --------------------------------------------------------------------------------


def hold_request(
    *, request_id: int, until: date | None, note: str | None, staff: StaffUser
) -> MenteeRequest:
    """Put a request on hold, until a day (inclusive) or until it is re-opened."""
    mentee_request = lock_live_person("request", request_id, staff)
    if mentee_request.status not in (RequestStatus.NEW, RequestStatus.OPEN):
        refuse(_("Nur neue oder geprüfte Anfragen ohne Tandem können zurückgestellt werden."))
    _refuse_consent_withdrawn(mentee_request)
    if until is not None:
        _check_until(until, clock.today(), optional=True)
    mentee_request.on_hold = True
    mentee_request.on_hold_until = until
    _stamp(mentee_request, staff, note)
    closed = _close_open_proposals(Proposal.request_id, mentee_request.id, staff)
    field = "on_hold_until" if until else "on_hold"
    audit.record(
        "request_held",
        "request",
        mentee_request.id,
        f"{field} closed_proposals={closed}",
        staff_id=staff.id,
    )
    db.session.commit()
    return mentee_request


def close_request(
    *, request_id: int, reason: CloseReason, note: str | None, staff: StaffUser
) -> MenteeRequest:
    """Close a request without (another) tandem, with a reason; refused while a tandem runs."""
    mentee_request = lock_live_person("request", request_id, staff)
    if mentee_request.status not in _CLOSABLE:
        refuse(_("Die Anfrage ist bereits abgeschlossen oder zurückgezogen."))
    running = exists().where(
        Tandem.request_id == mentee_request.id, Tandem.status.in_(OCCUPYING_STATUSES)
    )
    if db.session.scalar(select(running)):
        refuse(
            _(
                "Zu dieser Anfrage läuft ein Tandem. Bitte beenden Sie zuerst das Tandem "
                "(mit Grund); danach können Sie die Anfrage abschließen."
            )
        )
    before = mentee_request.status
    mentee_request.status = RequestStatus.CLOSED
    mentee_request.status_reason = reason
    mentee_request.on_hold, mentee_request.on_hold_until = False, None
    _stamp(mentee_request, staff, note)
    closed = _close_open_proposals(Proposal.request_id, mentee_request.id, staff)
    audit.record(
        "request_closed",
        "request",
        mentee_request.id,
        f"{before.value}->closed reason={reason.value} closed_proposals={closed}",
        staff_id=staff.id,
    )
    db.session.commit()
    return mentee_request


def reopen_request(*, request_id: int, staff: StaffUser) -> MenteeRequest:
    """Lift a hold, or re-open a closed request: it waits for a mentor again (status geprüft)."""
    mentee_request = lock_live_person("request", request_id, staff)
    _refuse_consent_withdrawn(mentee_request)
    before = mentee_request.status
    if before is RequestStatus.CLOSED:
        mentee_request.status = RequestStatus.OPEN
    elif not mentee_request.is_held:
        refuse(_("Die Anfrage ist weder zurückgestellt noch abgeschlossen."))
    mentee_request.on_hold, mentee_request.on_hold_until = False, None
    mentee_request.status_reason = None
    _stamp(mentee_request, staff, None)
    audit.record(
        "request_reopened",
        "request",
        mentee_request.id,
        f"{before.value}->{mentee_request.status.value}",
        staff_id=staff.id,
    )
    db.session.commit()
    return mentee_request


# --- First contact ---------------------------------------------------------------------------


def record_first_contact(
    *,
    kind: str,
    person_id: int,
    contacted_on: date,
    channel: FirstContactChannel,
    staff: StaffUser,
):
    """Record that staff reached a new person (day, channel, who); a correction overwrites."""
    person = lock_live_person(kind, person_id, staff)
    if contacted_on > clock.today():
        refuse(_("Das Datum liegt in der Zukunft. Bitte prüfen Sie die Angabe."))
    if contacted_on < person.created_at.astimezone(clock.zone()).date():
        refuse(_("Der Erstkontakt kann nicht vor der Anmeldung liegen."))
    person.first_contact_on = contacted_on
    person.first_contact_channel = channel
    person.first_contact_by_id = staff.id
    audit.record(
        "first_contact",
        kind,
        person.id,
        f"first_contact_on channel={channel.value}",
        staff_id=staff.id,
    )
    db.session.commit()
    return person
