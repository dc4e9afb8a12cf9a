"""Follow-up: check-ins after the first meeting, then monthly in the first year; the start page."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import CheckIn, EndReason, VolunteerStatus
from mentoring.operations import OperationError
from mentoring.operations.tandems import end_tandem, record_check_in, record_first_meeting
from tests.support.factories import (
    make_accepted_tandem,
    make_proposal,
    make_request,
    make_staff,
    make_volunteer,
    programme,
    today,
)
from tests.support.forms import post_prefixed_form
from tests.support.login import login


def _meet(staff, days_ago, **request_kwargs):
    tandem = make_accepted_tandem(staff, **request_kwargs)
    record_first_meeting(
        tandem_id=tandem.id,
        staff=staff,
        met_on=today() - timedelta(days=days_ago),
        coordinator_present=True,
    )
    return tandem


def _open_check_ins(tandem_id):
    return list(
        db.session.scalars(
            select(CheckIn).where(CheckIn.tandem_id == tandem_id, CheckIn.done_on.is_(None))
        )
    )


def test_first_check_in_is_due_after_the_first_meeting(app):
    staff = make_staff()
    tandem = _meet(staff, 3)
    [check_in] = _open_check_ins(tandem.id)
    assert check_in.due_on == today() - timedelta(days=3) + timedelta(days=14)


def test_next_check_in_is_scheduled_when_one_is_done(app):
    staff = make_staff()
    tandem = _meet(staff, 20)
    [first] = _open_check_ins(tandem.id)
    record_check_in(check_in_id=first.id, staff=staff, done_on=today(), summary="Gut gestartet.")
    [second] = _open_check_ins(tandem.id)
    assert second.due_on == today() + timedelta(days=30)
    db.session.refresh(first)
    assert first.done_by_id == staff.id and first.summary == "Gut gestartet."
    with pytest.raises(OperationError, match="schon eingetragen"):
        record_check_in(check_in_id=first.id, staff=staff, done_on=today())


def test_intervals_are_configurable_per_programme(app):
    p = programme("ausbildungspaten")
    p.first_checkin_days, p.checkin_interval_days = 7, 60
    db.session.commit()
    staff = make_staff()
    tandem = _meet(staff, 10)
    [first] = _open_check_ins(tandem.id)
    assert first.due_on == today() - timedelta(days=3)
    record_check_in(check_in_id=first.id, staff=staff, done_on=today())
    assert _open_check_ins(tandem.id)[0].due_on == today() + timedelta(days=60)


def test_no_regular_check_ins_after_the_first_year(app):
    staff = make_staff()
    tandem = _meet(staff, 350)
    [first] = _open_check_ins(tandem.id)
    record_check_in(check_in_id=first.id, staff=staff, done_on=today())
    assert _open_check_ins(tandem.id) == []  # today + 30 is past the first year


def test_check_in_rules(app):
    staff = make_staff()
    tandem = _meet(staff, 5)
    [first] = _open_check_ins(tandem.id)
    with pytest.raises(OperationError, match="Zukunft"):
        record_check_in(check_in_id=first.id, staff=staff, done_on=today() + timedelta(days=1))
    with pytest.raises(OperationError):
        record_check_in(
            check_in_id=first.id, staff=make_staff(departments=("fb43",)), done_on=today()
        )
    end_tandem(tandem_id=tandem.id, staff=staff, reason=EndReason.OTHER, ended_on=today())
    assert _open_check_ins(tandem.id) == []


def test_check_in_form_in_the_browser(client):
    staff = login(client, make_staff())
    tandem = _meet(staff, 30)
    [check_in] = _open_check_ins(tandem.id)
    url = f"/dashboard/tandems/{tandem.id}"
    action = f"{url}/gespraeche/{check_in.id}"
    response = post_prefixed_form(
        client, url, action, "checkin", {"done_on": "", "summary": "x" * 2001}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Bitte geben Sie das Datum des Gesprächs ein." in html
    assert "höchstens 2000 Zeichen" in html
    assert "Gesundheit, Religion oder Aufenthaltsstatus" in html  # the data-minimisation hint
    response = post_prefixed_form(
        client,
        url,
        action,
        "checkin",
        {"done_on": today().isoformat(), "summary": "Treffen jede Woche."},
    )
    assert response.status_code == 302
    html = client.get(url).get_data(as_text=True)
    assert "Treffen jede Woche." in html


def test_start_page_lists_due_and_overdue_check_ins_of_own_department(client):
    staff = login(client, make_staff())
    overdue = _meet(staff, 30, person_first_name="Ole")  # due 16 days ago
    this_week = make_accepted_tandem(staff, person_first_name="Wiebke")
    record_first_meeting(
        tandem_id=this_week.id,
        staff=staff,
        met_on=today() - timedelta(days=14),
        coordinator_present=True,
    )
    later = _meet(staff, 0, person_first_name="Lars")  # due in 14 days
    other = make_staff(departments=("fb43",))
    make_volunteer(programmes=("familienpaten",), certificate="valid")
    foreign = make_proposal(
        make_volunteer(programmes=("familienpaten",), certificate="valid"),
        make_request(programme_code="familienpaten", age=1, person_first_name="Fremd"),
        created_days_ago=60,
    )
    from mentoring.operations.proposals import accept_proposal

    foreign_tandem = accept_proposal(proposal_id=foreign.id, staff=other)
    record_first_meeting(
        tandem_id=foreign_tandem.id,
        staff=other,
        met_on=today() - timedelta(days=30),
        coordinator_present=True,
    )

    html = client.get("/dashboard/").get_data(as_text=True)
    section = html[html.index("Gespräche: fällig") : html.index("Vorschläge ohne Entscheidung")]
    assert "Ole" in section and "überfällig" in section
    assert "Wiebke" in section
    assert "Lars" not in section
    assert "Fremd" not in section
    assert overdue.id and later.id


def test_start_page_lists_stale_proposals(client):
    login(client, make_staff())
    make_proposal(
        make_volunteer(), make_request(person_first_name="Langewartend"), created_days_ago=15
    )
    make_proposal(make_volunteer(), make_request(person_first_name="Frisch"), created_days_ago=13)
    make_proposal(
        make_volunteer(programmes=("familienpaten",)),
        make_request(programme_code="familienpaten", age=1, person_first_name="Fremd"),
        created_days_ago=30,
    )
    html = client.get("/dashboard/").get_data(as_text=True)
    section = html[
        html.index("Vorschläge ohne Entscheidung") : html.index("Führungszeugnis: Wieder")
    ]
    assert "Langewartend" in section
    assert "Frisch" not in section and "Fremd" not in section
    assert "1 Vorschlag wartet" in section


def test_start_page_lists_certificate_reinspections(client):
    login(client, make_staff())
    soon = make_volunteer(certificate="valid", first_name="Bald", last_name="Fällig")
    from mentoring.models import PoliceCheck

    check = db.session.scalar(select(PoliceCheck).where(PoliceCheck.volunteer_id == soon.id))
    check.inspected_on = today() - timedelta(days=5 * 365 - 10)
    check.issue_date = check.inspected_on - timedelta(days=3)
    make_volunteer(
        certificate="expired",
        first_name="Schon",
        last_name="Abgelaufen",
        status=VolunteerStatus.ACTIVE,
    )
    make_volunteer(certificate="valid", first_name="Noch", last_name="Lange")
    make_volunteer(
        certificate="expired",
        first_name="Nicht",
        last_name="Bereit",
        status=VolunteerStatus.SCREENING,
    )
    make_volunteer(
        certificate="expired",
        programmes=("familienpaten",),
        first_name="Andere",
        last_name="Abteilung",
    )
    db.session.commit()
    html = client.get("/dashboard/").get_data(as_text=True)
    section = html[html.index("Führungszeugnis: Wieder") : html.index("Ihre Programme")]
    assert "Bald Fällig" in section
    assert "Schon Abgelaufen" in section and "abgelaufen" in section
    for absent in ("Noch Lange", "Nicht Bereit", "Andere Abteilung"):
        assert absent not in section
