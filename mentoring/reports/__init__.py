"""Statistics and the committee report: one blueprint, one query layer (queries.py)."""

from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/dashboard/berichte")

from mentoring.reports import views  # noqa: E402,F401
