""" "Mein Engagement" / "Meine Anfrage": signed links, what the page shows, each change stored,
audited and validated, pause and withdrawal, and the fresh link that never reveals an address."""

import re
import time
from datetime import timedelta

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from sqlalchemy import func, select

from mentoring import clock, signing
from mentoring.extensions import db
from mentoring.messages import worker
from mentoring.models import (
    AuditEntry,
    ContactChannel,
    MenteeRequest,
    Message,
    ProposalStatus,
    RequestStatus,
    Volunteer,
    VolunteerStatus,
)
from mentoring.operations.delivery import deliver
from mentoring.personal_data.self_service import self_service_token
from tests.support.factories import (
    make_proposal,
    make_request,
    make_volunteer,
)
from tests.support.forms import (
    mentee_form,
    page_token,
    post_form,
    post_prefixed_form,
    volunteer_form,
)
from tests.support.smtp import html_part, mail_config, smtp_server, text_part


@pytest.fixture(autouse=True)
def empty_queue(app):
    worker.huey.flush()
    yield
    worker.stop_embedded()
    worker.huey.flush()


def url_for_person(kind: str, person) -> str:
    area = "mein-engagement" if kind == "volunteer" else "meine-anfrage"
    return f"/{area}/{self_service_token(kind, person.id)}"


