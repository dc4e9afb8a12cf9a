"""Answer by link in the real browser: the coordinator sends the request, the volunteer gets the
e-mail from a real SMTP server (aiosmtpd), opens the link and says yes; the coordinator sees the
answer, accepts and plans the first meeting; both sides get the invitation with an .ics that
parses back. axe on the answer page (de, ar); screenshots of the page and of the mails."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from tests.support.live_server import SCREENSHOTS, live_config
from tests.support.smtp import html_part, mail_config, smtp_server, text_part, wait_until

PROGRAMME = "Ausbildungspaten"
PLACE = "Stadtteilzentrum Wanne, Raum 2"


@pytest.fixture(scope="module")
def smtp():
    with smtp_server() as (inbox, port):
        yield inbox, port


@pytest.fixture(scope="module")
def mail_app(live_server, smtp):
    """A second app on the served database that delivers the outbox to the test's SMTP server."""
    from mentoring.factory import create_app

    _inbox, port = smtp
    app = create_app(live_config(live_server.database, **mail_config(port)))
    yield app
    from mentoring.extensions import db

    with app.app_context():
        db.engine.dispose()


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _deliver(mail_app, inbox, kind: str, expected: int):
    """Deliver the newest `expected` e-mails of `kind`; return them as the SMTP server got them."""
    from sqlalchemy import select

    from mentoring.extensions import db
    from mentoring.models import Message, MessageChannel
    from mentoring.operations.delivery import deliver

    with mail_app.app_context():
        rows = db.session.execute(
            select(Message.id, Message.message_id)
            .where(Message.kind == kind, Message.channel == MessageChannel.EMAIL)
            .order_by(Message.id.desc())
            .limit(expected)
        ).all()
        for message_id, _header in rows:
            deliver(message_id)
        db.session.remove()
    wanted = {header for _id, header in rows}

    def arrived():
        found = [m for m in inbox.messages if m["Message-ID"] in wanted]
        return found if len(found) == expected else None

    return wait_until(arrived)


def _prepare_people(mail_app, proposal_id: int) -> tuple[str, str]:
    """Both addresses confirmed (the sign-up mail's link), the family writes Arabic."""
    from mentoring.extensions import db
    from mentoring.models import Proposal

    with mail_app.app_context():
        proposal = db.session.get(Proposal, proposal_id)
        now = datetime.now(UTC)
        proposal.volunteer.email_confirmed_at = now
        proposal.request.email_confirmed_at = now
        proposal.request.correspondence_language = "ar"
        proposal.request.contact_channel = "email"
        proposal.volunteer.contact_channel = "email"
        addresses = proposal.volunteer.email, proposal.request.contact_email
        db.session.commit()
        db.session.remove()
    return addresses


def _free_requests(live_server) -> list[int]:
    rows = live_server.query(
        """SELECT r.id FROM mentee_requests r JOIN programmes p ON p.id = r.programme_id
           WHERE p.name = ? AND r.status = 'open' AND r.erased_at IS NULL
           AND r.contact_email IS NOT NULL
           AND r.id NOT IN (SELECT request_id FROM proposals
                            WHERE status = 'open' AND request_id IS NOT NULL)
           ORDER BY r.id DESC LIMIT 25""",
        PROGRAMME,
    )
    return [row[0] for row in rows]


def _arabic_request_mail(mail_app, proposal_id: int) -> str:
    """The same request rendered for an Arabic-speaking volunteer (only rendered, not stored)."""
    from mentoring.extensions import db
    from mentoring.messages.flows import proposal_request
    from mentoring.models import Proposal

    with mail_app.app_context():
        proposal = db.session.get(Proposal, proposal_id)
        proposal.volunteer.correspondence_language = "ar"
        html = proposal_request(proposal).body_html
        db.session.rollback()
        db.session.remove()
    return html


