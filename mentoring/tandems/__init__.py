"""Tandems: the list, and one tandem with its first meeting, status, end, check-ins and notes."""

from flask import Blueprint

bp = Blueprint("tandems", __name__, url_prefix="/dashboard")

# Importing the module registers its routes on bp.
from mentoring.tandems import views  # noqa: E402,F401
