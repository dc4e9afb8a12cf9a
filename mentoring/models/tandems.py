"""Tandems: an accepted proposal followed up until it ends."""

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentoring.extensions import db
from mentoring.models.people import MenteeRequest, Volunteer
from mentoring.models.reference import Programme
from mentoring.models.types import UTCDateTime, utcnow, value_enum


class TandemStatus(enum.StrEnum):
    PROPOSED = "proposed"  # accepted proposal, first meeting not yet held
    INTRODUCED = "introduced"  # first meeting held, coordinator present
    TRIAL = "trial"
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"


# Statuses that occupy one unit of the volunteer's capacity.
OCCUPYING_STATUSES = (
    TandemStatus.PROPOSED,
    TandemStatus.INTRODUCED,
    TandemStatus.TRIAL,
    TandemStatus.ACTIVE,
    TandemStatus.PAUSED,
)


class EndReason(enum.StrEnum):
    GOALS_REACHED = "goals_reached"
    MOVED_AWAY = "moved_away"
    NO_TIME = "no_time"
    DID_NOT_FIT = "did_not_fit"
    OTHER = "other"


class Tandem(db.Model):
    __tablename__ = "tandems"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id", ondelete="SET NULL"))
    # NULL once the partner has been erased; the tandem itself stays for statistics.
    volunteer_id: Mapped[int | None] = mapped_column(
        ForeignKey("volunteers.id", ondelete="SET NULL"), index=True
    )
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("mentee_requests.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[TandemStatus] = mapped_column(
        value_enum(TandemStatus), default=TandemStatus.PROPOSED, index=True
    )
    first_meeting_on: Mapped[date | None] = mapped_column(Date)
    coordinator_present: Mapped[bool | None] = mapped_column(Boolean)
    # The planned first meeting (the calendar invitation): start, place and the .ics SEQUENCE,
    # which grows with every update or cancellation of the same UID.
    meeting_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    meeting_place: Mapped[str | None] = mapped_column(String(200))
    meeting_sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[EndReason | None] = mapped_column(value_enum(EndReason))
    end_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Sign-up date of the request, kept when the request is erased: waiting-time statistics.
    request_signed_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    programme: Mapped[Programme] = relationship()
    volunteer: Mapped[Volunteer | None] = relationship()
    request: Mapped[MenteeRequest | None] = relationship()
    events: Mapped[list["TandemEvent"]] = relationship(
        cascade="all, delete-orphan", order_by="TandemEvent.id", back_populates="tandem"
    )
    check_ins: Mapped[list["CheckIn"]] = relationship(
        cascade="all, delete-orphan", order_by="CheckIn.due_on", back_populates="tandem"
    )
    notes: Mapped[list["TandemNote"]] = relationship(
        cascade="all, delete-orphan", order_by="TandemNote.id", back_populates="tandem"
    )


class TandemEvent(db.Model):
    """Every state change, with who and when."""

    __tablename__ = "tandem_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    tandem_id: Mapped[int] = mapped_column(ForeignKey("tandems.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    tandem: Mapped[Tandem] = relationship(back_populates="events")


class CheckIn(db.Model):
    __tablename__ = "check_ins"

    id: Mapped[int] = mapped_column(primary_key=True)
    tandem_id: Mapped[int] = mapped_column(ForeignKey("tandems.id", ondelete="CASCADE"), index=True)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    done_on: Mapped[date | None] = mapped_column(Date)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    # Free text by staff about how the tandem goes; deleted 24 months after the tandem ends.
    summary: Mapped[str | None] = mapped_column(Text)

    tandem: Mapped[Tandem] = relationship(back_populates="check_ins")


class TandemNote(db.Model):
    """A staff note, visible only to staff of the owning department."""

    __tablename__ = "tandem_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    tandem_id: Mapped[int] = mapped_column(ForeignKey("tandems.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    tandem: Mapped[Tandem] = relationship(back_populates="notes")
