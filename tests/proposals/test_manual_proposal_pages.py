"""The pages of proposals by hand: 'Wer passt?' both ways, a person's page, the proposal page with
its steps, and the queue with its stale marker."""

from datetime import timedelta

from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import Proposal, ProposalSource, ProposalStepKind
from mentoring.operations.proposal_steps import record_step
from tests.support.factories import (
    make_proposal,
    make_request,
    make_staff,
    make_volunteer,
    programme,
    today,
)
from tests.support.forms import press
from tests.support.login import login


def _pair():
    volunteer = make_volunteer(
        certificate="valid", place_code="wanne", first_name="Valentin", last_name="Vogt"
    )
    request_row = make_request(place_code="wanne", person_first_name="Deniz")
    return volunteer, request_row


def _only_proposal() -> Proposal:
    db.session.expire_all()
    return db.session.scalar(select(Proposal))


def test_propose_from_who_fits_for_a_volunteer(client):
    volunteer, request_row = _pair()
    staff = login(client, make_staff())
    page = f"/dashboard/ehrenamtliche/{volunteer.id}/passende"
    html = client.get(page).get_data(as_text=True)
    assert "Als Paar vorschlagen" in html
    response = press(
        client,
        page,
        "/dashboard/vorschlaege/neu",
        {"volunteer_id": volunteer.id, "request_id": request_row.id, "back": "volunteer"},
    )
    proposal = _only_proposal()
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/dashboard/vorschlaege/{proposal.id}")
    assert (proposal.source, proposal.created_by_id) == (ProposalSource.MANUAL, staff.id)
    detail = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Vorschlag von Hand angelegt" in detail
    assert "von Hand" in detail and "Petra Palermo" in detail
    assert "angefragt bei der/dem Ehrenamtlichen" in detail


def test_propose_from_who_fits_for_a_request(client):
    volunteer, request_row = _pair()
    login(client, make_staff())
    page = f"/dashboard/anfragen/{request_row.id}/passende"
    assert "Als Paar vorschlagen" in client.get(page).get_data(as_text=True)
    response = press(
        client,
        page,
        "/dashboard/vorschlaege/neu",
        {"volunteer_id": volunteer.id, "request_id": request_row.id, "back": "request"},
    )
    assert response.status_code == 302
    assert _only_proposal().volunteer_id == volunteer.id


def test_refusal_goes_back_to_who_fits_and_names_the_rule(client):
    volunteer = make_volunteer(place_code="wanne")  # no police certificate
    request_row = make_request(place_code="wanne", age=16)
    login(client, make_staff())
    page = f"/dashboard/anfragen/{request_row.id}/passende"
    response = press(
        client,
        page,
        "/dashboard/vorschlaege/neu",
        {"volunteer_id": volunteer.id, "request_id": request_row.id, "back": "request"},
    )
    assert response.headers["Location"].endswith(page)
    html = client.get(page).get_data(as_text=True)
    assert "Regel „Erweitertes Führungszeugnis bei Minderjährigen“" in html
    assert _only_proposal() is None


def test_propose_from_the_volunteer_page_by_request_reference(client):
    volunteer, request_row = _pair()
    login(client, make_staff())
    page = f"/dashboard/ehrenamtliche/{volunteer.id}"
    assert "Paar von Hand vorschlagen" in client.get(page).get_data(as_text=True)
    response = press(
        client,
        page,
        f"/dashboard/ehrenamtliche/{volunteer.id}/vorschlagen",
        {"reference": f"  {request_row.reference.lower()} "},
    )
    assert response.status_code == 302
    assert (_only_proposal().volunteer_id, _only_proposal().request_id) == (
        volunteer.id,
        request_row.id,
    )


def test_propose_from_the_request_page_by_volunteer_reference(client):
    volunteer, request_row = _pair()
    login(client, make_staff())
    page = f"/dashboard/anfragen/{request_row.id}"
    response = press(
        client,
        page,
        f"/dashboard/anfragen/{request_row.id}/vorschlagen",
        {"reference": volunteer.reference},
    )
    assert response.status_code == 302
    assert _only_proposal().request_id == request_row.id


def test_unknown_or_foreign_reference_is_refused_plainly(client):
    volunteer, _request_row = _pair()
    foreign = make_request(programme_code="familienpaten")
    login(client, make_staff())
    page = f"/dashboard/ehrenamtliche/{volunteer.id}"
    expected = {
        "A-NOPE": "Eine Anfrage mit dieser Kennung gibt es nicht",
        foreign.reference: "Eine Anfrage mit dieser Kennung gibt es nicht",
        "": "Bitte geben Sie die Kennung einer Anfrage ein",
    }
    for reference, message in expected.items():
        response = press(
            client,
            page,
            f"/dashboard/ehrenamtliche/{volunteer.id}/vorschlagen",
            {"reference": reference},
        )
        assert response.headers["Location"].endswith("#vorschlagen")
        assert message in client.get(page).get_data(as_text=True)
    assert _only_proposal() is None


def test_steps_through_the_proposal_page(client):
    volunteer, request_row = _pair()
    proposal = make_proposal(volunteer, request_row, created_days_ago=3)
    login(client, make_staff())
    page = f"/dashboard/vorschlaege/{proposal.id}"
    action = f"{page}/schritt"
    yesterday = (today() - timedelta(days=1)).strftime("%d.%m.%Y")
    response = press(client, page, action, {"kind": "volunteer_asked", "done_on": yesterday})
    assert response.status_code == 302
    # Out of order: refused with the order named, nothing stored.
    press(client, page, action, {"kind": "mentee_agreed", "done_on": yesterday})
    html = client.get(page).get_data(as_text=True)
    assert "kommt erst nach" in html
    assert [s.kind for s in _only_proposal().steps] == [ProposalStepKind.VOLUNTEER_ASKED]
    # A bad date comes back as a form error, not a 500.
    response = press(client, page, action, {"kind": "volunteer_agreed", "done_on": "32.13.2026"})
    assert response.status_code == 400
    assert "Bitte geben Sie ein Datum ein" in response.get_data(as_text=True)


def test_queue_lists_run_and_manual_proposals_and_marks_stale_ones(client):
    staff = login(client, make_staff())
    fresh = make_proposal(*_pair(), created_days_ago=2)
    old_volunteer, old_request = _pair()
    stale = make_proposal(old_volunteer, old_request, created_days_ago=30)
    record_step(
        proposal_id=stale.id,
        staff=staff,
        kind=ProposalStepKind.VOLUNTEER_ASKED,
        on=today() - timedelta(days=18),
    )
    manual = make_proposal(*_pair(), source=ProposalSource.MANUAL, created_by_id=staff.id)
    html = client.get(
        f"/dashboard/matching/programm/{programme('ausbildungspaten').id}/offen"
    ).get_data(as_text=True)
    assert "3 offene Vorschläge" in html
    assert '<span class="badge badge-danger">wartet seit 18 Tagen</span>' in html
    assert "wartet seit 2 Tagen" in html
    assert "von Hand" in html and "aus einer Berechnung" in html
    # The longest untouched first.
    assert html.index(f'id="p{stale.id}"') < html.index(f'id="p{fresh.id}"')
    assert html.index(f'id="p{fresh.id}"') < html.index(f'id="p{manual.id}"')
