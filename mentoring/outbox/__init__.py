"""Staff pages of the outbox: "Postausgang", "Nicht zugestellt", letters, per-person lists."""

from flask import Blueprint

bp = Blueprint("outbox", __name__, url_prefix="/dashboard")

# Importing the module registers its routes on bp.
from mentoring.outbox import views  # noqa: E402,F401
