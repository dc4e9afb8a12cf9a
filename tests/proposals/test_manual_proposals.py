"""Proposals by hand: every hard rule applies and a refusal names it; the source is recorded;
manual proposals compete with run proposals, and a new run leaves them alone."""

import pytest
from sqlalchemy import func, select

from mentoring.extensions import db
from mentoring.models import (
    AuditEntry,
    PairExclusion,
    Proposal,
    ProposalSource,
    ProposalStatus,
    ProposalStepKind,
    RequestStatus,
    TandemStatus,
    VolunteerStatus,
)
from mentoring.operations import OperationError
from mentoring.operations.manual_proposals import propose_pair
from mentoring.operations.proposal_steps import record_step
from mentoring.operations.proposals import accept_proposal
from mentoring.operations.runs import run_matching
from tests.support.factories import (
    make_proposal,
    make_request,
    make_staff,
    make_tandem,
    make_volunteer,
    programme,
)


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Proposal))


def _refused(staff, volunteer, request_row) -> str:
    before = _count()
    with pytest.raises(OperationError) as refused:
        propose_pair(staff=staff, volunteer_id=volunteer.id, request_id=request_row.id)
    assert _count() == before  # nothing half-written
    return str(refused.value)


def test_manual_proposal_records_source_creator_score_and_reasons(app):
    staff = make_staff()
    volunteer = make_volunteer(certificate="valid", place_code="wanne")
    request_row = make_request(place_code="wanne")
    proposal = propose_pair(staff=staff, volunteer_id=volunteer.id, request_id=request_row.id)
    db.session.expire_all()
    proposal = db.session.get(Proposal, proposal.id)
    assert proposal.source is ProposalSource.MANUAL
    assert proposal.created_by_id == staff.id
    assert proposal.run_id is None
    assert proposal.status is ProposalStatus.OPEN
    assert 0 < proposal.score <= 1
    assert set(proposal.score_parts) >= {"distance", "availability"}
    assert "Beide in Wanne" in proposal.reasons
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "proposal_manual"))
    assert (entry.subject_type, entry.subject_id, entry.staff_id) == (
        "proposal",
        proposal.id,
        staff.id,
    )
    # Ids only in the log line, never names.
    assert volunteer.last_name not in entry.detail


def test_run_proposals_default_to_source_run(app):
    volunteer = make_volunteer(certificate="valid", place_code="wanne")
    make_request(place_code="wanne")
    run_matching(programme_id=programme("ausbildungspaten").id, staff=make_staff())
    proposal = db.session.scalar(select(Proposal))
    assert proposal.volunteer_id == volunteer.id
    assert proposal.source is ProposalSource.RUN
    assert proposal.created_by_id is None


def test_travel_reach_is_left_to_the_coordinator(app):
    """Not a protection but the volunteer's wish: a coordinator may agree a longer way."""
    volunteer = make_volunteer(certificate="valid", place_code="sodingen", travel_radius_km=0.5)
    far = make_request(place_code="roehlinghausen")
    proposal = propose_pair(staff=make_staff(), volunteer_id=volunteer.id, request_id=far.id)
    assert proposal.status is ProposalStatus.OPEN
    # ... and the proposal says so, in the words of a run.
    assert any("Umkreis" in w or "km" in w for w in proposal.warnings), proposal.warnings


# One refusal per hard rule, each naming its rule ------------------------------------------------


def test_refused_other_programme(app):
    staff = make_staff(departments=("fb41", "fb43"))
    volunteer = make_volunteer(programmes=("familienpaten",), certificate="valid")
    text = _refused(staff, volunteer, make_request())
    assert "Regel „Gleiches Programm“" in text
    assert "nicht für das Programm „Ausbildungspaten“ angemeldet" in text


def test_refused_age_outside_programme_limits(app):
    volunteer = make_volunteer(certificate="valid")
    text = _refused(make_staff(), volunteer, make_request(age=40))
    assert "Regel „Altersgrenzen des Programms“" in text
    assert "14 bis 27 Jahre" in text


def test_refused_no_capacity_left(app):
    volunteer = make_volunteer(certificate="valid", capacity=1)
    make_tandem(volunteer, make_request(status=RequestStatus.MATCHED))
    text = _refused(make_staff(), volunteer, make_request())
    assert "Regel „Freie Kapazität“" in text
    assert "höchstens 1 Tandems gleichzeitig, 1 laufen" in text


def test_refused_excluded_pair(app):
    volunteer = make_volunteer(certificate="valid")
    request_row = make_request()
    db.session.add(
        PairExclusion(volunteer_id=volunteer.id, request_id=request_row.id, reason="other")
    )
    db.session.commit()
    text = _refused(make_staff(), volunteer, request_row)
    assert "Regel „Ausschlüsse“" in text


@pytest.mark.parametrize("certificate", [None, "expired", "conviction"])
def test_refused_minor_without_valid_police_certificate(app, certificate):
    volunteer = make_volunteer(certificate=certificate)
    text = _refused(make_staff(), volunteer, make_request(age=16))
    assert "Regel „Erweitertes Führungszeugnis bei Minderjährigen“" in text
    assert "minderjährige Person" in text


def test_refused_programme_requiring_certificate_even_for_adults(app):
    staff = make_staff(departments=("fb43",))
    volunteer = make_volunteer(programmes=("familienpaten",))
    request_row = make_request(programme_code="familienpaten")
    text = _refused(staff, volunteer, request_row)
    assert "Führungszeugnis" in text


