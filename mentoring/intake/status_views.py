"""Casework steps on a volunteer's or a request's record: status changes and first contact."""

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentoring.access import staff_required
from mentoring.intake import bp, views
from mentoring.intake.forms import ActionForm
from mentoring.intake.status_forms import (
    PREFIXES,
    CloseForm,
    FirstContactForm,
    HoldForm,
    PauseForm,
    WithdrawForm,
)
from mentoring.models import CloseReason, FirstContactChannel, WithdrawReason
from mentoring.operations import OperationError
from mentoring.operations import person_status as status
from mentoring.scoping import request_or_404, volunteer_or_404


def _step(kind: str, person_id: int, form_key: str, form_class, run, done: str):
    """Validate, run the operation, flash, redirect; else the record again with the messages."""
    find = volunteer_or_404 if kind == "volunteer" else request_or_404
    find(current_user, person_id)
    form = form_class(prefix=PREFIXES[form_key])
    if form.validate_on_submit():
        try:
            run(form)
        except OperationError as error:
            next(iter(f for f in form if f.type != "CSRFTokenField")).errors.append(str(error))
        else:
            flash(done)
            return redirect(_record_url(kind, person_id))
    person = find(current_user, person_id)
    render = views.render_volunteer if kind == "volunteer" else views.render_request
    return render(person, **{form_key: form, "failed_form": form})


def _button(kind: str, person_id: int, run, done: str):
    """A step without input (re-activate, re-open): flash the outcome, back to the record."""
    (volunteer_or_404 if kind == "volunteer" else request_or_404)(current_user, person_id)
    if ActionForm().validate_on_submit():
        try:
            run()
            flash(done)
        except OperationError as error:
            flash(str(error), "error")
    return redirect(_record_url(kind, person_id))


def _record_url(kind: str, person_id: int) -> str:
    if kind == "volunteer":
        return url_for("intake.volunteer_detail", volunteer_id=person_id, _anchor="status")
    return url_for("intake.request_detail", request_id=person_id, _anchor="status")


# --- Volunteers ------------------------------------------------------------------------------


@bp.route("/ehrenamtliche/<id:volunteer_id>/pausieren", methods=["POST"])
@staff_required
def volunteer_pause(volunteer_id: int):
    return _step(
        "volunteer",
        volunteer_id,
        "pause_form",
        PauseForm,
        lambda form: status.pause_volunteer(
            volunteer_id=volunteer_id,
            until=form.paused_until.data,
            note=form.note.data,
            staff=current_user,
        ),
        _(
            "Die Person ist pausiert und wird bis dahin nicht vorgeschlagen. Laufende "
            "Tandems gehen weiter; offene Vorschläge sind geschlossen."
        ),
    )


@bp.route("/ehrenamtliche/<id:volunteer_id>/zurueckziehen", methods=["POST"])
@staff_required
def volunteer_withdraw(volunteer_id: int):
    return _step(
        "volunteer",
        volunteer_id,
        "withdraw_form",
        WithdrawForm,
        lambda form: status.withdraw_volunteer(
            volunteer_id=volunteer_id,
            reason=WithdrawReason(form.reason.data),
            note=form.note.data,
            staff=current_user,
        ),
        _("Die Person ist zurückgezogen; offene Vorschläge sind geschlossen."),
    )


@bp.route("/ehrenamtliche/<id:volunteer_id>/wieder-aktivieren", methods=["POST"])
@staff_required
def volunteer_reactivate(volunteer_id: int):
    return _button(
        "volunteer",
        volunteer_id,
        lambda: status.reactivate_volunteer(volunteer_id=volunteer_id, staff=current_user),
        _(
            "Die Person ist wieder aktiv und kann vorgeschlagen werden, sobald die Prüfung "
            "vollständig ist."
        ),
    )


@bp.route("/ehrenamtliche/<id:volunteer_id>/erstkontakt", methods=["POST"])
@staff_required
def volunteer_first_contact(volunteer_id: int):
    return _step(
        "volunteer",
        volunteer_id,
        "contact_form",
        FirstContactForm,
        lambda form: status.record_first_contact(
            kind="volunteer",
            person_id=volunteer_id,
            contacted_on=form.contacted_on.data,
            channel=FirstContactChannel(form.channel.data),
            staff=current_user,
        ),
        _("Der Erstkontakt ist gespeichert."),
    )


# --- Requests --------------------------------------------------------------------------------


@bp.route("/anfragen/<id:request_id>/zurueckstellen", methods=["POST"])
@staff_required
def request_hold(request_id: int):
    return _step(
        "request",
        request_id,
        "hold_form",
        HoldForm,
        lambda form: status.hold_request(
            request_id=request_id,
            until=form.on_hold_until.data,
            note=form.note.data,
            staff=current_user,
        ),
        _("Die Anfrage ist zurückgestellt; offene Vorschläge sind geschlossen."),
    )


@bp.route("/anfragen/<id:request_id>/abschliessen", methods=["POST"])
@staff_required
def request_close(request_id: int):
    return _step(
        "request",
        request_id,
        "close_form",
        CloseForm,
        lambda form: status.close_request(
            request_id=request_id,
            reason=CloseReason(form.reason.data),
            note=form.note.data,
            staff=current_user,
        ),
        _("Die Anfrage ist abgeschlossen; offene Vorschläge sind geschlossen."),
    )


@bp.route("/anfragen/<id:request_id>/wieder-oeffnen", methods=["POST"])
@staff_required
def request_reopen(request_id: int):
    return _button(
        "request",
        request_id,
        lambda: status.reopen_request(request_id=request_id, staff=current_user),
        _("Die Anfrage ist wieder offen und wird bei der Vermittlung berücksichtigt."),
    )


@bp.route("/anfragen/<id:request_id>/erstkontakt", methods=["POST"])
@staff_required
def request_first_contact(request_id: int):
    return _step(
        "request",
        request_id,
        "contact_form",
        FirstContactForm,
        lambda form: status.record_first_contact(
            kind="request",
            person_id=request_id,
            contacted_on=form.contacted_on.data,
            channel=FirstContactChannel(form.channel.data),
            staff=current_user,
        ),
        _("Der Erstkontakt ist gespeichert."),
    )
