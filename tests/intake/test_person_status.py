"""Casework statuses: pause, withdraw, re-activate; hold, close, re-open; first contact.

Dates are relative to clock.today(): a pause "until yesterday" is over, "until today" still runs.
"""

from datetime import timedelta

import pytest
from sqlalchemy import select

from mentoring import clock
from mentoring.extensions import db
from mentoring.models import (
    AuditEntry,
    CloseReason,
    FirstContactChannel,
    MenteeRequest,
    Proposal,
    ProposalStatus,
    RequestStatus,
    Volunteer,
    VolunteerStatus,
    WithdrawReason,
)
from mentoring.operations import OperationError
from mentoring.operations.person_status import (
    close_request,
    hold_request,
    pause_volunteer,
    reactivate_volunteer,
    record_first_contact,
    reopen_request,
    withdraw_volunteer,
)
from mentoring.operations.proposals import accept_proposal
from mentoring.pairing.engine_input import matchable_volunteer_ids, open_request_ids
from tests.support.factories import (
    make_proposal,
    make_request,
    make_staff,
    make_tandem,
    make_volunteer,
    programme,
)
from tests.support.forms import page_token, post_prefixed_form
from tests.support.login import login


def _day(offset: int):
    return clock.today() + timedelta(days=offset)


def _matchable(volunteer) -> bool:
    pid = volunteer.programmes[0].id
    return volunteer.id in set(db.session.scalars(matchable_volunteer_ids(pid)))


def _open(mentee_request) -> bool:
    ids = set(db.session.scalars(open_request_ids(mentee_request.programme_id)))
    return mentee_request.id in ids


