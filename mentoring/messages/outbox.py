"""Queue a message in the caller's transaction: `queue_message(kind, volunteer=…, context=…)`.

The message is rendered now (subject, plain text, HTML, in the recipient's language) and ADDED to
the session, never committed: the calling operation's one commit makes it real, a rollback leaves
no message (transactional outbox). After the commit the ids go to the delivery queue
(`set_notifier`, wired by mentoring.messages.worker); the worker's sweep finds any it missed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import event
from sqlalchemy.orm import Session

from mentoring.extensions import db
from mentoring.models import (
    ContactChannel,
    MenteeRequest,
    Message,
    MessageChannel,
    MessageState,
    StaffUser,
    Volunteer,
)

# Kinds that may go to an address nobody has confirmed yet: the mail that asks to confirm it.
CONFIRMATION_KINDS = frozenset(
    {"signup_confirmation", "self_service_link", "email_change_confirmation"}
)
# last_error codes that are states of the outbox rather than delivery errors.
HELD_UNCONFIRMED = "unconfirmed"  # waits until the person confirms the address
NO_ADDRESS = "no_address"  # neither an e-mail nor a postal address: staff phone the person


class MessageError(ValueError):
    """A programming error: unknown kind, no recipient or more than one."""


@dataclass(frozen=True)
class Contact:
    """Where a message to a person goes: channel and address (None: nowhere)."""

    channel: MessageChannel
    address: str | None
    confirmed: bool


def queue_message(
    kind: str,
    *,
    volunteer: Volunteer | None = None,
    request: MenteeRequest | None = None,
    staff: StaffUser | None = None,
    context: dict | None = None,
    attachments: list[dict] | None = None,
    resend_of: Message | None = None,
) -> Message:
    """Render `templates/messages/<kind>.txt` and `.html` for the recipient and add the message
    to the current session (no commit). Exactly one recipient.

    The templates get `context` plus `recipient` (the row), `kind` ("volunteer", "request",
    "staff") and `locale`; the .txt template sets `subject` with `{% set subject = … %}`.
    E-mail or letter follows the person's contact data (`contact_for`); a person's messages are
    in their language, staff messages German. `attachments`: text attachments, e.g.
    `ics.attachment(meeting_invitation(...))`.
    """
    recipients = [
        (k, r)
        for k, r in (("volunteer", volunteer), ("request", request), ("staff", staff))
        if r is not None
    ]
    if len(recipients) != 1:
        raise MessageError("queue_message needs exactly one recipient")
    recipient_kind, recipient = recipients[0]
    locale = language_for(recipient_kind, recipient)
    contact = contact_for(recipient_kind, recipient)
    subject, text, html = render(
        kind,
        locale,
        {**(context or {}), "recipient": recipient, "recipient_kind": recipient_kind},
        channel=contact.channel,
    )
    message = Message(
        kind=kind,
        channel=contact.channel,
        locale=locale,
        to_address=contact.address,
        subject=subject,
        body_text=text,
        body_html=html,
        attachments=attachments or None,
        message_id=new_message_id(),
        state=MessageState.WAITING,
        attempts=0,
        resend_of=resend_of,
    )
    setattr(message, recipient_kind, recipient)
    if contact.address is None:
        message.state, message.last_error = MessageState.FAILED, NO_ADDRESS
    elif (
        contact.channel is MessageChannel.EMAIL
        and not contact.confirmed
        and kind not in CONFIRMATION_KINDS
    ):
        message.last_error = HELD_UNCONFIRMED
    db.session.add(message)
    return message


@event.listens_for(Session, "after_flush")
def _collect_new_messages(session, _flush_context):
    wake_ids = session.info.setdefault("outbox_wake", {})
    for obj in session.new:
        if isinstance(obj, Message) and _deliverable(obj):
            wake_ids[obj.id] = None


def _deliverable(message: Message) -> bool:
    return (
        message.channel is MessageChannel.EMAIL
        and message.state is MessageState.WAITING
        and message.last_error != HELD_UNCONFIRMED
    )


def wake(message: Message, at: datetime | None = None) -> None:
    """Hand the message to the delivery queue after the commit (at `at`, or at once)."""
    db.session.info.setdefault("outbox_wake", {})[message.id] = at


_notifier: Callable[[int, datetime | None], None] | None = None


def set_notifier(notifier: Callable[[int, datetime | None], None] | None) -> None:
    """Called with (message id, when) after each commit that queued or woke a message."""
    global _notifier
    _notifier = notifier


@event.listens_for(Session, "after_commit")
def _notify_after_commit(session):
    woken = session.info.pop("outbox_wake", None)
    if not woken or _notifier is None:
        return
    for message_id, at in woken.items():
        try:
            _notifier(message_id, at)
        except Exception:  # the queue is down: the worker's sweep delivers it later
            current_app.logger.warning(
                "delivery queue unreachable; message id=%s waits for the sweep", message_id
            )


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session):
    session.info.pop("outbox_wake", None)


# --- contact data --------------------------------------------------------------------------


def language_for(recipient_kind: str, recipient) -> str:
    """The person's correspondence language (the sign-up language by default); staff: German."""
    if recipient_kind == "staff":
        return "de"
    supported = current_app.config["LANGUAGES"]
    for value in (recipient.correspondence_language, recipient.locale):
        if value in supported:
            return value
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def email_of(recipient_kind: str, recipient) -> str | None:
    if recipient_kind == "request":
        return recipient.contact_email or None
    return recipient.email or None


