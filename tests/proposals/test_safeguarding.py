"""§72a SGB VIII: a minor is never paired with a volunteer without a valid certificate,
whichever path tries it: the matching run, "who fits?", or accepting an older proposal."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from mentoring.extensions import db
from mentoring.models import PoliceCheck, Proposal, ProposalStatus, Tandem
from mentoring.operations import OperationError
from mentoring.operations.proposals import accept_proposal
from mentoring.operations.runs import run_matching
from tests.support.factories import (
    make_police_check,
    make_request,
    make_staff,
    make_volunteer,
    programme,
    today,
)
from tests.support.login import login

BAD_STATES = [None, "expired", "conviction"]


@pytest.mark.parametrize("state", BAD_STATES)
def test_matching_run_never_pairs_a_minor_without_valid_certificate(app, state):
    volunteer = make_volunteer(place_code="wanne", certificate=state)
    minor = make_request(place_code="wanne", age=16)
    run = run_matching(programme_id=programme("ausbildungspaten").id, staff=make_staff())
    assert db.session.scalar(select(func.count()).select_from(Proposal)) == 0
    reasons = {u["person_id"]: " ".join(u["reasons"]) for u in run.unmatched}
    assert "Führungszeugnis" in reasons[minor.id]
    assert "Führungszeugnis" in reasons[volunteer.id]


def test_adult_may_be_paired_without_certificate_where_the_programme_allows(app):
    volunteer = make_volunteer(place_code="wanne")
    adult = make_request(place_code="wanne", age=20)
    run_matching(programme_id=programme("ausbildungspaten").id, staff=make_staff())
    proposal = db.session.scalar(select(Proposal))
    assert (proposal.volunteer_id, proposal.request_id) == (volunteer.id, adult.id)


def test_programme_rule_applies_to_families(app):
    make_volunteer(programmes=("klein-trifft-gross",), place_code="wanne")
    make_request(programme_code="klein-trifft-gross", age=6, place_code="wanne")
    run_matching(
        programme_id=programme("klein-trifft-gross").id, staff=make_staff(departments=("ehrenamt",))
    )
    assert db.session.scalar(select(func.count()).select_from(Proposal)) == 0


def test_who_fits_leaves_out_volunteers_without_valid_certificate(client):
    valid = make_volunteer(
        place_code="wanne", certificate="valid", first_name="Valentina", last_name="Gültig"
    )
    expired = make_volunteer(
        place_code="wanne", certificate="expired", first_name="Egon", last_name="Abgelaufen"
    )
    missing = make_volunteer(place_code="wanne", first_name="Otto", last_name="Ohne")
    minor = make_request(place_code="wanne", age=15)
    login(client, make_staff())
    html = client.get(f"/dashboard/anfragen/{minor.id}/passende").get_data(as_text=True)
    assert "Valentina Gültig" in html
    assert "Egon Abgelaufen" not in html and "Otto Ohne" not in html
    html = client.get(f"/dashboard/ehrenamtliche/{expired.id}/passende").get_data(as_text=True)
    assert "Deniz" not in html
    assert "Zurzeit passt niemand" in html
    html = client.get(f"/dashboard/ehrenamtliche/{missing.id}/passende").get_data(as_text=True)
    assert "Deniz" not in html
    html = client.get(f"/dashboard/ehrenamtliche/{valid.id}/passende").get_data(as_text=True)
    assert "Deniz" in html


@pytest.mark.parametrize("change", ["expired", "conviction"])
def test_accept_refuses_when_the_certificate_expired_after_the_proposal(app, change):
    volunteer = make_volunteer(place_code="wanne", certificate="valid")
    make_request(place_code="wanne", age=16)
    staff = make_staff()
    run_matching(programme_id=programme("ausbildungspaten").id, staff=staff)
    proposal = db.session.scalar(select(Proposal))
    assert proposal.volunteer_id == volunteer.id
    if change == "expired":  # time has passed: the only inspection is now over five years old
        check = db.session.scalar(select(PoliceCheck))
        check.inspected_on = today() - timedelta(days=5 * 366 + 1)
        check.issue_date = check.inspected_on - timedelta(days=5)
        db.session.commit()
    else:  # a new inspection shows a relevant conviction
        make_police_check(volunteer, conviction=True)
        check = db.session.scalars(select(PoliceCheck).order_by(PoliceCheck.id.desc())).first()
        check.inspected_on = today()
        db.session.commit()

    with pytest.raises(OperationError) as refused:
        accept_proposal(proposal_id=proposal.id, staff=staff)
    assert "minderjährige" in str(refused.value) and "Führungszeugnis" in str(refused.value)
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).status is ProposalStatus.OPEN
    assert db.session.scalar(select(func.count()).select_from(Tandem)) == 0


def test_accept_in_the_browser_says_why(client):
    volunteer = make_volunteer(place_code="wanne", certificate="valid")
    make_request(place_code="wanne", age=16)
    staff = login(client, make_staff())
    run = run_matching(programme_id=programme("ausbildungspaten").id, staff=staff)
    db.session.execute(
        PoliceCheck.__table__.delete().where(PoliceCheck.volunteer_id == volunteer.id)
    )
    db.session.commit()
    proposal = db.session.scalar(select(Proposal))
    page = client.get(f"/dashboard/matching/{run.id}")
    from tests.support.forms import csrf_token

    response = client.post(
        f"/dashboard/vorschlaege/{proposal.id}/annehmen",
        data={"csrf_token": csrf_token(page.get_data(as_text=True))},
    )
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Kein Führungszeugnis eingesehen" in html
    assert db.session.scalar(select(func.count()).select_from(Tandem)) == 0
