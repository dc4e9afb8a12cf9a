"""Forms of the account management (German only, like the whole staff area)."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, RadioField, StringField
from wtforms.validators import DataRequired, Email, Length

from mentoring.forms import BaseForm, MultiCheckboxField
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
