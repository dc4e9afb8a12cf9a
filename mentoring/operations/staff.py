"""Staff accounts: created, changed, deactivated and given passwords; all of it audited.

Passwords are never typed by an admin for someone else: an admin issues a one-time link
(valid SET_PASSWORD_LINK_HOURS, single use) and hands it over; only its hash is stored.
"""

import logging
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from mentoring import audit
from mentoring.extensions import db
from mentoring.models import Department, SetPasswordToken, StaffRole, StaffUser
from mentoring.models.types import utcnow
from mentoring.operations import OperationError
from mentoring.operations.sessions import end_all_sessions, replace_all_sessions
from mentoring.passwords import password_problem
from mentoring.tokens import digest, new_token

log = logging.getLogger(__name__)


class WrongPassword(OperationError):
    """The current password given to confirm a change is wrong."""


def create_staff(
    *, email: str, name: str, password: str, role: StaffRole, department_codes: list[str]
) -> StaffUser:
    """Create an account with a password (the first admin, from the command line)."""
    user = _new_account(email=email, name=name, role=role, department_codes=department_codes)
    _check_password(password, user)
    user.set_password(password)
    db.session.flush()
    audit.record("staff_created", "staff", user.id)
    db.session.commit()
    log.info("staff account created id=%s role=%s", user.id, role.value)
    return user


def add_staff(
    *, staff: StaffUser, email: str, name: str, role: StaffRole, department_codes: list[str]
) -> tuple[StaffUser, str]:
    """An admin creates an account; returns it and a one-time link token to set the password."""
    user = _new_account(email=email, name=name, role=role, department_codes=department_codes)
    user.set_password(new_token())  # unusable until the link is used
    db.session.flush()
    token = _new_link(user, created_by=staff)
    audit.record("staff_created", "staff", user.id, staff_id=staff.id)
    db.session.commit()
    log.info("staff account created id=%s role=%s", user.id, role.value)
    return user, token


def change_access(
    *, staff: StaffUser, target_id: int, role: StaffRole, department_codes: list[str]
) -> StaffUser:
    """Change role and departments; a change ends the colleague's sessions (fresh id later)."""
    target = colleague(target_id)
    if target.id == staff.id and role is not target.role:
        raise OperationError(_("Sie können Ihre eigene Rolle nicht ändern."))
    departments = _departments(department_codes, role)
    changed = role is not target.role or {d.id for d in departments} != {
        d.id for d in target.departments
    }
    if changed:
        target.role = role
        target.departments = departments
        if target.id != staff.id:
            end_all_sessions(target.id)
        audit.record("staff_access_changed", "staff", target.id, detail=role.value)
    db.session.commit()
    return target


def deactivate(*, staff: StaffUser, target_id: int) -> StaffUser:
    target = colleague(target_id)
    if target.id == staff.id:
        raise OperationError(_("Sie können Ihr eigenes Konto nicht deaktivieren."))
    target.active = False
    end_all_sessions(target.id)
    _expire_links(target)
    audit.record("staff_deactivated", "staff", target.id, staff_id=staff.id)
    db.session.commit()
    return target


def reactivate(*, staff: StaffUser, target_id: int) -> StaffUser:
    target = colleague(target_id)
    target.active = True
    audit.record("staff_reactivated", "staff", target.id, staff_id=staff.id)
    db.session.commit()
    return target


def issue_set_password_link(*, staff: StaffUser, target_id: int) -> str:
    """A new one-time link for a colleague (older unused links stop working)."""
    target = colleague(target_id)
    if not target.active:
        raise OperationError(_("Das Konto ist deaktiviert. Bitte erst wieder aktivieren."))
    token = _new_link(target, created_by=staff)
    audit.record("staff_password_link", "staff", target.id, staff_id=staff.id)
    db.session.commit()
    return token


def link_is_valid(token: str) -> bool:
    return _valid_link(token) is not None


