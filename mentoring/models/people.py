"""The people who sign up: volunteers (mentors) and mentee requests."""

import enum
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ColumnElement,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    and_,
    exists,
    false,
    func,
    or_,
)
from sqlalchemy.ext.hybrid import hybrid_method, hybrid_property
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from mentoring import clock
from mentoring.extensions import db
from mentoring.models.consent import ConsentRecord
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


# "Same person": two records whose person keys agree on at least one key, names compared
# case-insensitively. Each model lists its keys once (`_keys`); the SQL expressions (a join of
# aliased rows, window partitions) and the Python check (loaded rows) are built from that list.
# Within a key, plain columns come first: filters test them before computing lower().
# lower() on both sides: Python's str.lower() is what PostgreSQL's lower() does.


def _fold_sql(value):
    return func.lower(func.coalesce(value, ""))


def _fold_python(value):
    return (value or "").lower()


class _SamePerson:
    """`same_person_as(other)`: for two loaded rows a bool; on the class an SQL expression."""

    @classmethod
    def person_keys(cls) -> list[tuple]:
        """SQL expressions of each key (to partition or filter by): one equal key = same person."""
        return cls._keys(cls, _fold_sql)

    @classmethod
    def person_keys_of(cls, row) -> list[tuple]:
        """The keys of a loaded row, in Python; a key with a missing part (None) is no key."""
        return cls._keys(row, _fold_python)

    @staticmethod
    def key_known(key: tuple) -> bool:
        """A Python key can match only when every part is known: None is never equal to None,
        as in SQL (two sign-ups without an e-mail address are not one person by that)."""
        return None not in key

    @staticmethod
    def key_known_sql(key: tuple) -> ColumnElement[bool]:
        """SQL twin of key_known, for window partitions (which group NULLs together)."""
        return and_(*(part.is_not(None) for part in key))

    @hybrid_method
    def same_person_as(self, other) -> bool:
        mine, theirs = self.person_keys_of(self), self.person_keys_of(other)
        return self.id != other.id and any(
            a == b and self.key_known(a) for a, b in zip(mine, theirs, strict=True)
        )

    @same_person_as.expression
    def same_person_as(cls, other):
        """`other`: an alias of the class, or a loaded row."""
        mine, theirs = cls._keys(cls, _fold_sql), cls._keys(other, _fold_sql)
        return and_(
            cls.id != other.id,
            or_(
                *(
                    and_(*(x == y for x, y in zip(a, b, strict=True)))
                    for a, b in zip(mine, theirs, strict=True)
                )
            ),
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


# Statuses in which a volunteer may be proposed (screening complete; busy ones may have room).
MATCHABLE_STATUSES = (VolunteerStatus.READY, VolunteerStatus.ACTIVE)


class WithdrawReason(enum.StrEnum):
    """Why a volunteer stopped (staff choose one; details go into the note)."""

    NO_TIME = "no_time"
    MOVED = "moved"
    NO_INTEREST = "no_interest"
    UNREACHABLE = "unreachable"
    OTHER = "other"


class CloseReason(enum.StrEnum):
    """Why a request was closed without (another) tandem."""

    NEED_GONE = "need_gone"
    UNREACHABLE = "unreachable"
    PROVIDED_ELSEWHERE = "provided_elsewhere"
    MOVED = "moved"
    OTHER = "other"


class FirstContactChannel(enum.StrEnum):
    """How staff reached a new person for the first time."""

    PHONE = "phone"
    EMAIL = "email"
    LETTER = "letter"
    IN_PERSON = "in_person"


# Pauses and holds end by themselves: a date column compared with today (no job needed).
# "pausiert bis 12.01.2027" includes that day; the person is matchable again from the 13th.


def paused_on(until: date | None, today: date) -> bool:
    return until is not None and until >= today


def _staff_fk():
    return mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))


class _StatusAndContact:
    """Who changed the status last and why; the first contact with a new person."""

    status_note: Mapped[str | None] = mapped_column(String(500))
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_contact_on: Mapped[date | None] = mapped_column(Date)

    @declared_attr
    def status_changed_by_id(cls) -> Mapped[int | None]:
        return _staff_fk()

    @declared_attr
    def first_contact_channel(cls) -> Mapped[FirstContactChannel | None]:
        return mapped_column(value_enum(FirstContactChannel))

    @declared_attr
    def first_contact_by_id(cls) -> Mapped[int | None]:
        return _staff_fk()

    @hybrid_property
    def awaiting_first_contact(self) -> bool:
        """New, not yet reached by staff ("Neu eingegangen, noch nicht kontaktiert")."""
        return (
            self.status is self.NEW_STATUS
            and self.first_contact_on is None
            and self.erased_at is None
        )

    @awaiting_first_contact.inplace.expression
    @classmethod
    def _awaiting_first_contact_expression(cls) -> ColumnElement[bool]:
        return and_(
            cls.status == cls.NEW_STATUS, cls.first_contact_on.is_(None), cls.erased_at.is_(None)
        )


