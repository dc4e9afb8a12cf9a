"""Login throttling: slows guessing, never refuses password and second factor together,
counts per client address, and lives in the shared rate-limit storage."""

import socket
import uuid

import pytest

from mentoring.auth import throttle
from mentoring.extensions import limiter
from mentoring.factory import create_app
from tests.support.config import config_for
from tests.support.factories import PASSWORD, make_staff
from tests.support.forms import csrf_token
from tests.support.login import STAFF_EMAIL, code_for, enable_second_factor, submit_login_form

WRONG = "falsch falsch falsch"


def _login_with_code(client, code: str, password: str = PASSWORD):
    page = client.get("/mitarbeitende/anmelden").get_data(as_text=True)
    return client.post(
        "/mitarbeitende/anmelden",
        data={
            "csrf_token": csrf_token(page),
            "email": "koordination@example.org",
            "password": password,
            "code": code,
        },
    )


def test_right_password_and_code_always_get_in(app, client):
    secret = enable_second_factor(make_staff(email=STAFF_EMAIL))
    for _ in range(20):
        submit_login_form(client, password=WRONG)
    assert throttle.wait_seconds(throttle.PASSWORD, "koordination@example.org") > 0
    # While throttled the password alone is not even checked: the code is asked for.
    asked = submit_login_form(client)
    assert asked.status_code == 200
    assert "zusammen mit dem Passwort den Code" in asked.get_data(as_text=True)
    assert client.get("/dashboard/").status_code == 302
    # A guess with a wrong code reveals nothing about the password.
    guess = _login_with_code(client, "000000", password=WRONG).get_data(as_text=True)
    assert "E-Mail-Adresse, Passwort oder Code stimmen nicht." in guess
    response = _login_with_code(client, code_for(secret))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/dashboard/")
    assert client.get("/dashboard/").status_code == 200


def test_waits_grow_and_are_capped(app):
    app.config["LOGIN_DELAY_MAX_SECONDS"] = 10
    email = "jemand@example.org"
    with app.test_request_context(environ_base={"REMOTE_ADDR": "192.0.2.7"}):
        for _ in range(5):
            throttle.record_failure(throttle.PASSWORD, email)
        assert throttle.wait_seconds(throttle.PASSWORD, email) == 0
        waits = []
        for _ in range(5):
            throttle.record_failure(throttle.PASSWORD, email)
            waits.append(throttle.wait_seconds(throttle.PASSWORD, email))
        assert waits == [2, 4, 8, 10, 10]
        throttle.clear(email)
        assert throttle.wait_seconds(throttle.PASSWORD, email) == 0


def test_throttle_of_one_account_leaves_the_others_alone(app, client):
    make_staff(email=STAFF_EMAIL)
    make_staff(email="zweite@example.org", name="Zweite Person")
    for _ in range(8):
        submit_login_form(client, password=WRONG)
    assert submit_login_form(client, email="zweite@example.org").status_code == 302


def test_per_address_limit_counts_failures_of_the_client_address(app):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "3 per 10 minutes"
    make_staff(email=STAFF_EMAIL)
    attacker = app.test_client()
    attacker.environ_base["REMOTE_ADDR"] = "198.51.100.1"
    for n in range(3):
        submit_login_form(attacker, email=f"raten{n}@example.org", password=WRONG)
    assert submit_login_form(attacker).status_code == 429
    neighbour = app.test_client()
    neighbour.environ_base["REMOTE_ADDR"] = "198.51.100.2"
    assert submit_login_form(neighbour).status_code == 302


def test_successful_logins_do_not_use_up_the_address_budget(app):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "3 per 10 minutes"
    for n in range(5):
        make_staff(email=f"person{n}@example.org", name=f"Person {n}")
        office = app.test_client()  # one office behind one address
        assert submit_login_form(office, email=f"person{n}@example.org").status_code == 302


def _redis_reachable() -> bool:
    try:
        import redis  # noqa: F401
    except ImportError:
        return False
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_failures_are_shared_through_redis(database_url):
    prefix = f"test-throttle-{uuid.uuid4().hex}"
    settings = {"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379", "LOGIN_THROTTLE_PREFIX": prefix}
    config = type("RedisConfig", (config_for(database_url),), settings)
    email = "geteilt@example.org"
    first = create_app(config)
    apps = [first]
    try:
        with first.test_request_context(environ_base={"REMOTE_ADDR": "192.0.2.9"}):
            for _ in range(6):
                throttle.record_failure(throttle.PASSWORD, email)
        second = create_app(config)  # another worker: a new connection, nothing in memory
        apps.append(second)
        storage = limiter.storage
        assert type(storage).__name__ == "RedisStorage"
        with second.test_request_context(environ_base={"REMOTE_ADDR": "192.0.2.9"}):
            assert throttle.wait_seconds(throttle.PASSWORD, email) > 0
            keys = list(storage.storage.scan_iter(f"*{prefix}*"))
            assert keys
            throttle.clear(email)
            assert throttle.wait_seconds(throttle.PASSWORD, email) == 0
    finally:
        for key in storage.storage.scan_iter(f"*{prefix}*"):
            storage.storage.delete(key)
        for app in apps:
            with app.app_context():
                from mentoring.extensions import db

                for engine in db.engines.values():
                    engine.dispose()
