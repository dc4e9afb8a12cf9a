"""Staff editing of a volunteer's and a request's sign-up answers: every field, the public form's
rules, only changed fields written, field names (never values) audited, history, refusals."""

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import (
    AuditEntry,
    ConsentRecord,
    MenteeRequest,
    ProposalStatus,
    RegisteredBy,
    Tag,
    TandemStatus,
    Volunteer,
    VolunteerStatus,
)
from mentoring.operations import OperationError
from mentoring.operations.records import update_volunteer
from tests.support.factories import (
    make_proposal,
    make_request,
    make_tandem,
    make_volunteer,
    today,
)
from tests.support.forms import csrf_token, current_values, place_id, programme_id


def tag_id(code: str) -> str:
    return str(db.session.scalar(select(Tag.id).where(Tag.code == code)))


def edit_url(row) -> str:
    if isinstance(row, Volunteer):
        return f"/dashboard/ehrenamtliche/{row.id}/bearbeiten"
    return f"/dashboard/anfragen/{row.id}/bearbeiten"


def detail_url(row) -> str:
    return edit_url(row).removesuffix("/bearbeiten")


def post_edit(client, row, **changes):
    """Open the edit page, change some fields, submit it like a browser."""
    page = client.get(edit_url(row))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    values = current_values(html, edit_url(row))
    values.update({k: v if isinstance(v, list) else [v] for k, v in changes.items()})
    values["csrf_token"] = [csrf_token(html)]
    return client.post(edit_url(row), data=values)


def audit_entries(subject_type: str, subject_id: int) -> list[AuditEntry]:
    return list(
        db.session.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "update",
                AuditEntry.subject_type == subject_type,
                AuditEntry.subject_id == subject_id,
            )
        )
    )


def audited_fields(subject_type: str, subject_id: int) -> set[str]:
    names = set()
    for entry in audit_entries(subject_type, subject_id):
        names.update(entry.detail.removeprefix("fields=").split(","))
    return names


# (form field, new value, attribute audited, how to read the stored value)
VOLUNTEER_CHANGES = [
    ("first_name", "Gertrud", "first_name", lambda v: v.first_name),
    ("last_name", "Neumann", "last_name", lambda v: v.last_name),
    ("birth_year", "1950", "birth_year", lambda v: v.birth_year),
    ("email", "Gertrud.Neu@Example.org", "email", lambda v: v.email),
    ("phone", "0234 987654", "phone", lambda v: v.phone),
    ("postal_code", "44623", "postal_code", lambda v: v.postal_code),
    ("place", "place:wanne", "place_id", lambda v: v.place.code),
    # Dropping one: only programmes of the user's departments may be added (test below).
    ("programmes", ["prog:ausbildungspaten"], "programmes", None),
    ("capacity", "3", "capacity", lambda v: v.capacity),
    ("availability", ["mon-morning", "fri-evening"], "availability", None),
    ("travel_places", ["place:wanne", "place:crange"], "travel_places", None),
    ("travel_radius", "5", "travel_radius_km", lambda v: v.travel_radius_km),
    ("languages", ["de", "ar"], "languages", lambda v: [lang.code for lang in v.languages]),
    ("occupation", "Elektriker", "occupation", lambda v: v.occupation),
    ("expertise", ["tag:handwerk"], "tags", lambda v: [t.code for t in v.tags]),
    ("career_fields", ["tag:bau"], "tags", lambda v: [t.code for t in v.tags]),
    ("experience", "30 Jahre im Betrieb", "experience", lambda v: v.experience),
    ("interests", "Garten", "interests", lambda v: v.interests),
    ("preferred_min_age", "14", "preferred_min_age", lambda v: v.preferred_min_age),
    ("preferred_max_age", "20", "preferred_max_age", lambda v: v.preferred_max_age),
    ("partner_wishes", "gern handwerklich", "partner_wishes", lambda v: v.partner_wishes),
    ("heard_from", "newspaper", "heard_from", lambda v: v.heard_from),
]


def _resolve(value):
    if isinstance(value, list):
        return [_resolve(v) for v in value]
    if value.startswith("place:"):
        return place_id(value.removeprefix("place:"))
    if value.startswith("prog:"):
        return programme_id(value.removeprefix("prog:"))
    if value.startswith("tag:"):
        return tag_id(value.removeprefix("tag:"))
    return value


