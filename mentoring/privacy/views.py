"""Privacy pages for staff: find a person, export, withdraw consent, erase; the audit log."""

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from mentoring import labels
from mentoring.access import admin_required, is_admin, staff_required
from mentoring.links import public_url
from mentoring.operations import OperationError, disclosure, erasure, withdrawal
from mentoring.pagination import requested_page
from mentoring.personal_data import export, records
from mentoring.privacy import bp, queries
from mentoring.privacy.forms import (
    AuditFilterForm,
    EraseForm,
    HandOutForm,
    ReviewForm,
    SearchForm,
    WithdrawForm,
)

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


@bp.route(f"/{KIND}/auskunft", methods=["GET", "POST"])
@staff_required
def export_review(kind: str, person_id: int):
    """Staff read the export and tick the third-party data to redact before it is handed out."""
    form = ReviewForm()
    if form.validate_on_submit():
        try:
            token = disclosure.review_export(
                kind=kind,
                person_id=person_id,
                staff=current_user,
                shown=form.keys(form.shown),
                redact=form.keys(form.redact),
            )
        except records.PersonNotFound:
            abort(404)
        return redirect(
            url_for("privacy.export_handout", kind=kind, person_id=person_id, freigabe=token)
        )
    try:
        prepared = disclosure.preview_export(kind=kind, person_id=person_id, staff=current_user)
    except records.PersonNotFound:
        abort(404)
    form.shown.data = ",".join(c.key for c in prepared.candidates)
    if not form.is_submitted():
        form.redact.data = [c.key for c in prepared.candidates]
    return render_template(
        "privacy/export.html",
        kind=kind,
        person_id=person_id,
        document=prepared.document,
        candidates=prepared.candidates,
        form=form,
    ), (400 if form.errors else 200)


@bp.route(f"/{KIND}/auskunft/ausgabe")
@staff_required
def export_handout(kind: str, person_id: int):
    """The reviewed, redacted document to print and hand out, with the downloads."""
    token = request.args.get("freigabe", "")[:20_000]
    language = _document_language(request.args.get("sprache"))
    try:
        with force_locale(language):
            document, _data, red = disclosure.hand_out(
                kind=kind, person_id=person_id, staff=current_user, token=token, fmt="html"
            )
    except records.PersonNotFound:
        abort(404)
    except disclosure.NotReviewed as error:
        return render_template(
            "privacy/export_not_reviewed.html", kind=kind, person_id=person_id, message=str(error)
        )
    with force_locale(language):  # the document in its language, the page around it German
        body = Markup(
            render_template("privacy/_handout_body.html", document=document, language=language)
        )
    return render_template(
        "privacy/export_document.html",
        document=document,
        body=body,
        kind=kind,
        person_id=person_id,
        redacted=len(red.redacted),
        form=HandOutForm(data={"freigabe": token, "sprache": language}),
        for_print=False,
        token=token,
        language=language,
        language_labels=labels.LOCALE_LABELS,
    )


@bp.route(f"/{KIND}/auskunft.pdf", methods=["POST"])
@staff_required
def export_pdf(kind: str, person_id: int):
    form = HandOutForm()
    if not form.validate_on_submit():
        abort(400)
    language = _document_language(form.sprache.data)
    try:
        with force_locale(language):
            document, _data, red = disclosure.hand_out(
                kind=kind,
                person_id=person_id,
                staff=current_user,
                token=form.freigabe.data,
                fmt="pdf",
            )
    except records.PersonNotFound:
        abort(404)
    except disclosure.NotReviewed as error:
        flash(str(error), "error")
        return redirect(url_for("privacy.export_review", kind=kind, person_id=person_id))
    with force_locale(language):
        body = Markup(
            render_template("privacy/_handout_body.html", document=document, language=language)
        )
        html = render_template(
            "privacy/export_document.html",
            body=body,
            document=document,
            kind=kind,
            person_id=person_id,
            redacted=len(red.redacted),
            form=None,
            for_print=True,
            language=language,
        )
    return Response(
        export.document_pdf(html),
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="auskunft-{document.reference}.pdf"'
        },
    )


@bp.route(f"/{KIND}/auskunft.json", methods=["POST"])
@staff_required
def export_json(kind: str, person_id: int):
    form = HandOutForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        _document, data, _red = disclosure.hand_out(
            kind=kind, person_id=person_id, staff=current_user, token=form.freigabe.data, fmt="json"
        )
    except records.PersonNotFound:
        abort(404)
    except disclosure.NotReviewed as error:
        flash(str(error), "error")
        return redirect(url_for("privacy.export_review", kind=kind, person_id=person_id))
    filename = f"auskunft-{data['meta']['reference']}.json"
    return Response(
        export.export_json(data),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
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


def _document_language(wanted: str | None) -> str:
    """The language of the handed-out document: German unless one of the public languages."""
    return wanted if wanted in current_app.config["LANGUAGES"] else "de"


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
