"""Intake: lists and records of new volunteers and requests, screening, duplicates."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from mentoring import availability, clock, labels, screening_state
from mentoring.access import staff_names, staff_required, visible_programmes
from mentoring.extensions import db
from mentoring.input_limits import parse_number
from mentoring.intake import bp, history, queries
from mentoring.intake.forms import (
    ActionForm,
    InterviewForm,
    MergeForm,
    PoliceCheckForm,
    RequestFilterForm,
    TrainingForm,
    VolunteerFilterForm,
)
from mentoring.intake.queries import ON_HOLD
from mentoring.intake.status_forms import status_forms
from mentoring.models import (
    District,
    MenteeRequest,
    Proposal,
    RequestStatus,
    Volunteer,
    VolunteerStatus,
)
from mentoring.operations import OperationError, intake, screening
from mentoring.pagination import requested_page
from mentoring.scoping import request_or_404, volunteer_or_404
from mentoring.signup.forms import (
    HEARD_FROM_CHOICES,
    REFERRER_KINDS,
)


def _filters(form) -> queries.Filters:
    def number(name):
        value = form.valid_value(name)
        return parse_number(str(value)) if value else None

    return queries.Filters(
        q=(form.q.data or "") if not form.q.errors else "",
        programme_id=number("programme"),
        district_id=number("district"),
        status=form.valid_value("status"),
        waiting_days=number("waiting"),
        duplicates_only=bool(form.duplicates.data),
        uncontacted_only=bool(form.uncontacted.data),
        newest_first=form.sort.data == "new",
        page=requested_page(),
    )


def _filter_form(form_class, statuses):
    form = form_class(formdata=request.args)
    districts = db.session.scalars(select(District).order_by(District.name)).all()
    form.fill_choices(visible_programmes(current_user), districts, statuses)
    form.validate()
    return form


def _context() -> dict:
    return {
        "weekday_labels": labels.WEEKDAYS,
        "daypart_labels": labels.DAYPARTS,
        "today": clock.today(),
        "heard_from_labels": dict(HEARD_FROM_CHOICES),
        "referrer_labels": dict(REFERRER_KINDS),
    }


def _history(subject_type: str, subject_id: int, proposal_column) -> dict:
    changes = history.changes_of(subject_type, subject_id)
    return {
        "changes": changes,
        "outdated": history.outdated_proposals(changes, proposal_column, subject_id),
    }


# --- Volunteers ------------------------------------------------------------------------------


@bp.route("/ehrenamtliche")
@staff_required
def volunteers():
    form = _filter_form(VolunteerFilterForm, labels.ENUM_LABELS[VolunteerStatus])
    page, badges = queries.volunteer_page(current_user, _filters(form))
    checks = screening_state.checks_by_volunteer(v.id for v in page.items)
    policy, today = screening_state.certificate_policy(), clock.today()
    missing = {
        v.id: screening_state.screening_missing(v, today, policy, checks.get(v.id, []))
        for v in page.items
    }
    return render_template(
        "intake/volunteers.html",
        form=form,
        page=page,
        badges=badges,
        missing=missing,
        **_context(),
    )


@bp.route("/ehrenamtliche/<id:volunteer_id>")
@staff_required
def volunteer_detail(volunteer_id: int):
    volunteer_or_404(current_user, volunteer_id)
    intake.record_view(staff=current_user, subject_type="volunteer", subject_id=volunteer_id)
    return render_volunteer(volunteer_or_404(current_user, volunteer_id))


def render_volunteer(volunteer: Volunteer, **forms):
    checks = screening_state.checks_of(volunteer.id)
    policy, today = screening_state.certificate_policy(), clock.today()
    certificate = screening_state.volunteer_certificate(checks, today, policy)
    forms.setdefault("interview_form", InterviewForm(formdata=None, obj=volunteer))
    forms.setdefault("training_form", TrainingForm(formdata=None, obj=volunteer))
    forms.setdefault("police_form", PoliceCheckForm(formdata=None))
    forms = {**status_forms(), **forms}
    return render_template(
        "intake/volunteer_detail.html",
        volunteer=volunteer,
        slots=set(availability.decode(volunteer.availability)),
        checks=checks,
        certificate=certificate,
        needs_certificate=screening_state.needs_certificate(volunteer),
        missing=screening_state.screening_missing(volunteer, today, policy, checks),
        staff_names=staff_names(
            [
                *(c.inspected_by_id for c in checks),
                volunteer.status_changed_by_id,
                volunteer.first_contact_by_id,
            ]
        ),
        look_alikes=queries.likely_duplicates_of_volunteer(current_user, volunteer),
        action_form=ActionForm(),
        **_history("volunteer", volunteer.id, Proposal.volunteer_id),
        edit_url=url_for("intake.volunteer_edit", volunteer_id=volunteer.id),
        **forms,
        **_context(),
    )


def _screening_step(volunteer_id: int, form, field_name: str, record, done: str):
    """Validate, record, flash, redirect; on errors show the record again with the messages."""
    volunteer = volunteer_or_404(current_user, volunteer_id)
    if form.validate_on_submit():
        try:
            record(form)
        except OperationError as error:
            form[field_name].errors.append(str(error))
        else:
            flash(done)
            return redirect(
                url_for("intake.volunteer_detail", volunteer_id=volunteer_id, _anchor="screening")
            )
    form_name = type(form).__name__.removesuffix("Form").lower()
    names = {
        "interview": "interview_form",
        "training": "training_form",
        "policecheck": "police_form",
    }
    return render_volunteer(volunteer, **{names[form_name]: form, "failed_form": form})


@bp.route("/ehrenamtliche/<id:volunteer_id>/erstgespraech", methods=["POST"])
@staff_required
def volunteer_interview(volunteer_id: int):
    return _screening_step(
        volunteer_id,
        InterviewForm(),
        "interview_on",
        lambda form: screening.record_interview(
            volunteer_id=volunteer_id, held_on=form.interview_on.data, staff=current_user
        ),
        _("Das Erstgespräch ist gespeichert."),
    )


@bp.route("/ehrenamtliche/<id:volunteer_id>/schulung", methods=["POST"])
@staff_required
def volunteer_training(volunteer_id: int):
    return _screening_step(
        volunteer_id,
        TrainingForm(),
        "training_on",
        lambda form: screening.record_training(
            volunteer_id=volunteer_id, done_on=form.training_on.data, staff=current_user
        ),
        _("Die Einführungsschulung ist gespeichert."),
    )


@bp.route("/ehrenamtliche/<id:volunteer_id>/fuehrungszeugnis", methods=["POST"])
@staff_required
def volunteer_police_check(volunteer_id: int):
    return _screening_step(
        volunteer_id,
        PoliceCheckForm(),
        "issue_date",
        lambda form: screening.record_police_check(
            volunteer_id=volunteer_id,
            issue_date=form.issue_date.data,
            inspected_on=form.inspected_on.data,
            conviction_listed=form.conviction_listed.data == "yes",
            staff=current_user,
        ),
        _("Die Einsichtnahme in das Führungszeugnis ist gespeichert."),
    )


@bp.route("/ehrenamtliche/<id:volunteer_id>/doppelte-anmeldungen", methods=["POST"])
@staff_required
def volunteer_resolve_flags(volunteer_id: int):
    volunteer_or_404(current_user, volunteer_id)
    if ActionForm().validate_on_submit():
        try:
            intake.resolve_duplicate_flags(volunteer_id=volunteer_id, staff=current_user)
            flash(_("Die doppelten Anmeldungen sind als erledigt markiert."))
        except OperationError as error:
            flash(str(error), "error")
    return redirect(url_for("intake.volunteer_detail", volunteer_id=volunteer_id))


@bp.route("/ehrenamtliche/<id:volunteer_id>/zusammenfuehren", methods=["GET", "POST"])
@staff_required
def volunteer_merge(volunteer_id: int):
    volunteer = volunteer_or_404(current_user, volunteer_id)
    form = MergeForm()
    other_id = form.other.data if form.is_submitted() else request.args.get("mit")
    other_number = parse_number(other_id)
    other = volunteer_or_404(current_user, other_number) if other_number else None
    if other is not None and form.validate_on_submit():
        try:
            kept = intake.merge_volunteers(
                first_id=volunteer.id, second_id=other.id, staff=current_user
            )
        except OperationError as error:
            flash(str(error), "error")
        else:
            flash(_("Die Einträge sind zusammengeführt."))
            return redirect(url_for("intake.volunteer_detail", volunteer_id=kept.id))
    if other is not None and not volunteer.same_person_as(other):
        abort(404)
    return render_template(
        "intake/volunteer_merge.html",
        volunteer=volunteer,
        other=other,
        form=form,
        candidates=queries.likely_duplicates_of_volunteer(current_user, volunteer),
    )


# --- Requests --------------------------------------------------------------------------------


@bp.route("/anfragen")
@staff_required
def requests():
    statuses = {**labels.ENUM_LABELS[RequestStatus], ON_HOLD: _("zurückgestellt")}
    form = _filter_form(RequestFilterForm, statuses)
    page, badges = queries.request_page(current_user, _filters(form))
    return render_template(
        "intake/requests.html",
        form=form,
        page=page,
        badges=badges,
        **_context(),
    )


@bp.route("/anfragen/<id:request_id>")
@staff_required
def request_detail(request_id: int):
    request_or_404(current_user, request_id)
    intake.record_view(staff=current_user, subject_type="request", subject_id=request_id)
    return render_request(request_or_404(current_user, request_id))


def render_request(mentee_request: MenteeRequest, **forms):
    forms = {**status_forms(), **forms}
    return render_template(
        "intake/request_detail.html",
        mentee_request=mentee_request,
        slots=set(availability.decode(mentee_request.availability)),
        look_alikes=queries.likely_duplicates_of_request(current_user, mentee_request),
        action_form=ActionForm(),
        staff_names=staff_names(
            [mentee_request.status_changed_by_id, mentee_request.first_contact_by_id]
        ),
        **forms,
        **_history("request", mentee_request.id, Proposal.request_id),
        edit_url=url_for("intake.request_edit", request_id=mentee_request.id),
        **_context(),
    )


@bp.route("/anfragen/<id:request_id>/geprueft", methods=["POST"])
@staff_required
def request_checked(request_id: int):
    request_or_404(current_user, request_id)
    if ActionForm().validate_on_submit():
        try:
            intake.mark_request_checked(request_id=request_id, staff=current_user)
            flash(_("Die Anfrage ist geprüft und kann jetzt vermittelt werden."))
        except OperationError as error:
            flash(str(error), "error")
    return redirect(url_for("intake.request_detail", request_id=request_id))


@bp.route("/anfragen/<id:request_id>/doppelte-anmeldungen", methods=["POST"])
@staff_required
def request_resolve_flags(request_id: int):
    request_or_404(current_user, request_id)
    if ActionForm().validate_on_submit():
        try:
            intake.resolve_duplicate_flags(request_id=request_id, staff=current_user)
            flash(_("Die doppelten Anmeldungen sind als erledigt markiert."))
        except OperationError as error:
            flash(str(error), "error")
    return redirect(url_for("intake.request_detail", request_id=request_id))


@bp.route("/anfragen/<id:request_id>/zusammenfuehren", methods=["GET", "POST"])
@staff_required
def request_merge(request_id: int):
    mentee_request = request_or_404(current_user, request_id)
    form = MergeForm()
    other_id = form.other.data if form.is_submitted() else request.args.get("mit")
    other_number = parse_number(other_id)
    other = request_or_404(current_user, other_number) if other_number else None
    if other is not None and form.validate_on_submit():
        try:
            kept = intake.merge_requests(
                first_id=mentee_request.id, second_id=other.id, staff=current_user
            )
        except OperationError as error:
            flash(str(error), "error")
        else:
            flash(_("Die Anfragen sind zusammengeführt."))
            return redirect(url_for("intake.request_detail", request_id=kept.id))
    if other is not None and not mentee_request.same_person_as(other):
        abort(404)
    return render_template(
        "intake/request_merge.html",
        mentee_request=mentee_request,
        other=other,
        form=form,
        candidates=queries.likely_duplicates_of_request(current_user, mentee_request),
    )
