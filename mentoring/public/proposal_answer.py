"""The signed link with which a volunteer answers a proposal: yes or no, with an optional reason.

Public, in the volunteer's language (the link carries ?lang=). A GET shows the summary and the
form; only the POST (with its CSRF token) records an answer, so mail scanners answer nothing.
A second answer, an expired or broken link, or a proposal that is no longer open gets a page
that says so, never an error.
"""

from flask import Blueprint, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import RadioField
from wtforms.validators import DataRequired, Optional

from mentoring.extensions import db, public_form_limit
from mentoring.forms import BaseForm
from mentoring.messages.proposal_links import (
    NO,
    YES,
    read_answer_token,
    reason_choices,
    request_summary,
)
from mentoring.models import Proposal
from mentoring.operations import OperationError
from mentoring.operations.proposal_requests import answer_proposal, answer_state

bp = Blueprint("proposal_answer", __name__)


class AnswerForm(BaseForm):
    answer = RadioField(
        _l("Ihre Antwort"),
        choices=[
            (YES, _l("Ja, ich möchte diese Person begleiten")),
            (NO, _l("Nein, lieber nicht")),
        ],
        validators=[DataRequired(_l("Bitte wählen Sie Ja oder Nein."))],
    )
    reason = RadioField(
        _l("Warum nicht? (freiwillig)"),
        choices=[],
        validators=[Optional()],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason.choices = reason_choices()


def _invalid(message: str, status: int):
    return render_template("public/proposal_answer_invalid.html", message=message), status


@bp.route("/vorschlag/antwort/<token>", methods=["GET", "POST"])
@public_form_limit
def answer(token: str):
    try:
        proposal_id, volunteer_id = read_answer_token(token)
    except OperationError as error:
        return _invalid(str(error), 400)
    proposal = db.session.get(Proposal, proposal_id)
    state = answer_state(proposal, volunteer_id)
    if state == "missing":
        return _invalid(_("Zu diesem Link sind keine Daten mehr gespeichert."), 404)
    if state == "answered":
        return render_template("public/proposal_answer_done.html", proposal=proposal, again=True)
    if state == "closed":
        return _invalid(
            _(
                "Diese Anfrage ist inzwischen erledigt. Vielen Dank! Wir melden uns, wenn wir "
                "Ihnen jemand anderen vorschlagen möchten."
            ),
            410,
        )
    form = AnswerForm()
    if form.validate_on_submit():
        reason = form.reason.data if form.answer.data == NO and form.reason.data else None
        try:
            state = answer_proposal(
                proposal_id=proposal_id,
                volunteer_id=volunteer_id,
                answer=form.answer.data,
                reason=reason,
            )
        except OperationError as error:
            return _invalid(str(error), 409)
        if state == "open":
            return render_template("public/proposal_answer_done.html", proposal=proposal)
        return render_template("public/proposal_answer_done.html", proposal=proposal, again=True)
    status = 400 if form.is_submitted() and form.errors else 200
    return render_template(
        "public/proposal_answer.html",
        form=form,
        proposal=proposal,
        summary=request_summary(proposal),
    ), status
