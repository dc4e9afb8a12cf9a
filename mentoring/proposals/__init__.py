"""Proposals: the matching overview per programme, runs, accepting and declining, "Wer passt?"."""

from flask import Blueprint

bp = Blueprint("proposals", __name__, url_prefix="/dashboard")

# Importing the module registers its routes on bp.
from mentoring.proposals import views  # noqa: E402,F401
