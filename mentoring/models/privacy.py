"""Safeguarding and accountability: police-certificate inspections and the audit log."""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from mentoring.extensions import db
from mentoring.models.types import UTCDateTime, utcnow


class PoliceCheck(db.Model):
    """§72a SGB VIII: only the fact of inspection, never the certificate itself."""

    __tablename__ = "police_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(
        ForeignKey("volunteers.id", ondelete="CASCADE"), index=True
    )
    issue_date: Mapped[date] = mapped_column(Date)
    inspected_on: Mapped[date] = mapped_column(Date)
    conviction_listed: Mapped[bool] = mapped_column(Boolean)
    inspected_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditEntry(db.Model):
    """Append-only: who viewed, changed, exported or erased whose data. Ids only, no copies."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    subject_type: Mapped[str | None] = mapped_column(String(40))
    subject_id: Mapped[int | None] = mapped_column(Integer, index=True)
    # A short code such as an endpoint or a field list; never personal values.
    detail: Mapped[str | None] = mapped_column(String(200))
