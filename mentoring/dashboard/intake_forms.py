"""Forms of the intake pages: list filters, screening steps, merges and the CSV import."""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateField, HiddenField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from mentoring.forms import BaseForm
from mentoring.models import District, Programme, RequestStatus, VolunteerStatus

VOLUNTEER_STATUS_LABELS = {
    VolunteerStatus.NEW: _l("neu"),
    VolunteerStatus.SCREENING: _l("in Prüfung"),
    VolunteerStatus.READY: _l("bereit"),
    VolunteerStatus.ACTIVE: _l("aktiv"),
    VolunteerStatus.PAUSED: _l("pausiert"),
    VolunteerStatus.WITHDRAWN: _l("zurückgezogen"),
}
REQUEST_STATUS_LABELS = {
    RequestStatus.NEW: _l("neu"),
    RequestStatus.OPEN: _l("geprüft"),
    RequestStatus.MATCHED: _l("vermittelt"),
    RequestStatus.CLOSED: _l("abgeschlossen"),
    RequestStatus.WITHDRAWN: _l("zurückgezogen"),
}
WAITING_CHOICES = [
    ("", _l("egal")),
    ("30", _l("mehr als 30 Tage")),
    ("90", _l("mehr als 90 Tage")),
    ("180", _l("mehr als 180 Tage")),
]
SORT_CHOICES = [("", _l("am längsten wartend zuerst")), ("new", _l("neueste zuerst"))]


class GermanDateField(DateField):
    """A date field (browser date picker or typed as 14.03.2026) with a plain German error."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, format=["%Y-%m-%d", "%d.%m.%Y"], **kwargs)

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(
                _l("Bitte geben Sie ein Datum ein, zum Beispiel 14.03.2026.")
            ) from None


def not_in_future(form, field):
    if field.data is not None and field.data > date.today():
        raise ValidationError(_l("Das Datum darf nicht in der Zukunft liegen."))


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
    sort = SelectField(_l("Reihenfolge"), choices=SORT_CHOICES, default="")

    def fill_choices(
        self, programmes: list[Programme], districts: list[District], statuses: dict
    ) -> None:
        self.programme.choices = [("", _l("alle"))] + [(str(p.id), p.name) for p in programmes]
        self.district.choices = [("", _l("alle"))] + [(str(d.id), d.name) for d in districts]
        self.status.choices = [("", _l("alle"))] + [
            (s.value, label) for s, label in statuses.items()
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
        default=date.today,
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
    other = HiddenField(validators=[DataRequired()])


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
    payload = HiddenField(validators=[DataRequired()])
