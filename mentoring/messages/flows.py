"""What the application says when: one function per occasion, each calling `queue_message`.

Each runs inside the caller's transaction (after the flush that gave the person an id) and
never commits.
"""

from __future__ import annotations

from flask import current_app

from mentoring.links import public_url
from mentoring.messages.confirmation import confirmation_token
from mentoring.messages.outbox import contact_for, language_for, name_of, queue_message
from mentoring.models import Message, MessageChannel
from mentoring.personal_data.links import withdrawal_token
from mentoring.personal_data.self_service import self_service_url


def signup_confirmation(kind: str, person) -> Message:
    """The sign-up confirmation: reference, next steps, the link that confirms the e-mail
    address (e-mail only) and the withdrawal link. `kind`: "volunteer" or "request"."""
    contact = contact_for(kind, person)
    confirm_url = None
    if contact.channel is MessageChannel.EMAIL and contact.address:
        confirm_url = public_url(
            "email_confirmation.confirm",
            token=confirmation_token(kind, person.id, contact.address),
        )
    context = {
        "reference": person.reference,
        "name": name_of(kind, person),
        "confirm_url": confirm_url,
        "withdrawal_url": public_url("withdrawal.confirm", token=withdrawal_token(kind, person.id)),
        "self_service_url": self_service_url(kind, person.id, language_for(kind, person)),
    }
    return queue_message("signup_confirmation", **{kind: person}, context=context)


# --- "Mein Engagement" / "Meine Anfrage" (self-service) ---------------------------------------


def self_service_link(kind: str, person) -> Message:
    """A fresh link to the person's self-service page (asked for by the person or sent by staff).

    An address nobody has confirmed gets it too (`CONFIRMATION_KINDS`): it goes only to the
    stored address, and the mail carries the confirmation link as well."""
    contact = contact_for(kind, person)
    confirm_url = None
    if contact.channel is MessageChannel.EMAIL and contact.address and not contact.confirmed:
        confirm_url = public_url(
            "email_confirmation.confirm",
            token=confirmation_token(kind, person.id, contact.address),
        )
    context = {
        "reference": person.reference,
        "name": name_of(kind, person),
        "self_service_url": self_service_url(kind, person.id, language_for(kind, person)),
        "confirm_url": confirm_url,
        "days": current_app.config["SELF_SERVICE_LINK_DAYS"],
    }
    return queue_message("self_service_link", **{kind: person}, context=context)


def email_change_confirmation(kind: str, person) -> Message:
    """After the person changed their e-mail address: the link that confirms the new one."""
    contact = contact_for(kind, person)
    confirm_url = None
    if contact.channel is MessageChannel.EMAIL and contact.address:
        confirm_url = public_url(
            "email_confirmation.confirm",
            token=confirmation_token(kind, person.id, contact.address),
        )
    context = {
        "reference": person.reference,
        "name": name_of(kind, person),
        "confirm_url": confirm_url,
    }
    return queue_message("email_change_confirmation", **{kind: person}, context=context)
