"""The signed link with which a person confirms their e-mail address (public, every language).

A GET shows a button, the POST confirms: mail scanners that open links do not confirm.
"""

from flask import Blueprint, render_template
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from mentoring.extensions import public_form_limit
from mentoring.messages.confirmation import read_confirmation_token
from mentoring.operations import OperationError
from mentoring.operations.messages import confirm_email

bp = Blueprint("email_confirmation", __name__)


class ConfirmForm(FlaskForm):
    """Only the CSRF token: the button is the confirmation."""


@bp.route("/e-mail-bestaetigen/<token>", methods=["GET", "POST"])
@public_form_limit
def confirm(token: str):
    try:
        kind, person_id, hashed = read_confirmation_token(token)
    except OperationError as error:
        return render_template("public/email_confirm_invalid.html", message=str(error)), 400
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            confirmed = confirm_email(kind=kind, person_id=person_id, hashed_address=hashed)
        except OperationError as error:
            return render_template("public/email_confirm_invalid.html", message=str(error)), 404
        if not confirmed:
            message = _(
                "Dieser Link gehört zu einer E-Mail-Adresse, die nicht mehr gespeichert ist. "
                "Bitte wenden Sie sich an uns."
            )
            return render_template("public/email_confirm_invalid.html", message=message), 400
        return render_template("public/email_confirm_done.html")
    return render_template("public/email_confirm.html", form=form)
