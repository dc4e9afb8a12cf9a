"""Department scoping of the staff pages: which people a user sees, and their records or a 404.

Every staff feature (intake, proposals, tandems, the start page) reads people and records through
these functions, so a coordinator never sees another department's people, in lists or by URL.
"""

from flask import abort
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import joinedload, selectinload

from mentoring.access import is_admin, programme_clause
from mentoring.extensions import db
from mentoring.models import (
    MatchingRun,
    MenteeRequest,
    Place,
    Programme,
    Proposal,
    StaffUser,
    Tandem,
    Volunteer,
)
from mentoring.models.people import volunteer_programmes


def visible_volunteer_clause(user: StaffUser) -> ColumnElement[bool]:
    """Volunteers with at least one programme of the user's departments; never erased ones."""
    not_erased = Volunteer.erased_at.is_(None)
    if is_admin(user):
        return not_erased
    return not_erased & Volunteer.id.in_(
        select(volunteer_programmes.c.volunteer_id).where(
            programme_clause(user, volunteer_programmes.c.programme_id)
        )
    )


def visible_request_clause(user: StaffUser) -> ColumnElement[bool]:
    return MenteeRequest.erased_at.is_(None) & programme_clause(user, MenteeRequest.programme_id)


def _or_404(row):
    if row is None:
        abort(404)
    return row


def volunteer_or_404(user: StaffUser, volunteer_id: int) -> Volunteer:
    """The volunteer with everything the detail page shows; 404 outside the user's scope."""
    return _or_404(
        db.session.scalar(
            select(Volunteer)
            .where(Volunteer.id == volunteer_id, visible_volunteer_clause(user))
            .options(
                joinedload(Volunteer.place).joinedload(Place.district),
                selectinload(Volunteer.programmes),
                selectinload(Volunteer.languages),
                selectinload(Volunteer.tags),
                selectinload(Volunteer.travel_places),
                selectinload(Volunteer.consents),
                selectinload(Volunteer.duplicate_signups),
            )
        )
    )


def request_or_404(user: StaffUser, request_id: int) -> MenteeRequest:
    return _or_404(
        db.session.scalar(
            select(MenteeRequest)
            .where(MenteeRequest.id == request_id, visible_request_clause(user))
            .options(
                joinedload(MenteeRequest.programme),
                joinedload(MenteeRequest.place).joinedload(Place.district),
                selectinload(MenteeRequest.languages),
                selectinload(MenteeRequest.tags),
                selectinload(MenteeRequest.consents),
                selectinload(MenteeRequest.duplicate_signups),
            )
        )
    )


def programme_or_404(user: StaffUser, programme_id: int) -> Programme:
    return _or_404(
        db.session.scalar(
            select(Programme).where(
                Programme.id == programme_id, programme_clause(user, Programme.id)
            )
        )
    )


def run_or_404(user: StaffUser, run_id: int) -> MatchingRun:
    return _or_404(
        db.session.scalar(
            select(MatchingRun)
            .where(MatchingRun.id == run_id, programme_clause(user, MatchingRun.programme_id))
            .options(joinedload(MatchingRun.programme))
        )
    )


def proposal_or_404(user: StaffUser, proposal_id: int) -> Proposal:
    return _or_404(
        db.session.scalar(
            select(Proposal)
            .where(Proposal.id == proposal_id, programme_clause(user, Proposal.programme_id))
            .options(joinedload(Proposal.volunteer), joinedload(Proposal.request))
        )
    )


def tandem_or_404(user: StaffUser, tandem_id: int) -> Tandem:
    return _or_404(
        db.session.scalar(
            select(Tandem)
            .where(Tandem.id == tandem_id, programme_clause(user, Tandem.programme_id))
            .options(
                joinedload(Tandem.programme),
                joinedload(Tandem.volunteer),
                joinedload(Tandem.request),
                selectinload(Tandem.events),
                selectinload(Tandem.check_ins),
                selectinload(Tandem.notes),
            )
        )
    )
