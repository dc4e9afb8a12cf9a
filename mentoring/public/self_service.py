""" "Mein Engagement" (volunteers) and "Meine Anfrage" (requests): a signed link, no account.

The page shows what is stored and where the request or tandem stands; the person changes their
contact data, (volunteers) times and capacity, pauses, or withdraws their consent. Each form
posts to its own address and goes through one operation. A fresh link is asked for by e-mail
address; the answer never says whether the address is known.
"""

from __future__ import annotations

from contextlib import suppress

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select

from mentoring import availability, clock
from mentoring.extensions import db, public_form_limit
from mentoring.labels import DAYPARTS, WEEKDAYS
from mentoring.models import (
    OCCUPYING_STATUSES,
    ContactChannel,
    RequestStatus,
    Tandem,
    VolunteerStatus,
)
from mentoring.models.people import consent_withdrawn
from mentoring.operations import OperationError
from mentoring.operations import self_service as operations
from mentoring.personal_data.document import STAFF_WRITTEN, Entry, build_document
from mentoring.personal_data.records import MODELS
from mentoring.personal_data.self_service import AREAS, read_self_service_token
from mentoring.public.self_service_forms import (
    CommitmentForm,
    ContactForm,
    LinkRequestForm,
    PauseForm,
    WithdrawForm,
)

bp = Blueprint("self_service", __name__)

AREA_RULE = '/<any("mein-engagement", "meine-anfrage"):area>/<token>'


def _person(token: str):
    """(kind, person) or a ready error response."""
    try:
        kind, person_id = read_self_service_token(token)
    except OperationError as error:
        return None, (render_template("public/self_service_invalid.html", message=str(error)), 400)
    person = db.session.get(MODELS[kind], person_id)
    if person is None or person.erased_at is not None:
        message = _("Zu diesem Link sind keine Daten mehr gespeichert.")
        return None, (render_template("public/self_service_invalid.html", message=message), 404)
    return (kind, person), None


def _state(kind: str, person) -> list[str]:
    """Where things stand, in plain words (one or two sentences)."""
    today = clock.today()
    if consent_withdrawn(person.consents):
        return [_("Sie haben Ihre Einwilligung widerrufen. Wir löschen Ihre Daten bald.")]
    column = Tandem.volunteer_id if kind == "volunteer" else Tandem.request_id
    tandems = db.session.scalars(
        select(Tandem)
        .where(column == person.id, Tandem.status.in_(OCCUPYING_STATUSES))
        .order_by(Tandem.id)
    ).all()
    lines = []
    for tandem in tandems:
        if tandem.first_meeting_on and tandem.first_meeting_on <= today:
            lines.append(
                _("Ihr Tandem läuft seit %(date)s.", date=format_date(tandem.first_meeting_on))
            )
        else:
            lines.append(
                _("Ihr Tandem ist vereinbart. Das erste Treffen sprechen wir mit Ihnen ab.")
            )
    if kind == "volunteer":
        if person.is_paused:
            lines.append(_("Sie pausieren bis %(date)s.", date=format_date(person.paused_until)))
        elif person.status is VolunteerStatus.WITHDRAWN:
            lines.append(
                _("Ihr Engagement ruht. Bitte melden Sie sich, wenn Sie wieder helfen möchten.")
            )
        elif person.status in (VolunteerStatus.NEW, VolunteerStatus.SCREENING):
            lines.append(
                _(
                    "Wir bereiten Ihr Engagement vor: Gespräch, Einführung und wenn nötig "
                    "das Führungszeugnis."
                )
            )
        elif not tandems:
            lines.append(_("Wir suchen eine passende Person oder Familie für Sie."))
        elif person.capacity > len(tandems):
            lines.append(_("Sie haben noch Zeit für eine weitere Person oder Familie."))
        return lines
    if tandems:
        return lines
    if person.status is RequestStatus.NEW:
        lines.append(_("Ihre Anfrage ist angekommen. Wir melden uns bei Ihnen."))
    elif person.status is RequestStatus.OPEN and person.is_held:
        if person.on_hold_until:
            lines.append(
                _("Ihre Anfrage ruht bis %(date)s.", date=format_date(person.on_hold_until))
            )
        else:
            lines.append(_("Ihre Anfrage ruht zurzeit."))
    elif person.status is RequestStatus.OPEN:
        lines.append(_("Wir suchen noch eine passende Person."))
    elif person.status is RequestStatus.CLOSED:
        lines.append(_("Ihre Anfrage ist abgeschlossen."))
    else:
        lines.append(_("Ihre Anfrage ist zurückgezogen."))
    return lines


