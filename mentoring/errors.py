"""German error pages instead of stack traces."""

import logging

from flask import Flask, current_app, render_template, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from mentoring import audit
from mentoring.deadline import RequestTimeout
from mentoring.deadline import cancel as cancel_deadline
from mentoring.extensions import db
from mentoring.logs import describe_exception

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf_error(error):
        return render_template("errors/csrf.html"), 400

    @app.errorhandler(RequestTimeout)
    def _request_timeout(error):
        cancel_deadline()
        db.session().invalidate()  # the connection may be mid-statement: close it, never reuse it
        log.error("request deadline passed %s %s", request.method, request.path)
        return render_template("errors/error.html", code=503), 503

    @app.errorhandler(SQLAlchemyError)
    def _database_error(error):
        """One log line without parameters; the database away or too slow is a 503."""
        unavailable = isinstance(error, OperationalError | PoolTimeout)
        if unavailable:
            db.session().invalidate()
        else:
            db.session.rollback()
        log.error(
            "database error %s %s %s", request.method, request.path, describe_exception(error)
        )
        code = 503 if unavailable else 500
        return render_template("errors/error.html", code=code), code

    for code in (400, 403, 404, 405, 413, 429, 500, 503):
        app.register_error_handler(code, _render_error(code))


def _render_error(code: int):
    def handler(error):
        if code in (403, 404):
            _record_refused(code)
        return render_template("errors/error.html", code=code), code

    return handler


def _record_refused(code: int) -> None:
    """A logged-in staff member reached a staff URL that is not theirs (or not there): log it."""
    staff_area = request.blueprint in current_app.config["GERMAN_ONLY_BLUEPRINTS"] or (
        request.path.startswith("/dashboard")
    )
    if staff_area and current_user.is_authenticated:
        db.session.rollback()  # views never write; drop whatever the failed request loaded
        audit.record_now("refused", detail=f"{code} {request.path}"[:200])
