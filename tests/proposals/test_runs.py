"""Matching runs: proposals with score and reasons, replaced on a new run, scoped by department."""

import re

from sqlalchemy import func, select

from mentoring.extensions import db
from mentoring.models import AuditEntry, MatchingRun, Proposal, ProposalStatus
from mentoring.operations import OperationError
from mentoring.operations.runs import run_matching
from tests.support.factories import make_request, make_staff, make_volunteer, programme
from tests.support.forms import post_form
from tests.support.login import login


def _programme_url(code="ausbildungspaten"):
    return f"/dashboard/matching/programm/{programme(code).id}"


def _two_pairs():
    near = make_volunteer(
        place_code="wanne",
        tags=("elektro",),
        occupation="Elektriker",
        first_name="Gisela",
        last_name="Kowalski",
        certificate="valid",
    )
    far = make_volunteer(
        place_code="sodingen", first_name="Horst", last_name="Schmidt", certificate="valid"
    )
    first = make_request(
        place_code="wanne",
        tags=("elektro",),
        person_first_name="Deniz",
        career_goal="Ausbildung als Elektroniker",
        created_days_ago=60,
    )
    second = make_request(place_code="sodingen", person_first_name="Mia", created_days_ago=5)
    return near, far, first, second


def test_coordinator_runs_matching_in_the_browser(client):
    near, far, first, second = _two_pairs()
    staff = login(client, make_staff())
    response = post_form(client, _programme_url(), {"objective": "coverage", "method": "optimal"})
    assert response.status_code == 302
    run = db.session.scalar(select(MatchingRun))
    assert response.headers["Location"].endswith(f"/dashboard/matching/{run.id}")
    assert run.started_by_id == staff.id and run.matched == 2
    pairs = {(p.volunteer_id, p.request_id) for p in db.session.scalars(select(Proposal))}
    assert pairs == {(near.id, first.id), (far.id, second.id)}
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "matching_run"))

    page = client.get(f"/dashboard/matching/{run.id}").get_data(as_text=True)
    assert "Deniz" in page and "Gisela Kowalski" in page
    assert "Beide in Wanne" in page  # plain-German reason
    assert "früher Elektriker" in page
    assert re.search(r"Passung: \d+ %", page)
    assert "Annehmen" in page and "Ablehnen" in page


def test_proposals_store_score_parts_and_reasons(app):
    _two_pairs()
    staff = make_staff()
    run = run_matching(programme_id=programme("ausbildungspaten").id, staff=staff)
    proposal = db.session.scalars(select(Proposal).where(Proposal.run_id == run.id)).first()
    assert 0 < proposal.score <= 1
    assert set(proposal.score_parts) >= {"expertise", "availability", "distance"}
    assert proposal.reasons and all(isinstance(r, str) for r in proposal.reasons)
    assert run.objective == "coverage" and run.method == "optimal"


def test_sorting_is_done_on_the_server(client):
    near, far, first, second = _two_pairs()
    login(client, make_staff())
    post_form(client, _programme_url(), {"objective": "coverage", "method": "optimal"})
    run = db.session.scalar(select(MatchingRun))

    def order(sort):
        html = client.get(f"/dashboard/matching/{run.id}?sort={sort}").get_data(as_text=True)
        return [html.index("Deniz"), html.index("Mia")]

    waiting = order("waiting")
    assert waiting[0] < waiting[1]  # Deniz waits 60 days, Mia 5
    district = order("district")
    # Herne-Mitte < Sodingen < Wanne: Mia (Sodingen) before Deniz (Wanne)
    assert district[1] < district[0]
    assert client.get(f"/dashboard/matching/{run.id}?sort=nonsense").status_code == 200


def test_greedy_preview_and_score_objective(client):
    _two_pairs()
    login(client, make_staff())
    response = post_form(client, _programme_url(), {"objective": "score", "method": "greedy"})
    assert response.status_code == 302
    run = db.session.scalar(select(MatchingRun))
    assert (run.objective, run.method) == ("score", "greedy")


