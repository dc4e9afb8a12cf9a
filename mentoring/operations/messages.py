"""Staff and people acting on messages: resend, letters printed, e-mail confirmed, old bodies
deleted. One commit each."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import null, select, update

from mentoring import audit
from mentoring.extensions import db
from mentoring.messages.confirmation import address_hash
from mentoring.messages.outbox import (
    CONFIRMATION_KINDS,
    HELD_UNCONFIRMED,
    contact_for,
    new_message_id,
    wake,
)
from mentoring.models import Message, MessageChannel, MessageState, StaffUser
from mentoring.operations import OperationError
from mentoring.operations.locking import begin_write, locked
from mentoring.personal_data.records import MODELS, get_person

log = logging.getLogger(__name__)


def _recipient(message: Message) -> tuple[str, object] | tuple[None, None]:
    if message.volunteer_id is not None:
        return "volunteer", message.volunteer
    if message.request_id is not None:
        return "request", message.request
    return None, None


def message_for_staff(staff: StaffUser, message_id: int) -> Message:
    """A message to a person the staff member may see; OperationError otherwise."""
    message = db.session.get(Message, message_id)
    kind, person = _recipient(message) if message is not None else (None, None)
    if person is None:
        raise OperationError(_("Diese Nachricht gibt es nicht."))
    get_person(kind, person.id, staff)
    return message


def resend_message(*, staff: StaffUser, message_id: int) -> Message:
    """A new message with the same text to the person's current address."""
    original = message_for_staff(staff, message_id)
    kind, person = _recipient(original)
    if person.erased_at is not None:
        raise OperationError(_("Die Daten dieser Person sind bereits gelöscht."))
    if original.body_deleted_at is not None or original.body_text is None:
        raise OperationError(
            _("Der Text dieser Nachricht ist nicht mehr gespeichert. Bitte schreiben Sie neu.")
        )
    contact = contact_for(kind, person)
    copy = Message(
        kind=original.kind,
        channel=contact.channel,
        locale=original.locale,
        to_address=contact.address,
        subject=original.subject,
        body_text=original.body_text,
        body_html=original.body_html,
        attachments=original.attachments,
        message_id=new_message_id(),
        state=MessageState.WAITING,
        attempts=0,
        resend_of=original,
    )
    setattr(copy, kind, person)
    if contact.address is None:
        raise OperationError(
            _("Für diese Person ist weder eine E-Mail- noch eine Postanschrift gespeichert.")
        )
    if (
        contact.channel is MessageChannel.EMAIL
        and not contact.confirmed
        and original.kind not in CONFIRMATION_KINDS
    ):
        copy.last_error = HELD_UNCONFIRMED
    db.session.add(copy)
    db.session.flush()
    audit.record("message_resent", "message", copy.id, detail=f"of={original.id}")
    db.session.commit()
    log.info("message resent id=%s of=%s", copy.id, original.id)
    return copy


def mark_letters_printed(*, staff: StaffUser, message_ids: list[int]) -> int:
    """Letters handed to the post: state "gedruckt"."""
    count = 0
    now = datetime.now(UTC)
    for message_id in dict.fromkeys(message_ids):
        message = message_for_staff(staff, message_id)
        if message.channel is not MessageChannel.LETTER or message.state is not (
            MessageState.WAITING
        ):
            continue
        message.state, message.sent_at = MessageState.PRINTED, now
        audit.record("letter_printed", "message", message.id)
        count += 1
    db.session.commit()
    log.info("letters marked printed count=%s", count)
    return count


def confirm_email(*, kind: str, person_id: int, hashed_address: str) -> bool:
    """The person opened the confirmation link: note it and release their held e-mails.

    False when the address has changed since the link was sent (the link is then void)."""
    begin_write()
    person = locked(MODELS[kind], person_id)
    if person is None or person.erased_at is not None:
        db.session.rollback()
        raise OperationError(_("Zu diesem Link sind keine Daten mehr gespeichert."))
    contact = contact_for(kind, person)
    if contact.channel is not MessageChannel.EMAIL or address_hash(contact.address) != (
        hashed_address
    ):
        db.session.rollback()
        return False
    if person.email_confirmed_at is None:
        person.email_confirmed_at = datetime.now(UTC)
        audit.record("email_confirmed", kind, person_id, staff_id=None)
    column = Message.volunteer_id if kind == "volunteer" else Message.request_id
    held = db.session.scalars(
        select(Message).where(
            column == person_id,
            Message.state == MessageState.WAITING,
            Message.last_error == HELD_UNCONFIRMED,
        )
    )
    for message in held:
        message.last_error = None
        wake(message)
    db.session.commit()
    log.info("e-mail confirmed kind=%s id=%s", kind, person_id)
    return True


def delete_old_bodies(*, now: datetime | None = None) -> int:
    """Subjects, bodies and attachments of messages older than MESSAGE_BODY_RETENTION_DAYS
    (sent, printed or failed; waiting ones are kept). The row stays for the counts."""
    now = now or datetime.now(UTC)
    cutoff = now - timedelta(days=current_app.config["MESSAGE_BODY_RETENTION_DAYS"])
    count = db.session.execute(
        update(Message)
        .where(
            Message.created_at < cutoff,
            Message.body_deleted_at.is_(None),
            Message.state.in_(
                (MessageState.SENT, MessageState.PRINTED, MessageState.FAILED, MessageState.SENDING)
            ),
        )
        .values(
            subject=None, body_text=None, body_html=None, attachments=null(), body_deleted_at=now
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    log.info("message bodies deleted count=%s", count)
    return count
