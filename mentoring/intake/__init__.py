"""Intake: volunteers and requests, their records, screening, duplicates and the CSV import."""

from flask import Blueprint

bp = Blueprint("intake", __name__, url_prefix="/dashboard")

# Importing the modules registers their routes on bp.
from mentoring.intake import import_views, record_views, status_views, views  # noqa: E402,F401
