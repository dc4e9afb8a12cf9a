"""Public sign-up: volunteers and mentee requests, no login."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, session, url_for
from flask_babel import get_locale

from mentoring.extensions import public_form_limit
from mentoring.labels import DAYPARTS, WEEKDAYS
from mentoring.models import RegisteredBy
from mentoring.operations import OperationError
from mentoring.operations.signup import register_mentee_request, register_volunteer
from mentoring.signup.forms import MenteeForm, VolunteerForm

bp = Blueprint("signup", __name__, url_prefix="/anmelden")

# URL words for the three ways to register a request.
WAYS = {
    "selbst": RegisteredBy.SELF,
    "familie": RegisteredBy.GUARDIAN,
    "fachkraft": RegisteredBy.REFERRER,
}


def _grid():
    return {"weekday_labels": WEEKDAYS, "daypart_labels": DAYPARTS}


def _career_attrs(form) -> dict:
    """Marks the programmes about careers: the page shows career questions only for them."""
    return {value: {"data-about-careers": ""} for value in form.career_programme_ids()}


def _privacy_version_ok(form) -> bool:
    """A consent counts only for the text version the person was shown."""
    current = current_app.config["PRIVACY_TEXT_VERSION"]
    if form.privacy_version.data != current:
        form.privacy_version.data = current
        form.consent.errors.append(
            "Die Datenschutzerklärung wurde inzwischen geändert. Bitte lesen Sie sie noch einmal "
            "und bestätigen Sie erneut."
        )
        return False
    return True


@bp.route("/ehrenamt", methods=["GET", "POST"])
@public_form_limit
def volunteer():
    form = VolunteerForm()
    form.fill_choices()
    if not form.is_submitted():
        form.privacy_version.data = current_app.config["PRIVACY_TEXT_VERSION"]
    if form.validate_on_submit() and _privacy_version_ok(form):
        try:
            result = register_volunteer(
                **form.registration(),
                privacy_version=form.privacy_version.data,
                locale=str(get_locale()),
            )
        except OperationError as error:
            flash(str(error), "error")
        else:
            session["signup_done"] = {"reference": result.reference, "kind": "volunteer"}
            return redirect(url_for("signup.thanks"))
    return render_template(
        "signup/volunteer.html",
        form=form,
        career_attrs=_career_attrs(form),
        **_grid(),
    )


@bp.route("/unterstuetzung")
def mentee_start():
    return render_template("signup/mentee_start.html")


@bp.route("/unterstuetzung/<way>", methods=["GET", "POST"])
@public_form_limit
def mentee(way: str):
    registered_by = WAYS.get(way) or abort(404)
    form = MenteeForm(registered_by=registered_by)
    form.fill_choices()
    if not form.is_submitted():
        form.privacy_version.data = current_app.config["PRIVACY_TEXT_VERSION"]
    if form.validate_on_submit() and _privacy_version_ok(form):
        try:
            result = register_mentee_request(
                **form.registration(),
                privacy_version=form.privacy_version.data,
                locale=str(get_locale()),
            )
        except OperationError as error:
            flash(str(error), "error")
        else:
            session["signup_done"] = {"reference": result.reference, "kind": "mentee"}
            return redirect(url_for("signup.thanks"))
    return render_template(
        "signup/mentee.html",
        form=form,
        way=way,
        registered_by=registered_by,
        career_attrs=_career_attrs(form),
        **_grid(),
    )


@bp.route("/danke")
def thanks():
    done = session.get("signup_done")
    if done is None:
        return redirect(url_for("public.index"))
    return render_template("signup/thanks.html", reference=done["reference"], kind=done["kind"])
