"""Sign-ups from the public forms: one transaction each, duplicates flagged, never doubled."""

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from mentoring import audit, availability, clock
from mentoring.contact import BY_EMAIL, ContactDetails
from mentoring.eligibility import is_minor, possible_age
from mentoring.extensions import db
from mentoring.messages.flows import signup_confirmation
from mentoring.models import (
    ConsentGivenAs,
    ConsentRecord,
    DirectContact,
    DuplicateSignup,
    IntakeChannel,
    Language,
    MenteeRequest,
    Place,
    PrivacyNotice,
    Programme,
    RegisteredBy,
    StaffUser,
    Tag,
    TagKind,
    Volunteer,
)
from mentoring.operations import OperationError

log = logging.getLogger(__name__)

# No 0/O, 1/I/L: references are read out on the phone.
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


@dataclass(frozen=True)
class SignupResult:
    reference: str
    duplicate: bool
    # The stored record, or for a duplicate the record it repeats (staff intake links to it).
    record_id: int | None = None


@dataclass(frozen=True)
class StaffIntake:
    """A sign-up that staff took by phone, at the counter or from paper ("Anmeldung erfassen")."""

    staff: StaffUser
    channel: IntakeChannel
    given_as: ConsentGivenAs  # orally or in writing
    privacy_notice: PrivacyNotice  # handed out or read out

    def consent_columns(self) -> dict:
        return {
            "given_as": self.given_as,
            "recorded_by_id": self.staff.id,
            "privacy_notice": self.privacy_notice,
        }


def _consent_columns(intake: StaffIntake | None) -> dict:
    return intake.consent_columns() if intake is not None else {}


def _audit_intake(row, intake: StaffIntake | None) -> None:
    """Staff intake: who entered the stored record, and by which channel it came."""
    if intake is not None:
        subject = "volunteer" if isinstance(row, Volunteer) else "request"
        audit.record("create", subject, row.id, f"channel={intake.channel.value}", intake.staff.id)


def new_reference(prefix: str) -> str:
    body = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"{prefix}-{body[:4]}-{body[4:]}"


def register_volunteer(
    *,
    first_name: str,
    last_name: str,
    email: str | None,
    phone: str | None,
    birth_year: int,
    postal_code: str,
    place_id: int,
    programme_ids: list[int],
    slots: list[str],
    capacity: int,
    travel_place_ids: list[int],
    travel_radius_km: float | None,
    language_codes: list[str],
    occupation: str | None,
    tag_ids: list[int],
    experience: str | None,
    interests: str | None,
    preferred_min_age: int | None,
    preferred_max_age: int | None,
    partner_wishes: str | None,
    heard_from: str | None,
    privacy_version: str,
    locale: str,
    contact: ContactDetails = BY_EMAIL,
    intake: StaffIntake | None = None,
) -> SignupResult:
    """Register a volunteer; a known e-mail address only flags the existing person."""
    email = (email or "").strip().lower() or None
    contact_columns = contact.columns(email=email, phone=phone, locale=locale)
    if email is not None:
        existing = db.session.scalar(select(Volunteer).where(Volunteer.email == email))
        if existing is not None:
            return _flag_duplicate("E", volunteer_id=existing.id)
    programmes = _get_all(Programme, programme_ids)
    if not any(p.about_careers for p in programmes):
        # Career fields are asked only for programmes about careers.
        tag_ids = [t.id for t in _get_all(Tag, tag_ids) if t.kind is not TagKind.CAREER_FIELD]
    volunteer = Volunteer(
        **contact_columns,
        reference=new_reference("E"),
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone or None,
        birth_year=birth_year,
        postal_code=postal_code,
        place=_get(Place, place_id),
        capacity=capacity,
        travel_radius_km=travel_radius_km,
        availability=availability.encode(slots),
        occupation=occupation or None,
        experience=experience or None,
        interests=interests or None,
        preferred_min_age=preferred_min_age,
        preferred_max_age=preferred_max_age,
        partner_wishes=partner_wishes or None,
        heard_from=heard_from or None,
        locale=locale,
        programmes=programmes,
        languages=_get_all(Language, language_codes),
        tags=_get_all(Tag, tag_ids),
        travel_places=_get_all(Place, travel_place_ids),
    )
    if any(not p.active for p in volunteer.programmes):
        raise OperationError(
            _("Dieses Programm nimmt zurzeit keine Anmeldungen an. Bitte wählen Sie ein anderes.")
        )
    volunteer.consents.append(
        ConsentRecord(
            text_version=privacy_version,
            given_by_name=f"{first_name} {last_name}",
            given_by_role=RegisteredBy.SELF.value,
            on_behalf_of="self",
            **_consent_columns(intake),
        )
    )
    if intake is not None:
        volunteer.intake_channel = intake.channel
    # Another sign-up with the same address may win the race: this one is then its duplicate.
    return _store_once(
        volunteer,
        select(Volunteer).where(Volunteer.email == email) if email else None,
        prefix="E",
        link="volunteer_id",
        intake=intake,
    )


