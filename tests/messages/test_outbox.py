"""queue_message: rendered in the caller's transaction, real only with its commit; channel and
language from the person's contact data; e-mails to unconfirmed addresses wait."""

import pytest
from jinja2 import ChoiceLoader, DictLoader
from sqlalchemy import func, select

from mentoring.extensions import db
from mentoring.messages import outbox
from mentoring.messages.flows import signup_confirmation
from mentoring.messages.outbox import MessageError, queue_message
from mentoring.models import Message, MessageChannel, MessageState
from mentoring.operations import OperationError
from mentoring.operations.signup import register_volunteer
from tests.support.factories import make_request, make_staff, make_volunteer, place, programme

REMINDER = {
    "messages/test_reminder.txt": (
        '{% set subject = _("Erinnerung") %}{{ _("Guten Tag %(name)s,", name=name) }}\n'
        '{% include "messages/_footer.txt" %}'
    ),
    "messages/test_reminder.html": (
        '{% extends "messages/_layout.html" %}{% block content %}<p>{{ name }}</p>{% endblock %}'
    ),
}


@pytest.fixture
def reminder_kind(app):
    """A second kind of message, only for these tests."""
    app.jinja_env.loader = ChoiceLoader([DictLoader(REMINDER), app.jinja_loader])
    yield "test_reminder"
    app.jinja_env.loader = app.jinja_loader
    app.jinja_env.cache.clear()


@pytest.fixture
def notified():
    """The (id, when) pairs the outbox hands to the queue after commits."""
    calls = []
    outbox.set_notifier(lambda message_id, at: calls.append((message_id, at)))
    yield calls
    from mentoring.messages import worker

    outbox.set_notifier(worker._enqueue)


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Message))


def test_a_rolled_back_change_leaves_no_message_and_queues_nothing(app, notified):
    volunteer = make_volunteer()
    signup_confirmation("volunteer", volunteer)
    db.session.flush()
    assert count() == 1  # inside the transaction
    db.session.rollback()
    assert count() == 0
    assert notified == []


def test_a_refused_signup_leaves_no_message(app, notified):
    inactive = programme("sprachlotsen")
    inactive.active = False
    db.session.commit()
    with pytest.raises(OperationError):
        register_volunteer(
            first_name="Gisela",
            last_name="Kowalski",
            email="gisela@example.org",
            phone=None,
            birth_year=1955,
            postal_code="44649",
            place_id=place().id,
            programme_ids=[inactive.id],
            slots=[],
            capacity=1,
            travel_place_ids=[],
            travel_radius_km=None,
            language_codes=["de"],
            occupation=None,
            tag_ids=[],
            experience=None,
            interests=None,
            preferred_min_age=None,
            preferred_max_age=None,
            partner_wishes=None,
            heard_from=None,
            privacy_version="2026-11-01",
            locale="de",
        )
    db.session.rollback()
    assert count() == 0
    assert notified == []


def test_the_commit_hands_the_message_to_the_queue(app, notified):
    volunteer = make_volunteer()
    message = signup_confirmation("volunteer", volunteer)
    db.session.commit()
    assert notified == [(message.id, None)]
    assert message.state is MessageState.WAITING
    assert message.message_id.startswith("<") and message.message_id.endswith("@herne.de>")


def test_a_recipient_created_in_the_same_transaction_is_linked(app):
    volunteer = make_volunteer(commit=False)
    db.session.flush()
    signup_confirmation("volunteer", volunteer)
    db.session.commit()
    assert db.session.scalar(select(Message.volunteer_id)) == volunteer.id


def test_exactly_one_recipient(app):
    with pytest.raises(MessageError):
        queue_message("signup_confirmation", context={})
    with pytest.raises(MessageError):
        queue_message("no_such_kind", staff=make_staff(), context={})


@pytest.mark.parametrize("locale", ["de", "en", "ar", "uk", "tr"])
def test_the_person_is_written_to_in_their_language(app, locale):
    request_row = make_request(locale=locale)
    message = signup_confirmation("request", request_row)
    assert message.locale == locale
    assert request_row.reference in message.subject
    assert f'lang="{locale}" dir="{"rtl" if locale == "ar" else "ltr"}"' in message.body_html
    if locale != "de":
        assert "Vielen Dank für Ihre Anmeldung" not in message.body_html


def test_correspondence_language_wins_over_the_signup_language(app):
    volunteer = make_volunteer(locale="de")
    volunteer.correspondence_language = "tr"
    assert signup_confirmation("volunteer", volunteer).locale == "tr"


def test_staff_messages_are_german(app, reminder_kind):
    staff = make_staff()
    message = queue_message(reminder_kind, staff=staff, context={"name": staff.name})
    assert message.locale == "de"
    assert message.subject == "Erinnerung"
    assert message.to_address == staff.email
    assert message.last_error is None  # staff addresses need no confirmation


def test_further_mails_to_an_unconfirmed_address_wait(app, reminder_kind, notified):
    volunteer = make_volunteer()
    held = queue_message(reminder_kind, volunteer=volunteer, context={"name": "G"})
    db.session.commit()
    assert held.last_error == outbox.HELD_UNCONFIRMED
    assert notified == []  # not handed to the queue
    from datetime import UTC, datetime

    volunteer.email_confirmed_at = datetime.now(UTC)
    sent = queue_message(reminder_kind, volunteer=volunteer, context={"name": "G"})
    db.session.commit()
    assert sent.last_error is None
    assert notified == [(sent.id, None)]


def test_people_who_chose_post_get_a_letter(app):
    volunteer = make_volunteer()
    volunteer.contact_channel = "letter"
    volunteer.street, volunteer.house_number = "Bahnhofstraße", "12a"
    message = signup_confirmation("volunteer", volunteer)
    assert message.channel is MessageChannel.LETTER
    assert message.to_address == (
        f"{volunteer.full_name}\nBahnhofstraße 12a\n{volunteer.postal_code} Herne"
    )
    # No link on paper (nobody types a token): how to withdraw by phone or e-mail instead.
    assert "e-mail-bestaetigen" not in message.body_text
    assert "einwilligung/widerrufen" not in message.body_text
    assert (
        "Anmeldung zurückziehen möchten" in message.body_text and "02323 16-0" in message.body_text
    )


def test_without_any_address_the_message_fails_for_staff_to_phone(app):
    volunteer = make_volunteer()
    volunteer.email = None  # no e-mail, no street
    message = signup_confirmation("volunteer", volunteer)
    assert message.state is MessageState.FAILED
    assert message.last_error == outbox.NO_ADDRESS
    db.session.rollback()
