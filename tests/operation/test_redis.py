"""REDIS_URL: the rate limits are shared by all workers (two app instances here)."""

import socket
import uuid

import pytest

from mentoring.extensions import db, limiter
from mentoring.factory import create_app
from tests.support.config import FreshGlobalsClient, config_for

REDIS_URL = "redis://127.0.0.1:6379/15"


def _redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def _limited(response_text="ok"):
    return response_text


@pytest.fixture
def worker(database_url):
    if not _redis_answers():
        pytest.skip("Redis does not answer on 127.0.0.1:6379 (.ci/run starts it)")
    prefix = f"test-{uuid.uuid4().hex}"
    made = []

    def make():
        settings = {"REDIS_URL": REDIS_URL, "RATELIMIT_STORAGE_URI": REDIS_URL}
        settings["RATELIMIT_KEY_PREFIX"] = prefix
        # The limiter is one object: an earlier app (the browser tests' live server) may have
        # switched it off, and a silent fallback to memory would hide a Redis that does not work.
        settings["RATELIMIT_ENABLED"] = True
        settings["RATELIMIT_IN_MEMORY_FALLBACK_ENABLED"] = False
        app = create_app(type("WithRedis", (config_for(database_url),), settings))
        app.test_client_class = FreshGlobalsClient
        app.add_url_rule("/_test/begrenzt", view_func=limiter.limit("2 per minute")(_limited))
        made.append(app)
        return app

    yield make
    for app in made:
        with app.app_context():
            db.engine.dispose()


def test_redis_url_sets_the_rate_limit_storage():
    config = config_for("sqlite://")
    assert config.RATELIMIT_STORAGE_URI == "memory://"  # tests and development: in-process
    from config import Config

    assert Config.RATELIMIT_IN_MEMORY_FALLBACK_ENABLED is True


def test_two_workers_share_one_budget(worker):
    first, second = worker(), worker()
    with first.app_context():
        assert first.test_client().get("/_test/begrenzt").status_code == 200
        assert first.test_client().get("/_test/begrenzt").status_code == 200
    with second.app_context():
        response = second.test_client().get("/_test/begrenzt")
        assert response.status_code == 429
        assert "Zu viele Versuche" in response.get_data(as_text=True)