def register_mentee_request(
    *,
    registered_by: RegisteredBy,
    programme_id: int,
    contact_first_name: str,
    contact_last_name: str,
    contact_email: str | None,
    contact_phone: str | None,
    referrer_kind: str | None,
    referrer_organisation: str | None,
    person_first_name: str | None,
    person_birth_year: int,
    person_birth_month: int | None,
    children_count: int | None,
    postal_code: str,
    place_id: int,
    language_codes: list[str],
    tag_ids: list[int],
    career_goal: str | None,
    goal: str | None,
    slots: list[str],
    guardian_name: str | None,
    guardian_consent: bool,
    privacy_version: str,
    locale: str,
    today: date | None = None,
    contact: ContactDetails = BY_EMAIL,
    person_last_name: str | None = None,
    direct_contact: DirectContact | None = None,
    direct_contact_name: str | None = None,
    direct_contact_phone: str | None = None,
    direct_contact_email: str | None = None,
    intake: StaffIntake | None = None,
) -> SignupResult:
    """Register a request for one programme, with the consents the situation needs.

    A referrer may name a direct contact (the guardian or the young person): the contact
    channel is then how to reach that person.
    """
    today = today or clock.today()
    contact_email = (contact_email or "").strip().lower() or None
    if registered_by is not RegisteredBy.REFERRER:
        direct_contact = None
    if direct_contact is None:
        direct_contact_name = direct_contact_phone = direct_contact_email = None
    direct_contact_email = (direct_contact_email or "").strip().lower() or None
    reached_email, reached_phone = (
        (direct_contact_email, direct_contact_phone)
        if direct_contact
        else (contact_email, contact_phone)
    )
    contact_columns = contact.columns(email=reached_email, phone=reached_phone, locale=locale)
    programme = _get(Programme, programme_id)
    if not programme.active:
        raise OperationError(
            _("Dieses Programm nimmt zurzeit keine Anmeldungen an. Bitte wählen Sie ein anderes.")
        )
    if not programme.about_careers:
        # Career questions are asked only for programmes about careers.
        tag_ids = [t.id for t in _get_all(Tag, tag_ids) if t.kind is not TagKind.CAREER_FIELD]
        career_goal = None
    if registered_by is RegisteredBy.SELF:
        person_first_name = contact_first_name
    contact_identity = contact_email or _identity_without_email(
        contact_phone, f"{contact_first_name} {contact_last_name}", contact
    )
    key = signup_key(contact_identity, programme_id, person_first_name, person_birth_year)
    duplicate = _find_duplicate_request(
        contact_email, key, programme_id, person_first_name, person_birth_year
    )
    if duplicate is not None:
        return _flag_duplicate("A", request_id=duplicate.id)
    ages = possible_age(person_birth_year, person_birth_month, today)
    minor = is_minor(ages)
    if (
        minor
        and registered_by is not RegisteredBy.GUARDIAN
        and not (guardian_consent and guardian_name)
    ):
        raise OperationError(
            _(
                "Für eine minderjährige Person braucht es die Einwilligung der "
                "Erziehungsberechtigten. Bitte geben Sie den Namen an und bestätigen Sie sie."
            )
        )
    request = MenteeRequest(
        reference=new_reference("A"),
        programme=programme,
        registered_by=registered_by,
        contact_first_name=contact_first_name,
        contact_last_name=contact_last_name,
        contact_email=contact_email,
        contact_phone=contact_phone or None,
        **contact_columns,
        direct_contact=direct_contact,
        direct_contact_name=direct_contact_name or None,
        direct_contact_phone=direct_contact_phone or None,
        direct_contact_email=direct_contact_email,
        person_last_name=(
            person_last_name or None if registered_by is RegisteredBy.REFERRER else None
        ),
        referrer_kind=referrer_kind if registered_by is RegisteredBy.REFERRER else None,
        referrer_organisation=(
            referrer_organisation if registered_by is RegisteredBy.REFERRER else None
        ),
        person_first_name=person_first_name,
        person_birth_year=person_birth_year,
        person_birth_month=person_birth_month,
        children_count=children_count,
        postal_code=postal_code,
        place=_get(Place, place_id),
        languages=_get_all(Language, language_codes),
        tags=_get_all(Tag, tag_ids),
        career_goal=career_goal or None,
        goal=goal or None,
        availability=availability.encode(slots),
        locale=locale,
        signup_key=key,
    )
    contact_name = f"{contact_first_name} {contact_last_name}"
    request.consents.append(
        ConsentRecord(
            text_version=privacy_version,
            given_by_name=contact_name,
            given_by_role=registered_by.value,
            on_behalf_of="minor"
            if minor
            else "self"
            if registered_by is RegisteredBy.SELF
            else "adult",
            **_consent_columns(intake),
        )
    )
    if minor and registered_by is not RegisteredBy.GUARDIAN:
        # The guardian's consent, confirmed by the person signing up (self aged 16-17, or referrer).
        request.consents.append(
            ConsentRecord(
                purpose="guardian_consent",
                text_version=privacy_version,
                given_by_name=guardian_name,
                given_by_role=RegisteredBy.GUARDIAN.value,
                on_behalf_of="minor",
                **_consent_columns(intake),
            )
        )
    if intake is not None:
        request.intake_channel = intake.channel
    # An identical sign-up arriving at the same moment may win: this one is then its duplicate.
    return _store_once(
        request,
        select(MenteeRequest).where(MenteeRequest.signup_key == key),
        prefix="A",
        link="request_id",
        intake=intake,
    )


