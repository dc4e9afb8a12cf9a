"""A coordinator takes a sign-up on the phone, then corrects it: in the real browser, with axe.

The live server is shared with the other browser tests: names are unique to this test.
"""

import re
from datetime import date

from tests.support.live_server import SCREENSHOTS


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_sign_up_by_phone_then_edit(staff_page, axe, live_server):
    page = staff_page
    page.goto("/dashboard/")
    page.get_by_role("link", name=re.compile("^Anmeldung erfassen")).click()
    assert page.locator("h1").inner_text() == "Anmeldung erfassen"
    axe(page)
    shot(page, "anmeldung-erfassen-start")
    page.get_by_role("link", name="Ehrenamtliche Person").click()

    page.fill("#first_name", "Telefonia")
    page.fill("#last_name", "Anruferin")
    page.fill("#birth_year", "1957")
    page.fill("#email", "telefonia.anruferin@example.org")
    page.fill("#phone", "02323 556677")
    # E-mail and phone given: the person says which way they want to be reached.
    page.get_by_role("radio", name="Per Telefon").check()
    page.fill("#postal_code", "44651")
    page.select_option("#place", label="Eickel (Eickel)")
    page.get_by_role("checkbox", name="Ausbildungspaten").check()
    page.get_by_role("checkbox", name="Dienstag nachmittags").check()
    page.get_by_role("group", name=re.compile("^Sprachen")).get_by_role(
        "checkbox", name="Deutsch"
    ).check()
    page.get_by_role("radio", name="am Telefon").check()
    assert page.get_by_text("Kurzer Datenschutzhinweis zum Vorlesen").is_visible()
    page.get_by_role("radio", name="vorgelesen (Text oben)").check()
    page.get_by_role("radio", name="mündlich erteilt").check()
    shot(page, "anmeldung-erfassen-ehrenamt")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Anmeldung speichern").click()
    # Consent not ticked yet: the form says so and keeps the input.
    assert page.locator("#error-summary").is_visible()
    assert page.locator("#first_name").input_value() == "Telefonia"
    axe(page)
    page.get_by_role("checkbox", name=re.compile("^Die Person hat in die Speicherung")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Anmeldung speichern").click()

    errors = page.locator("#error-summary")
    assert re.search(r"/dashboard/ehrenamtliche/\d+$", page.url), (
        errors.inner_text() if errors.count() else page.url
    )
    assert page.get_by_text("Die Anmeldung ist gespeichert").is_visible()
    consents = page.locator("#consents-caption").locator("xpath=..")
    assert "mündlich erteilt" in consents.inner_text()
    assert "Datenschutzhinweis vorgelesen" in consents.inner_text()
    volunteer_id = int(page.url.rsplit("/", 1)[1])
    rows = live_server.query(
        "SELECT v.intake_channel, c.given_as, c.privacy_notice, c.recorded_by_id IS NOT NULL"
        " FROM volunteers v JOIN consent_records c ON c.volunteer_id = v.id WHERE v.id = ?",
        volunteer_id,
    )
    assert rows == [("phone", "oral", "read_out", 1)], rows

    page.get_by_role("link", name="Angaben bearbeiten").first.click()
    assert page.locator("#first_name").input_value() == "Telefonia"
    axe(page)
    shot(page, "ehrenamtliche-bearbeiten")
    page.fill("#phone", "02323 998877")
    page.get_by_role("checkbox", name="Donnerstag vormittags").check()
    page.fill("#postal_code", "12345")
    with page.expect_navigation():
        page.get_by_role("button", name="Änderungen speichern").click()
    assert "nicht in Herne" in page.locator("#error-summary").inner_text()
    axe(page)
    shot(page, "ehrenamtliche-bearbeiten-fehler")
    page.fill("#postal_code", "44651")
    with page.expect_navigation():
        page.get_by_role("button", name="Änderungen speichern").click()

    assert page.get_by_text("Die Änderungen sind gespeichert").is_visible()
    history = page.locator("#history")
    assert "Zeiten, Telefon" in history.inner_text()
    assert date.today().strftime("%d.%m.%y") in history.inner_text()
    page.locator("#history").scroll_into_view_if_needed()
    axe(page)
    shot(page, "ehrenamtliche-aenderungsverlauf")
    details = live_server.query(
        "SELECT detail FROM audit_log WHERE action = 'update' AND subject_id = ?"
        " AND subject_type = 'volunteer'",
        volunteer_id,
    )
    assert details == [("fields=availability,phone",)], details


def test_request_edit_page(staff_page, axe, staff_ids):
    page = staff_page
    page.goto(f"/dashboard/anfragen/{staff_ids['request']}/bearbeiten")
    assert page.locator("h1").inner_text().startswith("Anfrage für")
    axe(page)
    shot(page, "anfragen-bearbeiten")
    page.goto("/dashboard/anmeldung-erfassen/anfrage/fachkraft")
    shot(page, "anmeldung-erfassen-fachkraft")