def consent_withdrawn(consents) -> bool:
    """Whether a person withdrew their consent: some consent and none still standing."""
    return bool(consents) and all(c.withdrawn_at is not None for c in consents)


def consent_withdrawn_clause(consent_column, subject_column) -> ColumnElement[bool]:
    """SQL twin of consent_withdrawn: a withdrawn consent exists and no standing one."""
    withdrawn = exists().where(
        consent_column == subject_column, ConsentRecord.withdrawn_at.is_not(None)
    )
    standing = exists().where(
        consent_column == subject_column, ConsentRecord.withdrawn_at.is_(None)
    )
    return and_(withdrawn, ~standing)


class IntakeChannel(enum.StrEnum):
    """How a sign-up reached the office."""

    ONLINE = "online"  # the public form
    PHONE = "phone"
    COUNTER = "counter"  # in person at the office
    PAPER = "paper"  # a paper form typed in by staff


class RegisteredBy(enum.StrEnum):
    SELF = "self"
    GUARDIAN = "guardian"
    REFERRER = "referrer"


class ContactChannel(enum.StrEnum):
    """How a person wants to be contacted: the way they gave details for."""

    EMAIL = "email"
    PHONE = "phone"
    LETTER = "letter"


class DirectContact(enum.StrEnum):
    """On a referrer's sign-up: whom the office contacts instead of the referrer."""

    GUARDIAN = "guardian"
    YOUNG_PERSON = "young_person"


class _ContactColumns:
    """How to reach a person without e-mail: postal address, channel, language, interpreter."""

    street: Mapped[str | None] = mapped_column(String(120))
    house_number: Mapped[str | None] = mapped_column(String(10))
    contact_channel: Mapped[ContactChannel] = mapped_column(
        value_enum(ContactChannel), default=ContactChannel.EMAIL, server_default="email"
    )
    # A locale of the public pages (de, en, ar, uk, tr): letters and messages in it.
    correspondence_language: Mapped[str] = mapped_column(
        String(8), default="de", server_default="de"
    )
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The contact's name in Latin letters when written in another script, to read it out.
    name_latin: Mapped[str | None] = mapped_column(String(170))


class Volunteer(_ContactColumns, _SamePerson, _StatusAndContact, db.Model):
    __tablename__ = "volunteers"
    __table_args__ = (
        CheckConstraint("capacity BETWEEN 1 AND 3", name="capacity_range"),
        CheckConstraint("availability >= 0", name="availability_bits"),
    )

    NEW_STATUS = VolunteerStatus.NEW

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    # Stored in lower case so that one address is one person; None: reached by phone or letter.
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    # Set by the signed link in the sign-up confirmation; cleared when the address changes.
    # No e-mail but that confirmation goes to an unconfirmed address (mentoring.messages).
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
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
    intake_channel: Mapped[IntakeChannel] = mapped_column(
        value_enum(IntakeChannel), default=IntakeChannel.ONLINE, server_default="online"
    )
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
    # Away until this day (inclusive), then matchable again by itself.
    paused_until: Mapped[date | None] = mapped_column(Date)
    # Set when staff record that the person stopped (status WITHDRAWN); cleared on re-activation.
    status_reason: Mapped[WithdrawReason | None] = mapped_column(value_enum(WithdrawReason))

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

    @hybrid_property
    def is_paused(self) -> bool:
        """Paused today: `paused_until` is today or later."""
        return paused_on(self.paused_until, clock.today())

    @is_paused.inplace.expression
    @classmethod
    def _is_paused_expression(cls) -> ColumnElement[bool]:
        return and_(cls.paused_until.is_not(None), cls.paused_until >= clock.today())

    @hybrid_property
    def is_matchable(self) -> bool:
        """Matching may consider the person: screened, not paused today, not erased, consent
        not withdrawn.

        Capacity and police certificates are judged per pair, by the matching rules.
        """
        return (
            self.status in MATCHABLE_STATUSES
            and not self.is_paused
            and self.erased_at is None
            and not consent_withdrawn(self.consents)
        )

    @is_matchable.inplace.expression
    @classmethod
    def _is_matchable_expression(cls) -> ColumnElement[bool]:
        return and_(
            cls.status.in_(MATCHABLE_STATUSES),
            or_(cls.paused_until.is_(None), cls.paused_until < clock.today()),
            cls.erased_at.is_(None),
            ~consent_withdrawn_clause(ConsentRecord.volunteer_id, cls.id),
        )

    @staticmethod
    def _keys(row, fold) -> list[tuple]:
        # A second sign-up with another e-mail address: same name and birth year.
        return [(row.birth_year, fold(row.last_name), fold(row.first_name))]


