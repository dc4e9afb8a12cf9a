"""The first meeting lies between the proposal and today; a wrong date can be corrected (audited);
ending a tandem needs a confirmation."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import AuditEntry, CheckIn, EndReason, Tandem, TandemStatus
from mentoring.operations import OperationError
from mentoring.operations.tandems import (
    correct_first_meeting,
    end_tandem,
    record_check_in,
    record_first_meeting,
)
from tests.support.factories import make_accepted_tandem, make_staff, today
from tests.support.forms import post_prefixed_form
from tests.support.login import login


def _met(staff, *, proposed_days_ago=30, met_days_ago=10):
    tandem = make_accepted_tandem(staff, proposed_days_ago=proposed_days_ago)
    record_first_meeting(
        tandem_id=tandem.id,
        staff=staff,
        met_on=today() - timedelta(days=met_days_ago),
        coordinator_present=True,
    )
    return tandem


def test_first_meeting_before_the_proposal_is_refused(app):
    staff = make_staff()
    tandem = make_accepted_tandem(staff, proposed_days_ago=5)
    with pytest.raises(OperationError, match="nicht vor dem Vorschlag"):
        record_first_meeting(
            tandem_id=tandem.id,
            staff=staff,
            met_on=today() - timedelta(days=6),
            coordinator_present=True,
        )
    db.session.expire_all()
    assert db.session.get(Tandem, tandem.id).status is TandemStatus.PROPOSED
    record_first_meeting(
        tandem_id=tandem.id,
        staff=staff,
        met_on=today() - timedelta(days=5),
        coordinator_present=True,
    )


def test_correction_moves_the_date_and_the_first_check_in_and_is_audited(app):
    staff = make_staff()
    tandem = _met(staff, met_days_ago=10)
    right = today() - timedelta(days=12)
    correct_first_meeting(tandem_id=tandem.id, staff=staff, met_on=right)
    db.session.expire_all()
    tandem = db.session.get(Tandem, tandem.id)
    assert tandem.first_meeting_on == right
    check_in = db.session.scalar(select(CheckIn).where(CheckIn.tandem_id == tandem.id))
    assert check_in.due_on == right + timedelta(days=tandem.programme.first_checkin_days)
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "first_meeting_corrected")
    )
    # Field names only: neither the old nor the new date in the log line.
    assert (entry.subject_type, entry.subject_id, entry.detail) == (
        "tandem",
        tandem.id,
        "first_meeting_on",
    )


@pytest.mark.parametrize(
    ("days_ago", "message"),
    [
        (-1, "Zukunft"),
        (31, "nicht vor dem Vorschlag"),
        (10, "schon das eingetragene Datum"),
    ],
)
def test_correction_refusals(app, days_ago, message):
    staff = make_staff()
    tandem = _met(staff, proposed_days_ago=30, met_days_ago=10)
    with pytest.raises(OperationError, match=message):
        correct_first_meeting(
            tandem_id=tandem.id, staff=staff, met_on=today() - timedelta(days=days_ago)
        )
    db.session.expire_all()
    assert db.session.get(Tandem, tandem.id).first_meeting_on == today() - timedelta(days=10)


def test_correction_not_after_a_held_check_in_or_the_end(app):
    staff = make_staff()
    tandem = _met(staff, met_days_ago=20)
    first = db.session.scalar(select(CheckIn).where(CheckIn.tandem_id == tandem.id))
    record_check_in(check_in_id=first.id, staff=staff, done_on=today() - timedelta(days=8))
    with pytest.raises(OperationError, match="ersten Begleitgespräch"):
        correct_first_meeting(tandem_id=tandem.id, staff=staff, met_on=today() - timedelta(days=5))
    end_tandem(
        tandem_id=tandem.id,
        staff=staff,
        reason=EndReason.NO_TIME,
        ended_on=today() - timedelta(days=9),
    )
    with pytest.raises(OperationError, match="nach dem Ende"):
        correct_first_meeting(tandem_id=tandem.id, staff=staff, met_on=today() - timedelta(days=8))


def test_correction_needs_a_first_meeting(app):
    staff = make_staff()
    tandem = make_accepted_tandem(staff)
    with pytest.raises(OperationError, match="noch kein erstes Treffen"):
        correct_first_meeting(tandem_id=tandem.id, staff=staff, met_on=today())


def test_correction_through_the_tandem_page(client):
    staff = login(client, make_staff())
    tandem = _met(staff, met_days_ago=10)
    url = f"/dashboard/tandems/{tandem.id}"
    assert "Datum des ersten Treffens berichtigen" in client.get(url).get_data(as_text=True)
    right = today() - timedelta(days=11)
    response = post_prefixed_form(
        client,
        url,
        f"{url}/erstes-treffen/berichtigen",
        "correct",
        {"met_on": right.strftime("%d.%m.%Y")},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Tandem, tandem.id).first_meeting_on == right
    bad = post_prefixed_form(
        client, url, f"{url}/erstes-treffen/berichtigen", "correct", {"met_on": "gestern"}
    )
    assert bad.status_code == 400
    assert 'href="#correct-met_on"' in bad.get_data(as_text=True)


def test_ending_needs_the_confirmation(client):
    staff = login(client, make_staff())
    tandem = _met(staff)
    url = f"/dashboard/tandems/{tandem.id}"
    page = client.get(url).get_data(as_text=True)
    assert "Ich habe geprüft: Das Tandem soll endgültig beendet werden." in page
    data = {"reason": "goals_reached", "ended_on": today().isoformat()}
    response = post_prefixed_form(client, url, f"{url}/beenden", "end", data)
    assert response.status_code == 400
    assert "Bitte bestätigen Sie, dass das Tandem enden soll." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Tandem, tandem.id).status is TandemStatus.INTRODUCED
    response = post_prefixed_form(client, url, f"{url}/beenden", "end", {**data, "confirm": "y"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Tandem, tandem.id).status is TandemStatus.ENDED
