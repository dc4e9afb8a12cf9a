"""Demo and synthetic data: realistic, deterministic, consistent with the sign-up rules, fast."""

import json
import re
from collections import Counter
from datetime import UTC, date, datetime
from importlib import resources

import pytest
from sqlalchemy import func, select

from mentoring.demo import store
from mentoring.demo.generate import demo_counts, generate
from mentoring.demo.loader import load_demo
from mentoring.demo.reference import Reference
from mentoring.demo.staff import DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD
from mentoring.eligibility import SELF_SIGNUP_MIN_AGE, fits_range, is_minor, possible_age
from mentoring.exceptions import OperationError
from mentoring.extensions import db
from mentoring.forms import PHONE_PATTERN
from mentoring.models import (
    ConsentRecord,
    Department,
    MenteeRequest,
    Place,
    PoliceCheck,
    PostalCode,
    Programme,
    RegisteredBy,
    RequestStatus,
    StaffRole,
    StaffUser,
    Volunteer,
    VolunteerStatus,
)

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
EMAIL_RE = re.compile(r"^[a-z0-9-]+\.[a-z0-9-]+\.\d+@example\.org$")


def _reference_json() -> dict:
    text = resources.files("mentoring.data").joinpath("reference.json").read_text("utf-8")
    return json.loads(text)


def _generate(ref=None, **kwargs):
    args = {"volunteers": 60, "requests": 150, "seed": 2021, "now": NOW, "privacy_version": "v1"}
    return generate(ref or Reference.from_data(_reference_json()), **{**args, **kwargs})


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


# --- pure generators ------------------------------------------------------------------------


def test_same_seed_gives_the_same_people():
    first, second = _generate(), _generate()
    assert first == second
    other = _generate(seed=7)
    assert [v["last_name"] for v in other.volunteers] != [v["last_name"] for v in first.volunteers]


def test_names_and_references_do_not_depend_on_the_date():
    first = _generate()
    later = _generate(now=datetime(2027, 3, 2, 23, 59, tzinfo=UTC))

    def key(data):
        return (
            [
                (v["first_name"], v["last_name"], v["reference"], v["email"])
                for v in data.volunteers
            ],
            [(r["person_first_name"], r["reference"], r["contact_email"]) for r in data.requests],
        )

    assert key(first) == key(later)


def test_generator_requires_timezone_aware_now():
    with pytest.raises(ValueError):
        _generate(now=datetime(2026, 11, 25, 12, 0))


def test_demo_counts_follow_the_demo_ratio():
    assert demo_counts(None, None) == (60, 150)
    assert demo_counts(100, None) == (100, 250)
    assert demo_counts(None, 250) == (100, 250)
    assert demo_counts(7, 0) == (7, 0)


def test_taken_references_are_skipped_and_numbers_offset():
    first = _generate()
    taken = {v["reference"] for v in first.volunteers} | {r["reference"] for r in first.requests}
    again = _generate(taken_references=taken, first_volunteer_number=61, first_request_number=151)
    new = {v["reference"] for v in again.volunteers} | {r["reference"] for r in again.requests}
    assert not new & taken
    assert again.volunteers[0]["email"].endswith(".61@example.org")
    assert again.requests[-1]["contact_email"].endswith(".300@example.org")


def test_every_kind_of_programme_gets_fitting_people():
    """Programmes an admin activates or adds get people of fitting age, too."""
    data = _reference_json()
    for item in data["programmes"]:
        item["active"] = True
    data["programmes"] += [
        {"code": "lesepaten", "min_age": 6, "max_age": 10, "for_families": False},
        {"code": "erwachsene", "min_age": 30, "max_age": None},
        {"code": "baby", "min_age": 0, "max_age": 1, "for_families": True},
    ]
    ref = Reference.from_data(data)
    generated = _generate(ref, volunteers=100, requests=600)
    ranges = {p.code: (p.min_age, p.max_age) for p in ref.programmes}
    assert {r["programme"] for r in generated.requests} == set(ranges)
    today = NOW.date()
    for r in generated.requests:
        ages = possible_age(r["person_birth_year"], r["person_birth_month"], today)
        assert fits_range(ages, *ranges[r["programme"]]) is True, r


