"""Steps several browser tests share."""

import re

REFERENCE_RE = re.compile(r"[A-Z]+-[0-9A-Z-]+")


def submit(page) -> None:
    """Press the form's submit button and wait for the next page."""
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def fill_volunteer_form(page, *, first_name="Helga", last_name="Brandt", email="helga@example.org"):
    """Fill the volunteer form with the fewest answers that pass (mouse and keyboard allowed)."""
    page.fill("#first_name", first_name)
    page.fill("#last_name", last_name)
    page.fill("#birth_year", "1956")
    page.fill("#email", email)
    page.fill("#postal_code", "44623")
    page.select_option("#place", index=1)
    page.check("#programmes-0")
    page.check("#availability-4")
    page.check("#languages-0")
    page.check("#consent")


def reference_number(page) -> str:
    text = page.locator(".confirmation .reference").inner_text().strip()
    assert REFERENCE_RE.fullmatch(text), text
    return text