def name_of(recipient_kind: str, recipient) -> str:
    if recipient_kind == "request":
        return f"{recipient.contact_first_name} {recipient.contact_last_name}"
    if recipient_kind == "staff":
        return recipient.name
    return recipient.full_name


def postal_address(recipient_kind: str, recipient) -> str | None:
    """Name, street and town as lines of a letter's address field; None without a street."""
    if recipient_kind == "staff" or not recipient.street:
        return None
    street, house = recipient.street, recipient.house_number or ""
    lines = [name_of(recipient_kind, recipient)]
    if recipient_kind == "request" and recipient.referrer_organisation:
        lines.insert(0, recipient.referrer_organisation)
    lines += [f"{street} {house}".strip(), f"{recipient.postal_code} Herne"]
    return "\n".join(lines)


def contact_for(recipient_kind: str, recipient) -> Contact:
    """E-mail unless the person chose post or has no e-mail; a letter needs a street.

    `contact_channel` ("email", "phone", "letter") comes with the contact data of the sign-up
    forms; a person who chose the phone still gets written messages by e-mail or letter.
    """
    email = email_of(recipient_kind, recipient)
    staff = recipient_kind == "staff"
    confirmed = staff or recipient.email_confirmed_at is not None
    chose_letter = not staff and recipient.contact_channel == ContactChannel.LETTER
    address = postal_address(recipient_kind, recipient)
    if chose_letter and address:
        return Contact(MessageChannel.LETTER, address, True)
    if email:
        return Contact(MessageChannel.EMAIL, email, confirmed)
    return Contact(MessageChannel.LETTER, address, True)


# --- rendering -----------------------------------------------------------------------------


def render(kind: str, locale: str, context: dict, *, channel=MessageChannel.EMAIL):
    """(subject, plain text, HTML) of `kind` in `locale`."""
    app = current_app._get_current_object()
    values = {
        **context,
        "locale": locale,
        "direction": "rtl" if locale in app.config["RTL_LANGUAGES"] else "ltr",
        "channel": channel.value,
    }
    with force_locale(locale):
        app.update_template_context(values)
        try:
            text_template = app.jinja_env.get_template(f"messages/{kind}.txt")
        except Exception as error:
            raise MessageError(f"unknown message kind {kind!r}") from error
        module = text_template.make_module(values)
        subject = " ".join(str(getattr(module, "subject", "")).split())
        text = str(module).strip() + "\n"
        html = app.jinja_env.get_template(f"messages/{kind}.html").render(
            {**values, "subject": subject}
        )
    return subject[:200], text, html


def new_message_id() -> str:
    """A globally unique RFC 5322 Message-ID in the sender's domain."""
    sender = current_app.config.get("MAIL_DEFAULT_SENDER") or ""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "mentoring.invalid"
    return f"<{uuid.uuid4().hex}@{domain}>"
