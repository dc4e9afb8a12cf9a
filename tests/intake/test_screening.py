"""Screening: interview, training, §72a police-certificate inspection, automatic READY."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import AuditEntry, PoliceCheck, Volunteer, VolunteerStatus
from mentoring.operations import OperationError
from mentoring.operations.screening import (
    record_interview,
    record_police_check,
    record_training,
)
from mentoring.safeguarding import CertificateState, CertificateStatus
from mentoring.screening import ProgrammeFacts, certificate_needed, missing_steps
from mentoring.screening_state import certificate_policy, screening_complete, screening_missing
from tests.support.factories import make_police_check, make_volunteer
from tests.support.forms import csrf_token

TODAY = date.today()
VALID = CertificateStatus(CertificateState.VALID, TODAY + timedelta(days=900))


@pytest.mark.parametrize(
    ("facts", "needed"),
    [
        ([ProgrammeFacts(False, 18)], False),
        ([ProgrammeFacts(True, 18)], True),
        ([ProgrammeFacts(False, 14)], True),
        ([ProgrammeFacts(False, None)], True),
        ([ProgrammeFacts(False, 18), ProgrammeFacts(False, 3)], True),
        ([], False),
    ],
)
def test_certificate_needed(facts, needed):
    assert certificate_needed(facts) is needed


def test_missing_steps_name_every_gap():
    missing = CertificateStatus(CertificateState.MISSING, None)
    assert missing_steps(
        interview_on=None, training_on=None, certificate_needed=True, certificate=missing
    ) == [
        "Erstgespräch fehlt",
        "Einführungsschulung fehlt",
        "Erweitertes Führungszeugnis nicht eingesehen",
    ]
    assert (
        missing_steps(
            interview_on=TODAY, training_on=TODAY, certificate_needed=False, certificate=missing
        )
        == []
    )
    assert (
        missing_steps(
            interview_on=TODAY, training_on=TODAY, certificate_needed=True, certificate=VALID
        )
        == []
    )
    expired = CertificateStatus(CertificateState.EXPIRED, TODAY)
    assert (
        "abgelaufen"
        in missing_steps(
            interview_on=TODAY, training_on=TODAY, certificate_needed=True, certificate=expired
        )[0]
    )


def _status(volunteer_id) -> VolunteerStatus:
    db.session.expire_all()
    return db.session.get(Volunteer, volunteer_id).status


def test_screening_steps_move_the_volunteer_to_ready(app, coordinator_a):
    # Ausbildungspaten: minors from 14, so a certificate is needed
    volunteer = make_volunteer(status=VolunteerStatus.NEW)
    record_interview(volunteer_id=volunteer.id, held_on=TODAY, staff=coordinator_a)
    assert _status(volunteer.id) is VolunteerStatus.SCREENING
    record_training(volunteer_id=volunteer.id, done_on=TODAY, staff=coordinator_a)
    assert _status(volunteer.id) is VolunteerStatus.SCREENING
    record_police_check(
        volunteer_id=volunteer.id,
        issue_date=TODAY - timedelta(days=30),
        inspected_on=TODAY,
        conviction_listed=False,
        staff=coordinator_a,
    )
    assert _status(volunteer.id) is VolunteerStatus.READY
    details = list(
        db.session.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == "status").order_by(AuditEntry.id)
        )
    )
    assert details == ["new->screening", "screening->ready"]
    assert db.session.scalar(select(Volunteer.id).where(Volunteer.is_matchable)) == volunteer.id


def test_adult_only_programme_needs_no_certificate(app, coordinator_a):
    volunteer = make_volunteer(programmes=("gruendungsmentoring",), status=VolunteerStatus.NEW)
    record_interview(volunteer_id=volunteer.id, held_on=TODAY, staff=coordinator_a)
    record_training(volunteer_id=volunteer.id, done_on=TODAY, staff=coordinator_a)
    assert _status(volunteer.id) is VolunteerStatus.READY


def test_conviction_keeps_screening_incomplete(app, coordinator_a):
    volunteer = make_volunteer(interview_on=TODAY, training_on=TODAY, status=VolunteerStatus.NEW)
    record_police_check(
        volunteer_id=volunteer.id,
        issue_date=TODAY,
        inspected_on=TODAY,
        conviction_listed=True,
        staff=coordinator_a,
    )
    assert _status(volunteer.id) is VolunteerStatus.SCREENING
    missing = screening_missing(
        db.session.get(Volunteer, volunteer.id), TODAY, certificate_policy()
    )
    assert missing == ["Führungszeugnis mit relevantem Eintrag"]


def test_expired_certificate_keeps_ready_but_screening_is_incomplete(app):
    volunteer = make_volunteer(interview_on=TODAY, training_on=TODAY, status=VolunteerStatus.READY)
    make_police_check(volunteer, inspected_days_ago=5 * 366)
    policy = certificate_policy()
    assert not screening_complete(volunteer, TODAY, policy)
    assert volunteer.status is VolunteerStatus.READY


@pytest.mark.parametrize(
    ("issue", "inspected", "message"),
    [
        (TODAY - timedelta(days=120), TODAY, "älter als 3 Monate"),
        (TODAY + timedelta(days=1), TODAY, "Zukunft"),
        (TODAY - timedelta(days=10), TODAY + timedelta(days=1), "Zukunft"),
        (TODAY - timedelta(days=1), TODAY - timedelta(days=5), "nach dem Tag der Einsichtnahme"),
    ],
)
def test_police_check_refuses_bad_dates(app, coordinator_a, issue, inspected, message):
    volunteer = make_volunteer(status=VolunteerStatus.NEW)
    with pytest.raises(OperationError, match=message):
        record_police_check(
            volunteer_id=volunteer.id,
            issue_date=issue,
            inspected_on=inspected,
            conviction_listed=False,
            staff=coordinator_a,
        )
    assert db.session.scalar(select(PoliceCheck.id)) is None


def test_interview_in_the_future_is_refused(app, coordinator_a):
    volunteer = make_volunteer(status=VolunteerStatus.NEW)
    with pytest.raises(OperationError):
        record_interview(
            volunteer_id=volunteer.id, held_on=TODAY + timedelta(days=1), staff=coordinator_a
        )


def _detail(client, volunteer_id) -> str:
    response = client.get(f"/dashboard/ehrenamtliche/{volunteer_id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_screening_forms_in_the_browser(client_a, coordinator_a, app):
    volunteer = make_volunteer(status=VolunteerStatus.NEW)
    page = _detail(client_a, volunteer.id)
    assert 'type="file"' not in page  # never an upload for the certificate
    assert "Kein Führungszeugnis eingesehen" in page
    token = csrf_token(page)
    base = f"/dashboard/ehrenamtliche/{volunteer.id}"
    response = client_a.post(
        f"{base}/erstgespraech", data={"csrf_token": token, "interview_on": TODAY.isoformat()}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("#screening")
    client_a.post(
        f"{base}/schulung", data={"csrf_token": token, "training_on": TODAY.strftime("%d.%m.%Y")}
    )
    response = client_a.post(
        f"{base}/fuehrungszeugnis",
        data={
            "csrf_token": token,
            "issue_date": (TODAY - timedelta(days=20)).isoformat(),
            "inspected_on": TODAY.isoformat(),
            "conviction_listed": "no",
        },
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "Einsichtnahme in das Führungszeugnis ist gespeichert" in page
    assert "Prüfung vollständig" in page and "Führungszeugnis gültig" in page
    assert "Anna Abteilung-A" in page  # inspected by
    assert _status(volunteer.id) is VolunteerStatus.READY
    check = db.session.scalar(select(PoliceCheck))
    assert check.inspected_by_id == coordinator_a.id and check.conviction_listed is False


def test_screening_form_errors_are_shown_in_german(client_a, app):
    volunteer = make_volunteer(status=VolunteerStatus.NEW)
    token = csrf_token(_detail(client_a, volunteer.id))
    base = f"/dashboard/ehrenamtliche/{volunteer.id}"
    page = client_a.post(
        f"{base}/fuehrungszeugnis",
        data={
            "csrf_token": token,
            "issue_date": (TODAY - timedelta(days=200)).isoformat(),
            "inspected_on": TODAY.isoformat(),
            "conviction_listed": "no",
        },
    ).get_data(as_text=True)
    assert "Bitte prüfen Sie Ihre Angaben" in page
    assert "älter als 3 Monate" in page
    page = client_a.post(
        f"{base}/erstgespraech", data={"csrf_token": token, "interview_on": "gestern"}
    ).get_data(as_text=True)
    assert "Bitte geben Sie ein Datum ein" in page
    page = client_a.post(
        f"{base}/schulung",
        data={"csrf_token": token, "training_on": (TODAY + timedelta(days=3)).isoformat()},
    ).get_data(as_text=True)
    assert "nicht in der Zukunft" in page
    page = client_a.post(
        f"{base}/fuehrungszeugnis",
        data={
            "csrf_token": token,
            "issue_date": TODAY.isoformat(),
            "inspected_on": TODAY.isoformat(),
        },
    ).get_data(as_text=True)
    assert "Bitte wählen Sie Ja oder Nein." in page
    assert db.session.scalar(select(PoliceCheck.id)) is None
    assert _status(volunteer.id) is VolunteerStatus.NEW
