"""Deciding proposals: accept (creates the tandem) or decline, each in one locked transaction.

Accepting re-checks every hard rule under a row lock, so two coordinators acting at the same
moment can never overbook a volunteer.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask_babel import gettext as _
from sqlalchemy import or_, select, update

from mentoring import audit, clock, labels
from mentoring.access import may_see_programme
from mentoring.eligibility import involves_minor
from mentoring.extensions import db
from mentoring.messages import flows
from mentoring.models import (
    MATCHABLE_STATUSES,
    ConsentRecord,
    DeclineReason,
    MenteeRequest,
    PairExclusion,
    Programme,
    Proposal,
    ProposalStatus,
    RequestStatus,
    StaffUser,
    Tandem,
    TandemEvent,
    TandemStatus,
    Volunteer,
    VolunteerStatus,
)
from mentoring.models.people import consent_withdrawn_clause
from mentoring.operations.locking import begin_write, locked, refuse
from mentoring.pairing.checks import occupying_count, pair_excluded
from mentoring.safeguarding import certificate_required
from mentoring.screening_state import certificate_today

# A decline for one of these reasons means the pair must never be proposed again.
EXCLUDING_DECLINES = (
    DeclineReason.MENTEE_DECLINED,
    DeclineReason.VOLUNTEER_DECLINED,
    DeclineReason.NOT_SUITABLE,
)


def safeguarding_problem(
    programme: Programme, request_row: MenteeRequest, volunteer_id: int, today: date | None = None
) -> str | None:
    """Why this pair may not meet under §72a SGB VIII (German), or None."""
    today = today or clock.today()
    minor = involves_minor(request_row, today)
    if not certificate_required(
        programme_requires=programme.requires_police_certificate, involves_minor=minor
    ):
        return None
    status = certificate_today(volunteer_id, today)
    if status.valid:
        return None
    why = labels.label(status.state)
    if minor:
        return _(
            "Nicht möglich: Eine minderjährige Person ist beteiligt, und für die "
            "ehrenamtliche Person liegt kein gültiges erweitertes Führungszeugnis vor "
            "(%(why)s).",
            why=why,
        )
    return _(
        "Nicht möglich: Das Programm verlangt ein gültiges erweitertes Führungszeugnis (%(why)s).",
        why=why,
    )


def accept_proposal(*, proposal_id: int, staff: StaffUser) -> Tandem:
    """Accept a proposal in one transaction: re-check every rule under lock, create the tandem."""
    begin_write()
    first = db.session.get(Proposal, proposal_id)
    if first is None or not may_see_programme(staff, first.programme_id):
        refuse(_("Diesen Vorschlag gibt es nicht."))
    volunteer_id, request_id = first.volunteer_id, first.request_id
    if volunteer_id is None or request_id is None:
        refuse(_("Eine der beiden Personen ist nicht mehr gespeichert."))
    # Lock order volunteer → request → proposal everywhere: no deadlocks between accepts.
    volunteer = locked(Volunteer, volunteer_id)
    request_row = locked(MenteeRequest, request_id)
    proposal = locked(Proposal, proposal_id)
    problem = _accept_problem(proposal, volunteer, request_row)
    if problem:
        refuse(problem)

    now = datetime.now(UTC)
    tandem = Tandem(
        programme_id=proposal.programme_id,
        proposal_id=proposal.id,
        volunteer_id=volunteer.id,
        request_id=request_row.id,
        status=TandemStatus.PROPOSED,
        created_at=now,
        request_signed_up_at=request_row.created_at,
    )
    tandem.events.append(
        TandemEvent(
            from_status=None, to_status=TandemStatus.PROPOSED.value, staff_id=staff.id, at=now
        )
    )
    db.session.add(tandem)
    proposal.status = ProposalStatus.ACCEPTED
    proposal.decided_at = now
    proposal.decided_by_id = staff.id
    request_row.status = RequestStatus.MATCHED
    volunteer.status = VolunteerStatus.ACTIVE
    db.session.flush()
    competitors = [Proposal.request_id == request_row.id]
    if occupying_count(volunteer.id) >= volunteer.capacity:
        competitors.append(Proposal.volunteer_id == volunteer.id)
    closed = db.session.execute(
        update(Proposal)
        .where(
            Proposal.status == ProposalStatus.OPEN, Proposal.id != proposal.id, or_(*competitors)
        )
        .values(status=ProposalStatus.CLOSED, decided_at=now, decided_by_id=staff.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    audit.record(
        "proposal_accepted", "proposal", proposal.id, f"tandem={tandem.id}", staff_id=staff.id
    )
    audit.record(
        "tandem_created", "tandem", tandem.id, f"closed_proposals={closed}", staff_id=staff.id
    )
    flows.tandem_started(tandem, staff)  # both sides hear of it with this commit, or not at all
    db.session.commit()
    return tandem


def _now_true(expression, model, row_id: int) -> bool:
    """Evaluate a model-level expression for one row, fresh inside this transaction."""
    return bool(db.session.scalar(select(expression).where(model.id == row_id)))


def _accept_problem(
    proposal: Proposal, volunteer: Volunteer | None, request_row: MenteeRequest | None
) -> str | None:
    if proposal is None:
        return _("Diesen Vorschlag gibt es nicht.")
    if proposal.status is not ProposalStatus.OPEN:
        return {
            ProposalStatus.ACCEPTED: _("Dieser Vorschlag wurde inzwischen schon angenommen."),
            ProposalStatus.DECLINED: _("Dieser Vorschlag wurde inzwischen abgelehnt."),
            ProposalStatus.SUPERSEDED: _(
                "Dieser Vorschlag wurde durch eine neue Berechnung "
                "ersetzt. Bitte sehen Sie sich die neuen Vorschläge an."
            ),
            ProposalStatus.CLOSED: _(
                "Dieser Vorschlag ist geschlossen: für eine der beiden Personen wurde "
                "inzwischen ein anderer Vorschlag angenommen, oder sie wurde pausiert, "
                "zurückgezogen, zurückgestellt oder abgeschlossen."
            ),
        }[proposal.status]
    if volunteer is None or volunteer.erased_at is not None:
        return _("Die ehrenamtliche Person ist nicht mehr gespeichert.")
    if request_row is None or request_row.erased_at is not None:
        return _("Die Anfrage ist nicht mehr gespeichert.")
    if not _now_true(Volunteer.is_matchable, Volunteer, volunteer.id):
        if volunteer.status not in MATCHABLE_STATUSES:
            return _("Die ehrenamtliche Person ist zurzeit nicht vermittelbar.")
        if volunteer.is_paused:
            return _("Die ehrenamtliche Person ist pausiert.")
        return _("Die ehrenamtliche Person hat ihre Einwilligung widerrufen.")
    if occupying_count(volunteer.id) >= volunteer.capacity:
        return _(
            "%(name)s hat inzwischen keine freie Kapazität mehr (höchstens %(n)s Tandems "
            "gleichzeitig).",
            name=volunteer.full_name,
            n=volunteer.capacity,
        )
    if not _now_true(MenteeRequest.is_open, MenteeRequest, request_row.id):
        withdrawn = consent_withdrawn_clause(ConsentRecord.request_id, MenteeRequest.id)
        if _now_true(withdrawn, MenteeRequest, request_row.id):
            return _("Für die Anfrage wurde die Einwilligung widerrufen.")
        if request_row.is_held:
            return _("Die Anfrage ist zurückgestellt.")
        return _("Die Anfrage ist nicht mehr offen oder hat inzwischen schon ein Tandem.")
    if pair_excluded(volunteer.id, request_row.id):
        return _("Diese beiden Personen sollen nicht zusammen vorgeschlagen werden.")
    return safeguarding_problem(proposal.programme, request_row, volunteer.id)


def decline_proposal(
    *, proposal_id: int, staff: StaffUser, reason: DeclineReason, note: str | None = None
) -> Proposal:
    """Decline a proposal with a reason; some reasons exclude the pair for good."""
    begin_write()
    proposal = locked(Proposal, proposal_id)
    if proposal is None or not may_see_programme(staff, proposal.programme_id):
        refuse(_("Diesen Vorschlag gibt es nicht."))
    if proposal.status is not ProposalStatus.OPEN:
        refuse(_accept_problem(proposal, None, None))
    close_declined(proposal, staff=staff, reason=reason, note=note)
    audit.record("proposal_declined", "proposal", proposal.id, reason.value, staff_id=staff.id)
    db.session.commit()
    return proposal


def close_declined(
    proposal: Proposal, *, staff: StaffUser | None, reason: DeclineReason, note: str | None = None
) -> None:
    """Mark a locked, open proposal declined; some reasons exclude the pair for good (no commit)."""
    proposal.status = ProposalStatus.DECLINED
    proposal.decline_reason = reason
    proposal.decline_note = note or None
    proposal.decided_at = datetime.now(UTC)
    proposal.decided_by_id = staff.id if staff is not None else None
    if (
        reason in EXCLUDING_DECLINES
        and proposal.volunteer_id
        and proposal.request_id
        and not pair_excluded(proposal.volunteer_id, proposal.request_id)
    ):
        db.session.add(
            PairExclusion(
                volunteer_id=proposal.volunteer_id,
                request_id=proposal.request_id,
                reason=reason.value,
            )
        )
