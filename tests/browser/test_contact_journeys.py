"""Sign-ups without e-mail in a real browser: a 70-year-old by phone, an Arabic-speaking mother on a
390 px phone; career questions only for programmes about careers. Screenshots go to screenshots/."""

import re
from datetime import date

from tests.browser.helpers import reference_number, submit
from tests.support.live_server import SCREENSHOTS

ARABIC = re.compile(r"[\u0600-\u06FF]")
YEAR = date.today().year


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"contact-{name}.png"), full_page=True)


def test_a_70_year_old_without_e_mail_signs_up_by_phone(page, live_server, axe):
    page.goto("/anmelden/ehrenamt")
    page.fill("#first_name", "Wilhelm")
    page.fill("#last_name", "Ohnemail")
    page.fill("#birth_year", str(YEAR - 70))
    page.fill("#phone", "02323 987654")
    page.fill("#postal_code", "44625")
    page.select_option("#place", index=1)
    page.check("#contact_channel-1")  # Per Telefon
    page.check("#programmes-1")  # Familienpaten: no career questions
    assert not page.locator(".career-only").is_visible()
    page.check("#availability-4")
    page.check("#languages-0")
    page.check("#consent")
    axe(page)
    shoot(page, "volunteer-by-phone-filled")
    submit(page)

    assert page.url.endswith("/anmelden/danke"), page.locator("#error-summary").all_inner_texts()
    rows = live_server.query(
        "SELECT email, phone, contact_channel FROM volunteers WHERE reference = ?",
        reference_number(page),
    )
    assert rows == [(None, "02323 987654", "phone")]


def test_no_way_of_contact_is_explained_in_the_error_summary(page, axe):
    page.goto("/anmelden/ehrenamt")
    page.check("#contact_channel-2")  # Per Brief, but no address
    submit(page)
    summary = page.locator("#error-summary").inner_text()
    assert "Anschrift" in summary
    axe(page)
    shoot(page, "volunteer-errors")


def test_an_arabic_speaking_mother_signs_up_on_a_phone(browser, live_server, axe):
    ctx = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        locale="ar",
        is_mobile=True,
        has_touch=True,
    )
    ctx.set_default_timeout(10_000)
    page = ctx.new_page()
    try:
        page.goto("/anmelden/unterstuetzung/familie?lang=ar")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.locator("#correspondence_language").input_value() == "ar"
        assert ARABIC.search(page.locator("label[for=contact_phone]").inner_text())
        page.locator("input[name=programme]").nth(1).check()  # Familienpaten
        assert not page.locator(".career-only").is_visible()  # no career fields for a baby
        page.fill("#contact_first_name", "أميرة")
        page.fill("#contact_last_name", "حداد")
        page.fill("#name_latin", "Amira Haddad")
        page.fill("#contact_phone", "٠١٧٦ ١٢٣٤٥٦٧")
        page.fill("#person_first_name", "لينا")
        page.fill("#person_birth_year", "".join(chr(0x660 + int(d)) for d in str(YEAR - 1)))
        page.fill("#postal_code", "٤٤٦٤٩")
        page.select_option("#place", index=2)
        page.check("#contact_channel-1")  # Per Telefon
        page.check("#interpreter_needed")
        page.check("#languages-2")  # Arabic
        page.check("#availability-3")
        page.check("#consent")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, width  # nothing sticks out of the phone's screen
        axe(page)
        shoot(page, "mother-arabic-390-filled")
        submit(page)

        assert page.url.endswith("/anmelden/danke"), page.locator("#error-summary").inner_text()
        shoot(page, "mother-arabic-390-thanks")
        rows = live_server.query(
            "SELECT contact_email, contact_phone, contact_channel, correspondence_language,"
            " interpreter_needed, name_latin, postal_code FROM mentee_requests WHERE reference = ?",
            reference_number(page),
        )
        assert rows == [(None, "0176 1234567", "phone", "ar", 1, "Amira Haddad", "44649")]
    finally:
        ctx.close()


def test_the_referrer_form_asks_about_the_young_person_and_careers_only_for_careers(page, axe):
    page.goto("/anmelden/unterstuetzung/fachkraft")
    assert "Wann hat die junge Person Zeit?" in page.locator("main").inner_text()
    career = page.locator(".career-only")
    assert not career.is_visible()
    page.locator("input[name=programme][data-about-careers]").check()
    assert career.is_visible()
    assert "Welche Berufsfelder interessieren die junge Person?" in career.inner_text()
    page.locator("input[name=programme]:not([data-about-careers])").first.check()
    assert not career.is_visible()
    direct = page.locator(".direct-contact")
    assert not direct.is_visible()  # "Nein, bitte über mich" is the default
    page.check("#direct_contact-1")  # the guardian
    assert direct.is_visible()
    axe(page)
    shoot(page, "referrer-direct-contact")
