"""Feedback on accessibility barriers (BITV 2.0 feedback mechanism)."""

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mentoring.extensions import db
from mentoring.models.types import UTCDateTime, utcnow


class AccessibilityFeedback(db.Model):
    __tablename__ = "accessibility_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    page: Mapped[str | None] = mapped_column(String(300))
    message: Mapped[str] = mapped_column(Text)
    contact: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