def contact_data(person, **overrides) -> dict:
    data = {
        "email": getattr(person, "email", None) or getattr(person, "contact_email", None),
        "phone": "02323 99887",
        "street": "Bahnhofstraße",
        "house_number": "12",
        "postal_code": person.postal_code,
        "place": str(person.place_id),
        "contact_channel": "email",
        "correspondence_language": "de",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def audit_entries(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


# --- the link --------------------------------------------------------------------------------


def test_a_valid_link_shows_what_is_stored_and_where_things_stand(client):
    volunteer = make_volunteer(first_name="Gisela", last_name="Kowalski")
    page = client.get(url_for_person("volunteer", volunteer))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Mein Engagement" in html
    assert volunteer.reference in html and "Kowalski" in html
    assert "Wir suchen eine passende Person oder Familie für Sie." in html
    assert "Kontaktdaten speichern" in html and "Pause speichern" in html


def test_notes_staff_wrote_about_the_person_stay_off_the_page(client):
    """A staff note may name other people: it goes out only in the reviewed Auskunft."""
    volunteer = make_volunteer(status_note="Rückruf bei Frau Nachbarin-Beispiel, 0170 1234567")
    html = client.get(url_for_person("volunteer", volunteer)).get_data(as_text=True)
    assert volunteer.reference in html
    assert "Nachbarin-Beispiel" not in html and "0170 1234567" not in html


def test_a_request_sees_meine_anfrage_in_its_language(client):
    request_row = make_request(status=RequestStatus.OPEN)
    html = client.get(url_for_person("request", request_row) + "?lang=ar").get_data(as_text=True)
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert "Pause speichern" not in html  # no pause and no times for requests
    html = client.get(url_for_person("request", request_row) + "?lang=de").get_data(as_text=True)
    assert "Meine Anfrage" in html and "Wir suchen noch eine passende Person." in html


def test_the_wrong_area_redirects_to_the_right_one(client):
    volunteer = make_volunteer()
    token = self_service_token("volunteer", volunteer.id)
    response = client.get(f"/meine-anfrage/{token}?token=x&area=y&lang=ar")
    assert response.status_code == 302 and f"/mein-engagement/{token}?lang=ar" in response.location


def old_token(app, volunteer, days: float) -> str:
    class OldSigner(TimestampSigner):
        def get_timestamp(self):
            return int(time.time() - days * 86400)

    serializer = URLSafeTimedSerializer(
        app.config["SECRET_KEY"], salt=signing.salt(signing.SELF_SERVICE), signer=OldSigner
    )
    data = {"kind": "volunteer", "id": volunteer.id}
    return serializer.dumps({"purpose": signing.SELF_SERVICE, "data": data})


def test_an_expired_link_is_refused_and_offers_a_fresh_one(app, client):
    volunteer = make_volunteer()
    days = app.config["SELF_SERVICE_LINK_DAYS"]
    assert client.get(f"/mein-engagement/{old_token(app, volunteer, days - 1)}").status_code == 200
    response = client.get(f"/mein-engagement/{old_token(app, volunteer, days + 1)}")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "abgelaufen" in html and "/neuer-link" in html
    app.config["SELF_SERVICE_LINK_DAYS"] = days + 5  # configurable
    assert client.get(f"/mein-engagement/{old_token(app, volunteer, days + 1)}").status_code == 200


def test_a_tampered_link_or_one_for_another_purpose_is_refused(client):
    volunteer = make_volunteer()
    token = self_service_token("volunteer", volunteer.id)
    assert client.get(f"/mein-engagement/{token[:-2]}xx").status_code == 400
    withdrawal = signing.dumps(
        signing.CONSENT_WITHDRAWAL, {"kind": "volunteer", "id": volunteer.id}
    )
    assert client.get(f"/mein-engagement/{withdrawal}").status_code == 400
    forged = signing.dumps(signing.SELF_SERVICE, {"kind": "staff", "id": 1})
    assert client.get(f"/mein-engagement/{forged}").status_code == 400
    # A POST with a bad token changes nothing either.
    assert client.post(f"/mein-engagement/{token[:-2]}xx/kontakt", data={}).status_code == 400


def test_an_erased_person_has_no_page(client):
    volunteer = make_volunteer()
    volunteer.erased_at = clock.now()
    db.session.commit()
    assert client.get(url_for_person("volunteer", volunteer)).status_code == 404


# --- changes ---------------------------------------------------------------------------------


def test_contact_data_are_stored_and_audited_by_field_name(client):
    volunteer = make_volunteer(email="gisela@example.org")
    url = url_for_person("volunteer", volunteer)
    response = post_prefixed_form(
        client,
        url,
        url + "/kontakt",
        "contact",
        contact_data(volunteer, correspondence_language="tr"),
    )
    assert response.status_code == 302
    db.session.expire_all()
    volunteer = db.session.get(Volunteer, volunteer.id)
    assert volunteer.phone == "02323 99887"
    assert (volunteer.street, volunteer.house_number) == ("Bahnhofstraße", "12")
    assert volunteer.correspondence_language == "tr"
    [entry] = audit_entries("self_service_update")
    assert entry.staff_id is None and entry.subject_id == volunteer.id
    assert entry.detail.startswith("link ")
    assert "phone" in entry.detail and "street" in entry.detail
    assert "99887" not in entry.detail and "Bahnhof" not in entry.detail
    assert "gespeichert" in client.get(url).get_data(as_text=True)


def test_a_new_email_must_be_confirmed_again(client):
    volunteer = make_volunteer(email="alt@example.org")
    volunteer.email_confirmed_at = clock.now()
    db.session.commit()
    url = url_for_person("volunteer", volunteer)
    post_prefixed_form(
        client, url, url + "/kontakt", "contact", contact_data(volunteer, email="Neu@Example.org")
    )
    db.session.expire_all()
    volunteer = db.session.get(Volunteer, volunteer.id)
    assert volunteer.email == "neu@example.org" and volunteer.email_confirmed_at is None
    [message] = db.session.scalars(select(Message)).all()
    assert message.kind == "email_change_confirmation" and message.to_address == "neu@example.org"
    assert message.last_error is None  # the confirmation itself goes to the unconfirmed address
    assert "/e-mail-bestaetigen/" in message.body_text


def test_bad_contact_input_says_why_and_stores_nothing(client):
    volunteer = make_volunteer(email="gisela@example.org", phone="02323 1")
    url = url_for_person("volunteer", volunteer)
    for bad, expected in (
        ({"email": "kein-at-zeichen", "phone": "abc"}, "gültige E-Mail-Adresse"),
        ({"postal_code": "10115"}, "nicht in Herne"),
        ({"contact_channel": "letter", "street": "", "house_number": ""}, "Per Brief"),
        ({"email": "", "phone": "", "street": "", "house_number": ""}, "Anschrift"),
    ):
        response = post_prefixed_form(
            client, url, url + "/kontakt", "contact", contact_data(volunteer, **bad)
        )
        assert response.status_code == 400
        assert expected in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Volunteer, volunteer.id).phone == "02323 1"
    assert audit_entries("self_service_update") == []


def test_an_address_of_another_volunteer_is_refused(client):
    make_volunteer(email="vergeben@example.org")
    volunteer = make_volunteer(email="meine@example.org")
    url = url_for_person("volunteer", volunteer)
    response = post_prefixed_form(
        client,
        url,
        url + "/kontakt",
        "contact",
        contact_data(volunteer, email="vergeben@example.org"),
    )
    assert response.status_code == 400
    assert "nicht übernehmen" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Volunteer, volunteer.id).email == "meine@example.org"


