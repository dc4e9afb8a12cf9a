"""Issue #12's journey in the real browser, as a coordinator: Anmeldung am Telefon → Erstkontakt →
manueller Vorschlag → beide zugesagt → Vermittlungsbogen gedruckt. axe on every page on the way.

The live server is shared with the other browser tests: the journey creates its own request (a
person without e-mail, reachable by phone only) and follows only the records it made.
"""

import io
import re
from datetime import date, timedelta
from pathlib import Path

from pypdf import PdfReader

from tests.support.live_server import SCREENSHOTS

PROGRAMME = "Ausbildungspaten"
FIRST_NAME = "Yasemin-Telefonjourney"
LAST_NAME = "Demirel"
PHONE = "02325 771144"
MEETING_PLACE = "Stadtteilbüro Wanne, Hauptstraße 212, Raum 3"
STEPS = (
    "angefragt bei der/dem Ehrenamtlichen",
    "Ehrenamtliche/r hat zugesagt",
    "angefragt bei der Familie bzw. der jungen Person",
    "Familie bzw. junge Person hat zugesagt",
)


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _choose(page, label) -> None:
    """Tick a checkbox or radio button by keyboard: focus it by its label, press the space bar."""
    control = page.get_by_label(label, exact=True) if isinstance(label, str) else label
    control.focus()
    page.keyboard.press("Space")
    assert control.is_checked()


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def _phone_intake(page, axe) -> int:
    """Step 1: a young adult calls; no e-mail, phone only, consent given orally."""
    page.goto("/dashboard/")
    page.get_by_role("link", name=re.compile("^Anmeldung erfassen")).click()
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Anfrage einer Person für sich selbst").click()
    assert page.locator("h1").inner_text().startswith("Anmeldung erfassen")
    _choose(page, page.get_by_role("radio", name=PROGRAMME))
    page.fill("#contact_first_name", FIRST_NAME)
    page.fill("#contact_last_name", LAST_NAME)
    page.fill("#person_birth_year", str(date.today().year - 19))
    page.fill("#contact_phone", PHONE)
    page.fill("#postal_code", "44649")
    page.select_option("#place", label="Wanne (Wanne)")
    _choose(page, page.get_by_role("radio", name="Per Telefon"))
    languages = page.get_by_role("group", name=re.compile("Sprachen"))
    _choose(page, languages.get_by_role("checkbox", name="Deutsch"))
    for slot in ("Montag nachmittags", "Dienstag nachmittags", "Mittwoch nachmittags"):
        _choose(page, page.get_by_role("checkbox", name=slot))
        _choose(page, page.get_by_role("checkbox", name=slot.replace("nachmittags", "abends")))
    _choose(page, page.get_by_role("radio", name="am Telefon"))
    assert page.get_by_text("Kurzer Datenschutzhinweis zum Vorlesen").is_visible()
    _choose(page, page.get_by_role("radio", name="vorgelesen (Text oben)"))
    _choose(page, page.get_by_role("radio", name="mündlich erteilt"))
    _choose(
        page, page.get_by_role("checkbox", name=re.compile("^Die Person hat in die Speicherung"))
    )
    axe(page)
    _shot(page, "journey-1-anmeldung-am-telefon")
    with page.expect_navigation():
        page.get_by_role("button", name="Anmeldung speichern").click()
    match = re.search(r"/dashboard/anfragen/(\d+)$", page.url)
    assert match, page.url + "\n" + page.locator("main").inner_text()[:2000]
    assert page.get_by_text("Die Anmeldung ist gespeichert").is_visible()
    return int(match.group(1))


