"""The accessibility feedback form."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from mentoring.forms import BaseForm, MaxLength
from mentoring.models import AccessibilityFeedback

PAGE_MAX = AccessibilityFeedback.__table__.c.page.type.length


def _cut_page(value):
    """The page the visitor came from is a hint they cannot see or fix: cut, never refuse it."""
    return value[:PAGE_MAX] if isinstance(value, str) else value


class FeedbackForm(BaseForm):
    page = HiddenField(filters=[_cut_page], validators=[MaxLength(PAGE_MAX)])
    message = TextAreaField(
        _l("Welche Barriere haben Sie bemerkt?"),
        validators=[
            DataRequired(_l("Bitte beschreiben Sie kurz, was nicht funktioniert hat.")),
            Length(
                max=2000,
                message=_l("Bitte kürzen Sie den Text auf höchstens %(max)d Zeichen.", max=2000),
            ),
        ],
    )
    contact = EmailField(
        _l("Ihre E-Mail-Adresse, wenn Sie eine Antwort möchten (freiwillig)"),
        validators=[
            Optional(),
            Length(max=254),
            Email(
                _l(
                    "Bitte geben Sie eine gültige E-Mail-Adresse ein, "
                    "zum Beispiel name@beispiel.de."
                )
            ),
        ],
    )
