"""Privacy pages for staff: find a person, export, withdraw consent, erase; the audit log."""

import json

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentoring import labels
from mentoring.access import admin_required, is_admin, staff_required
from mentoring.links import public_url
from mentoring.operations import OperationError, disclosure, erasure, withdrawal
from mentoring.pagination import requested_page
from mentoring.personal_data import export, records
from mentoring.privacy import bp, queries
from mentoring.privacy.docs import TABLES
from mentoring.privacy.forms import AuditFilterForm, EraseForm, SearchForm, WithdrawForm

KIND = "<any(volunteer, request):kind>/<id:person_id>"


@bp.route("/")
@staff_required
def index():
    form = SearchForm(request.args)
    hits = (
        queries.search_people(current_user, form.q.data)
        if form.validate() and form.q.data
        else None
    )
    return render_template("privacy/index.html", form=form, hits=hits, periods=_periods())


@bp.route(f"/{KIND}")
@staff_required
def person(kind: str, person_id: int):
    return _render_person(kind, person_id, WithdrawForm(), EraseForm())


@bp.route(f"/{KIND}/auskunft.json")
@staff_required
def export_json(kind: str, person_id: int):
    data = _export(kind, person_id, "json")
    filename = f"auskunft-{data['meta']['reference']}.json"
    return Response(
        export.export_json(data),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.route(f"/{KIND}/auskunft")
@staff_required
def export_html(kind: str, person_id: int):
    data = _export(kind, person_id, "html")
    titles = {name: info[0] for name, info in TABLES.items()}
    titles.update(
        audit_log=_("Protokolleinträge zu dieser Person"),
        matching_runs=_("Begründungen aus Vermittlungsläufen"),
    )
    return render_template(
        "privacy/export.html", data=data, kind=kind, person_id=person_id, titles=titles, show=_show
    )


@bp.route(f"/{KIND}/widerruf", methods=["POST"])
@staff_required
def withdraw(kind: str, person_id: int):
    form = WithdrawForm()
    if not form.validate_on_submit():
        return _render_person(kind, person_id, form, EraseForm(formdata=None), failed=form)
    try:
        result = withdrawal.withdraw_consent(kind=kind, person_id=person_id, staff=current_user)
    except records.PersonNotFound:
        abort(404)
    except OperationError as error:
        flash(str(error), "error")
    else:
        flash(
            _(
                "Der Widerruf ist eingetragen: %(proposals)s Vorschläge geschlossen, "
                "%(tandems)s Tandems beendet. Die Daten werden nach der Frist gelöscht.",
                proposals=result.proposals_closed,
                tandems=result.tandems_ended,
            )
        )
    return redirect(url_for("privacy.person", kind=kind, person_id=person_id))


@bp.route(f"/{KIND}/loeschen", methods=["POST"])
@staff_required
def erase(kind: str, person_id: int):
    form = EraseForm()
    if not form.validate_on_submit():
        return _render_person(kind, person_id, WithdrawForm(formdata=None), form, failed=form)
    try:
        erasure.erase_person(kind=kind, person_id=person_id, staff=current_user)
    except records.PersonNotFound:
        abort(404)
    except OperationError as error:
        flash(str(error), "error")
    else:
        flash(_("Die Daten sind gelöscht. Für die Statistik bleibt ein anonymer Eintrag."))
    return redirect(url_for("privacy.person", kind=kind, person_id=person_id))


@bp.route("/protokoll")
@admin_required
def audit_log():
    form = AuditFilterForm(request.args)
    form.subject_type.choices = [("", _("alle"))] + [
        (key, str(label)) for key, label in labels.AUDIT_SUBJECTS.items()
    ]
    names = queries.staff_names()
    form.staff_id.choices = [("", _("alle"))] + [(str(i), n) for i, n in names.items()]
    filters = queries.AuditFilters()
    if form.validate():
        filters = queries.AuditFilters(
            subject_type=form.subject_type.data or None,
            subject_id=form.subject_id.data,
            staff_id=int(form.staff_id.data) if form.staff_id.data else None,
            date_from=form.date_from.data,
            date_to=form.date_to.data,
        )
    page = queries.audit_page(filters, requested_page())
    return render_template(
        "privacy/audit_log.html",
        form=form,
        page=page,
        staff_names=names,
        actions=labels.AUDIT_ACTIONS,
        subjects=labels.AUDIT_SUBJECTS,
        references=queries.subject_references(page.items),
        audit_detail=labels.audit_detail,
    )


def _export(kind: str, person_id: int, fmt: str) -> dict:
    try:
        return disclosure.export_person(kind=kind, person_id=person_id, staff=current_user, fmt=fmt)
    except records.PersonNotFound:
        abort(404)


def _render_person(kind: str, person_id: int, withdraw_form, erase_form, failed=None):
    try:
        overview = disclosure.view_person(kind=kind, person_id=person_id, staff=current_user)
    except records.PersonNotFound:
        abort(404)
    link = (
        public_url("withdrawal.confirm", token=overview.withdrawal_link_token)
        if overview.withdrawal_link_token
        else None
    )
    return render_template(
        "privacy/person.html",
        kind=kind,
        overview=overview,
        person=overview.person,
        name=queries.person_name(kind, overview.person),
        withdrawal_link=link,
        withdrawal_state=records.withdrawal_state(kind, person_id),
        withdraw_form=withdraw_form,
        erase_form=erase_form,
        failed_form=failed,
        is_admin=is_admin(current_user),
    ), (400 if failed else 200)


def _show(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _periods() -> dict:
    config = current_app.config
    return {
        key: config[key]
        for key in (
            "PURGE_UNPROCESSED_SIGNUP_MONTHS",
            "PURGE_POLICE_CHECK_AFTER_END_MONTHS",
            "PURGE_TANDEM_NOTES_MONTHS",
            "PRIVACY_WITHDRAWN_GRACE_DAYS",
        )
    }
