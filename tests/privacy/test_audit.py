"""The audit log: append-only in the database, entries for every view, change, export and
erasure, and an admin view that filters by person, staff member and period."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from mentoring import audit
from mentoring.extensions import db
from mentoring.labels import audit_detail
from mentoring.models import AuditEntry, CloseReason, FirstContactChannel, RequestStatus
from mentoring.operations.person_status import close_request, record_first_contact
from tests.privacy.world import make_world
from tests.support.disclosure import review
from tests.support.factories import make_request, make_staff, make_volunteer
from tests.support.forms import csrf_token
from tests.support.login import submit_login_form


def test_audit_log_refuses_update_and_delete(app):
    audit.record_now("view", "volunteer", 1)
    for statement in ("UPDATE audit_log SET action = 'changed'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"):
            db.session.execute(text(statement))
            db.session.commit()
        db.session.rollback()
    assert db.session.scalars(select(AuditEntry.action)).all() == ["view"]


def test_each_view_change_export_and_erasure_is_logged(app, staff_client, coordinator):
    world = make_world()
    url = f"/dashboard/datenschutz/volunteer/{world.volunteer.id}"
    page = staff_client.get(url)
    staff_client.get(review(staff_client, url))
    token = csrf_token(page.get_data(as_text=True))
    staff_client.post(url + "/widerruf", data={"csrf_token": token, "withdraw_confirm": "y"})
    staff_client.post(url + "/loeschen", data={"csrf_token": token, "erase_confirm": "y"})
    entries = db.session.execute(
        select(AuditEntry.action, AuditEntry.subject_type, AuditEntry.subject_id)
        .where(AuditEntry.staff_id == coordinator.id, AuditEntry.subject_type == "volunteer")
        .order_by(AuditEntry.id)
    ).all()
    actions = [a for a, _t, _i in entries]
    assert {"view", "export", "withdraw", "erase"} <= set(actions)
    assert (
        actions.index("view")
        < actions.index("export")
        < actions.index("withdraw")
        < actions.index("erase")
    )
    assert {i for _a, _t, i in entries} == {world.volunteer.id}
    # The ended tandem is logged as a change of the tandem.
    assert (
        db.session.scalar(
            select(AuditEntry.detail).where(
                AuditEntry.subject_type == "tandem",
                AuditEntry.subject_id == world.tandem.id,
                AuditEntry.staff_id == coordinator.id,
            )
        )
        == "active->ended:withdrawn"
    )


def test_audit_log_is_for_admins_only_and_refusals_are_logged(app, staff_client, coordinator):
    assert staff_client.get("/dashboard/datenschutz/protokoll").status_code == 404
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "refused"))
    assert (entry.staff_id, entry.detail) == (
        coordinator.id,
        "404 /dashboard/datenschutz/protokoll",
    )


def test_there_is_no_way_to_change_the_log(app):
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("privacy.")]
    writers = {r.endpoint for r in rules if r.methods & {"POST", "PUT", "PATCH", "DELETE"}}
    # The export's review and downloads post only to add an entry (a review, a hand-out).
    assert writers == {
        "privacy.withdraw",
        "privacy.erase",
        "privacy.export_review",
        "privacy.export_pdf",
        "privacy.export_json",
    }


def _entry(at, staff_id, subject_type, subject_id, action="view"):
    db.session.add(
        AuditEntry(
            at=at,
            staff_id=staff_id,
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
        )
    )


def test_admin_filters_by_person_staff_and_period(app, admin_client, admin):
    other = make_staff(email="zweite@example.org", name="Zora Zweite")
    _entry(datetime(2026, 3, 1, 9, tzinfo=UTC), other.id, "volunteer", 41)
    _entry(datetime(2026, 3, 2, 9, tzinfo=UTC), other.id, "volunteer", 42)
    _entry(datetime(2026, 4, 1, 9, tzinfo=UTC), other.id, "request", 41, action="export")
    _entry(datetime(2026, 4, 2, 9, tzinfo=UTC), admin.id, "volunteer", 41, action="erase")
    db.session.commit()

    def count(**params):
        html = admin_client.get("/dashboard/datenschutz/protokoll", query_string=params).get_data(
            as_text=True
        )
        return html.split('class="result-count" role="status">')[1].split(" ")[0]

    assert count(subject_type="volunteer", subject_id=41) == "2"
    assert count(subject_type="request") == "1"
    assert count(staff_id=other.id) == "3"
    assert count(staff_id=other.id, date_from="2026-03-02", date_to="2026-04-01") == "2"
    assert count(subject_type="volunteer", subject_id=41, staff_id=admin.id) == "1"
    page = admin_client.get(
        "/dashboard/datenschutz/protokoll", query_string={"subject_id": 42}
    ).get_data(as_text=True)
    assert "Zora Zweite" in page and "<caption" in page and 'scope="col"' in page


def test_admin_period_in_wrong_order_is_explained(app, admin_client):
    html = admin_client.get(
        "/dashboard/datenschutz/protokoll",
        query_string={"date_from": "2026-05-01", "date_to": "2026-04-01"},
    ).get_data(as_text=True)
    assert "Das Ende liegt vor dem Anfang." in html


def test_login_is_logged_and_visible_to_admins(app, client, admin):
    submit_login_form(client, "admin@example.org")
    html = client.get("/dashboard/datenschutz/protokoll").get_data(as_text=True)
    assert "Anmeldung" in html and "Adele Admin" in html


def test_audit_log_reads_in_german_with_references(app, admin_client, admin):
    volunteer = make_volunteer(created_days_ago=2)
    mentee_request = make_request(status=RequestStatus.NEW, programme_code="familienpaten")
    record_first_contact(
        kind="volunteer",
        person_id=volunteer.id,
        contacted_on=volunteer.created_at.date(),
        channel=FirstContactChannel.LETTER,
        staff=admin,
    )
    close_request(
        request_id=mentee_request.id, reason=CloseReason.NEED_GONE, note="privat", staff=admin
    )
    page = admin_client.get("/dashboard/datenschutz/protokoll").get_data(as_text=True)
    assert volunteer.reference in page and mentee_request.reference in page
    assert "Erstkontakt eingetragen" in page and "Erstkontakt; Brief" in page
    assert "neu → abgeschlossen; Bedarf entfallen; offene Vorschläge geschlossen: 0" in page
    for code in ("first_contact", "channel=", "need_gone", "new->closed", "privat"):
        assert code not in page, code
    assert f"Ehrenamtliche Person {volunteer.id}<" not in page  # no internal number


def test_audit_details_in_german(app):
    assert audit_detail("volunteer", "screening->ready") == "in Prüfung → bereit"
    assert audit_detail("request", "new->open") == "neu → geprüft"
    assert audit_detail("volunteer", "interview_on") == "Erstgespräch"
    assert audit_detail("proposal", "distance") == "Der Weg ist zu weit"
    assert audit_detail("tandem", "active->ended:moved_away") == "aktiv → beendet (Umzug)"
    assert audit_detail("matching_run", "programme=3 coverage/optimal proposals=12") == (
        "Programm 3; möglichst viele Tandems, genau berechnet; Vorschläge: 12"
    )
    assert audit_detail("request", "purge:withdrawn") == "Löschfrist: Einwilligung widerrufen"
    assert audit_detail("proposal", "reason=distance") == "Der Weg ist zu weit"
    assert audit_detail(None, "403 /dashboard/x") == "403 /dashboard/x"  # unknown: as stored
    assert audit_detail("tandem", None) == ""
