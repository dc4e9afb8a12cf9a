"""The filter form of the statistics page and the report downloads (a GET form)."""

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from wtforms import ValidationError
from wtforms.validators import Optional

from mentoring.forms import BaseForm, GermanDateField, MultiCheckboxField

MAX_DAYS = 5 * 366  # at most five years: the monthly chart stays readable


def default_period(today: date) -> tuple[date, date]:
    """The last twelve months: from the first day of the month eleven months ago to today."""
    start = today.replace(day=1)
    for _ in range(11):
        start = (start - timedelta(days=1)).replace(day=1)
    return start, today


class StatisticsFilterForm(BaseForm):
    """Period, programmes and departments; the URL parameters are German (von, bis, ...)."""

    class Meta:
        csrf = False  # a GET form that changes nothing

    period_start = GermanDateField(_l("Von"), name="von", validators=[Optional()])
    period_end = GermanDateField(_l("Bis"), name="bis", validators=[Optional()])
    programmes = MultiCheckboxField(
        _l("Programme"),
        name="programm",
        coerce=int,
        description=_l("Keine Auswahl: alle Programme, die Sie sehen dürfen."),
    )
    departments = MultiCheckboxField(
        _l("Fachbereiche"),
        name="bereich",
        coerce=int,
        description=_l("Keine Auswahl: alle Ihre Fachbereiche."),
    )

    def validate_period_end(self, field):
        start, end = self.period_start.data, field.data
        if start is None or end is None:
            return
        if end < start:
            raise ValidationError(_l("Das Ende des Zeitraums liegt vor seinem Anfang."))
        if (end - start).days > MAX_DAYS:
            raise ValidationError(_l("Der Zeitraum darf höchstens fünf Jahre lang sein."))
