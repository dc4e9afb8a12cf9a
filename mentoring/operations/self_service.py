"""What a person changes on "Mein Engagement" / "Meine Anfrage" (signed link, no account), and
the link itself: asked for by e-mail address, or sent by staff. One commit each.

Changes by the person are audited with `staff_id=None` and the detail "link" plus the
changed field NAMES (never values); the audit log reads "automatisch / durch die Person".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from mentoring import audit, availability, clock
from mentoring.extensions import db
from mentoring.messages import flows
from mentoring.models import (
    ContactChannel,
    MenteeRequest,
    Message,
    Place,
    Proposal,
    ProposalStatus,
    StaffUser,
    Volunteer,
    VolunteerStatus,
)
from mentoring.models.people import consent_withdrawn
from mentoring.operations import OperationError, withdrawal
from mentoring.operations.locking import refuse
from mentoring.operations.person_status import MAX_PAUSE_DAYS
from mentoring.operations.withdrawal import WithdrawalResult, lock_live_person
from mentoring.pairing.checks import occupying_count

log = logging.getLogger(__name__)

VIA = "link"
# A person asking again within this time gets no second mail (the page looks the same).
LINK_COOL_DOWN = timedelta(minutes=10)


@dataclass(frozen=True)
class ContactUpdate:
    """The contact answers of the page's form (same rules as the sign-up forms)."""

    email: str | None
    phone: str | None
    street: str | None
    house_number: str | None
    postal_code: str
    place_id: int
    channel: ContactChannel
    correspondence_language: str
    interpreter_needed: bool


def _columns(kind: str) -> tuple[str, str]:
    return ("email", "phone") if kind == "volunteer" else ("contact_email", "contact_phone")


def _live(kind: str, person_id: int):
    """The person's row, locked; refuses after a withdrawal (the page then only shows)."""
    person = lock_live_person(kind, person_id, None)
    if consent_withdrawn(person.consents):
        refuse(_("Sie haben Ihre Einwilligung widerrufen. Es kann nichts mehr geändert werden."))
    return person


def _audit(kind: str, person_id: int, action: str, fields: list[str]) -> None:
    audit.record(action, kind, person_id, f"{VIA} {' '.join(fields)}".strip(), staff_id=None)


def update_contact(*, kind: str, person_id: int, update: ContactUpdate) -> list[str]:
    """Store the new contact data; returns the changed field names ([] when nothing changed).

    A new e-mail address counts as unconfirmed: a confirmation link goes to it, and no other
    e-mail goes there before the person opens it.
    """
    person = _live(kind, person_id)
    email_column, phone_column = _columns(kind)
    email = (update.email or "").strip().lower() or None
    if db.session.get(Place, update.place_id) is None:
        refuse(_("Bitte wählen Sie Ihren Stadtteil."))
    if kind == "volunteer" and email is not None:
        taken = db.session.scalar(
            select(Volunteer.id).where(
                func.lower(Volunteer.email) == email, Volunteer.id != person.id
            )
        )
        if taken is not None:
            refuse(
                _(
                    "Diese E-Mail-Adresse können wir hier nicht übernehmen. Bitte wenden Sie sich "
                    "an uns."
                )
            )
    new = {
        email_column: email,
        phone_column: update.phone or None,
        "street": update.street or None,
        "house_number": update.house_number or None,
        "postal_code": update.postal_code,
        "place_id": update.place_id,
        "contact_channel": update.channel,
        "correspondence_language": update.correspondence_language,
        "interpreter_needed": bool(update.interpreter_needed),
    }
    given = {
        ContactChannel.EMAIL: bool(email),
        ContactChannel.PHONE: bool(new[phone_column]),
        ContactChannel.LETTER: bool(new["street"] and new["house_number"]),
    }
    if not given[update.channel]:
        refuse(
            _(
                "Für die gewählte Art der Kontaktaufnahme fehlen Angaben: E-Mail-Adresse, "
                "Telefonnummer oder Straße und Hausnummer."
            )
        )
    changed = [name for name, value in new.items() if getattr(person, name) != value]
    if not changed:
        db.session.rollback()
        return []
    for name in changed:
        setattr(person, name, new[name])
    if email_column in changed:
        person.email_confirmed_at = None
        db.session.flush()
        if email is not None:
            flows.email_change_confirmation(kind, person)
    _audit(kind, person.id, "self_service_update", changed)
    db.session.commit()
    log.info("self-service contact update kind=%s id=%s fields=%s", kind, person_id, changed)
    return changed


