"""Intake lists and records: scoping, search, filters, pagination, audit, duplicates, merges."""

import re

import pytest
from sqlalchemy import func, select

from mentoring.extensions import db
from mentoring.models import (
    AuditEntry,
    ConsentRecord,
    DuplicateSignup,
    MenteeRequest,
    PairExclusion,
    PoliceCheck,
    Proposal,
    RequestStatus,
    Tandem,
    Volunteer,
    VolunteerStatus,
)
from mentoring.operations import OperationError
from mentoring.operations.intake import merge_requests, merge_volunteers
from tests.support.factories import (
    PROGRAMME_A,
    PROGRAMME_B,
    make_request,
    make_tandem_world,
    make_volunteer,
)
from tests.support.forms import csrf_token


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def rows(page: str) -> int:
    return len(re.findall(r"<tr>\s*<th scope=\"row\">", page))


# --- Lists -----------------------------------------------------------------------------------


def test_volunteer_list_shows_only_own_departments_people(client_a, app):
    make_volunteer(last_name="Eigenmann")
    make_volunteer(last_name="Fremdmann", programmes=(PROGRAMME_B,))
    make_volunteer(last_name="Beidemann", programmes=(PROGRAMME_A, PROGRAMME_B))
    page = html(client_a.get("/dashboard/ehrenamtliche"))
    assert "Eigenmann" in page and "Beidemann" in page
    assert "Fremdmann" not in page


def test_erased_people_are_not_listed(client_a, app):
    from datetime import UTC, datetime

    make_volunteer(last_name="Geloeschtmann", erased_at=datetime.now(UTC))
    make_request(person_first_name="Geloeschtkind", erased_at=datetime.now(UTC))
    assert "Geloeschtmann" not in html(client_a.get("/dashboard/ehrenamtliche"))
    assert "Geloeschtkind" not in html(client_a.get("/dashboard/anfragen"))


@pytest.mark.parametrize("query", ["kowal", "KOWALSKI", "gisela kow", "gisela.k@example", "E-T"])
def test_volunteer_search_is_case_insensitive(client_a, app, query):
    make_volunteer(first_name="Gisela", last_name="Kowalski", email="gisela.k@example.org")
    make_volunteer(first_name="Horst", last_name="Schimanski", email="horst@example.org")
    page = html(client_a.get("/dashboard/ehrenamtliche", query_string={"q": query}))
    assert "Kowalski" in page
    if query != "E-T":
        assert "Schimanski" not in page


def test_search_treats_like_wildcards_literally(client_a, app):
    make_volunteer(last_name="Kowalski")
    page = html(client_a.get("/dashboard/ehrenamtliche", query_string={"q": "%"}))
    assert "Keine Einträge gefunden." in page


def test_volunteer_filters(client_a, app):
    make_volunteer(
        last_name="Altfall", created_days_ago=120, place_code="sodingen", status=VolunteerStatus.NEW
    )
    make_volunteer(last_name="Neufall", created_days_ago=3, status=VolunteerStatus.SCREENING)
    by_waiting = html(client_a.get("/dashboard/ehrenamtliche?waiting=90"))
    assert "Altfall" in by_waiting and "Neufall" not in by_waiting
    by_status = html(client_a.get("/dashboard/ehrenamtliche?status=screening"))
    assert "Neufall" in by_status and "Altfall" not in by_status
    from tests.support.factories import place

    district = place("sodingen").district_id
    by_district = html(client_a.get(f"/dashboard/ehrenamtliche?district={district}"))
    assert "Altfall" in by_district and "Neufall" not in by_district


def test_unknown_filter_values_are_ignored_not_errors(client_a, app):
    make_volunteer(last_name="Jedermann")
    page = html(client_a.get("/dashboard/ehrenamtliche?programme=99999&status=x&seite=abc"))
    assert "Jedermann" in page


def test_programme_filter_cannot_reach_other_departments(client_a, app):
    make_volunteer(last_name="Fremdmann", programmes=(PROGRAMME_B,))
    from tests.support.factories import programme

    page = html(client_a.get(f"/dashboard/ehrenamtliche?programme={programme(PROGRAMME_B).id}"))
    assert "Fremdmann" not in page


