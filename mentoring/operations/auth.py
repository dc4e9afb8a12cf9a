"""Staff authentication: the password step of a login."""

from functools import cache

from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from mentoring import audit
from mentoring.extensions import db
from mentoring.models import StaffUser


@cache
def _dummy_hash() -> str:
    """Verifying against a dummy hash keeps the response time the same for unknown addresses."""
    return generate_password_hash("not-a-real-password", method="scrypt")


def authenticate(*, email: str, password: str) -> StaffUser | None:
    """Return the staff member for a valid password; log a failure (a success is logged when
    the session starts, after the second factor)."""
    user = db.session.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower()))
    if user is None or not user.active:
        check_password_hash(_dummy_hash(), password)
        audit.record_now("login_failed", staff_id=user.id if user else None)
        return None
    if not user.check_password(password):
        audit.record_now("login_failed", "staff", user.id, staff_id=user.id)
        return None
    return user
