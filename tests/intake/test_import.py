"""CSV import of volunteer lists: encodings, delimiters, per-row errors, all or nothing."""

import io

import pytest
from sqlalchemy import func, select

from mentoring import availability
from mentoring.extensions import db
from mentoring.models import AuditEntry, ConsentRecord, Volunteer
from mentoring.operations import OperationError
from mentoring.operations.volunteer_import import check_import, import_volunteers
from mentoring.volunteer_csv import decode_upload
from tests.support.factories import make_volunteer
from tests.support.forms import csrf_token

HEADER = (
    "Vorname;Nachname;E-Mail;Telefon;Geburtsjahr;Postleitzahl;Stadtteil;Programme;Sprachen;"
    "Kapazität;Verfügbarkeit;Beruf"
)
GOOD_ROWS = [
    "Jürgen;Bäcker;juergen.baecker@example.org;02323 4711;1955;44651;Eickel;Ausbildungspaten;"
    "Deutsch|Türkisch;2;Mo nachmittags|Do vormittags;Elektriker",
    "Özlem;Şahin;oezlem@example.org;;1960;44623;herne-mitte;ausbildungspaten;de;;;",
]


def csv_text(*rows, header=HEADER) -> str:
    return "\r\n".join([header, *rows]) + "\r\n"