def update_commitment(*, volunteer_id: int, slots: list[str], capacity: int) -> list[str]:
    """A volunteer's times and how many people they accompany at once."""
    volunteer = _live("volunteer", volunteer_id)
    if capacity not in (1, 2, 3):
        refuse(_("Bitte wählen Sie 1, 2 oder 3."))
    running = occupying_count(volunteer.id)
    if capacity < running:
        refuse(
            _(
                "Sie begleiten zurzeit %(count)d Personen oder Familien. Bitte wählen Sie "
                "mindestens %(count)d oder sprechen Sie mit uns.",
                count=running,
            )
        )
    mask = availability.encode(slots)
    if not mask:
        refuse(_("Bitte kreuzen Sie mindestens eine Zeit an."))
    changed = []
    if volunteer.availability != mask:
        volunteer.availability = mask
        changed.append("availability")
    if volunteer.capacity != capacity:
        volunteer.capacity = capacity
        changed.append("capacity")
    if not changed:
        db.session.rollback()
        return []
    _audit("volunteer", volunteer.id, "self_service_update", changed)
    db.session.commit()
    return changed


def pause(*, volunteer_id: int, until: date) -> Volunteer:
    """The volunteer pauses until a day (inclusive), as a coordinator's pause does: no
    proposals until then, running tandems go on, open proposals close."""
    volunteer = _live("volunteer", volunteer_id)
    today = clock.today()
    if volunteer.status is VolunteerStatus.WITHDRAWN:
        refuse(_("Ihr Engagement ist beendet. Bitte wenden Sie sich an uns."))
    if until < today:
        refuse(_("Das Datum liegt in der Vergangenheit. Bitte wählen Sie heute oder später."))
    if (until - today).days > MAX_PAUSE_DAYS:
        refuse(
            _(
                "Bitte wählen Sie ein Datum innerhalb eines Jahres. Für eine längere Pause "
                "sprechen Sie bitte mit uns."
            )
        )
    volunteer.paused_until = until
    volunteer.status_changed_at = clock.now()
    volunteer.status_changed_by_id = None
    open_proposals = db.session.scalars(
        select(Proposal).where(
            Proposal.volunteer_id == volunteer.id, Proposal.status == ProposalStatus.OPEN
        )
    ).all()
    for proposal in open_proposals:
        proposal.status, proposal.decided_at = ProposalStatus.CLOSED, clock.now()
    audit.record(
        "volunteer_paused",
        "volunteer",
        volunteer.id,
        f"{VIA} paused_until closed_proposals={len(open_proposals)}",
        staff_id=None,
    )
    db.session.commit()
    return volunteer


def withdraw(*, kind: str, person_id: int) -> WithdrawalResult:
    """The consent withdrawal of the withdrawal link, started from the self-service page."""
    return withdrawal.withdraw_consent(
        kind=kind, person_id=person_id, staff=None, via="self_service"
    )


def request_link(*, email: str) -> int:
    """Send a fresh link to every live person with this e-mail address (volunteer e-mail or
    request contact e-mail, confirmed or not: the link goes only to the address itself, so
    whoever reads it controls it). Returns how many; the caller never tells the visitor."""
    email = (email or "").strip().lower()
    if not email:
        return 0
    people = [
        ("volunteer", row)
        for row in db.session.scalars(
            select(Volunteer).where(
                func.lower(Volunteer.email) == email, Volunteer.erased_at.is_(None)
            )
        )
    ] + [
        ("request", row)
        for row in db.session.scalars(
            select(MenteeRequest).where(
                func.lower(MenteeRequest.contact_email) == email,
                MenteeRequest.erased_at.is_(None),
            )
        )
    ]
    people = [
        (kind, row)
        for kind, row in people
        if not consent_withdrawn(row.consents) and not _recently_sent(kind, row.id)
    ]
    for kind, row in people:
        flows.self_service_link(kind, row)
        _audit(kind, row.id, "self_service_link", ["request"])
    db.session.commit()
    log.info("self-service link requested sent=%s", len(people))
    return len(people)


def _recently_sent(kind: str, person_id: int) -> bool:
    """A link went to this person within LINK_COOL_DOWN: one is enough (no mail bombing)."""
    column = Message.volunteer_id if kind == "volunteer" else Message.request_id
    since = clock.now() - LINK_COOL_DOWN
    return (
        db.session.scalar(
            select(Message.id)
            .where(
                column == person_id,
                Message.kind == "self_service_link",
                Message.created_at >= since,
            )
            .limit(1)
        )
        is not None
    )


def send_link(*, staff: StaffUser, kind: str, person_id: int) -> Message:
    """Staff send the link from the person's page (by e-mail or letter, as the person chose)."""
    person = lock_live_person(kind, person_id, staff)
    if consent_withdrawn(person.consents):
        refuse(_("Die Person hat ihre Einwilligung widerrufen."))
    message = flows.self_service_link(kind, person)
    if message.to_address is None:
        refuse(_("Für diese Person ist weder eine E-Mail- noch eine Postanschrift gespeichert."))
    audit.record("self_service_link", kind, person.id, "staff", staff_id=staff.id)
    db.session.commit()
    return message


__all__ = [
    "ContactUpdate",
    "OperationError",
    "pause",
    "request_link",
    "send_link",
    "update_commitment",
    "update_contact",
    "withdraw",
]
