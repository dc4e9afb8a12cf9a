""" "Mein Engagement" / "Meine Anfrage" and the fresh-link page in Chromium: German and Arabic at
320 px, axe 0 violations (also with errors shown), and the self_service_link e-mail; screenshots
into screenshots/."""

import pytest

from tests.support.live_server import SCREENSHOTS, live_config

NARROW = {"width": 320, "height": 640}


@pytest.fixture(scope="module")
def live_app(live_server):
    from mentoring.factory import create_app

    app = create_app(live_config(live_server.database))
    yield app
    from mentoring.extensions import db

    with app.app_context():
        db.engine.dispose()


def person_path(live_app, kind: str) -> str:
    """The page of the first demo volunteer or request (not withdrawn)."""
    from sqlalchemy import select

    from mentoring.extensions import db
    from mentoring.models import MenteeRequest, Volunteer
    from mentoring.models.people import consent_withdrawn
    from mentoring.personal_data.self_service import AREAS, self_service_token

    model = Volunteer if kind == "volunteer" else MenteeRequest
    with live_app.app_context():
        rows = db.session.scalars(select(model).where(model.erased_at.is_(None)).order_by(model.id))
        person = next(row for row in rows if not consent_withdrawn(row.consents))
        return f"/{AREAS[kind]}/{self_service_token(kind, person.id)}"


def link_mail(live_app, locale: str) -> str:
    from sqlalchemy import select

    from mentoring.extensions import db
    from mentoring.messages.flows import self_service_link
    from mentoring.models import Volunteer

    with live_app.app_context():
        person = db.session.scalars(select(Volunteer).order_by(Volunteer.id)).first()
        person.correspondence_language = locale
        message = self_service_link("volunteer", person)
        html = message.body_html
        db.session.rollback()  # only rendered, nothing stored
    return html


def fits(page) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"page scrolls sideways by {overflow} px"


@pytest.mark.parametrize("kind", ["volunteer", "request"])
@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_self_service_page_at_320_px(page, axe, live_app, kind, lang):
    page.set_viewport_size(NARROW)
    page.goto(f"{person_path(live_app, kind)}?lang={lang}")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    axe(page)
    fits(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    name = "mein-engagement" if kind == "volunteer" else "meine-anfrage"
    page.screenshot(path=SCREENSHOTS / f"{name}-{lang}.png", full_page=True)


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_contact_form_with_errors(page, axe, live_app, lang):
    page.set_viewport_size(NARROW)
    page.goto(f"{person_path(live_app, 'volunteer')}?lang={lang}")
    page.fill("#contact-email", "kein-at-zeichen")
    with page.expect_navigation():
        page.locator("section[aria-labelledby=s-contact] button[type=submit]").first.click()
    assert page.locator(".error-summary").count() == 1
    axe(page)
    fits(page)
    page.screenshot(path=SCREENSHOTS / f"mein-engagement-fehler-{lang}.png", full_page=True)


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_fresh_link_page_and_its_answer(page, axe, lang):
    page.set_viewport_size(NARROW)
    page.goto(f"/neuer-link?lang={lang}")
    axe(page)
    fits(page)
    page.screenshot(path=SCREENSHOTS / f"neuer-link-{lang}.png", full_page=True)
    page.fill("#email", "niemand@example.org")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    axe(page)
    fits(page)
    page.screenshot(path=SCREENSHOTS / f"neuer-link-gesendet-{lang}.png", full_page=True)


@pytest.mark.parametrize("locale", ["de", "ar"])
def test_the_link_mail_reads_well_in_chromium(page, axe, live_app, locale):
    page.set_content(link_mail(live_app, locale))
    assert page.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
    axe(page)
    page.screenshot(path=SCREENSHOTS / f"mail-mein-engagement-{locale}.png", full_page=True)
