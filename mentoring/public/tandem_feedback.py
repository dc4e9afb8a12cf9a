"""The short questionnaire after a tandem ended, opened from the thank-you mail's signed link
(public, every language, no account). Only the aggregates reach the committee report."""

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from mentoring.extensions import public_form_limit
from mentoring.forms import BaseForm
from mentoring.messages.reminders import read_feedback_token
from mentoring.operations import OperationError
from mentoring.operations.reminders import TEXT_MAX, already_answered, has_answered, submit_feedback

bp = Blueprint("tandem_feedback", __name__)

TOO_LONG = _l("Bitte kürzen Sie den Text auf höchstens %(max)d Zeichen.", max=TEXT_MAX)


class TandemFeedbackForm(BaseForm):
    satisfaction = RadioField(
        _l("Wie zufrieden waren Sie insgesamt mit dem Tandem?"),
        choices=[
            ("5", _l("5 – sehr zufrieden")),
            ("4", _l("4 – zufrieden")),
            ("3", _l("3 – teils, teils")),
            ("2", _l("2 – eher unzufrieden")),
            ("1", _l("1 – unzufrieden")),
        ],
        validators=[InputRequired(_l("Bitte wählen Sie, wie zufrieden Sie waren."))],
    )
    would_recommend = RadioField(
        _l("Würden Sie ein Tandem anderen empfehlen?"),
        choices=[("yes", _l("Ja")), ("no", _l("Nein"))],
        validators=[InputRequired(_l("Bitte wählen Sie Ja oder Nein."))],
    )
    went_well = TextAreaField(
        _l("Was war gut? (freiwillig)"),
        validators=[Optional(), Length(max=TEXT_MAX, message=TOO_LONG)],
    )
    could_be_better = TextAreaField(
        _l("Was könnten wir besser machen? (freiwillig)"),
        validators=[Optional(), Length(max=TEXT_MAX, message=TOO_LONG)],
    )


@bp.route("/rueckmeldung/<token>", methods=["GET", "POST"])
@public_form_limit
def questionnaire(token: str):
    try:
        tandem_id, side = read_feedback_token(token)
    except OperationError as error:
        return render_template("public/feedback_invalid.html", message=str(error)), 400
    if has_answered(tandem_id, side):
        return render_template("public/feedback_done.html", message=already_answered())
    form = TandemFeedbackForm()
    if form.validate_on_submit():
        try:
            submit_feedback(
                tandem_id=tandem_id,
                side=side,
                satisfaction=int(form.satisfaction.data),
                would_recommend=form.would_recommend.data == "yes",
                went_well=form.went_well.data,
                could_be_better=form.could_be_better.data,
            )
        except OperationError as error:
            return render_template("public/feedback_done.html", message=str(error))
        return render_template("public/feedback_done.html", message=None)
    return render_template("public/feedback.html", form=form), 400 if form.errors else 200
