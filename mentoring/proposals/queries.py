"""Read-only queries for the proposal pages, scoped to the user's departments.

Every page renders in a fixed number of queries; lists are bounded.
"""

from datetime import UTC, datetime, timedelta

from flask import current_app
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from mentoring.access import programme_clause, staff_names
from mentoring.extensions import db
from mentoring.models import (
    District,
    MatchingRun,
    MenteeRequest,
    Place,
    Programme,
    Proposal,
    ProposalStatus,
    ProposalStep,
    RequestStatus,
    StaffUser,
    Volunteer,
)
from mentoring.models.people import volunteer_programmes
from mentoring.pagination import paginate
from mentoring.scoping import visible_request_clause, visible_volunteer_clause

PER_PAGE = 50
SORTS = ("score", "waiting", "district")


def stale_before() -> datetime:
    return datetime.now(UTC) - timedelta(days=current_app.config["STALE_PROPOSAL_DAYS"])


def is_stale(proposal: Proposal, cutoff: datetime) -> bool:
    return proposal.status is ProposalStatus.OPEN and proposal.created_at < cutoff


def stale_days() -> int:
    return current_app.config["STALE_PROPOSAL_DAYS"]


def programme_overview(user: StaffUser) -> list[dict]:
    """Active programmes with open requests, open proposals and the latest run."""
    programmes = list(
        db.session.scalars(
            select(Programme)
            .where(programme_clause(user, Programme.id), Programme.active.is_(True))
            .order_by(Programme.sort_order)
        )
    )
    ids = [p.id for p in programmes]
    open_requests = dict(
        db.session.execute(
            select(MenteeRequest.programme_id, func.count())
            .where(
                MenteeRequest.programme_id.in_(ids),
                MenteeRequest.status == RequestStatus.OPEN,
                ~MenteeRequest.is_held,
                MenteeRequest.erased_at.is_(None),
            )
            .group_by(MenteeRequest.programme_id)
        ).all()
    )
    ready = dict(
        db.session.execute(
            select(volunteer_programmes.c.programme_id, func.count())
            .join(Volunteer, Volunteer.id == volunteer_programmes.c.volunteer_id)
            .where(
                volunteer_programmes.c.programme_id.in_(ids),
                Volunteer.is_matchable,
            )
            .group_by(volunteer_programmes.c.programme_id)
        ).all()
    )
    open_proposals = dict(
        db.session.execute(
            select(Proposal.programme_id, func.count())
            .where(Proposal.programme_id.in_(ids), Proposal.status == ProposalStatus.OPEN)
            .group_by(Proposal.programme_id)
        ).all()
    )
    latest_ids = (
        select(func.max(MatchingRun.id))
        .where(MatchingRun.programme_id.in_(ids))
        .group_by(MatchingRun.programme_id)
    )
    latest = {
        run.programme_id: run
        for run in db.session.scalars(select(MatchingRun).where(MatchingRun.id.in_(latest_ids)))
    }
    return [
        {
            "programme": p,
            "open_requests": open_requests.get(p.id, 0),
            "volunteers": ready.get(p.id, 0),
            "open_proposals": open_proposals.get(p.id, 0),
            "latest_run": latest.get(p.id),
        }
        for p in programmes
    ]


def recent_runs(programme_id: int, limit: int = 5) -> list[MatchingRun]:
    return list(
        db.session.scalars(
            select(MatchingRun)
            .where(MatchingRun.programme_id == programme_id)
            .order_by(MatchingRun.id.desc())
            .limit(limit)
        )
    )


def run_proposals(run: MatchingRun, sort: str, page: int) -> Pagination:
    """The run's proposals, open ones first (those are the ones to act on), in `sort` order."""
    query = (
        select(Proposal)
        .where(Proposal.run_id == run.id)
        .outerjoin(MenteeRequest, MenteeRequest.id == Proposal.request_id)
        .outerjoin(Place, Place.id == MenteeRequest.place_id)
        .outerjoin(District, District.id == Place.district_id)
        .options(
            joinedload(Proposal.volunteer).joinedload(Volunteer.place),
            joinedload(Proposal.request).joinedload(MenteeRequest.place).joinedload(Place.district),
        )
    )
    decided = Proposal.status != ProposalStatus.OPEN
    if sort == "waiting":
        query = query.order_by(decided, MenteeRequest.created_at, Proposal.id)
    elif sort == "district":
        query = query.order_by(
            decided, District.name, Place.name, Proposal.score.desc(), Proposal.id
        )
    else:
        query = query.order_by(decided, Proposal.score.desc(), Proposal.id)
    return paginate(query, page=page, per_page=PER_PAGE)


def display_names(*, volunteers: bool, ids: list[int]) -> dict[int, str]:
    """Names to show for a few people, in one query."""
    if volunteers:
        rows = db.session.execute(
            select(Volunteer.id, Volunteer.first_name, Volunteer.last_name).where(
                Volunteer.id.in_(ids)
            )
        )
        return {vid: f"{first} {last}" for vid, first, last in rows}
    rows = db.session.execute(
        select(MenteeRequest.id, MenteeRequest.person_first_name, MenteeRequest.reference).where(
            MenteeRequest.id.in_(ids)
        )
    )
    return {rid: (f"{first} ({ref})" if first else ref) for rid, first, ref in rows}


def open_queue(programme_id: int, page: int) -> Pagination:
    """The programme's open proposals, from runs and by hand, the longest untouched first.

    Waiting is counted from the last step (or the proposal), so the ordering is by that day.
    """
    last_step = (
        select(func.max(ProposalStep.done_on))
        .where(ProposalStep.proposal_id == Proposal.id)
        .scalar_subquery()
    )
    query = (
        select(Proposal)
        .where(Proposal.programme_id == programme_id, Proposal.status == ProposalStatus.OPEN)
        .options(
            joinedload(Proposal.volunteer),
            joinedload(Proposal.request),
            selectinload(Proposal.steps),
        )
        .order_by(func.coalesce(last_step, func.date(Proposal.created_at)), Proposal.id)
    )
    return paginate(query, page=page, per_page=PER_PAGE)


def proposal_page(proposal: Proposal) -> dict:
    """Who entered the proposal and its steps, by name."""
    ids = {s.staff_id for s in proposal.steps} | {proposal.created_by_id, proposal.decided_by_id}
    return staff_names([i for i in ids if i])


def request_by_reference(user: StaffUser, reference: str) -> MenteeRequest | None:
    return db.session.scalar(
        select(MenteeRequest).where(
            func.upper(MenteeRequest.reference) == reference.strip().upper(),
            visible_request_clause(user),
        )
    )


def volunteer_by_reference(user: StaffUser, reference: str) -> Volunteer | None:
    return db.session.scalar(
        select(Volunteer).where(
            func.upper(Volunteer.reference) == reference.strip().upper(),
            visible_volunteer_clause(user),
        )
    )
