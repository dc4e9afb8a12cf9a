"""Tandems: the list, and one tandem with its first meeting, status, end, check-ins and notes;
its papers (Vermittlungsbogen, Patenschaftsvereinbarung, Nachweis) and the volunteer's hours."""

from flask import Blueprint

bp = Blueprint("tandems", __name__, url_prefix="/dashboard")

# Importing the modules registers their routes on bp.
from mentoring.tandems import engagement_views, views  # noqa: E402,F401
