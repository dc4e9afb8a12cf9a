"""Forms of the intake pages: list filters, screening steps, merges and the CSV import."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from mentoring import clock
from mentoring.forms import BaseForm, GermanDateField, MaxLength, not_in_future
from mentoring.models import District, Programme

WAITING_CHOICES = [
    ("", _l("egal")),
    ("30", _l("mehr als 30 Tage")),
    ("90", _l("mehr als 90 Tage")),
    ("180", _l("mehr als 180 Tage")),
]
SORT_CHOICES = [("", _l("am längsten wartend zuerst")), ("new", _l("neueste zuerst"))]


IMPORT_MAX_BYTES = 2 * 1024 * 1024  # a CSV file (config IMPORT_MAX_BYTES may change it)


class _FilterForm(BaseForm):
    """Filters arrive as GET parameters; bad values are shown as errors and ignored."""

    class Meta:
        csrf = False

    q = StringField(
        _l("Suche (Name, E-Mail-Adresse oder Kennung)"), validators=[Optional(), Length(max=100)]
    )
    programme = SelectField(_l("Programm"), default="", validate_choice=True)
    district = SelectField(_l("Stadtbezirk"), default="")
    status = SelectField(_l("Status"), default="")
    waiting = SelectField(_l("Wartezeit"), choices=WAITING_CHOICES, default="")
    duplicates = BooleanField(_l("Nur mögliche Doppeleinträge"))
    uncontacted = BooleanField(_l("Nur neu eingegangen, noch nicht kontaktiert"))
    sort = SelectField(_l("Reihenfolge"), choices=SORT_CHOICES, default="")

    def fill_choices(
        self, programmes: list[Programme], districts: list[District], statuses: dict
    ) -> None:
        self.programme.choices = [("", _l("alle"))] + [(str(p.id), p.name) for p in programmes]
        self.district.choices = [("", _l("alle"))] + [(str(d.id), d.name) for d in districts]
        self.status.choices = [("", _l("alle"))] + [
            (getattr(s, "value", s), label) for s, label in statuses.items()
        ]

    def valid_value(self, name: str):
        """The field's value if it passed validation, else None (an unknown id filters nothing)."""
        field = self[name]
        return field.data if field.data and not field.errors else None


class VolunteerFilterForm(_FilterForm):
    pass


class RequestFilterForm(_FilterForm):
    q = StringField(
        _l("Suche (Name, E-Mail-Adresse, Einrichtung oder Kennung)"),
        validators=[Optional(), Length(max=100)],
    )


class InterviewForm(BaseForm):
    interview_on = GermanDateField(
        _l("Datum des Erstgesprächs"),
        validators=[
            InputRequired(_l("Bitte geben Sie das Datum des Gesprächs ein.")),
            not_in_future,
        ],
    )


class TrainingForm(BaseForm):
    training_on = GermanDateField(
        _l("Datum der Einführungsschulung"),
        validators=[
            InputRequired(_l("Bitte geben Sie das Datum der Schulung ein.")),
            not_in_future,
        ],
    )


class PoliceCheckForm(BaseForm):
    """§72a SGB VIII: only the facts of the inspection; there is deliberately no upload."""

    issue_date = GermanDateField(
        _l("Ausstellungsdatum des Führungszeugnisses"),
        description=_l(
            "Das Führungszeugnis darf bei der Einsichtnahme höchstens 3 Monate alt sein."
        ),
        validators=[InputRequired(_l("Bitte geben Sie das Ausstellungsdatum ein.")), not_in_future],
    )
    inspected_on = GermanDateField(
        _l("Tag der Einsichtnahme"),
        default=clock.today,
        validators=[
            InputRequired(_l("Bitte geben Sie den Tag der Einsichtnahme ein.")),
            not_in_future,
        ],
    )
    conviction_listed = RadioField(
        _l("Ist eine einschlägige Verurteilung eingetragen?"),
        choices=[("no", _l("Nein")), ("yes", _l("Ja"))],
        validators=[DataRequired(_l("Bitte wählen Sie Ja oder Nein."))],
    )


class ActionForm(BaseForm):
    """A button that changes something: only the CSRF token."""


class MergeForm(BaseForm):
    other = HiddenField(validators=[MaxLength(10), DataRequired()])  # an id: at most 10 digits


class ImportUploadForm(BaseForm):
    csv_file = FileField(
        _l("CSV-Datei"),
        description=_l(
            "Höchstens 2 MB. Trennzeichen Semikolon oder Komma; UTF-8 oder "
            "Excel-Format (Windows-1252)."
        ),
        validators=[FileRequired(_l("Bitte wählen Sie eine CSV-Datei aus."))],
    )


class ImportConfirmForm(BaseForm):
    # The signed file text; the confirmation's request limit is twice the file limit.
    payload = HiddenField(validators=[MaxLength(2 * IMPORT_MAX_BYTES), DataRequired()])
