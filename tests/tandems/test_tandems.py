"""Tandem states: the transition table, who and when, the end with a reason, department scope."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from mentoring.extensions import db
from mentoring.models import (
    CheckIn,
    EndReason,
    MenteeRequest,
    PairExclusion,
    RequestStatus,
    Tandem,
    TandemNote,
    TandemStatus,
    Volunteer,
    VolunteerStatus,
)
from mentoring.operations import OperationError
from mentoring.operations.tandems import (
    add_note,
    change_status,
    end_tandem,
    record_first_meeting,
)
from tests.support.factories import (
    make_accepted_tandem,
    make_staff,
    today,
)
from tests.support.forms import page_token, post_prefixed_form
from tests.support.login import login


def _events(tandem_id):
    db.session.expire_all()
    return [(e.from_status, e.to_status) for e in db.session.get(Tandem, tandem_id).events]


def test_full_life_cycle_in_the_browser(client):
    staff = login(client, make_staff())
    tandem = make_accepted_tandem(staff)
    url = f"/dashboard/tandems/{tandem.id}"
    page = client.get(url).get_data(as_text=True)
    assert "Erstes Treffen eintragen" in page

    met_on = today() - timedelta(days=2)
    response = post_prefixed_form(
        client,
        url,
        f"{url}/erstes-treffen",
        "meeting",
        {"met_on": met_on.strftime("%d.%m.%Y"), "coordinator_present": "y"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    tandem = db.session.get(Tandem, tandem.id)
    assert tandem.status is TandemStatus.INTRODUCED
    assert tandem.first_meeting_on == met_on and tandem.coordinator_present is True

    for target in ("trial", "active", "paused", "active"):
        assert (
            post_prefixed_form(
                client, url, f"{url}/status", "status", {"to_status": target}
            ).status_code
            == 302
        )
    response = post_prefixed_form(
        client,
        url,
        f"{url}/beenden",
        "end",
        {"reason": "goals_reached", "ended_on": today().isoformat(), "note": "", "confirm": "y"},
    )
    assert response.status_code == 302
    assert _events(tandem.id) == [
        (None, "proposed"),
        ("proposed", "introduced"),
        ("introduced", "trial"),
        ("trial", "active"),
        ("active", "paused"),
        ("paused", "active"),
        ("active", "ended"),
    ]
    tandem = db.session.get(Tandem, tandem.id)
    assert all(e.staff_id == staff.id and e.at for e in tandem.events)
    assert tandem.end_reason is EndReason.GOALS_REACHED and tandem.ended_on == today()
    page = client.get(url).get_data(as_text=True)
    assert "Ziele erreicht" in page and "Tandem beenden" not in page
    assert "Probezeit" in page  # the history names the states in German


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (TandemStatus.PROPOSED, TandemStatus.TRIAL),
        (TandemStatus.PROPOSED, TandemStatus.ACTIVE),
        (TandemStatus.INTRODUCED, TandemStatus.ACTIVE),
        (TandemStatus.PAUSED, TandemStatus.TRIAL),
        (TandemStatus.ENDED, TandemStatus.ACTIVE),
        (TandemStatus.ENDED, TandemStatus.PAUSED),
    ],
)
def test_invalid_transitions_are_refused(app, start, target):
    staff = make_staff()
    tandem = make_accepted_tandem(staff)
    tandem.status = start
    db.session.commit()
    with pytest.raises(OperationError, match="nicht möglich"):
        change_status(tandem_id=tandem.id, staff=staff, to_status=target)
    db.session.expire_all()
    assert db.session.get(Tandem, tandem.id).status is start


def test_first_meeting_rules(app):
    staff = make_staff()
    tandem = make_accepted_tandem(staff)
    with pytest.raises(OperationError, match="Zukunft"):
        record_first_meeting(
            tandem_id=tandem.id,
            staff=staff,
            met_on=today() + timedelta(days=1),
            coordinator_present=True,
        )
    with pytest.raises(OperationError, match="Koordination"):
        record_first_meeting(
            tandem_id=tandem.id, staff=staff, met_on=today(), coordinator_present=False
        )
    db.session.expire_all()
    assert db.session.get(Tandem, tandem.id).status is TandemStatus.PROPOSED
    record_first_meeting(tandem_id=tandem.id, staff=staff, met_on=today(), coordinator_present=True)
    with pytest.raises(OperationError, match="nicht möglich"):
        record_first_meeting(
            tandem_id=tandem.id, staff=staff, met_on=today(), coordinator_present=True
        )


def test_first_meeting_form_validates_like_the_signup_forms(client):
    staff = login(client, make_staff())
    tandem = make_accepted_tandem(staff)
    url = f"/dashboard/tandems/{tandem.id}"
    response = post_prefixed_form(
        client, url, f"{url}/erstes-treffen", "meeting", {"met_on": "gestern"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Bitte prüfen Sie Ihre Angaben" in html
    assert "Bitte geben Sie ein Datum ein" in html
    assert "Beim ersten Treffen ist die Koordination dabei." in html
    assert 'href="#meeting-met_on"' in html


def test_end_needs_a_reason_and_is_final(client):
    staff = login(client, make_staff())
    tandem = make_accepted_tandem(staff)
    url = f"/dashboard/tandems/{tandem.id}"
    response = post_prefixed_form(
        client, url, f"{url}/beenden", "end", {"ended_on": today().isoformat()}
    )
    assert response.status_code == 400
    assert "Bitte wählen Sie einen Grund." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Tandem, tandem.id).status is TandemStatus.PROPOSED
    end_tandem(tandem_id=tandem.id, staff=staff, reason=EndReason.MOVED_AWAY, ended_on=today())
    with pytest.raises(OperationError):
        end_tandem(tandem_id=tandem.id, staff=staff, reason=EndReason.OTHER, ended_on=today())
    with pytest.raises(OperationError, match="Zukunft"):
        end_tandem(
            tandem_id=make_accepted_tandem(staff).id,
            staff=staff,
            reason=EndReason.OTHER,
            ended_on=today() + timedelta(days=3),
        )


def test_ending_frees_the_partners(app):
    staff = make_staff()
    tandem = make_accepted_tandem(staff)
    end_tandem(tandem_id=tandem.id, staff=staff, reason=EndReason.GOALS_REACHED, ended_on=today())
    db.session.expire_all()
    assert db.session.get(MenteeRequest, tandem.request_id).status is RequestStatus.CLOSED
    assert db.session.get(Volunteer, tandem.volunteer_id).status is VolunteerStatus.READY


def test_did_not_fit_reopens_the_request_and_excludes_the_pair(app):
    staff = make_staff()
    tandem = make_accepted_tandem(staff)
    end_tandem(tandem_id=tandem.id, staff=staff, reason=EndReason.DID_NOT_FIT, ended_on=today())
    db.session.expire_all()
    assert db.session.get(MenteeRequest, tandem.request_id).status is RequestStatus.OPEN
    exclusion = db.session.scalar(select(PairExclusion))
    assert (exclusion.volunteer_id, exclusion.request_id) == (
        tandem.volunteer_id,
        tandem.request_id,
    )


def test_ending_deletes_open_check_ins_but_keeps_done_ones(app):
    staff = make_staff()
    tandem = make_accepted_tandem(staff)
    record_first_meeting(
        tandem_id=tandem.id,
        staff=staff,
        met_on=today() - timedelta(days=40),
        coordinator_present=True,
    )
    from mentoring.operations.tandems import record_check_in

    first = db.session.scalar(select(CheckIn))
    record_check_in(check_in_id=first.id, staff=staff, done_on=today(), summary="Läuft gut.")
    assert db.session.scalar(select(func.count()).select_from(CheckIn)) == 2
    end_tandem(tandem_id=tandem.id, staff=staff, reason=EndReason.NO_TIME, ended_on=today())
    remaining = db.session.scalars(select(CheckIn)).all()
    assert [c.id for c in remaining] == [first.id]


def test_other_department_gets_404_for_tandem_pages(client):
    tandem = make_accepted_tandem(make_staff())
    login(client, make_staff(departments=("fb43",)))
    url = f"/dashboard/tandems/{tandem.id}"
    assert client.get(url).status_code == 404
    assert client.post(f"{url}/status", data={}).status_code in (400, 404)
    page = client.get("/dashboard/tandems")
    assert page.status_code == 200 and "Deniz" not in page.get_data(as_text=True)


def test_tandem_list_filters_by_status(client):
    staff = login(client, make_staff())
    running = make_accepted_tandem(staff, person_first_name="Rosa")
    ended = make_accepted_tandem(staff, person_first_name="Emil")
    end_tandem(tandem_id=ended.id, staff=staff, reason=EndReason.OTHER, ended_on=today())
    html = client.get("/dashboard/tandems").get_data(as_text=True)
    assert "Rosa" in html and "Emil" not in html
    html = client.get("/dashboard/tandems?status=ended").get_data(as_text=True)
    assert "Emil" in html and "Rosa" not in html
    assert running.id


def test_notes_are_visible_only_to_the_owning_department(client):
    owner = login(client, make_staff())
    tandem = make_accepted_tandem(owner)
    url = f"/dashboard/tandems/{tandem.id}"
    response = post_prefixed_form(
        client, url, f"{url}/notizen", "note", {"text": "Treffen immer in der Bibliothek."}
    )
    assert response.status_code == 302
    assert "Treffen immer in der Bibliothek." in client.get(url).get_data(as_text=True)
    note = db.session.scalar(select(TandemNote))
    assert note.staff_id == owner.id

    response = post_prefixed_form(client, url, f"{url}/notizen", "note", {"text": ""})
    assert response.status_code == 400
    assert "Bitte schreiben Sie eine Notiz." in response.get_data(as_text=True)

    client.post("/mitarbeitende/abmelden", data={"csrf_token": page_token(client, url)})
    login(client, make_staff(departments=("fb43",)))
    assert client.get(url).status_code == 404
    with pytest.raises(OperationError):
        add_note(tandem_id=tandem.id, staff=db.session.get(type(owner), 2), text="Fremd")
    assert db.session.scalar(select(func.count()).select_from(TandemNote)) == 1
