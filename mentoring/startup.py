"""Which settings the app starts with, and what production refuses or warns about at start-up."""

from __future__ import annotations

import logging
import os

import click
from flask import Flask

from config import DEVELOPMENT_SECRET_KEYS

log = logging.getLogger(__name__)

ENVIRONMENTS = {"production": "config.Config", "development": "config.DevelopmentConfig"}
MIN_SECRET_KEY_LENGTH = 32


class ConfigurationError(click.ClickException, RuntimeError):
    """A setting production refuses; the message is the one line the operator reads.

    gunicorn prints a RuntimeError raised while it preloads the app as one line and exits; the
    flask command prints a ClickException the same way. Neither shows a traceback.
    """


def config_for_environment() -> str:
    """Production unless MENTORING_ENV=development asks for the development settings."""
    name = os.environ.get("MENTORING_ENV", "production").strip().lower() or "production"
    if name not in ENVIRONMENTS:
        raise ConfigurationError(
            f"MENTORING_ENV={name!r} is unknown: use 'production' (default) or 'development'."
        )
    return ENVIRONMENTS[name]


def check_settings(app: Flask) -> None:
    """Refuse to run production with a missing or public key; warn about weaker defaults."""
    if app.config.get("MENTORING_ENV") != "production":
        return
    key = app.config.get("SECRET_KEY") or ""
    if not key:
        raise ConfigurationError(
            "SECRET_KEY is not set: production needs a random key of at least "
            f"{MIN_SECRET_KEY_LENGTH} characters (python -c 'import secrets; "
            "print(secrets.token_urlsafe(48))'), or set MENTORING_ENV=development."
        )
    if key in DEVELOPMENT_SECRET_KEYS:
        raise ConfigurationError(
            "SECRET_KEY is a published development key: set a random key of your own."
        )
    if len(key) < MIN_SECRET_KEY_LENGTH:
        raise ConfigurationError(
            f"SECRET_KEY is too short ({len(key)} characters): production needs at least "
            f"{MIN_SECRET_KEY_LENGTH}."
        )
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        raise ConfigurationError(
            "DATABASE_URL is not set: e.g. postgresql+psycopg://mentoring_app@127.0.0.1/mentoring."
        )
    for warning in production_warnings(app.config):
        log.warning("%s", warning)


def production_warnings(config) -> list[str]:
    warnings = []
    if not config.get("REDIS_URL") and config.get("RATELIMIT_STORAGE_URI") == "memory://":
        warnings.append(
            "REDIS_URL is not set: rate limits are counted in each worker's memory "
            "(with 4 workers a limit allows about 4 times as many attempts)."
        )
    if not config.get("PUBLIC_BASE_URL"):
        warnings.append(
            "PUBLIC_BASE_URL is not set: links for people (consent withdrawal) cannot be built "
            "and are not shown; set it to the address the public uses, e.g. "
            "https://mentoring.herne.de."
        )
    if str(config.get("SQLALCHEMY_DATABASE_URI", "")).startswith("sqlite"):
        warnings.append("DATABASE_URL points at SQLite: use PostgreSQL for production.")
    if not config.get("MAIL_SERVER"):
        warnings.append(
            "MAIL_SERVER is not set: no e-mail leaves the application; messages wait in the "
            "staff page 'Postausgang'."
        )
    return warnings
