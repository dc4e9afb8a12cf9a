"""The papers of a tandem: the Vermittlungsbogen shows only the agreed contact data, the
Patenschaftsvereinbarung the programme's rules, the Nachweis the volunteer's hours."""

import io
from datetime import UTC, datetime, timedelta

from pypdf import PdfReader
from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import AuditEntry, TandemIntroduction
from tests.support.factories import (
    make_hours,
    make_request,
    make_staff,
    make_tandem,
    make_volunteer,
    today,
)
from tests.support.forms import post_form
from tests.support.login import login


def _pdf_text(response) -> str:
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    reader = PdfReader(io.BytesIO(response.get_data()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split())  # line breaks of the layout do not matter


def _pair(programme_code="ausbildungspaten"):
    volunteer = make_volunteer(
        first_name="Gisbert",
        last_name="Quellenhoff",
        email="gisbert.quellenhoff@example.org",
        phone="02323 778899",
        programmes=(programme_code,),
    )
    request_row = make_request(
        programme_code=programme_code,
        person_first_name="Denizhan",
        contact_last_name="Brackwede",
        contact_email="s.brackwede@schule.example.org",
        contact_phone="02325 445566",
    )
    tandem = make_tandem(
        volunteer,
        request_row,
        first_meeting_days_ago=70,
        created_at=datetime.now(UTC) - timedelta(days=75),
    )
    return volunteer, request_row, tandem


def _save(client, tandem_id, **data):
    answers = {
        "meeting_place": "Ehrenamtsbüro, Rathaus Herne, Raum 112",
        "meeting_on": "03.12.2026",
        "meeting_time": "15.30",
        "rhythm": "wöchentlich, 2 Stunden",
        "coordinator_phone": "02323 16-1234",
        **data,
    }
    return post_form(client, f"/dashboard/tandems/{tandem_id}/kennenlernen", answers)


def test_vermittlungsbogen_shows_only_what_each_side_agreed_to_share(client):
    login(client, make_staff(name="Karla Koordination", email="karla.k@herne.example"))
    volunteer, request_row, tandem = _pair()
    response = _save(
        client, tandem.id, volunteer_shares=["phone"], request_shares=["name", "email"]
    )
    assert response.status_code == 302
    row = db.session.scalar(select(TandemIntroduction))
    assert row.volunteer_shares == ["phone"] and row.request_shares == ["name", "email"]

    text = _pdf_text(client.get(f"/dashboard/tandems/{tandem.id}/vermittlungsbogen.pdf"))
    assert "Vermittlungsbogen" in text
    assert "Gisbert" in text and "Denizhan" in text  # first names always
    assert "02323 778899" in text  # the volunteer shares the phone …
    assert "Quellenhoff" not in text  # … but not the surname
    assert "gisbert.quellenhoff@example.org" not in text  # … nor the e-mail
    assert "Brackwede" in text and "s.brackwede@schule.example.org" in text
    assert "02325 445566" not in text  # the request side did not share the phone
    assert "44651" not in text and "44649" not in text  # nobody shared an address
    for expected in (
        "Ehrenamtsbüro, Rathaus Herne, Raum 112",
        "03.12.2026",
        "15:30 Uhr",
        "wöchentlich, 2 Stunden",
        "Karla Koordination",
        "karla.k@herne.example",
        "02323 16-1234",
    ):
        assert expected in text, expected


def test_sharing_everything_and_nothing(client):
    login(client, make_staff())
    volunteer, request_row, tandem = _pair()
    everything = ["name", "phone", "email", "address"]
    _save(client, tandem.id, volunteer_shares=everything, request_shares=everything)
    text = _pdf_text(client.get(f"/dashboard/tandems/{tandem.id}/vermittlungsbogen.pdf"))
    for value in ("Quellenhoff", "gisbert.quellenhoff@example.org", "44651 Herne", "Brackwede"):
        assert value in text, value
    _save(client, tandem.id)  # nothing ticked: the choice is taken back
    text = _pdf_text(client.get(f"/dashboard/tandems/{tandem.id}/vermittlungsbogen.pdf"))
    for value in ("Quellenhoff", "02323 778899", "gisbert.quellenhoff", "44651", "Brackwede"):
        assert value not in text, value


def test_bogen_before_anything_is_saved_has_first_names_only(client):
    login(client, make_staff())
    _volunteer, _request_row, tandem = _pair()
    page = client.get(f"/dashboard/tandems/{tandem.id}/kennenlernen").get_data(as_text=True)
    assert "Bitte speichern Sie zuerst die Angaben" in page
    text = _pdf_text(client.get(f"/dashboard/tandems/{tandem.id}/vermittlungsbogen.pdf"))
    assert "Gisbert" in text and "Quellenhoff" not in text and "wird noch vereinbart" in text


def test_introduction_is_audited_by_field_names(client):
    login(client, make_staff())
    _volunteer, _request_row, tandem = _pair()
    _save(client, tandem.id, volunteer_shares=["phone"])
    client.get(f"/dashboard/tandems/{tandem.id}/vermittlungsbogen.pdf")
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.subject_type == "tandem").order_by(AuditEntry.id)
    ).all()
    saved = next(e for e in entries if e.action == "introduction_saved")
    assert saved.subject_id == tandem.id
    assert "volunteer_shares" in saved.detail and "meeting_place" in saved.detail
    assert "Rathaus" not in saved.detail and "phone" not in saved.detail.replace(
        "coordinator_phone", ""
    ).replace("volunteer_shares", "")
    printed = [e.detail for e in entries if e.action == "document_printed"]
    assert printed == ["vermittlungsbogen"]


