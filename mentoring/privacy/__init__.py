"""Data protection for staff: access export, erasure, consent withdrawal, the audit log."""

from flask import Blueprint

bp = Blueprint("privacy", __name__, url_prefix="/dashboard/datenschutz")

# Importing the modules registers their routes on bp.
from mentoring.privacy import views  # noqa: E402,F401
