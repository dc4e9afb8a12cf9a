"""Editing a person's sign-up answers, and taking a sign-up by phone, at the counter or on paper."""

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from mentoring import labels
from mentoring.access import may_see_programme, staff_required, visible_programmes
from mentoring.intake import bp
from mentoring.intake.record_forms import (
    RequestEditForm,
    RequestIntakeForm,
    VolunteerEditForm,
    VolunteerIntakeForm,
    guardian_initial,
    initial_values,
)
from mentoring.models import MenteeRequest, RegisteredBy, Volunteer
from mentoring.operations import OperationError
from mentoring.operations.records import update_request, update_volunteer
from mentoring.operations.signup import (
    StaffIntake,
    register_mentee_request,
    register_volunteer,
)
from mentoring.scoping import request_or_404, volunteer_or_404

# URL words for the three ways a request comes in (as on the public pages).
WAYS = {
    "selbst": RegisteredBy.SELF,
    "familie": RegisteredBy.GUARDIAN,
    "fachkraft": RegisteredBy.REFERRER,
}
WAY_TITLES = {
    "selbst": _l("Anfrage einer Person für sich selbst"),
    "familie": _l("Anfrage von Eltern für ihr Kind oder ihre Familie"),
    "fachkraft": _l("Anmeldung eines jungen Menschen durch eine Fachkraft"),
}


def _grid() -> dict:
    return {"weekday_labels": labels.WEEKDAYS, "daypart_labels": labels.DAYPARTS}


def _own_programmes_only(field, keep=()) -> None:
    """Offer only programmes of the user's departments (and those the record already has)."""
    visible = {str(p.id) for p in visible_programmes(current_user)} | {str(p.id) for p in keep}
    field.choices = [(value, text) for value, text in field.choices if value in visible]


def _edited(result, detail_url: str):
    if not result.changed:
        flash(_("Es wurde nichts geändert."))
    else:
        flash(_("Die Änderungen sind gespeichert."))
    if result.outdated_proposals:
        flash(
            ngettext(
                "%(num)d offener Vorschlag beruht auf den alten Angaben. Bitte prüfen Sie ihn.",
                "%(num)d offene Vorschläge beruhen auf den alten Angaben. Bitte prüfen Sie sie.",
                result.outdated_proposals,
            ),
            "warning",
        )
    return redirect(detail_url)


# --- Editing ---------------------------------------------------------------------------------


@bp.route("/ehrenamtliche/<id:volunteer_id>/bearbeiten", methods=["GET", "POST"])
@staff_required
def volunteer_edit(volunteer_id: int):
    volunteer = volunteer_or_404(current_user, volunteer_id)
    form = VolunteerEditForm()
    form.fill_choices(volunteer)
    _own_programmes_only(form.programmes, keep=volunteer.programmes)
    if not form.is_submitted():
        form.process(formdata=None, data=initial_values(form, volunteer))
    elif form.validate_on_submit():
        try:
            result = update_volunteer(
                staff=current_user,
                volunteer_id=volunteer.id,
                values=form.record_values(Volunteer),
            )
        except OperationError as error:
            flash(str(error), "error")
        else:
            return _edited(result, url_for("intake.volunteer_detail", volunteer_id=volunteer_id))
    return render_template(
        "intake/record_edit.html",
        form=form,
        title=_("Angaben von %(name)s bearbeiten", name=volunteer.full_name),
        reference=volunteer.reference,
        back_url=url_for("intake.volunteer_detail", volunteer_id=volunteer_id),
        **_grid(),
    )


@bp.route("/anfragen/<id:request_id>/bearbeiten", methods=["GET", "POST"])
@staff_required
def request_edit(request_id: int):
    mentee_request = request_or_404(current_user, request_id)
    form = RequestEditForm(registered_by=mentee_request.registered_by)
    form.fill_choices(mentee_request)
    _own_programmes_only(form.programme, keep=[mentee_request.programme])
    if not form.is_submitted():
        data = {**initial_values(form, mentee_request), **guardian_initial(mentee_request)}
        form.process(formdata=None, data=data)
    elif form.validate_on_submit():
        try:
            result = update_request(
                staff=current_user,
                request_id=mentee_request.id,
                values=form.record_values(MenteeRequest),
                guardian_name=form.guardian_name.data,
                guardian_consent=form.guardian_consent.data,
                privacy_version=current_app.config["PRIVACY_TEXT_VERSION"],
            )
        except OperationError as error:
            flash(str(error), "error")
        else:
            if not may_see_programme(current_user, int(form.programme.data)):
                flash(_("Die Anfrage gehört jetzt zu einem Programm eines anderen Fachbereichs."))
                return redirect(url_for("intake.requests"))
            return _edited(result, url_for("intake.request_detail", request_id=request_id))
    return render_template(
        "intake/record_edit.html",
        form=form,
        title=_(
            "Anfrage für %(name)s bearbeiten",
            name=mentee_request.person_first_name or mentee_request.reference,
        ),
        reference=mentee_request.reference,
        back_url=url_for("intake.request_detail", request_id=request_id),
        **_grid(),
    )


# --- Staff intake ("Anmeldung erfassen") -------------------------------------------------------


@bp.route("/anmeldung-erfassen")
@staff_required
def staff_signup_start():
    return render_template("intake/staff_signup_start.html", way_titles=WAY_TITLES)


def _intake(form) -> StaffIntake:
    return StaffIntake(staff=current_user, **form.intake_values())


def _after_intake(result, kind: str):
    if result.duplicate:
        flash(
            _(
                "Diese Person ist schon angemeldet. Die Anmeldung ist als doppelte Anmeldung "
                "beim vorhandenen Eintrag vermerkt."
            ),
            "warning",
        )
    else:
        flash(_("Die Anmeldung ist gespeichert (Kennung %(ref)s).", ref=result.reference))
    endpoint, key = (
        ("intake.volunteer_detail", "volunteer_id")
        if kind == "volunteer"
        else ("intake.request_detail", "request_id")
    )
    return redirect(url_for(endpoint, **{key: result.record_id}))


@bp.route("/anmeldung-erfassen/ehrenamt", methods=["GET", "POST"])
@staff_required
def staff_signup_volunteer():
    form = VolunteerIntakeForm()
    form.fill_choices()
    _own_programmes_only(form.programmes)
    if form.validate_on_submit():
        try:
            result = register_volunteer(
                **form.registration(),
                privacy_version=current_app.config["PRIVACY_TEXT_VERSION"],
                locale="de",
                intake=_intake(form),
            )
        except OperationError as error:
            flash(str(error), "error")
        else:
            return _after_intake(result, "volunteer")
    return render_template(
        "intake/staff_signup.html",
        form=form,
        title=_("Anmeldung erfassen: Ehrenamt"),
        **_grid(),
    )


@bp.route("/anmeldung-erfassen/anfrage/<way>", methods=["GET", "POST"])
@staff_required
def staff_signup_request(way: str):
    registered_by = WAYS.get(way) or abort(404)
    form = RequestIntakeForm(registered_by=registered_by)
    form.fill_choices()
    _own_programmes_only(form.programme)
    if form.validate_on_submit():
        try:
            result = register_mentee_request(
                **form.registration(),
                privacy_version=current_app.config["PRIVACY_TEXT_VERSION"],
                locale="de",
                intake=_intake(form),
            )
        except OperationError as error:
            flash(str(error), "error")
        else:
            return _after_intake(result, "request")
    return render_template(
        "intake/staff_signup.html",
        form=form,
        title=_("Anmeldung erfassen: %(way)s", way=WAY_TITLES[way]),
        **_grid(),
    )
