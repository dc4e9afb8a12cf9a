"""Tandem pages: the list, and one tandem with its history, next steps, check-ins and notes."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentoring import clock
from mentoring.access import staff_names, staff_required
from mentoring.labels import label
from mentoring.models import EndReason, TandemStatus
from mentoring.operations import OperationError, meetings
from mentoring.operations import tandems as ops
from mentoring.operations.intake import record_view
from mentoring.pagination import requested_page
from mentoring.scoping import tandem_or_404
from mentoring.tandems import bp, papers
from mentoring.tandems import queries as q
from mentoring.tandems.engagement_forms import CertificateForm, HoursForm, RemoveHoursForm
from mentoring.tandems.forms import (
    CancelMeetingForm,
    CheckInForm,
    CorrectFirstMeetingForm,
    EndForm,
    FirstMeetingForm,
    MeetingPlanForm,
    NoteForm,
    StatusForm,
)

STATUS_FILTERS = ("running", *[s.value for s in TandemStatus])


def _forms(**bound) -> dict:
    forms = {
        "meeting_form": FirstMeetingForm(prefix="meeting", formdata=None),
        "correct_form": CorrectFirstMeetingForm(prefix="correct", formdata=None),
        "status_form": StatusForm(prefix="status", formdata=None),
        "end_form": EndForm(prefix="end", formdata=None),
        "check_in_form": CheckInForm(prefix="checkin", formdata=None),
        "note_form": NoteForm(prefix="note", formdata=None),
        "hours_form": HoursForm(prefix="hours", formdata=None),
        "remove_hours_form": RemoveHoursForm(prefix="remove", formdata=None),
        "certificate_form": CertificateForm(formdata=None),
        "plan_form": MeetingPlanForm(prefix="plan", formdata=None),
        "cancel_meeting_form": CancelMeetingForm(prefix="cancelmeeting", formdata=None),
    }
    forms.update(bound)
    return forms


def _detail(tandem_id: int, status: int = 200, **bound):
    tandem = tandem_or_404(current_user, tandem_id)
    if "plan_form" not in bound and tandem.meeting_at is not None:
        local = tandem.meeting_at.astimezone(clock.zone())
        bound["plan_form"] = MeetingPlanForm(
            prefix="plan",
            formdata=None,
            data={"on": local.date(), "at": local.strftime("%H:%M"), "place": tandem.meeting_place},
        )
    people = {e.staff_id for e in tandem.events} | {n.staff_id for n in tandem.notes}
    people |= {c.done_by_id for c in tandem.check_ins}
    hours = papers.hours_of_tandem(tandem.id)
    people |= {h.recorded_by_id for h in hours}
    return render_template(
        "tandems/detail.html",
        tandem=tandem,
        staff=staff_names([i for i in people if i]),
        targets=[t for t in ops.SIMPLE_TARGETS if t in ops.allowed_targets(tandem.status)],
        open_check_in=next((c for c in tandem.check_ins if c.done_on is None), None),
        hours=hours,
        hours_total=sum(h.hours for h in hours),
        **_forms(**bound),
    ), status


def _done(tandem_id: int, message: str, category: str = "message"):
    flash(message, category)
    return redirect(url_for("tandems.detail", tandem_id=tandem_id))


@bp.route("/tandems")
@staff_required
def index():
    status = request.args.get("status", "running")
    status = status if status in STATUS_FILTERS else "running"
    page = q.tandem_list(current_user, status, requested_page())
    return render_template(
        "tandems/index.html",
        page=page,
        status=status,
        filters=STATUS_FILTERS,
        next_check_ins=q.next_check_ins([t.id for t in page.items]),
    )


@bp.route("/tandems/<id:tandem_id>")
@staff_required
def detail(tandem_id: int):
    page = _detail(tandem_id)
    record_view(staff=current_user, subject_type="tandem", subject_id=tandem_id)
    return page


@bp.route("/tandems/<id:tandem_id>/erstes-treffen", methods=["POST"])
@staff_required
def first_meeting(tandem_id: int):
    tandem_or_404(current_user, tandem_id)
    form = FirstMeetingForm(prefix="meeting")
    if not form.validate_on_submit():
        return _detail(tandem_id, 400, meeting_form=form)
    try:
        ops.record_first_meeting(
            tandem_id=tandem_id,
            staff=current_user,
            met_on=form.met_on.data,
            coordinator_present=form.coordinator_present.data,
        )
    except OperationError as error:
        return _done(tandem_id, str(error), "error")
    return _done(tandem_id, _("Das erste Treffen ist eingetragen. Das erste Gespräch ist geplant."))


@bp.route("/tandems/<id:tandem_id>/erstes-treffen/planen", methods=["POST"])
@staff_required
def plan_meeting(tandem_id: int):
    tandem = tandem_or_404(current_user, tandem_id)
    form = MeetingPlanForm(prefix="plan")
    if not form.validate_on_submit():
        return _detail(tandem_id, 400, plan_form=form)
    moved = tandem.meeting_at is not None
    try:
        meetings.plan_first_meeting(
            tandem_id=tandem_id, staff=current_user, start=form.start(), place=form.place.data
        )
    except OperationError as error:
        return _done(tandem_id, str(error), "error")
    if moved:
        return _done(tandem_id, _("Der Termin ist geändert. Beide Seiten bekommen die Änderung."))
    return _done(tandem_id, _("Die Einladung zum ersten Treffen geht an beide Seiten."))


@bp.route("/tandems/<id:tandem_id>/erstes-treffen/absagen", methods=["POST"])
@staff_required
def cancel_meeting(tandem_id: int):
    tandem_or_404(current_user, tandem_id)
    if not CancelMeetingForm(prefix="cancelmeeting").validate_on_submit():
        return _done(
            tandem_id, _("Das Formular war veraltet. Bitte versuchen Sie es noch einmal."), "error"
        )
    try:
        meetings.cancel_first_meeting(tandem_id=tandem_id, staff=current_user)
    except OperationError as error:
        return _done(tandem_id, str(error), "error")
    return _done(tandem_id, _("Der Termin ist abgesagt. Beide Seiten bekommen die Absage."))


@bp.route("/tandems/<id:tandem_id>/erstes-treffen/berichtigen", methods=["POST"])
@staff_required
def correct_first_meeting(tandem_id: int):
    tandem_or_404(current_user, tandem_id)
    form = CorrectFirstMeetingForm(prefix="correct")
    if not form.validate_on_submit():
        return _detail(tandem_id, 400, correct_form=form)
    try:
        ops.correct_first_meeting(tandem_id=tandem_id, staff=current_user, met_on=form.met_on.data)
    except OperationError as error:
        return _done(tandem_id, str(error), "error")
    return _done(tandem_id, _("Das Datum des ersten Treffens ist berichtigt."))


@bp.route("/tandems/<id:tandem_id>/status", methods=["POST"])
@staff_required
def status(tandem_id: int):
    tandem_or_404(current_user, tandem_id)
    form = StatusForm(prefix="status")
    if not form.validate_on_submit() or form.target() is None:
        return _done(tandem_id, _("Bitte wählen Sie einen gültigen Schritt."), "error")
    try:
        tandem = ops.change_status(tandem_id=tandem_id, staff=current_user, to_status=form.target())
    except OperationError as error:
        return _done(tandem_id, str(error), "error")
    return _done(tandem_id, _("Neuer Status: %(status)s.", status=label(tandem.status)))


@bp.route("/tandems/<id:tandem_id>/beenden", methods=["POST"])
@staff_required
def end(tandem_id: int):
    tandem_or_404(current_user, tandem_id)
    form = EndForm(prefix="end")
    if not form.validate_on_submit():
        return _detail(tandem_id, 400, end_form=form)
    try:
        ops.end_tandem(
            tandem_id=tandem_id,
            staff=current_user,
            reason=EndReason(form.reason.data),
            ended_on=form.ended_on.data,
            note=form.note.data,
        )
    except OperationError as error:
        return _done(tandem_id, str(error), "error")
    return _done(tandem_id, _("Das Tandem ist beendet."))


@bp.route("/tandems/<id:tandem_id>/gespraeche/<id:check_in_id>", methods=["POST"])
@staff_required
def check_in(tandem_id: int, check_in_id: int):
    tandem = tandem_or_404(current_user, tandem_id)
    if check_in_id not in {c.id for c in tandem.check_ins}:
        return _done(tandem_id, _("Diesen Termin gibt es nicht."), "error")
    form = CheckInForm(prefix="checkin")
    if not form.validate_on_submit():
        return _detail(tandem_id, 400, check_in_form=form)
    try:
        ops.record_check_in(
            check_in_id=check_in_id,
            staff=current_user,
            done_on=form.done_on.data,
            summary=form.summary.data,
        )
    except OperationError as error:
        return _done(tandem_id, str(error), "error")
    return _done(tandem_id, _("Das Gespräch ist eingetragen."))


@bp.route("/tandems/<id:tandem_id>/notizen", methods=["POST"])
@staff_required
def note(tandem_id: int):
    tandem_or_404(current_user, tandem_id)
    form = NoteForm(prefix="note")
    if not form.validate_on_submit():
        return _detail(tandem_id, 400, note_form=form)
    try:
        ops.add_note(tandem_id=tandem_id, staff=current_user, text=form.text.data)
    except OperationError as error:
        return _done(tandem_id, str(error), "error")
    return _done(tandem_id, _("Die Notiz ist gespeichert."))
