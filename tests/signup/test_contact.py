"""Contact without e-mail: e-mail OR phone OR postal address, a consistent channel, the language
of correspondence, an interpreter, a Latin-script name; the referrer's direct contact."""

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from mentoring.extensions import db
from mentoring.models import (
    ContactChannel,
    DirectContact,
    DuplicateSignup,
    MenteeRequest,
    Volunteer,
)
from tests.support.forms import mentee_form, place_id, post_form, programme_id, volunteer_form

YEAR = date.today().year
VOLUNTEER = "/anmelden/ehrenamt"
SELF = "/anmelden/unterstuetzung/selbst"
FAMILY = "/anmelden/unterstuetzung/familie"
REFERRER = "/anmelden/unterstuetzung/fachkraft"
NOTHING_GIVEN = "eine Telefonnummer oder eine Anschrift"


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def family_form(**overrides) -> dict:
    """An Arabic-speaking mother of a baby, for Familienpaten."""
    data = mentee_form(
        programme=programme_id("familienpaten"),
        contact_first_name="Amira",
        contact_last_name="Haddad",
        contact_email="",
        contact_phone="0176 1234567",
        contact_channel="phone",
        person_first_name="Lina",
        person_last_name="",
        person_birth_year=str(YEAR - 1),
        person_birth_month="1",
        postal_code="44623",
        place=place_id("mitte"),
        languages=["ar", "de"],
        career_goal="",
        guardian_name="",
        guardian_consent="",
        referrer_kind="",
        referrer_organisation="",
    )
    data.update(overrides)
    return data


def self_form(**overrides) -> dict:
    data = mentee_form(
        contact_first_name="Deniz",
        contact_last_name="Demir",
        person_first_name="",
        person_last_name="",
        person_birth_year=str(YEAR - 20),
        referrer_kind="",
        referrer_organisation="",
        guardian_name="",
        guardian_consent="",
    )
    data.update(overrides)
    return data


# --- Volunteers -------------------------------------------------------------------------------


def test_a_volunteer_without_e_mail_signs_up_by_phone(client):
    response = post_form(
        client, VOLUNTEER, volunteer_form(email="", contact_channel="phone", interpreter_needed="")
    )
    assert response.status_code == 302
    volunteer = db.session.scalar(select(Volunteer))
    assert volunteer.email is None
    assert volunteer.phone == "02323 123456"
    assert volunteer.contact_channel is ContactChannel.PHONE
    assert volunteer.correspondence_language == "de"
    assert volunteer.interpreter_needed is False


def test_a_volunteer_with_only_a_postal_address_is_written_to(client):
    data = volunteer_form(
        email="",
        phone="",
        street="Bahnhofstraße",
        house_number="12a",
        contact_channel="letter",
        correspondence_language="tr",
        interpreter_needed="y",
        name_latin="Gisela Kowalski",
    )
    assert post_form(client, VOLUNTEER, data).status_code == 302
    volunteer = db.session.scalar(select(Volunteer))
    assert (volunteer.email, volunteer.phone) == (None, None)
    assert (volunteer.street, volunteer.house_number) == ("Bahnhofstraße", "12a")
    assert volunteer.contact_channel is ContactChannel.LETTER
    assert volunteer.correspondence_language == "tr"
    assert volunteer.interpreter_needed is True
    assert volunteer.name_latin == "Gisela Kowalski"


def test_no_way_to_reach_the_person_is_explained_and_nothing_is_stored(client):
    data = volunteer_form(email="", phone="", contact_channel="")
    response = post_form(client, VOLUNTEER, data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert NOTHING_GIVEN in html and 'href="#email"' in html
    assert count(Volunteer) == 0


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"contact_channel": "letter"}, "street", "„Per Brief“ gewählt"),
        ({"contact_channel": "phone", "phone": ""}, "phone", "„Per Telefon“ gewählt"),
        ({"contact_channel": "email", "email": ""}, "email", "„Per E-Mail“ gewählt"),
        ({"contact_channel": ""}, "contact_channel", "per E-Mail, Telefon oder Brief"),
        ({"contact_channel": " \t"}, "contact_channel", "per E-Mail, Telefon oder Brief"),
        ({"house_number": "3"}, "street", "auch die Straße"),
        ({"contact_channel": "fax"}, "contact_channel", ""),
    ],
)
def test_the_chosen_channel_needs_its_details(client, overrides, field, message):
    response = post_form(client, VOLUNTEER, volunteer_form(**overrides))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'href="#{field}' in html
    assert message in html
    assert count(Volunteer) == 0


