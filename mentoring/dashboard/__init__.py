"""The coordinators' dashboard: one blueprint, one module per area."""

from flask import Blueprint

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")

# Importing the modules registers their routes on bp.
from mentoring.dashboard import views  # noqa: E402,F401
from mentoring.dashboard import matching, tandems  # noqa: E402,F401
from mentoring.dashboard import intake  # noqa: E402,F401
from mentoring.dashboard import import_views  # noqa: E402,F401