def _forms(kind: str, person) -> dict:
    email_column = "email" if kind == "volunteer" else "contact_email"
    phone_column = "phone" if kind == "volunteer" else "contact_phone"
    channel = person.contact_channel
    contact = ContactForm(
        data={
            "email": getattr(person, email_column),
            "phone": getattr(person, phone_column),
            "street": person.street,
            "house_number": person.house_number,
            "postal_code": person.postal_code,
            "place": str(person.place_id),
            "contact_channel": getattr(channel, "value", channel),
            "correspondence_language": person.correspondence_language,
            "interpreter_needed": person.interpreter_needed,
        },
        prefix="contact",
    )
    contact.fill_choices()
    forms = {
        "contact_form": contact,
        "withdraw_form": WithdrawForm(formdata=None),
    }
    if kind == "volunteer":
        commitment = CommitmentForm(
            data={
                "capacity": str(person.capacity),
                "availability": availability.decode(person.availability),
            },
            prefix="commitment",
            formdata=None,
        )
        commitment.fill_choices()
        forms["commitment_form"] = commitment
        forms["pause_form"] = PauseForm(
            data={"until": person.paused_until}, prefix="pause", formdata=None
        )
    return forms


def _without_staff_notes(section):
    """The person's own data as stored, without what staff wrote about them (STAFF_WRITTEN)."""
    section.entries = [
        Entry(e.heading, [i for i in e.items if i.column not in STAFF_WRITTEN])
        for e in section.entries
    ]
    return section


def _page(kind: str, person, area: str, token: str, status: int = 200, **replaced):
    document = build_document(kind, person.id)
    forms = {**_forms(kind, person), **replaced}
    return render_template(
        "public/self_service.html",
        kind=kind,
        person=person,
        area=area,
        token=token,
        state=_state(kind, person),
        stored=_without_staff_notes(document.sections[0]),
        withdrawn=consent_withdrawn(person.consents),
        email_unconfirmed=bool(
            (person.email if kind == "volunteer" else person.contact_email)
            and person.email_confirmed_at is None
        ),
        weekday_labels=WEEKDAYS,
        daypart_labels=DAYPARTS,
        **forms,
    ), status


def _done(area: str, token: str, message: str, anchor: str):
    flash(message)
    return redirect(url_for("self_service.page", area=area, token=token, _anchor=anchor))


@bp.route(AREA_RULE)
def page(area: str, token: str):
    found, error = _person(token)
    if error:
        return error
    kind, person = found
    if AREAS[kind] != area:
        lang = {"lang": request.args["lang"]} if "lang" in request.args else {}
        return redirect(url_for("self_service.page", area=AREAS[kind], token=token, **lang))
    return _page(kind, person, area, token)


