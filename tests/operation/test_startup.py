"""Production is the default, and refuses to start with a missing, short or published key."""

import logging

import pytest

from config import Config, DevelopmentConfig
from mentoring.database import configure_engine_options
from mentoring.extensions import db
from mentoring.factory import create_app
from mentoring.startup import ConfigurationError, config_for_environment

GOOD_KEY = "k" * 20 + "-a-long-random-production-key"


def production(database_url, **settings) -> type:
    return type(
        "ProductionForTest",
        (Config,),
        {"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": GOOD_KEY, **settings},
    )


def test_app_py_gets_production_unless_development_is_asked_for(monkeypatch):
    monkeypatch.delenv("MENTORING_ENV", raising=False)
    assert config_for_environment() == "config.Config"
    monkeypatch.setenv("MENTORING_ENV", "development")
    assert config_for_environment() == "config.DevelopmentConfig"
    monkeypatch.setenv("MENTORING_ENV", "staging")
    with pytest.raises(ConfigurationError, match="MENTORING_ENV"):
        config_for_environment()


@pytest.mark.parametrize(
    ("key", "complaint"),
    [
        (None, "SECRET_KEY is not set"),
        ("", "SECRET_KEY is not set"),
        ("short-but-random-31-characters!", "SECRET_KEY is too short"),
        ("dev-only-secret-change-me", "SECRET_KEY is a published development key"),
        ("test-secret", "SECRET_KEY is a published development key"),
    ],
)
def test_production_refuses_a_missing_short_or_published_key(database_url, key, complaint):
    with pytest.raises(ConfigurationError) as refused:
        create_app(production(database_url, SECRET_KEY=key))
    message = str(refused.value)
    assert message.startswith(complaint)
    assert "\n" not in message  # one line for the operator
    assert isinstance(refused.value, RuntimeError)  # gunicorn prints it as one line


def test_production_refuses_without_a_database(database_url):
    with pytest.raises(ConfigurationError, match="DATABASE_URL"):
        create_app(production(None))


def test_production_starts_with_a_good_key_and_warns_about_the_defaults(database_url, caplog):
    caplog.set_level(logging.WARNING, logger="mentoring.startup")
    app = create_app(production(database_url, REDIS_URL=None, PUBLIC_BASE_URL=None))
    assert app.config["SECRET_KEY"] == GOOD_KEY
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"
    warnings = " ".join(r.getMessage() for r in caplog.records)
    assert "REDIS_URL is not set" in warnings
    assert "PUBLIC_BASE_URL is not set" in warnings
    response = app.test_client().get("/")
    assert response.status_code == 200
    with app.app_context():
        db.engine.dispose()


def test_development_keeps_its_key_and_stays_quiet(database_url, caplog):
    caplog.set_level(logging.WARNING, logger="mentoring.startup")
    config = type("Dev", (DevelopmentConfig,), {"SQLALCHEMY_DATABASE_URI": database_url})
    app = create_app(config)
    assert app.config["MENTORING_ENV"] == "development"
    assert not caplog.records


def test_engine_hides_parameters_and_has_timeouts_on_postgresql(app):
    class Probe:
        config = {
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://app@db.example/mentoring",
            "DB_CONNECT_TIMEOUT": 5,
            "DB_STATEMENT_TIMEOUT": 15,
        }

    configure_engine_options(Probe)
    options = Probe.config["SQLALCHEMY_ENGINE_OPTIONS"]
    assert options["hide_parameters"] is True
    assert options["pool_pre_ping"] is True
    assert options["connect_args"]["connect_timeout"] == 5
    assert options["connect_args"]["options"] == "-c statement_timeout=15000"
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["hide_parameters"] is True
    assert db.engine.hide_parameters is True
