"""Public sign-up: volunteers and mentee requests, no login."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, session, url_for
from flask_babel import get_locale

from mentoring.extensions import public_form_limit
from mentoring.labels import DAYPARTS, WEEKDAYS
from mentoring.models import DirectContact, RegisteredBy
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
                first_name=form.first_name.data,
                last_name=form.last_name.data,
                email=form.email.data,
                phone=form.phone.data,
                birth_year=form.birth_year.data,
                postal_code=form.postal_code.data,
                place_id=int(form.place.data),
                programme_ids=[int(v) for v in form.programmes.data],
                slots=form.availability.data,
                capacity=int(form.capacity.data),
                travel_place_ids=[int(v) for v in form.travel_places.data],
                travel_radius_km=float(form.travel_radius.data)
                if form.travel_radius.data
                else None,
                language_codes=form.languages.data,
                occupation=form.occupation.data,
                tag_ids=[int(v) for v in form.expertise.data + form.career_fields.data],
                experience=form.experience.data,
                interests=form.interests.data,
                preferred_min_age=form.preferred_min_age.data,
                preferred_max_age=form.preferred_max_age.data,
                partner_wishes=form.partner_wishes.data,
                heard_from=form.heard_from.data,
                privacy_version=form.privacy_version.data,
                locale=str(get_locale()),
                contact=form.contact_details(),
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
                registered_by=registered_by,
                programme_id=int(form.programme.data),
                contact_first_name=form.contact_first_name.data,
                contact_last_name=form.contact_last_name.data,
                contact_email=form.contact_email.data,
                contact_phone=form.contact_phone.data,
                referrer_kind=form.referrer_kind.data or None,
                referrer_organisation=form.referrer_organisation.data,
                person_first_name=form.person_first_name.data,
                person_birth_year=form.person_birth_year.data,
                person_birth_month=int(form.person_birth_month.data)
                if form.person_birth_month.data
                else None,
                children_count=form.children_count.data,
                postal_code=form.postal_code.data,
                place_id=int(form.place.data),
                language_codes=form.languages.data,
                tag_ids=[int(v) for v in form.needs.data + form.career_fields.data],
                career_goal=form.career_goal.data,
                goal=form.goal.data,
                slots=form.availability.data,
                guardian_name=form.guardian_name.data,
                guardian_consent=form.guardian_consent.data,
                privacy_version=form.privacy_version.data,
                locale=str(get_locale()),
                contact=form.contact_details(),
                person_last_name=form.person_last_name.data,
                direct_contact=DirectContact(form.direct_contact.data)
                if form.direct_contact.data
                else None,
                direct_contact_name=form.direct_contact_name.data,
                direct_contact_phone=form.direct_contact_phone.data,
                direct_contact_email=form.direct_contact_email.data,
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
