"""The coordinators' dashboard."""

from flask import Blueprint, render_template
from flask_login import current_user

from mentoring.access import staff_required, visible_programmes

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")


@bp.route("/")
@staff_required
def index():
    return render_template("dashboard/index.html", programmes=visible_programmes(current_user))
