"""German error pages instead of stack traces."""

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf_error(error):
        return render_template("errors/csrf.html"), 400

    for code in (400, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(code, _render_error(code))


def _render_error(code: int):
    def handler(error):
        return render_template("errors/error.html", code=code), code

    return handler