def test_a_request_updates_its_contact_email(client):
    request_row = make_request(contact_email="familie@example.org")
    url = url_for_person("request", request_row)
    data = contact_data(request_row, email="neu.familie@example.org")
    response = post_prefixed_form(client, url, url + "/kontakt", "contact", data)
    assert response.status_code == 302
    db.session.expire_all()
    row = db.session.get(MenteeRequest, request_row.id)
    assert row.contact_email == "neu.familie@example.org" and row.contact_phone == "02323 99887"
    [entry] = audit_entries("self_service_update")
    assert "contact_email" in entry.detail and entry.subject_type == "request"


def test_times_and_capacity_are_stored_and_validated(client):
    volunteer = make_volunteer()
    url = url_for_person("volunteer", volunteer)
    data = {"capacity": "3", "availability": ["mon-morning", "fri-evening"]}
    assert post_prefixed_form(client, url, url + "/zeiten", "commitment", data).status_code == 302
    db.session.expire_all()
    volunteer = db.session.get(Volunteer, volunteer.id)
    assert volunteer.capacity == 3
    [entry] = audit_entries("self_service_update")
    assert "availability" in entry.detail and "capacity" in entry.detail
    for bad in ({"capacity": "9", "availability": ["mon-morning"]}, {"capacity": "1"}):
        response = post_prefixed_form(client, url, url + "/zeiten", "commitment", bad)
        assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Volunteer, volunteer.id).capacity == 3


def test_pause_until_a_date_closes_open_proposals(client):
    volunteer = make_volunteer()
    request_row = make_request()
    proposal = make_proposal(volunteer, request_row)
    url = url_for_person("volunteer", volunteer)
    until = clock.today() + timedelta(days=30)
    response = post_prefixed_form(
        client, url, url + "/pause", "pause", {"until": until.strftime("%d.%m.%Y")}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Volunteer, volunteer.id).paused_until == until
    assert db.session.get(type(proposal), proposal.id).status is ProposalStatus.CLOSED
    [entry] = audit_entries("volunteer_paused")
    assert entry.staff_id is None and entry.detail.startswith("link ")
    assert "Sie pausieren bis" in client.get(url).get_data(as_text=True)


def test_a_pause_in_the_past_or_without_date_is_refused(client):
    volunteer = make_volunteer()
    url = url_for_person("volunteer", volunteer)
    past = (clock.today() - timedelta(days=1)).strftime("%d.%m.%Y")
    for value, expected in ((past, "Vergangenheit"), ("", "Datum"), ("morgen", "Datum")):
        response = post_prefixed_form(client, url, url + "/pause", "pause", {"until": value})
        assert response.status_code == 400
        assert expected in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Volunteer, volunteer.id).paused_until is None


def test_withdrawal_through_the_page(client):
    volunteer = make_volunteer()
    url = url_for_person("volunteer", volunteer)
    response = client.post(url + "/widerrufen", data={"csrf_token": page_token(client, url)})
    assert response.status_code == 200
    db.session.expire_all()
    volunteer = db.session.get(Volunteer, volunteer.id)
    assert volunteer.status is VolunteerStatus.WITHDRAWN
    assert all(c.withdrawn_at is not None for c in volunteer.consents)
    [entry] = audit_entries("withdraw")
    assert entry.detail == "self_service" and entry.staff_id is None
    html = client.get(url).get_data(as_text=True)
    assert "Einwilligung widerrufen" in html and "Kontaktdaten speichern" not in html


def test_a_post_without_csrf_changes_nothing(client):
    volunteer = make_volunteer()
    url = url_for_person("volunteer", volunteer)
    response = client.post(url + "/widerrufen", data={})
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Volunteer, volunteer.id).status is VolunteerStatus.READY


# --- the fresh link --------------------------------------------------------------------------


def test_known_and_unknown_addresses_get_the_same_page_and_only_known_get_mail(client):
    volunteer = make_volunteer(email="bekannt@example.org")
    known = post_form(client, "/neuer-link", {"email": "Bekannt@example.org"})
    unknown = post_form(client, "/neuer-link", {"email": "fremd@example.org"})
    assert known.status_code == unknown.status_code == 200

    def body(response):
        return re.sub(r'value="[^"]*"', "", response.get_data(as_text=True))

    assert body(known) == body(unknown)
    [message] = db.session.scalars(select(Message)).all()
    assert message.kind == "self_service_link" and message.volunteer_id == volunteer.id
    assert "/mein-engagement/" in message.body_text


