"""What the application says when: one function per occasion, each calling `queue_message`.

Each runs inside the caller's transaction (after the flush that gave the person an id) and
never commits.
"""

from __future__ import annotations

from mentoring.links import public_url
from mentoring.messages.confirmation import confirmation_token
from mentoring.messages.outbox import contact_for, name_of, queue_message
from mentoring.models import Message, MessageChannel
from mentoring.personal_data.links import withdrawal_token


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
    }
    return queue_message("signup_confirmation", **{kind: person}, context=context)
