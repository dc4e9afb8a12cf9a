"""Volunteer lists with cells no column can hold: row errors, never a server error."""

from mentoring.operations.volunteer_import import check_import
from mentoring.volunteer_csv import MAX_CELL_CHARS, read_rows
from tests.support.factories import make_staff

HEADER = (
    "Vorname;Nachname;E-Mail;Telefon;Geburtsjahr;Postleitzahl;Stadtteil;Programme;Sprachen;"
    "Kapazität;Verfügbarkeit;Beruf"
)
GOOD = "Jürgen;Bäcker;juergen@example.org;;1955;44651;Eickel;Ausbildungspaten;Deutsch;2;;"


def csv_text(*rows) -> str:
    return "\r\n".join([HEADER, *rows]) + "\r\n"


def test_a_cell_beyond_the_csv_field_limit_is_a_row_error():
    huge = "x" * 131_073
    checked, whole = read_rows(csv_text(GOOD, f"{huge};B;b@example.org;;1955;44651;Eickel;x;de;;;"))
    assert not whole
    assert [(e.row, e.column) for e in checked.errors] == [(3, "")]
    assert "ein Eintrag ist viel zu lang" in checked.errors[0].message


def test_nul_bytes_and_oversized_cells_are_named_by_row_and_column(app):
    staff = make_staff()
    long_place = "E" * (MAX_CELL_CHARS + 1)
    text = csv_text(
        GOOD,
        "Gi\x00sela;Kowalski;gisela@example.org;;1956;44651;Eickel;Ausbildungspaten;Deutsch;;;",
        f"Anna;Berg;anna@example.org;;1956;44651;{long_place};Ausbildungspaten;Deutsch;;;",
        "Olaf;Lang;olaf@example.org;;1956;44651;Eickel;Ausbildungspaten;Deutsch;;;" + "B" * 121,
    )
    checked = check_import(csv_text=text, staff=staff)
    found = {(e.row, e.column): e.message for e in checked.errors}
    assert found[(3, "Vorname")] == "Der Eintrag enthält ein unzulässiges Zeichen (NUL)."
    assert (
        found[(4, "Stadtteil")] == f"Der Eintrag ist zu lang (höchstens {MAX_CELL_CHARS} Zeichen)."
    )
    assert "120" in found[(5, "Beruf")]  # the column's own bound, from the sign-up form
    assert sorted(found) == [(3, "Vorname"), (4, "Stadtteil"), (5, "Beruf")]  # each said once
    assert not checked.ok


def test_nul_bytes_in_the_header_or_anywhere_never_crash(app):
    staff = make_staff()
    for text in (
        "\x00\x00\x00",
        HEADER + "\x00\r\n" + GOOD,
        csv_text('"unterminated;' + "x" * 200_000),
    ):
        checked = check_import(csv_text=text, staff=staff)
        assert not checked.ok
