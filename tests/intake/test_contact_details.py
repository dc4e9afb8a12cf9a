"""The staff pages show how to reach a person: address, channel, language, interpreter, the
Latin-script name and a referrer's direct contact; a missing e-mail address reads as such."""

from mentoring.extensions import db
from mentoring.models import ContactChannel, DirectContact
from tests.support.factories import make_request, make_volunteer


def test_volunteer_page_shows_contact_without_e_mail(staff_client):
    volunteer = make_volunteer(
        street="Bahnhofstraße",
        house_number="12a",
        contact_channel=ContactChannel.LETTER,
        correspondence_language="tr",
        interpreter_needed=True,
        name_latin="Guelsen Yildiz",
    )
    volunteer.email = None
    db.session.commit()
    html = staff_client.get(f"/dashboard/ehrenamtliche/{volunteer.id}").get_data(as_text=True)
    assert "Bahnhofstraße 12a, 44651 Herne" in html
    assert "per Brief" in html
    assert "Türkçe" in html and "Dolmetschung nötig" in html
    assert "Guelsen Yildiz" in html
    assert "mailto:None" not in html and "None" not in html


def test_request_page_shows_the_referrers_direct_contact(staff_client):
    request_row = make_request(
        person_last_name="Demir",
        direct_contact=DirectContact.GUARDIAN,
        direct_contact_name="Ayşe Demir",
        direct_contact_phone="0176 2223334",
        contact_channel=ContactChannel.PHONE,
        correspondence_language="ar",
    )
    html = staff_client.get(f"/dashboard/anfragen/{request_row.id}").get_data(as_text=True)
    assert "Demir" in html
    assert "die Eltern oder Erziehungsberechtigten: Ayşe Demir" in html
    assert "0176 2223334" in html and "per Telefon" in html
    assert "العربية" in html
    assert "E-Mail-Adresse der Fachkraft" in html


def test_merging_keeps_the_e_mail_address_of_the_newer_record(app, coordinator):
    from mentoring.operations.intake import merge_volunteers

    older = make_volunteer(first_name="Wilhelm", last_name="Ohne", created_days_ago=30)
    newer = make_volunteer(
        first_name="Wilhelm", last_name="Ohne", email="w.ohne@example.org", created_days_ago=2
    )
    older.email = None
    db.session.commit()
    kept = merge_volunteers(first_id=older.id, second_id=newer.id, staff=coordinator)
    assert kept.id == older.id and kept.email == "w.ohne@example.org"
