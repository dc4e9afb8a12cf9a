"""The statistics page, the committee report (HTML, PDF) and the CSV export over HTTP."""

import csv
import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import Programme
from mentoring.reports.export import CSV_COLUMNS
from tests.support.factories import make_staff
from tests.support.login import login

PERIOD = {"von": "2026-01-01", "bis": "2026-06-30"}
pytestmark = pytest.mark.usefixtures("scenario")


def _text(response) -> str:
    return response.get_data(as_text=True)


def test_pages_need_login(client):
    for url in (
        "/dashboard/berichte/",
        "/dashboard/berichte/ausschuss",
        "/dashboard/berichte/ausschuss.pdf",
        "/dashboard/berichte/statistik.csv",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/mitarbeitende/anmelden" in response.headers["Location"]


def test_statistics_page_shows_exact_figures(admin_client):
    page = _text(admin_client.get("/dashboard/berichte/", query_string=PERIOD))
    assert "<h1>Statistik</h1>" in page
    assert 'lang="de"' in page
    # Exact numbers here: the 4 tandems begun are not hidden.
    assert re.search(r'<span class="figure">4</span>\s*Tandems haben im Zeitraum begonnen', page)
    assert "Am meisten fehlen Ehrenamtliche im Stadtbezirk Wanne" in page
    for chart in ("chart-warteliste", "chart-angebot", "chart-ergebnis"):
        assert f'aria-labelledby="{chart}-title {chart}-desc"' in page
        assert f'<title id="{chart}-title">' in page
    assert '<th scope="col">Programm</th>' in page
    assert "<caption" in page
    assert "https://" not in page.split("<main")[1].split("</main>")[0]  # no CDN


def test_statistics_filter_errors_are_shown(admin_client):
    page = _text(
        admin_client.get(
            "/dashboard/berichte/", query_string={"von": "2026-06-30", "bis": "2026-01-01"}
        )
    )
    assert "Bitte prüfen Sie Ihre Angaben" in page
    assert "Das Ende des Zeitraums liegt vor seinem Anfang." in page
    page = _text(admin_client.get("/dashboard/berichte/", query_string={"von": "gestern"}))
    assert "Bitte geben Sie ein Datum ein, zum Beispiel 14.03.2026." in page


def test_committee_report_suppresses_small_counts(admin_client):
    page = _text(admin_client.get("/dashboard/berichte/ausschuss", query_string=PERIOD))
    assert "Bericht an den Ausschuss für Soziales, Arbeit, Gesundheit und Senioren" in page
    assert "&lt; 5" in page
    # Every figure of this small data set is below 5: no count 1–4 appears as a number.
    cells = re.findall(r'<td class="number">([^<]*)</td>', page)
    assert cells
    assert not [c for c in cells if c.strip() in {"1", "2", "3", "4"}]
    assert "Ausbildungspaten" in page
    programme = db.session.scalar(select(Programme).where(Programme.code == "familienpaten"))
    assert programme.summary[:40] in page  # the programmes' descriptions


def test_csv_columns_and_suppression(admin_client):
    response = admin_client.get("/dashboard/berichte/statistik.csv", query_string=PERIOD)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data().decode("utf-8")
    assert body.startswith("\ufeffvon;bis;tabelle;zeile;spalte;wert\r\n")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == CSV_COLUMNS
    data = rows[1:]
    assert {len(r) for r in data} == {6}
    assert {(r[0], r[1]) for r in data} == {("2026-01-01", "2026-06-30")}
    values = {r[5] for r in data}
    assert not values & {"1", "2", "3", "4"}
    assert "< 5" in values
    tables = {r[2] for r in data}
    assert {
        "ehrenamtliche_programm",
        "anfragen_bezirk",
        "tandems_ergebnis",
        "verlauf_monate",
        "angebot_nachfrage",
        "wartezeit_programm",
    } <= tables
    # No person: the row labels are programmes, districts, months, reasons and totals only.
    assert not any("@" in r[3] or "Test" in r[3] for r in data)


def test_pdf_has_the_report_headings(admin_client):
    response = admin_client.get("/dashboard/berichte/ausschuss.pdf", query_string=PERIOD)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="ausschussbericht-2026-01-01-bis-2026-06-30.pdf"'
    )
    reader = PdfReader(io.BytesIO(response.get_data()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    for heading in (
        "Bericht an den Ausschuss für Soziales, Arbeit, Gesundheit und Senioren",
        "Zusammenfassung",
        "Die Programme",
        "Ehrenamtliche nach Programm",
        "Anfragen nach Stadtbezirk",
        "Beendete Tandems nach Grund",
        "Wartende Anfragen am Ende jedes Monats",
        "Angebot und Nachfrage",
        "Hinweise zu den Zahlen",
    ):
        assert heading in flat, heading
    assert "Zeitraum: 01.01.2026 bis 30.06.2026" in flat
    assert "< 5" in flat
    # Tagged for screen readers, in German, with a title.
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "de"
    assert "/StructTreeRoot" in root
    assert reader.metadata.title.startswith("Bericht an den Ausschuss")


def _programme_id(code: str) -> int:
    return db.session.scalar(select(Programme.id).where(Programme.code == code))


def _department_id(code: str) -> int:
    from mentoring.models import Department

    return db.session.scalar(select(Department.id).where(Department.code == code))


@pytest.fixture
def fb43_client(client):
    login(client, make_staff(email="fb43@example.org", departments=("fb43",)))
    return client


def test_coordinator_sees_only_their_departments(fb43_client):
    page = _text(fb43_client.get("/dashboard/berichte/", query_string=PERIOD))
    assert '<th scope="row">Familienpaten</th>' in page
    assert "Ausbildungspaten" not in page
    # Only Familienpaten's tandems: T2 and T5 began in the period.
    assert re.search(r'<span class="figure">2</span>\s*Tandems haben im Zeitraum begonnen', page)
    csv_text = fb43_client.get("/dashboard/berichte/statistik.csv", query_string=PERIOD).get_data(
        as_text=True
    )
    assert "Familienpaten" in csv_text and "Ausbildungspaten" not in csv_text


@pytest.mark.parametrize(
    "url",
    [
        "/dashboard/berichte/",
        "/dashboard/berichte/ausschuss",
        "/dashboard/berichte/ausschuss.pdf",
        "/dashboard/berichte/statistik.csv",
    ],
)
def test_other_departments_programme_or_department_is_not_found(fb43_client, url):
    other_programme = _programme_id("ausbildungspaten")
    assert fb43_client.get(url, query_string={"programm": other_programme}).status_code == 404
    assert fb43_client.get(url, query_string={"bereich": _department_id("fb41")}).status_code == 404
    assert fb43_client.get(url, query_string={"programm": "x"}).status_code == 404


def test_admin_filters_by_programme_and_department(admin_client):
    page = _text(
        admin_client.get(
            "/dashboard/berichte/",
            query_string={**PERIOD, "programm": _programme_id("ausbildungspaten")},
        )
    )
    assert '<th scope="row">Ausbildungspaten</th>' in page
    assert '<th scope="row">Familienpaten</th>' not in page
    page = _text(
        admin_client.get(
            "/dashboard/berichte/", query_string={**PERIOD, "bereich": _department_id("fb43")}
        )
    )
    assert '<th scope="row">Familienpaten</th>' in page
    assert '<th scope="row">Ausbildungspaten</th>' not in page
    # The download links keep the filter.
    assert f"bereich={_department_id('fb43')}" in page


def test_download_with_a_wrong_period_goes_back_to_the_form(admin_client):
    response = admin_client.get(
        "/dashboard/berichte/statistik.csv", query_string={"von": "2026-06-30", "bis": "2026-01-01"}
    )
    assert response.status_code == 302
    assert "/dashboard/berichte/?von=2026-06-30" in response.headers["Location"]


def test_period_longer_than_five_years_is_refused(admin_client):
    page = _text(
        admin_client.get(
            "/dashboard/berichte/", query_string={"von": "2015-01-01", "bis": "2026-01-01"}
        )
    )
    assert "Der Zeitraum darf höchstens fünf Jahre lang sein." in page


def test_german_dates_are_accepted(admin_client):
    page = _text(
        admin_client.get(
            "/dashboard/berichte/", query_string={"von": "01.01.2026", "bis": "30.06.2026"}
        )
    )
    assert "Zeitraum 01.01.2026 bis 30.06.2026." in page


def test_staff_navigation_links_the_statistics(admin_client):
    page = _text(admin_client.get("/dashboard/"))
    assert 'href="/dashboard/berichte/"' in page
