"""The whole way in the browser: sign-ups, intake, screening, matching, tandem, check-in, end."""

from datetime import timedelta

from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import (
    CheckIn,
    MenteeRequest,
    Proposal,
    RequestStatus,
    Tandem,
    TandemStatus,
    Volunteer,
    VolunteerStatus,
)
from tests.support.factories import make_staff, programme, today
from tests.support.forms import (
    csrf_token,
    mentee_form,
    place_id,
    post_form,
    post_prefixed_form,
    volunteer_form,
)
from tests.support.login import login


def _click(client, page_url, action_url, data=None):
    """Submit an unprefixed form found on page_url."""
    token = csrf_token(client.get(page_url).get_data(as_text=True))
    return client.post(action_url, data={"csrf_token": token, **(data or {})})


def test_from_sign_up_to_the_end_of_a_tandem(client):
    assert (
        post_form(
            client, "/anmelden/ehrenamt", volunteer_form(travel_places=[place_id("wanne")])
        ).status_code
        == 302
    )
    assert post_form(client, "/anmelden/unterstuetzung/fachkraft", mentee_form()).status_code == 302
    volunteer = db.session.scalar(select(Volunteer))
    mentee_request = db.session.scalar(select(MenteeRequest))

    login(client, make_staff())
    # Intake: the new request is listed and checked.
    assert "Deniz" in client.get("/dashboard/anfragen").get_data(as_text=True)
    request_url = f"/dashboard/anfragen/{mentee_request.id}"
    assert _click(client, request_url, f"{request_url}/geprueft").status_code == 302
    db.session.expire_all()
    assert db.session.get(MenteeRequest, mentee_request.id).status is RequestStatus.OPEN

    # Screening: interview, training, police certificate (a minor is involved).
    volunteer_url = f"/dashboard/ehrenamtliche/{volunteer.id}"
    yesterday = (today() - timedelta(days=1)).isoformat()
    _click(client, volunteer_url, f"{volunteer_url}/erstgespraech", {"interview_on": yesterday})
    _click(client, volunteer_url, f"{volunteer_url}/schulung", {"training_on": yesterday})
    _click(
        client,
        volunteer_url,
        f"{volunteer_url}/fuehrungszeugnis",
        {
            "issue_date": (today() - timedelta(days=20)).isoformat(),
            "inspected_on": today().isoformat(),
            "conviction_listed": "no",
        },
    )
    db.session.expire_all()
    assert db.session.get(Volunteer, volunteer.id).status is VolunteerStatus.READY
    fit_url = f"{volunteer_url}/passende"
    assert fit_url in client.get(volunteer_url).get_data(as_text=True)
    assert "Deniz" in client.get(fit_url).get_data(as_text=True)

    # Matching: run, read the reasons, accept.
    programme_url = f"/dashboard/matching/programm/{programme('ausbildungspaten').id}"
    response = post_form(client, programme_url, {"objective": "coverage", "method": "optimal"})
    run_url = response.headers["Location"]
    run_page = client.get(run_url).get_data(as_text=True)
    assert "beide dienstags nachmittags frei" in run_page
    proposal = db.session.scalar(select(Proposal))
    response = _click(client, run_url, f"/dashboard/vorschlaege/{proposal.id}/annehmen")
    tandem = db.session.scalar(select(Tandem))
    tandem_url = f"/dashboard/tandems/{tandem.id}"
    assert response.headers["Location"].endswith(tandem_url)

    # Follow-up: first meeting, check-in, end.
    post_prefixed_form(
        client,
        tandem_url,
        f"{tandem_url}/erstes-treffen",
        "meeting",
        {"met_on": today().isoformat(), "coordinator_present": "y"},
    )
    check_in = db.session.scalar(select(CheckIn))
    # The proposal was made today: the first meeting cannot be earlier.
    assert check_in.due_on == today() + timedelta(days=14)
    post_prefixed_form(
        client,
        tandem_url,
        f"{tandem_url}/gespraeche/{check_in.id}",
        "checkin",
        {"done_on": today().isoformat(), "summary": "Erste Bewerbung geschrieben."},
    )
    post_prefixed_form(
        client,
        tandem_url,
        f"{tandem_url}/beenden",
        "end",
        {"reason": "goals_reached", "ended_on": today().isoformat(), "confirm": "y"},
    )
    db.session.expire_all()
    tandem = db.session.get(Tandem, tandem.id)
    assert tandem.status is TandemStatus.ENDED
    assert [e.to_status for e in tandem.events] == ["proposed", "introduced", "ended"]
    page = client.get(tandem_url).get_data(as_text=True)
    assert "Erste Bewerbung geschrieben." in page and "Ziele erreicht" in page
