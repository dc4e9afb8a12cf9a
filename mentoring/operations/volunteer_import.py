"""Import of volunteer lists that offices already keep (CSV from Excel or elsewhere).

Every row is checked with the public sign-up form's own fields and validators
(`mentoring.person_fields`); the import runs only when every row is valid, and then in one
transaction: a file is taken over completely or not at all. Reading the file is
`mentoring.volunteer_csv`.
"""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import MultiDict

from mentoring import audit, availability
from mentoring.access import visible_programmes
from mentoring.availability import SLOTS
from mentoring.extensions import db
from mentoring.models import (
    ConsentRecord,
    ContactChannel,
    Language,
    Place,
    Programme,
    StaffUser,
    Volunteer,
)
from mentoring.operations import OperationError
from mentoring.operations.signup import new_reference
from mentoring.person_fields import VolunteerFields

# The import page still reads these through this module; they live in mentoring.volunteer_csv.
from mentoring.volunteer_csv import (  # noqa: F401
    COLUMNS,
    EXAMPLE_ROW,
    LABEL_OF_FIELD,
    REQUIRED_COLUMNS,
    ImportCheck,
    ImportRow,
    RowError,
    decode_upload,
    parse_slot,
    read_rows,
    split_list,
    template_csv,
)


def check_import(*, csv_text: str, staff: StaffUser) -> ImportCheck:
    """Read and check every row; nothing is written."""
    result, whole = read_rows(csv_text)
    if whole:
        _check_rows(result, staff)
    return result


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
        form = VolunteerFields(formdata=None, meta={"csrf": False})
        form.fill_choices()
        self.choices = {
            name: form[name].choices
            for name in (
                "place",
                "languages",
                "availability",
                "programmes",
            )
        }


def _check_rows(result: ImportCheck, staff: StaffUser) -> None:
    lookup = _Lookup(staff)
    seen: dict[str, int] = {}
    reported = {(e.row, e.column) for e in result.errors}  # unreadable cells: said once
    for row in result.rows:
        errors = [e for e in _check_row(row, lookup) if (e.row, e.column) not in reported]
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
    """Translate the cells into sign-up fields and let the sign-up rules judge."""
    cells, errors = row.cells, []

    def refuse(column: str, message: str) -> None:
        errors.append(RowError(row.row, column, message))

    place_id = lookup.places.get(cells.get("Stadtteil", "").casefold())
    if cells.get("Stadtteil") and place_id is None:
        refuse("Stadtteil", _("Diesen Stadtteil von Herne kennen wir nicht."))
    programme_ids = []
    for name in split_list(cells.get("Programme", "")):
        if name.casefold() in lookup.programmes:
            programme_ids.append(str(lookup.programmes[name.casefold()]))
        else:
            refuse("Programme", _("„%(name)s“ ist keines Ihrer Programme.", name=name))
    language_codes = []
    for name in split_list(cells.get("Sprachen", "")):
        if name.casefold() in lookup.languages:
            language_codes.append(lookup.languages[name.casefold()])
        else:
            refuse("Sprachen", _("Die Sprache „%(name)s“ kennen wir nicht.", name=name))
    slots = []
    for token in split_list(cells.get("Verfügbarkeit", "")):
        slot = parse_slot(token)
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
    form = VolunteerFields(
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
                ("correspondence_language", "de"),
                # A list has no channel column: e-mail when there is an address, else phone.
                ("contact_channel", "email" if cells.get("E-Mail") else "phone"),
                *[("programmes", p) for p in programme_ids],
                *[("languages", code) for code in language_codes],
                *[("availability", slot) for slot in slots or [SLOTS[0]]],
            ]
        ),
        meta={"csrf": False},
    )
    for name, choices in lookup.choices.items():
        form[name].choices = choices
    form.correspondence_language.choices = [("de", "Deutsch")]
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
            "email": (form.email.data or "").lower() or None,
            "phone": form.phone.data or None,
            "contact_channel": form.contact_channel.data,
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
            contact_channel=ContactChannel(v["contact_channel"]),
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
