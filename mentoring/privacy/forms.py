"""Forms of the privacy pages."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, HiddenField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from mentoring.forms import BaseForm, MaxLength, MultiCheckboxField
from mentoring.input_limits import MAX_ID


class SearchForm(BaseForm):
    class Meta:
        csrf = False  # a GET search changes nothing

    q = StringField(
        _l("Name, E-Mail-Adresse oder Kennung"),
        validators=[Optional(), Length(max=254)],
        description=_l("Zum Beispiel „Kowalski“, „name@example.org“ oder „E-7K3M-PQ2X“."),
    )


class WithdrawForm(BaseForm):
    withdraw_confirm = BooleanField(
        _l("Die Person hat ihre Einwilligung widerrufen. Ich habe das geprüft."),
        validators=[DataRequired(_l("Bitte bestätigen Sie den Widerruf."))],
    )


class EraseForm(BaseForm):
    erase_confirm = BooleanField(
        _l(
            "Ich habe die Auskunft gesichert, falls sie noch gebraucht wird. Die Daten sollen "
            "endgültig gelöscht werden."
        ),
        validators=[DataRequired(_l("Bitte bestätigen Sie das Löschen."))],
    )


class AuditFilterForm(BaseForm):
    class Meta:
        csrf = False

    subject_type = SelectField(_l("Art der Person oder des Eintrags"), default="")
    subject_id = IntegerField(_l("Nummer"), validators=[Optional(), NumberRange(min=1, max=MAX_ID)])
    staff_id = SelectField(_l("Mitarbeiterin oder Mitarbeiter"), default="")
    date_from = DateField(_l("Von (Datum)"), validators=[Optional()])
    date_to = DateField(_l("Bis (Datum)"), validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if (
            valid
            and self.date_from.data
            and self.date_to.data
            and self.date_from.data > self.date_to.data
        ):
            self.date_to.errors.append(_l("Das Ende liegt vor dem Anfang."))
            return False
        return valid


class ReviewForm(BaseForm):
    """Staff tick what to redact in an access export; `shown` lists the candidates on the page."""

    redact = MultiCheckboxField(_l("Schwärzen"), choices=[], validate_choice=False)
    shown = HiddenField(validators=[MaxLength(20_000)])
    review_confirm = BooleanField(
        _l("Ich habe die Auskunft durchgesehen; die angekreuzten Stellen werden geschwärzt."),
        validators=[DataRequired(_l("Bitte bestätigen Sie, dass Sie die Auskunft geprüft haben."))],
    )

    def keys(self, field) -> set[str]:
        values = field.data if isinstance(field.data, list) else (field.data or "").split(",")
        return {v for v in values if isinstance(v, str) and 0 < len(v) <= 64}


class HandOutForm(BaseForm):
    """A download of the reviewed export: the review's token travels in a hidden field."""

    freigabe = HiddenField(validators=[MaxLength(20_000)])
    sprache = HiddenField(validators=[MaxLength(5)])
