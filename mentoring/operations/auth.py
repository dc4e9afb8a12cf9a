"""Staff authentication and accounts."""

import logging
from functools import cache

from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from mentoring import audit
from mentoring.auth.passwords import password_problem
from mentoring.extensions import db
from mentoring.models import Department, StaffRole, StaffUser
from mentoring.operations import OperationError

log = logging.getLogger(__name__)


@cache
def _dummy_hash() -> str:
    """Verifying against a dummy hash keeps the response time the same for unknown addresses."""
    return generate_password_hash("not-a-real-password", method="scrypt")


def authenticate(*, email: str, password: str) -> StaffUser | None:
    """Return the staff member for valid credentials; log the attempt either way."""
    user = db.session.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower()))
    if user is None or not user.active:
        check_password_hash(_dummy_hash(), password)
        audit.record_now("login_failed", staff_id=user.id if user else None)
        return None
    if not user.check_password(password):
        audit.record_now("login_failed", "staff", user.id, staff_id=user.id)
        return None
    audit.record_now("login", "staff", user.id, staff_id=user.id)
    return user


def create_staff(
    *, email: str, name: str, password: str, role: StaffRole, department_codes: list[str]
) -> StaffUser:
    email = email.strip().lower()
    if not email or "@" not in email:
        raise OperationError(_("Bitte eine gültige E-Mail-Adresse angeben."))
    if db.session.scalar(select(StaffUser.id).where(StaffUser.email == email)) is not None:
        raise OperationError(_("Es gibt schon ein Konto mit dieser E-Mail-Adresse."))
    problem = password_problem(password, user_inputs=[email, name])
    if problem:
        raise OperationError(problem)
    departments = list(
        db.session.scalars(select(Department).where(Department.code.in_(department_codes)))
    )
    unknown = set(department_codes) - {d.code for d in departments}
    if unknown:
        raise OperationError(_("Unbekannte Abteilung: %(codes)s", codes=", ".join(sorted(unknown))))
    if role is StaffRole.COORDINATOR and not departments:
        raise OperationError(_("Koordinierende brauchen mindestens eine Abteilung."))
    user = StaffUser(email=email, name=name, role=role, departments=departments)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    audit.record("staff_created", "staff", user.id)
    db.session.commit()
    log.info("staff account created id=%s role=%s", user.id, role.value)
    return user
