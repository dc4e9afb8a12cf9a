"""'Anfrage senden' and the volunteer's answer by link, against a real SMTP server: the request
arrives with the link and no contact data of the family; yes / no show on the proposal and in
the queue; a no leaves the decision to the coordinator; broken, expired, second and late answers
get a clear page."""

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from mentoring.extensions import db
from mentoring.messages import flows, worker
from mentoring.messages.proposal_links import answer_token
from mentoring.models import (
    AuditEntry,
    Message,
    MessageChannel,
    Proposal,
    ProposalStatus,
    ProposalStepKind,
)
from mentoring.operations import OperationError
from mentoring.operations.delivery import deliver
from mentoring.operations.proposal_requests import send_proposal_request
from tests.support.factories import make_proposal, make_request, make_volunteer
from tests.support.forms import press
from tests.support.smtp import html_part, mail_config, smtp_server, text_part

K = ProposalStepKind
LINK_RE = re.compile(r"https://mentoring\.example\.org(/vorschlag/antwort/[^\s\"<]+)")


@pytest.fixture(autouse=True)
def empty_queue(app):
    worker.huey.flush()
    yield
    worker.stop_embedded()
    worker.huey.flush()


def _proposal(locale="de", **volunteer):
    volunteer_row = make_volunteer(
        certificate="valid",
        email_confirmed_at=datetime.now(UTC),
        locale=locale,
        correspondence_language=locale,
        **volunteer,
    )
    request_row = make_request(
        contact_last_name="Yilmaz-Geheim",
        contact_email="familie.geheim@example.org",
        goal="Mathe bis zum Abschluss schaffen",
        tags=(),
        slots=("tue-afternoon", "thu-afternoon"),
    )
    return make_proposal(volunteer_row, request_row, created_days_ago=2)


def _send(app, proposal, staff):
    with smtp_server() as (inbox, port):
        app.config.update(mail_config(port))
        message = send_proposal_request(proposal_id=proposal.id, staff=staff)
        assert deliver(message.id) == "sent"
        [mail] = inbox.wait_for(1)
    return mail


def _link(mail) -> str:
    return LINK_RE.search(text_part(mail)).group(1)


def test_the_request_arrives_with_the_link_and_marks_asked_in_one_commit(app, coordinator):
    proposal = _proposal()
    mail = _send(app, proposal, coordinator)
    text, html = text_part(mail), html_part(mail)
    assert mail["To"] == proposal.volunteer.email
    assert mail["Subject"] == "Anfrage: Möchten Sie diese Person begleiten?"
    assert "Mathe bis zum Abschluss schaffen" in text
    assert "dienstags nachmittags, donnerstags nachmittags" in text
    assert "17 Jahre" in text and "Wanne" in text
    for secret in ("Yilmaz-Geheim", "familie.geheim@example.org", "Sabine", "Deniz"):
        assert secret not in text and secret not in html  # no name, no contact of the family
    assert "/vorschlag/antwort/" in text and "?lang=de" in _link(mail)
    assert "Jetzt antworten" in html
    db.session.expire_all()
    proposal = db.session.get(Proposal, proposal.id)
    assert [s.kind for s in proposal.steps] == [K.VOLUNTEER_ASKED]
    assert proposal.steps[0].staff_id == coordinator.id
    assert db.session.scalar(
        select(func.count())
        .select_from(AuditEntry)
        .where(AuditEntry.action == "proposal_request_sent")
    )


def test_yes_by_link_records_the_step_and_shows_on_proposal_and_queue(
    app, coordinator, staff_client
):
    client = app.test_client()  # the volunteer's own browser, not the coordinator's
    proposal = _proposal()
    link = _link(_send(app, proposal, coordinator))
    page = client.get(link)
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Mathe bis zum Abschluss schaffen" in body and "Yilmaz-Geheim" not in body
    assert db.session.get(Proposal, proposal.id).volunteer_answer is None  # GET answers nothing
    done = press(client, link, link, {"answer": "yes"})
    assert done.status_code == 200
    assert "Vielen Dank für Ihre Zusage" in done.get_data(as_text=True)
    db.session.expire_all()
    proposal = db.session.get(Proposal, proposal.id)
    assert proposal.volunteer_answer == "yes" and proposal.status is ProposalStatus.OPEN
    agreed = [s for s in proposal.steps if s.kind is K.VOLUNTEER_AGREED]
    assert agreed and agreed[0].staff_id is None
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "proposal_answered"))
    assert entry.staff_id is None and entry.detail == "link:yes"
    detail = staff_client.get(f"/dashboard/vorschlaege/{proposal.id}").get_data(as_text=True)
    assert "Antwort: zugesagt per Link" in detail
    assert "die/der Ehrenamtliche per Link" in detail
    queue = staff_client.get(f"/dashboard/matching/programm/{proposal.programme_id}/offen")
    assert "Antwort: zugesagt per Link" in queue.get_data(as_text=True)


