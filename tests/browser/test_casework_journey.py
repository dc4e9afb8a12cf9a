"""Casework in the real browser: the start page's new sign-ups, the first contact, a pause.

The live server is shared with the other browser tests: the journey picks a new request and a
new volunteer nobody has contacted yet, and ends the pause again before it finishes.
"""

import re
from datetime import date, timedelta

from tests.support.live_server import SCREENSHOTS

STAFF_PROGRAMME = "Ausbildungspaten"  # the demo coordinator sees it


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _new_request(live_server) -> int:
    rows = live_server.query(
        "SELECT max(r.id) FROM mentee_requests r JOIN programmes p ON p.id = r.programme_id "
        "WHERE p.name = ? AND r.status = 'new' AND r.first_contact_on IS NULL "
        "AND r.erased_at IS NULL",
        STAFF_PROGRAMME,
    )
    assert rows[0][0], "the demo data has new requests"
    return rows[0][0]


def _new_volunteer(live_server) -> int:
    rows = live_server.query(
        "SELECT max(v.id) FROM volunteers v "
        "JOIN volunteer_programmes vp ON vp.volunteer_id = v.id "
        "JOIN programmes p ON p.id = vp.programme_id "
        "WHERE p.name = ? AND v.status = 'new' AND v.paused_until IS NULL "
        "AND v.erased_at IS NULL",
        STAFF_PROGRAMME,
    )
    assert rows[0][0], "the demo data has new volunteers"
    return rows[0][0]


def test_start_page_counts_new_sign_ups_and_first_contact_is_recorded(staff_page, live_server, axe):
    page = staff_page
    request_id = _new_request(live_server)
    page.goto("/dashboard/")
    section = page.locator("section", has=page.get_by_role("heading", name=re.compile("^Neu")))
    assert section.get_by_role("heading").inner_text() == "Neu eingegangen, noch nicht kontaktiert"
    row = section.locator("tr", has=page.get_by_role("rowheader", name=STAFF_PROGRAMME))
    count = int(row.locator("td").nth(1).inner_text())
    assert count > 0
    axe(page)
    _shot(page, "casework-start-page")
    with page.expect_navigation():
        row.locator("td").nth(1).get_by_role("link").click()
    assert "uncontacted=y" in page.url and "sort=new" in page.url
    assert page.locator("#uncontacted").is_checked()

    page.goto(f"/dashboard/anfragen/{request_id}")
    panel = page.locator("#erstkontakt")
    assert "Noch nicht kontaktiert" in panel.inner_text()
    panel.get_by_label("Telefon").check()
    with page.expect_navigation():
        panel.get_by_role("button", name="Erstkontakt speichern").click()
    assert page.get_by_text("Der Erstkontakt ist gespeichert.").is_visible()
    today = date.today()
    recorded = page.locator("#erstkontakt").inner_text()
    assert f"Erreicht am {today:%d.%m.%Y}, Weg: Telefon" in recorded
    axe(page)
    _shot(page, "casework-first-contact")
    rows = live_server.query(
        "SELECT first_contact_on, first_contact_channel FROM mentee_requests WHERE id = ?",
        request_id,
    )
    assert rows == [(today.isoformat(), "phone")], rows


def test_pause_a_volunteer_and_end_the_pause(staff_page, live_server, axe):
    page = staff_page
    volunteer_id = _new_volunteer(live_server)
    page.goto(f"/dashboard/ehrenamtliche/{volunteer_id}")
    status = page.locator("#status")
    until = date.today() + timedelta(days=42)
    status.get_by_label("Pausiert bis einschließlich").fill(until.isoformat())
    status.get_by_label(re.compile("^Anlass")).fill("6 Wochen verreist")
    with page.expect_navigation():
        status.get_by_role("button", name="Pausieren").click()
    assert page.get_by_text("Die Person ist pausiert").is_visible()
    shown = page.locator("#status").inner_text()
    assert f"pausiert bis {until:%d.%m.%Y}" in shown and "6 Wochen verreist" in shown
    assert f"pausiert bis {until:%d.%m.%Y}" in page.locator(".record-header").inner_text()
    axe(page)
    _shot(page, "casework-volunteer-paused")

    # An empty withdrawal shows its error, accessibly.
    with page.expect_navigation():
        page.locator("#status").get_by_role("button", name="Zurückziehen").click()
    assert page.get_by_text("Bitte wählen Sie einen Grund.").first.is_visible()
    axe(page)
    _shot(page, "casework-withdraw-error")

    page.goto(f"/dashboard/ehrenamtliche/{volunteer_id}")
    with page.expect_navigation():
        page.locator("#status").get_by_role("button", name="Pause beenden").click()
    assert live_server.query("SELECT paused_until FROM volunteers WHERE id = ?", volunteer_id) == [
        (None,)
    ]
