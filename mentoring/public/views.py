"""Start page, programme overview and the legal pages."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from jinja2 import ChoiceLoader, FileSystemLoader
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mentoring.extensions import db, public_form_limit
from mentoring.models import Programme
from mentoring.operations.feedback import submit_accessibility_feedback
from mentoring.public.forms import FeedbackForm

bp = Blueprint("public", __name__)

ACCESSIBILITY_STATEMENT_DATE = "25.11.2026"


@bp.route("/")
def index():
    programmes = db.session.scalars(
        select(Programme)
        .options(selectinload(Programme.translations))
        .where(Programme.active.is_(True))
        .order_by(Programme.sort_order)
    ).all()
    return render_template("public/index.html", programmes=programmes)


@bp.route("/leichte-sprache")
def easy_language():
    return render_template("legal/leichte_sprache.html")


@bp.route("/impressum")
def imprint():
    return render_template("legal/impressum.html")


@bp.route("/datenschutz")
def privacy():
    return render_template("legal/datenschutz.html")


@bp.route("/barrierefreiheit", methods=["GET", "POST"])
@public_form_limit
def accessibility():
    form = FeedbackForm()
    if form.validate_on_submit():
        submit_accessibility_feedback(
            message=form.message.data, contact=form.contact.data, page=form.page.data
        )
        flash(
            _("Danke für Ihre Rückmeldung. Wir melden uns, wenn Sie eine Adresse angegeben haben.")
        )
        return redirect(url_for("public.accessibility"))
    return render_template(
        "legal/barrierefreiheit.html", form=form, statement_date=ACCESSIBILITY_STATEMENT_DATE
    )


@bp.record_once
def _legal_template_override(state):
    """Let a city replace the legal texts with its own templates (LEGAL_TEMPLATE_DIR)."""
    app = state.app
    folder = app.config.get("LEGAL_TEMPLATE_DIR")
    if folder:
        app.jinja_loader = ChoiceLoader([FileSystemLoader(folder), app.jinja_loader])
