"""WSGI entry point: ``flask --app app run`` or any WSGI server."""

from mentoring import create_app

app = create_app()
