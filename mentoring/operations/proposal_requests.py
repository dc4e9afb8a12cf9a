"""Asking the volunteer by e-mail or letter ("Anfrage senden") and recording their answer by link.

The volunteer's "no" does not decline the proposal: the coordinator reads the answer and its
reason on the proposal and in the queue and still decides (a "no" may be "not this month").
A "yes" is the step "zugesagt", entered by nobody on the staff (the person via link).
"""

from __future__ import annotations

from flask_babel import gettext as _

from mentoring import audit, clock
from mentoring.access import may_see_programme
from mentoring.extensions import db
from mentoring.messages import flows
from mentoring.messages.proposal_links import ANSWERS, NO, REASONS, YES
from mentoring.models import Message, Proposal, ProposalStatus, ProposalStepKind, StaffUser
from mentoring.operations.locking import begin_write, locked, refuse
from mentoring.operations.proposal_steps import mark_step

K = ProposalStepKind


def send_proposal_request(*, proposal_id: int, staff: StaffUser) -> Message:
    """Queue the request to the volunteer and mark "angefragt" (unless entered already) in
    one commit; sending again re-sends the same link while no answer has come."""
    begin_write()
    proposal = locked(Proposal, proposal_id)
    if proposal is None or not may_see_programme(staff, proposal.programme_id):
        refuse(_("Diesen Vorschlag gibt es nicht."))
    if proposal.status is not ProposalStatus.OPEN:
        refuse(_("Dieser Vorschlag ist nicht mehr offen."))
    if proposal.volunteer is None or proposal.request is None:
        refuse(_("Eine der beiden Personen ist nicht mehr gespeichert."))
    done = {s.kind for s in proposal.steps}
    if proposal.volunteer_answer or done & {K.VOLUNTEER_AGREED, K.VOLUNTEER_DECLINED}:
        refuse(_("Die/der Ehrenamtliche hat schon geantwortet."))
    if K.VOLUNTEER_ASKED not in done:
        mark_step(staff, proposal, K.VOLUNTEER_ASKED)
    message = flows.proposal_request(proposal)
    audit.record(
        "proposal_request_sent", "proposal", proposal.id, message.channel.value, staff_id=staff.id
    )
    db.session.commit()
    return message


def answer_state(proposal: Proposal | None, volunteer_id: int) -> str:
    """ "open", "answered", "closed" or "missing" for the answer page."""
    if proposal is None or proposal.volunteer_id != volunteer_id or proposal.request is None:
        return "missing"
    done = {s.kind for s in proposal.steps}
    if proposal.volunteer_answer or done & {K.VOLUNTEER_AGREED, K.VOLUNTEER_DECLINED}:
        return "answered"
    if proposal.status is not ProposalStatus.OPEN:
        return "closed"
    return "open"


def answer_proposal(*, proposal_id: int, volunteer_id: int, answer: str, reason: str | None) -> str:
    """Record the volunteer's answer from the link (no staff). Returns the state before:
    "open" when this answer was recorded, otherwise why not ("answered", "closed", "missing")."""
    if answer not in ANSWERS or (reason is not None and reason not in REASONS):
        refuse(_("Bitte wählen Sie Ja oder Nein."))
    begin_write()
    proposal = locked(Proposal, proposal_id)
    state = answer_state(proposal, volunteer_id)
    if state != "open":
        db.session.rollback()
        return state
    proposal.volunteer_answer = answer
    proposal.volunteer_answer_reason = reason if answer == NO else None
    proposal.volunteer_answered_at = clock.now()
    if answer == YES:
        if K.VOLUNTEER_ASKED not in {s.kind for s in proposal.steps}:
            mark_step(None, proposal, K.VOLUNTEER_ASKED)
        mark_step(None, proposal, K.VOLUNTEER_AGREED)
    detail = f"{answer}:{proposal.volunteer_answer_reason}" if answer == NO and reason else answer
    audit.record("proposal_answered", "proposal", proposal.id, f"link:{detail}", staff_id=None)
    db.session.commit()
    return "open"
