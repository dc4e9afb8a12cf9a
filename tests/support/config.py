"""The test configuration bound to this run's database, and the test client that goes with it."""

from flask import g
from flask.testing import FlaskClient


def config_for(url: str) -> type:
    """TestConfig bound to this run's database (config.py reads the environment at import,
    which may happen before the database fixture runs)."""
    from config import TestConfig

    return type("BoundTestConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": url})


class FreshGlobalsClient(FlaskClient):
    """Requests reuse the test's app context, so clear `g` as a new request would find it.

    Otherwise Flask-Login's cached user and Flask-WTF's cached CSRF token leak between requests.
    """

    def open(self, *args, **kwargs):
        vars(g._get_current_object()).clear()
        return super().open(*args, **kwargs)
