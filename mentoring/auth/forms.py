"""Forms of the staff login, the second factor and passwords (the staff area is German only)."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from mentoring.forms import BaseForm

CODE_HINT = _l("Die sechs Ziffern aus Ihrer Authenticator-App.")


class LoginForm(BaseForm):
    email = EmailField(
        _l("E-Mail-Adresse"),
        validators=[DataRequired(_l("Bitte geben Sie Ihre E-Mail-Adresse ein.")), Length(max=254)],
    )
    password = PasswordField(
        _l("Passwort"),
        validators=[DataRequired(_l("Bitte geben Sie Ihr Passwort ein.")), Length(max=256)],
    )
    # Asked together with the password only while the account is throttled (see auth.throttle).
    code = StringField(
        _l("Code aus der Authenticator-App oder Wiederherstellungscode"),
        validators=[Optional(), Length(max=40)],
    )


class CodeForm(BaseForm):
    code = StringField(
        _l("Code"),
        description=_l(
            "Die sechs Ziffern aus Ihrer Authenticator-App. Ohne App: einer Ihrer "
            "Wiederherstellungscodes."
        ),
        validators=[DataRequired(_l("Bitte geben Sie den Code ein.")), Length(max=40)],
    )


class EnrolForm(BaseForm):
    code = StringField(
        _l("Code zur Bestätigung"),
        description=CODE_HINT,
        validators=[DataRequired(_l("Bitte geben Sie den Code ein.")), Length(max=40)],
    )


class _NewPassword(BaseForm):
    new_password = PasswordField(
        _l("Neues Passwort"),
        description=_l(
            "Mindestens 12 Zeichen. Gut zu merken und schwer zu erraten sind mehrere Wörter, "
            "die nichts miteinander zu tun haben."
        ),
        validators=[DataRequired(_l("Bitte geben Sie ein neues Passwort ein.")), Length(max=256)],
    )
    new_password_repeat = PasswordField(
        _l("Neues Passwort wiederholen"),
        validators=[
            DataRequired(_l("Bitte wiederholen Sie das neue Passwort.")),
            Length(max=256),
            EqualTo("new_password", _l("Die beiden Passwörter sind nicht gleich.")),
        ],
    )


class SetPasswordForm(_NewPassword):
    pass


class ChangePasswordForm(_NewPassword):
    field_order = ("current_password", "new_password", "new_password_repeat")

    current_password = PasswordField(
        _l("Bisheriges Passwort"),
        validators=[
            DataRequired(_l("Bitte geben Sie Ihr bisheriges Passwort ein.")),
            Length(max=256),
        ],
    )
