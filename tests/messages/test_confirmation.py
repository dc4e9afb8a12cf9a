"""The signed link that confirms an e-mail address: a button, not the GET; held mails go out."""

import re

from sqlalchemy import select

from mentoring.extensions import db
from mentoring.messages.confirmation import confirmation_token
from mentoring.messages.flows import signup_confirmation
from mentoring.models import AuditEntry, Message, Volunteer
from tests.support.factories import make_volunteer
from tests.support.forms import post_form, press, volunteer_form


def link_in(message: Message) -> str:
    url = re.search(r"https://mentoring\.example\.org(/e-mail-bestaetigen/\S+)", message.body_text)
    return url.group(1)


def test_the_link_from_the_signup_mail_confirms_the_address(client):
    post_form(client, "/anmelden/ehrenamt", volunteer_form())
    url = link_in(db.session.scalar(select(Message)))
    page = client.get(url)
    assert page.status_code == 200
    assert "E-Mail-Adresse bestätigen" in page.get_data(as_text=True)
    assert db.session.scalar(select(Volunteer.email_confirmed_at)) is None  # a GET changes nothing
    done = press(client, url, url)
    assert done.status_code == 200
    assert "E-Mail-Adresse bestätigt" in done.get_data(as_text=True)
    db.session.expire_all()
    volunteer = db.session.scalar(select(Volunteer))
    assert volunteer.email_confirmed_at is not None
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "email_confirmed"))
    assert entry.subject_type == "volunteer" and entry.subject_id == volunteer.id
    assert press(client, url, url).status_code == 200  # a second click is fine


def test_a_link_for_an_old_address_confirms_nothing(client):
    volunteer = make_volunteer(email="alt@example.org")
    url = f"/e-mail-bestaetigen/{confirmation_token('volunteer', volunteer.id, 'alt@example.org')}"
    volunteer.email = "neu@example.org"
    db.session.commit()
    response = press(client, url, url)
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Volunteer, volunteer.id).email_confirmed_at is None


def test_a_tampered_link_is_refused_in_the_visitors_language(client):
    response = client.get("/e-mail-bestaetigen/kaputt?lang=en")
    assert response.status_code == 400
    assert "This link is not valid" in response.get_data(as_text=True)


def test_staff_see_whether_the_address_is_confirmed(app, staff_client):
    volunteer = make_volunteer()
    signup_confirmation("volunteer", volunteer)
    db.session.commit()
    page = staff_client.get(f"/dashboard/ehrenamtliche/{volunteer.id}").get_data(as_text=True)
    assert "noch nicht bestätigt" in page
    assert "Bestätigung der Anmeldung" in page and "wartet" in page


def test_confirming_releases_held_messages(app, client):
    from mentoring.messages.outbox import HELD_UNCONFIRMED
    from mentoring.models import MessageState

    volunteer = make_volunteer(email="held@example.org")
    first = signup_confirmation("volunteer", volunteer)
    db.session.flush()
    held = Message(
        kind="signup_confirmation",
        channel=first.channel,
        locale="de",
        to_address=first.to_address,
        subject="s",
        body_text="t",
        message_id="<held@test>",
        state=MessageState.WAITING,
        attempts=0,
        last_error=HELD_UNCONFIRMED,
        volunteer=volunteer,
    )
    db.session.add(held)
    db.session.commit()
    url = link_in(first)
    press(client, url, url)
    db.session.expire_all()
    assert db.session.get(Message, held.id).last_error is None


def test_the_access_log_leaves_the_token_out():
    from mentoring.logs import redact_path

    assert redact_path("/e-mail-bestaetigen/eyJ.abc.def") == "/e-mail-bestaetigen/[token]"
