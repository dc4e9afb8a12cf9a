"""The audit log: who viewed, changed, exported or erased whose data. Ids only."""

from flask_login import current_user

from mentoring.extensions import db
from mentoring.models import AuditEntry


def record(
    action: str,
    subject_type: str | None = None,
    subject_id: int | None = None,
    detail: str | None = None,
    staff_id: int | None = None,
) -> None:
    """Add an entry to the current transaction; it commits with the change it describes."""
    if staff_id is None and current_user and current_user.is_authenticated:
        staff_id = current_user.id
    db.session.add(
        AuditEntry(
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            detail=detail,
            staff_id=staff_id,
        )
    )


def record_now(
    action: str,
    subject_type: str | None = None,
    subject_id: int | None = None,
    detail: str | None = None,
    staff_id: int | None = None,
) -> None:
    """Record and commit at once: views, refused accesses, logins."""
    record(action, subject_type, subject_id, detail, staff_id)
    db.session.commit()