@bp.route(AREA_RULE + "/kontakt", methods=["POST"])
@public_form_limit
def contact(area: str, token: str):
    found, error = _person(token)
    if error:
        return error
    kind, person = found
    form = ContactForm(prefix="contact")
    form.fill_choices()
    if form.is_language_switch() or not form.validate_on_submit():
        return _page(
            kind, person, area, token, 200 if form.is_language_switch() else 400, contact_form=form
        )
    update = operations.ContactUpdate(
        email=form.email.data,
        phone=form.phone.data,
        street=form.street.data,
        house_number=form.house_number.data,
        postal_code=form.postal_code.data,
        place_id=int(form.place.data),
        channel=ContactChannel(form.chosen_channel),
        correspondence_language=form.correspondence_language.data,
        interpreter_needed=form.interpreter_needed.data,
    )
    try:
        changed = operations.update_contact(kind=kind, person_id=person.id, update=update)
    except OperationError as problem:
        form.email.errors.append(str(problem))
        db.session.rollback()
        person = db.session.get(MODELS[kind], person.id)
        return _page(kind, person, area, token, 400, contact_form=form)
    if "email" in changed or "contact_email" in changed:
        message = _(
            "Gespeichert. Bitte bestätigen Sie Ihre neue E-Mail-Adresse mit dem Link, den wir "
            "Ihnen gerade geschickt haben."
        )
    elif changed:
        message = _("Ihre Angaben sind gespeichert.")
    else:
        message = _("Es gab nichts zu ändern.")
    return _done(area, token, message, "s-contact")


@bp.route(AREA_RULE + "/zeiten", methods=["POST"])
@public_form_limit
def commitment(area: str, token: str):
    found, error = _person(token)
    if error:
        return error
    kind, person = found
    if kind != "volunteer":
        return redirect(url_for("self_service.page", area=area, token=token))
    form = CommitmentForm(prefix="commitment")
    form.fill_choices()
    if form.is_language_switch() or not form.validate_on_submit():
        return _page(kind, person, area, token, 400, commitment_form=form)
    try:
        changed = operations.update_commitment(
            volunteer_id=person.id, slots=form.availability.data, capacity=int(form.capacity.data)
        )
    except OperationError as problem:
        form.capacity.errors.append(str(problem))
        person = db.session.get(MODELS[kind], person.id)
        return _page(kind, person, area, token, 400, commitment_form=form)
    message = _("Ihre Angaben sind gespeichert.") if changed else _("Es gab nichts zu ändern.")
    return _done(area, token, message, "s-commitment")


@bp.route(AREA_RULE + "/pause", methods=["POST"])
@public_form_limit
def pause(area: str, token: str):
    found, error = _person(token)
    if error:
        return error
    kind, person = found
    if kind != "volunteer":
        return redirect(url_for("self_service.page", area=area, token=token))
    form = PauseForm(prefix="pause")
    if form.is_language_switch() or not form.validate_on_submit():
        return _page(kind, person, area, token, 400, pause_form=form)
    try:
        operations.pause(volunteer_id=person.id, until=form.until.data)
    except OperationError as problem:
        form.until.errors.append(str(problem))
        person = db.session.get(MODELS[kind], person.id)
        return _page(kind, person, area, token, 400, pause_form=form)
    message = _(
        "Ihre Pause ist gespeichert. Bis einschließlich %(date)s schlagen wir Ihnen niemanden vor.",
        date=format_date(form.until.data),
    )
    return _done(area, token, message, "s-pause")


@bp.route(AREA_RULE + "/widerrufen", methods=["POST"])
@public_form_limit
def withdraw(area: str, token: str):
    found, error = _person(token)
    if error:
        return error
    kind, person = found
    form = WithdrawForm()
    if not form.validate_on_submit():
        return _page(kind, person, area, token, 400, withdraw_form=form)
    with suppress(OperationError):  # withdrawn in the meantime: the page says "done" anyway
        operations.withdraw(kind=kind, person_id=person.id)
    return render_template("public/withdrawal_done.html")


@bp.route("/neuer-link", methods=["GET", "POST"])
@public_form_limit
def request_link():
    form = LinkRequestForm()
    if form.validate_on_submit():
        operations.request_link(email=form.email.data)
        return render_template("public/self_service_link_sent.html")
    status = 400 if form.is_submitted() and not form.is_language_switch() else 200
    return render_template("public/self_service_request.html", form=form), status
