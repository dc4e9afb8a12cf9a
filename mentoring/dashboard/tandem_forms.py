"""Forms of the tandem pages: first meeting, status steps, end, check-ins, notes."""

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, HiddenField, RadioField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from mentoring.forms import FREE_TEXT_HINT, BaseForm
from mentoring.models import EndReason, TandemStatus
from mentoring.operations.tandems import NOTE_MAX, SIMPLE_TARGETS, SUMMARY_MAX

END_LABELS = {
    EndReason.GOALS_REACHED: _l("Ziele erreicht"),
    EndReason.MOVED_AWAY: _l("Umzug"),
    EndReason.NO_TIME: _l("Keine Zeit mehr"),
    EndReason.DID_NOT_FIT: _l("Hat nicht gepasst (die Anfrage wird wieder offen)"),
    EndReason.OTHER: _l("Anderer Grund"),
}
DATE_HINT = _l("Zum Beispiel 14.03.2026.")


class GermanDateField(DateField):
    """A date in ISO form (the browser's date picker) or typed the German way (14.03.2026)."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, format=["%Y-%m-%d", "%d.%m.%Y"], **kwargs)

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            super().process_formdata([valuelist[0].strip()])
        except ValueError:
            self.data = None
            raise ValueError(
                _l("Bitte geben Sie ein Datum ein, zum Beispiel 14.03.2026.")
            ) from None


def _required_date(message):
    return [InputRequired(message)]


class FirstMeetingForm(BaseForm):
    met_on = GermanDateField(
        _l("Datum des ersten Treffens"),
        description=DATE_HINT,
        validators=_required_date(_l("Bitte geben Sie das Datum des ersten Treffens ein.")),
    )
    coordinator_present = BooleanField(
        _l("Ich oder eine Kollegin/ein Kollege der Koordination war dabei"),
        validators=[DataRequired(_l("Beim ersten Treffen ist die Koordination dabei."))],
    )


class StatusForm(BaseForm):
    to_status = HiddenField(validators=[DataRequired()])

    def target(self) -> TandemStatus | None:
        try:
            status = TandemStatus(self.to_status.data)
        except ValueError:
            return None
        return status if status in SIMPLE_TARGETS else None


class EndForm(BaseForm):
    reason = RadioField(
        _l("Grund für das Ende"),
        choices=[(reason.value, label) for reason, label in END_LABELS.items()],
        validators=[DataRequired(_l("Bitte wählen Sie einen Grund."))],
    )
    ended_on = GermanDateField(
        _l("Ende am"),
        description=DATE_HINT,
        default=date.today,
        validators=_required_date(_l("Bitte geben Sie das Datum des Endes ein.")),
    )
    note = TextAreaField(
        _l("Erläuterung (freiwillig)"),
        description=FREE_TEXT_HINT,
        validators=[Length(max=500, message=_l("Bitte schreiben Sie höchstens 500 Zeichen."))],
    )


class CheckInForm(BaseForm):
    done_on = GermanDateField(
        _l("Gespräch geführt am"),
        description=DATE_HINT,
        default=date.today,
        validators=_required_date(_l("Bitte geben Sie das Datum des Gesprächs ein.")),
    )
    summary = TextAreaField(
        _l("Kurze Zusammenfassung (freiwillig)"),
        description=FREE_TEXT_HINT,
        validators=[
            Length(max=SUMMARY_MAX, message=_l("Bitte schreiben Sie höchstens 2000 Zeichen."))
        ],
    )


class NoteForm(BaseForm):
    text = TextAreaField(
        _l("Neue Notiz"),
        description=FREE_TEXT_HINT,
        validators=[
            DataRequired(_l("Bitte schreiben Sie eine Notiz.")),
            Length(max=NOTE_MAX, message=_l("Bitte schreiben Sie höchstens 2000 Zeichen.")),
        ],
    )