def test_people_look_like_herne():
    data = _generate(volunteers=300, requests=600)
    ref = Reference.from_data(_reference_json())
    for v in data.volunteers:
        assert 1945 <= v["birth_year"] <= 1970
        assert 1 <= v["capacity"] <= 3
        assert v["availability"] > 0
        assert v["languages"][0] == "de"
        assert v["travel_places"][0] == v["place"]
        assert v["created_at"].tzinfo is not None
        assert (NOW - v["created_at"]).days < 366
        assert v["postal_code"] in ref.postal_codes
        assert set(v["tags"]) <= ref.tags
    origins = Counter(lang for v in data.volunteers for lang in v["languages"] if lang != "de")
    assert {"tr", "pl", "ar", "uk", "ru", "ku"} <= set(origins)
    occupations = {v["occupation"] for v in data.volunteers}
    assert {"Elektriker", "Bergmann unter Tage"} & occupations
    statuses = Counter(v["status"] for v in data.volunteers)
    assert set(statuses) == {VolunteerStatus.NEW, VolunteerStatus.SCREENING, VolunteerStatus.READY}
    assert set(Counter(r["status"] for r in data.requests)) == {
        RequestStatus.NEW,
        RequestStatus.OPEN,
    }
    assert set(Counter(r["registered_by"] for r in data.requests)) == set(RegisteredBy)
    kinds = {r["referrer_kind"] for r in data.requests} - {None}
    assert kinds <= {"school", "youth_office", "care_home", "business_agency", "counselling"}
    goals = [r["career_goal"] for r in data.requests if r["career_goal"]]
    assert goals and all(
        r["programme"] == "ausbildungspaten" for r in data.requests if r["career_goal"]
    )


# --- the loader -----------------------------------------------------------------------------


def test_default_demo_set_covers_programmes_and_places(app):
    report = load_demo(volunteers=None, requests=None)
    assert report == (f"Demo-Daten: 60 Ehrenamtliche, 150 Anfragen, Demo-Zugang {DEMO_STAFF_EMAIL}")
    assert 55 <= _count(Volunteer) <= 65
    assert 140 <= _count(MenteeRequest) <= 160
    active = set(db.session.scalars(select(Programme.id).where(Programme.active.is_(True))))
    places = set(db.session.scalars(select(Place.id)))
    requests = db.session.scalars(select(MenteeRequest)).all()
    volunteers = db.session.scalars(select(Volunteer)).all()
    assert {r.programme_id for r in requests} == active
    assert {p.id for v in volunteers for p in v.programmes} == active
    assert {r.place_id for r in requests} == places
    assert {v.place_id for v in volunteers} == places
    postal_codes = set(db.session.scalars(select(PostalCode.code)))
    assert {r.postal_code for r in requests} | {v.postal_code for v in volunteers} <= postal_codes


def test_loader_stores_what_the_generator_makes(app):
    """Two loads with one seed give the same people: the stored rows are the pure output."""
    load_demo(volunteers=None, requests=None)
    expected = generate(
        Reference.from_database(),
        volunteers=60,
        requests=150,
        seed=2021,
        now=NOW,
        privacy_version="v1",
    )
    stored = db.session.scalars(select(Volunteer).order_by(Volunteer.id)).all()
    assert [(v.first_name, v.last_name, v.reference, v.email) for v in stored] == [
        (v["first_name"], v["last_name"], v["reference"], v["email"]) for v in expected.volunteers
    ]
    assert [sorted(p.code for p in v.programmes) for v in stored] == [
        sorted(v["programmes"]) for v in expected.volunteers
    ]
    stored = db.session.scalars(select(MenteeRequest).order_by(MenteeRequest.id)).all()
    assert [(r.person_first_name, r.reference, r.contact_email) for r in stored] == [
        (r["person_first_name"], r["reference"], r["contact_email"]) for r in expected.requests
    ]
    assert [sorted(lang.code for lang in r.languages) for r in stored] == [
        sorted(r["languages"]) for r in expected.requests
    ]