def test_invalid_choice_shows_the_error_summary(client):
    login(client, make_staff())
    response = post_form(client, _programme_url(), {"objective": "everything", "method": "optimal"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Angaben" in html
    assert db.session.scalar(select(func.count()).select_from(MatchingRun)) == 0


def test_second_run_replaces_open_proposals_but_never_accepted_ones(app):
    near, far, first, second = _two_pairs()
    staff = make_staff()
    pid = programme("ausbildungspaten").id
    run1 = run_matching(programme_id=pid, staff=staff)
    accepted = db.session.scalar(select(Proposal).where(Proposal.request_id == first.id))
    from mentoring.operations.proposals import accept_proposal

    accept_proposal(proposal_id=accepted.id, staff=staff)
    other = db.session.scalar(select(Proposal).where(Proposal.request_id == second.id))
    assert other.status is ProposalStatus.OPEN

    run2 = run_matching(programme_id=pid, staff=staff)
    db.session.expire_all()
    assert db.session.get(Proposal, accepted.id).status is ProposalStatus.ACCEPTED
    assert db.session.get(Proposal, other.id).status is ProposalStatus.SUPERSEDED
    new = db.session.scalars(select(Proposal).where(Proposal.run_id == run2.id)).all()
    # The accepted pair is not proposed again: the request has its tandem now.
    assert {(p.volunteer_id, p.request_id) for p in new} == {(far.id, second.id)}
    assert all(p.status is ProposalStatus.OPEN for p in new)
    assert run1.id != run2.id


def test_unmatched_people_are_stored_with_reasons(client):
    make_volunteer(place_code="wanne", certificate="valid")
    lonely = make_request(place_code="sodingen", person_first_name="Lena", created_days_ago=3)
    make_request(place_code="wanne", person_first_name="Deniz")
    staff = login(client, make_staff())
    run = run_matching(programme_id=programme("ausbildungspaten").id, staff=staff)
    entry = next(u for u in run.unmatched if u["person_id"] == lonely.id)
    assert entry["side"] == "mentee" and entry["reasons"]
    html = client.get(f"/dashboard/matching/{run.id}").get_data(as_text=True)
    assert "Ohne Vorschlag" in html and "Lena" in html
    assert entry["reasons"][0] in html


def test_other_department_gets_404(client):
    _two_pairs()
    run = run_matching(programme_id=programme("ausbildungspaten").id, staff=make_staff())
    login(client, make_staff(departments=("fb43",)))
    assert client.get(f"/dashboard/matching/{run.id}").status_code == 404
    assert client.get(_programme_url()).status_code == 404
    proposal = db.session.scalar(select(Proposal))
    assert client.get(f"/dashboard/vorschlaege/{proposal.id}/ablehnen").status_code == 404
    overview = client.get("/dashboard/matching").get_data(as_text=True)
    assert "Ausbildungspaten" not in overview and "Familienpaten" in overview


def test_operation_refuses_foreign_and_inactive_programmes(app):
    staff = make_staff(departments=("fb43",))
    try:
        run_matching(programme_id=programme("ausbildungspaten").id, staff=staff)
    except OperationError as error:
        assert "nicht" in str(error)
    else:
        raise AssertionError("a foreign programme was matched")
    admin_like = make_staff(departments=("fb43",))
    try:
        run_matching(programme_id=programme("wohneinrichtungen").id, staff=admin_like)
    except OperationError as error:
        assert "nicht aktiv" in str(error)
    else:
        raise AssertionError("an inactive programme was matched")


def test_overview_shows_counts_and_latest_run(client):
    _two_pairs()
    login(client, make_staff())
    html = client.get("/dashboard/matching").get_data(as_text=True)
    assert "Ausbildungspaten" in html and "noch keine" in html
    post_form(client, _programme_url(), {"objective": "coverage", "method": "optimal"})
    html = client.get("/dashboard/matching").get_data(as_text=True)
    assert "noch keine" not in html


def test_unmatched_reasons_name_the_right_people_when_ids_coincide(app):
    volunteer = make_volunteer(
        place_code="wanne", certificate="valid", first_name="Gisela", last_name="Kowalski"
    )
    winner = make_request(place_code="wanne", person_first_name="Deniz", tags=("bewerbung",))
    loser = make_request(place_code="sodingen", person_first_name="Mia")
    assert volunteer.id == winner.id  # fresh tables: the same number on both sides
    run = run_matching(programme_id=programme("ausbildungspaten").id, staff=make_staff())
    [entry] = [u for u in run.unmatched if u["person_id"] == loser.id and u["side"] == "mentee"]
    reason = entry["reasons"][0]
    assert "Gisela Kowalski" in reason and "Deniz" in reason
