"""Reminders in Chromium: the coordinators' digest, the §72a reminder, the thank-you after a
tandem (German, Arabic) and the questionnaire page (German, Arabic, 320 px); axe on each,
screenshots into screenshots/."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from tests.support.live_server import SCREENSHOTS, live_config


@pytest.fixture(scope="module")
def live_app(live_server):
    from mentoring.factory import create_app

    app = create_app(live_config(live_server.database))
    yield app
    from mentoring.extensions import db

    with app.app_context():
        db.engine.dispose()


def rendered(live_app, build):
    """Queue a message with `build()` in the live app, keep its HTML and text, store nothing."""
    from mentoring.extensions import db

    with live_app.app_context():
        messages = build()
        result = [(m.body_html, m.body_text) for m in messages]
        db.session.rollback()
    return result


def _demo_tandem(locale: str | None = None):
    from sqlalchemy import select

    from mentoring.extensions import db
    from mentoring.models import MenteeRequest, Tandem, Volunteer

    request_row = db.session.scalars(select(MenteeRequest).order_by(MenteeRequest.id)).first()
    volunteer = db.session.scalars(select(Volunteer).order_by(Volunteer.id)).first()
    tandem = Tandem(programme_id=request_row.programme_id, volunteer=volunteer, request=request_row)
    db.session.add(tandem)
    db.session.flush()  # rolled back by the caller
    if locale:
        tandem.volunteer.correspondence_language = locale
        tandem.request.correspondence_language = locale
    return tandem


def _digest():
    from sqlalchemy import select

    from mentoring import clock
    from mentoring.extensions import db
    from mentoring.messages.reminders import Digest, digest_for, queue_digest
    from mentoring.models import CheckIn, MenteeRequest, Proposal, StaffUser, Volunteer

    staff = db.session.scalars(select(StaffUser).order_by(StaffUser.id)).first()
    today = clock.today()
    digest = digest_for(staff, today, datetime.now(UTC))
    if not digest:  # the demo data may be quiet today: show one of each
        digest = Digest(
            overdue=list(db.session.scalars(select(CheckIn).limit(2))),
            due=list(db.session.scalars(select(CheckIn).offset(2).limit(1))),
            stale=list(db.session.scalars(select(Proposal).limit(2))),
            new_volunteers=list(db.session.scalars(select(Volunteer).limit(1))),
            new_requests=list(db.session.scalars(select(MenteeRequest).limit(2))),
        )
    return [queue_digest(staff, digest, today)]


def _police_check():
    from sqlalchemy import select

    from mentoring import clock
    from mentoring.extensions import db
    from mentoring.messages.outbox import name_of, queue_message
    from mentoring.models import Volunteer

    volunteer = db.session.scalars(select(Volunteer).order_by(Volunteer.id)).first()
    volunteer.correspondence_language = "de"
    due_on = clock.today() + timedelta(weeks=8)
    return [
        queue_message(
            "police_check_reminder",
            volunteer=volunteer,
            context={"name": name_of("volunteer", volunteer), "due_on": due_on},
        )
    ]


@pytest.mark.parametrize(
    "name, build",
    [("mail-tagesuebersicht", _digest), ("mail-fuehrungszeugnis-de", _police_check)],
)
def test_digest_and_police_check_mails_read_well(page, axe, live_app, name, build):
    [(html, _text)] = rendered(live_app, build)
    page.set_content(html)
    axe(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


@pytest.mark.parametrize("locale", ["de", "ar"])
def test_thank_you_mail_in_both_directions(page, axe, live_app, locale):
    from mentoring.messages.reminders import tandem_thanks

    [(html, text), _other] = rendered(live_app, lambda: tandem_thanks(_demo_tandem(locale)))
    assert "/rueckmeldung/" in text
    page.set_content(html)
    assert page.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
    axe(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"mail-danke-tandem-{locale}.png", full_page=True)


@pytest.mark.parametrize("lang, width", [("de", 1280), ("ar", 1280), ("ar", 320), ("de", 320)])
def test_questionnaire_page(page, axe, live_app, lang, width):
    from mentoring.messages.reminders import feedback_token

    with live_app.app_context():
        token = feedback_token(1, "request")  # the page shows before any tandem is read
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/rueckmeldung/{token}?lang={lang}")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("input[name=satisfaction]").count() == 5
    axe(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"fragebogen-{lang}-{width}.png", full_page=True)
    # Sent without answers: the error summary, still accessible.
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("#error-summary").is_visible()
    axe(page)
    if width == 320:
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        page.screenshot(path=SCREENSHOTS / f"fragebogen-fehler-{lang}-{width}.png", full_page=True)


def test_broken_questionnaire_link_page(page, axe):
    page.goto("/rueckmeldung/kaputt?lang=de")
    assert re.search("Dieser Link ist ungültig", page.content())
    axe(page)
