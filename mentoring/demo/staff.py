"""The demo staff account: an admin of all departments with a published password."""

from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import Department, StaffRole, StaffUser

DEMO_STAFF_EMAIL = "koordination@example.org"
DEMO_STAFF_PASSWORD = "Generationen-2026"
DEMO_STAFF_NAME = "Demo Koordination"


def ensure_demo_staff() -> int:
    """The demo admin's id; the account is created unless it exists."""
    existing = db.session.scalar(select(StaffUser.id).where(StaffUser.email == DEMO_STAFF_EMAIL))
    if existing is not None:
        return existing
    staff = StaffUser(
        email=DEMO_STAFF_EMAIL,
        name=DEMO_STAFF_NAME,
        role=StaffRole.ADMIN,
        departments=list(db.session.scalars(select(Department).order_by(Department.id))),
    )
    staff.set_password(DEMO_STAFF_PASSWORD)
    db.session.add(staff)
    db.session.flush()
    return staff.id