def test_every_request_fits_its_programme_and_sign_up_rules(app):
    load_demo(volunteers=None, requests=None)
    load_demo(volunteers=40, requests=300, seed=5)
    today = date.today()
    for r in db.session.scalars(select(MenteeRequest)):
        ages = possible_age(r.person_birth_year, r.person_birth_month, today)
        programme = r.programme
        assert programme.active
        assert fits_range(ages, programme.min_age, programme.max_age) is True, r.reference
        if programme.code == "familienpaten":
            assert r.person_birth_month is not None and ages.high < 3
        if r.registered_by is RegisteredBy.SELF:
            assert not programme.for_families
            assert ages.low >= SELF_SIGNUP_MIN_AGE
            assert r.person_first_name == r.contact_first_name
        if r.registered_by is RegisteredBy.GUARDIAN:
            assert is_minor(ages)
        if r.registered_by is RegisteredBy.REFERRER:
            assert r.referrer_kind and r.referrer_organisation
        else:
            assert r.referrer_kind is None and r.referrer_organisation is None
        assert r.created_at.tzinfo is not None


def test_consents_are_recorded_like_sign_ups(app):
    load_demo(volunteers=None, requests=None)
    version = app.config["PRIVACY_TEXT_VERSION"]
    today = date.today()
    assert set(db.session.scalars(select(ConsentRecord.text_version))) == {version}
    for v in db.session.scalars(select(Volunteer)):
        assert [(c.given_by_role, c.on_behalf_of, c.given_by_name) for c in v.consents] == [
            ("self", "self", v.full_name)
        ]
    minors_by_others = 0
    for r in db.session.scalars(select(MenteeRequest)):
        minor = is_minor(possible_age(r.person_birth_year, r.person_birth_month, today))
        first = r.consents[0]
        assert first.purpose == "participation"
        assert first.given_by_role == r.registered_by.value
        assert first.given_by_name == f"{r.contact_first_name} {r.contact_last_name}"
        guardian = [c for c in r.consents if c.purpose == "guardian_consent"]
        if minor and r.registered_by is not RegisteredBy.GUARDIAN:
            minors_by_others += 1
            assert len(guardian) == 1
            assert (guardian[0].given_by_role, guardian[0].on_behalf_of) == ("guardian", "minor")
        else:
            assert not guardian
    assert minors_by_others > 0


def test_language_guides_share_languages_with_families(app):
    """Sprachlots*innen: requests and volunteers meet in a language other than German."""
    load_demo(volunteers=None, requests=None)
    programme = db.session.scalar(select(Programme).where(Programme.code == "sprachlotsen"))
    volunteers = [v for v in db.session.scalars(select(Volunteer)) if programme in v.programmes]
    requests = db.session.scalars(
        select(MenteeRequest).where(MenteeRequest.programme_id == programme.id)
    ).all()
    assert volunteers and requests
    spoken = {lang.code for v in volunteers for lang in v.languages} - {"de"}
    for v in volunteers:
        assert {lang.code for lang in v.languages} - {"de", "en"}
    shared = [r for r in requests if {lang.code for lang in r.languages} & spoken]
    assert len(shared) >= 0.7 * len(requests)
    assert all("de" not in {lang.code for lang in r.languages} for r in requests)


def test_screening_matches_status(app):
    load_demo(volunteers=None, requests=None)
    checked = set(db.session.scalars(select(PoliceCheck.volunteer_id)))
    for v in db.session.scalars(select(Volunteer)):
        if v.status is VolunteerStatus.READY:
            assert v.interview_on and v.training_on
            if any(p.requires_police_certificate for p in v.programmes):
                assert v.id in checked
        if v.status is VolunteerStatus.NEW:
            assert v.interview_on is None and v.id not in checked
    for check in db.session.scalars(select(PoliceCheck)):
        assert 0 < (check.inspected_on - check.issue_date).days <= 90
        assert check.conviction_listed is False


def test_if_empty_loads_once(app):
    first = load_demo(volunteers=None, requests=None, if_empty=True)
    assert first.startswith("Demo-Daten: 60 Ehrenamtliche")
    second = load_demo(volunteers=None, requests=None, if_empty=True)
    assert "nicht geladen" in second
    assert (_count(Volunteer), _count(MenteeRequest)) == (60, 150)


