"""Forms of the casework steps on a record: pause, withdraw, hold, close, first contact."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, InputRequired, Optional

from mentoring import clock, labels
from mentoring.forms import FREE_TEXT_HINT, BaseForm, GermanDateField, MaxLength, not_in_future
from mentoring.models import CloseReason, FirstContactChannel, WithdrawReason

NOTE_MAX = 500  # Volunteer.status_note / MenteeRequest.status_note


def _note(label):
    return TextAreaField(
        label,
        description=FREE_TEXT_HINT,
        validators=[
            MaxLength(NOTE_MAX, _l("Bitte schreiben Sie höchstens 500 Zeichen.")),
        ],
    )


def _other_needs_note(form, field):
    if form.reason.data == "other" and not field.data:
        raise ValidationError(_l("Bitte erläutern Sie den sonstigen Grund kurz."))


class PauseForm(BaseForm):
    paused_until = GermanDateField(
        _l("Pausiert bis einschließlich"),
        description=_l("Ab dem Tag danach kann die Person wieder vorgeschlagen werden."),
        validators=[InputRequired(_l("Bitte geben Sie an, bis wann die Pause dauert."))],
    )
    note = _note(_l("Anlass (freiwillig), zum Beispiel „6 Wochen verreist“"))


class WithdrawForm(BaseForm):
    reason = RadioField(
        _l("Grund"),
        choices=labels.choices(WithdrawReason),
        validators=[DataRequired(_l("Bitte wählen Sie einen Grund."))],
    )
    note = _note(_l("Erläuterung (freiwillig, bei „sonstiges“ nötig)"))

    def validate_note(self, field):
        _other_needs_note(self, field)


class HoldForm(BaseForm):
    on_hold_until = GermanDateField(
        _l("Zurückgestellt bis einschließlich (freiwillig)"),
        description=_l("Ohne Datum bleibt die Anfrage zurückgestellt, bis Sie sie wieder öffnen."),
        validators=[Optional()],
    )
    note = _note(_l("Anlass (freiwillig)"))


class CloseForm(BaseForm):
    reason = RadioField(
        _l("Grund"),
        choices=labels.choices(CloseReason),
        validators=[DataRequired(_l("Bitte wählen Sie einen Grund."))],
    )
    note = _note(_l("Erläuterung (freiwillig, bei „sonstiges“ nötig)"))

    def validate_note(self, field):
        _other_needs_note(self, field)


class FirstContactForm(BaseForm):
    contacted_on = GermanDateField(
        _l("Erreicht am"),
        default=clock.today,
        validators=[
            InputRequired(_l("Bitte geben Sie an, wann Sie die Person erreicht haben.")),
            not_in_future,
        ],
    )
    channel = RadioField(
        _l("Wie?"),
        choices=labels.choices(FirstContactChannel),
        validators=[DataRequired(_l("Bitte wählen Sie, wie Sie die Person erreicht haben."))],
    )


# Form prefixes: several forms share field names (note) on one page; ids must stay unique.
PREFIXES = {
    "pause_form": "pause",
    "withdraw_form": "withdraw",
    "hold_form": "hold",
    "close_form": "close",
    "contact_form": "contact",
}


def status_forms() -> dict:
    """The blank casework forms of a record page (first contact pre-filled with today)."""
    return {
        "pause_form": PauseForm(formdata=None, prefix="pause"),
        "withdraw_form": WithdrawForm(formdata=None, prefix="withdraw"),
        "hold_form": HoldForm(formdata=None, prefix="hold"),
        "close_form": CloseForm(formdata=None, prefix="close"),
        "contact_form": FirstContactForm(formdata=None, prefix="contact"),
    }
