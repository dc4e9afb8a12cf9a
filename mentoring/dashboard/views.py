"""The coordinator's start page."""

from flask import render_template
from flask_login import current_user

from mentoring.access import staff_required, visible_programmes
from mentoring.dashboard import bp


@bp.route("/")
@staff_required
def index():
    return render_template("dashboard/index.html", programmes=visible_programmes(current_user))
