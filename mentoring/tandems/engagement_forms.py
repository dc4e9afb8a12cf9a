"""Forms for the papers of a tandem: the introduction meeting, volunteer hours, the Nachweis."""

import re
from datetime import date, time
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Field, StringField, ValidationError
from wtforms.validators import InputRequired, Optional, Regexp
from wtforms.widgets import TextInput

from mentoring import clock, labels
from mentoring.forms import (
    DATE_HINT,
    PHONE_PATTERN,
    BaseForm,
    GermanDateField,
    MaxLength,
    MultiCheckboxField,
)
from mentoring.models import ContactItem

MONTH_RE = re.compile(r"^(\d{1,2})\s*[./-]\s*(\d{4})$")
ISO_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
SHORT_INPUT = 20
TIME_RE = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?:\s*Uhr)?$", re.IGNORECASE)
NOT_A_NUMBER = _l("Bitte geben Sie die Stunden als Zahl ein, zum Beispiel 4 oder 2,5.")
HOURS_RE = re.compile(r"^\d{1,3}(?:[.,\u066b]\d+)?$")


class _ParsedTextField(Field):
    """A one-line text input whose text is parsed into a value (a month, hours, a time).

    Not a StringField: its data is the parsed value, and the length is bounded here, before
    parsing (SHORT_INPUT characters are more than any valid input needs).
    """

    widget = TextInput()

    def _text(self, valuelist) -> str:
        text = (valuelist[0] if valuelist else "").strip()
        self.raw_data = [text]
        self.data = None
        if len(text) > SHORT_INPUT:
            raise ValueError(_l("Bitte schreiben Sie höchstens 20 Zeichen."))
        return text


class MonthField(_ParsedTextField):
    """A month typed as 11.2026 (or 11/2026, 2026-11); data is the month's first day."""

    def _value(self):
        if isinstance(self.data, date):
            return self.data.strftime("%m.%Y")
        return self.raw_data[0] if self.raw_data else ""

    def process_formdata(self, valuelist):
        text = self._text(valuelist)
        if not text:
            return
        match = MONTH_RE.match(text)
        month, year = (match.group(1), match.group(2)) if match else (None, None)
        if match is None and (iso := ISO_MONTH_RE.match(text)):
            year, month = iso.group(1), iso.group(2)
        try:
            self.data = date(int(year), int(month), 1) if month else None
        except ValueError:
            self.data = None
        if self.data is None or self.data.year < 2000:
            self.data = None
            raise ValueError(_l("Bitte geben Sie Monat und Jahr ein, zum Beispiel 03.2026."))


class HoursField(_ParsedTextField):
    """Hours like 4, 2,5 or 2.5; data is a Decimal (the bounds are the operation's rule)."""

    def _value(self):
        if isinstance(self.data, Decimal):
            return f"{self.data:f}".replace(".", ",")
        return self.raw_data[0] if self.raw_data else ""

    def process_formdata(self, valuelist):
        text = self._text(valuelist)
        if not text:
            return
        if not HOURS_RE.match(text):
            raise ValueError(NOT_A_NUMBER)
        try:
            self.data = Decimal(text.replace(",", ".").replace("\u066b", "."))
        except InvalidOperation:
            raise ValueError(NOT_A_NUMBER) from None


class TimeTextField(_ParsedTextField):
    """A time of day like 15:30, 15.30 or 15 Uhr; data is a datetime.time."""

    def _value(self):
        if isinstance(self.data, time):
            return self.data.strftime("%H:%M")
        return self.raw_data[0] if self.raw_data else ""

    def process_formdata(self, valuelist):
        text = self._text(valuelist)
        if not text:
            return
        match = TIME_RE.match(text)
        try:
            self.data = time(int(match.group(1)), int(match.group(2) or 0)) if match else None
        except ValueError:
            self.data = None
        if self.data is None:
            raise ValueError(_l("Bitte geben Sie eine Uhrzeit ein, zum Beispiel 15:30."))


def not_in_future_month(form, field):
    if field.data is not None and field.data > clock.today().replace(day=1):
        raise ValidationError(
            _l(
                "Stunden können nur für vergangene Monate und den laufenden Monat "
                "eingetragen werden."
            )
        )


class HoursForm(BaseForm):
    month = MonthField(
        _l("Monat"),
        description=_l("Monat und Jahr, zum Beispiel 03.2026."),
        validators=[InputRequired(_l("Bitte geben Sie den Monat ein.")), not_in_future_month],
    )
    hours = HoursField(
        _l("Stunden in diesem Monat"),
        description=_l(
            "Zwischen 0,5 und 200, höchstens eine Nachkommastelle. Ist der Monat schon "
            "eingetragen, wird er berichtigt."
        ),
        validators=[InputRequired(_l("Bitte geben Sie die Stunden ein."))],
    )


class RemoveHoursForm(BaseForm):
    month = MonthField(validators=[InputRequired()])


class IntroductionForm(BaseForm):
    volunteer_shares = MultiCheckboxField(
        _l("Die ehrenamtliche Person ist einverstanden, dass die andere Seite erhält:"),
        choices=labels.choices(ContactItem),
        description=_l("Der Vorname steht immer auf dem Bogen."),
    )
    request_shares = MultiCheckboxField(
        _l("Die Familie bzw. die junge Person ist einverstanden, dass die andere Seite erhält:"),
        choices=labels.choices(ContactItem),
        description=_l("Der Vorname steht immer auf dem Bogen."),
    )
    meeting_place = StringField(
        _l("Ort des Kennenlernens"),
        description=_l("Zum Beispiel: Ehrenamtsbüro, Rathaus Herne, Raum 112."),
        validators=[MaxLength(200, _l("Bitte schreiben Sie höchstens 200 Zeichen."))],
    )
    meeting_on = GermanDateField(
        _l("Datum des Kennenlernens"), description=DATE_HINT, validators=[Optional()]
    )
    meeting_time = TimeTextField(_l("Uhrzeit"), description=_l("Zum Beispiel 15:30."))
    rhythm = StringField(
        _l("Vereinbarter Rhythmus"),
        description=_l("Zum Beispiel: wöchentlich, 2 Stunden."),
        validators=[MaxLength(120, _l("Bitte schreiben Sie höchstens 120 Zeichen."))],
    )
    coordinator_phone = StringField(
        _l("Ihre Telefonnummer für beide Seiten"),
        description=_l("Steht auf dem Bogen neben Ihrem Namen und Ihrer E-Mail-Adresse."),
        validators=[
            MaxLength(40, _l("Bitte schreiben Sie höchstens 40 Zeichen.")),
            Optional(),
            Regexp(PHONE_PATTERN, message=_l("Bitte geben Sie eine Telefonnummer ein.")),
        ],
    )


class CertificateForm(BaseForm):
    """The period of a Nachweis über ehrenamtliches Engagement (a GET form)."""

    class Meta:
        csrf = False

    start = MonthField(
        _l("Von (Monat)"),
        name="von",
        description=_l("Monat und Jahr, zum Beispiel 01.2026. Leer: ab dem ersten Monat."),
        validators=[Optional()],
    )
    end = MonthField(
        _l("Bis (Monat)"),
        name="bis",
        description=_l("Leer: bis zum letzten eingetragenen Monat."),
        validators=[Optional()],
    )
    by_month = BooleanField(_l("Stunden je Monat aufführen"), name="monate")

    def validate_end(self, field):
        if self.start.data and field.data and field.data < self.start.data:
            raise ValidationError(_l("Der Monat „Bis“ liegt vor dem Monat „Von“."))
