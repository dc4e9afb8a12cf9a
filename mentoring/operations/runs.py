"""Matching runs: compute a programme's proposals with the engine and store them.

The engine (mentoring.matching) is pure; pairing/engine_input.py reads its input.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from flask_babel import gettext as _
from sqlalchemy import exists, insert, or_, select, update

from mentoring import audit, matching
from mentoring.access import may_see_programme
from mentoring.extensions import db
from mentoring.models import (
    MatchingRun,
    MenteeRequest,
    Programme,
    Proposal,
    ProposalSource,
    ProposalStatus,
    ProposalStep,
    StaffUser,
)
from mentoring.operations import OperationError
from mentoring.pairing.engine_input import build_engine_input, db_id, engine_translator

log = logging.getLogger(__name__)

OBJECTIVES = ("coverage", "score")
METHODS = ("optimal", "greedy")


def _programme_for(programme_id: int, staff: StaffUser) -> Programme:
    programme = db.session.get(Programme, programme_id)
    if programme is None or not may_see_programme(staff, programme_id):
        raise OperationError(_("Dieses Programm gibt es nicht oder Sie dürfen es nicht sehen."))
    return programme


def _in_hand(programme_id: int):
    """Open proposals the office works on: made by hand, or with at least one step entered."""
    return select(Proposal.id).where(
        Proposal.programme_id == programme_id,
        Proposal.status == ProposalStatus.OPEN,
        or_(
            Proposal.source == ProposalSource.MANUAL,
            exists().where(ProposalStep.proposal_id == Proposal.id),
        ),
    )


def run_matching(
    *, programme_id: int, staff: StaffUser, objective: str = "coverage", method: str = "optimal"
) -> MatchingRun:
    """Compute proposals for one programme.

    They replace its open proposals that nobody has worked on yet; accepted ones, manual ones
    and ones with a step entered stay as they are.
    """
    if objective not in OBJECTIVES or method not in METHODS:
        raise OperationError(_("Bitte wählen Sie ein gültiges Verfahren."))
    programme = _programme_for(programme_id, staff)
    if not programme.active:
        raise OperationError(_("Dieses Programm ist nicht aktiv. Es wird nichts vermittelt."))
    # Proposals the office already works on (by hand, or with a step entered) stay open, and
    # their requests are left out: a run must not undo a phone call already made.
    in_hand = _in_hand(programme.id)
    data = build_engine_input(
        programme,
        request_ids=select(MenteeRequest.id).where(
            MenteeRequest.programme_id == programme.id,
            MenteeRequest.id.not_in(
                select(Proposal.request_id).where(
                    Proposal.id.in_(in_hand), Proposal.request_id.is_not(None)
                )
            ),
        ),
    )
    result = matching.propose(
        data.rules,
        data.mentors,
        data.mentees,
        data.places,
        data.labels,
        objective=objective,
        method=method,
        translate=engine_translator(),
        names=data.names,
    )
    now = datetime.now(UTC)
    # A pair proposed again keeps the date it was first proposed: staleness is about the pair.
    first_proposed = {
        (vid, rid): created
        for vid, rid, created in db.session.execute(
            select(Proposal.volunteer_id, Proposal.request_id, Proposal.created_at).where(
                Proposal.programme_id == programme.id, Proposal.status == ProposalStatus.OPEN
            )
        )
    }
    db.session.execute(
        update(Proposal)
        .where(
            Proposal.programme_id == programme.id,
            Proposal.status == ProposalStatus.OPEN,
            Proposal.source == ProposalSource.RUN,
            ~exists().where(ProposalStep.proposal_id == Proposal.id),
        )
        .values(status=ProposalStatus.SUPERSEDED, decided_at=now)
        .execution_options(synchronize_session=False)
    )
    unmatched = [
        {
            "side": u.side,
            "person_id": db_id(u.person_id),
            "name": data.names.get(u.person_id, u.person_id),
            "reasons": list(u.reasons),
        }
        for u in result.unmatched
    ]
    run = MatchingRun(
        programme_id=programme.id,
        started_by_id=staff.id,
        objective=objective,
        method=method,
        matched=len(result.proposals),
        total_score=result.total_score,
        unmatched=unmatched,
        created_at=now,
    )
    db.session.add(run)
    db.session.flush()
    rows = []
    for p in result.proposals:
        vid, rid = db_id(p.mentor_id), db_id(p.mentee_id)
        rows.append(
            {
                "run_id": run.id,
                "programme_id": programme.id,
                "volunteer_id": vid,
                "request_id": rid,
                "score": round(float(p.score), 4),
                "score_parts": {k: round(float(v), 4) for k, v in p.parts.items()},
                "reasons": list(p.reasons),
                "warnings": list(p.warnings),
                "status": ProposalStatus.OPEN,
                "created_at": first_proposed.get((vid, rid), now),
            }
        )
    if rows:
        db.session.execute(insert(Proposal), rows)
    audit.record(
        "matching_run",
        "matching_run",
        run.id,
        f"programme={programme.id} {objective}/{method} proposals={len(rows)}",
        staff_id=staff.id,
    )
    db.session.commit()
    log.info("matching run %s: programme %s, %s proposals", run.id, programme.code, len(rows))
    return run