@pytest.mark.parametrize(
    "field,value,attribute,read", VOLUNTEER_CHANGES, ids=[c[0] for c in VOLUNTEER_CHANGES]
)
def test_each_volunteer_field_is_editable_and_audited_by_name_only(
    client_a, app, field, value, attribute, read
):
    volunteer = make_volunteer(
        first_name="Gisela",
        last_name="Kowalski",
        occupation="Lehrerin",
        programmes=("ausbildungspaten", "sprachlotsen"),
    )
    response = post_edit(client_a, volunteer, **{field: _resolve(value)})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    db.session.expire_all()
    volunteer = db.session.get(Volunteer, volunteer.id)
    if read is not None:
        expected = value.lower() if field == "email" else value
        stored = read(volunteer)
        if field == "place":
            expected = "wanne"
        elif field in ("expertise", "career_fields"):
            expected = [value[0].removeprefix("tag:")]
        elif isinstance(stored, int | float) and not isinstance(expected, list):
            expected = type(stored)(expected)
        assert stored == expected
    # One entry naming the field, nothing else: no old or new value.
    assert [e.detail for e in audit_entries("volunteer", volunteer.id)] == [f"fields={attribute}"]


def test_unchanged_form_writes_nothing(client_a, app):
    volunteer = make_volunteer(tags=("handwerk", "bau"), travel_places=[])
    response = post_edit(client_a, volunteer)
    assert response.status_code == 302
    assert audit_entries("volunteer", volunteer.id) == []
    page = client_a.get(detail_url(volunteer)).get_data(as_text=True)
    assert "Es wurde nichts geändert." in page


def test_several_fields_in_one_save_are_one_history_row_with_german_labels(
    client_a, app, coordinator_a
):
    volunteer = make_volunteer()
    post_edit(client_a, volunteer, phone="0234 11111", availability=["wed-evening"])
    page = client_a.get(detail_url(volunteer)).get_data(as_text=True)
    assert "Änderungsverlauf" in page
    assert "Telefon, Zeiten" in page or "Zeiten, Telefon" in page
    assert coordinator_a.name in page
    assert "0234 11111" in page  # shown in the record, not in the history or log
    assert all("0234" not in e.detail for e in audit_entries("volunteer", volunteer.id))


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("postal_code", "12345", "Diese Postleitzahl liegt nicht in Herne."),
        ("birth_year", "2020", "Ehrenamtliche müssen mindestens 18 Jahre alt sein"),
        ("birth_year", "neunzehn", "Bitte geben Sie eine Zahl ein"),
        ("email", "kein-at", "gültige E-Mail-Adresse"),
        ("phone", "ruf mich an", "Telefonnummer nur mit Ziffern"),
        ("languages", [], "mindestens eine Sprache"),
        ("availability", [], "mindestens eine Zeit"),
        ("programmes", [], "mindestens ein Programm"),
        ("capacity", "7", "Keine gültige Auswahl"),
        ("first_name", "", "Bitte geben Sie einen Namen ein."),
        ("experience", "x" * 1001, "höchstens 1000 Zeichen"),
        ("preferred_max_age", "3", "Das Höchstalter darf nicht kleiner"),
    ],
)
def test_volunteer_edit_validates_like_the_public_form(client_a, app, field, value, message):
    volunteer = make_volunteer(preferred_min_age=10)
    response = post_edit(client_a, volunteer, **{field: value})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    assert audit_entries("volunteer", volunteer.id) == []


def test_public_form_refuses_the_same_inputs(client, app):
    """The edit form's rules are the public form's (same class): spot-check one rule there."""
    from tests.support.forms import post_form, volunteer_form

    response = post_form(client, "/anmelden/ehrenamt", volunteer_form(birth_year="2020"))
    assert "Ehrenamtliche müssen mindestens 18 Jahre alt sein" in response.get_data(as_text=True)


def test_capacity_below_running_tandems_is_refused(client_a, app, coordinator_a):
    volunteer = make_volunteer(capacity=2)
    for _ in range(2):
        make_tandem(volunteer, make_request(), status=TandemStatus.ACTIVE)
    response = post_edit(client_a, volunteer, capacity="1")
    page = (
        client_a.get(edit_url(volunteer)).get_data(as_text=True)
        if response.status_code == 302
        else response.get_data(as_text=True)
    )
    assert "begleitet gerade 2 Tandems" in page
    db.session.expire_all()
    assert db.session.get(Volunteer, volunteer.id).capacity == 2
    assert audit_entries("volunteer", volunteer.id) == []


def test_withdrawn_volunteer_cannot_be_edited(client_a, app):
    volunteer = make_volunteer(status=VolunteerStatus.WITHDRAWN)
    response = post_edit(client_a, volunteer, phone="0234 22222")
    assert "Ihre Angaben können nicht mehr geändert werden" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Volunteer, volunteer.id).phone != "0234 22222"