def test_phone_sign_up_to_printed_vermittlungsbogen(staff_page, axe, live_server):
    page = staff_page
    request_id = _phone_intake(page, axe)
    assert live_server.query(
        "SELECT r.intake_channel, r.contact_email, r.contact_phone, r.contact_channel,"
        " c.given_as, c.privacy_notice FROM mentee_requests r"
        " JOIN consent_records c ON c.request_id = r.id WHERE r.id = ?",
        request_id,
    ) == [("phone", None, PHONE, "phone", "oral", "read_out")]
    axe(page)

    # Step 2: the first contact, by phone.
    panel = page.locator("#erstkontakt")
    assert "Noch nicht kontaktiert" in panel.inner_text()
    _choose(page, panel.get_by_label("Telefon"))
    with page.expect_navigation():
        panel.get_by_role("button", name="Erstkontakt speichern").click()
    assert page.get_by_text("Der Erstkontakt ist gespeichert.").is_visible()
    assert (
        f"Erreicht am {date.today():%d.%m.%Y}, Weg: Telefon"
        in page.locator("#erstkontakt").inner_text()
    )
    axe(page)
    _shot(page, "journey-2-erstkontakt")

    # Details complete: the request is checked (by keyboard), so it may be matched.
    page.get_by_role("button", name="Als geprüft markieren").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Die Anfrage ist geprüft").is_visible()
    axe(page)

    # Step 3: "Wer passt?" for this request, and a pair proposed by hand.
    page.goto(f"/dashboard/anfragen/{request_id}/passende")
    buttons = page.get_by_role("button", name=re.compile("^Als Paar vorschlagen"))
    _shot(page, "journey-3-wer-passt")
    assert buttons.count(), "no demo volunteer fits:\n" + page.locator("main").inner_text()
    axe(page)
    with page.expect_navigation():
        buttons.first.click()
    match = re.search(r"/dashboard/vorschlaege/(\d+)$", page.url)
    assert match, page.url
    proposal_id = int(match.group(1))
    assert page.get_by_text("Vorschlag von Hand angelegt").is_visible()
    assert live_server.query(
        "SELECT source, request_id FROM proposals WHERE id = ?", proposal_id
    ) == [("manual", request_id)]
    axe(page)

    # Step 4: both sides asked and both agreed, then accepted.
    for step in STEPS:
        _choose(page, step)
        with page.expect_navigation():
            page.get_by_role("button", name="Schritt eintragen").click()
        assert page.get_by_text(f"Eingetragen: {step}.").is_visible()
        axe(page)
    _shot(page, "journey-4-beide-zugesagt")
    with page.expect_navigation():
        page.get_by_role("button", name="Annehmen: Tandem anlegen").click()
    match = re.search(r"/dashboard/tandems/(\d+)$", page.url)
    assert match, page.url
    tandem = int(match.group(1))
    assert page.get_by_text("Vorschlag angenommen").is_visible()
    axe(page)

    # Step 5: the introduction meeting; each side's shared contact data; the Vermittlungsbogen.
    page.get_by_role("link", name="Kennenlernen vorbereiten und drucken").click()
    assert page.locator("h1").inner_text().startswith("Kennenlernen vorbereiten")
    axe(page)
    volunteer_side = page.get_by_role(
        "group", name="Die ehrenamtliche Person ist einverstanden, dass die andere Seite erhält:"
    )
    _choose(page, volunteer_side.get_by_label("E-Mail-Adresse"))
    request_side = page.get_by_role(
        "group",
        name="Die Familie bzw. die junge Person ist einverstanden, dass die andere Seite erhält:",
    )
    _choose(page, request_side.get_by_label("Telefonnummer"))
    meeting_on = date.today() + timedelta(days=7 - date.today().weekday())  # next Monday
    page.get_by_label("Ort des Kennenlernens").fill(MEETING_PLACE)
    page.get_by_label("Datum des Kennenlernens").fill(meeting_on.isoformat())
    page.get_by_label("Uhrzeit").fill("16:00")
    page.get_by_label("Vereinbarter Rhythmus").fill("alle zwei Wochen, montags")
    with page.expect_navigation():
        page.get_by_role("button", name="Angaben speichern").click()
    assert page.get_by_text("Die Angaben zum Kennenlernen sind gespeichert.").is_visible()
    axe(page)
    _shot(page, "journey-5-kennenlernen")

    with page.expect_download() as info:
        page.get_by_role("link", name="Vermittlungsbogen (PDF)").click()
    data = Path(info.value.path()).read_bytes()
    (SCREENSHOTS / "journey-vermittlungsbogen.pdf").write_bytes(data)
    bogen = _pdf_text(data)
    first, last, email, phone = live_server.query(
        "SELECT v.first_name, v.last_name, v.email, v.phone FROM tandems t"
        " JOIN volunteers v ON v.id = t.volunteer_id WHERE t.id = ?",
        tandem,
    )[0]
    assert "Vermittlungsbogen" in bogen
    assert first in bogen and FIRST_NAME in bogen
    assert MEETING_PLACE in bogen and f"{meeting_on:%d.%m.%Y}" in bogen and "16:00 Uhr" in bogen
    assert "alle zwei Wochen, montags" in bogen
    assert PHONE in bogen  # the young person agreed to share the phone number
    if email:
        assert email in bogen  # the volunteer agreed to share the e-mail address
    if phone:
        assert phone not in bogen  # but not the phone number
    assert last not in bogen and LAST_NAME not in bogen
    assert live_server.query(
        "SELECT detail, staff_id IS NOT NULL FROM audit_log WHERE action = 'document_printed'"
        " AND subject_type = 'tandem' AND subject_id = ?",
        tandem,
    ) == [("vermittlungsbogen", 1)]
