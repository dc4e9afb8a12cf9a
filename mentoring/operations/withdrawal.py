"""Consent withdrawal: the person leaves matching at once; running tandems end.

The person then waits PRIVACY_WITHDRAWN_GRACE_DAYS for `flask privacy purge` to erase them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime

from flask_babel import gettext as _
from sqlalchemy import select, update

from mentoring import audit, clock
from mentoring.extensions import db
from mentoring.models import (
    OCCUPYING_STATUSES,
    ConsentRecord,
    EndReason,
    Proposal,
    ProposalStatus,
    RequestStatus,
    StaffUser,
    Tandem,
    TandemStatus,
    VolunteerStatus,
)
from mentoring.operations import OperationError, tandems
from mentoring.operations.locking import begin_write, locked
from mentoring.personal_data.records import (
    KINDS,
    MODELS,
    PersonNotFound,
    consent_column,
    get_person,
)

log = logging.getLogger(__name__)

WITHDRAWN_NOTE = "Einwilligung widerrufen"


def lock_person(kind: str, person_id: int):
    """The person's row, locked until commit (None for an unknown kind or id)."""
    if kind not in KINDS:
        return None
    begin_write()
    return locked(MODELS[kind], person_id)


def lock_live_person(kind: str, person_id: int, staff: StaffUser | None):
    """The person's row, locked, within the staff member's scope (None: a scheduled job), not
    yet erased; refuses (after a rollback) otherwise."""
    if staff is not None:
        get_person(kind, person_id, staff)
    person = lock_person(kind, person_id)
    if person is None:
        db.session.rollback()
        raise PersonNotFound(_("Diese Person gibt es nicht."))
    if person.erased_at is not None:
        db.session.rollback()
        raise OperationError(_("Die Daten dieser Person sind bereits gelöscht."))
    return person


def stop_processing(kind: str, person, staff: StaffUser | None, today: date) -> tuple[int, int]:
    """Close open proposals and end running tandems; returns (proposals, tandems)."""
    now = datetime.now(UTC)
    staff_id = staff.id if staff is not None else None
    proposal_column = Proposal.volunteer_id if kind == "volunteer" else Proposal.request_id
    closed = db.session.execute(
        update(Proposal)
        .where(proposal_column == person.id, Proposal.status == ProposalStatus.OPEN)
        .values(status=ProposalStatus.CLOSED, decided_at=now, decided_by_id=staff_id)
        .execution_options(synchronize_session=False)
    ).rowcount
    tandem_column = Tandem.volunteer_id if kind == "volunteer" else Tandem.request_id
    running = list(
        db.session.scalars(
            select(Tandem)
            .where(tandem_column == person.id, Tandem.status != TandemStatus.ENDED)
            .order_by(Tandem.id)
        )
    )
    for tandem in running:
        tandems.close(
            tandem,
            staff=staff,
            reason=EndReason.OTHER,
            ended_on=today,
            note=WITHDRAWN_NOTE,
            why="withdrawn",
            thank=("request",) if kind == "volunteer" else ("volunteer",),
        )
        _free_partner(kind, tandem)
    db.session.flush()
    db.session.expire_all()  # the bulk updates above bypassed the identity map
    return closed, len(running)


def _free_partner(kind: str, tandem: Tandem) -> None:
    """The other partner did nothing wrong: the mentee waits again, the volunteer is free."""
    db.session.flush()
    partner_request = tandem.request if kind == "volunteer" else None
    if partner_request is not None and partner_request.status is RequestStatus.MATCHED:
        partner_request.status = RequestStatus.OPEN
    if kind == "request" and tandem.volunteer is not None:
        volunteer = tandem.volunteer
        busy = db.session.scalar(
            select(Tandem.id)
            .where(
                Tandem.volunteer_id == volunteer.id,
                Tandem.id != tandem.id,
                Tandem.status.in_(OCCUPYING_STATUSES),
            )
            .limit(1)
        )
        if volunteer.status is VolunteerStatus.ACTIVE and busy is None:
            volunteer.status = VolunteerStatus.READY


@dataclass(frozen=True)
class WithdrawalResult:
    consents: int
    proposals_closed: int
    tandems_ended: int


def withdraw_consent(
    *,
    kind: str,
    person_id: int,
    staff: StaffUser | None,
    via: str = "staff",
    today: date | None = None,
) -> WithdrawalResult:
    """Stop all processing: consents withdrawn, out of matching, tandems ended."""
    today = today or clock.today()
    person = lock_live_person(kind, person_id, staff)
    consents = list(
        db.session.scalars(
            select(ConsentRecord).where(
                consent_column(kind) == person_id, ConsentRecord.withdrawn_at.is_(None)
            )
        )
    )
    withdrawn_status = VolunteerStatus.WITHDRAWN if kind == "volunteer" else RequestStatus.WITHDRAWN
    if not consents and person.status is withdrawn_status:
        db.session.rollback()
        raise OperationError(_("Die Einwilligung wurde bereits widerrufen."))
    now = datetime.now(UTC)
    for consent in consents:
        consent.withdrawn_at = now
    person.status = withdrawn_status
    closed, ended = stop_processing(kind, person, staff, today)
    audit.record("withdraw", kind, person_id, detail=via, staff_id=staff.id if staff else None)
    db.session.commit()
    log.info("consent withdrawn kind=%s id=%s via=%s", kind, person_id, via)
    return WithdrawalResult(len(consents), closed, ended)
