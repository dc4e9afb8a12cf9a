"""Consent withdrawal: by staff on request, or by the person through a signed link."""

import time

import pytest
from flask import current_app
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from sqlalchemy import func, select

from mentoring import signing
from mentoring.extensions import db
from mentoring.models import (
    AuditEntry,
    ConsentRecord,
    EndReason,
    MenteeRequest,
    Programme,
    Proposal,
    ProposalStatus,
    RequestStatus,
    Tandem,
    TandemEvent,
    TandemStatus,
    Volunteer,
    VolunteerStatus,
)
from mentoring.operations import OperationError, withdrawal
from mentoring.personal_data import links
from tests.privacy.world import make_world
from tests.support.forms import csrf_token


def _state(world):
    db.session.expire_all()
    return (
        db.session.get(Volunteer, world.volunteer.id).status,
        db.session.scalar(select(func.count()).where(ConsentRecord.withdrawn_at.is_not(None))),
        db.session.get(Tandem, world.tandem.id).status,
        db.session.get(Proposal, world.open_proposal.id).status,
    )


def test_staff_withdrawal_stops_all_processing(app, staff_client, coordinator):
    world = make_world()
    url = f"/dashboard/datenschutz/volunteer/{world.volunteer.id}"
    token = csrf_token(staff_client.get(url).get_data(as_text=True))
    response = staff_client.post(
        url + "/widerruf", data={"csrf_token": token, "withdraw_confirm": "y"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    volunteer = db.session.get(Volunteer, world.volunteer.id)
    assert volunteer.status is VolunteerStatus.WITHDRAWN
    assert all(c.withdrawn_at is not None for c in volunteer.consents)
    assert db.session.get(Proposal, world.open_proposal.id).status is ProposalStatus.CLOSED
    tandem = db.session.get(Tandem, world.tandem.id)
    assert (tandem.status, tandem.end_reason, tandem.end_note) == (
        TandemStatus.ENDED,
        EndReason.OTHER,
        "Einwilligung widerrufen",
    )
    event = db.session.scalar(
        select(TandemEvent)
        .where(TandemEvent.tandem_id == tandem.id)
        .order_by(TandemEvent.id.desc())
    )
    assert (event.to_status, event.staff_id) == ("ended", coordinator.id)
    # The partner did nothing wrong: the request waits for a new volunteer.
    assert db.session.get(MenteeRequest, world.request.id).status is RequestStatus.OPEN
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "withdraw"))
    assert (entry.subject_type, entry.subject_id, entry.detail) == (
        "volunteer",
        world.volunteer.id,
        "staff",
    )
    assert "Der Widerruf ist eingetragen" in staff_client.get(url).get_data(as_text=True)


def test_withdrawn_people_leave_matching(app):
    from mentoring.pairing.engine_input import build_engine_input

    world = make_world()
    programme = db.session.scalar(select(Programme).where(Programme.code == "ausbildungspaten"))
    before = build_engine_input(programme)
    withdrawal.withdraw_consent(kind="volunteer", person_id=world.other_volunteer.id, staff=None)
    withdrawal.withdraw_consent(kind="request", person_id=world.other_request.id, staff=None)
    after = build_engine_input(programme)

    def number(key: str) -> int:  # engine keys are the database id, maybe with a side prefix
        return int("".join(ch for ch in key if ch.isdigit()))

    assert {number(m.id) for m in before.mentors} - {number(m.id) for m in after.mentors} == {
        world.other_volunteer.id
    }
    assert {number(m.id) for m in before.mentees} - {number(m.id) for m in after.mentees} == {
        world.other_request.id
    }


def test_withdrawing_twice_is_refused(app):
    world = make_world()
    withdrawal.withdraw_consent(kind="request", person_id=world.request.id, staff=None)
    before = _state(world)
    with pytest.raises(OperationError, match="bereits widerrufen"):
        withdrawal.withdraw_consent(kind="request", person_id=world.request.id, staff=None)
    assert _state(world) == before


def test_link_asks_first_and_withdraws_only_on_post(app, client):
    world = make_world()
    url = "/einwilligung/widerrufen/" + links.withdrawal_token("volunteer", world.volunteer.id)
    before = _state(world)
    page = client.get(url)
    assert page.status_code == 200
    assert "Ja, ich widerrufe meine Einwilligung" in page.get_data(as_text=True)
    assert _state(world) == before  # a GET (or a link preview in a mail program) changes nothing
    assert client.post(url, data={}).status_code == 400  # no CSRF token: refused
    assert _state(world) == before
    done = client.post(url, data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    assert done.status_code == 200
    assert "Ihr Widerruf ist angekommen" in done.get_data(as_text=True)
    assert _state(world)[0] is VolunteerStatus.WITHDRAWN
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "withdraw"))
    assert (entry.staff_id, entry.detail) == (None, "link")
    again = client.get(url)
    assert "schon widerrufen" in again.get_data(as_text=True)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
        lambda t: "eyJraW5kIjoidm9sdW50ZWVyIiwiaWQiOjF9.fake.signature",
    ],
)
def test_tampered_link_is_refused_and_changes_nothing(app, client, mangle):
    world = make_world()
    before = _state(world)
    url = "/einwilligung/widerrufen/" + mangle(
        links.withdrawal_token("volunteer", world.volunteer.id)
    )
    response = client.get(url)
    assert response.status_code == 400
    assert "Dieser Link ist ungültig" in response.get_data(as_text=True)
    assert client.post(url, data={}).status_code == 400
    valid = "/einwilligung/widerrufen/" + links.withdrawal_token("volunteer", world.volunteer.id)
    token = csrf_token(client.get(valid).get_data(as_text=True))
    assert client.post(url, data={"csrf_token": token}).status_code == 400
    assert _state(world) == before


def test_expired_link_is_refused(app, client):
    world = make_world()

    class LastYearSigner(TimestampSigner):
        def get_timestamp(self):
            return int(time.time()) - 400 * 86400

    serializer = URLSafeTimedSerializer(
        current_app.config["SECRET_KEY"],
        salt=signing.salt(signing.CONSENT_WITHDRAWAL),
        signer=LastYearSigner,
    )
    token = serializer.dumps({"kind": "volunteer", "id": world.volunteer.id})
    response = client.get("/einwilligung/widerrufen/" + token)
    assert response.status_code == 400
    assert "abgelaufen" in response.get_data(as_text=True)
    assert _state(world)[0] is VolunteerStatus.ACTIVE


def test_link_for_a_different_secret_is_refused(app):
    forged = URLSafeTimedSerializer(
        "another-secret", salt=signing.salt(signing.CONSENT_WITHDRAWAL)
    ).dumps({"kind": "volunteer", "id": 1})
    with pytest.raises(OperationError, match="ungültig"):
        links.read_withdrawal_token(forged)


def test_withdrawal_page_speaks_the_visitors_language(app, client):
    world = make_world()
    url = "/einwilligung/widerrufen/" + links.withdrawal_token("request", world.request.id)
    html = client.get(url + "?lang=ar").get_data(as_text=True)
    assert 'lang="ar"' in html and 'dir="rtl"' in html


def test_staff_page_shows_the_link_to_hand_out(app, staff_client):
    world = make_world()
    html = staff_client.get(f"/dashboard/datenschutz/request/{world.request.id}").get_data(
        as_text=True
    )
    token = links.withdrawal_token("request", world.request.id)
    assert f"/einwilligung/widerrufen/{token.split('.')[0]}" in html
    assert "Vormund" in html  # the guardian's consent is listed, for whom it was given
    assert "ein minderjähriges Kind" in html
