"""Digits of any script (Arabic-Indic ٤٤٦٤٩, Persian ۴۴۶۴۹, Devanagari, full-width, …) are read as
the digits they are in every number field of the forms."""

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from mentoring.extensions import db
from mentoring.input_limits import ascii_digits
from mentoring.models import MenteeRequest, RegisteredBy, Volunteer
from mentoring.signup.forms import MenteeForm, VolunteerForm
from tests.support.forms import mentee_form, post_form, volunteer_form

# The zero of every decimal digit set in Unicode (each set is ten consecutive code points).
ZEROS = [
    chr(code)
    for code in range(0x110000)
    if unicodedata.category(chr(code)) == "Nd" and unicodedata.decimal(chr(code)) == 0
]


def in_script(number: int | str, zero: str) -> str:
    return "".join(chr(ord(zero) + int(d)) if d.isdigit() else d for d in str(number))


def test_the_digit_sets_include_the_ones_people_in_herne_type():
    assert {"0", "\u0660", "\u06f0", "\u0966", "\uff10"} <= set(ZEROS)
    assert len(ZEROS) > 50


@given(number=st.integers(min_value=0, max_value=10**12), zero=st.sampled_from(ZEROS))
def test_ascii_digits_reads_every_script(number, zero):
    assert ascii_digits(in_script(number, zero)) == str(number)


@given(text=st.text())
def test_ascii_digits_keeps_everything_but_digits(text):
    result = ascii_digits(text)
    assert len(result) == len(text)
    for before, after in zip(text, result, strict=True):
        assert after == before or (before.isdecimal() and after == str(unicodedata.decimal(before)))


def test_superscripts_are_not_decimal_digits():
    assert ascii_digits("²³") == "²³"


def _volunteer_form(app, data: dict) -> VolunteerForm:
    with app.test_request_context("/anmelden/ehrenamt", method="POST", data=data):
        form = VolunteerForm(meta={"csrf": False})
        form.fill_choices()
        form.validate()
        return form


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(zero=st.sampled_from(ZEROS))
def test_every_number_field_of_the_volunteer_form_reads_any_script(app, zero):
    data = volunteer_form(
        postal_code=in_script("44649", zero),
        birth_year=in_script("1956", zero),
        capacity=in_script("2", zero),
        travel_radius=in_script("5", zero),
        preferred_min_age=in_script("14", zero),
        preferred_max_age=in_script("20", zero),
        phone=in_script("02323 123456", zero),
        street="Bahnhofstraße",
        house_number=in_script("12", zero),
    )
    form = _volunteer_form(app, data)
    assert form.errors == {}
    assert form.postal_code.data == "44649"
    assert form.birth_year.data == 1956
    assert form.capacity.data == "2"
    assert form.travel_radius.data == "5"
    assert (form.preferred_min_age.data, form.preferred_max_age.data) == (14, 20)
    assert form.phone.data == "02323 123456"
    assert form.house_number.data == "12"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(zero=st.sampled_from(ZEROS), month=st.integers(1, 12))
def test_the_family_form_reads_year_month_and_children_in_any_script(app, zero, month):
    data = mentee_form(
        person_birth_year=in_script("2008", zero),
        person_birth_month=in_script(month, zero),
        children_count=in_script("3", zero),
        postal_code=in_script("44623", zero),
    )
    with app.test_request_context("/x", method="POST", data=data):
        form = MenteeForm(registered_by=RegisteredBy.REFERRER, meta={"csrf": False})
        form.fill_choices()
        form.validate()
    assert "postal_code" not in form.errors and "children_count" not in form.errors
    assert form.person_birth_year.data == 2008
    assert form.person_birth_month.data == str(month)
    assert form.children_count.data == 3
    assert form.postal_code.data == "44623"


def test_an_eastern_arabic_postcode_is_in_herne(client):
    """The report of issue 12: ٤٤٦٤٩ was refused as "not in Herne"."""
    data = volunteer_form(postal_code="٤٤٦٤٩", birth_year="١٩٥٦", phone="٠٢٣٢٣ ١٢٣٤٥٦")
    assert post_form(client, "/anmelden/ehrenamt?lang=ar", data).status_code == 302
    volunteer = db.session.scalar(select(Volunteer))
    assert (volunteer.postal_code, volunteer.birth_year) == ("44649", 1956)
    assert volunteer.phone == "02323 123456"
    data = mentee_form(postal_code="۴۴۶۴۹", person_birth_year=mentee_form()["person_birth_year"])
    assert post_form(client, "/anmelden/unterstuetzung/fachkraft", data).status_code == 302
    assert db.session.scalar(select(MenteeRequest.postal_code)) == "44649"


def test_digits_in_names_and_free_text_stay_as_written(client):
    data = volunteer_form(occupation="Lehrerin an Schule ٥")
    assert post_form(client, "/anmelden/ehrenamt", data).status_code == 302
    assert db.session.scalar(select(Volunteer.occupation)) == "Lehrerin an Schule ٥"
