"""Consent records (DSGVO Art. 7): what text, when, by whom, for whom, in which form."""

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentoring.extensions import db
from mentoring.models.types import UTCDateTime, utcnow, value_enum


class ConsentGivenAs(enum.StrEnum):
    ONLINE = "online"  # ticked on a public form
    ORAL = "oral"  # said to staff on the phone or at the counter
    WRITTEN = "written"  # signed on paper


class PrivacyNotice(enum.StrEnum):
    """How staff gave the privacy notice when they took the sign-up themselves."""

    HANDED_OUT = "handed_out"
    READ_OUT = "read_out"


class ConsentRecord(db.Model):
    __tablename__ = "consent_records"
    __table_args__ = (
        CheckConstraint(
            "(volunteer_id IS NULL) <> (request_id IS NULL)", name="exactly_one_subject"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int | None] = mapped_column(
        ForeignKey("volunteers.id", ondelete="CASCADE"), index=True
    )
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("mentee_requests.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[str] = mapped_column(String(40), default="participation")
    text_version: Mapped[str] = mapped_column(String(40))
    given_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    given_by_name: Mapped[str] = mapped_column(String(170))
    # self: the person; guardian: for a minor; referrer: a professional who confirms consent.
    given_by_role: Mapped[str] = mapped_column(String(20))
    # Whom the consent covers, e.g. "self" or "minor".
    on_behalf_of: Mapped[str] = mapped_column(String(20))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    given_as: Mapped[ConsentGivenAs] = mapped_column(
        value_enum(ConsentGivenAs), default=ConsentGivenAs.ONLINE, server_default="online"
    )
    # Staff intake ("Anmeldung erfassen"): who took the consent, and how the notice was given.
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="SET NULL")
    )
    privacy_notice: Mapped[PrivacyNotice | None] = mapped_column(value_enum(PrivacyNotice))

    recorded_by: Mapped["StaffUser | None"] = relationship()  # noqa: F821
