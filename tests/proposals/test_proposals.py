"""Accept and decline: one acceptance closes the competitors; changed-meanwhile changes nothing."""

from sqlalchemy import func, select

from mentoring.extensions import db
from mentoring.models import (
    AuditEntry,
    DeclineReason,
    MenteeRequest,
    PairExclusion,
    Proposal,
    ProposalStatus,
    RequestStatus,
    Tandem,
    TandemEvent,
    TandemStatus,
    Volunteer,
    VolunteerStatus,
)
from mentoring.operations import OperationError
from mentoring.operations.proposals import accept_proposal, decline_proposal
from tests.support.factories import make_proposal, make_request, make_staff, make_volunteer
from tests.support.forms import csrf_token, post_form
from tests.support.login import login


def _accept(client, proposal, page="/dashboard/tandems"):
    token = csrf_token(client.get(page).get_data(as_text=True))
    return client.post(f"/dashboard/vorschlaege/{proposal.id}/annehmen", data={"csrf_token": token})


def _snapshot():
    """Everything an accept may change, to prove a refused one changed nothing."""
    db.session.expire_all()
    return (
        sorted((p.id, p.status.value) for p in db.session.scalars(select(Proposal))),
        db.session.scalar(select(func.count()).select_from(Tandem)),
        sorted((v.id, v.status.value) for v in db.session.scalars(select(Volunteer))),
        sorted((r.id, r.status.value) for r in db.session.scalars(select(MenteeRequest))),
    )


def test_accept_creates_a_tandem_and_closes_competitors(client):
    volunteer = make_volunteer(capacity=1, certificate="valid")
    other_volunteer = make_volunteer(certificate="valid")
    request_row = make_request()
    other_request = make_request()
    chosen = make_proposal(volunteer, request_row)
    same_request = make_proposal(other_volunteer, request_row)
    same_volunteer = make_proposal(volunteer, other_request)
    unrelated = make_proposal(other_volunteer, other_request)
    staff = login(client, make_staff())

    response = _accept(client, chosen)
    assert response.status_code == 302
    tandem = db.session.scalar(select(Tandem))
    assert response.headers["Location"].endswith(f"/dashboard/tandems/{tandem.id}")
    assert tandem.status is TandemStatus.PROPOSED
    assert (tandem.volunteer_id, tandem.request_id, tandem.proposal_id) == (
        volunteer.id,
        request_row.id,
        chosen.id,
    )
    assert tandem.request_signed_up_at == request_row.created_at
    event = db.session.scalar(select(TandemEvent))
    assert (event.from_status, event.to_status, event.staff_id) == (None, "proposed", staff.id)

    db.session.expire_all()
    assert db.session.get(Proposal, chosen.id).status is ProposalStatus.ACCEPTED
    assert db.session.get(Proposal, chosen.id).decided_by_id == staff.id
    assert db.session.get(Proposal, same_request.id).status is ProposalStatus.CLOSED
    # Capacity 1 is now full: the volunteer's other open proposals close too.
    assert db.session.get(Proposal, same_volunteer.id).status is ProposalStatus.CLOSED
    assert db.session.get(Proposal, unrelated.id).status is ProposalStatus.OPEN
    assert db.session.get(MenteeRequest, request_row.id).status is RequestStatus.MATCHED
    assert db.session.get(Volunteer, volunteer.id).status is VolunteerStatus.ACTIVE
    actions = set(db.session.scalars(select(AuditEntry.action)))
    assert {"proposal_accepted", "tandem_created"} <= actions


def test_volunteer_with_capacity_left_keeps_other_proposals_open(app):
    volunteer = make_volunteer(capacity=2, certificate="valid")
    first, second = make_request(), make_request()
    chosen = make_proposal(volunteer, first)
    other = make_proposal(volunteer, second)
    accept_proposal(proposal_id=chosen.id, staff=make_staff())
    db.session.expire_all()
    assert db.session.get(Proposal, other.id).status is ProposalStatus.OPEN
    accept_proposal(proposal_id=other.id, staff=make_staff())
    assert db.session.scalar(select(func.count()).select_from(Tandem)) == 2


def test_accepting_twice_gives_a_clear_message_and_changes_nothing(client):
    volunteer = make_volunteer(certificate="valid")
    proposal = make_proposal(volunteer, make_request())
    login(client, make_staff())
    _accept(client, proposal)
    before = _snapshot()
    response = _accept(client, proposal)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "schon angenommen" in page
    assert _snapshot() == before


def test_capacity_reached_elsewhere_is_refused(client):
    volunteer = make_volunteer(
        capacity=1, certificate="valid", programmes=("ausbildungspaten", "sprachlotsen")
    )
    elsewhere = make_request(programme_code="sprachlotsen", age=30)
    db.session.add(
        Tandem(
            programme_id=elsewhere.programme_id,
            volunteer_id=volunteer.id,
            request_id=elsewhere.id,
            status=TandemStatus.ACTIVE,
        )
    )
    db.session.commit()
    proposal = make_proposal(volunteer, make_request())
    login(client, make_staff())
    before = _snapshot()
    response = _accept(client, proposal)
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "keine freie Kapazität" in html
    assert _snapshot() == before