def test_pagination_25_per_page_keeps_filters(client_a, app):
    for i in range(30):
        make_volunteer(last_name=f"Seitenmann{i:02d}", created_days_ago=100 - i, commit=False)
    db.session.commit()
    first = html(client_a.get("/dashboard/ehrenamtliche?waiting=30"))
    assert rows(first) == 25
    assert "1 bis 25 von 30" in first
    assert 'href="/dashboard/ehrenamtliche?waiting=30&amp;seite=2"' in first
    second = html(client_a.get("/dashboard/ehrenamtliche?waiting=30&seite=2"))
    assert rows(second) == 5
    assert "Seitenmann29" in second and "Seitenmann00" not in second
    # A page past the end shows the last page rather than nothing.
    assert rows(html(client_a.get("/dashboard/ehrenamtliche?seite=99"))) == 5


def test_list_shows_duplicate_and_screening_badges(client_a, app):
    flagged = make_volunteer(last_name="Doppelmann")
    db.session.add(DuplicateSignup(reference="E-DUPL-0001", volunteer_id=flagged.id))
    db.session.commit()
    make_volunteer(first_name="Max", last_name="Zwilling", birth_year=1950)
    make_volunteer(first_name="max", last_name="ZWILLING", birth_year=1950)
    make_volunteer(last_name="Einzelmann")
    page = html(client_a.get("/dashboard/ehrenamtliche"))
    assert "1 doppelte Anmeldung" in page
    assert page.count("möglicher Doppeleintrag") == 2
    assert "Erstgespräch fehlt" in page
    only = html(client_a.get("/dashboard/ehrenamtliche?duplicates=y"))
    assert "Doppelmann" in only and "Zwilling" in only and "Einzelmann" not in only


def test_request_list_search_filter_and_duplicates(client_a, app):
    make_request(person_first_name="Deniz", contact_email="same@example.org")
    make_request(person_first_name="deniz", contact_email="same@example.org")
    make_request(person_first_name="Lena", referrer_organisation="Realschule Crange")
    make_request(person_first_name="Fremdkind", programme_code=PROGRAMME_B)
    page = html(client_a.get("/dashboard/anfragen"))
    assert "Fremdkind" not in page
    assert page.count("möglicher Doppeleintrag") == 2
    found = html(client_a.get("/dashboard/anfragen?q=realschule"))
    assert "Lena" in found and "Deniz" not in found
    only = html(client_a.get("/dashboard/anfragen?duplicates=y"))
    assert "Deniz" in only and "Lena" not in only


# --- Records ---------------------------------------------------------------------------------


def test_volunteer_detail_shows_sign_up_data_and_writes_audit(client_a, coordinator_a, app):
    volunteer = make_volunteer(
        first_name="Gisela",
        last_name="Kowalski",
        occupation="Elektriker",
        slots=("tue-afternoon", "thu-morning"),
    )
    page = html(client_a.get(f"/dashboard/ehrenamtliche/{volunteer.id}"))
    for text in (
        "Gisela Kowalski",
        volunteer.email,
        "Elektriker",
        "Dienstag",
        "nachmittags",
        "Eickel",
        "Ausbildungspaten",
        "Deutsch",
        "2026-11-01",
    ):
        assert text in page
    # The availability grid marks exactly the two chosen slots.
    assert page.count("✓") == 2
    entry = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.action, entry.subject_type, entry.subject_id, entry.staff_id) == (
        "view",
        "volunteer",
        volunteer.id,
        coordinator_a.id,
    )


