"""Whole sign-ups in a real browser, ending on the thank-you page and in the database."""

import re
from datetime import date

import pytest

from tests.browser.helpers import fill_volunteer_form, reference_number, submit

ARABIC = re.compile(r"[\u0600-\u06FF]")


def tab_to(page, selector: str, limit: int = 300) -> None:
    """Press Tab until the element matching selector has the focus (keyboard only)."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_senior_signs_up_with_the_keyboard_only(page, live_server):
    page.goto("/")
    tab_to(page, "a[href='/anmelden/ehrenamt']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement === document.body")

    for selector, text in [
        ("#first_name", "Gisela"),
        ("#last_name", "Tastatur"),
        ("#birth_year", "1955"),
        ("#email", "gisela.tastatur@example.org"),
        ("#postal_code", "44625"),
    ]:
        tab_to(page, selector)
        page.keyboard.type(text)
    tab_to(page, "#place")
    page.keyboard.press("ArrowDown")  # the first quarter
    for selector in (
        "#programmes-0",
        "#availability-1",
        "#availability-4",
        "#languages-0",
        "#consent",
    ):
        tab_to(page, selector)
        page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.endswith("/anmelden/danke"), page.locator("#error-summary").all_inner_texts()
    reference = reference_number(page)
    rows = live_server.query(
        "SELECT first_name, last_name, birth_year, locale FROM volunteers WHERE reference = ?",
        reference,
    )
    assert rows == [("Gisela", "Tastatur", 1955, "de")]


def test_guardian_signs_up_a_family_in_arabic(page, live_server):
    page.goto("/?lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.click("a[href='/anmelden/unterstuetzung']")
    page.click("a[href='/anmelden/unterstuetzung/familie']")
    assert page.locator("html").get_attribute("lang") == "ar"
    for label in page.locator("main label[for='contact_first_name'], main h1").all():
        assert ARABIC.search(label.inner_text()), label.inner_text()

    family_programme = page.locator("input[name=programme]").nth(1)  # Familienpaten: under 3
    family_programme.check()
    page.fill("#contact_first_name", "Amal")
    page.fill("#contact_last_name", "Haddad")
    page.fill("#contact_email", "amal.haddad@example.org")
    page.fill("#person_first_name", "Yusuf")
    page.fill("#person_birth_year", str(date.today().year - 1))
    page.fill("#postal_code", "44649")
    page.select_option("#place", index=2)
    page.check("#languages-2")  # Arabic
    page.check("#availability-3")
    page.check("#consent")
    submit(page)

    assert page.url.endswith("/anmelden/danke"), page.locator("#error-summary").all_inner_texts()
    assert ARABIC.search(page.locator("h1").inner_text())
    reference = reference_number(page)
    rows = live_server.query(
        "SELECT contact_first_name, person_first_name, registered_by, locale"
        " FROM mentee_requests WHERE reference = ?",
        reference,
    )
    assert len(rows) == 1
    first, child, registered_by, locale = rows[0]
    assert (first, child, locale) == ("Amal", "Yusuf", "ar")
    assert registered_by.lower() == "guardian"


def test_referrer_signs_up_a_young_person(page, live_server):
    page.goto("/anmelden/unterstuetzung/fachkraft")
    page.locator("input[name=programme]").first.check()  # Ausbildungspaten: 14 to 27
    page.select_option("#referrer_kind", "school")
    page.fill("#referrer_organisation", "Realschule Sodingen")
    page.fill("#contact_first_name", "Petra")
    page.fill("#contact_last_name", "Lehmann")
    page.fill("#contact_email", "p.lehmann@schule.example.org")
    page.fill("#person_first_name", "Kevin")
    page.fill("#person_last_name", "Krüger")
    page.fill("#person_birth_year", str(date.today().year - 16))
    page.fill("#postal_code", "44627")
    page.select_option("#place", index=3)
    page.check("#languages-0")
    page.check("#availability-7")
    page.fill("#guardian_name", "Sabine Krüger")
    page.check("#guardian_consent")
    page.check("#consent")
    submit(page)

    assert page.url.endswith("/anmelden/danke"), page.locator("#error-summary").all_inner_texts()
    reference = reference_number(page)
    rows = live_server.query(
        "SELECT referrer_organisation, person_first_name, registered_by FROM mentee_requests"
        " WHERE reference = ?",
        reference,
    )
    assert len(rows) == 1
    assert rows[0][:2] == ("Realschule Sodingen", "Kevin")
    assert rows[0][2].lower() == "referrer"


def test_forms_work_without_javascript(browser, live_server):
    ctx = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = ctx.new_page()
    try:
        page.goto("/anmelden/ehrenamt")
        submit(page)
        assert page.locator("#error-summary").is_visible()
        fill_volunteer_form(page, email="ohne.skript@example.org")
        submit(page)
        assert page.url.endswith("/anmelden/danke")
        reference = reference_number(page)
        assert live_server.query(
            "SELECT count(*) FROM volunteers WHERE reference = ?", reference
        ) == [(1,)]
    finally:
        ctx.close()


@pytest.mark.parametrize("lang", ["ar", "uk"])
def test_switching_language_keeps_what_was_typed(page, lang):
    page.goto("/anmelden/unterstuetzung/familie")
    page.fill("#contact_first_name", "Olena")
    page.fill("#goal", "Hilfe mit Briefen")
    page.check("#languages-3")
    with page.expect_navigation():
        page.click(f".language-switch a[hreflang={lang}]")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.input_value("#contact_first_name") == "Olena"
    assert page.input_value("#goal") == "Hilfe mit Briefen"
    assert page.is_checked("#languages-3")
    assert page.locator("#error-summary").count() == 0