def test_synthetic_set_has_exact_counts_and_unique_emails(app):
    report = load_demo(volunteers=200, requests=500)
    assert report.startswith("Synthetische Daten: 200 Ehrenamtliche, 500 Anfragen")
    assert (_count(Volunteer), _count(MenteeRequest)) == (200, 500)
    # Loading again (same seed) must not collide with the stored addresses or references.
    load_demo(volunteers=200, requests=None)
    assert (_count(Volunteer), _count(MenteeRequest)) == (400, 1000)
    emails = list(db.session.scalars(select(Volunteer.email)))
    assert len(set(emails)) == len(emails) == 400
    contact_emails = list(db.session.scalars(select(MenteeRequest.contact_email)))
    assert all(EMAIL_RE.match(e) for e in emails + contact_emails)
    references = list(db.session.scalars(select(Volunteer.reference))) + list(
        db.session.scalars(select(MenteeRequest.reference))
    )
    assert len(set(references)) == len(references)
    assert all(re.fullmatch(r"[EA]-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", x) for x in references)
    phones = [v.phone for v in db.session.scalars(select(Volunteer)) if v.phone]
    assert phones and all(re.match(PHONE_PATTERN, p) and p.startswith("02323 ") for p in phones)


def test_ids_continue_after_the_load(app):
    """Real sign-ups after a load get fresh ids (sequences advanced on PostgreSQL)."""
    load_demo(volunteers=5, requests=5)
    place = db.session.scalar(select(Place))
    volunteer = Volunteer(
        reference="E-TEST-2345",
        first_name="Erika",
        last_name="Muster",
        email="erika@example.org",
        birth_year=1955,
        postal_code="44623",
        place=place,
    )
    db.session.add(volunteer)
    db.session.commit()
    assert volunteer.id == 6


def test_demo_staff_account(app):
    load_demo(volunteers=None, requests=None)
    load_demo(volunteers=3, requests=3)
    staff = db.session.scalars(select(StaffUser).where(StaffUser.email == DEMO_STAFF_EMAIL)).all()
    assert len(staff) == 1
    assert staff[0].role is StaffRole.ADMIN
    assert staff[0].password_hash.startswith("scrypt:")
    assert staff[0].check_password(DEMO_STAFF_PASSWORD)
    assert not staff[0].check_password("falsch")
    assert {d.id for d in staff[0].departments} == set(db.session.scalars(select(Department.id)))


def test_failure_leaves_nothing_written(app, monkeypatch):
    def broken(table, rows):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_insert", broken)
    with pytest.raises(RuntimeError):
        load_demo(volunteers=10, requests=10)
    db.session.remove()
    assert _count(Volunteer) == _count(MenteeRequest) == _count(StaffUser) == 0


def test_cli_loads_synthetic_set(app):
    result = app.test_cli_runner().invoke(
        args=["demo", "load", "--volunteers", "20", "--requests", "50"]
    )
    assert result.exit_code == 0, result.output
    assert "20 Ehrenamtliche, 50 Anfragen" in result.output
    assert (_count(Volunteer), _count(MenteeRequest)) == (20, 50)
    again = app.test_cli_runner().invoke(args=["demo", "load", "--if-empty"])
    assert again.exit_code == 0 and "nicht geladen" in again.output


def test_refuses_a_database_with_real_sign_ups(app, client):
    """Demo people and the demo account never join real data; --if-empty stays quiet."""
    from tests.support.forms import post_form, volunteer_form

    response = post_form(client, "/anmelden/ehrenamt", volunteer_form(email="gisela@web.de"))
    assert response.status_code in (200, 302)
    assert _count(Volunteer) == 1
    with pytest.raises(OperationError, match="nicht vom Demo-Lader"):
        load_demo(volunteers=3, requests=3)
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code != 0 and "nicht vom Demo-Lader" in result.output
    quiet = app.test_cli_runner().invoke(args=["demo", "load", "--if-empty"])
    assert quiet.exit_code == 0 and "nicht geladen" in quiet.output
    assert _count(Volunteer) == 1
    assert db.session.scalar(select(StaffUser).where(StaffUser.email == DEMO_STAFF_EMAIL)) is None


def test_refuses_in_production(app):
    app.config["MENTORING_ENV"] = "production"
    with pytest.raises(OperationError, match="Produktivbetrieb"):
        load_demo(volunteers=3, requests=3)
    assert _count(Volunteer) == 0 and _count(StaffUser) == 0
