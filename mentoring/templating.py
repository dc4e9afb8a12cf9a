"""App-wide template filters and globals, registered in one place."""

from __future__ import annotations

from flask import Flask, url_for
from werkzeug.routing import BuildError

from mentoring.formatting import german_date, hours, number, percent
from mentoring.labels import label, request_state, volunteer_state
from mentoring.pagination import page_url


def optional_url(endpoint: str, **values) -> str | None:
    """A link to a page another part of the application may or may not provide."""
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


def init_app(app: Flask) -> None:
    app.add_template_filter(label, "label")
    app.add_template_filter(volunteer_state, "volunteer_state")
    app.add_template_filter(request_state, "request_state")
    app.add_template_filter(percent, "percent")
    app.add_template_filter(hours, "hours")
    app.add_template_filter(number, "report_number")
    app.add_template_filter(german_date, "report_date")
    app.add_template_global(optional_url, "optional_url")
    app.add_template_global(page_url, "page_url")