def test_request_matched_meanwhile_is_refused(app):
    request_row = make_request()
    proposal = make_proposal(make_volunteer(certificate="valid"), request_row)
    other = make_volunteer(certificate="valid")
    db.session.add(
        Tandem(
            programme_id=request_row.programme_id,
            volunteer_id=other.id,
            request_id=request_row.id,
            status=TandemStatus.PROPOSED,
        )
    )
    request_row.status = RequestStatus.MATCHED
    db.session.commit()
    before = _snapshot()
    try:
        accept_proposal(proposal_id=proposal.id, staff=make_staff())
    except OperationError as error:
        assert "nicht mehr offen" in str(error)
    else:
        raise AssertionError("accepted a proposal for a matched request")
    assert _snapshot() == before


def test_withdrawn_consent_and_superseded_are_refused(app):
    proposal = make_proposal(
        make_volunteer(certificate="valid"), make_request(consent_withdrawn=True)
    )
    staff = make_staff()
    try:
        accept_proposal(proposal_id=proposal.id, staff=staff)
    except OperationError as error:
        assert "Einwilligung" in str(error)
    else:
        raise AssertionError("accepted despite withdrawn consent")
    old = make_proposal(make_volunteer(certificate="valid"), make_request())
    old.status = ProposalStatus.SUPERSEDED
    db.session.commit()
    try:
        accept_proposal(proposal_id=old.id, staff=staff)
    except OperationError as error:
        assert "neue Berechnung" in str(error)
    else:
        raise AssertionError("accepted a superseded proposal")
    assert db.session.scalar(select(func.count()).select_from(Tandem)) == 0


def test_other_department_cannot_accept_or_decline(client):
    proposal = make_proposal(make_volunteer(certificate="valid"), make_request())
    login(client, make_staff(departments=("fb43",)))
    assert _accept(client, proposal).status_code == 404
    assert client.get(f"/dashboard/vorschlaege/{proposal.id}/ablehnen").status_code == 404
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).status is ProposalStatus.OPEN


def test_decline_needs_a_reason(client):
    proposal = make_proposal(make_volunteer(), make_request())
    login(client, make_staff())
    url = f"/dashboard/vorschlaege/{proposal.id}/ablehnen"
    response = post_form(client, url, {"note": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Angaben" in html and "Bitte wählen Sie einen Grund." in html
    response = post_form(client, url, {"reason": "other", "note": ""})
    assert "Bitte erläutern Sie den anderen Grund kurz." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).status is ProposalStatus.OPEN


def test_decline_for_good_adds_an_exclusion(client):
    volunteer, request_row = make_volunteer(), make_request()
    proposal = make_proposal(volunteer, request_row)
    staff = login(client, make_staff())
    response = post_form(
        client,
        f"/dashboard/vorschlaege/{proposal.id}/ablehnen",
        {"reason": "mentee_declined", "note": "Möchte lieber eine Frau."},
    )
    assert response.status_code == 302
    db.session.expire_all()
    declined = db.session.get(Proposal, proposal.id)
    assert declined.status is ProposalStatus.DECLINED
    assert declined.decline_reason is DeclineReason.MENTEE_DECLINED
    assert declined.decline_note == "Möchte lieber eine Frau."
    assert declined.decided_by_id == staff.id
    exclusion = db.session.scalar(select(PairExclusion))
    assert (exclusion.volunteer_id, exclusion.request_id) == (volunteer.id, request_row.id)


def test_decline_for_times_does_not_exclude_the_pair(app):
    proposal = make_proposal(make_volunteer(), make_request())
    decline_proposal(proposal_id=proposal.id, staff=make_staff(), reason=DeclineReason.TIMES)
    assert db.session.scalar(select(func.count()).select_from(PairExclusion)) == 0
    try:
        decline_proposal(
            proposal_id=proposal.id, staff=make_staff(), reason=DeclineReason.OTHER, note="x"
        )
    except OperationError as error:
        assert "abgelehnt" in str(error)
    else:
        raise AssertionError("declined twice")


def test_stale_proposals_are_highlighted_on_the_run_page(client):
    from mentoring.models import MatchingRun
    from tests.support.factories import programme

    run = MatchingRun(
        programme_id=programme("ausbildungspaten").id,
        objective="coverage",
        method="optimal",
        matched=2,
        unmatched=[],
    )
    db.session.add(run)
    db.session.commit()
    old = make_proposal(
        make_volunteer(), make_request(person_first_name="Alt"), created_days_ago=20, run_id=run.id
    )
    fresh = make_proposal(
        make_volunteer(), make_request(person_first_name="Neu"), created_days_ago=2, run_id=run.id
    )
    login(client, make_staff())
    html = client.get(f"/dashboard/matching/{run.id}").get_data(as_text=True)
    old_card = html[html.index(f'id="p{old.id}"') : html.index(f'id="p{fresh.id}"')]
    assert "stale" in old_card and "wartet zu lange" in old_card
    fresh_card = html[html.index(f'id="p{fresh.id}"') :]
    assert "wartet zu lange" not in fresh_card.split("</li>")[0]
