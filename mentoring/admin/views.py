"""Account management pages. Only admins; every change is one operation, audited there."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from mentoring.access import is_admin
from mentoring.admin import bp, queries
from mentoring.admin.forms import (
    LOCALE_NAMES,
    TRANSLATED_LOCALES,
    WEIGHT_LABELS,
    AccessForm,
    ActionForm,
    ProgrammeForm,
    StaffForm,
)
from mentoring.links import public_url
from mentoring.models import StaffRole
from mentoring.operations import OperationError
from mentoring.operations import programmes as programme_settings
from mentoring.operations import staff as accounts
from mentoring.operations.two_factor import reset_second_factor


@bp.before_request
@login_required
def _admins_only():
    if not is_admin(current_user):
        abort(403)


@bp.route("/")
def staff_list():
    return render_template("admin/staff_list.html", staff=queries.all_staff())


@bp.route("/neu", methods=["GET", "POST"])
def staff_new():
    form = StaffForm()
    form.set_department_choices(queries.departments())
    if form.validate_on_submit():
        try:
            user, token = accounts.add_staff(
                staff=current_user,
                email=form.email.data,
                name=form.name.data,
                role=StaffRole(form.role.data),
                department_codes=form.departments.data or [],
            )
        except OperationError as error:
            form.email.errors.append(str(error))
        else:
            return _show_link(user, token, _("Das Konto ist angelegt."))
    return render_template("admin/staff_new.html", form=form)


@bp.route("/<id:staff_id>")
def staff_detail(staff_id: int):
    user = queries.staff_member(staff_id) or abort(404)
    form = AccessForm(
        data={"role": user.role.value, "departments": [d.code for d in user.departments]}
    )
    form.set_department_choices(queries.departments())
    return render_template("admin/staff_detail.html", user=user, form=form, action=ActionForm())


@bp.route("/<id:staff_id>/zugang", methods=["POST"])
def staff_access(staff_id: int):
    user = queries.staff_member(staff_id) or abort(404)
    form = AccessForm()
    form.set_department_choices(queries.departments())
    if form.validate_on_submit():
        try:
            accounts.change_access(
                staff=current_user,
                target_id=user.id,
                role=StaffRole(form.role.data),
                department_codes=form.departments.data or [],
            )
        except OperationError as error:
            form.departments.errors.append(str(error))
        else:
            flash(_("Rolle und Fachbereiche sind gespeichert."))
            return redirect(url_for("admin.staff_detail", staff_id=user.id))
    return render_template("admin/staff_detail.html", user=user, form=form, action=ActionForm())


@bp.route("/<id:staff_id>/deaktivieren", methods=["POST"])
def staff_deactivate(staff_id: int):
    return _act(staff_id, accounts.deactivate, _("Das Konto ist deaktiviert."))


@bp.route("/<id:staff_id>/aktivieren", methods=["POST"])
def staff_reactivate(staff_id: int):
    return _act(staff_id, accounts.reactivate, _("Das Konto ist wieder aktiv."))


@bp.route("/<id:staff_id>/zwei-faktor-zuruecksetzen", methods=["POST"])
def staff_reset_2fa(staff_id: int):
    message = _(
        "Der zweite Faktor ist zurückgesetzt. Bei der nächsten Anmeldung wird er neu eingerichtet."
    )
    return _act(staff_id, reset_second_factor, message)


@bp.route("/<id:staff_id>/passwort-link", methods=["POST"])
def staff_password_link(staff_id: int):
    user = queries.staff_member(staff_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        token = accounts.issue_set_password_link(staff=current_user, target_id=user.id)
    except OperationError as error:
        flash(str(error), "error")
        return redirect(url_for("admin.staff_detail", staff_id=user.id))
    return _show_link(
        user, token, _("Ein neuer Link ist erstellt; ältere Links gelten nicht mehr.")
    )


def _act(staff_id: int, operation, message: str):
    """A button on the detail page: one operation, then back to the page."""
    user = queries.staff_member(staff_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        operation(staff=current_user, target_id=user.id)
    except OperationError as error:
        flash(str(error), "error")
    else:
        flash(message)
    return redirect(url_for("admin.staff_detail", staff_id=user.id))


def _show_link(user, token: str, message: str):
    """The link is shown once, in this response: only its hash is stored."""
    # From PUBLIC_BASE_URL like every link handed out; the admin's own address until it is set.
    link = public_url("auth.set_password", token=token) or url_for(
        "auth.set_password", token=token, _external=True
    )
    return render_template("admin/link.html", user=user, link=link, message=message)


@bp.route("/programme")
def programme_list():
    return render_template("admin/programme_list.html", programmes=queries.all_programmes())


@bp.route("/programme/<id:programme_id>", methods=["GET", "POST"])
def programme_edit(programme_id: int):
    programme = queries.programme(programme_id) or abort(404)
    form = ProgrammeForm(data=_programme_data(programme))
    form.set_department_choices(queries.departments())
    for part, value in programme_settings.default_weights().items():
        form[f"weight_{part}"].description = _("Standard: %(value)s", value=_decimal(value))
    if form.validate_on_submit():
        try:
            changed = programme_settings.update_programme(
                staff=current_user,
                programme_id=programme.id,
                settings={name: form[name].data for name in programme_settings.SETTINGS},
                department_code=form.department.data,
                active=form.active.data == "active",
                weights=form.weights(),
                translations=form.translations(),
            )
        except OperationError as error:
            flash(str(error), "error")
        else:
            flash(_("Die Einstellungen sind gespeichert.") if changed else _("Nichts geändert."))
            return redirect(url_for("admin.programme_edit", programme_id=programme.id))
    return render_template(
        "admin/programme_edit.html",
        programme=programme,
        form=form,
        locales=TRANSLATED_LOCALES,
        locale_names=LOCALE_NAMES,
        weight_labels=WEIGHT_LABELS,
        default_weights=programme_settings.default_weights(),
        running_tandems=programme_settings.running_tandems(programme.id),
    )


def _programme_data(programme) -> dict:
    """The stored settings as form data; weights show the engine's defaults where unset."""
    data = {name: getattr(programme, name) for name in programme_settings.SETTINGS}
    data["department"] = programme.department.code
    data["active"] = "active" if programme.active else "planned"
    weights = {**programme_settings.default_weights(), **(programme.matching_weights or {})}
    data.update({f"weight_{part}": _decimal(value) for part, value in weights.items()})
    for row in programme.translations:
        for field in ("name", "summary", "volunteer_task"):
            data[f"{field}_{row.locale}"] = getattr(row, field)
    return data


def _decimal(value) -> str:
    return f"{float(value):g}".replace(".", ",")
