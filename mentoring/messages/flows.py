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


def confirm_url(kind: str, person, *, unless_confirmed: bool = False) -> str | None:
    """The link that confirms the person's e-mail address; None when the message goes by letter
    (nobody types a token from paper) or, with `unless_confirmed`, when it is confirmed already."""
    contact = contact_for(kind, person)
    if contact.channel is not MessageChannel.EMAIL or not contact.address:
        return None
    if unless_confirmed and contact.confirmed:
        return None
    return public_url(
        "email_confirmation.confirm", token=confirmation_token(kind, person.id, contact.address)
    )


def signup_confirmation(kind: str, person) -> Message:
    """The sign-up confirmation: reference, next steps, the link that confirms the e-mail
    address (e-mail only) and the withdrawal link. `kind`: "volunteer" or "request"."""
    context = {
        "reference": person.reference,
        "name": name_of(kind, person),
        "confirm_url": confirm_url(kind, person),
        "withdrawal_url": public_url("withdrawal.confirm", token=withdrawal_token(kind, person.id)),
        "self_service_url": self_service_url(kind, person.id, language_for(kind, person)),
    }
    return queue_message("signup_confirmation", **{kind: person}, context=context)


# --- linkanswer: the proposal request, the tandem's start and its first meeting ---------------

MEETING_MINUTES = 60  # the calendar entry of a first meeting


def proposal_request(proposal) -> Message:
    """ "Anfrage senden": what is known about the request and the signed answer link, to the
    volunteer (a letter carries the summary and the office's phone instead of the link)."""
    from flask_babel import force_locale

    from mentoring.messages.outbox import language_for
    from mentoring.messages.proposal_links import answer_token, request_summary

    volunteer = proposal.volunteer
    locale = language_for("volunteer", volunteer)
    answer_url = public_url(
        "proposal_answer.answer",
        token=answer_token(proposal.id, volunteer.id),
        lang=locale,
    )
    with force_locale(locale):
        summary = request_summary(proposal)
    context = {
        "name": name_of("volunteer", volunteer),
        "summary": summary,
        "answer_url": answer_url,
    }
    return queue_message("proposal_request", volunteer=volunteer, context=context)


def _tandem_sides(tandem) -> list[tuple[str, object]]:
    return [
        (kind, person)
        for kind, person in (("volunteer", tandem.volunteer), ("request", tandem.request))
        if person is not None
    ]


def tandem_started(tandem, staff) -> list[Message]:
    """The tandem is agreed: a message to both sides, each in their language, naming the
    partner by first name only and the coordinator to contact."""
    messages = []
    for kind, person in _tandem_sides(tandem):
        partner = (
            (tandem.request.person_first_name or tandem.request.contact_first_name)
            if kind == "volunteer" and tandem.request
            else (tandem.volunteer.first_name if tandem.volunteer else "")
        )
        context = {
            "name": name_of(kind, person),
            "partner": partner,
            "programme": tandem.programme,
            "coordinator": staff,
        }
        messages.append(queue_message("tandem_started", **{kind: person}, context=context))
    return messages


def meeting_invitation(tandem, staff, *, cancelled: bool = False) -> list[Message]:
    """The first meeting (or its change, or its cancellation) to both sides, with an .ics
    attachment whose UID stays the tandem's and whose SEQUENCE is `tandem.meeting_sequence`."""
    from datetime import timedelta

    from flask import current_app
    from flask_babel import force_locale
    from flask_babel import gettext as _

    from mentoring.messages import ics
    from mentoring.messages.outbox import language_for

    start = tandem.meeting_at
    messages = []
    for kind, person in _tandem_sides(tandem):
        with force_locale(language_for(kind, person)):
            summary = _("Erstes Treffen – Generationen verbinden")
            description = _(
                "Bei Fragen oder wenn Sie nicht kommen können: %(name)s, %(email)s, %(phone)s",
                name=staff.name,
                email=staff.email,
                phone=current_app.config["OPERATOR_PHONE"],
            )
        calendar = ics.meeting_invitation(
            uid=ics.meeting_uid("tandem-meeting", tandem.id),
            start=start,
            end=start + timedelta(minutes=MEETING_MINUTES),
            place=tandem.meeting_place or "",
            summary=summary,
            organiser=(staff.name, staff.email),
            method=ics.CANCEL if cancelled else ics.REQUEST,
            sequence=tandem.meeting_sequence,
            description=description,
        )
        context = {
            "name": name_of(kind, person),
            "meeting_at": start,
            "place": tandem.meeting_place,
            "coordinator": staff,
            "cancelled": cancelled,
            "update": tandem.meeting_sequence > 0 and not cancelled,
        }
        contact = contact_for(kind, person)
        attachments = (
            [ics.attachment(calendar)] if contact.channel is MessageChannel.EMAIL else None
        )
        messages.append(
            queue_message(
                "meeting_invitation", **{kind: person}, context=context, attachments=attachments
            )
        )
    return messages


# --- "Mein Engagement" / "Meine Anfrage" (self-service) ---------------------------------------


def self_service_link(kind: str, person) -> Message:
    """A fresh link to the person's self-service page (asked for by the person or sent by staff).

    An address nobody has confirmed gets it too (`CONFIRMATION_KINDS`): it goes only to the
    stored address, and the mail carries the confirmation link as well."""
    context = {
        "reference": person.reference,
        "name": name_of(kind, person),
        "self_service_url": self_service_url(kind, person.id, language_for(kind, person)),
        "confirm_url": confirm_url(kind, person, unless_confirmed=True),
        "days": current_app.config["SELF_SERVICE_LINK_DAYS"],
    }
    return queue_message("self_service_link", **{kind: person}, context=context)


def email_change_confirmation(kind: str, person) -> Message:
    """After the person changed their e-mail address: the link that confirms the new one."""
    context = {
        "reference": person.reference,
        "name": name_of(kind, person),
        "confirm_url": confirm_url(kind, person),
    }
    return queue_message("email_change_confirmation", **{kind: person}, context=context)
