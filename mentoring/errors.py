"""German error pages instead of stack traces."""

from flask import Flask, render_template, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from mentoring import audit
from mentoring.extensions import db

STAFF_BLUEPRINTS = ("dashboard", "privacy", "reports", "admin")


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf_error(error):
        return render_template("errors/csrf.html"), 400

    for code in (400, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(code, _render_error(code))


def _render_error(code: int):
    def handler(error):
        if code in (403, 404):
            _record_refused(code)
        return render_template("errors/error.html", code=code), code

    return handler


def _record_refused(code: int) -> None:
    """A logged-in staff member reached a staff URL that is not theirs (or not there): log it."""
    staff_area = request.blueprint in STAFF_BLUEPRINTS or request.path.startswith("/dashboard")
    if staff_area and current_user.is_authenticated:
        db.session.rollback()  # views never write; drop whatever the failed request loaded
        audit.record_now("refused", detail=f"{code} {request.path}"[:200])
