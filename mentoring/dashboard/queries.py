"""Read-only queries for the start page's work queues, scoped to the user's departments.

Each queue is bounded (QUEUE_LIMIT rows) and loads in a fixed number of queries.
"""

from datetime import date, timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from mentoring.access import programme_clause
from mentoring.extensions import db
from mentoring.models import (
    CheckIn,
    MenteeRequest,
    PoliceCheck,
    Programme,
    Proposal,
    ProposalStatus,
    StaffUser,
    Tandem,
    TandemStatus,
    Volunteer,
)
from mentoring.models.people import volunteer_programmes
from mentoring.proposals.queries import stale_before
from mentoring.safeguarding import add_years

QUEUE_LIMIT = 50


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


def awaiting_first_contact(user: StaffUser, programmes: list[Programme]) -> list[dict]:
    """Per visible programme: new volunteers and requests nobody has reached yet.

    A volunteer who chose two programmes counts in both. Planned programmes without any are left
    out. Two grouped counts, whatever the number of programmes.
    """
    ids = [p.id for p in programmes]
    volunteers = dict(
        db.session.execute(
            select(volunteer_programmes.c.programme_id, func.count())
            .join(Volunteer, Volunteer.id == volunteer_programmes.c.volunteer_id)
            .where(
                volunteer_programmes.c.programme_id.in_(ids),
                programme_clause(user, volunteer_programmes.c.programme_id),
                Volunteer.awaiting_first_contact,
            )
            .group_by(volunteer_programmes.c.programme_id)
        )
        .tuples()
        .all()
    )
    requests = dict(
        db.session.execute(
            select(MenteeRequest.programme_id, func.count())
            .where(
                MenteeRequest.programme_id.in_(ids),
                programme_clause(user, MenteeRequest.programme_id),
                MenteeRequest.awaiting_first_contact,
            )
            .group_by(MenteeRequest.programme_id)
        )
        .tuples()
        .all()
    )
    rows = [
        {
            "programme": p,
            "volunteers": volunteers.get(p.id, 0),
            "requests": requests.get(p.id, 0),
        }
        for p in programmes
    ]
    return [row for row in rows if row["programme"].active or row["volunteers"] or row["requests"]]
