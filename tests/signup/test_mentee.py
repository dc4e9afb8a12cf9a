"""The mentee sign-up: three ways in, eligibility by programme age, guardian consent."""

from datetime import date

import pytest
from sqlalchemy import func, select

from mentoring.extensions import db
from mentoring.models import ConsentRecord, DuplicateSignup, MenteeRequest, RegisteredBy
from tests.support.forms import mentee_form, place_id, post_form, programme_id

YEAR = date.today().year
REFERRER = "/anmelden/unterstuetzung/fachkraft"
SELF = "/anmelden/unterstuetzung/selbst"
FAMILY = "/anmelden/unterstuetzung/familie"


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def family_form(**overrides):
    data = mentee_form(
        programme=programme_id("familienpaten"),
        contact_first_name="Olena",
        contact_last_name="Kovalenko",
        contact_email="olena@example.org",
        person_first_name="Mila",
        person_birth_year=str(YEAR - 1),
        person_birth_month="1",
        postal_code="44623",
        place=place_id("mitte"),
        languages=["uk", "de"],
        guardian_name="",
        guardian_consent="",
        referrer_kind="",
        referrer_organisation="",
    )
    data.update(overrides)
    return data


def self_form(**overrides):
    data = mentee_form(
        contact_first_name="Jonas",
        contact_last_name="Becker",
        contact_email="jonas.becker@example.org",
        person_first_name="",
        person_birth_year=str(YEAR - 20),
        guardian_name="",
        guardian_consent="",
        referrer_kind="",
        referrer_organisation="",
    )
    data.update(overrides)
    return data


def test_referrer_registers_minor_with_guardian_consent(client):
    response = post_form(client, REFERRER, mentee_form())
    assert response.status_code == 302
    request = db.session.scalar(select(MenteeRequest))
    assert request.registered_by is RegisteredBy.REFERRER
    assert request.referrer_organisation == "Gesamtschule Wanne-Eickel"
    assert request.person_first_name == "Deniz"
    assert request.programme.code == "ausbildungspaten"
    consents = db.session.scalars(select(ConsentRecord).order_by(ConsentRecord.id)).all()
    assert [(c.given_by_role, c.on_behalf_of, c.purpose) for c in consents] == [
        ("referrer", "minor", "participation"),
        ("guardian", "minor", "guardian_consent"),
    ]
    assert consents[1].given_by_name == "Ayşe Demir"
    assert all(c.request_id == request.id for c in consents)


def test_guardian_registers_family_for_familienpaten(client):
    response = post_form(client, FAMILY, family_form())
    assert response.status_code == 302
    request = db.session.scalar(select(MenteeRequest))
    assert request.registered_by is RegisteredBy.GUARDIAN
    consent = db.session.scalar(select(ConsentRecord))
    assert (consent.given_by_role, consent.on_behalf_of, consent.given_by_name) == (
        "guardian",
        "minor",
        "Olena Kovalenko",
    )


def test_young_adult_registers_for_themself(client):
    response = post_form(client, SELF, self_form())
    assert response.status_code == 302
    request = db.session.scalar(select(MenteeRequest))
    assert request.person_first_name == "Jonas"
    assert request.registered_by is RegisteredBy.SELF
    consent = db.session.scalar(select(ConsentRecord))
    assert (consent.given_by_role, consent.on_behalf_of) == ("self", "self")


def test_sixteen_year_old_may_register_with_guardian_consent(client):
    response = post_form(
        client,
        SELF,
        self_form(
            person_birth_year=str(YEAR - 17), guardian_name="Petra Becker", guardian_consent="y"
        ),
    )
    assert response.status_code == 302
    assert count(ConsentRecord) == 2


def assert_refused(response, field, message):
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="error-summary"' in html
    assert f'href="#{field}' in html
    assert message in html
    assert count(MenteeRequest) == 0
    assert count(ConsentRecord) == 0


