"""Server-side staff sessions: opened after a complete login, ended on the server.

The cookie carries only a random session id; the table keeps its SHA-256. A session ends at
logout (wherever its cookie was copied to), after STAFF_IDLE_MINUTES without a request, after
STAFF_SESSION_HOURS in any case, and with all others of the account on a password change,
deactivation or a change of role.
"""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, or_

from mentoring import audit
from mentoring.extensions import db
from mentoring.models import StaffSession, StaffUser
from mentoring.models.types import utcnow
from mentoring.tokens import digest, new_token

# last_seen_at is written at most this often, not on every request.
TOUCH_EVERY = timedelta(seconds=60)


def start_session(*, staff: StaffUser, user_agent: str | None = None) -> str:
    """Open a fresh session for a staff member who has fully logged in; return its id."""
    _delete_expired()
    token = _add_session(staff, user_agent)
    audit.record("login", "staff", staff.id, staff_id=staff.id)
    db.session.commit()
    staff.session_token = token
    return token


def resume_session(*, token: str) -> StaffUser | None:
    """The staff member of a live session, or None when it has ended or expired."""
    row = db.session.get(StaffSession, digest(token)) if token else None
    if row is None:
        return None
    now = utcnow()
    if _expired(row, now):
        db.session.delete(row)
        db.session.commit()
        return None
    staff = db.session.get(StaffUser, row.staff_id)
    if staff is None or not staff.active:
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
        db.session.commit()
    staff.session_token = token
    return staff


def end_session(*, staff: StaffUser, token: str) -> None:
    """Logout: delete the session, so a copied cookie opens nothing any more."""
    db.session.execute(delete(StaffSession).where(StaffSession.id == digest(token)))
    audit.record("logout", "staff", staff.id, staff_id=staff.id)
    db.session.commit()


def replace_all_sessions(staff: StaffUser, *, user_agent: str | None = None) -> str:
    """End every session of the account and open a fresh one (no commit: part of a use case)."""
    end_all_sessions(staff.id)
    token = _add_session(staff, user_agent)
    staff.session_token = token
    return token


def end_all_sessions(staff_id: int) -> None:
    """Delete every session of the account (no commit: part of a use case)."""
    db.session.execute(delete(StaffSession).where(StaffSession.staff_id == staff_id))


def _add_session(staff: StaffUser, user_agent: str | None) -> str:
    token = new_token()
    db.session.add(
        StaffSession(id=digest(token), staff_id=staff.id, user_agent=(user_agent or "")[:120])
    )
    return token


def _limits() -> tuple[timedelta, timedelta]:
    config = current_app.config
    return (
        timedelta(hours=config["STAFF_SESSION_HOURS"]),
        timedelta(minutes=config["STAFF_IDLE_MINUTES"]),
    )


def _expired(row: StaffSession, now: datetime) -> bool:
    lifetime, idle = _limits()
    return now - row.created_at > lifetime or now - row.last_seen_at > idle


def _delete_expired() -> None:
    lifetime, idle = _limits()
    now = utcnow()
    db.session.execute(
        delete(StaffSession).where(
            or_(StaffSession.created_at < now - lifetime, StaffSession.last_seen_at < now - idle)
        )
    )
