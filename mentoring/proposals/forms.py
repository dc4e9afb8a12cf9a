"""Forms of the matching pages: start a run, accept or decline a proposal, propose a pair by
hand, enter a step."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    IntegerField,
    RadioField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, NumberRange
from wtforms.widgets import HiddenInput

from mentoring import clock, labels
from mentoring.forms import FREE_TEXT_HINT, BaseForm, GermanDateField, MaxLength
from mentoring.input_limits import MAX_ID
from mentoring.models import DeclineReason, ProposalStepKind

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


class ProposePairForm(BaseForm):
    """A pair from a "Wer passt?" row: both ids hidden, and which page to go back to."""

    volunteer_id = IntegerField(
        widget=HiddenInput(), validators=[InputRequired(), NumberRange(min=1, max=MAX_ID)]
    )
    request_id = IntegerField(
        widget=HiddenInput(), validators=[InputRequired(), NumberRange(min=1, max=MAX_ID)]
    )
    back = HiddenField(validators=[MaxLength(10), AnyOf(("volunteer", "request"))])


class ProposeByReferenceForm(BaseForm):
    """From a person's page: the other person's reference (Kennung)."""

    reference = StringField(
        _l("Kennung der anderen Person"),
        description=_l("Zum Beispiel „A-7K3M-PQ2X“ für eine Anfrage."),
        validators=[
            DataRequired(_l("Bitte geben Sie eine Kennung ein.")),
            Length(max=16, message=_l("Eine Kennung hat höchstens 16 Zeichen.")),
        ],
    )


class StepForm(BaseForm):
    kind = RadioField(
        _l("Schritt"),
        choices=labels.choices(ProposalStepKind),
        validators=[DataRequired(_l("Bitte wählen Sie einen Schritt."))],
    )
    done_on = GermanDateField(
        _l("Datum"),
        description=_l(
            "Der Tag, an dem der Schritt geschah; beim Kennenlernen der vereinbarte Termin. "
            "Zum Beispiel 14.03.2026."
        ),
        default=clock.today,
        validators=[InputRequired(_l("Bitte geben Sie ein Datum ein."))],
    )

    def limit_to(self, kinds) -> None:
        """Offer only the steps that may follow now."""
        allowed = {k.value for k in kinds}
        self.kind.choices = [(v, text) for v, text in self.kind.choices if v in allowed]
