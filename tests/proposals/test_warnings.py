"""Runs store each proposal's warnings; the run, the decline page and "Wer passt?" show them; the
common-language rule keeps pairs without a shared language out of runs and says why."""

from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import Proposal
from mentoring.operations.runs import run_matching
from tests.support.factories import make_request, make_staff, make_volunteer, programme
from tests.support.login import login

NO_LANGUAGE = (
    "Keine gemeinsame Sprache: die Anfrage nennt Arabisch und Kurdisch, die ehrenamtliche "
    "Person Deutsch und Italienisch"
)
NO_TIME = (
    "Keine gemeinsame freie Zeit: die Anfrage nennt samstags vormittags, die ehrenamtliche "
    "Person dienstags nachmittags"
)


def _family_and_volunteer(*, rule: bool):
    """The issue's example: an Arabic/Kurdish-speaking family, a German/Italian volunteer."""
    prog = programme("familienpaten")
    prog.requires_shared_language = rule
    db.session.commit()
    family = make_request(
        programme_code="familienpaten",
        languages=("ar", "ku"),
        person_first_name="Amal",
        slots=("sat-morning",),
    )
    volunteer = make_volunteer(
        programmes=("familienpaten",),
        languages=("de", "it"),
        certificate="valid",
        first_name="Rosa",
        last_name="Bianchi",
    )
    return prog, family, volunteer


def test_rule_off_the_run_proposes_the_pair_with_its_warnings(client):
    prog, family, volunteer = _family_and_volunteer(rule=False)
    staff = login(client, make_staff(departments=("fb43",)))
    run = run_matching(programme_id=prog.id, staff=staff)
    proposal = db.session.scalar(select(Proposal).where(Proposal.run_id == run.id))
    assert (proposal.volunteer_id, proposal.request_id) == (volunteer.id, family.id)
    assert proposal.warnings == [NO_LANGUAGE, NO_TIME]

    page = client.get(f"/dashboard/matching/{run.id}").get_data(as_text=True)
    assert "Zu beachten" in page and NO_LANGUAGE in page and NO_TIME in page
    assert 'class="warning-icon" aria-hidden="true"' in page  # an icon besides the colour
    decline = client.get(f"/dashboard/vorschlaege/{proposal.id}/ablehnen").get_data(as_text=True)
    assert "Zu beachten" in decline and NO_LANGUAGE in decline

    fit = client.get(f"/dashboard/anfragen/{family.id}/passende").get_data(as_text=True)
    assert "Rosa Bianchi" in fit and NO_LANGUAGE in fit and NO_TIME in fit


def test_rule_on_the_run_leaves_the_family_unmatched_and_says_why(client):
    prog, family, volunteer = _family_and_volunteer(rule=True)
    staff = login(client, make_staff(departments=("fb43",)))
    run = run_matching(programme_id=prog.id, staff=staff)
    assert run.matched == 0
    entry = next(u for u in run.unmatched if u["side"] == "mentee")
    assert entry["person_id"] == family.id
    assert entry["reasons"] == [
        "Keine passende Person: niemand spricht eine gemeinsame Sprache",
        "Gemeinsame Sprache schließt 1 von 1 aus",
        "Sprachen der Anfrage: Arabisch und Kurdisch",
    ]
    page = client.get(f"/dashboard/matching/{run.id}").get_data(as_text=True)
    assert "Sprachen der Anfrage: Arabisch und Kurdisch" in page and NO_LANGUAGE not in page

    fit = client.get(f"/dashboard/anfragen/{family.id}/passende").get_data(as_text=True)
    assert "Rosa Bianchi" not in fit and "Zurzeit passt niemand" in fit
    assert "niemand spricht eine gemeinsame Sprache" in fit
    assert "Sprachen der Anfrage: Arabisch und Kurdisch" in fit
    fit = client.get(f"/dashboard/ehrenamtliche/{volunteer.id}/passende").get_data(as_text=True)
    assert "Amal" not in fit
    assert "Sprachen der ehrenamtlichen Person: Deutsch und Italienisch" in fit


def test_a_pair_without_weak_points_shows_no_warning_box(client):
    make_volunteer(place_code="wanne", certificate="valid")
    make_request(place_code="wanne")
    staff = login(client, make_staff())
    run = run_matching(programme_id=programme("ausbildungspaten").id, staff=staff)
    proposal = db.session.scalar(select(Proposal).where(Proposal.run_id == run.id))
    assert proposal.warnings == []
    page = client.get(f"/dashboard/matching/{run.id}").get_data(as_text=True)
    assert "Zu beachten" not in page
