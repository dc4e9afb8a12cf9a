"""Forms of the matching pages: start a run, accept or decline a proposal."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, Length

from mentoring import labels
from mentoring.forms import FREE_TEXT_HINT, BaseForm
from mentoring.models import DeclineReason

OBJECTIVE_CHOICES = [
    ("coverage", _l("Möglichst viele Tandems (empfohlen)")),
    ("score", _l("Möglichst gut passende Tandems, auch wenn es weniger werden")),
]
METHOD_CHOICES = [
    ("optimal", _l("Genau berechnen (empfohlen)")),
    ("greedy", _l("Schnellvorschau")),
]


class RunForm(BaseForm):
    objective = RadioField(
        _l("Ziel der Berechnung"),
        choices=OBJECTIVE_CHOICES,
        default="coverage",
        validators=[DataRequired(_l("Bitte wählen Sie ein Ziel."))],
    )
    method = RadioField(
        _l("Verfahren"),
        choices=METHOD_CHOICES,
        default="optimal",
        validators=[DataRequired(_l("Bitte wählen Sie ein Verfahren."))],
    )


class AcceptForm(FlaskForm):
    """Only the CSRF token: the proposal is in the URL."""


class DeclineForm(BaseForm):
    reason = RadioField(
        _l("Grund der Ablehnung"),
        choices=labels.choices(DeclineReason),
        validators=[DataRequired(_l("Bitte wählen Sie einen Grund."))],
    )
    note = TextAreaField(
        _l("Erläuterung (freiwillig, bei „Anderer Grund“ nötig)"),
        description=FREE_TEXT_HINT,
        validators=[Length(max=500, message=_l("Bitte schreiben Sie höchstens 500 Zeichen."))],
    )

    def validate_note(self, field):
        if self.reason.data == DeclineReason.OTHER.value and not field.data:
            raise ValidationError(_l("Bitte erläutern Sie den anderen Grund kurz."))