def upload(client, data: bytes, filename="liste.csv"):
    page = client.get("/dashboard/import").get_data(as_text=True)
    return client.post(
        "/dashboard/import",
        data={"csrf_token": csrf_token(page), "csv_file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def count(model=Volunteer) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings_are_recognised(encoding):
    raw = csv_text(*GOOD_ROWS[:1]).replace("Şahin", "Sahin").encode(encoding)
    assert "Jürgen;Bäcker" in decode_upload(raw)


def test_undecodable_bytes_are_refused():
    with pytest.raises(OperationError):
        decode_upload(b"Vorname\n\x81\x8d\x8f\x90\x9d")


def test_whole_flow_preview_then_confirm(client_a, coordinator_a, app):
    response = upload(client_a, csv_text(*GOOD_ROWS).encode("utf-8-sig"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "2 Personen können übernommen werden" in page
    assert count() == 0  # the preview writes nothing
    confirmed = client_a.post(
        "/dashboard/import/bestaetigen",
        data={
            "csrf_token": csrf_token(page),
            "payload": page.split('name="payload" type="hidden" value="')[1].split('"')[0],
        },
        follow_redirects=True,
    )
    assert "2 Personen wurden übernommen." in confirmed.get_data(as_text=True)
    juergen = db.session.scalar(select(Volunteer).where(Volunteer.last_name == "Bäcker"))
    assert juergen.email == "juergen.baecker@example.org"
    assert [lang.code for lang in juergen.languages] == ["de", "tr"]
    assert availability.decode(juergen.availability) == ["mon-afternoon", "thu-morning"]
    assert juergen.capacity == 2 and juergen.place.code == "eickel"
    consent = db.session.scalar(
        select(ConsentRecord).where(ConsentRecord.volunteer_id == juergen.id)
    )
    assert (
        consent.purpose,
        consent.given_by_role,
        consent.given_by_name,
        consent.text_version,
    ) == ("import", "staff", "Übernahme durch Anna Abteilung-A", "2026-11-01")
    assert (
        db.session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "import")
        )
        == 2
    )


def test_excel_windows_1252_with_semicolons(client_a, app):
    text = csv_text(GOOD_ROWS[0])
    page = upload(client_a, text.encode("cp1252")).get_data(as_text=True)
    assert "1 Person kann übernommen werden" in page and "Bäcker" in page


def test_comma_delimited_with_quoted_lists(app, coordinator_a):
    text = (
        "Vorname,Nachname,E-Mail,Geburtsjahr,Postleitzahl,Stadtteil,Programme,Sprachen\n"
        'Karl,Kumpel,karl@example.org,1950,44649,Wanne,"Ausbildungspaten",'
        '"Deutsch, Polnisch"\n'
    )
    checked = check_import(csv_text=text, staff=coordinator_a)
    assert checked.delimiter == ","
    assert checked.ok, checked.errors
    assert checked.rows[0].values["language_codes"] == ["de", "pl"]


def test_row_errors_name_row_column_and_reason(client_a, coordinator_a, app):
    make_volunteer(email="schon.da@example.org")
    rows = [
        GOOD_ROWS[0],
        ";Ohnevorname;x@example.org;;1955;44651;Eickel;Ausbildungspaten;de;;;",
        "Anna;Alt;keine-adresse;;1890;12345;Bochum;Familienpaten;Klingonisch;7;Mo morgen;",
        "Jürgen;Zwei;JUERGEN.BAECKER@example.org;;1955;44651;Eickel;Ausbildungspaten;de;;;",
        "Gerd;Da;schon.da@example.org;abc;2015;44651;Eickel;Ausbildungspaten;de;;;",
    ]
    checked = check_import(csv_text=csv_text(*rows), staff=coordinator_a)
    assert not checked.ok
    found = {(e.row, e.column) for e in checked.errors}
    assert (3, "Vorname") in found
    for column in (
        "E-Mail",
        "Geburtsjahr",
        "Postleitzahl",
        "Stadtteil",
        "Programme",
        "Sprachen",
        "Kapazität",
        "Verfügbarkeit",
    ):
        assert (4, column) in found, column
    assert (5, "E-Mail") in found  # same address as row 2 (case-insensitive)
    assert {(6, "E-Mail"), (6, "Telefon"), (6, "Geburtsjahr")} <= found
    messages = " ".join(e.message for e in checked.errors)
    assert "steht schon in Zeile 2" in messages
    assert "„Familienpaten“ ist keines Ihrer Programme." in messages
    assert "Herne" in messages
    # Validation by the sign-up form's validators, in German.
    assert "mindestens 18 Jahre" in messages


def test_nothing_is_imported_when_one_row_fails(client_a, coordinator_a, app):
    text = csv_text(
        GOOD_ROWS[0], "Anna;Alt;a@example.org;;1955;99999;Eickel;Ausbildungspaten;de;;;"
    )
    page = upload(client_a, text.encode()).get_data(as_text=True)
    assert "Es wurde niemand übernommen" in page
    assert 'name="payload"' not in page
    with pytest.raises(OperationError):
        import_volunteers(csv_text=text, staff=coordinator_a)
    assert count() == 0


def test_confirm_rechecks_and_is_all_or_nothing(client_a, coordinator_a, app):
    page = upload(client_a, csv_text(*GOOD_ROWS).encode()).get_data(as_text=True)
    payload = page.split('name="payload" type="hidden" value="')[1].split('"')[0]
    make_volunteer(email="oezlem@example.org")  # someone registered meanwhile
    response = client_a.post(
        "/dashboard/import/bestaetigen", data={"csrf_token": csrf_token(page), "payload": payload}
    )
    assert "Es wurde niemand übernommen" in response.get_data(as_text=True)
    assert count() == 1


def test_tampered_payload_is_refused(client_a, app):
    page = upload(client_a, csv_text(*GOOD_ROWS).encode()).get_data(as_text=True)
    payload = page.split('name="payload" type="hidden" value="')[1].split('"')[0]
    response = client_a.post(
        "/dashboard/import/bestaetigen",
        data={"csrf_token": csrf_token(page), "payload": payload[:-3] + "xyz"},
        follow_redirects=True,
    )
    assert "Bitte laden Sie die Datei noch einmal hoch" in response.get_data(as_text=True)
    assert count() == 0


def test_file_level_errors(app, coordinator_a):
    unknown = check_import(csv_text="Vorname;Nachname;Notizen\nA;B;krank\n", staff=coordinator_a)
    columns = {e.column for e in unknown.errors}
    assert "Notizen" in columns and "E-Mail" in columns and not unknown.rows
    assert not check_import(csv_text="", staff=coordinator_a).ok
    assert (
        check_import(csv_text=HEADER + "\n", staff=coordinator_a).errors[0].message
        == "Die Datei enthält keine Personen."
    )


def test_upload_without_file_and_too_large_file(client_a, app):
    page = client_a.get("/dashboard/import").get_data(as_text=True)
    response = client_a.post("/dashboard/import", data={"csrf_token": csrf_token(page)})
    assert "Bitte wählen Sie eine CSV-Datei aus." in response.get_data(as_text=True)
    app.config["IMPORT_MAX_BYTES"] = 2000  # small, so the test body stays in memory
    slightly_big = upload(client_a, b"x" * 2500)  # within the request limit, over the file limit
    assert "Die Datei ist zu groß" in slightly_big.get_data(as_text=True)
    big = upload(client_a, b"x" * 5000)
    assert big.status_code == 413
    assert "Die Datei ist zu groß" in big.get_data(as_text=True)


def test_template_download_round_trips(client_a, coordinator_a, app):
    response = client_a.get("/dashboard/import/vorlage.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")
    checked = check_import(csv_text=decode_upload(raw), staff=coordinator_a)
    assert checked.ok, checked.errors


def test_import_page_documents_the_columns(client_a, app):
    page = client_a.get("/dashboard/import").get_data(as_text=True)
    for column in ("Vorname", "Postleitzahl", "Verfügbarkeit", "Kapazität"):
        assert f'<th scope="row">{column}</th>' in page