def test_volunteer_with_withdrawn_consent_cannot_be_edited(app, coordinator_a):
    volunteer = make_volunteer()
    volunteer.consents[0].withdrawn_at = datetime.now(UTC)
    db.session.commit()
    with pytest.raises(OperationError, match="Einwilligung widerrufen"):
        update_volunteer(staff=coordinator_a, volunteer_id=volunteer.id, values={"phone": "0"})


def test_erased_person_has_no_edit_page(client_a, app):
    volunteer = make_volunteer(erased_at=datetime.now(UTC))
    assert client_a.get(edit_url(volunteer)).status_code == 404
    mentee_request = make_request(erased_at=datetime.now(UTC))
    assert client_a.get(edit_url(mentee_request)).status_code == 404


def test_other_departments_records_cannot_be_edited(client_b, app):
    volunteer = make_volunteer()
    assert client_b.get(edit_url(volunteer)).status_code == 404
    token = csrf_token(
        client_b.get("/dashboard/anmeldung-erfassen/ehrenamt").get_data(as_text=True)
    )
    assert client_b.post(edit_url(volunteer), data={"csrf_token": token}).status_code == 404


def test_only_own_departments_programmes_can_be_added(client_a, app):
    volunteer = make_volunteer()
    page = client_a.get(edit_url(volunteer)).get_data(as_text=True)
    offered = re.findall(r'name="programmes"[^>]*value="(\d+)"', page)
    assert offered == [programme_id("ausbildungspaten")]
    response = post_edit(
        client_a,
        volunteer,
        programmes=[programme_id("ausbildungspaten"), programme_id("familienpaten")],
    )
    assert response.status_code == 200  # refused by the field's choices, nothing stored
    assert audit_entries("volunteer", volunteer.id) == []


def test_email_of_another_volunteer_is_refused(client_a, app):
    make_volunteer(email="vergeben@example.org")
    volunteer = make_volunteer()
    response = post_edit(client_a, volunteer, email="Vergeben@example.org")
    assert "gehört schon zu einer anderen" in response.get_data(as_text=True)


def test_programme_with_running_tandem_cannot_be_dropped(client_a, app):
    volunteer = make_volunteer(programmes=("ausbildungspaten", "sprachlotsen"))
    make_tandem(volunteer, make_request(), status=TandemStatus.ACTIVE)
    response = post_edit(client_a, volunteer, programmes=[programme_id("sprachlotsen")])
    assert "Beenden Sie erst das Tandem" in response.get_data(as_text=True)


def test_matching_change_points_at_open_proposals(client_a, app, coordinator_a):
    volunteer = make_volunteer()
    mentee_request = make_request()
    make_proposal(volunteer, mentee_request, created_days_ago=1)
    response = post_edit(client_a, volunteer, availability=["sat-morning"])
    assert response.status_code == 302
    page = client_a.get(detail_url(volunteer)).get_data(as_text=True)
    assert "1 offener Vorschlag beruht auf den alten Angaben" in page
    assert "stammt von vor der letzten Änderung" in page
    # The request's page is not affected: its own answers did not change.
    assert "stammt von vor" not in client_a.get(detail_url(mentee_request)).get_data(as_text=True)


def test_change_not_read_by_matching_does_not_flag_proposals(client_a, app, coordinator_a):
    volunteer = make_volunteer()
    make_proposal(volunteer, make_request(), status=ProposalStatus.OPEN, created_days_ago=1)
    post_edit(client_a, volunteer, phone="0234 33333")
    page = client_a.get(detail_url(volunteer)).get_data(as_text=True)
    assert "alten Angaben" not in page


# --- Requests ---------------------------------------------------------------------------------

REQUEST_CHANGES = [
    ("contact_first_name", "Petra", "contact_first_name"),
    ("contact_last_name", "Paulsen", "contact_last_name"),
    ("contact_email", "petra@example.org", "contact_email"),
    ("contact_phone", "0234 44444", "contact_phone"),
    ("referrer_kind", "youth_office", "referrer_kind"),
    ("referrer_organisation", "Jugendamt Herne", "referrer_organisation"),
    ("person_first_name", "Deniza", "person_first_name"),
    ("person_birth_month", "2", "person_birth_month"),
    ("postal_code", "44623", "postal_code"),
    ("place", "place:crange", "place_id"),
    ("languages", ["de", "uk"], "languages"),
    ("needs", ["tag:bewerbung"], "tags"),
    ("career_fields", ["tag:bau"], "tags"),
    ("career_goal", "Maurer", "career_goal"),
    ("goal", "Eine Lehrstelle", "goal"),
    ("availability", ["mon-evening"], "availability"),
]


