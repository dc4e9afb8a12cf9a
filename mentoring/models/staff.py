"""Staff accounts: admins and coordinators of one or more departments, their sessions and
second factor, and the one-time links that let them set a password."""

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Table, false
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from mentoring.extensions import db
from mentoring.models.reference import Department
from mentoring.models.types import UTCDateTime, utcnow, value_enum

staff_departments = Table(
    "staff_departments",
    db.metadata,
    Column("staff_id", ForeignKey("staff_users.id", ondelete="CASCADE"), primary_key=True),
    Column("department_id", ForeignKey("departments.id"), primary_key=True),
)


class StaffRole(enum.StrEnum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"


class StaffUser(UserMixin, db.Model):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[StaffRole] = mapped_column(value_enum(StaffRole))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # TOTP secret, encrypted (mentoring.totp); usable once totp_enabled is set by a confirmed code.
    totp_secret: Mapped[str | None] = mapped_column(String(255))
    totp_enabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The last accepted time step: a code is never accepted twice (RFC 6238, section 5.2).
    totp_last_step: Mapped[int | None] = mapped_column(Integer)

    departments: Mapped[list[Department]] = relationship(secondary=staff_departments)

    # The server-side session this object was loaded for (set by operations.sessions).
    session_token = None

    def get_id(self) -> str:
        """Flask-Login keeps this in the cookie: the session's random id, never the account id."""
        if not self.session_token:
            raise RuntimeError("staff member without a server-side session")
        return self.session_token

    def set_password(self, password: str) -> None:
        # scrypt: memory-hard, Werkzeug's current default.
        self.password_hash = generate_password_hash(password, method="scrypt")

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)


class StaffSession(db.Model):
    """A logged-in browser. Deleting the row ends the session wherever its cookie was copied."""

    __tablename__ = "staff_sessions"

    # SHA-256 of the random id in the cookie: a copy of this table opens no session.
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff_users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_agent: Mapped[str | None] = mapped_column(String(120))


class RecoveryCode(db.Model):
    """A one-time code for when the authenticator app is lost; only its SHA-256 is kept."""

    __tablename__ = "staff_recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff_users.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SetPasswordToken(db.Model):
    """A one-time link to set a password (new account or forgotten password); hash only."""

    __tablename__ = "staff_password_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff_users.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