def _store_once(
    row, winner, *, prefix: str, link: str, intake: StaffIntake | None = None
) -> SignupResult:
    """Commit the new sign-up, or flag it as the duplicate of the row that won a race to the same
    unique key. Once stored, nothing touches the database: a stored sign-up never fails."""
    db.session.add(row)
    try:
        db.session.flush()
        row_id, reference = row.id, row.reference
        _audit_intake(row, intake)
        signup_confirmation(link.removesuffix("_id"), row)  # commits with the sign-up
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        existing = db.session.scalar(winner) if winner is not None else None
        if existing is None:
            raise
        return _flag_duplicate(prefix, **{link: existing.id})
    log.info("%s registered id=%s", type(row).__name__, row_id)
    return SignupResult(reference, duplicate=False, record_id=row_id)


def signup_key(contact: str, programme_id: int, first_name: str | None, birth_year: int) -> str:
    """The same contact registering the same person for the same programme (a SHA-256 hex).

    `contact`: the e-mail address, or without one `_identity_without_email`.
    """
    text = "\x1f".join((contact, str(programme_id), (first_name or "").lower(), str(birth_year)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _identity_without_email(phone: str | None, name: str, contact: ContactDetails) -> str:
    """Who the contact is without an e-mail address: phone digits, name and address together,
    so that two families without e-mail never share a key (and only a true repeat does)."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    parts = ("", digits, name.lower(), (contact.street or "").lower(), contact.house_number or "")
    return "\x1e".join(parts)


def _find_duplicate_request(
    email, key, programme_id, first_name, birth_year
) -> MenteeRequest | None:
    """The same contact registering the same person for the same programme again: by e-mail
    address, or without one by the sign-up key (the same phone, name and address)."""
    if email is None:
        return db.session.scalar(select(MenteeRequest).where(MenteeRequest.signup_key == key))
    return db.session.scalar(
        select(MenteeRequest)
        .where(
            MenteeRequest.contact_email == email,
            MenteeRequest.programme_id == programme_id,
            MenteeRequest.person_birth_year == birth_year,
            func.lower(MenteeRequest.person_first_name) == (first_name or "").lower(),
        )
        .limit(1)
    )


def _flag_duplicate(prefix: str, **subject) -> SignupResult:
    (record_id,) = subject.values()
    flag = DuplicateSignup(reference=new_reference(prefix), **subject)
    db.session.add(flag)
    db.session.flush()
    flag_id, reference = flag.id, flag.reference
    db.session.commit()
    log.info("duplicate sign-up flagged id=%s", flag_id)
    return SignupResult(reference, duplicate=True, record_id=record_id)


def _get(model, key):
    row = db.session.get(model, key)
    if row is None:
        # A choice the form offered has gone in the meantime (e.g. removed by an administrator).
        raise OperationError(
            _("Eine Auswahl ist nicht mehr verfügbar. Bitte prüfen Sie Ihre Angaben.")
        )
    return row


def _get_all(model, keys) -> list:
    return [_get(model, key) for key in dict.fromkeys(keys)]
