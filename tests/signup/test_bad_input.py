"""Input that gave server errors: blank numbers, odd months, NUL bytes, long hidden fields."""

from sqlalchemy import func, select

from mentoring.extensions import db
from mentoring.models import AccessibilityFeedback, MenteeRequest, Volunteer
from tests.support.forms import mentee_form, post_form, volunteer_form

REFERRER = "/anmelden/unterstuetzung/fachkraft"
UNREADABLE = "Zeichen, die wir nicht lesen können"


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_blank_birth_year_is_asked_for_again(client):
    volunteer = post_form(client, "/anmelden/ehrenamt", volunteer_form(birth_year="   "))
    assert volunteer.status_code == 200
    assert "Bitte geben Sie Ihr Geburtsjahr als Zahl ein" in volunteer.get_data(as_text=True)
    mentee = post_form(client, REFERRER, mentee_form(person_birth_year=" "))
    assert mentee.status_code == 200
    assert "Bitte geben Sie das Geburtsjahr als Zahl ein" in mentee.get_data(as_text=True)
    assert count(Volunteer) == count(MenteeRequest) == 0


def test_a_birth_month_that_is_no_month_is_refused_on_the_referrer_path(client):
    for month in ("x", "13", "١٣", "²", "-1"):
        response = post_form(client, REFERRER, mentee_form(person_birth_month=month))
        assert response.status_code == 200, month
    assert count(MenteeRequest) == 0


def test_a_birth_month_in_arabic_indic_digits_is_the_month_it_names(client):
    response = post_form(client, REFERRER, mentee_form(person_birth_month="١"))
    assert response.status_code == 302
    assert db.session.scalar(select(MenteeRequest.person_birth_month)) == 1


def test_nul_bytes_get_a_form_error_on_every_public_form(client):
    volunteer = post_form(client, "/anmelden/ehrenamt", volunteer_form(occupation="Kauf\x00frau"))
    mentee = post_form(client, REFERRER, mentee_form(referrer_organisation="Schule\x00"))
    feedback = post_form(client, "/barrierefreiheit", {"message": "Zu\x00 klein"})
    for response in (volunteer, mentee, feedback):
        assert response.status_code == 200
        assert UNREADABLE in response.get_data(as_text=True)
    assert count(Volunteer) == count(MenteeRequest) == count(AccessibilityFeedback) == 0


def test_feedback_keeps_at_most_the_column_of_an_overlong_page(client):
    long_page = "https://mentoring.example.org/?" + "a" * 5000
    response = post_form(
        client,
        "/barrierefreiheit",
        {"message": "Zu klein.", "page": long_page},
        follow_redirects=True,
    )
    assert response.status_code == 200
    stored = db.session.scalar(select(AccessibilityFeedback))
    assert stored.page == long_page[:300]


def test_a_stored_sign_up_says_thank_you(client):
    response = post_form(client, REFERRER, mentee_form())
    assert response.status_code == 302 and response.location.endswith("/anmelden/danke")
    assert db.session.scalar(select(MenteeRequest.signup_key)) is not None
