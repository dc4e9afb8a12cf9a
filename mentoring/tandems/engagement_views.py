"""The papers of a tandem: the introduction meeting (Vermittlungsbogen, Patenschaftsvereinbarung),
the volunteer's hours per month and the Nachweis über ehrenamtliches Engagement."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentoring import clock
from mentoring.access import staff_required
from mentoring.operations import OperationError
from mentoring.operations import hours as hours_ops
from mentoring.operations.introductions import record_printed, save_introduction
from mentoring.pdf import html_to_pdf
from mentoring.scoping import tandem_or_404
from mentoring.tandems import bp, papers
from mentoring.tandems.engagement_forms import (
    CertificateForm,
    HoursForm,
    IntroductionForm,
    RemoveHoursForm,
)
from mentoring.tandems.views import _detail, _done

STYLESHEET = "documents-print.css"


def _pdf(template: str, filename: str, **context) -> Response:
    html = render_template(template, today=clock.today(), **context)
    response = Response(html_to_pdf(html, STYLESHEET), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _introduction_page(tandem, form, status=200):
    return render_template(
        "tandems/introduction.html",
        tandem=tandem,
        form=form,
        introduction=papers.introduction_of(tandem.id),
    ), status


@bp.route("/tandems/<id:tandem_id>/kennenlernen", methods=["GET", "POST"])
@staff_required
def introduction(tandem_id: int):
    tandem = tandem_or_404(current_user, tandem_id)
    saved = papers.introduction_of(tandem.id)
    form = IntroductionForm(obj=saved)
    if not form.is_submitted():
        return _introduction_page(tandem, form)
    if not form.validate():
        return _introduction_page(tandem, form, 400)
    try:
        save_introduction(
            tandem_id=tandem.id,
            staff=current_user,
            volunteer_shares=form.volunteer_shares.data,
            request_shares=form.request_shares.data,
            meeting_place=form.meeting_place.data,
            meeting_on=form.meeting_on.data,
            meeting_time=form.meeting_time.data,
            rhythm=form.rhythm.data,
            coordinator_phone=form.coordinator_phone.data,
        )
    except OperationError as error:
        flash(str(error), "error")
    else:
        flash(
            _(
                "Die Angaben zum Kennenlernen sind gespeichert. "
                "Sie können die Papiere jetzt drucken."
            )
        )
    return redirect(url_for("tandems.introduction", tandem_id=tandem.id))


@bp.route("/tandems/<id:tandem_id>/vermittlungsbogen.pdf")
@staff_required
def introduction_pdf(tandem_id: int):
    tandem = tandem_or_404(current_user, tandem_id)
    record_printed(tandem_id=tandem.id, staff=current_user, document="vermittlungsbogen")
    return _pdf(
        "tandems/pdf/vermittlungsbogen.html",
        f"vermittlungsbogen-tandem-{tandem.id}.pdf",
        **papers.paper_context(tandem, current_user),
    )


@bp.route("/tandems/<id:tandem_id>/vereinbarung.pdf")
@staff_required
def agreement_pdf(tandem_id: int):
    tandem = tandem_or_404(current_user, tandem_id)
    record_printed(tandem_id=tandem.id, staff=current_user, document="vereinbarung")
    return _pdf(
        "tandems/pdf/vereinbarung.html",
        f"patenschaftsvereinbarung-tandem-{tandem.id}.pdf",
        rules=papers.rules_for(tandem),
        **papers.paper_context(tandem, current_user),
    )


@bp.route("/tandems/<id:tandem_id>/stunden", methods=["POST"])
@staff_required
def hours(tandem_id: int):
    tandem_or_404(current_user, tandem_id)
    form = HoursForm(prefix="hours")
    if not form.validate_on_submit():
        return _detail(tandem_id, 400, hours_form=form)
    try:
        hours_ops.record_hours(
            tandem_id=tandem_id, month=form.month.data, hours=form.hours.data, staff=current_user
        )
    except OperationError as error:
        return _done(tandem_id, str(error), "error")
    return _done(
        tandem_id,
        _("Die Stunden für %(month)s sind gespeichert.", month=form.month.data.strftime("%m.%Y")),
    )


@bp.route("/tandems/<id:tandem_id>/stunden/loeschen", methods=["POST"])
@staff_required
def remove_hours(tandem_id: int):
    tandem_or_404(current_user, tandem_id)
    form = RemoveHoursForm(prefix="remove")
    if not form.validate_on_submit():
        return _done(tandem_id, _("Bitte wählen Sie einen eingetragenen Monat."), "error")
    try:
        hours_ops.remove_hours(tandem_id=tandem_id, month=form.month.data, staff=current_user)
    except OperationError as error:
        return _done(tandem_id, str(error), "error")
    return _done(
        tandem_id,
        _("Die Stunden für %(month)s sind gelöscht.", month=form.month.data.strftime("%m.%Y")),
    )


@bp.route("/tandems/<id:tandem_id>/nachweis.pdf")
@staff_required
def certificate_pdf(tandem_id: int):
    tandem = tandem_or_404(current_user, tandem_id)
    volunteer = tandem.volunteer
    if volunteer is None or volunteer.erased_at is not None:
        abort(404)
    form = CertificateForm(formdata=request.args)
    if not form.validate():
        return _detail(tandem_id, 400, certificate_form=form)
    summary = papers.volunteer_hours(
        volunteer.id, tandem.programme_id, form.start.data, form.end.data
    )
    if not summary.months:
        return _done(tandem_id, _("In diesem Zeitraum sind keine Stunden eingetragen."), "error")
    record_printed(tandem_id=tandem.id, staff=current_user, document="nachweis")
    return _pdf(
        "tandems/pdf/nachweis.html",
        f"nachweis-ehrenamt-{volunteer.reference}.pdf",
        tandem=tandem,
        volunteer=volunteer,
        summary=summary,
        by_month=form.by_month.data,
        coordinator=current_user,  # who prints it signs it
        department=tandem.programme.department.name,
    )