@pytest.mark.parametrize(
    ("url", "form", "field", "message"),
    [
        (
            FAMILY,
            lambda: family_form(person_birth_year=str(YEAR - 4)),
            "person_birth_year",
            "Familien mit Kindern unter 3 Jahren",
        ),
        (
            REFERRER,
            lambda: mentee_form(person_birth_year=str(YEAR - 40)),
            "person_birth_year",
            "von 14 bis 27 Jahren",
        ),
        (
            SELF,
            lambda: self_form(person_birth_year=str(YEAR - 15), person_birth_month="1"),
            "person_birth_year",
            "ab 16 Jahren selbst anmelden",
        ),
        (
            SELF,
            lambda: self_form(programme=programme_id("familienpaten")),
            "programme",
            "ist für Familien",
        ),
        (
            REFERRER,
            lambda: mentee_form(guardian_consent=""),
            "guardian_consent",
            "Einverständnis der Eltern",
        ),
        (
            REFERRER,
            lambda: mentee_form(guardian_name=""),
            "guardian_name",
            "Namen der erziehungsberechtigten Person",
        ),
        (
            SELF,
            lambda: self_form(person_birth_year=str(YEAR - 17)),
            "guardian_consent",
            "Einverständnis der Eltern",
        ),
        (
            REFERRER,
            lambda: mentee_form(referrer_organisation=""),
            "referrer_organisation",
            "Namen der Einrichtung",
        ),
        (REFERRER, lambda: mentee_form(referrer_kind=""), "referrer_kind", "Art der Einrichtung"),
        (FAMILY, lambda: family_form(person_first_name=""), "person_first_name", "Vornamen"),
        (REFERRER, lambda: mentee_form(postal_code="45127"), "postal_code", "nicht in Herne"),
        (
            REFERRER,
            lambda: mentee_form(contact_email="kein-at-zeichen"),
            "contact_email",
            "gültige E-Mail-Adresse",
        ),
        (
            REFERRER,
            lambda: mentee_form(contact_phone="0800-CALL-NOW"),
            "contact_phone",
            "nur mit Ziffern",
        ),
        (
            REFERRER,
            lambda: mentee_form(person_birth_year="1800"),
            "person_birth_year",
            "Bitte prüfen Sie das Geburtsjahr",
        ),
        (
            REFERRER,
            lambda: mentee_form(person_birth_year=str(YEAR + 1)),
            "person_birth_year",
            "Bitte prüfen Sie das Geburtsjahr",
        ),
        (REFERRER, lambda: mentee_form(programme=""), "programme", "Bitte wählen Sie ein Programm"),
        (REFERRER, lambda: mentee_form(consent=""), "consent", "Ohne Ihre Einwilligung"),
        (REFERRER, lambda: mentee_form(goal="x" * 1001), "goal", "höchstens 1000 Zeichen"),
        (REFERRER, lambda: mentee_form(contact_last_name=""), "contact_last_name", "Namen ein"),
        (REFERRER, lambda: mentee_form(languages=[]), "languages", "mindestens eine Sprache"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(client, url, form, field, message):
    assert_refused(post_form(client, url, form()), field, message)


def test_age_on_the_boundary_asks_for_the_birth_month(client):
    """Born 14 years ago, no month: the person may still be 13, so we ask."""
    response = post_form(
        client, REFERRER, mentee_form(person_birth_year=str(YEAR - 14), person_birth_month="")
    )
    assert_refused(response, "person_birth_month", "Geburtsmonat")


def test_unknown_way_is_404(client):
    assert client.get("/anmelden/unterstuetzung/irgendwie").status_code == 404


def test_same_person_registered_twice_is_flagged(client):
    post_form(client, REFERRER, mentee_form())
    response = post_form(
        client,
        REFERRER,
        mentee_form(contact_email="KAOA@schule.example.org", person_first_name="deniz"),
    )
    assert response.status_code == 302
    assert count(MenteeRequest) == 1
    flag = db.session.scalar(select(DuplicateSignup))
    assert flag.request_id == db.session.scalar(select(MenteeRequest.id))
    assert flag.reference in client.get("/anmelden/danke").get_data(as_text=True)


def test_referrer_may_register_several_young_people(client):
    post_form(client, REFERRER, mentee_form())
    post_form(client, REFERRER, mentee_form(person_first_name="Lina"))
    assert count(MenteeRequest) == 2
    assert count(DuplicateSignup) == 0


def test_operation_refuses_minor_without_guardian_consent_even_without_form(app):
    """The rule lives in the operation too, not only in the form."""
    from mentoring.operations import OperationError
    from mentoring.operations.signup import register_mentee_request

    with pytest.raises(OperationError):
        register_mentee_request(
            registered_by=RegisteredBy.REFERRER,
            programme_id=int(programme_id("ausbildungspaten")),
            contact_first_name="A",
            contact_last_name="B",
            contact_email="a@example.org",
            contact_phone=None,
            referrer_kind="school",
            referrer_organisation="Schule",
            person_first_name="C",
            person_birth_year=YEAR - 15,
            person_birth_month=1,
            children_count=None,
            postal_code="44623",
            place_id=int(place_id("mitte")),
            language_codes=["de"],
            tag_ids=[],
            career_goal=None,
            goal=None,
            slots=["mon-morning"],
            guardian_name=None,
            guardian_consent=False,
            privacy_version="2026-11-01",
            locale="de",
        )
    db.session.rollback()
    assert count(MenteeRequest) == 0
