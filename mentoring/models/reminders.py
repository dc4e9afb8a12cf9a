"""Scheduled messages: what a reminder job already sent, and the feedback after a tandem ends."""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mentoring.extensions import db
from mentoring.models.types import UTCDateTime, utcnow


class SentReminder(db.Model):
    """One row per reminder sent by a scheduled job: a job run twice finds the key and sends
    nothing again. Keys: "digest:<staff id>:<date>", "police_check:<police check id>"."""

    __tablename__ = "sent_reminders"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    sent_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TandemFeedback(db.Model):
    """The short questionnaire after a tandem ended: one answer per side and tandem.

    Only the aggregates go into the committee report; the free texts are for the coordination.
    """

    __tablename__ = "tandem_feedback"
    __table_args__ = (UniqueConstraint("tandem_id", "side"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tandem_id: Mapped[int] = mapped_column(ForeignKey("tandems.id", ondelete="CASCADE"), index=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    side: Mapped[str] = mapped_column(String(10))  # "volunteer" or "request"
    satisfaction: Mapped[int] = mapped_column(Integer)  # 1 (poor) … 5 (very good)
    would_recommend: Mapped[bool] = mapped_column(Boolean)
    went_well: Mapped[str | None] = mapped_column(Text)
    could_be_better: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
