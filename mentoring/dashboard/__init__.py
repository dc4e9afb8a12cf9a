"""The coordinators' dashboard: one blueprint, one module per area."""

from flask import Blueprint

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")

# Importing the modules registers their routes on bp.
from mentoring.dashboard import (  # noqa: E402,F401
    import_views,  # noqa: E402,F401
    intake,  # noqa: E402,F401
    matching,
    tandems,
    views,  # noqa: E402,F401
)
