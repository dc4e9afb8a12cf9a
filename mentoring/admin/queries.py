"""Reads for the account management; admins see every account."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mentoring.extensions import db
from mentoring.models import Department, Programme, StaffUser


def all_staff() -> list[StaffUser]:
    return list(
        db.session.scalars(
            select(StaffUser)
            .options(selectinload(StaffUser.departments))
            .order_by(StaffUser.active.desc(), StaffUser.name, StaffUser.id)
        )
    )


def staff_member(staff_id: int) -> StaffUser | None:
    if not 0 < staff_id < 2**31:  # beyond the integer column: PostgreSQL would refuse the query
        return None
    return db.session.get(StaffUser, staff_id)


def departments() -> list[Department]:
    return list(db.session.scalars(select(Department).order_by(Department.name)))


def all_programmes() -> list[Programme]:
    return list(
        db.session.scalars(
            select(Programme)
            .options(selectinload(Programme.department), selectinload(Programme.translations))
            .order_by(Programme.active.desc(), Programme.sort_order, Programme.id)
        )
    )


def programme(programme_id: int) -> Programme | None:
    if not 0 < programme_id < 2**31:
        return None
    return db.session.get(Programme, programme_id)
