"""Read-only queries for the tandem pages, scoped to the user's departments."""

from datetime import date

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from mentoring.access import programme_clause
from mentoring.extensions import db
from mentoring.models import CheckIn, StaffUser, Tandem, TandemStatus
from mentoring.pagination import paginate

PER_PAGE = 50


def tandem_list(user: StaffUser, status: str | None, page: int) -> Pagination:
    """The user's tandems, newest first; `status`: "running" (not ended) or one status value."""
    where = [programme_clause(user, Tandem.programme_id)]
    if status == "running":
        where.append(Tandem.status != TandemStatus.ENDED)
    elif status in {s.value for s in TandemStatus}:
        where.append(Tandem.status == TandemStatus(status))
    query = (
        select(Tandem)
        .where(*where)
        .options(
            joinedload(Tandem.programme),
            joinedload(Tandem.volunteer),
            joinedload(Tandem.request),
        )
        .order_by(Tandem.created_at.desc(), Tandem.id.desc())
    )
    return paginate(query, page=page, per_page=PER_PAGE)


def next_check_ins(tandem_ids: list[int]) -> dict[int, date]:
    return dict(
        db.session.execute(
            select(CheckIn.tandem_id, func.min(CheckIn.due_on))
            .where(CheckIn.tandem_id.in_(tandem_ids), CheckIn.done_on.is_(None))
            .group_by(CheckIn.tandem_id)
        ).all()
    )
