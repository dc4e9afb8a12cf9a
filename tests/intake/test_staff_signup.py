"""Staff intake ("Anmeldung erfassen"): sign-ups by phone, at the counter or on paper, with the
public forms' fields and rules, consent given orally or in writing with staff and date."""

import pytest
from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import (
    AuditEntry,
    ConsentGivenAs,
    ConsentRecord,
    DuplicateSignup,
    IntakeChannel,
    MenteeRequest,
    PrivacyNotice,
    Volunteer,
)
from tests.support.factories import make_volunteer, today
from tests.support.forms import mentee_form, post_form, programme_id, volunteer_form

START = "/dashboard/anmeldung-erfassen"
VOLUNTEER_URL = f"{START}/ehrenamt"

STAFF_CONSENT = {
    "intake_channel": "phone",
    "privacy_notice": "read_out",
    "consent_given_as": "oral",
    "consent": "y",
}


def volunteer_answers(**overrides) -> dict:
    data = {**volunteer_form(), **STAFF_CONSENT}
    data.pop("privacy_version")
    data.update(overrides)
    return data


def request_answers(**overrides) -> dict:
    data = {**mentee_form(), **STAFF_CONSENT}
    data.pop("privacy_version")
    data.update(overrides)
    return data


def test_start_page_offers_volunteer_and_three_ways(client_a, app):
    page = client_a.get(START).get_data(as_text=True)
    for target in ("ehrenamt", "anfrage/selbst", "anfrage/familie", "anfrage/fachkraft"):
        assert f"{START}/{target}" in page


@pytest.mark.parametrize("url", ["/dashboard/", "/dashboard/ehrenamtliche", "/dashboard/anfragen"])
def test_entry_points_link_to_intake(client_a, app, url):
    assert START in client_a.get(url).get_data(as_text=True)


def test_intake_needs_login(client, app):
    assert client.get(VOLUNTEER_URL).status_code == 302


def test_volunteer_by_phone_is_stored_with_oral_consent_staff_and_date(
    client_a, app, coordinator_a
):
    response = post_form(client_a, VOLUNTEER_URL, volunteer_answers())
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    volunteer = db.session.scalar(select(Volunteer))
    assert response.headers["Location"].endswith(f"/dashboard/ehrenamtliche/{volunteer.id}")
    assert volunteer.intake_channel is IntakeChannel.PHONE
    assert volunteer.locale == "de"
    (consent,) = volunteer.consents
    assert consent.given_as is ConsentGivenAs.ORAL
    assert consent.privacy_notice is PrivacyNotice.READ_OUT
    assert consent.recorded_by_id == coordinator_a.id
    assert consent.given_at.date() == today()
    assert consent.text_version == app.config["PRIVACY_TEXT_VERSION"]
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "create"))
    assert (entry.subject_type, entry.subject_id, entry.staff_id) == (
        "volunteer",
        volunteer.id,
        coordinator_a.id,
    )
    assert entry.detail == "channel=phone"
    page = client_a.get(f"/dashboard/ehrenamtliche/{volunteer.id}").get_data(as_text=True)
    assert "mündlich erteilt" in page and "Datenschutzhinweis vorgelesen" in page
    assert f"aufgenommen von {coordinator_a.name}" in page
    assert "Anmeldung am Telefon erfasst" in page  # change history


def test_paper_sign_up_with_written_consent(client_a, app):
    answers = volunteer_answers(
        intake_channel="paper", consent_given_as="written", privacy_notice="handed_out"
    )
    assert post_form(client_a, VOLUNTEER_URL, answers).status_code == 302
    consent = db.session.scalar(select(ConsentRecord))
    assert consent.given_as is ConsentGivenAs.WRITTEN
    assert consent.privacy_notice is PrivacyNotice.HANDED_OUT
    assert db.session.scalar(select(Volunteer)).intake_channel is IntakeChannel.PAPER


@pytest.mark.parametrize(
    "missing,message",
    [
        ("consent", "Ohne Einwilligung kann die Anmeldung nicht gespeichert werden."),
        ("consent_given_as", "wie die Einwilligung erteilt wurde"),
        ("privacy_notice", "wie die Person den Datenschutzhinweis erhielt"),
        ("intake_channel", "wie die Anmeldung kam"),
    ],
)
def test_consent_details_are_required(client_a, app, missing, message):
    answers = volunteer_answers()
    answers.pop(missing)
    response = post_form(client_a, VOLUNTEER_URL, answers)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(Volunteer)) is None


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("postal_code", "10115", "Diese Postleitzahl liegt nicht in Herne."),
        ("birth_year", str(today().year - 10), "mindestens 18 Jahre alt"),
        ("languages", [], "mindestens eine Sprache"),
    ],
)
def test_volunteer_intake_validates_like_the_public_form(client_a, app, field, value, message):
    response = post_form(client_a, VOLUNTEER_URL, volunteer_answers(**{field: value}))
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(Volunteer)) is None


