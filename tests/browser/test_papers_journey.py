"""A coordinator prepares the introduction meeting, prints the papers and records hours.

Screenshots of the pages and of the PDFs' first pages go to $SCREENSHOT_DIR when it is set.
"""

import io
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

from pypdf import PdfReader


def _shot(page, name: str) -> None:
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _pdf_text(data: bytes, name: str) -> str:
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder and shutil.which("pdftoppm"):
        pdf = Path(folder) / f"{name}.pdf"
        pdf.write_bytes(data)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "70",
                "-f",
                "1",
                "-l",
                "2",
                str(pdf),
                str(pdf.with_suffix("")),
            ],
            check=True,
        )
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def _download(page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return Path(info.value.path()).read_bytes()


def test_introduction_papers_and_hours(staff_page, axe, staff_ids, live_server):
    page = staff_page
    tandem = staff_ids["tandem"]
    page.goto(f"/dashboard/tandems/{tandem}")
    month = date.today().strftime("%m.%Y")
    page.fill("input[name='hours-month']", month)
    page.fill("input[name='hours-hours']", "3,5")
    with page.expect_navigation():
        page.get_by_role("button", name="Stunden speichern").click()
    assert page.get_by_text(f"Die Stunden für {month} sind gespeichert.").is_visible()
    table = page.get_by_role("table", name="Stunden der ehrenamtlichen Person je Monat")
    assert "3,5" in table.inner_text()
    axe(page)
    _shot(page, "tandem-stunden")

    page.get_by_role("link", name="Kennenlernen vorbereiten und drucken").click()
    assert page.locator("h1").inner_text().startswith("Kennenlernen vorbereiten")
    axe(page)
    volunteer_side = page.get_by_role(
        "group", name="Die ehrenamtliche Person ist einverstanden, dass die andere Seite erhält:"
    )
    volunteer_side.get_by_label("Telefonnummer").check()
    request_side = page.get_by_role(
        "group",
        name="Die Familie bzw. die junge Person ist einverstanden, dass die andere Seite erhält:",
    )
    request_side.get_by_label("E-Mail-Adresse").check()
    page.get_by_label("Ort des Kennenlernens").fill("Ehrenamtsbüro, Rathaus Herne, Raum 112")
    page.get_by_label("Datum des Kennenlernens").fill(date.today().isoformat())
    page.get_by_label("Uhrzeit").fill("15:30")
    page.get_by_label("Vereinbarter Rhythmus").fill("wöchentlich, 2 Stunden")
    page.get_by_label("Ihre Telefonnummer für beide Seiten").fill("02323 16-1234")
    with page.expect_navigation():
        page.get_by_role("button", name="Angaben speichern").click()
    assert page.get_by_text("Die Angaben zum Kennenlernen sind gespeichert.").is_visible()
    saved = live_server.query(
        "SELECT volunteer_shares, request_shares, meeting_on, meeting_time, rhythm "
        "FROM tandem_introductions WHERE tandem_id = ?",
        tandem,
    )
    assert saved == [
        (
            '["phone"]',
            '["email"]',
            date.today().isoformat(),
            "15:30:00.000000",
            "wöchentlich, 2 Stunden",
        )
    ], saved
    axe(page)
    _shot(page, "kennenlernen")

    volunteer_phone, volunteer_email, volunteer_last = live_server.query(
        "SELECT v.phone, v.email, v.last_name FROM tandems t JOIN volunteers v "
        "ON v.id = t.volunteer_id WHERE t.id = ?",
        tandem,
    )[0]
    bogen = _pdf_text(_download(page, "Vermittlungsbogen (PDF)"), "vermittlungsbogen")
    assert "Vermittlungsbogen" in bogen and "Rathaus Herne, Raum 112" in bogen
    assert "15:30 Uhr" in bogen and "wöchentlich, 2 Stunden" in bogen
    assert date.today().strftime("%d.%m.%Y") in bogen
    if volunteer_phone:
        assert volunteer_phone in bogen
    assert volunteer_email not in bogen and volunteer_last not in bogen
    agreement = _pdf_text(_download(page, "Patenschaftsvereinbarung (PDF)"), "vereinbarung")
    assert "Patenschaftsvereinbarung" in agreement and "Unterschrift" in agreement

    page.goto(f"/dashboard/tandems/{tandem}")
    page.get_by_label("Stunden je Monat aufführen").check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Nachweis als PDF").click()
    nachweis = _pdf_text(Path(info.value.path()).read_bytes(), "nachweis")
    assert "Nachweis über ehrenamtliches Engagement" in nachweis and "3,5" in nachweis

    page.goto("/dashboard/berichte/")
    hours = page.get_by_role("table", name="Ehrenamtliche Stunden nach Programm")
    assert "Ausbildungspaten" in hours.inner_text()
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.locator("section:has(#stunden)").screenshot(path=f"{folder}/statistik-stunden.png")
