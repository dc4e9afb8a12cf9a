"""Programme settings and the Art. 15 review in the real browser: axe on every state, screenshots.

Nothing here changes what the other browser tests see: the programme form is only sent with
mistakes or a refused activation, and the review adds audit entries only.
"""

from tests.browser.helpers import submit
from tests.support.live_server import SCREENSHOTS


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_programme_settings_in_the_browser(staff_page, axe, live_server):
    page = staff_page
    page.goto("/dashboard/")
    page.get_by_role("navigation", name="Bereiche").get_by_role("link", name="Programme").click()
    assert page.locator("h1").inner_text() == "Programme"
    axe(page)
    _shot(page, "admin-programme-list")
    with page.expect_navigation():
        page.get_by_role("link", name="Gründungsmentoring").click()
    assert page.locator("h1").inner_text() == "Programm: Gründungsmentoring"
    axe(page)
    _shot(page, "admin-programme-edit")

    page.fill("#min_age", "30")
    page.fill("#max_age", "20")
    page.fill("#weight_distance", "viel")
    submit(page)
    assert page.locator("#error-summary").is_visible()
    assert "Zahl von" in page.locator("#error-summary").inner_text() or "zum Beispiel 0,2" in (
        page.locator("#error-summary").inner_text()
    )
    axe(page)
    _shot(page, "admin-programme-errors")

    page.fill("#min_age", "18")
    page.fill("#max_age", "")
    page.fill("#weight_distance", "0,15")
    page.fill("#name", "Gründungsmentoring für junge Leute")  # new text: no catalogue entry
    page.check("#active-0")
    page.fill("#name_en", "Start-up mentoring")
    page.fill("#summary_en", "Experienced entrepreneurs advise young founders.")
    submit(page)
    alert = page.locator(".notice-error, .flash-error, [role=alert]").first.inner_text()
    assert "Arabisch, Ukrainisch, Türkisch" in alert
    axe(page)
    _shot(page, "admin-programme-activation-refused")
    rows = live_server.query(
        "SELECT active, name FROM programmes WHERE code = 'gruendungsmentoring'"
    )
    assert rows == [(0, "Gründungsmentoring")]  # nothing saved


def test_auskunft_review_and_hand_out_in_the_browser(staff_page, axe, staff_ids):
    page = staff_page
    page.goto(f"/dashboard/datenschutz/volunteer/{staff_ids['volunteer']}")
    with page.expect_navigation():
        page.get_by_role("link", name="Auskunft prüfen und herausgeben").click()
    assert page.locator("h1").inner_text() == "Auskunft nach Art. 15 DSGVO prüfen"
    axe(page)
    _shot(page, "privacy-auskunft-review")
    submit(page)  # without the confirmation
    assert page.locator("#error-summary").is_visible()
    axe(page)
    page.check("#review_confirm")
    submit(page)
    assert "/auskunft/ausgabe" in page.url
    headings = page.locator("main h2").all_inner_texts()
    assert headings[0] == "Ihre Angaben"
    assert headings[-1] == "Wer Ihre Daten angesehen oder bearbeitet hat"
    assert headings.index("Nachrichten an Sie") < headings.index("Hinweise aus Vermittlungsläufen")
    axe(page)
    _shot(page, "privacy-auskunft-handout")
    page.set_viewport_size({"width": 320, "height": 640})
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    axe(page)
    _shot(page, "privacy-auskunft-handout-320")
    with page.expect_download() as download:
        page.get_by_role("button", name="Als PDF herunterladen").click()
    assert download.value.suggested_filename.endswith(".pdf")
