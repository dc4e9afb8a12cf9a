"""The signed link with which a person withdraws their consent (public, every language)."""

from contextlib import suppress

from flask import Blueprint, render_template
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from mentoring.extensions import public_form_limit
from mentoring.operations import OperationError, withdrawal
from mentoring.personal_data import links, records

bp = Blueprint("withdrawal", __name__)


class ConfirmForm(FlaskForm):
    """Only the CSRF token: the button is the confirmation; a GET never withdraws."""


@bp.route("/einwilligung/widerrufen/<token>", methods=["GET", "POST"])
@public_form_limit
def confirm(token: str):
    try:
        kind, person_id = links.read_withdrawal_token(token)
    except OperationError as error:
        return render_template("public/withdrawal_invalid.html", message=str(error)), 400
    state = records.withdrawal_state(kind, person_id)
    if state == "missing":
        return render_template(
            "public/withdrawal_invalid.html",
            message=_("Zu diesem Link sind keine Daten mehr gespeichert."),
        ), 404
    form = ConfirmForm()
    if state == "open" and form.validate_on_submit():
        with suppress(OperationError):  # withdrawn in the meantime: the page says "done" anyway
            withdrawal.withdraw_consent(kind=kind, person_id=person_id, staff=None, via="link")
        return render_template("public/withdrawal_done.html")
    if state == "withdrawn":
        return render_template("public/withdrawal_done.html", already=True)
    return render_template("public/withdrawal.html", form=form)
