"""Read-only queries for the matching, tandem and start pages, scoped to the user's departments.

Every page renders in a fixed number of queries; lists are bounded.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from flask import abort, current_app
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from mentoring.access import programme_clause
from mentoring.extensions import db
from mentoring.models import (
    CheckIn,
    District,
    MatchingRun,
    MenteeRequest,
    Place,
    PoliceCheck,
    Programme,
    Proposal,
    ProposalStatus,
    RequestStatus,
    StaffUser,
    Tandem,
    TandemStatus,
    Volunteer,
)
from mentoring.models.people import volunteer_programmes
from mentoring.safeguarding import add_years

PER_PAGE = 50
QUEUE_LIMIT = 50
SORTS = ("score", "waiting", "district")


@dataclass
class ProposalPage:
    items: list[Proposal]
    total: int
    number: int
    per_page: int = PER_PAGE

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def stale_before() -> datetime:
    return datetime.now(UTC) - timedelta(days=current_app.config["STALE_PROPOSAL_DAYS"])


def is_stale(proposal: Proposal, cutoff: datetime) -> bool:
    return proposal.status is ProposalStatus.OPEN and proposal.created_at < cutoff


def programme_or_404(user: StaffUser, programme_id: int) -> Programme:
    programme = db.session.scalar(
        select(Programme).where(Programme.id == programme_id, programme_clause(user, Programme.id))
    )
    if programme is None:
        abort(404)
    return programme


def run_or_404(user: StaffUser, run_id: int) -> MatchingRun:
    run = db.session.scalar(
        select(MatchingRun)
        .where(MatchingRun.id == run_id, programme_clause(user, MatchingRun.programme_id))
        .options(joinedload(MatchingRun.programme))
    )
    if run is None:
        abort(404)
    return run


def proposal_or_404(user: StaffUser, proposal_id: int) -> Proposal:
    proposal = db.session.scalar(
        select(Proposal)
        .where(Proposal.id == proposal_id, programme_clause(user, Proposal.programme_id))
        .options(joinedload(Proposal.volunteer), joinedload(Proposal.request))
    )
    if proposal is None:
        abort(404)
    return proposal


def tandem_or_404(user: StaffUser, tandem_id: int) -> Tandem:
    tandem = db.session.scalar(
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
    if tandem is None:
        abort(404)
    return tandem


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


def run_proposals(run: MatchingRun, sort: str, page: int) -> ProposalPage:
    base = select(Proposal).where(Proposal.run_id == run.id)
    total = db.session.scalar(select(func.count()).select_from(base.subquery()))
    query = (
        base.outerjoin(MenteeRequest, MenteeRequest.id == Proposal.request_id)
        .outerjoin(Place, Place.id == MenteeRequest.place_id)
        .outerjoin(District, District.id == Place.district_id)
        .options(
            joinedload(Proposal.volunteer).joinedload(Volunteer.place),
            joinedload(Proposal.request).joinedload(MenteeRequest.place).joinedload(Place.district),
        )
    )
    # Open ones first: those are the ones to act on.
    decided = Proposal.status != ProposalStatus.OPEN
    if sort == "waiting":
        query = query.order_by(decided, MenteeRequest.created_at, Proposal.id)
    elif sort == "district":
        query = query.order_by(
            decided, District.name, Place.name, Proposal.score.desc(), Proposal.id
        )
    else:
        query = query.order_by(decided, Proposal.score.desc(), Proposal.id)
    page = max(1, page)
    items = list(db.session.scalars(query.limit(PER_PAGE).offset((page - 1) * PER_PAGE)).unique())
    return ProposalPage(items, total, page)


def tandem_list(user: StaffUser, status: str | None, page: int) -> tuple[list[Tandem], int]:
    where = [programme_clause(user, Tandem.programme_id)]
    if status == "running":
        where.append(Tandem.status != TandemStatus.ENDED)
    elif status in {s.value for s in TandemStatus}:
        where.append(Tandem.status == TandemStatus(status))
    total = db.session.scalar(select(func.count()).select_from(Tandem).where(*where))
    items = list(
        db.session.scalars(
            select(Tandem)
            .where(*where)
            .options(
                joinedload(Tandem.programme),
                joinedload(Tandem.volunteer),
                joinedload(Tandem.request),
            )
            .order_by(Tandem.created_at.desc(), Tandem.id.desc())
            .limit(PER_PAGE)
            .offset((max(page, 1) - 1) * PER_PAGE)
        )
    )
    return items, total


def next_check_ins(tandem_ids: list[int]) -> dict[int, date]:
    return dict(
        db.session.execute(
            select(CheckIn.tandem_id, func.min(CheckIn.due_on))
            .where(CheckIn.tandem_id.in_(tandem_ids), CheckIn.done_on.is_(None))
            .group_by(CheckIn.tandem_id)
        ).all()
    )


def end_of_week(today: date) -> date:
    return today + timedelta(days=6 - today.weekday())


def due_check_ins(user: StaffUser, today: date) -> list[CheckIn]:
    """Open check-ins due by Sunday of this week (overdue ones first)."""
    return list(
        db.session.scalars(
            select(CheckIn)
            .join(Tandem, Tandem.id == CheckIn.tandem_id)
            .where(
                CheckIn.done_on.is_(None),
                CheckIn.due_on <= end_of_week(today),
                Tandem.status != TandemStatus.ENDED,
                programme_clause(user, Tandem.programme_id),
            )
            .options(
                joinedload(CheckIn.tandem).joinedload(Tandem.volunteer),
                joinedload(CheckIn.tandem).joinedload(Tandem.request),
            )
            .order_by(CheckIn.due_on, CheckIn.id)
            .limit(QUEUE_LIMIT)
        )
    )


def stale_proposals(user: StaffUser) -> tuple[list[Proposal], int]:
    where = [
        Proposal.status == ProposalStatus.OPEN,
        Proposal.created_at < stale_before(),
        programme_clause(user, Proposal.programme_id),
    ]
    total = db.session.scalar(select(func.count()).select_from(Proposal).where(*where))
    items = list(
        db.session.scalars(
            select(Proposal)
            .where(*where)
            .options(
                joinedload(Proposal.volunteer),
                joinedload(Proposal.request),
                joinedload(Proposal.programme),
            )
            .order_by(Proposal.created_at, Proposal.id)
            .limit(QUEUE_LIMIT)
        )
    )
    return items, total


def certificate_reinspections(user: StaffUser, today: date) -> list[tuple[Volunteer, date]]:
    """Matchable volunteers whose latest inspection is due within the warning period or overdue."""
    config = current_app.config
    warn_until = today + timedelta(weeks=config["POLICE_CHECK_WARN_WEEKS"])
    # due_on = inspected_on + valid_years <= warn_until  ⇔  inspected_on <= warn_until - years
    cutoff = add_years(warn_until, -config["POLICE_CHECK_VALID_YEARS"])
    visible = select(volunteer_programmes.c.volunteer_id).where(
        programme_clause(user, volunteer_programmes.c.programme_id)
    )
    latest = func.max(PoliceCheck.inspected_on)
    # Aggregate after filtering the volunteers: one pass, whatever the planner's statistics.
    due = db.session.execute(
        select(PoliceCheck.volunteer_id, latest)
        .join(Volunteer, Volunteer.id == PoliceCheck.volunteer_id)
        .where(
            Volunteer.is_matchable,
            Volunteer.id.in_(visible),
        )
        .group_by(PoliceCheck.volunteer_id)
        .having(latest <= cutoff)
        .order_by(latest, PoliceCheck.volunteer_id)
        .limit(QUEUE_LIMIT)
    ).all()
    volunteers = {
        v.id: v
        for v in db.session.scalars(
            select(Volunteer).where(Volunteer.id.in_([vid for vid, _ in due]))
        )
    }
    rows = [(volunteers[vid], inspected) for vid, inspected in due]
    years = config["POLICE_CHECK_VALID_YEARS"]
    return [(volunteer, add_years(inspected, years)) for volunteer, inspected in rows]


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


def stale_days() -> int:
    return current_app.config["STALE_PROPOSAL_DAYS"]