@pytest.mark.parametrize(
    "field,value,attribute", REQUEST_CHANGES, ids=[c[0] for c in REQUEST_CHANGES]
)
def test_each_request_field_is_editable_and_audited_by_name_only(
    client_a, app, field, value, attribute
):
    mentee_request = make_request(age=19, person_birth_month=5)
    response = post_edit(client_a, mentee_request, **{field: _resolve(value)})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    assert [e.detail for e in audit_entries("request", mentee_request.id)] == [
        f"fields={attribute}"
    ]


def test_request_birth_year_and_programme_are_checked_against_the_programme(client_a, app):
    mentee_request = make_request(age=19, person_birth_month=5)
    year = today().year
    response = post_edit(client_a, mentee_request, person_birth_year=str(year - 40))
    assert "ist für Personen von" in response.get_data(as_text=True)


def test_request_now_a_minor_needs_the_guardians_consent(client_a, app, coordinator_a):
    mentee_request = make_request(age=19, person_birth_month=1)
    year = today().year
    response = post_edit(client_a, mentee_request, person_birth_year=str(year - 16))
    assert "Einverständnis der Eltern" in response.get_data(as_text=True)
    response = post_edit(
        client_a,
        mentee_request,
        person_birth_year=str(year - 16),
        guardian_name="Ayşe Demir",
        guardian_consent="y",
    )
    assert response.status_code == 302
    consent = db.session.scalar(
        select(ConsentRecord).where(
            ConsentRecord.request_id == mentee_request.id,
            ConsentRecord.purpose == "guardian_consent",
        )
    )
    assert consent.given_by_name == "Ayşe Demir"
    assert consent.recorded_by_id == coordinator_a.id
    assert audited_fields("request", mentee_request.id) == {
        "person_birth_year",
        "guardian_consent",
    }


@pytest.mark.parametrize("registered_by", list(RegisteredBy))
def test_each_way_in_shows_its_own_fields_and_saves(client_a, app, registered_by):
    age = 1 if registered_by is RegisteredBy.GUARDIAN else 19
    code = "familienpaten" if registered_by is RegisteredBy.GUARDIAN else "ausbildungspaten"
    mentee_request = make_request(
        registered_by=registered_by,
        age=age,
        person_birth_month=5,
        programme_code=code,
        referrer_kind=None if registered_by is not RegisteredBy.REFERRER else "school",
        referrer_organisation=None if registered_by is not RegisteredBy.REFERRER else "GS",
    )
    if registered_by is RegisteredBy.GUARDIAN:
        from tests.support.factories import make_staff

        client = app.test_client()
        from tests.support.login import login

        login(client, make_staff(departments=("fb43",)))
    else:
        client = client_a
    page = client.get(edit_url(mentee_request)).get_data(as_text=True)
    assert ('name="referrer_organisation"' in page) is (registered_by is RegisteredBy.REFERRER)
    assert ('name="children_count"' in page) is (registered_by is RegisteredBy.GUARDIAN)
    response = post_edit(client, mentee_request, contact_last_name="Neuname")
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    db.session.expire_all()
    stored = db.session.get(MenteeRequest, mentee_request.id)
    assert stored.contact_last_name == "Neuname"
    if registered_by is RegisteredBy.SELF:
        assert stored.person_first_name == stored.contact_first_name


def test_request_programme_of_another_department_is_not_offered(client_a, app):
    mentee_request = make_request(age=19, person_birth_month=5)
    values = current_values(client_a.get(edit_url(mentee_request)).get_data(as_text=True))
    assert values["programme"] == [programme_id("ausbildungspaten")]
    page = client_a.get(edit_url(mentee_request)).get_data(as_text=True)
    offered = re.findall(r'name="programme"[^>]*value="(\d+)"', page)
    assert programme_id("ausbildungspaten") in offered
    assert programme_id("familienpaten") not in offered


def test_request_history_is_shown(client_a, app, coordinator_a):
    mentee_request = make_request(age=19, person_birth_month=5)
    post_edit(client_a, mentee_request, contact_phone="0234 55555", goal="Lehrstelle finden")
    page = client_a.get(detail_url(mentee_request)).get_data(as_text=True)
    assert "Telefon der Kontaktperson" in page and "Wünsche an die Patenschaft" in page
    assert coordinator_a.name in page


def test_long_field_lists_are_split_over_audit_entries(app, coordinator_a):
    from mentoring.operations.records import _audit_details

    names = [f"some_rather_long_field_name_{n}" for n in range(20)]
    details = _audit_details(names)
    assert len(details) > 1 and all(len(d) <= 200 for d in details)
    assert sum(len(d.removeprefix("fields=").split(",")) for d in details) == 20
