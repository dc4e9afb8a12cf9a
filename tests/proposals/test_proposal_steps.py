"""The office's steps on a proposal: in order, dated, with who; a "no" declines; stale proposals."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import (
    AuditEntry,
    DeclineReason,
    PairExclusion,
    Proposal,
    ProposalStatus,
    ProposalStep,
    ProposalStepKind,
)
from mentoring.operations import OperationError
from mentoring.operations.proposal_steps import (
    mark_step,
    next_steps,
    record_step,
    waiting_days,
)
from mentoring.operations.proposals import accept_proposal
from tests.support.factories import make_proposal, make_request, make_staff, make_volunteer, today

K = ProposalStepKind


def _proposal(**overrides):
    return make_proposal(make_volunteer(certificate="valid"), make_request(), **overrides)


def test_steps_in_order_with_day_and_staff_then_accept(app):
    staff = make_staff()
    proposal = _proposal(created_days_ago=10)
    assert next_steps(proposal) == [K.VOLUNTEER_ASKED]
    record_step(
        proposal_id=proposal.id, staff=staff, kind=K.VOLUNTEER_ASKED, on=today() - timedelta(days=9)
    )
    record_step(
        proposal_id=proposal.id,
        staff=staff,
        kind=K.VOLUNTEER_AGREED,
        on=today() - timedelta(days=8),
    )
    record_step(
        proposal_id=proposal.id, staff=staff, kind=K.MENTEE_ASKED, on=today() - timedelta(days=7)
    )
    record_step(proposal_id=proposal.id, staff=staff, kind=K.MENTEE_AGREED)
    record_step(
        proposal_id=proposal.id,
        staff=staff,
        kind=K.MEETING_ARRANGED,
        on=today() + timedelta(days=7),
    )
    db.session.expire_all()
    proposal = db.session.get(Proposal, proposal.id)
    assert [(s.kind, s.staff_id) for s in proposal.steps] == [
        (K.VOLUNTEER_ASKED, staff.id),
        (K.VOLUNTEER_AGREED, staff.id),
        (K.MENTEE_ASKED, staff.id),
        (K.MENTEE_AGREED, staff.id),
        (K.MEETING_ARRANGED, staff.id),
    ]
    assert proposal.steps[0].done_on == today() - timedelta(days=9)
    assert proposal.steps[-1].done_on == today() + timedelta(days=7)
    assert next_steps(proposal) == []
    details = list(
        db.session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "proposal_step"))
    )
    assert details == [
        k.value
        for k in (
            K.VOLUNTEER_ASKED,
            K.VOLUNTEER_AGREED,
            K.MENTEE_ASKED,
            K.MENTEE_AGREED,
            K.MEETING_ARRANGED,
        )
    ]
    tandem = accept_proposal(proposal_id=proposal.id, staff=staff)
    assert tandem.proposal_id == proposal.id


@pytest.mark.parametrize(
    ("done", "kind", "message"),
    [
        ((), K.VOLUNTEER_AGREED, "kommt erst nach „angefragt bei der/dem Ehrenamtlichen“"),
        ((), K.MENTEE_ASKED, "kommt erst nach „Ehrenamtliche/r hat zugesagt“"),
        ((K.VOLUNTEER_ASKED,), K.MENTEE_ASKED, "kommt erst nach"),
        ((K.VOLUNTEER_ASKED, K.VOLUNTEER_AGREED), K.MENTEE_AGREED, "kommt erst nach"),
        (
            (K.VOLUNTEER_ASKED, K.VOLUNTEER_AGREED, K.MENTEE_ASKED),
            K.MEETING_ARRANGED,
            "kommt erst nach",
        ),
        ((K.VOLUNTEER_ASKED,), K.VOLUNTEER_ASKED, "schon eingetragen"),
        ((K.VOLUNTEER_ASKED, K.VOLUNTEER_AGREED), K.VOLUNTEER_DECLINED, "Antwort ist schon"),
    ],
)
def test_steps_out_of_order_are_refused(app, done, kind, message):
    staff = make_staff()
    proposal = _proposal()
    for step in done:
        record_step(proposal_id=proposal.id, staff=staff, kind=step)
    with pytest.raises(OperationError, match=message):
        record_step(proposal_id=proposal.id, staff=staff, kind=kind)
    assert len(db.session.scalars(select(ProposalStep)).all()) == len(done)


def test_step_dates_are_checked(app):
    staff = make_staff()
    proposal = _proposal(created_days_ago=5)
    with pytest.raises(OperationError, match="nicht vor dem Vorschlag"):
        record_step(
            proposal_id=proposal.id,
            staff=staff,
            kind=K.VOLUNTEER_ASKED,
            on=today() - timedelta(days=6),
        )
    with pytest.raises(OperationError, match="nicht in der Zukunft"):
        record_step(
            proposal_id=proposal.id,
            staff=staff,
            kind=K.VOLUNTEER_ASKED,
            on=today() + timedelta(days=1),
        )
    record_step(
        proposal_id=proposal.id, staff=staff, kind=K.VOLUNTEER_ASKED, on=today() - timedelta(days=2)
    )
    with pytest.raises(OperationError, match="nicht vor dem Schritt"):
        record_step(
            proposal_id=proposal.id,
            staff=staff,
            kind=K.VOLUNTEER_AGREED,
            on=today() - timedelta(days=3),
        )


def test_meeting_may_lie_ahead_but_not_years_ahead(app):
    staff = make_staff()
    proposal = _proposal()
    for step in (K.VOLUNTEER_ASKED, K.VOLUNTEER_AGREED, K.MENTEE_ASKED, K.MENTEE_AGREED):
        record_step(proposal_id=proposal.id, staff=staff, kind=step)
    with pytest.raises(OperationError, match="im Voraus"):
        record_step(
            proposal_id=proposal.id,
            staff=staff,
            kind=K.MEETING_ARRANGED,
            on=today() + timedelta(days=400),
        )


@pytest.mark.parametrize(
    ("steps", "reason"),
    [
        ((K.VOLUNTEER_ASKED, K.VOLUNTEER_DECLINED), DeclineReason.VOLUNTEER_DECLINED),
        (
            (K.VOLUNTEER_ASKED, K.VOLUNTEER_AGREED, K.MENTEE_ASKED, K.MENTEE_DECLINED),
            DeclineReason.MENTEE_DECLINED,
        ),
    ],
)
def test_a_no_declines_the_proposal_with_the_matching_reason(app, steps, reason):
    staff = make_staff()
    proposal = _proposal()
    for step in steps:
        record_step(proposal_id=proposal.id, staff=staff, kind=step)
    db.session.expire_all()
    proposal = db.session.get(Proposal, proposal.id)
    assert proposal.status is ProposalStatus.DECLINED
    assert proposal.decline_reason is reason
    assert proposal.decided_by_id == staff.id
    assert db.session.scalar(
        select(PairExclusion).where(PairExclusion.volunteer_id == proposal.volunteer_id)
    )
    with pytest.raises(OperationError, match="nicht mehr offen"):
        record_step(proposal_id=proposal.id, staff=staff, kind=K.MEETING_ARRANGED)


def test_steps_on_a_closed_proposal_are_refused(app):
    proposal = _proposal(status=ProposalStatus.SUPERSEDED)
    with pytest.raises(OperationError, match="nicht mehr offen"):
        record_step(proposal_id=proposal.id, staff=make_staff(), kind=K.VOLUNTEER_ASKED)


def test_steps_of_another_department_are_refused(app):
    proposal = _proposal()
    with pytest.raises(OperationError, match="gibt es nicht"):
        record_step(
            proposal_id=proposal.id, staff=make_staff(departments=("fb43",)), kind=K.VOLUNTEER_ASKED
        )


def test_mark_step_joins_the_callers_transaction(app):
    """Another operation (sending the request e-mail) sets 'angefragt' in its own commit."""
    proposal = _proposal()
    mark_step(None, proposal, K.VOLUNTEER_ASKED)
    db.session.rollback()
    assert db.session.scalars(select(ProposalStep)).all() == []
    mark_step(None, proposal, K.VOLUNTEER_ASKED)
    db.session.commit()
    assert db.session.scalar(select(ProposalStep)).staff_id is None


def test_waiting_counts_from_the_last_step(app):
    staff = make_staff()
    proposal = _proposal(created_days_ago=30)
    assert waiting_days(proposal) == 30
    record_step(
        proposal_id=proposal.id,
        staff=staff,
        kind=K.VOLUNTEER_ASKED,
        on=today() - timedelta(days=18),
    )
    db.session.expire_all()
    assert waiting_days(db.session.get(Proposal, proposal.id)) == 18
