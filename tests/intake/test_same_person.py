""" "Same person" has one definition: the Python check on two rows and the SQL expression agree."""

import itertools

from sqlalchemy import select
from sqlalchemy.orm import aliased

from mentoring.extensions import db
from mentoring.models import MenteeRequest, Volunteer
from tests.support.factories import PROGRAMME_B, make_request, make_volunteer


def _pairs_by_sql(model) -> set[tuple[int, int]]:
    other = aliased(model)
    rows = db.session.execute(
        select(model.id, other.id).join(other, model.same_person_as(other))
    ).all()
    return {tuple(row) for row in rows}


def _pairs_by_python(model) -> set[tuple[int, int]]:
    rows = db.session.scalars(select(model)).all()
    return {(a.id, b.id) for a, b in itertools.product(rows, rows) if a.same_person_as(b)}


def test_volunteers_python_and_sql_agree(app):
    anna = make_volunteer(first_name="Anna", last_name="Berg", birth_year=1970)
    again = make_volunteer(first_name="ANNA", last_name="berg", birth_year=1970)
    make_volunteer(first_name="Anna", last_name="Berg", birth_year=1971)
    make_volunteer(first_name="Anne", last_name="Berg", birth_year=1970)
    pairs = _pairs_by_sql(Volunteer)
    assert pairs == _pairs_by_python(Volunteer)
    assert pairs == {(anna.id, again.id), (again.id, anna.id)}
    assert not anna.same_person_as(anna)


def test_requests_python_and_sql_agree(app):
    first = make_request(
        person_first_name="Deniz", person_birth_year=2010, contact_email="a@example.org"
    )
    by_email = make_request(
        person_first_name="deniz", person_birth_year=2010, contact_email="a@example.org"
    )
    by_name = make_request(
        person_first_name="Deniz",
        person_birth_year=2010,
        contact_last_name=first.contact_last_name.upper(),
    )
    make_request(person_first_name="Deniz", person_birth_year=2011, contact_email="a@example.org")
    make_request(
        person_first_name="Deniz",
        person_birth_year=2010,
        contact_email="a@example.org",
        programme_code=PROGRAMME_B,
    )
    pairs = _pairs_by_sql(MenteeRequest)
    assert pairs == _pairs_by_python(MenteeRequest)
    # Not transitive: by_email and by_name share neither address nor contact name.
    assert {tuple(sorted(p)) for p in pairs} == {(first.id, by_email.id), (first.id, by_name.id)}


def _without_email(**overrides) -> MenteeRequest:
    row = make_request(**overrides)
    row.contact_email = None
    db.session.commit()
    return row


def test_requests_without_e_mail_are_not_the_same_person_by_a_missing_address(app):
    """None is never equal to None as a key: two families without e-mail, same baby name."""
    one = _without_email(person_first_name="Lina", person_birth_year=2025)
    other = _without_email(person_first_name="Lina", person_birth_year=2025)
    pairs = _pairs_by_sql(MenteeRequest)
    assert pairs == _pairs_by_python(MenteeRequest) == set()
    assert not one.same_person_as(other)
    # The contact's name still tells a repeat sign-up.
    again = _without_email(
        person_first_name="Lina", person_birth_year=2025, contact_last_name=one.contact_last_name
    )
    assert one.same_person_as(again)
    assert _pairs_by_sql(MenteeRequest) == _pairs_by_python(MenteeRequest)


def test_lists_flag_no_look_alikes_for_missing_e_mail_addresses(app, coordinator):
    from mentoring.intake.queries import _all_likely_duplicates, _likely_duplicates_among
    from mentoring.scoping import visible_request_clause

    rows = [_without_email(person_first_name="Lina", person_birth_year=2025) for _ in range(3)]
    visible = visible_request_clause(coordinator)
    assert _all_likely_duplicates(MenteeRequest, visible) == set()
    assert _likely_duplicates_among(MenteeRequest, visible, rows) == set()
    twin = _without_email(
        person_first_name="lina",
        person_birth_year=2025,
        contact_last_name=rows[0].contact_last_name,
    )
    assert _all_likely_duplicates(MenteeRequest, visible) == {rows[0].id, twin.id}
    assert _likely_duplicates_among(MenteeRequest, visible, rows) == {rows[0].id}


def test_volunteers_without_e_mail_are_stored_side_by_side(app):
    first = make_volunteer(first_name="Wilhelm", last_name="Ohne", birth_year=1956)
    second = make_volunteer(first_name="Waltraud", last_name="Ohne", birth_year=1950)
    first.email = second.email = None  # unique only when present
    db.session.commit()
    assert not first.same_person_as(second)
