"""Forms of the account management (German only, like the whole staff area)."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from mentoring.forms import BaseForm, MultiCheckboxField, WholeNumberField
from mentoring.labels import LOCALE_LABELS, SCORE_PART_LABELS
from mentoring.models import StaffRole

ROLE_LABELS = {
    StaffRole.ADMIN: _l("Administration (alle Programme, Konten, Protokoll)"),
    StaffRole.COORDINATOR: _l("Koordination (nur die Programme der gewählten Fachbereiche)"),
}


class AccessForm(BaseForm):
    role = RadioField(
        _l("Rolle"),
        choices=[(role.value, label) for role, label in ROLE_LABELS.items()],
        validators=[DataRequired(_l("Bitte wählen Sie eine Rolle."))],
    )
    departments = MultiCheckboxField(
        _l("Fachbereiche"),
        description=_l("Koordinierende sehen nur die Programme dieser Fachbereiche."),
        choices=[],
    )

    def set_department_choices(self, departments) -> None:
        self.departments.choices = [(d.code, d.name) for d in departments]


class StaffForm(AccessForm):
    field_order = ("name", "email", "role", "departments")

    name = StringField(
        _l("Name"),
        validators=[DataRequired(_l("Bitte geben Sie den Namen ein.")), Length(max=160)],
    )
    email = EmailField(
        _l("Dienstliche E-Mail-Adresse"),
        validators=[
            DataRequired(_l("Bitte geben Sie die E-Mail-Adresse ein.")),
            Email(
                _l("Bitte geben Sie eine gültige E-Mail-Adresse ein."), check_deliverability=False
            ),
            Length(max=254),
        ],
    )


class ActionForm(BaseForm):
    """A button that changes something: only the CSRF token."""


# The languages besides German in which a programme's texts must exist before it goes public.
TRANSLATED_LOCALES = ("en", "ar", "uk", "tr")
LOCALE_NAMES = LOCALE_LABELS
WEIGHT_LABELS = SCORE_PART_LABELS
WEIGHT_MAX = 10
AGE = [Optional(), NumberRange(0, 99, _l("Bitte ein Alter von 0 bis 99 eingeben."))]


def parse_weight(text: str | None) -> float | None:
    """A weight as typed ("0,35" or "0.35"); None when empty; ValueError when not a number."""
    text = (text or "").strip().replace(",", ".")
    if not text:
        return None
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):  # NaN, infinity
        raise ValueError(text)
    return value


def weight_check(form, field):
    try:
        value = parse_weight(field.data)
    except ValueError:
        raise ValidationError(_l("Bitte geben Sie eine Zahl ein, zum Beispiel 0,2.")) from None
    if value is not None and not 0 <= value <= WEIGHT_MAX:
        raise ValidationError(
            _l("Bitte geben Sie eine Zahl von 0 bis %(max)d ein.", max=WEIGHT_MAX)
        )


class ProgrammeForm(BaseForm):
    """A programme's settings; the texts in the other four languages come with it."""

    name = StringField(
        _l("Name"),
        validators=[DataRequired(_l("Bitte geben Sie den Namen ein.")), Length(max=120)],
    )
    summary = TextAreaField(
        _l("Beschreibung: wer unterstützt wird"),
        validators=[DataRequired(_l("Bitte beschreiben Sie das Programm.")), Length(max=1000)],
    )
    volunteer_task = TextAreaField(
        _l("Aufgabe der Ehrenamtlichen (freiwillig)"), validators=[Optional(), Length(max=1000)]
    )
    active = RadioField(
        _l("Stand"),
        choices=[
            ("active", _l("aktiv: auf den öffentlichen Formularen")),
            ("planned", _l("geplant")),
        ],
        validators=[DataRequired(_l("Bitte wählen Sie, ob das Programm aktiv ist."))],
    )
    department = SelectField(
        _l("Zuständiger Fachbereich"),
        choices=[],
        validators=[DataRequired(_l("Bitte wählen Sie den Fachbereich."))],
    )
    min_age = WholeNumberField(_l("Alter der unterstützten Person: von"), validators=AGE)
    max_age = WholeNumberField(_l("bis"), validators=AGE)
    requires_police_certificate = BooleanField(
        _l("Erweitertes Führungszeugnis nötig (§ 72a SGB VIII)")
    )
    requires_shared_language = BooleanField(
        _l("Mindestens eine gemeinsame Sprache ist Pflicht"),
        description=_l("Ausschalten, wenn das Programm Dolmetschung organisiert."),
    )
    first_checkin_days = WholeNumberField(
        _l("Erstes Begleitgespräch: Tage nach dem ersten Treffen"),
        validators=[
            InputRequired(_l("Bitte geben Sie die Zahl der Tage ein.")),
            NumberRange(1, 365, _l("Bitte eine Zahl von 1 bis 365 eingeben.")),
        ],
    )
    checkin_interval_days = WholeNumberField(
        _l("Danach alle … Tage"),
        validators=[
            InputRequired(_l("Bitte geben Sie die Zahl der Tage ein.")),
            NumberRange(7, 365, _l("Bitte eine Zahl von 7 bis 365 eingeben.")),
        ],
    )

    def set_department_choices(self, departments) -> None:
        self.department.choices = [("", _l("Bitte wählen"))] + [
            (d.code, d.name) for d in departments
        ]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        low, high = self.min_age.data, self.max_age.data
        if low is not None and high is not None and low > high and not self.max_age.errors:
            self.max_age.errors.append(
                _l("Das Höchstalter darf nicht unter dem Mindestalter liegen.")
            )
            valid = False
        weights = [self.weight(part) for part in WEIGHT_LABELS]
        if all(w is not None for w in weights) and not any(w for w in weights):
            self.weight_expertise.errors.append(
                _l("Mindestens ein Gewicht muss größer als 0 sein.")
            )
            valid = False
        return valid

    def weight(self, part: str) -> float | None:
        field = self[f"weight_{part}"]
        if field.errors:
            return None
        try:
            return parse_weight(field.data)
        except ValueError:
            return None

    def weights(self) -> dict[str, float]:
        """The weights typed in; empty fields are left out (the engine's default applies)."""
        return {part: w for part in WEIGHT_LABELS if (w := self.weight(part)) is not None}

    def translations(self) -> dict[str, dict[str, str]]:
        return {
            locale: {
                field: self[f"{field}_{locale}"].data or ""
                for field in ("name", "summary", "volunteer_task")
            }
            for locale in TRANSLATED_LOCALES
        }


for _part, _label in WEIGHT_LABELS.items():
    setattr(
        ProgrammeForm,
        f"weight_{_part}",
        StringField(_label, validators=[Optional(), Length(max=12), weight_check]),
    )
for _locale in TRANSLATED_LOCALES:
    setattr(
        ProgrammeForm,
        f"name_{_locale}",
        StringField(_l("Name"), validators=[Optional(), Length(max=120)]),
    )
    setattr(
        ProgrammeForm,
        f"summary_{_locale}",
        TextAreaField(_l("Beschreibung"), validators=[Optional(), Length(max=1000)]),
    )
    setattr(
        ProgrammeForm,
        f"volunteer_task_{_locale}",
        TextAreaField(_l("Aufgabe der Ehrenamtlichen"), validators=[Optional(), Length(max=1000)]),
    )