def test_known_volunteer_is_flagged_as_duplicate(client_a, app):
    existing = make_volunteer(email="gisela.kowalski@example.org")
    response = post_form(client_a, VOLUNTEER_URL, volunteer_answers())
    assert response.headers["Location"].endswith(f"/dashboard/ehrenamtliche/{existing.id}")
    assert db.session.scalar(select(DuplicateSignup)).volunteer_id == existing.id
    assert len(db.session.scalars(select(Volunteer)).all()) == 1
    page = client_a.get(response.headers["Location"]).get_data(as_text=True)
    assert "schon angemeldet" in page


def test_only_own_programmes_are_offered(client_a, app):
    page = client_a.get(VOLUNTEER_URL).get_data(as_text=True)
    assert f'value="{programme_id("ausbildungspaten")}"' in page
    response = post_form(
        client_a, VOLUNTEER_URL, volunteer_answers(programmes=[programme_id("familienpaten")])
    )
    assert response.status_code == 200
    assert db.session.scalar(select(Volunteer)) is None


def test_referrer_request_by_phone(client_a, app, coordinator_a):
    response = post_form(client_a, f"{START}/anfrage/fachkraft", request_answers())
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    mentee_request = db.session.scalar(select(MenteeRequest))
    assert mentee_request.intake_channel is IntakeChannel.PHONE
    consents = {c.purpose: c for c in mentee_request.consents}
    assert set(consents) == {"participation", "guardian_consent"}
    assert all(c.recorded_by_id == coordinator_a.id for c in consents.values())
    assert all(c.given_as is ConsentGivenAs.ORAL for c in consents.values())


def test_request_intake_keeps_the_guardian_rule(client_a, app):
    answers = request_answers(guardian_consent="", guardian_name="")
    response = post_form(client_a, f"{START}/anfrage/fachkraft", answers)
    assert "Einverständnis der Eltern" in response.get_data(as_text=True)
    assert db.session.scalar(select(MenteeRequest)) is None


def test_self_request_at_the_counter(client_a, app):
    answers = request_answers(
        intake_channel="counter",
        person_birth_year=str(today().year - 20),
        referrer_kind="",
        referrer_organisation="",
        guardian_name="",
        guardian_consent="",
    )
    response = post_form(client_a, f"{START}/anfrage/selbst", answers)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    mentee_request = db.session.scalar(select(MenteeRequest))
    assert mentee_request.intake_channel is IntakeChannel.COUNTER
    assert mentee_request.person_first_name == mentee_request.contact_first_name


def test_family_request_on_paper(app):
    from tests.support.factories import make_staff
    from tests.support.login import login

    client = app.test_client()
    login(client, make_staff(departments=("fb43",)))
    answers = request_answers(
        programme=programme_id("familienpaten"),
        person_birth_year=str(today().year - 1),
        intake_channel="paper",
        consent_given_as="written",
        privacy_notice="handed_out",
        children_count="2",
    )
    response = post_form(client, f"{START}/anfrage/familie", answers)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    mentee_request = db.session.scalar(select(MenteeRequest))
    assert mentee_request.children_count == 2
    (consent,) = mentee_request.consents
    assert consent.given_as is ConsentGivenAs.WRITTEN


def test_duplicate_request_is_flagged(client_a, app):
    post_form(client_a, f"{START}/anfrage/fachkraft", request_answers())
    response = post_form(client_a, f"{START}/anfrage/fachkraft", request_answers())
    first = db.session.scalar(select(MenteeRequest))
    assert response.headers["Location"].endswith(f"/dashboard/anfragen/{first.id}")
    assert db.session.scalar(select(DuplicateSignup)).request_id == first.id


def test_unknown_way_is_404(client_a, app):
    assert client_a.get(f"{START}/anfrage/irgendwie").status_code == 404


def test_privacy_notice_text_is_shown_to_read_out(client_a, app):
    page = client_a.get(VOLUNTEER_URL).get_data(as_text=True)
    assert "Kurzer Datenschutzhinweis zum Vorlesen" in page
    assert "mündlich erteilt" in page and "schriftlich erteilt" in page
    assert "vorgelesen" in page and "ausgehändigt" in page


@pytest.mark.parametrize("way", ["selbst", "familie"])
def test_referrer_only_fields_are_not_offered_on_other_ways(client_a, app, way):
    # MenteeForm drops them there: shown, they would lose what staff type in.
    page = client_a.get(f"{START}/anfrage/{way}").get_data(as_text=True)
    for name in ("person_last_name", "direct_contact", "direct_contact_name"):
        assert f'name="{name}"' not in page
    referrer = client_a.get(f"{START}/anfrage/fachkraft").get_data(as_text=True)
    assert 'name="person_last_name"' in referrer and 'name="direct_contact"' in referrer