def test_no_by_link_keeps_the_proposal_open_for_the_coordinator(app, coordinator, staff_client):
    client = app.test_client()
    proposal = _proposal()
    link = _link(_send(app, proposal, coordinator))
    done = press(client, link, link, {"answer": "no", "reason": "too_far"})
    assert done.status_code == 200
    db.session.expire_all()
    proposal = db.session.get(Proposal, proposal.id)
    assert proposal.volunteer_answer == "no" and proposal.volunteer_answer_reason == "too_far"
    assert proposal.status is ProposalStatus.OPEN  # the coordinator still decides
    assert K.VOLUNTEER_DECLINED not in {s.kind for s in proposal.steps}
    detail = staff_client.get(f"/dashboard/vorschlaege/{proposal.id}").get_data(as_text=True)
    assert "Antwort: abgesagt per Link" in detail and "Der Weg ist mir zu weit" in detail
    queue = staff_client.get(f"/dashboard/matching/programm/{proposal.programme_id}/offen")
    assert "Antwort: abgesagt per Link" in queue.get_data(as_text=True)


def test_a_second_answer_changes_nothing(app, client, coordinator):
    proposal = _proposal()
    link = _link(_send(app, proposal, coordinator))
    press(client, link, link, {"answer": "no"})
    again = client.get(link)
    assert again.status_code == 200
    assert "schon bei uns angekommen" in again.get_data(as_text=True)
    token = answer_token(proposal.id, proposal.volunteer_id)
    late = client.post(link, data={"answer": "yes", "csrf_token": "x", "token": token})
    assert late.status_code == 400  # no valid CSRF token
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).volunteer_answer == "no"
    with pytest.raises(OperationError):
        send_proposal_request(proposal_id=proposal.id, staff=coordinator)


def test_broken_expired_foreign_and_closed_links_get_a_clear_page(app, client, coordinator):
    proposal = _proposal()
    token = answer_token(proposal.id, proposal.volunteer_id)
    broken = client.get("/vorschlag/antwort/kaputt?lang=en")
    assert broken.status_code == 400 and "This link is not valid" in broken.get_data(as_text=True)
    app.config["PROPOSAL_ANSWER_LINK_DAYS"] = -1  # every link is older than that
    expired = client.get(f"/vorschlag/antwort/{token}?lang=de")
    app.config["PROPOSAL_ANSWER_LINK_DAYS"] = 30
    assert expired.status_code == 400 and "abgelaufen" in expired.get_data(as_text=True)
    other = client.get(f"/vorschlag/antwort/{answer_token(proposal.id, 999999)}")
    assert other.status_code == 404
    proposal.status = ProposalStatus.CLOSED
    db.session.commit()
    closed = client.get(f"/vorschlag/antwort/{token}")
    assert closed.status_code == 410 and "erledigt" in closed.get_data(as_text=True)


def test_the_answer_needs_the_csrf_token_and_a_choice(app, client, coordinator):
    proposal = _proposal()
    url = f"/vorschlag/antwort/{answer_token(proposal.id, proposal.volunteer_id)}"
    assert client.post(url, data={"answer": "yes"}).status_code == 400
    assert press(client, url, url, {"answer": "vielleicht"}).status_code == 400
    assert press(client, url, url, {}).status_code == 400
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).volunteer_answer is None


def test_the_request_and_the_page_speak_the_volunteers_language(app, client, coordinator):
    proposal = _proposal(locale="ar")
    mail = _send(app, proposal, coordinator)
    assert mail["Content-Language"] == "ar"
    assert '<html lang="ar" dir="rtl">' in html_part(mail)
    assert "Möchten Sie" not in mail["Subject"]
    link = _link(mail)
    assert "lang=ar" in link
    page = client.get(link).get_data(as_text=True)
    assert 'lang="ar"' in page and 'dir="rtl"' in page


def test_a_volunteer_by_post_gets_a_letter_without_link(app, coordinator):
    proposal = _proposal(contact_channel="letter", street="Hauptstraße", house_number="7")
    message = send_proposal_request(proposal_id=proposal.id, staff=coordinator)
    assert message.channel is MessageChannel.LETTER
    assert "/vorschlag/antwort/" not in message.body_text
    assert "rufen Sie uns an" in message.body_text


def test_the_button_on_the_proposal_page_sends(app, staff_client, coordinator):
    proposal = _proposal()
    url = f"/dashboard/vorschlaege/{proposal.id}"
    assert "Anfrage senden" in staff_client.get(url).get_data(as_text=True)
    response = press(staff_client, url, f"{url}/anfrage-senden")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(Message.kind)) == "proposal_request"
    assert "Anfrage erneut senden" in staff_client.get(url).get_data(as_text=True)


def test_a_rolled_back_request_leaves_no_message(app, coordinator):
    proposal = _proposal()
    flows.proposal_request(proposal)  # queued in the transaction ...
    db.session.flush()
    assert db.session.scalar(select(func.count()).select_from(Message)) == 1
    db.session.rollback()  # ... and gone with it
    assert db.session.scalar(select(func.count()).select_from(Message)) == 0
    proposal = db.session.get(Proposal, proposal.id)
    proposal.volunteer_answer = "yes"  # answered already: the operation refuses, nothing queued
    db.session.commit()
    with pytest.raises(OperationError):
        send_proposal_request(proposal_id=proposal.id, staff=coordinator)
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Message)) == 0
