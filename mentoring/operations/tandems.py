"""Tandems after acceptance: first meeting, trial, active, pause, end; check-ins and notes.

Every state change goes through the transition table, is stored as a TandemEvent (who, when)
and written to the audit log in the same transaction.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import delete, exists, select

from mentoring import audit, clock
from mentoring.access import may_see_programme
from mentoring.extensions import db
from mentoring.labels import label
from mentoring.messages.reminders import tandem_thanks
from mentoring.models import (
    OCCUPYING_STATUSES,
    CheckIn,
    EndReason,
    PairExclusion,
    Proposal,
    RequestStatus,
    StaffUser,
    Tandem,
    TandemEvent,
    TandemNote,
    TandemStatus,
    VolunteerStatus,
)
from mentoring.operations import OperationError
from mentoring.operations.locking import begin_write, locked, refuse

S = TandemStatus
# Which status may follow which; "ended" is final.
TRANSITIONS: dict[TandemStatus, frozenset[TandemStatus]] = {
    S.PROPOSED: frozenset({S.INTRODUCED, S.ENDED}),
    S.INTRODUCED: frozenset({S.TRIAL, S.PAUSED, S.ENDED}),
    S.TRIAL: frozenset({S.ACTIVE, S.PAUSED, S.ENDED}),
    S.ACTIVE: frozenset({S.PAUSED, S.ENDED}),
    S.PAUSED: frozenset({S.ACTIVE, S.ENDED}),
    S.ENDED: frozenset(),
}
# Changes that need nothing but a click; the first meeting and the end need their own data.
SIMPLE_TARGETS = (S.TRIAL, S.ACTIVE, S.PAUSED)
FOLLOW_UP_DAYS = 365  # regular check-ins during the first year after the first meeting
SUMMARY_MAX = 2000
NOTE_MAX = 2000


def allowed_targets(status: TandemStatus) -> frozenset[TandemStatus]:
    return TRANSITIONS[status]


def _tandem_for_update(tandem_id: int, staff: StaffUser) -> Tandem:
    begin_write()
    tandem = locked(Tandem, tandem_id)
    if tandem is None or not may_see_programme(staff, tandem.programme_id):
        refuse(_("Dieses Tandem gibt es nicht."))
    return tandem


def transition(
    tandem: Tandem,
    to: TandemStatus,
    *,
    staff: StaffUser | None,
    now: datetime,
    why: str | None = None,
) -> None:
    """The one way a tandem changes status: checked against TRANSITIONS, stored as a
    TandemEvent and written to the audit log (`why` is appended to the audit detail).

    `staff` is None when the person concerned acted themself (a withdrawal link) or a
    scheduled job did.
    """
    if to not in TRANSITIONS[tandem.status]:
        refuse(
            _(
                "Dieser Schritt ist im Status „%(status)s“ nicht möglich. Vielleicht hat "
                "jemand das Tandem inzwischen geändert; bitte laden Sie die Seite neu.",
                status=label(tandem.status),
            )
        )
    staff_id = staff.id if staff is not None else None
    tandem.events.append(
        TandemEvent(from_status=tandem.status.value, to_status=to.value, staff_id=staff_id, at=now)
    )
    detail = f"{tandem.status.value}->{to.value}" + (f":{why}" if why else "")
    audit.record("tandem_status", "tandem", tandem.id, detail, staff_id=staff_id)
    tandem.status = to


def close(
    tandem: Tandem,
    *,
    staff: StaffUser | None,
    reason: EndReason,
    ended_on: date,
    note: str | None = None,
    why: str | None = None,
    thank: tuple[str, ...] = ("volunteer", "request"),
) -> None:
    """End a tandem through the transition table and drop its open check-ins; both sides get
    a thank-you with the feedback questionnaire (in the caller's transaction); `thank` names the
    sides that get it (a person who withdrew their consent gets nothing more).

    What happens to the two partners afterwards is the caller's rule.
    """
    transition(tandem, S.ENDED, staff=staff, now=datetime.now(UTC), why=why)
    tandem.end_reason = reason
    tandem.ended_on = ended_on
    tandem.end_note = note or None
    db.session.execute(
        delete(CheckIn)
        .where(CheckIn.tandem_id == tandem.id, CheckIn.done_on.is_(None))
        .execution_options(synchronize_session="fetch")
    )
    tandem_thanks(tandem, sides=thank)


def record_first_meeting(
    *, tandem_id: int, staff: StaffUser, met_on: date, coordinator_present: bool
) -> Tandem:
    """proposed → introduced; schedules the first check-in."""
    tandem = _tandem_for_update(tandem_id, staff)
    problem = _first_meeting_problem(tandem, met_on)
    if problem:
        refuse(problem)
    if not coordinator_present:
        refuse(
            _(
                "Beim ersten Treffen ist die Koordination dabei. Bitte tragen Sie das Treffen "
                "ein, wenn es mit Ihnen stattgefunden hat."
            )
        )
    transition(tandem, S.INTRODUCED, staff=staff, now=datetime.now(UTC))
    tandem.first_meeting_on = met_on
    tandem.coordinator_present = True
    tandem.check_ins.append(
        CheckIn(due_on=met_on + timedelta(days=tandem.programme.first_checkin_days))
    )
    db.session.commit()
    return tandem


def correct_first_meeting(*, tandem_id: int, staff: StaffUser, met_on: date) -> Tandem:
    """Correct a wrongly entered first-meeting date; the first check-in moves with it."""
    tandem = _tandem_for_update(tandem_id, staff)
    if tandem.first_meeting_on is None:
        refuse(_("Für dieses Tandem ist noch kein erstes Treffen eingetragen."))
    if met_on == tandem.first_meeting_on:
        refuse(_("Das ist schon das eingetragene Datum."))
    problem = _first_meeting_problem(tandem, met_on)
    if problem:
        refuse(problem)
    if tandem.ended_on is not None and met_on > tandem.ended_on:
        refuse(_("Das erste Treffen kann nicht nach dem Ende des Tandems liegen."))
    held = [c.done_on for c in tandem.check_ins if c.done_on is not None]
    if held and met_on > min(held):
        refuse(_("Das erste Treffen kann nicht nach dem ersten Begleitgespräch liegen."))
    tandem.first_meeting_on = met_on
    if not held:
        # Only the first check-in was planned from the meeting: it moves with the date.
        for check_in in tandem.check_ins:
            check_in.due_on = met_on + timedelta(days=tandem.programme.first_checkin_days)
    audit.record(
        "first_meeting_corrected", "tandem", tandem.id, "first_meeting_on", staff_id=staff.id
    )
    db.session.commit()
    return tandem


def _first_meeting_problem(tandem: Tandem, met_on: date) -> str | None:
    """A first meeting lies between the proposal and today."""
    if met_on > clock.today():
        return _("Das erste Treffen kann nicht in der Zukunft liegen.")
    proposal = db.session.get(Proposal, tandem.proposal_id) if tandem.proposal_id else None
    proposed = proposal.created_at if proposal is not None else tandem.created_at
    proposed_on = proposed.astimezone(clock.zone()).date()
    if met_on < proposed_on:
        return _(
            "Das erste Treffen kann nicht vor dem Vorschlag liegen (vorgeschlagen am %(date)s).",
            date=proposed_on.strftime("%d.%m.%Y"),
        )
    return None


def change_status(*, tandem_id: int, staff: StaffUser, to_status: TandemStatus) -> Tandem:
    """Trial, active, pause or resume."""
    if to_status not in SIMPLE_TARGETS:
        raise OperationError(_("Bitte wählen Sie einen gültigen Schritt."))
    tandem = _tandem_for_update(tandem_id, staff)
    transition(tandem, to_status, staff=staff, now=datetime.now(UTC))
    db.session.commit()
    return tandem


def end_tandem(
    *, tandem_id: int, staff: StaffUser, reason: EndReason, ended_on: date, note: str | None = None
) -> Tandem:
    """End a tandem with a reason; open check-ins are dropped, the partners freed."""
    tandem = _tandem_for_update(tandem_id, staff)
    if ended_on > clock.today():
        refuse(_("Das Ende kann nicht in der Zukunft liegen."))
    if tandem.first_meeting_on and ended_on < tandem.first_meeting_on:
        refuse(_("Das Ende kann nicht vor dem Beginn des Tandems liegen."))
    close(tandem, staff=staff, reason=reason, ended_on=ended_on, note=note)
    _free_partners(tandem, reason)
    db.session.commit()
    return tandem


def _free_partners(tandem: Tandem, reason: EndReason) -> None:
    db.session.flush()
    request_row = tandem.request
    if request_row is not None and request_row.erased_at is None:
        if reason is EndReason.DID_NOT_FIT:
            # They need somebody else: back into matching, but never with this volunteer again.
            request_row.status = RequestStatus.OPEN
            if tandem.volunteer_id and not db.session.scalar(
                select(
                    exists().where(
                        PairExclusion.volunteer_id == tandem.volunteer_id,
                        PairExclusion.request_id == request_row.id,
                    )
                )
            ):
                db.session.add(
                    PairExclusion(
                        volunteer_id=tandem.volunteer_id,
                        request_id=request_row.id,
                        reason="did_not_fit",
                    )
                )
        else:
            request_row.status = RequestStatus.CLOSED
    volunteer = tandem.volunteer
    if volunteer is not None and volunteer.status is VolunteerStatus.ACTIVE:
        still_busy = db.session.scalar(
            select(
                exists().where(
                    Tandem.volunteer_id == volunteer.id,
                    Tandem.id != tandem.id,
                    Tandem.status.in_(OCCUPYING_STATUSES),
                )
            )
        )
        if not still_busy:
            volunteer.status = VolunteerStatus.READY


def record_check_in(
    *, check_in_id: int, staff: StaffUser, done_on: date, summary: str | None = None
) -> CheckIn:
    """Mark a check-in as held; schedules the next one during the first year."""
    begin_write()
    check_in = locked(CheckIn, check_in_id)
    if check_in is None or not may_see_programme(staff, check_in.tandem.programme_id):
        refuse(_("Diesen Termin gibt es nicht."))
    tandem = check_in.tandem
    if check_in.done_on is not None:
        refuse(_("Dieses Gespräch ist schon eingetragen."))
    if tandem.status is S.ENDED:
        refuse(_("Das Tandem ist beendet."))
    if done_on > clock.today():
        refuse(_("Das Gespräch kann nicht in der Zukunft liegen."))
    if summary and len(summary) > SUMMARY_MAX:
        refuse(_("Die Notiz ist zu lang (höchstens %(n)s Zeichen).", n=SUMMARY_MAX))
    check_in.done_on = done_on
    check_in.done_by_id = staff.id
    check_in.summary = summary or None
    next_due = next_check_in_due(tandem, done_on)
    if next_due is not None:
        tandem.check_ins.append(CheckIn(due_on=next_due))
    audit.record("check_in_done", "tandem", tandem.id, f"check_in={check_in.id}", staff_id=staff.id)
    db.session.commit()
    return check_in


def next_check_in_due(tandem: Tandem, done_on: date) -> date | None:
    """Monthly (per programme) after the last one, as long as the first year lasts."""
    if tandem.first_meeting_on is None:
        return None
    due = done_on + timedelta(days=tandem.programme.checkin_interval_days)
    if due > tandem.first_meeting_on + timedelta(days=FOLLOW_UP_DAYS):
        return None
    return due


def add_note(*, tandem_id: int, staff: StaffUser, text: str) -> TandemNote:
    """A staff note on a tandem, visible to the owning department only."""
    tandem = db.session.get(Tandem, tandem_id)
    if tandem is None or not may_see_programme(staff, tandem.programme_id):
        raise OperationError(_("Dieses Tandem gibt es nicht."))
    text = (text or "").strip()
    if not text:
        raise OperationError(_("Bitte schreiben Sie eine Notiz."))
    if len(text) > NOTE_MAX:
        raise OperationError(_("Die Notiz ist zu lang (höchstens %(n)s Zeichen).", n=NOTE_MAX))
    note = TandemNote(tandem_id=tandem.id, staff_id=staff.id, text=text)
    db.session.add(note)
    db.session.flush()
    audit.record("tandem_note", "tandem", tandem.id, f"note={note.id}", staff_id=staff.id)
    db.session.commit()
    return note
