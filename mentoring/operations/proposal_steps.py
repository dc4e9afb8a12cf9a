"""The office's steps between a proposal and the tandem, each with its day and who entered it.

The order is the one volunteer offices keep: ask the volunteer first (so that no family is
disappointed), then the family or young person, then arrange the first meeting. A "no" from
either side declines the proposal with the matching decline reason, which excludes the pair.
Accepting (operations/proposals.py) stays possible at any point: some offices agree everything
by phone before they enter it.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _

from mentoring import audit, clock
from mentoring.access import may_see_programme
from mentoring.extensions import db
from mentoring.labels import label
from mentoring.models import (
    DeclineReason,
    Proposal,
    ProposalStatus,
    ProposalStep,
    ProposalStepKind,
    StaffUser,
)
from mentoring.operations.locking import begin_write, locked, refuse
from mentoring.operations.proposals import close_declined

K = ProposalStepKind
# Which step must be done before each step.
REQUIRES: dict[ProposalStepKind, ProposalStepKind | None] = {
    K.VOLUNTEER_ASKED: None,
    K.VOLUNTEER_AGREED: K.VOLUNTEER_ASKED,
    K.VOLUNTEER_DECLINED: K.VOLUNTEER_ASKED,
    K.MENTEE_ASKED: K.VOLUNTEER_AGREED,
    K.MENTEE_AGREED: K.MENTEE_ASKED,
    K.MENTEE_DECLINED: K.MENTEE_ASKED,
    K.MEETING_ARRANGED: K.MENTEE_AGREED,
}
DECLINES = {
    K.VOLUNTEER_DECLINED: DeclineReason.VOLUNTEER_DECLINED,
    K.MENTEE_DECLINED: DeclineReason.MENTEE_DECLINED,
}
# One answer per side: a later change of mind is a decline of the proposal ("Ablehnen").
ANSWERED = {
    K.VOLUNTEER_AGREED: K.VOLUNTEER_DECLINED,
    K.VOLUNTEER_DECLINED: K.VOLUNTEER_AGREED,
    K.MENTEE_AGREED: K.MENTEE_DECLINED,
    K.MENTEE_DECLINED: K.MENTEE_AGREED,
}
MEETING_AHEAD_DAYS = 180  # a first meeting is arranged weeks ahead, not years


def next_steps(proposal: Proposal) -> list[ProposalStepKind]:
    """The steps that may be entered now, in the office's order."""
    if proposal.status is not ProposalStatus.OPEN:
        return []
    done = {s.kind for s in proposal.steps}
    return [
        k
        for k in K
        if k not in done
        and (REQUIRES[k] is None or REQUIRES[k] in done)
        and ANSWERED.get(k) not in done
    ]


def proposal_day(proposal: Proposal) -> date:
    """The Herne calendar day the proposal was made."""
    return proposal.created_at.astimezone(clock.zone()).date()


def mark_step(
    staff: StaffUser | None,
    proposal: Proposal,
    kind: ProposalStepKind,
    on: date | None = None,
) -> ProposalStep:
    """Record one step on a proposal the caller has locked; refuses a step out of order.

    No commit: callable inside another operation (e.g. sending the request e-mail sets
    "angefragt"). `staff` is None when a scheduled job acts.
    """
    on = on or clock.today()
    problem = _step_problem(proposal, kind, on)
    if problem:
        refuse(problem)
    step = ProposalStep(
        proposal_id=proposal.id, kind=kind, done_on=on, staff_id=staff.id if staff else None
    )
    proposal.steps.append(step)
    if kind in DECLINES:
        close_declined(proposal, staff=staff, reason=DECLINES[kind])
        audit.record(
            "proposal_declined",
            "proposal",
            proposal.id,
            DECLINES[kind].value,
            staff_id=staff.id if staff else None,
        )
    audit.record(
        "proposal_step", "proposal", proposal.id, kind.value, staff_id=staff.id if staff else None
    )
    db.session.flush()
    return step


def record_step(
    *, proposal_id: int, staff: StaffUser, kind: ProposalStepKind, on: date | None = None
) -> ProposalStep:
    """Enter one step of a proposal (angefragt, zugesagt, abgesagt, Kennenlernen vereinbart)."""
    begin_write()
    proposal = locked(Proposal, proposal_id)
    if proposal is None or not may_see_programme(staff, proposal.programme_id):
        refuse(_("Diesen Vorschlag gibt es nicht."))
    step = mark_step(staff, proposal, kind, on)
    db.session.commit()
    return step


def _step_problem(proposal: Proposal, kind: ProposalStepKind, on: date) -> str | None:
    if proposal.status is not ProposalStatus.OPEN:
        return _(
            "Dieser Vorschlag ist nicht mehr offen (Status: %(status)s).",
            status=label(proposal.status),
        )
    done = {s.kind: s for s in proposal.steps}
    if kind in done:
        return _("Der Schritt „%(step)s“ ist schon eingetragen.", step=label(kind))
    if ANSWERED.get(kind) in done:
        return _("Die Antwort ist schon eingetragen („%(step)s“).", step=label(ANSWERED[kind]))
    before = REQUIRES[kind]
    if before is not None and before not in done:
        return _(
            "Der Schritt „%(step)s“ kommt erst nach „%(before)s“.",
            step=label(kind),
            before=label(before),
        )
    today = clock.today()
    if kind is K.MEETING_ARRANGED:
        if on > today + timedelta(days=MEETING_AHEAD_DAYS):
            return _(
                "Das Kennenlernen kann höchstens %(n)s Tage im Voraus vereinbart werden.",
                n=MEETING_AHEAD_DAYS,
            )
    elif on > today:
        return _("Das Datum kann nicht in der Zukunft liegen.")
    if on < proposal_day(proposal):
        return _("Das Datum kann nicht vor dem Vorschlag liegen.")
    if before is not None and on < done[before].done_on:
        return _("Das Datum kann nicht vor dem Schritt „%(before)s“ liegen.", before=label(before))
    return None


def waiting_since(proposal: Proposal) -> date:
    """Since when the proposal waits for its next step: its last step, else its own day."""
    days = [s.done_on for s in proposal.steps]
    return max([proposal_day(proposal), *days])


def waiting_days(proposal: Proposal, today: date | None = None) -> int:
    return max(((today or clock.today()) - waiting_since(proposal)).days, 0)
