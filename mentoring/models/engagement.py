"""What a tandem agreed at its introduction meeting, and the hours its volunteer gave per month."""

import enum
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Numeric,
    String,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentoring.extensions import db
from mentoring.models.tandems import Tandem
from mentoring.models.types import UTCDateTime, utcnow

HOURS_MIN = Decimal("0.5")
HOURS_MAX = Decimal("200")


class ContactItem(enum.StrEnum):
    """Contact data a side may agree to pass on to the other side of the tandem."""

    NAME = "name"  # the surname; first names are always on the sheet
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"


class TandemIntroduction(db.Model):
    """The introduction meeting as agreed: what each side shares, where, when, how often.

    One row per tandem; the Vermittlungsbogen and the Patenschaftsvereinbarung are printed from it.
    """

    __tablename__ = "tandem_introductions"

    id: Mapped[int] = mapped_column(primary_key=True)
    tandem_id: Mapped[int] = mapped_column(
        ForeignKey("tandems.id", ondelete="CASCADE"), unique=True
    )
    # ContactItem values each side agreed to pass on to the other.
    volunteer_shares: Mapped[list] = mapped_column(JSON, default=list)
    request_shares: Mapped[list] = mapped_column(JSON, default=list)
    meeting_place: Mapped[str | None] = mapped_column(String(200))
    meeting_on: Mapped[date | None] = mapped_column(Date)
    meeting_time: Mapped[time | None] = mapped_column(Time)
    rhythm: Mapped[str | None] = mapped_column(String(120))
    coordinator_phone: Mapped[str | None] = mapped_column(String(40))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    tandem: Mapped[Tandem] = relationship()


class VolunteerHours(db.Model):
    """Hours the volunteer gave in one month of one tandem; corrected in place (audited)."""

    __tablename__ = "volunteer_hours"
    __table_args__ = (
        UniqueConstraint("tandem_id", "month", name="uq_volunteer_hours_tandem_month"),
        CheckConstraint("hours >= 0.5 AND hours <= 200", name="hours_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tandem_id: Mapped[int] = mapped_column(ForeignKey("tandems.id", ondelete="CASCADE"), index=True)
    month: Mapped[date] = mapped_column(Date)  # the first day of the month
    hours: Mapped[Decimal] = mapped_column(Numeric(5, 1))
    # The staff member who entered or last corrected it; NULL when the volunteer did (self-service).
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    tandem: Mapped[Tandem] = relationship()