def test_without_a_choice_the_only_way_given_is_the_channel(client):
    post_form(client, VOLUNTEER, volunteer_form(email="", contact_channel=""))
    assert db.session.scalar(select(Volunteer.contact_channel)) is ContactChannel.PHONE


def test_two_volunteers_without_e_mail_are_two_people(client):
    first = volunteer_form(email="", contact_channel="phone")
    second = volunteer_form(email="", contact_channel="phone", first_name="Horst", phone="02325 1")
    assert post_form(client, VOLUNTEER, first).status_code == 302
    assert post_form(client, VOLUNTEER, second).status_code == 302
    assert count(Volunteer) == 2 and count(DuplicateSignup) == 0


def test_the_correspondence_language_defaults_to_the_page_language(client):
    html = client.get(VOLUNTEER + "?lang=ar").get_data(as_text=True)
    assert '<option selected value="ar">' in html
    html = client.get(FAMILY + "?lang=uk").get_data(as_text=True)
    assert '<option selected value="uk">' in html


# --- Requests: self, family, referrer ---------------------------------------------------------


def test_a_young_adult_signs_up_with_phone_only(client):
    data = self_form(contact_email="", contact_phone="0176 555 1234", contact_channel="phone")
    assert post_form(client, SELF, data).status_code == 302
    request_row = db.session.scalar(select(MenteeRequest))
    assert request_row.contact_email is None
    assert request_row.contact_channel is ContactChannel.PHONE


def test_a_mother_without_e_mail_signs_up_by_phone_in_arabic(client):
    data = family_form(correspondence_language="ar", interpreter_needed="y", name_latin="Amira")
    response = post_form(client, FAMILY + "?lang=ar", data)
    assert response.status_code == 302
    request_row = db.session.scalar(select(MenteeRequest))
    assert request_row.contact_email is None
    assert request_row.contact_phone == "0176 1234567"
    assert request_row.correspondence_language == "ar"
    assert request_row.interpreter_needed is True
    assert request_row.locale == "ar"


def test_a_family_with_only_an_address_gets_letters(client):
    data = family_form(
        contact_phone="", contact_channel="letter", street="Hauptstraße", house_number="7"
    )
    assert post_form(client, FAMILY, data).status_code == 302
    request_row = db.session.scalar(select(MenteeRequest))
    assert request_row.contact_channel is ContactChannel.LETTER
    assert (request_row.street, request_row.house_number) == ("Hauptstraße", "7")


@pytest.mark.parametrize("url_form", [(SELF, self_form), (FAMILY, family_form)])
def test_a_request_with_no_way_to_reach_anyone_is_refused(client, url_form):
    url, form = url_form
    data = form(contact_email="", contact_phone="", contact_channel="")
    response = post_form(client, url, data)
    assert response.status_code == 200
    assert NOTHING_GIVEN in response.get_data(as_text=True)
    assert count(MenteeRequest) == 0


def test_two_families_without_e_mail_are_not_one_duplicate(client):
    """Same programme, same baby name and year: without e-mail they differ by phone and name."""
    assert post_form(client, FAMILY, family_form()).status_code == 302
    other = family_form(contact_last_name="Saleh", contact_phone="0176 7654321")
    assert post_form(client, FAMILY, other).status_code == 302
    assert count(MenteeRequest) == 2 and count(DuplicateSignup) == 0
    # The same family again is flagged, not stored twice.
    assert post_form(client, FAMILY, family_form()).status_code == 302
    assert count(MenteeRequest) == 2 and count(DuplicateSignup) == 1


def test_the_referrer_gives_the_young_persons_surname(client):
    response = post_form(client, REFERRER, mentee_form(person_last_name=""))
    assert response.status_code == 200
    assert 'href="#person_last_name"' in response.get_data(as_text=True)
    assert post_form(client, REFERRER, mentee_form()).status_code == 302
    assert db.session.scalar(select(MenteeRequest.person_last_name)) == "Demir"


