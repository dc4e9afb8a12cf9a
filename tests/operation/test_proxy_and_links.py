"""Behind exactly TRUSTED_PROXIES proxies; links for people never take the Host header."""

import pytest
from flask import request
from itsdangerous import BadSignature

from mentoring import signing
from mentoring.extensions import db
from mentoring.factory import create_app
from mentoring.operations import OperationError
from mentoring.personal_data import links
from tests.privacy.world import make_world
from tests.support.config import FreshGlobalsClient, config_for
from tests.support.factories import PASSWORD, make_staff
from tests.support.forms import csrf_token
from tests.support.login import STAFF_EMAIL


@pytest.fixture
def app_behind(database_url):
    """An app that believes `proxies` proxies; its connections are closed after the test."""
    made = []

    def make(proxies: int):
        made.append(_app_behind(database_url, proxies))
        return made[-1]

    yield make
    for app in made:
        with app.app_context():
            db.engine.dispose()


def _app_behind(database_url, proxies: int):
    config = type("Behind", (config_for(database_url),), {"TRUSTED_PROXIES": proxies})
    app = create_app(config)
    app.test_client_class = FreshGlobalsClient

    @app.route("/_test/wer-bin-ich")
    def whoami():
        return {"addr": request.remote_addr, "scheme": request.scheme, "host": request.host}

    return app


FORWARDED = {
    "X-Forwarded-For": "6.6.6.6, 203.0.113.7",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "evil.example",
}


def test_without_trusted_proxies_forwarded_headers_are_ignored(app_behind):
    app = app_behind(0)
    with app.app_context():
        seen = app.test_client().get("/_test/wer-bin-ich", headers=FORWARDED).get_json()
    assert seen == {"addr": "127.0.0.1", "scheme": "http", "host": "localhost"}


def test_with_one_trusted_proxy_the_last_hop_counts(app_behind):
    app = app_behind(1)
    with app.app_context():
        client = app.test_client()
        seen = client.get("/_test/wer-bin-ich", headers=FORWARDED).get_json()
        assert seen["addr"] == "203.0.113.7"  # the spoofed 6.6.6.6 stays ignored
        assert seen["scheme"] == "https"
        response = client.get("/", headers=FORWARDED)
        assert "Strict-Transport-Security" in response.headers


def test_request_id_comes_from_a_trusted_proxy_only(app_behind):
    header = {"X-Request-ID": "abcdef1234567890"}
    for proxies, expected_same in ((0, False), (1, True)):
        app = app_behind(proxies)
        with app.app_context():
            sent = app.test_client().get("/", headers=header).headers["X-Request-ID"]
        assert (sent == "abcdef1234567890") is expected_same
        assert len(sent) >= 16


def test_withdrawal_link_uses_the_configured_base_url_not_the_host_header(app, client):
    make_staff(email=STAFF_EMAIL)
    evil = "http://evil.example"
    page = client.get("/mitarbeitende/anmelden", base_url=evil).get_data(as_text=True)
    client.post(
        "/mitarbeitende/anmelden",
        base_url=evil,
        data={
            "csrf_token": csrf_token(page),
            "email": "koordination@example.org",
            "password": PASSWORD,
        },
    )
    world = make_world()
    response = client.get(f"/dashboard/datenschutz/request/{world.request.id}", base_url=evil)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    token = links.withdrawal_token("request", world.request.id)
    assert f"https://mentoring.example.org/einwilligung/widerrufen/{token.split('.')[0]}" in html
    assert "evil.example" not in html


def test_base_url_with_a_path_prefix(app):
    from mentoring.links import public_url

    app.config["PUBLIC_BASE_URL"] = "https://www.herne.de/mentoring"
    assert public_url("public.index") == "https://www.herne.de/mentoring/"
    app.config["PUBLIC_BASE_URL"] = None
    assert public_url("public.index") is None


def test_a_token_for_one_purpose_is_refused_for_another(app):
    token = signing.dumps(signing.VOLUNTEER_IMPORT, "name;email")
    assert signing.loads(signing.VOLUNTEER_IMPORT, token, max_age=60) == "name;email"
    with pytest.raises(BadSignature):
        signing.loads(signing.CONSENT_WITHDRAWAL, token, max_age=60)
    with pytest.raises(OperationError, match="ungültig"):
        links.read_withdrawal_token(token)
    link = links.withdrawal_token("volunteer", 1)
    with pytest.raises(BadSignature):
        signing.loads(signing.VOLUNTEER_IMPORT, link, max_age=60)
