"""Reference data: departments, programmes, Herne's places, languages and tags."""

import enum

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentoring.extensions import db
from mentoring.models.types import value_enum


class Department(db.Model):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))

    programmes: Mapped[list["Programme"]] = relationship(back_populates="department")


class Programme(db.Model):
    """A mentoring programme; rows are data that an admin edits, not code."""

    __tablename__ = "programmes"
    __table_args__ = (
        CheckConstraint(
            "min_age IS NULL OR max_age IS NULL OR min_age <= max_age", name="age_range"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    summary: Mapped[str] = mapped_column(Text, default="")
    volunteer_task: Mapped[str] = mapped_column(Text, default="")
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    # Age range of the person supported (for families: the youngest child), in whole years.
    min_age: Mapped[int | None] = mapped_column(Integer)
    max_age: Mapped[int | None] = mapped_column(Integer)
    requires_police_certificate: Mapped[bool] = mapped_column(Boolean, default=False)
    # At least one common language: a hard rule of matching. On unless the programme arranges
    # interpreters; then a pair without one is proposed with a warning.
    requires_shared_language: Mapped[bool] = mapped_column(Boolean, default=True)
    # A family programme asks for the youngest child; others for the young person.
    for_families: Mapped[bool] = mapped_column(Boolean, default=False)
    # About careers (Berufsorientierung): only then the forms ask about career fields and goals.
    about_careers: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # Follow-up: first check-in this many days after the first meeting, then every interval.
    first_checkin_days: Mapped[int] = mapped_column(Integer, default=14, server_default="14")
    checkin_interval_days: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    # Matching weights (expertise, availability, distance, language, preference, waiting);
    # None means the defaults of the matching engine.
    matching_weights: Mapped[dict | None] = mapped_column(JSON)

    department: Mapped[Department] = relationship(back_populates="programmes")
    translations: Mapped[list["ProgrammeTranslation"]] = relationship(
        back_populates="programme",
        cascade="all, delete-orphan",
        order_by="ProgrammeTranslation.locale",
    )


class ProgrammeTranslation(db.Model):
    """A programme's public texts in one language other than German (the row's own texts)."""

    __tablename__ = "programme_translations"
    __table_args__ = (UniqueConstraint("programme_id", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(5))
    name: Mapped[str] = mapped_column(String(120), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    volunteer_task: Mapped[str] = mapped_column(Text, default="")

    programme: Mapped[Programme] = relationship(back_populates="translations")


class District(db.Model):
    """A Stadtbezirk of Herne."""

    __tablename__ = "districts"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(80))

    places: Mapped[list["Place"]] = relationship(back_populates="district", order_by="Place.name")


class Place(db.Model):
    """A quarter (Ortsteil) with approximate coordinates for distances."""

    __tablename__ = "places"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)

    district: Mapped[District] = relationship(back_populates="places")


class PostalCode(db.Model):
    """A postal code inside Herne; sign-ups outside these are refused."""

    __tablename__ = "postal_codes"

    code: Mapped[str] = mapped_column(String(5), primary_key=True)


class Language(db.Model):
    __tablename__ = "languages"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class TagKind(enum.StrEnum):
    EXPERTISE = "expertise"  # what a volunteer offers and a mentee needs
    CAREER_FIELD = "career_field"  # KAoA career fields (Berufsfelder)


class Tag(db.Model):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[TagKind] = mapped_column(value_enum(TagKind))
    code: Mapped[str] = mapped_column(String(60), unique=True)
    label: Mapped[str] = mapped_column(String(120))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