def _audit(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


# --- Pause -----------------------------------------------------------------------------------


def test_pause_takes_a_volunteer_out_of_matching_until_the_day_after(app, coordinator):
    volunteer = make_volunteer()
    proposal = make_proposal(volunteer, make_request())
    pause_volunteer(volunteer_id=volunteer.id, until=_day(42), note="verreist", staff=coordinator)
    volunteer = db.session.get(Volunteer, volunteer.id)
    assert volunteer.status is VolunteerStatus.READY  # the screening stays as it was
    assert volunteer.is_paused and not volunteer.is_matchable and not _matchable(volunteer)
    assert volunteer.status_note == "verreist"
    assert volunteer.status_changed_by_id == coordinator.id
    assert db.session.get(Proposal, proposal.id).status is ProposalStatus.CLOSED
    (entry,) = _audit("volunteer_paused")
    assert entry.detail == "paused_until closed_proposals=1"  # field names, never the note


@pytest.mark.parametrize(("offset", "paused"), [(0, True), (-1, False)])
def test_a_pause_ends_by_itself(app, offset, paused):
    volunteer = make_volunteer(paused_until=_day(offset))
    assert volunteer.is_paused is paused
    assert volunteer.is_matchable is not paused
    assert _matchable(volunteer) is not paused


def test_pause_refusals(app, coordinator):
    volunteer = make_volunteer()
    with pytest.raises(OperationError, match="Vergangenheit"):
        pause_volunteer(volunteer_id=volunteer.id, until=_day(-1), note=None, staff=coordinator)
    with pytest.raises(OperationError, match="ein Jahr"):
        pause_volunteer(volunteer_id=volunteer.id, until=_day(400), note=None, staff=coordinator)
    gone = make_volunteer(status=VolunteerStatus.WITHDRAWN)
    with pytest.raises(OperationError, match="zurückgezogen"):
        pause_volunteer(volunteer_id=gone.id, until=_day(3), note=None, staff=coordinator)
    assert db.session.get(Volunteer, volunteer.id).paused_until is None


def test_pausing_keeps_a_running_tandem(app, coordinator):
    volunteer = make_volunteer(status=VolunteerStatus.ACTIVE, capacity=2)
    make_tandem(volunteer, make_request())
    pause_volunteer(volunteer_id=volunteer.id, until=_day(10), note=None, staff=coordinator)
    assert db.session.get(Volunteer, volunteer.id).status is VolunteerStatus.ACTIVE


def test_a_paused_volunteer_cannot_be_accepted(app, coordinator):
    volunteer = make_volunteer(certificate="valid")
    proposal = make_proposal(volunteer, make_request())
    volunteer.paused_until = _day(5)
    db.session.commit()
    with pytest.raises(OperationError, match="pausiert"):
        accept_proposal(proposal_id=proposal.id, staff=coordinator)


# --- Withdraw and re-activate ----------------------------------------------------------------


def test_withdraw_with_reason_then_reactivate(app, coordinator):
    volunteer = make_volunteer(interview_on=_day(-5), training_on=_day(-4), certificate="valid")
    make_proposal(volunteer, make_request())
    withdraw_volunteer(
        volunteer_id=volunteer.id, reason=WithdrawReason.MOVED, note=None, staff=coordinator
    )
    volunteer = db.session.get(Volunteer, volunteer.id)
    assert volunteer.status is VolunteerStatus.WITHDRAWN
    assert volunteer.status_reason is WithdrawReason.MOVED
    assert not _matchable(volunteer)
    assert db.session.scalar(select(Proposal.status)) is ProposalStatus.CLOSED
    (entry,) = _audit("volunteer_withdrawn")
    assert entry.detail == "ready->withdrawn reason=moved closed_proposals=1"

    reactivate_volunteer(volunteer_id=volunteer.id, staff=coordinator)
    volunteer = db.session.get(Volunteer, volunteer.id)
    # Programme A needs no certificate: interview and training make the screening complete.
    assert volunteer.status is VolunteerStatus.READY and volunteer.status_reason is None
    assert _matchable(volunteer)


def test_reactivating_an_unscreened_volunteer_goes_back_to_new(app, coordinator):
    volunteer = make_volunteer(status=VolunteerStatus.WITHDRAWN)
    reactivate_volunteer(volunteer_id=volunteer.id, staff=coordinator)
    assert db.session.get(Volunteer, volunteer.id).status is VolunteerStatus.NEW


def test_reactivate_ends_a_pause_early(app, coordinator):
    volunteer = make_volunteer(paused_until=_day(20))
    reactivate_volunteer(volunteer_id=volunteer.id, staff=coordinator)
    volunteer = db.session.get(Volunteer, volunteer.id)
    assert volunteer.paused_until is None and _matchable(volunteer)


def test_withdraw_and_reactivate_refusals(app, coordinator):
    busy = make_volunteer(status=VolunteerStatus.ACTIVE)
    make_tandem(busy, make_request())
    with pytest.raises(OperationError, match="laufendes Tandem"):
        withdraw_volunteer(
            volunteer_id=busy.id, reason=WithdrawReason.NO_TIME, note=None, staff=coordinator
        )
    assert db.session.get(Volunteer, busy.id).status is VolunteerStatus.ACTIVE
    ready = make_volunteer()
    with pytest.raises(OperationError, match="weder pausiert noch zurückgezogen"):
        reactivate_volunteer(volunteer_id=ready.id, staff=coordinator)
    gone = make_volunteer(status=VolunteerStatus.WITHDRAWN)
    withdraw = dict(reason=WithdrawReason.OTHER, note="x", staff=coordinator)
    with pytest.raises(OperationError, match="bereits zurückgezogen"):
        withdraw_volunteer(volunteer_id=gone.id, **withdraw)
    revoked = make_volunteer(status=VolunteerStatus.WITHDRAWN)
    revoked.consents[0].withdrawn_at = clock.now()
    db.session.commit()
    with pytest.raises(OperationError, match="Einwilligung widerrufen"):
        reactivate_volunteer(volunteer_id=revoked.id, staff=coordinator)


def test_other_departments_volunteer_is_out_of_reach(app, coordinator):
    other = make_volunteer(programmes=("familienpaten",))
    with pytest.raises(OperationError):
        pause_volunteer(volunteer_id=other.id, until=_day(3), note=None, staff=coordinator)


# --- Requests --------------------------------------------------------------------------------


def test_hold_until_a_date_ends_by_itself(app, coordinator):
    mentee_request = make_request()
    proposal = make_proposal(make_volunteer(), mentee_request)
    hold_request(request_id=mentee_request.id, until=_day(7), note=None, staff=coordinator)
    mentee_request = db.session.get(MenteeRequest, mentee_request.id)
    assert mentee_request.is_held and not mentee_request.is_open and not _open(mentee_request)
    assert db.session.get(Proposal, proposal.id).status is ProposalStatus.CLOSED
    expired = make_request(on_hold=True, on_hold_until=_day(-1))
    assert expired.is_open and _open(expired)


def test_hold_without_date_lasts_until_reopened(app, coordinator):
    mentee_request = make_request()
    hold_request(request_id=mentee_request.id, until=None, note="Umzug", staff=coordinator)
    assert not _open(db.session.get(MenteeRequest, mentee_request.id))
    (entry,) = _audit("request_held")
    assert entry.detail == "on_hold closed_proposals=0"
    reopen_request(request_id=mentee_request.id, staff=coordinator)
    mentee_request = db.session.get(MenteeRequest, mentee_request.id)
    assert mentee_request.status is RequestStatus.OPEN and _open(mentee_request)


def test_close_with_reason_and_reopen(app, coordinator):
    mentee_request = make_request()
    close_request(
        request_id=mentee_request.id,
        reason=CloseReason.PROVIDED_ELSEWHERE,
        note=None,
        staff=coordinator,
    )
    mentee_request = db.session.get(MenteeRequest, mentee_request.id)
    assert mentee_request.status is RequestStatus.CLOSED
    assert mentee_request.status_reason is CloseReason.PROVIDED_ELSEWHERE
    assert not _open(mentee_request)
    reopen_request(request_id=mentee_request.id, staff=coordinator)
    mentee_request = db.session.get(MenteeRequest, mentee_request.id)
    assert mentee_request.status is RequestStatus.OPEN and mentee_request.status_reason is None
    assert _open(mentee_request)
    assert [e.detail for e in _audit("request_reopened")] == ["closed->open"]


def test_request_refusals(app, coordinator):
    matched = make_request(status=RequestStatus.MATCHED)
    make_tandem(make_volunteer(status=VolunteerStatus.ACTIVE), matched)
    with pytest.raises(OperationError, match="läuft ein Tandem"):
        close_request(request_id=matched.id, reason=CloseReason.MOVED, note=None, staff=coordinator)
    with pytest.raises(OperationError, match="ohne Tandem"):
        hold_request(request_id=matched.id, until=None, note=None, staff=coordinator)
    closed = make_request(status=RequestStatus.CLOSED)
    with pytest.raises(OperationError, match="bereits abgeschlossen"):
        close_request(request_id=closed.id, reason=CloseReason.MOVED, note=None, staff=coordinator)
    waiting = make_request()
    with pytest.raises(OperationError, match="weder zurückgestellt"):
        reopen_request(request_id=waiting.id, staff=coordinator)
    with pytest.raises(OperationError, match="Vergangenheit"):
        hold_request(request_id=waiting.id, until=_day(-2), note=None, staff=coordinator)
    assert db.session.get(MenteeRequest, matched.id).status is RequestStatus.MATCHED


# --- First contact ---------------------------------------------------------------------------


def test_first_contact_is_recorded_with_day_channel_and_who(app, coordinator):
    volunteer = make_volunteer(status=VolunteerStatus.NEW, created_days_ago=3)
    assert volunteer.awaiting_first_contact
    record_first_contact(
        kind="volunteer",
        person_id=volunteer.id,
        contacted_on=_day(-1),
        channel=FirstContactChannel.PHONE,
        staff=coordinator,
    )
    volunteer = db.session.get(Volunteer, volunteer.id)
    assert (volunteer.first_contact_on, volunteer.first_contact_channel) == (
        _day(-1),
        FirstContactChannel.PHONE,
    )
    assert volunteer.first_contact_by_id == coordinator.id
    assert not volunteer.awaiting_first_contact
    (entry,) = _audit("first_contact")
    assert entry.detail == "first_contact_on channel=phone"


def test_first_contact_refusals(app, coordinator):
    mentee_request = make_request(status=RequestStatus.NEW, created_days_ago=2)
    contact = dict(
        kind="request",
        person_id=mentee_request.id,
        channel=FirstContactChannel.EMAIL,
        staff=coordinator,
    )
    with pytest.raises(OperationError, match="Zukunft"):
        record_first_contact(contacted_on=_day(1), **contact)
    with pytest.raises(OperationError, match="vor der Anmeldung"):
        record_first_contact(contacted_on=_day(-10), **contact)
    assert db.session.get(MenteeRequest, mentee_request.id).first_contact_on is None


def test_python_and_sql_agree_on_pause_hold_and_first_contact(app):
    make_volunteer(paused_until=_day(0))
    make_volunteer(paused_until=_day(-1))
    make_volunteer(paused_until=_day(30), status=VolunteerStatus.NEW)
    make_volunteer(status=VolunteerStatus.NEW, first_contact_on=_day(0))
    make_volunteer()
    make_request(on_hold=True)
    make_request(on_hold=True, on_hold_until=_day(0))
    make_request(on_hold=True, on_hold_until=_day(-1))
    make_request(status=RequestStatus.NEW)
    make_request()
    for model, flags in (
        (
            Volunteer,
            (Volunteer.is_paused, Volunteer.is_matchable, Volunteer.awaiting_first_contact),
        ),
        (
            MenteeRequest,
            (MenteeRequest.is_held, MenteeRequest.is_open, MenteeRequest.awaiting_first_contact),
        ),
    ):
        rows = db.session.scalars(select(model)).all()
        for flag in flags:
            in_sql = set(db.session.scalars(select(model.id).where(flag)))
            in_python = {row.id for row in rows if getattr(row, flag.key)}
            assert in_sql == in_python, flag.key
            assert 0 < len(in_sql) < len(rows), flag.key


# --- Pages -----------------------------------------------------------------------------------


def _volunteer_url(volunteer) -> str:
    return f"/dashboard/ehrenamtliche/{volunteer.id}"


def test_pause_and_withdraw_through_the_record_page(app, staff_client):
    volunteer = make_volunteer()
    page = _volunteer_url(volunteer)
    until = _day(14)
    response = post_prefixed_form(
        staff_client,
        page,
        f"{page}/pausieren",
        "pause",
        {"paused_until": until.strftime("%d.%m.%Y"), "note": "6 Wochen verreist"},
    )
    assert response.status_code == 302
    text = staff_client.get(page).get_data(as_text=True)
    assert f"pausiert bis {until:%d.%m.%Y}" in text
    assert "Pause beenden" in text and "6 Wochen verreist" in text

    response = post_prefixed_form(
        staff_client, page, f"{page}/zurueckziehen", "withdraw", {"reason": "other"}
    )
    assert response.status_code == 200  # "sonstiges" needs a note
    assert "Bitte erläutern Sie den sonstigen Grund kurz." in response.get_data(as_text=True)
    response = post_prefixed_form(
        staff_client,
        page,
        f"{page}/zurueckziehen",
        "withdraw",
        {"reason": "no_time"},
    )
    assert response.status_code == 302
    assert "zurückgezogen (keine Zeit mehr)" in staff_client.get(page).get_data(as_text=True)


def test_refusal_is_shown_on_the_page(app, staff_client):
    volunteer = make_volunteer(status=VolunteerStatus.ACTIVE)
    make_tandem(volunteer, make_request())
    page = _volunteer_url(volunteer)
    response = post_prefixed_form(
        staff_client, page, f"{page}/zurueckziehen", "withdraw", {"reason": "moved"}
    )
    assert response.status_code == 200
    assert "laufendes Tandem" in response.get_data(as_text=True)


def test_hold_close_and_reopen_through_the_request_page(app, staff_client):
    mentee_request = make_request()
    page = f"/dashboard/anfragen/{mentee_request.id}"
    until = _day(10)
    response = post_prefixed_form(
        staff_client,
        page,
        f"{page}/zurueckstellen",
        "hold",
        {"on_hold_until": until.isoformat()},
    )
    assert response.status_code == 302
    assert f"zurückgestellt bis {until:%d.%m.%Y}" in staff_client.get(page).get_data(as_text=True)
    response = post_prefixed_form(
        staff_client, page, f"{page}/abschliessen", "close", {"reason": "need_gone"}
    )
    assert response.status_code == 302
    assert "abgeschlossen (Bedarf entfallen)" in staff_client.get(page).get_data(as_text=True)
    response = staff_client.post(
        f"{page}/wieder-oeffnen", data={"csrf_token": page_token(staff_client, page)}
    )
    assert response.status_code == 302
    assert db.session.get(MenteeRequest, mentee_request.id).status is RequestStatus.OPEN


def test_first_contact_through_the_page(app, staff_client):
    mentee_request = make_request(status=RequestStatus.NEW, created_days_ago=1)
    page = f"/dashboard/anfragen/{mentee_request.id}"
    assert "noch nicht kontaktiert" in staff_client.get(page).get_data(as_text=True)
    response = post_prefixed_form(
        staff_client,
        page,
        f"{page}/erstkontakt",
        "contact",
        {"contacted_on": clock.today().strftime("%d.%m.%Y"), "channel": "in_person"},
    )
    assert response.status_code == 302
    text = staff_client.get(page).get_data(as_text=True)
    assert f"Erreicht am {clock.today():%d.%m.%Y}, Weg: persönlich" in text


def test_lists_filter_uncontacted_and_sort_newest_first(app, staff_client):
    old = make_request(status=RequestStatus.NEW, created_days_ago=9, person_first_name="Alt")
    new = make_request(status=RequestStatus.NEW, created_days_ago=1, person_first_name="Neu")
    make_request(
        status=RequestStatus.NEW,
        created_days_ago=5,
        person_first_name="Erreicht",
        first_contact_on=_day(0),
    )
    text = staff_client.get("/dashboard/anfragen?uncontacted=y&sort=new").get_data(as_text=True)
    assert "Erreicht" not in text
    assert text.index(new.reference) < text.index(old.reference)
    text = staff_client.get("/dashboard/anfragen?uncontacted=y").get_data(as_text=True)
    assert text.index(old.reference) < text.index(new.reference)  # longest waiting first


def test_volunteer_list_status_filter_finds_paused(app, staff_client):
    paused = make_volunteer(paused_until=_day(3))
    ready = make_volunteer()
    text = staff_client.get("/dashboard/ehrenamtliche?status=paused").get_data(as_text=True)
    assert paused.reference in text and ready.reference not in text
    assert f"pausiert bis {_day(3):%d.%m.%Y}" in text


def test_request_list_status_filter_finds_held(app, staff_client):
    held = make_request(on_hold=True)
    waiting = make_request()
    text = staff_client.get("/dashboard/anfragen?status=on_hold").get_data(as_text=True)
    assert held.reference in text and waiting.reference not in text


def test_staff_of_another_department_cannot_act(app, client):
    login(client, make_staff(departments=("fb43",)))
    volunteer = make_volunteer()
    assert programme("ausbildungspaten").id in [p.id for p in volunteer.programmes]
    response = client.post(f"/dashboard/ehrenamtliche/{volunteer.id}/wieder-aktivieren")
    assert response.status_code in (400, 404)
