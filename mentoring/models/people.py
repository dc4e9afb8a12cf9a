"""The people who sign up: volunteers (mentors) and mentee requests."""

import enum
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentoring.extensions import db
from mentoring.models.reference import Language, Place, Programme, Tag
from mentoring.models.types import UTCDateTime, utcnow, value_enum


def _link(name: str, left: str, right: str, right_key: str) -> Table:
    return Table(
        name,
        db.metadata,
        Column(f"{left}_id", ForeignKey(f"{left}s.id", ondelete="CASCADE"), primary_key=True),
        Column(f"{right}_{right_key}", ForeignKey(f"{right}s.{right_key}"), primary_key=True),
    )


volunteer_programmes = _link("volunteer_programmes", "volunteer", "programme", "id")
volunteer_languages = _link("volunteer_languages", "volunteer", "language", "code")
volunteer_tags = _link("volunteer_tags", "volunteer", "tag", "id")
volunteer_travel_places = _link("volunteer_travel_places", "volunteer", "place", "id")
request_languages = Table(
    "request_languages",
    db.metadata,
    Column("request_id", ForeignKey("mentee_requests.id", ondelete="CASCADE"), primary_key=True),
    Column("language_code", ForeignKey("languages.code"), primary_key=True),
)
request_tags = Table(
    "request_tags",
    db.metadata,
    Column("request_id", ForeignKey("mentee_requests.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id"), primary_key=True),
)


class VolunteerStatus(enum.StrEnum):
    NEW = "new"  # signed up, not yet seen by staff
    SCREENING = "screening"  # interview, certificate, training under way
    READY = "ready"  # screening complete: matchable
    ACTIVE = "active"
    PAUSED = "paused"
    WITHDRAWN = "withdrawn"


class RequestStatus(enum.StrEnum):
    NEW = "new"
    OPEN = "open"  # checked by staff: matchable
    MATCHED = "matched"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


class RegisteredBy(enum.StrEnum):
    SELF = "self"
    GUARDIAN = "guardian"
    REFERRER = "referrer"


class Volunteer(db.Model):
    __tablename__ = "volunteers"
    __table_args__ = (
        CheckConstraint("capacity BETWEEN 1 AND 3", name="capacity_range"),
        CheckConstraint("availability >= 0", name="availability_bits"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    # Stored in lower case so that one address is one person.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    birth_year: Mapped[int] = mapped_column(Integer)
    postal_code: Mapped[str] = mapped_column(String(5))
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"))
    occupation: Mapped[str | None] = mapped_column(String(120))
    experience: Mapped[str | None] = mapped_column(Text)
    interests: Mapped[str | None] = mapped_column(Text)
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    travel_radius_km: Mapped[float | None] = mapped_column(Float)
    availability: Mapped[int] = mapped_column(Integer, default=0)
    preferred_min_age: Mapped[int | None] = mapped_column(Integer)
    preferred_max_age: Mapped[int | None] = mapped_column(Integer)
    partner_wishes: Mapped[str | None] = mapped_column(Text)
    heard_from: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[VolunteerStatus] = mapped_column(
        value_enum(VolunteerStatus), default=VolunteerStatus.NEW, index=True
    )
    locale: Mapped[str] = mapped_column(String(8), default="de")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Screening: a volunteer is matchable only when it is complete.
    interview_on: Mapped[date | None] = mapped_column(Date)
    training_on: Mapped[date | None] = mapped_column(Date)
    # Set when the person is erased (DSGVO Art. 17); the row stays as an anonymous shell.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    place: Mapped[Place] = relationship()
    programmes: Mapped[list[Programme]] = relationship(
        secondary=volunteer_programmes, order_by="Programme.sort_order"
    )
    languages: Mapped[list[Language]] = relationship(
        secondary=volunteer_languages, order_by="Language.sort_order"
    )
    tags: Mapped[list[Tag]] = relationship(secondary=volunteer_tags, order_by="Tag.sort_order")
    travel_places: Mapped[list[Place]] = relationship(
        secondary=volunteer_travel_places, order_by="Place.name"
    )
    consents: Mapped[list["ConsentRecord"]] = relationship(  # noqa: F821
        cascade="all, delete-orphan", order_by="ConsentRecord.id"
    )
    duplicate_signups: Mapped[list["DuplicateSignup"]] = relationship(
        cascade="all, delete-orphan", order_by="DuplicateSignup.id"
    )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class MenteeRequest(db.Model):
    """A request for a mentor: a young person, a child or a family, for one programme."""

    __tablename__ = "mentee_requests"
    __table_args__ = (
        CheckConstraint("availability >= 0", name="availability_bits"),
        CheckConstraint(
            "person_birth_month IS NULL OR person_birth_month BETWEEN 1 AND 12",
            name="birth_month",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    registered_by: Mapped[RegisteredBy] = mapped_column(value_enum(RegisteredBy))
    # The contact: the person themself, the guardian, or the professional referrer.
    contact_first_name: Mapped[str] = mapped_column(String(80))
    contact_last_name: Mapped[str] = mapped_column(String(80))
    contact_email: Mapped[str] = mapped_column(String(254), index=True)
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    referrer_kind: Mapped[str | None] = mapped_column(String(40))
    referrer_organisation: Mapped[str | None] = mapped_column(String(160))
    # The person supported: only what matching needs (first name, age).
    person_first_name: Mapped[str | None] = mapped_column(String(80))
    person_birth_year: Mapped[int] = mapped_column(Integer)
    person_birth_month: Mapped[int | None] = mapped_column(Integer)
    children_count: Mapped[int | None] = mapped_column(Integer)
    postal_code: Mapped[str] = mapped_column(String(5))
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"))
    goal: Mapped[str | None] = mapped_column(Text)
    career_goal: Mapped[str | None] = mapped_column(String(120))
    availability: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[RequestStatus] = mapped_column(
        value_enum(RequestStatus), default=RequestStatus.NEW, index=True
    )
    locale: Mapped[str] = mapped_column(String(8), default="de")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Who for which programme (operations.signup.signup_key): unique, so two identical sign-ups
    # arriving at the same moment store one request. Cleared on erasure.
    signup_key: Mapped[str | None] = mapped_column(String(64), unique=True)

    programme: Mapped[Programme] = relationship()
    place: Mapped[Place] = relationship()
    languages: Mapped[list[Language]] = relationship(
        secondary=request_languages, order_by="Language.sort_order"
    )
    tags: Mapped[list[Tag]] = relationship(secondary=request_tags, order_by="Tag.sort_order")
    consents: Mapped[list["ConsentRecord"]] = relationship(  # noqa: F821
        cascade="all, delete-orphan", order_by="ConsentRecord.id"
    )
    duplicate_signups: Mapped[list["DuplicateSignup"]] = relationship(
        cascade="all, delete-orphan", order_by="DuplicateSignup.id"
    )


class DuplicateSignup(db.Model):
    """A second sign-up for a person already registered; shown to coordinators as a flag."""

    __tablename__ = "duplicate_signups"
    __table_args__ = (
        CheckConstraint(
            "(volunteer_id IS NULL) <> (request_id IS NULL)", name="exactly_one_subject"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    volunteer_id: Mapped[int | None] = mapped_column(
        ForeignKey("volunteers.id", ondelete="CASCADE"), index=True
    )
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("mentee_requests.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