def test_refused_without_shared_language_where_the_programme_requires_one(app):
    programme("ausbildungspaten").requires_shared_language = True
    db.session.commit()
    volunteer = make_volunteer(certificate="valid", languages=("it",))
    text = _refused(make_staff(), volunteer, make_request(languages=("ar",)))
    assert "Regel „Gemeinsame Sprache“" in text


def test_shared_language_not_needed_where_the_programme_does_not_require_one(app):
    programme("ausbildungspaten").requires_shared_language = False
    db.session.commit()
    volunteer = make_volunteer(certificate="valid", languages=("it",))
    request_row = make_request(languages=("ar",))
    proposal = propose_pair(
        staff=make_staff(), volunteer_id=volunteer.id, request_id=request_row.id
    )
    assert proposal.id


@pytest.mark.parametrize("status", [VolunteerStatus.NEW, VolunteerStatus.SCREENING])
def test_refused_volunteer_not_ready(app, status):
    volunteer = make_volunteer(certificate="valid", status=status)
    text = _refused(make_staff(), volunteer, make_request())
    assert "Regel „Status“" in text
    assert "nicht vermittelbar" in text


def test_refused_volunteer_consent_withdrawn(app):
    volunteer = make_volunteer(certificate="valid")
    volunteer.consents[0].withdrawn_at = volunteer.created_at
    db.session.commit()
    text = _refused(make_staff(), volunteer, make_request())
    assert "Regel „Einwilligung“" in text


def test_refused_request_consent_withdrawn(app):
    volunteer = make_volunteer(certificate="valid")
    text = _refused(make_staff(), volunteer, make_request(consent_withdrawn=True))
    assert "Regel „Einwilligung“" in text
    assert "Anfrage" in text


@pytest.mark.parametrize("status", [RequestStatus.NEW, RequestStatus.MATCHED, RequestStatus.CLOSED])
def test_refused_request_not_open(app, status):
    volunteer = make_volunteer(certificate="valid")
    text = _refused(make_staff(), volunteer, make_request(status=status))
    assert "Regel „Status“" in text
    assert "nicht offen" in text


def test_refused_second_open_proposal_of_the_same_pair(app):
    volunteer = make_volunteer(certificate="valid")
    request_row = make_request()
    make_proposal(volunteer, request_row)
    assert "schon einen offenen Vorschlag" in _refused(make_staff(), volunteer, request_row)


def test_refused_inactive_programme(app):
    staff = make_staff(departments=("fb43",))
    volunteer = make_volunteer(programmes=("wohneinrichtungen",), certificate="valid")
    request_row = make_request(programme_code="wohneinrichtungen", age=15)
    assert "nicht aktiv" in _refused(staff, volunteer, request_row)


def test_refused_people_of_another_department(app):
    volunteer = make_volunteer(certificate="valid")
    request_row = make_request()
    outsider = make_staff(departments=("fb43",))
    assert "gibt es nicht" in _refused(outsider, volunteer, request_row)


# Competition with run proposals -----------------------------------------------------------------


def test_accepting_a_manual_proposal_closes_run_competitors_and_locks_capacity(app):
    staff = make_staff()
    volunteer = make_volunteer(certificate="valid", capacity=1)
    other = make_volunteer(certificate="valid")
    request_row = make_request()
    second_request = make_request()
    competitor = make_proposal(other, request_row)
    same_volunteer = make_proposal(volunteer, second_request)
    manual = propose_pair(staff=staff, volunteer_id=volunteer.id, request_id=request_row.id)
    tandem = accept_proposal(proposal_id=manual.id, staff=staff)
    assert tandem.status is TandemStatus.PROPOSED
    db.session.expire_all()
    assert db.session.get(Proposal, competitor.id).status is ProposalStatus.CLOSED
    assert db.session.get(Proposal, same_volunteer.id).status is ProposalStatus.CLOSED
    with pytest.raises(OperationError, match="Freie Kapazität"):
        propose_pair(staff=staff, volunteer_id=volunteer.id, request_id=second_request.id)


def test_a_new_run_supersedes_only_untouched_run_proposals(app):
    staff = make_staff()
    in_hand_volunteer = make_volunteer(certificate="valid", place_code="wanne", capacity=2)
    untouched_volunteer = make_volunteer(certificate="valid", place_code="wanne")
    asked_volunteer = make_volunteer(certificate="valid", place_code="wanne")
    by_hand = make_request(place_code="wanne")
    untouched_request = make_request(place_code="wanne")
    asked_request = make_request(place_code="wanne")
    manual = propose_pair(staff=staff, volunteer_id=in_hand_volunteer.id, request_id=by_hand.id)
    untouched = make_proposal(untouched_volunteer, untouched_request)
    asked = make_proposal(asked_volunteer, asked_request)
    record_step(proposal_id=asked.id, staff=staff, kind=ProposalStepKind.VOLUNTEER_ASKED)

    run = run_matching(programme_id=programme("ausbildungspaten").id, staff=staff)

    db.session.expire_all()
    assert db.session.get(Proposal, manual.id).status is ProposalStatus.OPEN
    assert db.session.get(Proposal, asked.id).status is ProposalStatus.OPEN
    assert db.session.get(Proposal, untouched.id).status is ProposalStatus.SUPERSEDED
    # Requests already in hand are left out of the run: no second proposal for them.
    new = list(db.session.scalars(select(Proposal).where(Proposal.run_id == run.id)))
    assert {p.request_id for p in new} == {untouched_request.id}
    unmatched = {u["person_id"] for u in run.unmatched if u["side"] == "mentee"}
    assert by_hand.id not in unmatched and asked_request.id not in unmatched
