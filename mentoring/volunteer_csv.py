"""Read volunteer lists from CSV files into rows of named cells; pure, no database."""

import csv
import io
from dataclasses import dataclass, field

from flask_babel import gettext as _

from mentoring.exceptions import OperationError

MAX_ROWS = 5000
# Longest cell: far above any column (the form checks each one's own length), far below
# the csv module's field limit (131,072 characters), which it reports as csv.Error.
MAX_CELL_CHARS = 1000
# Column header (as written in the file) → form field. Order = order of the template file.
COLUMNS = {
    "Vorname": "first_name",
    "Nachname": "last_name",
    "E-Mail": "email",
    "Telefon": "phone",
    "Geburtsjahr": "birth_year",
    "Postleitzahl": "postal_code",
    "Stadtteil": "place",
    "Programme": "programmes",
    "Sprachen": "languages",
    "Kapazität": "capacity",
    "Verfügbarkeit": "availability",
    "Beruf": "occupation",
}
REQUIRED_COLUMNS = (
    "Vorname",
    "Nachname",
    "E-Mail",
    "Geburtsjahr",
    "Postleitzahl",
    "Stadtteil",
    "Programme",
    "Sprachen",
)
LABEL_OF_FIELD = {name: label for label, name in COLUMNS.items()}
EXAMPLE_ROW = {
    "Vorname": "Gisela",
    "Nachname": "Kowalski",
    "E-Mail": "gisela.kowalski@example.org",
    "Telefon": "02323 123456",
    "Geburtsjahr": "1956",
    "Postleitzahl": "44651",
    "Stadtteil": "Eickel",
    "Programme": "Ausbildungspaten",
    "Sprachen": "Deutsch|Polnisch",
    "Kapazität": "2",
    "Verfügbarkeit": "Di nachmittags|Do vormittags",
    "Beruf": "Industriekauffrau",
}
DAYS = {
    "mo": "mon",
    "montag": "mon",
    "di": "tue",
    "dienstag": "tue",
    "mi": "wed",
    "mittwoch": "wed",
    "do": "thu",
    "donnerstag": "thu",
    "fr": "fri",
    "freitag": "fri",
    "sa": "sat",
    "samstag": "sat",
    "so": "sun",
    "sonntag": "sun",
}
PARTS = {
    "vormittags": "morning",
    "vormittag": "morning",
    "morgens": "morning",
    "nachmittags": "afternoon",
    "nachmittag": "afternoon",
    "abends": "evening",
    "abend": "evening",
}


@dataclass(frozen=True)
class RowError:
    row: int  # line in the file (the header is line 1); 0 for the file as a whole
    column: str
    message: str


@dataclass
class ImportRow:
    row: int
    cells: dict[str, str]
    values: dict = field(default_factory=dict)  # checked values for register, when valid


@dataclass
class ImportCheck:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    delimiter: str = ";"

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors

    def errors_of(self, row: int) -> list[RowError]:
        return [e for e in self.errors if e.row == row]


def decode_upload(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Excel's Windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        raise OperationError(
            _(
                "Die Zeichen der Datei können wir nicht lesen. Bitte speichern Sie sie als "
                "„CSV UTF-8“ oder „CSV (Trennzeichen-getrennt)“."
            )
        ) from None


def template_csv() -> str:
    """A template in Excel's German style: semicolons; the caller adds a BOM for Excel."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow([EXAMPLE_ROW[c] for c in COLUMNS])
    return out.getvalue()


def _delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first_line, delimiters=";,").delimiter
    except csv.Error:
        return ";" if first_line.count(";") >= first_line.count(",") else ","


def read_rows(csv_text: str) -> tuple[ImportCheck, bool]:
    """The rows of named cells, with the file's errors; False if it cannot be read to its end."""
    delimiter = _delimiter(csv_text)
    result = ImportCheck(delimiter=delimiter)
    reader = csv.reader(io.StringIO(csv_text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        result.errors.append(RowError(0, "", _("Die Datei ist leer.")))
        return result, False
    columns = _columns(header, result)
    if result.errors:
        return result, False
    while True:
        try:
            cells = next(reader, None)
        except csv.Error:  # a cell beyond the csv module's field limit, or a broken quote
            result.errors.append(
                RowError(
                    reader.line_num,
                    "",
                    _(
                        "Diese Zeile können wir nicht lesen: ein Eintrag ist viel zu lang "
                        "oder ein Anführungszeichen fehlt."
                    ),
                )
            )
            return result, False
        if cells is None:
            break
        if not any(c.strip() for c in cells):
            continue
        if len(result.rows) >= MAX_ROWS:
            result.errors.append(
                RowError(
                    0,
                    "",
                    _(
                        "Die Datei hat mehr als %(max)d Zeilen. Bitte teilen Sie sie auf.",
                        max=MAX_ROWS,
                    ),
                )
            )
            return result, False
        row = ImportRow(
            reader.line_num,
            {label: (cells[i].strip() if i < len(cells) else "") for label, i in columns.items()},
        )
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            result.errors.append(
                RowError(
                    row.row,
                    "",
                    _(
                        "Die Zeile hat mehr Spalten als die Kopfzeile. "
                        "Steht ein Trennzeichen im Text?"
                    ),
                )
            )
        result.errors.extend(_unreadable_cells(row))
        result.rows.append(row)
    if not result.rows:
        result.errors.append(RowError(0, "", _("Die Datei enthält keine Personen.")))
        return result, False
    return result, True


def _unreadable_cells(row: ImportRow) -> list[RowError]:
    """Cells with a NUL byte or far longer than any column: reported, never stored."""
    errors = []
    for label, value in row.cells.items():
        if "\x00" in value:
            errors.append(
                RowError(row.row, label, _("Der Eintrag enthält ein unzulässiges Zeichen (NUL)."))
            )
        elif len(value) > MAX_CELL_CHARS:
            errors.append(
                RowError(
                    row.row,
                    label,
                    _("Der Eintrag ist zu lang (höchstens %(max)d Zeichen).", max=MAX_CELL_CHARS),
                )
            )
    return errors


def _columns(header: list[str], result: ImportCheck) -> dict[str, int]:
    known = {label.casefold(): label for label in COLUMNS}
    columns: dict[str, int] = {}
    for i, raw in enumerate(header):
        name = raw.strip().lstrip("\ufeff")
        label = known.get(name.casefold())
        if label is None:
            if name:
                result.errors.append(
                    RowError(
                        1,
                        name,
                        _(
                            "Diese Spalte kennen wir nicht. Bitte entfernen Sie sie: "
                            "übernommen werden nur die beschriebenen Angaben."
                        ),
                    )
                )
            continue
        if label in columns:
            result.errors.append(RowError(1, label, _("Diese Spalte kommt zweimal vor.")))
        columns[label] = i
    for label in REQUIRED_COLUMNS:
        if label not in columns:
            result.errors.append(RowError(1, label, _("Diese Spalte fehlt.")))
    return columns


def split_list(value: str) -> list[str]:
    return [part.strip() for part in value.replace(",", "|").split("|") if part.strip()]


def parse_slot(token: str) -> str | None:
    words = token.replace(".", " ").casefold().split()
    if len(words) != 2 or words[0] not in DAYS or words[1] not in PARTS:
        return None
    return f"{DAYS[words[0]]}-{PARTS[words[1]]}"