def test_request_detail_and_marking_it_checked(client_a, app):
    mentee_request = make_request(person_first_name="Deniz")
    page = html(client_a.get(f"/dashboard/anfragen/{mentee_request.id}"))
    assert "Gesamtschule Wanne-Eickel" in page and "Deniz" in page
    assert (
        db.session.scalar(select(AuditEntry.subject_type).where(AuditEntry.action == "view"))
        == "request"
    )
    response = client_a.post(
        f"/dashboard/anfragen/{mentee_request.id}/geprueft", data={"csrf_token": csrf_token(page)}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(MenteeRequest, mentee_request.id).status is RequestStatus.OPEN
    again = client_a.post(
        f"/dashboard/anfragen/{mentee_request.id}/geprueft",
        data={"csrf_token": csrf_token(page)},
        follow_redirects=True,
    )
    assert "Nur neue Anfragen" in html(again)


def test_other_departments_record_is_404_and_not_audited_as_view(client_a, app):
    foreign = make_volunteer(programmes=(PROGRAMME_B,))
    foreign_request = make_request(programme_code=PROGRAMME_B)
    assert client_a.get(f"/dashboard/ehrenamtliche/{foreign.id}").status_code == 404
    assert client_a.get(f"/dashboard/anfragen/{foreign_request.id}").status_code == 404
    assert client_a.get("/dashboard/ehrenamtliche/999999").status_code == 404
    assert (
        db.session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "view")
        )
        == 0
    )


# --- Duplicates ------------------------------------------------------------------------------


def test_resolving_duplicate_flags(client_a, app):
    volunteer = make_volunteer()
    db.session.add(DuplicateSignup(reference="E-DUPL-0002", volunteer_id=volunteer.id))
    db.session.commit()
    page = html(client_a.get(f"/dashboard/ehrenamtliche/{volunteer.id}"))
    assert "E-DUPL-0002" in page
    response = client_a.post(
        f"/dashboard/ehrenamtliche/{volunteer.id}/doppelte-anmeldungen",
        data={"csrf_token": csrf_token(page)},
        follow_redirects=True,
    )
    assert "als erledigt markiert" in html(response)
    assert db.session.scalar(select(func.count()).select_from(DuplicateSignup)) == 0
    assert (
        db.session.scalar(select(AuditEntry.detail).where(AuditEntry.action == "merge"))
        == "flags=1"
    )


def test_merging_volunteers_keeps_the_older_and_moves_everything(client_a, coordinator_a, app):
    older = make_volunteer(
        first_name="Max",
        last_name="Zwilling",
        birth_year=1950,
        created_days_ago=100,
        email="max.alt@example.org",
    )
    newer = make_volunteer(
        first_name="max",
        last_name="zwilling",
        birth_year=1950,
        created_days_ago=5,
        email="max.neu@example.org",
        programmes=(PROGRAMME_A, "klein-trifft-gross"),
        status=VolunteerStatus.READY,
    )
    mentee_request = make_request()
    make_tandem_world(newer, mentee_request)
    db.session.add_all(
        [
            PoliceCheck(
                volunteer_id=newer.id,
                issue_date=older.created_at.date(),
                inspected_on=older.created_at.date(),
                conviction_listed=False,
            ),
            PairExclusion(volunteer_id=newer.id, request_id=mentee_request.id, reason="x"),
            PairExclusion(volunteer_id=older.id, request_id=mentee_request.id, reason="x"),
        ]
    )
    db.session.commit()
    older_id, newer_id = older.id, newer.id
    page = html(client_a.get(f"/dashboard/ehrenamtliche/{newer_id}/zusammenfuehren?mit={older_id}"))
    assert "max.alt@example.org" in page and "Ja, zusammenführen" in page
    response = client_a.post(
        f"/dashboard/ehrenamtliche/{newer_id}/zusammenfuehren",
        data={"csrf_token": csrf_token(page), "other": older_id},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/dashboard/ehrenamtliche/{older_id}")
    db.session.expire_all()
    assert db.session.get(Volunteer, newer_id) is None
    kept = db.session.get(Volunteer, older_id)
    assert {p.code for p in kept.programmes} == {PROGRAMME_A, "klein-trifft-gross"}
    assert kept.status is VolunteerStatus.READY
    assert len(kept.consents) == 2
    for model in (PoliceCheck, Proposal, Tandem, PairExclusion):
        assert (
            db.session.scalar(
                select(func.count()).select_from(model).where(model.volunteer_id == older_id)
            )
            == 1
        ), model
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(ConsentRecord)
            .where(ConsentRecord.volunteer_id == newer_id)
        )
        == 0
    )
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "merge"))
    assert (entry.subject_id, entry.detail, entry.staff_id) == (
        older_id,
        f"merged={newer_id}",
        coordinator_a.id,
    )