def set_password_with_link(*, token: str, password: str) -> StaffUser:
    """Use a one-time link: set the password, end every session, spend the link."""
    link = _valid_link(token, lock=True)
    if link is None:
        db.session.rollback()
        raise OperationError(_("Dieser Link ist abgelaufen oder wurde schon benutzt."))
    user = db.session.get(StaffUser, link.staff_id)
    _check_password(password, user)
    user.set_password(password)
    link.used_at = utcnow()
    _expire_links(user)
    end_all_sessions(user.id)
    audit.record("staff_password_set", "staff", user.id, staff_id=user.id)
    db.session.commit()
    return user


def change_own_password(
    *, staff: StaffUser, current_password: str, new_password: str, user_agent: str | None = None
) -> str:
    """Change one's own password; every other session ends. Returns this browser's new id."""
    if not staff.check_password(current_password):
        raise WrongPassword(_("Das bisherige Passwort stimmt nicht."))
    if current_password == new_password:
        raise OperationError(_("Das neue Passwort muss sich vom bisherigen unterscheiden."))
    _check_password(new_password, staff)
    staff.set_password(new_password)
    token = replace_all_sessions(staff, user_agent=user_agent)
    audit.record("staff_password_changed", "staff", staff.id, staff_id=staff.id)
    db.session.commit()
    staff.session_token = token
    return token


def _new_account(
    *, email: str, name: str, role: StaffRole, department_codes: list[str]
) -> StaffUser:
    email = email.strip().lower()
    if not email or "@" not in email:
        raise OperationError(_("Bitte eine gültige E-Mail-Adresse angeben."))
    if db.session.scalar(select(StaffUser.id).where(StaffUser.email == email)) is not None:
        raise OperationError(_("Es gibt schon ein Konto mit dieser E-Mail-Adresse."))
    departments = _departments(department_codes, role)
    user = StaffUser(email=email, name=name.strip(), role=role, departments=departments)
    db.session.add(user)
    return user


def _departments(codes: list[str], role: StaffRole) -> list[Department]:
    departments = list(db.session.scalars(select(Department).where(Department.code.in_(codes))))
    unknown = set(codes) - {d.code for d in departments}
    if unknown:
        db.session.rollback()
        raise OperationError(_("Unbekannte Abteilung: %(codes)s", codes=", ".join(sorted(unknown))))
    if role is StaffRole.COORDINATOR and not departments:
        db.session.rollback()
        raise OperationError(_("Koordinierende brauchen mindestens eine Abteilung."))
    return departments


def _check_password(password: str, user: StaffUser) -> None:
    problem = password_problem(password, user_inputs=[user.email, user.name])
    if problem:
        db.session.rollback()
        raise OperationError(problem)


def _new_link(user: StaffUser, *, created_by: StaffUser) -> str:
    _expire_links(user)
    token = new_token()
    now = utcnow()
    hours = current_app.config["SET_PASSWORD_LINK_HOURS"]
    db.session.add(
        SetPasswordToken(
            staff_id=user.id,
            token_hash=digest(token),
            created_by_id=created_by.id,
            created_at=now,
            expires_at=now + timedelta(hours=hours),
        )
    )
    return token


def _expire_links(user: StaffUser) -> None:
    db.session.execute(
        update(SetPasswordToken)
        .where(SetPasswordToken.staff_id == user.id, SetPasswordToken.used_at.is_(None))
        .values(expires_at=utcnow())
    )


def _valid_link(token: str, *, lock: bool = False) -> SetPasswordToken | None:
    if not token or len(token) > 100:
        return None
    query = select(SetPasswordToken).where(
        SetPasswordToken.token_hash == digest(token),
        SetPasswordToken.used_at.is_(None),
        SetPasswordToken.expires_at > utcnow(),
    )
    link = db.session.scalar(query.with_for_update() if lock else query)
    if link is None:
        return None
    user = db.session.get(StaffUser, link.staff_id)
    return link if user is not None and user.active else None


def colleague(target_id: int) -> StaffUser:
    """The account an admin acts on, or a refusal."""
    target = db.session.get(StaffUser, target_id)
    if target is None:
        raise OperationError(_("Dieses Konto gibt es nicht."))
    return target
