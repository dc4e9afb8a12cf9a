"""Import of volunteer lists that offices already keep (CSV from Excel or elsewhere).

Every row is checked with the public sign-up form's own validators; the import runs only when
every row is valid, and then in one transaction: a file is taken over completely or not at all.
"""

import csv
import io
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import MultiDict

from mentoring import audit, availability
from mentoring.access import visible_programmes
from mentoring.availability import SLOTS
from mentoring.extensions import db
from mentoring.models import ConsentRecord, Language, Place, Programme, StaffUser, Volunteer
from mentoring.operations import OperationError
from mentoring.operations.signup import new_reference
from mentoring.signup.forms import VolunteerForm

MAX_ROWS = 5000
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
_DAYS = {
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
_PARTS = {
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


def check_import(*, csv_text: str, staff: StaffUser) -> ImportCheck:
    """Read and check every row; nothing is written."""
    delimiter = _delimiter(csv_text)
    result = ImportCheck(delimiter=delimiter)
    reader = csv.reader(io.StringIO(csv_text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        result.errors.append(RowError(0, "", _("Die Datei ist leer.")))
        return result
    columns = _columns(header, result)
    if result.errors:
        return result
    for cells in reader:
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
            return result
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
        result.rows.append(row)
    if not result.rows:
        result.errors.append(RowError(0, "", _("Die Datei enthält keine Personen.")))
        return result
    _check_rows(result, staff)
    return result


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


class _Lookup:
    """Reference data for the whole file, loaded once."""

    def __init__(self, staff: StaffUser):
        self.programmes = {}
        for p in visible_programmes(staff):
            if p.active:
                self.programmes[p.code.casefold()] = p.id
                self.programmes[p.name.casefold()] = p.id
        self.places = {}
        for place in db.session.scalars(select(Place)):
            self.places[place.code.casefold()] = place.id
            self.places[place.name.casefold()] = place.id
        self.languages = {}
        for lang in db.session.scalars(select(Language)):
            self.languages[lang.code.casefold()] = lang.code
            self.languages[lang.name.casefold()] = lang.code
        form = VolunteerForm(formdata=None, meta={"csrf": False})
        form.fill_choices()
        self.choices = {
            name: form[name].choices
            for name in (
                "place",
                "languages",
                "availability",
                "programmes",
                "travel_places",
                "expertise",
                "career_fields",
            )
        }


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace(",", "|").split("|") if part.strip()]


def _check_rows(result: ImportCheck, staff: StaffUser) -> None:
    lookup = _Lookup(staff)
    seen: dict[str, int] = {}
    for row in result.rows:
        errors = _check_row(row, lookup)
        email = row.cells.get("E-Mail", "").casefold()
        if email and email in seen:
            errors.append(
                RowError(
                    row.row,
                    "E-Mail",
                    _("Diese E-Mail-Adresse steht schon in Zeile %(row)d.", row=seen[email]),
                )
            )
        elif email:
            seen[email] = row.row
        result.errors.extend(errors)
    stored = set()
    emails = list(seen)
    for start in range(0, len(emails), 500):
        stored.update(
            db.session.scalars(
                select(Volunteer.email).where(Volunteer.email.in_(emails[start : start + 500]))
            )
        )
    for row in result.rows:
        if row.cells.get("E-Mail", "").casefold() in stored:
            result.errors.append(
                RowError(
                    row.row, "E-Mail", _("Mit dieser E-Mail-Adresse ist schon jemand gespeichert.")
                )
            )


def _check_row(row: ImportRow, lookup: _Lookup) -> list[RowError]:
    """Translate the cells into sign-up form data and let the form's validators judge."""
    cells, errors = row.cells, []

    def refuse(column: str, message: str) -> None:
        errors.append(RowError(row.row, column, message))

    place_id = lookup.places.get(cells.get("Stadtteil", "").casefold())
    if cells.get("Stadtteil") and place_id is None:
        refuse("Stadtteil", _("Diesen Stadtteil von Herne kennen wir nicht."))
    programme_ids = []
    for name in _split(cells.get("Programme", "")):
        if name.casefold() in lookup.programmes:
            programme_ids.append(str(lookup.programmes[name.casefold()]))
        else:
            refuse("Programme", _("„%(name)s“ ist keines Ihrer Programme.", name=name))
    language_codes = []
    for name in _split(cells.get("Sprachen", "")):
        if name.casefold() in lookup.languages:
            language_codes.append(lookup.languages[name.casefold()])
        else:
            refuse("Sprachen", _("Die Sprache „%(name)s“ kennen wir nicht.", name=name))
    slots = []
    for token in _split(cells.get("Verfügbarkeit", "")):
        slot = _slot(token)
        if slot is None:
            refuse(
                "Verfügbarkeit",
                _(
                    "„%(text)s“ verstehen wir nicht. Schreiben Sie zum Beispiel „Mo nachmittags“.",
                    text=token,
                ),
            )
        else:
            slots.append(slot)
    capacity = cells.get("Kapazität", "") or "1"
    if capacity not in ("1", "2", "3"):
        refuse("Kapazität", _("Bitte 1, 2 oder 3 eintragen."))
        capacity = "1"
    own_checks = {e.column for e in errors}
    form = VolunteerForm(
        formdata=MultiDict(
            [
                ("first_name", cells.get("Vorname", "")),
                ("last_name", cells.get("Nachname", "")),
                ("email", cells.get("E-Mail", "")),
                ("phone", cells.get("Telefon", "")),
                ("birth_year", cells.get("Geburtsjahr", "")),
                ("postal_code", cells.get("Postleitzahl", "")),
                ("place", str(place_id or "")),
                ("capacity", capacity),
                ("occupation", cells.get("Beruf", "")),
                ("consent", "y"),
                *[("programmes", p) for p in programme_ids],
                *[("languages", code) for code in language_codes],
                *[("availability", slot) for slot in slots or [SLOTS[0]]],
            ]
        ),
        meta={"csrf": False},
    )
    for name, choices in lookup.choices.items():
        form[name].choices = choices
    if not form.validate():
        for name, messages in form.errors.items():
            label = LABEL_OF_FIELD.get(name, name)
            if label in own_checks:
                continue
            for message in messages:
                refuse(label, str(message))
    if not errors:
        row.values = {
            "first_name": form.first_name.data,
            "last_name": form.last_name.data,
            "email": form.email.data.lower(),
            "phone": form.phone.data or None,
            "birth_year": form.birth_year.data,
            "postal_code": form.postal_code.data,
            "place_id": place_id,
            "programme_ids": [int(p) for p in programme_ids],
            "language_codes": language_codes,
            "slots": slots,
            "capacity": int(capacity),
            "occupation": form.occupation.data or None,
        }
    return errors


def _slot(token: str) -> str | None:
    words = token.replace(".", " ").casefold().split()
    if len(words) != 2 or words[0] not in _DAYS or words[1] not in _PARTS:
        return None
    return f"{_DAYS[words[0]]}-{_PARTS[words[1]]}"


def import_volunteers(*, csv_text: str, staff: StaffUser) -> int:
    """Check again (the data may have changed since the preview) and store all rows or none."""
    checked = check_import(csv_text=csv_text, staff=staff)
    if not checked.ok:
        raise OperationError(_("Die Datei enthält Fehler. Es wurde niemand übernommen."))
    version = current_app.config["PRIVACY_TEXT_VERSION"]
    programmes = {p.id: p for p in db.session.scalars(select(Programme))}
    languages = {lang.code: lang for lang in db.session.scalars(select(Language))}
    volunteers = []
    for row in checked.rows:
        v = row.values
        volunteer = Volunteer(
            reference=new_reference("E"),
            first_name=v["first_name"],
            last_name=v["last_name"],
            email=v["email"],
            phone=v["phone"],
            birth_year=v["birth_year"],
            postal_code=v["postal_code"],
            place_id=v["place_id"],
            capacity=v["capacity"],
            availability=availability.encode(v["slots"]),
            occupation=v["occupation"],
            locale="de",
            programmes=[programmes[i] for i in dict.fromkeys(v["programme_ids"])],
            languages=[languages[c] for c in dict.fromkeys(v["language_codes"])],
        )
        volunteer.consents.append(
            ConsentRecord(
                purpose="import",
                text_version=version,
                given_by_role="staff",
                given_by_name=_("Übernahme durch %(name)s", name=staff.name),
                on_behalf_of="self",
            )
        )
        volunteers.append(volunteer)
    db.session.add_all(volunteers)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise OperationError(
            _(
                "Während der Übernahme wurde jemand mit derselben E-Mail-Adresse gespeichert. "
                "Es wurde niemand übernommen; bitte laden Sie die Datei noch einmal hoch."
            )
        ) from None
    for volunteer in volunteers:
        audit.record("import", "volunteer", volunteer.id, staff_id=staff.id)
    db.session.commit()
    return len(volunteers)
