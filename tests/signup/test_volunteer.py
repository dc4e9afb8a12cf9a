"""The volunteer sign-up form: happy path, every kind of bad input, duplicates."""

import pytest
from sqlalchemy import func, select

from mentoring import availability
from mentoring.extensions import db
from mentoring.models import ConsentRecord, DuplicateSignup, Volunteer
from tests.support.forms import place_id, post_form, programme_id, volunteer_form

URL = "/anmelden/ehrenamt"


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_sign_up_stores_volunteer_and_consent(client):
    response = post_form(client, URL, volunteer_form(travel_places=[place_id("wanne")]))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/anmelden/danke")
    volunteer = db.session.scalar(select(Volunteer))
    assert volunteer.email == "gisela.kowalski@example.org"
    assert [p.code for p in volunteer.programmes] == ["ausbildungspaten"]
    assert [lang.code for lang in volunteer.languages] == ["de", "pl"]
    assert [p.code for p in volunteer.travel_places] == ["wanne"]
    assert availability.decode(volunteer.availability) == ["tue-afternoon", "thu-morning"]
    assert volunteer.capacity == 2
    consent = db.session.scalar(select(ConsentRecord))
    assert consent.volunteer_id == volunteer.id
    assert consent.text_version == "2026-11-01"
    assert consent.given_by_name == "Gisela Kowalski"
    assert consent.given_by_role == "self"
    assert consent.given_at is not None

    thanks = client.get("/anmelden/danke").get_data(as_text=True)
    assert volunteer.reference in thanks
    assert "Wie geht es weiter?" in thanks


def test_email_is_stored_in_lower_case_and_trimmed(client):
    post_form(client, URL, volunteer_form(email="  Gisela.Kowalski@Example.ORG "))
    assert db.session.scalar(select(Volunteer.email)) == "gisela.kowalski@example.org"


def test_second_sign_up_with_same_email_is_flagged_not_doubled(client):
    post_form(client, URL, volunteer_form())
    first_thanks = client.get("/anmelden/danke").get_data(as_text=True)
    response = post_form(
        client, URL, volunteer_form(email="GISELA.kowalski@example.org", first_name="Gila")
    )
    assert response.status_code == 302
    second_thanks = client.get("/anmelden/danke").get_data(as_text=True)
    assert count(Volunteer) == 1
    flag = db.session.scalar(select(DuplicateSignup))
    assert flag.volunteer_id == db.session.scalar(select(Volunteer.id))
    # The same page with a fresh-looking reference: nobody can probe who is registered.
    assert flag.reference in second_thanks
    assert first_thanks.replace(
        db.session.scalar(select(Volunteer.reference)), "X"
    ) == second_thanks.replace(flag.reference, "X")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"first_name": ""}, "first_name", "Bitte geben Sie einen Namen ein."),
        ({"email": ""}, "email", "Bitte geben Sie die E-Mail-Adresse an."),
        (
            {"email": "", "phone": "", "contact_channel": ""},
            "email",
            "eine Telefonnummer oder eine Anschrift",
        ),
        ({"phone": "", "contact_channel": "phone"}, "phone", "Per Telefon"),
        ({"contact_channel": "letter"}, "street", "Straße und Hausnummer an."),
        ({"street": "Bahnhofstraße"}, "house_number", "auch die Hausnummer"),
        ({"email": "gisela@"}, "email", "gültige E-Mail-Adresse"),
        ({"phone": "call me maybe"}, "phone", "Telefonnummer nur mit Ziffern"),
        ({"postal_code": "44789"}, "postal_code", "liegt nicht in Herne"),
        ({"postal_code": "4465"}, "postal_code", "5 Ziffern"),
        ({"birth_year": "1890"}, "birth_year", "Bitte prüfen Sie das Geburtsjahr"),
        ({"birth_year": "2015"}, "birth_year", "mindestens 18 Jahre"),
        (
            {"birth_year": "neunzehn"},
            "birth_year",
            "Bitte geben Sie eine Zahl ein, zum Beispiel 1958.",
        ),
        ({"programmes": []}, "programmes", "mindestens ein Programm"),
        ({"availability": []}, "availability", "mindestens eine Zeit"),
        ({"languages": []}, "languages", "mindestens eine Sprache"),
        ({"capacity": "4"}, "capacity", "Keine gültige Auswahl"),
        ({"consent": ""}, "consent", "Ohne Ihre Einwilligung"),
        ({"occupation": "x" * 121}, "occupation", "höchstens 120 Zeichen"),
        ({"experience": "x" * 1001}, "experience", "höchstens 1000 Zeichen"),
        ({"first_name": "x" * 81}, "first_name", "80"),
        ({"preferred_min_age": "12", "preferred_max_age": "8"}, "preferred_max_age", "Höchstalter"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_stored(client, overrides, field, message):
    response = post_form(client, URL, volunteer_form(**overrides))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="error-summary"' in html
    assert f'href="#{field}' in html  # the summary links to the field
    assert message in html or message in html.replace("&#34;", '"')
    assert count(Volunteer) == 0
    assert count(ConsentRecord) == 0


def test_input_is_kept_after_an_error(client):
    html = post_form(
        client,
        URL,
        volunteer_form(
            postal_code="10115", occupation="Elektriker", experience="Vierzig Jahre im Bergbau"
        ),
    ).get_data(as_text=True)
    assert 'value="Gisela"' in html
    assert 'value="10115"' in html
    assert 'value="Elektriker"' in html
    assert "Vierzig Jahre im Bergbau" in html
    assert (
        'value="tue-afternoon" checked' in html
        or 'checked id="availability-3"' in html
        or ('value="tue-afternoon"' in html and "checked" in html)
    )


def test_stale_privacy_version_asks_to_confirm_again(client):
    html = post_form(client, URL, volunteer_form(privacy_version="2020-01-01")).get_data(
        as_text=True
    )
    assert "Datenschutzerklärung wurde inzwischen geändert" in html
    assert count(Volunteer) == 0


def test_inactive_programme_cannot_be_chosen(client):
    html = post_form(
        client, URL, volunteer_form(programmes=[programme_id("gruendungsmentoring")])
    ).get_data(as_text=True)
    assert 'id="error-summary"' in html
    assert count(Volunteer) == 0


def test_free_text_fields_warn_about_sensitive_data(client):
    html = client.get(URL).get_data(as_text=True)
    assert html.count("nichts über Gesundheit, Religion oder Aufenthaltsstatus") >= 3


def test_missing_csrf_token_gets_german_page_and_stores_nothing(client):
    response = client.post(URL, data=volunteer_form())
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Das Formular konnte nicht gesendet werden" in html
    assert "Traceback" not in html
    assert count(Volunteer) == 0


def test_forged_csrf_token_is_refused(client):
    client.get(URL)
    response = client.post(URL, data={**volunteer_form(), "csrf_token": "forged"})
    assert response.status_code == 400
    assert count(Volunteer) == 0


def test_failure_in_the_middle_leaves_no_half_record(client, monkeypatch):
    """A crash after the person row is built must roll back the whole submission."""
    from mentoring.operations import signup

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(signup, "ConsentRecord", broken)
    client.application.config["PROPAGATE_EXCEPTIONS"] = False
    response = post_form(client, URL, volunteer_form())
    assert response.status_code == 500
    assert "Ihre Angaben wurden nicht gespeichert" in response.get_data(as_text=True)
    db.session.rollback()
    assert count(Volunteer) == 0