def test_merge_refuses_different_people(app, coordinator_a):
    a = make_volunteer(first_name="Max", last_name="Zwilling", birth_year=1950)
    b = make_volunteer(first_name="Max", last_name="Zwilling", birth_year=1951)
    with pytest.raises(OperationError):
        merge_volunteers(first_id=a.id, second_id=b.id, staff=coordinator_a)
    assert db.session.scalar(select(func.count()).select_from(Volunteer)) == 2


def test_merge_page_of_unrelated_person_is_404(client_a, app):
    a = make_volunteer(first_name="Max", last_name="Zwilling")
    b = make_volunteer(first_name="Moritz", last_name="Zwilling")
    assert (
        client_a.get(f"/dashboard/ehrenamtliche/{a.id}/zusammenfuehren?mit={b.id}").status_code
        == 404
    )
    assert "keine möglichen Doppeleinträge" in html(
        client_a.get(f"/dashboard/ehrenamtliche/{a.id}/zusammenfuehren")
    )


def test_merge_with_other_departments_volunteer_is_404(client_a, app):
    mine = make_volunteer(first_name="Max", last_name="Zwilling")
    foreign = make_volunteer(first_name="Max", last_name="Zwilling", programmes=(PROGRAMME_B,))
    page = html(client_a.get(f"/dashboard/ehrenamtliche/{mine.id}"))
    assert "zusammenführen" not in page
    response = client_a.post(
        f"/dashboard/ehrenamtliche/{mine.id}/zusammenfuehren",
        data={"csrf_token": csrf_token(page), "other": foreign.id},
    )
    assert response.status_code == 404
    assert db.session.scalar(select(func.count()).select_from(Volunteer)) == 2


def test_merging_requests(client_a, coordinator_a, app):
    older = make_request(
        person_first_name="Deniz", contact_email="same@example.org", created_days_ago=30
    )
    newer = make_request(
        person_first_name="deniz",
        contact_email="same@example.org",
        created_days_ago=2,
        career_goal="Elektroniker",
    )
    db.session.add(DuplicateSignup(reference="A-DUPL-0001", request_id=newer.id))
    db.session.commit()
    older_id, newer_id = older.id, newer.id
    page = html(client_a.get(f"/dashboard/anfragen/{older_id}"))
    assert f"/dashboard/anfragen/{older_id}/zusammenfuehren?mit={newer_id}" in page
    confirm = html(client_a.get(f"/dashboard/anfragen/{older_id}/zusammenfuehren?mit={newer_id}"))
    client_a.post(
        f"/dashboard/anfragen/{older_id}/zusammenfuehren",
        data={"csrf_token": csrf_token(confirm), "other": newer_id},
    )
    db.session.expire_all()
    assert db.session.get(MenteeRequest, newer_id) is None
    kept = db.session.get(MenteeRequest, older_id)
    assert kept.career_goal == "Elektroniker"
    assert len(kept.duplicate_signups) == 1 and len(kept.consents) == 2


def test_requests_of_different_programmes_are_not_merged(app, coordinator_a):
    a = make_request(person_first_name="Deniz", contact_email="same@example.org")
    b = make_request(
        person_first_name="Deniz",
        contact_email="same@example.org",
        programme_code="sprachlotsen",
        person_birth_year=a.person_birth_year,
        person_birth_month=a.person_birth_month,
    )
    with pytest.raises(OperationError):
        merge_requests(first_id=a.id, second_id=b.id, staff=coordinator_a)


@pytest.mark.parametrize("other", ["²", "١٢", str(2**70), "-1", "abc"])
def test_merge_pages_take_any_other_id_without_an_error(client_a, app, other):
    volunteer = make_volunteer()
    mentee_request = make_request()
    for url in (
        f"/dashboard/ehrenamtliche/{volunteer.id}/zusammenfuehren",
        f"/dashboard/anfragen/{mentee_request.id}/zusammenfuehren",
    ):
        assert client_a.get(url, query_string={"mit": other}).status_code in (200, 404)
