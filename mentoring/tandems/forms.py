"""Forms of the tandem pages: first meeting, status steps, end, check-ins, notes."""

import re
from datetime import datetime, time

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Regexp

from mentoring import clock, labels
from mentoring.forms import (
    DATE_HINT,
    FREE_TEXT_HINT,
    BaseForm,
    Digits,
    GermanDateField,
    MaxLength,
)
from mentoring.models import EndReason, TandemStatus
from mentoring.operations.tandems import NOTE_MAX, SIMPLE_TARGETS, SUMMARY_MAX


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


class CorrectFirstMeetingForm(BaseForm):
    met_on = GermanDateField(
        _l("Richtiges Datum des ersten Treffens"),
        description=DATE_HINT,
        validators=_required_date(_l("Bitte geben Sie das richtige Datum ein.")),
    )


class StatusForm(BaseForm):
    to_status = HiddenField(validators=[MaxLength(20), DataRequired()])  # a TandemStatus value

    def target(self) -> TandemStatus | None:
        try:
            status = TandemStatus(self.to_status.data)
        except ValueError:
            return None
        return status if status in SIMPLE_TARGETS else None


class EndForm(BaseForm):
    reason = RadioField(
        _l("Grund für das Ende"),
        choices=labels.choices(EndReason),
        validators=[DataRequired(_l("Bitte wählen Sie einen Grund."))],
    )
    ended_on = GermanDateField(
        _l("Ende am"),
        description=DATE_HINT,
        default=clock.today,
        validators=_required_date(_l("Bitte geben Sie das Datum des Endes ein.")),
    )
    note = TextAreaField(
        _l("Erläuterung (freiwillig)"),
        description=FREE_TEXT_HINT,
        validators=[Length(max=500, message=_l("Bitte schreiben Sie höchstens 500 Zeichen."))],
    )
    # Ending cannot be undone: the partners are freed and open check-ins are dropped.
    confirm = BooleanField(
        _l(
            "Ich habe geprüft: Das Tandem soll endgültig beendet werden. Das lässt sich nicht "
            "rückgängig machen."
        ),
        validators=[DataRequired(_l("Bitte bestätigen Sie, dass das Tandem enden soll."))],
    )


class CheckInForm(BaseForm):
    done_on = GermanDateField(
        _l("Gespräch geführt am"),
        description=DATE_HINT,
        default=clock.today,
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


TIME_RE = r"^([01]?\d|2[0-3])[:.]([0-5]\d)$"


class MeetingPlanForm(BaseForm):
    """The first meeting's day, time and place: sent to both sides with a calendar file."""

    on = GermanDateField(
        _l("Tag"),
        description=DATE_HINT,
        validators=_required_date(_l("Bitte geben Sie den Tag des Treffens ein.")),
    )
    at = StringField(
        _l("Uhrzeit"),
        description=_l("Zum Beispiel 15:30."),
        validators=[
            DataRequired(_l("Bitte geben Sie die Uhrzeit ein, zum Beispiel 15:30.")),
            MaxLength(5),
            Regexp(TIME_RE, message=_l("Bitte geben Sie die Uhrzeit so ein: 15:30.")),
            Digits(),
        ],
    )
    place = StringField(
        _l("Ort"),
        description=_l("Zum Beispiel: Stadtteilzentrum Holsterhausen, Raum 2, Musterstraße 1."),
        validators=[DataRequired(_l("Bitte geben Sie den Ort des Treffens ein.")), MaxLength(200)],
    )

    def start(self):
        """The meeting's start as an aware datetime in Herne's time zone."""
        hours, minutes = re.match(TIME_RE, self.at.data).groups()
        return datetime.combine(self.on.data, time(int(hours), int(minutes)), tzinfo=clock.zone())


class CancelMeetingForm(BaseForm):
    """Only the CSRF token: the button cancels the planned meeting."""
