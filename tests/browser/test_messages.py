"""Messages in Chromium: the sign-up confirmation e-mail (German, Arabic), the link that confirms
the address, and the staff outbox pages; axe on each, screenshots into screenshots/."""

import re

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


def confirmation(live_app, locale: str):
    """A sign-up confirmation for a demo request, rendered in the given language."""
    from sqlalchemy import select

    from mentoring.extensions import db
    from mentoring.messages.flows import signup_confirmation
    from mentoring.models import MenteeRequest

    with live_app.app_context():
        person = db.session.scalars(select(MenteeRequest).order_by(MenteeRequest.id)).first()
        person.locale = person.correspondence_language = locale
        message = signup_confirmation("request", person)
        html, text = message.body_html, message.body_text
        db.session.rollback()  # only rendered, nothing stored
    return html, text


@pytest.mark.parametrize("locale", ["de", "ar"])
def test_the_confirmation_mail_reads_well_in_chromium(page, axe, live_app, locale):
    html, _text = confirmation(live_app, locale)
    page.set_content(html)
    assert page.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
    axe(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"mail-anmeldung-{locale}.png", full_page=True)


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_confirmation_link_page_in_both_directions(page, axe, live_app, live_server, lang):
    _html, text = confirmation(live_app, "de")
    path = re.search(r"https?://[^/]+(/e-mail-bestaetigen/\S+)", text).group(1)
    page.goto(f"{path}?lang={lang}")
    assert page.locator("html").get_attribute("lang") == lang
    axe(page)
    page.screenshot(path=SCREENSHOTS / f"e-mail-bestaetigen-{lang}.png", full_page=True)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("h1").count() == 1
    axe(page)


@pytest.mark.parametrize(
    "name, path",
    [
        ("postausgang", "/dashboard/postausgang"),
        ("nicht-zugestellt", "/dashboard/nicht-zugestellt"),
    ],
)
def test_outbox_pages_screenshots(staff_page, axe, name, path):
    response = staff_page.goto(path)
    assert response.status == 200
    axe(staff_page)
    staff_page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def test_a_person_page_lists_the_messages(staff_page, axe, live_server):
    [(volunteer_id,)] = live_server.query(
        "SELECT volunteer_id FROM messages WHERE state = 'failed' LIMIT 1"
    )
    staff_page.goto(f"/dashboard/ehrenamtliche/{volunteer_id}")
    block = staff_page.locator("#messages")
    assert "fehlgeschlagen" in block.inner_text()
    block.screenshot(path=SCREENSHOTS / "person-nachrichten.png")
