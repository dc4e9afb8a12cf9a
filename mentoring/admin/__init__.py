"""Staff account management for admins: list, create, change access, (de)activate, links, 2FA."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/verwaltung")

from mentoring.admin import views  # noqa: E402,F401
