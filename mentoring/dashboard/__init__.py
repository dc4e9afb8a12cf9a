"""The coordinators' start page: the work queues."""

from flask import Blueprint

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")

# Importing the module registers its routes on bp.
from mentoring.dashboard import views  # noqa: E402,F401
