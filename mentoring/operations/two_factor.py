"""The second factor: TOTP enrolment, checking a code or a recovery code, an admin's reset."""

from flask_babel import gettext as _
from sqlalchemy import delete, select

from mentoring import audit, totp
from mentoring.extensions import db
from mentoring.models import RecoveryCode, StaffUser
from mentoring.models.types import utcnow
from mentoring.operations import OperationError
from mentoring.operations.sessions import end_all_sessions
from mentoring.operations.staff import colleague
from mentoring.tokens import digest


def pending_secret(*, staff: StaffUser) -> str:
    """The secret to enrol with: kept while unconfirmed, so a reload shows the same code."""
    if staff.totp_enabled:
        raise OperationError(_("Die Zwei-Faktor-Anmeldung ist schon eingerichtet."))
    secret = totp.decrypt(staff.totp_secret) if staff.totp_secret else None
    if secret is None:
        secret = totp.new_secret()
        staff.totp_secret = totp.encrypt(secret)
        db.session.commit()
    return secret


def confirm_enrolment(*, staff: StaffUser, code: str) -> list[str]:
    """Switch the second factor on with a first valid code; return new recovery codes."""
    secret = totp.decrypt(staff.totp_secret) if staff.totp_secret else None
    step = secret and totp.matching_step(secret, code, after=None, at=utcnow())
    if staff.totp_enabled or step is None:
        db.session.rollback()
        raise OperationError(
            _("Der Code stimmt nicht. Bitte geben Sie den aktuellen Code aus der App ein.")
        )
    staff.totp_enabled = True
    staff.totp_last_step = step
    codes = _replace_recovery_codes(staff)
    audit.record("2fa_enrolled", "staff", staff.id, staff_id=staff.id)
    db.session.commit()
    return codes


def check_second_factor(*, staff: StaffUser, code: str) -> bool:
    """Accept a current TOTP code (each only once) or an unused recovery code."""
    db.session.refresh(staff, with_for_update=True)  # two requests with one code: one wins
    now = utcnow()
    secret = totp.decrypt(staff.totp_secret) if staff.totp_enabled and staff.totp_secret else None
    step = secret and totp.matching_step(secret, code, after=staff.totp_last_step, at=now)
    if step is not None:
        staff.totp_last_step = step
        audit.record("2fa_ok", "staff", staff.id, staff_id=staff.id)
        db.session.commit()
        return True
    recovery = _unused_recovery_code(staff, code) if staff.totp_enabled else None
    if recovery is not None:
        recovery.used_at = now
        audit.record("2fa_recovery_code_used", "staff", staff.id, staff_id=staff.id)
        db.session.commit()
        return True
    audit.record("2fa_failed", "staff", staff.id, staff_id=staff.id)
    db.session.commit()
    return False


def reset_second_factor(*, staff: StaffUser, target_id: int) -> StaffUser:
    """An admin switches a colleague's second factor off: they enrol again at next login."""
    target = colleague(target_id)
    target.totp_secret = None
    target.totp_enabled = False
    target.totp_last_step = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.staff_id == target.id))
    end_all_sessions(target.id)
    audit.record("2fa_reset", "staff", target.id, staff_id=staff.id)
    db.session.commit()
    return target


def _replace_recovery_codes(staff: StaffUser) -> list[str]:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.staff_id == staff.id))
    codes = totp.new_recovery_codes()
    db.session.add_all(
        RecoveryCode(staff_id=staff.id, code_hash=digest(totp.normalise(c))) for c in codes
    )
    return codes


def _unused_recovery_code(staff: StaffUser, code: str) -> RecoveryCode | None:
    normalised = totp.normalise(code)
    if not normalised:
        return None
    return db.session.scalar(
        select(RecoveryCode)
        .where(
            RecoveryCode.staff_id == staff.id,
            RecoveryCode.code_hash == digest(normalised),
            RecoveryCode.used_at.is_(None),
        )
        .with_for_update()
    )