def test_asking_again_within_minutes_sends_no_second_mail(client):
    make_volunteer(email="ungeduldig@example.org")
    for _ in range(3):
        response = post_form(client, "/neuer-link", {"email": "ungeduldig@example.org"})
        assert response.status_code == 200
    assert db.session.scalar(select(func.count()).select_from(Message)) == 1


def test_a_request_contact_gets_a_link_to_meine_anfrage(client):
    request_row = make_request(contact_email="familie@example.org")
    post_form(client, "/neuer-link", {"email": "familie@example.org"})
    [message] = db.session.scalars(select(Message)).all()
    assert message.request_id == request_row.id and "/meine-anfrage/" in message.body_text


def test_a_fresh_link_request_needs_a_valid_address(client):
    response = post_form(client, "/neuer-link", {"email": "kaputt"})
    assert response.status_code == 400
    assert "gültige E-Mail-Adresse" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Message)) == 0


def test_fresh_link_requests_are_rate_limited(app, client):
    app.config["PUBLIC_FORM_LIMIT"] = "2 per hour"
    for _ in range(2):
        assert post_form(client, "/neuer-link", {"email": "x@example.org"}).status_code == 200
    assert post_form(client, "/neuer-link", {"email": "x@example.org"}).status_code == 429


def test_the_link_mail_arrives_over_smtp_in_the_persons_language(app, client):
    volunteer = make_volunteer(email="arabisch@example.org")
    volunteer.correspondence_language = "ar"
    db.session.commit()
    with smtp_server() as (inbox, port):
        app.config.update(mail_config(port))
        post_form(client, "/neuer-link", {"email": "arabisch@example.org"})
        message = db.session.scalars(select(Message)).one()
        assert deliver(message.id) == "sent"
        [mail] = inbox.wait_for(1)
    assert mail["To"] == "arabisch@example.org"
    text, html = text_part(mail), html_part(mail)
    assert "https://mentoring.example.org/mein-engagement/" in text and "lang=ar" in text
    assert '<html lang="ar" dir="rtl">' in html
    assert volunteer.reference in mail["Subject"]


# --- staff and the sign-up -------------------------------------------------------------------


def test_staff_send_the_link_from_the_persons_page(staff_client):
    volunteer = make_volunteer()
    page_url = f"/dashboard/ehrenamtliche/{volunteer.id}"
    assert "Link zu „Mein Engagement“ senden" in staff_client.get(page_url).get_data(as_text=True)
    token = page_token(staff_client, page_url)
    response = staff_client.post(
        f"/dashboard/personen/volunteer/{volunteer.id}/link-senden", data={"csrf_token": token}
    )
    assert response.status_code == 302
    [message] = db.session.scalars(select(Message)).all()
    assert message.kind == "self_service_link"
    [entry] = audit_entries("self_service_link")
    assert entry.staff_id is not None and entry.detail == "staff"


def test_the_signup_confirmation_carries_the_self_service_link(client):
    post_form(client, "/anmelden/ehrenamt", volunteer_form())
    message = db.session.scalars(select(Message)).one()
    assert "https://mentoring.example.org/mein-engagement/" in message.body_text
    url = re.search(r"https://mentoring\.example\.org(/mein-engagement/\S+)", message.body_text)
    assert client.get(url.group(1)).status_code == 200


def test_the_mentee_signup_confirmation_links_to_meine_anfrage(client):
    post_form(client, "/anmelden/unterstuetzung/fachkraft", mentee_form())
    message = db.session.scalars(select(Message)).one()
    assert "/meine-anfrage/" in message.body_text


def test_the_access_log_leaves_the_token_out():
    from mentoring.logs import redact_path

    assert redact_path("/mein-engagement/eyJ.abc/kontakt") == "/mein-engagement/[token]/kontakt"
    assert redact_path("/meine-anfrage/eyJ.abc") == "/meine-anfrage/[token]"


def test_contact_channel_letter_is_kept(client):
    volunteer = make_volunteer()
    url = url_for_person("volunteer", volunteer)
    post_prefixed_form(
        client, url, url + "/kontakt", "contact", contact_data(volunteer, contact_channel="letter")
    )
    db.session.expire_all()
    assert db.session.get(Volunteer, volunteer.id).contact_channel is ContactChannel.LETTER
