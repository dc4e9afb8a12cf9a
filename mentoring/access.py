"""Least privilege: a coordinator sees only the programmes of their departments.

Every dashboard query goes through these helpers, so that scoping is enforced in the
query itself, not only in menus.
"""

from functools import wraps

from flask import abort
from flask_login import current_user, login_required
from sqlalchemy import select, true

from mentoring.extensions import db
from mentoring.models import Programme, StaffRole, StaffUser
from mentoring.models.staff import staff_departments


def is_admin(user: StaffUser) -> bool:
    return user.role is StaffRole.ADMIN


def visible_programmes_subquery(user: StaffUser):
    """SELECT of programme ids the user may see."""
    if is_admin(user):
        return select(Programme.id)
    return select(Programme.id).where(
        Programme.department_id.in_(
            select(staff_departments.c.department_id).where(staff_departments.c.staff_id == user.id)
        )
    )


def programme_clause(user: StaffUser, programme_id_column):
    """A WHERE clause restricting a programme id column to the user's programmes."""
    if is_admin(user):
        return true()
    return programme_id_column.in_(visible_programmes_subquery(user))


def visible_programmes(user: StaffUser) -> list[Programme]:
    return list(
        db.session.scalars(
            select(Programme)
            .where(Programme.id.in_(visible_programmes_subquery(user)))
            .order_by(Programme.sort_order)
        )
    )


def may_see_programme(user: StaffUser, programme_id: int | None) -> bool:
    if programme_id is None:
        return False
    return is_admin(user) or programme_id in {p.id for p in visible_programmes(user)}


def staff_required(view):
    """Logged-in staff only (the idle timeout is enforced for every staff request)."""
    return login_required(view)


def admin_required(view):
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not is_admin(current_user):
            abort(404)  # no hint that the page exists
        return view(*args, **kwargs)

    return wrapped


def staff_names(ids) -> dict[int, str]:
    """Names of a few staff members, to show who did what, in one query."""
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    rows = db.session.execute(select(StaffUser.id, StaffUser.name).where(StaffUser.id.in_(ids)))
    return dict(rows.tuples().all())