def test_answer_by_link_accept_and_invite(staff_page, page, live_server, mail_app, smtp, axe):
    inbox, _port = smtp
    staff = staff_page
    for request_id in _free_requests(live_server):
        staff.goto(f"/dashboard/anfragen/{request_id}/passende")
        buttons = staff.get_by_role("button", name=re.compile("^Als Paar vorschlagen"))
        if buttons.count():
            break
    else:
        raise AssertionError("no open request with a fitting volunteer in the demo data")
    with staff.expect_navigation():
        buttons.first.click()
    proposal_id = int(re.search(r"/dashboard/vorschlaege/(\d+)$", staff.url).group(1))
    volunteer_address, family_address = _prepare_people(mail_app, proposal_id)

    # The coordinator sends the request: "angefragt" is entered with it.
    with staff.expect_navigation():
        staff.get_by_role("button", name="Anfrage senden").click()
    assert staff.get_by_text("Angefragt ist eingetragen").is_visible()
    assert live_server.query(
        "SELECT kind, staff_id IS NOT NULL FROM proposal_steps WHERE proposal_id = ?", proposal_id
    ) == [("volunteer_asked", 1)]

    # The volunteer's mail arrives at the SMTP server, with the link.
    [mail] = _deliver(mail_app, inbox, "proposal_request", 1)
    assert mail["To"] == volunteer_address
    link = re.search(r"https?://[^/\s]+(/vorschlag/antwort/\S+)", text_part(mail)).group(1)
    page.set_content(html_part(mail))
    _shot(page, "mail-anfrage-de")
    page.set_content(_arabic_request_mail(mail_app, proposal_id))
    assert page.locator("html").get_attribute("dir") == "rtl"
    axe(page)
    _shot(page, "mail-anfrage-ar")

    # The answer page in Arabic (axe), then in German: the volunteer says yes.
    page.goto(link.replace("lang=de", "lang=ar"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    axe(page)
    _shot(page, "antwort-seite-ar")
    page.goto(link)
    assert page.locator("html").get_attribute("lang") == "de"
    axe(page)
    _shot(page, "antwort-seite-de")
    page.get_by_label("Ja, ich möchte diese Person begleiten").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Antwort senden").click()
    assert page.get_by_text("Vielen Dank für Ihre Zusage").is_visible()
    axe(page)
    _shot(page, "antwort-danke-de")
    page.goto(link)  # a second visit: already answered
    assert page.get_by_text("schon bei uns angekommen").is_visible()

    # The coordinator sees the answer on the proposal and in the queue, and accepts.
    staff.goto(f"/dashboard/vorschlaege/{proposal_id}")
    assert staff.get_by_text("Antwort: zugesagt per Link").first.is_visible()
    programme = live_server.query("SELECT id FROM programmes WHERE name = ?", PROGRAMME)[0][0]
    staff.goto(f"/dashboard/matching/programm/{programme}/offen")
    assert (
        staff.locator(f"tr#p{proposal_id}").get_by_text("Antwort: zugesagt per Link").is_visible()
    )
    staff.goto(f"/dashboard/vorschlaege/{proposal_id}")
    axe(staff)
    _shot(staff, "vorschlag-antwort-per-link")
    with staff.expect_navigation():
        staff.get_by_role("button", name="Annehmen: Tandem anlegen").click()
    tandem_id = int(re.search(r"/dashboard/tandems/(\d+)$", staff.url).group(1))
    started = _deliver(mail_app, inbox, "tandem_started", 2)
    assert {m["To"] for m in started} == {volunteer_address, family_address}

    # The first meeting: day, time, place; both sides get the invitation with the .ics.
    day = date.today() + timedelta(days=10)
    staff.fill("input[name='plan-on']", day.isoformat())
    staff.fill("input[name='plan-at']", "15:30")
    staff.fill("input[name='plan-place']", PLACE)
    with staff.expect_navigation():
        staff.get_by_role("button", name="Einladung senden").click()
    assert staff.get_by_text("Die Einladung zum ersten Treffen geht an beide Seiten").is_visible()
    axe(staff)
    _shot(staff, "tandem-treffen-geplant")
    invitations = _deliver(mail_app, inbox, "meeting_invitation", 2)
    assert {m["To"] for m in invitations} == {volunteer_address, family_address}
    for invitation in invitations:
        [part] = [
            p for p in invitation.iter_attachments() if p.get_content_type() == "text/calendar"
        ]
        content = part.get_content()
        calendar = Calendar.from_ical(content if isinstance(content, str) else content.decode())
        [event] = calendar.walk("VEVENT")
        assert calendar["METHOD"] == "REQUEST"
        assert str(event["UID"]) == f"tandem-meeting-{tandem_id}@mentoring.herne.de"
        start = event.decoded("DTSTART").astimezone(datetime.now().astimezone().tzinfo)
        assert event.decoded("DTSTART").date() == day
        assert str(event["LOCATION"]) == PLACE
        assert start.tzinfo is not None
    for invitation in invitations:
        language = "ar" if invitation["To"] == family_address else "de"
        assert invitation["Content-Language"] == language
        mail_page = page.context.new_page()  # a blank page: the site's CSP would drop styles
        mail_page.set_content(html_part(invitation))
        assert mail_page.locator("html").get_attribute("lang") == language
        axe(mail_page)
        _shot(mail_page, f"mail-einladung-{language}")
        mail_page.close()