def test_bad_introduction_input_is_refused_in_german(client):
    login(client, make_staff())
    _volunteer, _request_row, tandem = _pair()
    response = _save(
        client,
        tandem.id,
        meeting_time="25:99",
        meeting_on="31.02.2026",
        coordinator_phone="ruf an",
        rhythm="x" * 121,
        volunteer_shares=["password"],
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    for message in (
        "Bitte geben Sie eine Uhrzeit ein",
        "Bitte geben Sie ein Datum ein",
        "Bitte geben Sie eine Telefonnummer ein",
        "höchstens 120 Zeichen",
    ):
        assert message in page, message
    assert db.session.scalar(select(TandemIntroduction)) is None


def test_agreement_has_names_rules_and_signature_lines(client):
    login(client, make_staff(name="Karla Koordination"))
    _volunteer, _request_row, tandem = _pair()
    _save(client, tandem.id, volunteer_shares=["name"], request_shares=[])
    text = _pdf_text(client.get(f"/dashboard/tandems/{tandem.id}/vereinbarung.pdf"))
    assert "Patenschaftsvereinbarung" in text
    assert "Gisbert Quellenhoff" in text and "Denizhan" in text
    for heading in (
        "Vertraulichkeit",
        "Kontakt zur Koordination",
        "Ende der Patenschaft",
        "Datenschutz",
        "Ehrenamtsversicherung der Stadt Herne",
        "Berufsorientierung",  # the Ausbildungspaten rule
    ):
        assert heading in text, heading
    assert "§ 72a" not in text  # no police certificate in this programme
    assert text.count("Unterschrift") >= 3
    assert "Karla Koordination (Koordination, Stadt Herne)" in text


def test_agreement_of_a_programme_with_minors_names_72a(client):
    login(client, make_staff(departments=("fb43",)))
    _volunteer, _request_row, tandem = _pair("familienpaten")
    text = _pdf_text(client.get(f"/dashboard/tandems/{tandem.id}/vereinbarung.pdf"))
    assert "§ 72a SGB VIII" in text and "erweitertes Führungszeugnis" in text
    assert "Babysitterin" in text  # the Familienpaten rule


def test_nachweis_shows_name_programme_period_and_hours(client):
    login(client, make_staff(name="Karla Koordination"))
    volunteer, _request_row, tandem = _pair()
    second = make_tandem(volunteer, make_request(person_first_name="Zweitkind"))
    this_month = today().replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    make_hours(tandem, last_month, "4.5")
    make_hours(tandem, this_month, "3")
    make_hours(second, this_month, "2")
    url = f"/dashboard/tandems/{tandem.id}/nachweis.pdf"
    text = _pdf_text(client.get(url, query_string={"monate": "y"}))
    assert "Nachweis über ehrenamtliches Engagement" in text
    assert "Gisbert Quellenhoff" in text
    assert "Ausbildungspaten" in text
    assert "9,5 Stunden" in text  # both tandems of the programme
    assert "4,5" in text and "Stunden je Monat" in text
    assert "Karla Koordination" in text and "Stadt Herne" in text
    assert "Denizhan" not in text and "Zweitkind" not in text  # the mentees stay private
    only_this = _pdf_text(client.get(url, query_string={"von": this_month.strftime("%m.%Y")}))
    assert "5 Stunden" in only_this and "Stunden je Monat" not in only_this


def test_nachweis_period_errors_and_empty_periods(client):
    login(client, make_staff())
    _volunteer, _request_row, tandem = _pair()
    make_hours(tandem, today(), "3")
    url = f"/dashboard/tandems/{tandem.id}/nachweis.pdf"
    response = client.get(url, query_string={"von": "05.2026", "bis": "01.2026"})
    assert response.status_code == 400
    assert "liegt vor dem Monat" in response.get_data(as_text=True)
    response = client.get(url, query_string={"von": "Mai"})
    assert response.status_code == 400
    response = client.get(url, query_string={"bis": "01.2001"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "keine Stunden eingetragen" in page


def test_other_department_gets_404_for_every_paper(client):
    _volunteer, _request_row, tandem = _pair()  # FB 41
    make_hours(tandem, today(), "3")
    login(client, make_staff(departments=("fb43",)))
    for path in ("kennenlernen", "vermittlungsbogen.pdf", "vereinbarung.pdf", "nachweis.pdf"):
        assert client.get(f"/dashboard/tandems/{tandem.id}/{path}").status_code == 404, path
