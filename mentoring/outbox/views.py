"""Postausgang, Nicht zugestellt, the day's letters as one PDF, a message, resend."""

from datetime import UTC, datetime

from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentoring.access import staff_required
from mentoring.extensions import db
from mentoring.messages import letters
from mentoring.models import Message, MessageState
from mentoring.operations import OperationError, self_service
from mentoring.operations.messages import mark_letters_printed, message_for_staff, resend_message
from mentoring.outbox import bp, queries
from mentoring.outbox.forms import ActionForm, PrintedForm
from mentoring.pagination import requested_page
from mentoring.personal_data.records import PersonNotFound


@bp.app_template_global("person_messages")
def person_messages(kind: str, person_id: int) -> list[Message]:
    """For the `outbox/_person_messages.html` block on a person's page (scope checked there)."""
    return queries.of_person(kind, person_id)


@bp.app_template_global("message_state")
def message_state(message: Message) -> str:
    return queries.state_word(message)


@bp.app_template_global("message_alert")
def message_alert(message: Message) -> bool:
    """Failed or unclear: shown in red on the person's page."""
    return message.state is MessageState.FAILED or message.unclear(datetime.now(UTC))


@bp.route("/postausgang")
@staff_required
def index():
    letters_waiting = queries.letters_to_print(current_user)
    return render_template(
        "outbox/index.html",
        page=queries.waiting(current_user, requested_page()),
        letters=letters_waiting,
        printed_form=PrintedForm(ids=",".join(str(m.id) for m in letters_waiting)),
        mail_configured=bool(current_app.config.get("MAIL_SERVER")),
    )


@bp.route("/nicht-zugestellt")
@staff_required
def undelivered():
    return render_template(
        "outbox/undelivered.html",
        page=queries.undelivered(current_user, requested_page()),
        action_form=ActionForm(),
    )


@bp.route("/postausgang/briefe.pdf")
@staff_required
def letters_pdf():
    pdf = letters.letters_pdf(queries.letters_to_print(current_user), today=datetime.now(UTC))
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": 'inline; filename="briefe.pdf"'},
    )


@bp.route("/postausgang/briefe/gedruckt", methods=["POST"])
@staff_required
def letters_printed():
    form = PrintedForm()
    if not form.validate_on_submit():
        flash(_("Die Auswahl der Briefe war ungültig. Bitte laden Sie die Seite neu."), "error")
        return redirect(url_for("outbox.index"))
    try:
        count = mark_letters_printed(staff=current_user, message_ids=form.message_ids())
    except OperationError as error:
        flash(str(error), "error")
    else:
        flash(_("%(count)s Brief(e) als gedruckt vermerkt.", count=count), "success")
    return redirect(url_for("outbox.index"))


@bp.route("/nachrichten/<id:message_id>")
@staff_required
def message(message_id: int):
    try:
        found = message_for_staff(current_user, message_id)
    except OperationError:
        abort(404)
    db.session.rollback()
    return render_template("outbox/message.html", message=found, action_form=ActionForm())


@bp.route("/nachrichten/<id:message_id>/erneut-senden", methods=["POST"])
@staff_required
def resend(message_id: int):
    try:
        message_for_staff(current_user, message_id)
    except OperationError:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        copy = resend_message(staff=current_user, message_id=message_id)
    except OperationError as error:
        flash(str(error), "error")
        return redirect(url_for("outbox.message", message_id=message_id))
    flash(_("Die Nachricht wird erneut gesendet."), "success")
    return redirect(url_for("outbox.message", message_id=copy.id))


@bp.route("/personen/<any(volunteer, request):kind>/<id:person_id>/link-senden", methods=["POST"])
@staff_required
def send_self_service_link(kind: str, person_id: int):
    """'Link zu „Mein Engagement“ senden' on a person's page."""
    back = url_for(
        "intake.volunteer_detail" if kind == "volunteer" else "intake.request_detail",
        **({"volunteer_id": person_id} if kind == "volunteer" else {"request_id": person_id}),
        _anchor="messages",
    )
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        self_service.send_link(staff=current_user, kind=kind, person_id=person_id)
    except PersonNotFound:
        abort(404)
    except OperationError as error:
        flash(str(error), "error")
        return redirect(back)
    flash(_("Der Link wird gesendet."), "success")
    return redirect(back)