def test_the_referrer_asks_the_office_to_call_the_guardian_directly(client):
    data = mentee_form(
        direct_contact="guardian",
        direct_contact_name="Ayşe Demir",
        direct_contact_phone="0176 2223334",
        contact_channel="phone",
        correspondence_language="tr",
        interpreter_needed="y",
    )
    assert post_form(client, REFERRER, data).status_code == 302
    request_row = db.session.scalar(select(MenteeRequest))
    assert request_row.direct_contact is DirectContact.GUARDIAN
    assert request_row.direct_contact_name == "Ayşe Demir"
    assert request_row.direct_contact_phone == "0176 2223334"
    assert request_row.contact_email == "kaoa@schule.example.org"  # the referrer, for questions
    assert request_row.contact_channel is ContactChannel.PHONE
    assert request_row.correspondence_language == "tr"


def test_a_direct_contact_needs_a_name_and_a_way_to_reach_them(client):
    data = mentee_form(direct_contact="young_person", contact_channel="phone")
    response = post_form(client, REFERRER, data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'href="#direct_contact_name"' in html
    assert NOTHING_GIVEN in html  # the referrer's own e-mail does not reach the young person
    assert count(MenteeRequest) == 0


def test_a_blank_direct_contact_choice_is_no_choice(client):
    assert post_form(client, REFERRER, mentee_form(direct_contact="  ")).status_code == 302
    assert db.session.scalar(select(MenteeRequest.direct_contact)) is None


def test_direct_contact_details_without_the_choice_are_not_stored(client):
    data = mentee_form(direct_contact="", direct_contact_name="Jemand", direct_contact_phone="x")
    assert post_form(client, REFERRER, data).status_code == 302
    request_row = db.session.scalar(select(MenteeRequest))
    assert request_row.direct_contact is None
    assert request_row.direct_contact_name is None and request_row.direct_contact_phone is None


# --- Texts that fit the path; career questions only for career programmes ---------------------


def test_the_referrer_form_asks_about_the_young_person(client):
    html = client.get(REFERRER).get_data(as_text=True)
    assert "Wann hat die junge Person Zeit?" in html
    assert "Welche Berufsfelder interessieren die junge Person?" in html
    assert "Wann haben Sie Zeit?" not in html
    assert "Welche Berufsfelder interessieren Sie?" not in html


def test_the_family_form_asks_about_the_child_and_marks_career_questions(client):
    html = client.get(FAMILY).get_data(as_text=True)
    assert "Welche Berufsfelder interessieren Ihr Kind?" in html
    career = programme_id("ausbildungspaten")
    family = programme_id("familienpaten")
    marked = re.findall(r'<input[^>]*data-about-careers[^>]*value="(\d+)"', html)
    assert marked == [career]  # only Ausbildungspaten is about careers
    assert f'value="{family}"' in html
    assert '<div class="career-only">' in html


def test_career_answers_for_a_family_programme_are_dropped(client):
    data = family_form(
        career_fields=[_career_tag_id()], career_goal="Industriemechanikerin", needs=[]
    )
    assert post_form(client, FAMILY, data).status_code == 302
    request_row = db.session.scalar(select(MenteeRequest))
    assert request_row.career_goal is None
    assert request_row.tags == []


def test_career_answers_for_ausbildungspaten_are_kept(client):
    data = mentee_form(career_fields=[_career_tag_id()])
    assert post_form(client, REFERRER, data).status_code == 302
    request_row = db.session.scalar(select(MenteeRequest))
    assert request_row.career_goal == "Ausbildung als Elektroniker"
    assert [t.id for t in request_row.tags] == [int(_career_tag_id())]


def test_a_volunteer_for_families_only_keeps_no_career_fields(client):
    data = volunteer_form(
        programmes=[programme_id("klein-trifft-gross")], career_fields=[_career_tag_id()]
    )
    assert post_form(client, VOLUNTEER, data).status_code == 302
    assert db.session.scalar(select(Volunteer)).tags == []


def _career_tag_id() -> str:
    from mentoring.models import Tag, TagKind

    return str(db.session.scalar(select(Tag.id).where(Tag.kind == TagKind.CAREER_FIELD).limit(1)))
