"""Delivery against a real SMTP server (aiosmtpd) started by the tests: languages, retries,
permanent refusals, at most once."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from mentoring.extensions import db
from mentoring.messages import worker
from mentoring.models import Message, MessageState, Volunteer
from mentoring.operations.delivery import deliver
from tests.support.forms import mentee_form, post_form, volunteer_form
from tests.support.smtp import (
    free_port,
    html_part,
    mail_config,
    smtp_server,
    text_part,
    wait_until,
)

VOLUNTEER_URL = "/anmelden/ehrenamt"
MENTEE_URL = "/anmelden/unterstuetzung/fachkraft"


@pytest.fixture(autouse=True)
def empty_queue(app):
    worker.huey.flush()
    yield
    worker.stop_embedded()
    worker.huey.flush()


def only_message() -> Message:
    db.session.expire_all()
    return db.session.scalars(select(Message)).one()


def test_volunteer_confirmation_arrives_in_german_with_reference_and_links(app, client):
    with smtp_server() as (inbox, port):
        app.config.update(mail_config(port))
        post_form(client, VOLUNTEER_URL, volunteer_form())
        message = only_message()
        assert deliver(message.id) == "sent"
        [mail] = inbox.wait_for(1)
    volunteer = db.session.scalar(select(Volunteer))
    text, html = text_part(mail), html_part(mail)
    assert mail["To"] == "gisela.kowalski@example.org"
    assert mail["Message-ID"] == message.message_id
    assert volunteer.reference in mail["Subject"]
    assert "Guten Tag Gisela Kowalski," in text
    assert f"Ihre Vorgangsnummer ist {volunteer.reference}" in text
    assert "innerhalb von zwei Wochen" in text  # what happens next, and how long it takes
    assert "https://mentoring.example.org/e-mail-bestaetigen/" in text
    assert "https://mentoring.example.org/einwilligung/widerrufen/" in text
    assert "Friedrich-Ebert-Platz 2" in text  # Impressum footer
    assert '<html lang="de" dir="ltr">' in html
    assert "E-Mail-Adresse bestätigen" in html
    message = only_message()
    assert message.state is MessageState.SENT and message.sent_at is not None
    assert message.attempts == 1


def test_mentee_confirmation_arrives_in_arabic_right_to_left(app, client):
    with smtp_server() as (inbox, port):
        app.config.update(mail_config(port))
        # The Arabic page presets Arabic as the language of correspondence.
        data = mentee_form(correspondence_language="ar")
        response = post_form(client, MENTEE_URL + "?lang=ar", data)
        assert response.status_code == 302
        message = only_message()
        assert message.locale == "ar"
        assert deliver(message.id) == "sent"
        [mail] = inbox.wait_for(1)
    text, html = text_part(mail), html_part(mail)
    assert mail["To"] == "kaoa@schule.example.org"
    assert mail["Content-Language"] == "ar"
    assert "ماذا يحدث بعد ذلك؟" in text  # "Wie geht es weiter?"
    assert "Wie geht es weiter?" not in text
    assert "الهاتف:" in text  # the footer too
    assert '<html lang="ar" dir="rtl">' in html
    assert message.request.reference in text


def test_smtp_down_during_signup_then_up_delivers_by_a_retry(app, client):
    port = free_port()  # nobody listens yet
    app.config.update(mail_config(port), MESSAGE_RETRY_FIRST_SECONDS=1)
    worker.start_embedded()
    response = post_form(client, VOLUNTEER_URL, volunteer_form())
    assert response.status_code == 302  # the sign-up is stored whatever the mail server does
    assert db.session.scalar(select(func.count()).select_from(Volunteer)) == 1

    def first_attempt_failed():
        message = only_message()
        return message if message.attempts >= 1 and message.last_error else None

    message = wait_until(first_attempt_failed)
    assert message.state in (MessageState.WAITING, MessageState.SENDING)
    assert message.last_error == "connection"
    with smtp_server(port) as (inbox, _):
        [mail] = inbox.wait_for(1, timeout=30)
        wait_until(lambda: only_message().state is MessageState.SENT)
    message = only_message()
    assert message.attempts >= 2
    assert mail["Message-ID"] == message.message_id
    assert message.last_error is None


def test_first_retry_comes_within_30_seconds_and_waits_grow(app):
    from mentoring.operations.delivery import retry_delay

    delays = [retry_delay(n).total_seconds() for n in range(1, 12)]
    assert delays[0] <= 30
    assert delays == sorted(delays)
    assert delays[-1] == app.config["MESSAGE_RETRY_MAX_SECONDS"]


def test_temporary_refusal_keeps_the_message_waiting_for_a_later_attempt(app, client):
    with smtp_server() as (inbox, port):
        app.config.update(mail_config(port))
        inbox.data_reply = "451 Try again later"
        post_form(client, VOLUNTEER_URL, volunteer_form())
        message = only_message()
        assert deliver(message.id) == "retry"
        message = only_message()
        assert message.state is MessageState.WAITING
        assert message.last_error == "smtp_451"
        wait = message.next_attempt_at - datetime.now(UTC)
        assert timedelta(0) < wait <= timedelta(seconds=30)
        assert deliver(message.id) == "skipped"  # not due yet
        inbox.data_reply = None
        later = message.next_attempt_at + timedelta(seconds=1)
        assert deliver(message.id, now=later) == "sent"
        assert len(inbox.wait_for(1)) == 1


def test_retries_stop_after_24_hours(app, client):
    app.config.update(mail_config(free_port()))
    post_form(client, VOLUNTEER_URL, volunteer_form())
    message = only_message()
    message.created_at = datetime.now(UTC) - timedelta(hours=23, minutes=59, seconds=50)
    db.session.commit()
    assert deliver(message.id) == "failed"
    message = only_message()
    assert message.state is MessageState.FAILED
    assert message.last_error == "connection"


def test_permanent_refusal_fails_and_shows_in_nicht_zugestellt(app, client, coordinator):
    with smtp_server() as (inbox, port):
        app.config.update(mail_config(port))
        inbox.rcpt_reply = "550 No such user here"
        post_form(client, VOLUNTEER_URL, volunteer_form())
        message = only_message()
        assert deliver(message.id) == "failed"
    message = only_message()
    assert message.state is MessageState.FAILED
    assert message.last_error == "smtp_550"
    assert inbox.messages == []
    from tests.support.login import login

    login(client, coordinator)
    page = client.get("/dashboard/nicht-zugestellt").get_data(as_text=True)
    assert "Kowalski" in page and "fehlgeschlagen" in page and "smtp_550" in page
    person = client.get(f"/dashboard/ehrenamtliche/{message.volunteer_id}").get_data(as_text=True)
    assert "badge-danger" in person and "fehlgeschlagen" in person


def test_without_mail_server_messages_are_kept_in_the_postausgang(app, client, coordinator):
    post_form(client, VOLUNTEER_URL, volunteer_form())
    message = only_message()
    assert deliver(message.id) == "kept"
    assert only_message().state is MessageState.WAITING
    from tests.support.login import login

    login(client, coordinator)
    page = client.get("/dashboard/postausgang").get_data(as_text=True)
    assert "Es ist kein Mailserver eingerichtet" in page
    assert "Kowalski" in page and "wartet" in page


def test_a_queue_entry_twice_sends_once(app, client):
    with smtp_server() as (inbox, port):
        app.config.update(mail_config(port))
        post_form(client, VOLUNTEER_URL, volunteer_form())
        message = only_message()
        assert deliver(message.id) == "sent"
        assert deliver(message.id) == "skipped"
        assert len(inbox.wait_for(1)) == 1