class MenteeRequest(_ContactColumns, _SamePerson, _StatusAndContact, db.Model):
    """A request for a mentor: a young person, a child or a family, for one programme."""

    __tablename__ = "mentee_requests"
    __table_args__ = (
        CheckConstraint("availability >= 0", name="availability_bits"),
        CheckConstraint(
            "person_birth_month IS NULL OR person_birth_month BETWEEN 1 AND 12",
            name="birth_month",
        ),
    )

    NEW_STATUS = RequestStatus.NEW

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    registered_by: Mapped[RegisteredBy] = mapped_column(value_enum(RegisteredBy))
    # The contact: the person themself, the guardian, or the professional referrer.
    contact_first_name: Mapped[str] = mapped_column(String(80))
    contact_last_name: Mapped[str] = mapped_column(String(80))
    contact_email: Mapped[str | None] = mapped_column(String(254), index=True)
    # As Volunteer.email_confirmed_at.
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    referrer_kind: Mapped[str | None] = mapped_column(String(40))
    referrer_organisation: Mapped[str | None] = mapped_column(String(160))
    # A referrer may ask the office to contact the guardian or the young person directly.
    direct_contact: Mapped[DirectContact | None] = mapped_column(value_enum(DirectContact))
    direct_contact_name: Mapped[str | None] = mapped_column(String(170))
    direct_contact_phone: Mapped[str | None] = mapped_column(String(40))
    direct_contact_email: Mapped[str | None] = mapped_column(String(254))
    # The person supported: only what matching needs (first name, age).
    person_first_name: Mapped[str | None] = mapped_column(String(80))
    # Asked on the referrer's path: the office must tell two young people of one name apart.
    person_last_name: Mapped[str | None] = mapped_column(String(80))
    person_birth_year: Mapped[int] = mapped_column(Integer)
    person_birth_month: Mapped[int | None] = mapped_column(Integer)
    children_count: Mapped[int | None] = mapped_column(Integer)
    postal_code: Mapped[str] = mapped_column(String(5))
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"))
    goal: Mapped[str | None] = mapped_column(Text)
    career_goal: Mapped[str | None] = mapped_column(String(120))
    availability: Mapped[int] = mapped_column(Integer, default=0)
    intake_channel: Mapped[IntakeChannel] = mapped_column(
        value_enum(IntakeChannel), default=IntakeChannel.ONLINE, server_default="online"
    )
    status: Mapped[RequestStatus] = mapped_column(
        value_enum(RequestStatus), default=RequestStatus.NEW, index=True
    )
    locale: Mapped[str] = mapped_column(String(8), default="de")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Who for which programme (operations.signup.signup_key): unique, so two identical sign-ups
    # arriving at the same moment store one request. Cleared on erasure.
    signup_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Put on hold by staff: until `on_hold_until` (inclusive), or until re-opened when no date.
    on_hold: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    on_hold_until: Mapped[date | None] = mapped_column(Date)
    # Set when staff close the request (status CLOSED); cleared on re-opening.
    status_reason: Mapped[CloseReason | None] = mapped_column(value_enum(CloseReason))

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
    tandems: Mapped[list["Tandem"]] = relationship(  # noqa: F821
        viewonly=True, order_by="Tandem.id"
    )

    @hybrid_property
    def is_held(self) -> bool:
        """On hold today: without an end date, or until today or later."""
        return bool(self.on_hold) and (
            self.on_hold_until is None or paused_on(self.on_hold_until, clock.today())
        )

    @is_held.inplace.expression
    @classmethod
    def _is_held_expression(cls) -> ColumnElement[bool]:
        return and_(
            cls.on_hold.is_(True),
            or_(cls.on_hold_until.is_(None), cls.on_hold_until >= clock.today()),
        )

    @hybrid_property
    def is_open(self) -> bool:
        """Waiting for a mentor: checked, not on hold, not erased, no running tandem, consent
        standing."""
        from mentoring.models.tandems import OCCUPYING_STATUSES

        return (
            self.status is RequestStatus.OPEN
            and not self.is_held
            and self.erased_at is None
            and not any(t.status in OCCUPYING_STATUSES for t in self.tandems)
            and not consent_withdrawn(self.consents)
        )

    @is_open.inplace.expression
    @classmethod
    def _is_open_expression(cls) -> ColumnElement[bool]:
        from mentoring.models.tandems import OCCUPYING_STATUSES, Tandem

        occupied = exists().where(
            Tandem.request_id == cls.id, Tandem.status.in_(OCCUPYING_STATUSES)
        )
        return and_(
            cls.status == RequestStatus.OPEN,
            or_(
                cls.on_hold.is_(False),
                and_(cls.on_hold_until.is_not(None), cls.on_hold_until < clock.today()),
            ),
            cls.erased_at.is_(None),
            ~occupied,
            ~consent_withdrawn_clause(ConsentRecord.request_id, cls.id),
        )

    @staticmethod
    def _keys(row, fold) -> list[tuple]:
        # The same supported person in the same programme, registered by the same contact:
        # known by e-mail address or by name. Without an address the e-mail key is None:
        # _SamePerson never lets a None key match (two people without e-mail are not one).
        person = (row.programme_id, row.person_birth_year, fold(row.person_first_name))
        contact_name = fold(row.contact_first_name + " " + row.contact_last_name)
        return [(*person, row.contact_email), (*person, contact_name)]


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
