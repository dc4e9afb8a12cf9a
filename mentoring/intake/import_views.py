"""Manual import of volunteer lists: upload, preview with per-row errors, confirm."""

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from itsdangerous import BadSignature

from mentoring import signing
from mentoring.access import staff_required, visible_programmes
from mentoring.intake import bp
from mentoring.intake.forms import IMPORT_MAX_BYTES, ImportConfirmForm, ImportUploadForm
from mentoring.operations import OperationError
from mentoring.operations import volunteer_import as importer

# The checked file travels from the preview to the confirmation in a signed hidden field:
# nothing is written before the coordinator confirms, the server keeps no upload state, and the
# signature means the confirmed text is exactly the previewed one. The session cookie could not
# hold a file of this size (browsers cap cookies at about 4 KB).
PAYLOAD_MAX_AGE = 24 * 3600


def _max_bytes() -> int:
    return current_app.config.get("IMPORT_MAX_BYTES", IMPORT_MAX_BYTES)


@bp.url_value_preprocessor
def _import_limits(endpoint, values):
    """Limits for the upload, set before the CSRF check reads the body (413: German page)."""
    if endpoint in ("intake.volunteer_import", "intake.volunteer_import_confirm"):
        limit = _max_bytes()
        request.max_content_length = 2 * limit  # the signed text may be larger than the file
        request.max_form_memory_size = 2 * limit


def _page(**context):
    return render_template(
        "intake/volunteer_import.html",
        columns=importer.COLUMNS,
        required=importer.REQUIRED_COLUMNS,
        example=importer.EXAMPLE_ROW,
        programmes=visible_programmes(current_user),
        **context,
    )


@bp.route("/import", methods=["GET", "POST"])
@staff_required
def volunteer_import():
    form = ImportUploadForm()
    if form.validate_on_submit():
        raw = form.csv_file.data.read(_max_bytes() + 1)
        if len(raw) > _max_bytes():
            form.csv_file.errors.append(_("Die Datei ist zu groß. Bitte teilen Sie sie auf."))
            return _page(form=form)
        try:
            text = importer.decode_upload(raw)
        except OperationError as error:
            form.csv_file.errors.append(str(error))
            return _page(form=form)
        checked = importer.check_import(csv_text=text, staff=current_user)
        confirm = ImportConfirmForm(
            formdata=None, payload=signing.dumps(signing.VOLUNTEER_IMPORT, text)
        )
        return render_template(
            "intake/volunteer_import_preview.html",
            checked=checked,
            confirm=confirm,
            filename=form.csv_file.data.filename,
        )
    return _page(form=form)


@bp.route("/import/bestaetigen", methods=["POST"])
@staff_required
def volunteer_import_confirm():
    form = ImportConfirmForm()
    try:
        text = signing.loads(
            signing.VOLUNTEER_IMPORT, form.payload.data or "", max_age=PAYLOAD_MAX_AGE
        )
    except BadSignature:
        flash(
            _(
                "Die Vorschau ist abgelaufen oder unvollständig. Bitte laden Sie die Datei "
                "noch einmal hoch."
            )
        )
        return redirect(url_for("intake.volunteer_import"))
    try:
        count = importer.import_volunteers(csv_text=text, staff=current_user)
    except OperationError as error:
        flash(str(error), "error")
        checked = importer.check_import(csv_text=text, staff=current_user)
        return render_template(
            "intake/volunteer_import_preview.html", checked=checked, confirm=form, filename=None
        )
    flash(
        ngettext("%(num)d Person wurde übernommen.", "%(num)d Personen wurden übernommen.", count)
    )
    return redirect(url_for("intake.volunteers", sort="new"))


@bp.route("/import/vorlage.csv")
@staff_required
def volunteer_import_template():
    # A BOM makes Excel open the UTF-8 file with the right umlauts.
    body = "\ufeff" + importer.template_csv()
    return Response(
        body.encode("utf-8"),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=vorlage-ehrenamtliche.csv"},
    )
