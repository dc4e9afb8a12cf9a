"""Second factor and account management in the real browser, on a server that requires TOTP.

The server has its own SQLite file and an admin of its own, so that enrolling the second
factor does not change the demo account the other browser tests log in with.
"""

import re
import time
from urllib.parse import urlsplit

import pyotp
import pytest

from tests.browser.helpers import submit
from tests.support.live_server import SCREENSHOTS, live_config, serving

EMAIL = "leitung@example.org"
PASSWORD = "Zechenturm im Nebel 1927"
RECOVERY_CODES: list[str] = []  # from the journey, for the next test's login


@pytest.fixture(scope="module")
def secure_server(tmp_path_factory, live_server):
    from flask_migrate import upgrade

    from mentoring.factory import create_app
    from mentoring.models import StaffRole
    from mentoring.operations.reference import seed_reference_data
    from mentoring.operations.staff import create_staff

    database = tmp_path_factory.mktemp("secure") / "secure.sqlite"
    config = live_config(database, STAFF_REQUIRE_2FA=True)
    app = create_app(config)
    with app.app_context():
        upgrade()
        seed_reference_data()
        create_staff(
            email=EMAIL,
            name="Lea Leitung",
            password=PASSWORD,
            role=StaffRole.ADMIN,
            department_codes=[],
        )
    with serving(app) as url:
        yield url


@pytest.fixture
def secure_page(browser, secure_server):
    ctx = browser.new_context(
        base_url=secure_server, viewport={"width": 1280, "height": 900}, locale="de-DE"
    )
    ctx.set_default_timeout(10_000)
    yield ctx.new_page()
    ctx.close()


def _password_step(page) -> None:
    page.goto("/mitarbeitende/anmelden")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    submit(page)


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_enrol_totp_log_out_and_log_in_with_a_code(secure_page, axe):
    page = secure_page
    _password_step(page)
    assert page.url.endswith("/mitarbeitende/zwei-faktor/einrichten"), page.url
    assert page.locator("h1").inner_text() == "Zwei-Faktor-Anmeldung einrichten"
    assert page.locator("svg.qr-code").is_visible()
    axe(page)
    _shot(page, "staff-enrol-totp")
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]{32}", secret), secret

    submit(page)  # empty: the error summary, checked by axe too
    assert page.locator("#error-summary").is_visible()
    axe(page)
    page.fill("#code", pyotp.TOTP(secret).now())
    submit(page)
    assert page.locator("h1").inner_text() == "Ihre Wiederherstellungscodes"
    codes = page.locator("ol.recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    RECOVERY_CODES.extend(code.strip() for code in codes)
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("weiter$")).click()
    assert page.url.endswith("/dashboard/")

    with page.expect_navigation():
        page.get_by_role("button", name="Abmelden").click()
    assert page.locator(".notice").first.inner_text() == "Sie sind abgemeldet."
    _password_step(page)
    assert page.url.endswith("/mitarbeitende/anmelden/code"), page.url
    axe(page)
    page.fill("#code", pyotp.TOTP(secret).at(time.time() + 30))  # the next step: never reused
    submit(page)
    assert page.url.endswith("/dashboard/"), page.url


def test_admin_pages_in_the_browser(secure_page, axe):
    page = secure_page
    if not RECOVERY_CODES:
        pytest.skip("runs after the enrolment journey above")
    _password_step(page)
    page.fill("#code", RECOVERY_CODES.pop())  # the app's codes are used up for this time step
    submit(page)
    page.goto("/dashboard/")
    page.get_by_role("navigation", name="Bereiche").get_by_role("link", name="Konten").click()
    assert page.locator("h1").inner_text() == "Konten der Mitarbeitenden"
    axe(page)

    page.goto("/verwaltung/neu")
    axe(page)
    submit(page)
    assert page.locator("#error-summary").is_visible()
    axe(page)
    page.fill("#name", "Kim Koordination")
    page.fill("#email", "kim@example.org")
    page.check("#role-1")
    page.check("#departments-0")
    submit(page)
    link = page.locator("#set-password-link").input_value()
    # Built from PUBLIC_BASE_URL (never the Host header); this server answers on another port.
    assert link.startswith("http://127.0.0.1:5000/mitarbeitende/passwort-setzen/")
    link = urlsplit(link).path
    axe(page)

    page.goto("/verwaltung/")
    _shot(page, "staff-admin-list")
    with page.expect_navigation():
        page.get_by_role("link", name="Kim Koordination").click()
    assert page.locator("h1").inner_text() == "Konto: Kim Koordination"
    axe(page)
    page.goto("/mitarbeitende/passwort")
    axe(page)

    page.goto(link)
    assert page.locator("h1").inner_text() == "Passwort festlegen"
    axe(page)
