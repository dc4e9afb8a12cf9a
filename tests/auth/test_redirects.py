"""After login the browser goes only to pages of this application."""

import pytest

from tests.support.factories import PASSWORD, make_staff
from tests.support.forms import csrf_token
from tests.support.login import STAFF_EMAIL

EVIL = [
    "/%09/evil.example/",
    "/\t/evil.example/",
    "//evil.example/",
    "//evil",
    "/\\evil",
    "\\\\evil.example",
    "https://evil.example/",
    "http:/evil.example",
    "javascript:alert(1)",
    "/%0a/evil.example",
    " /dashboard/",
    "/dashboard/ ",
    "dashboard/",
    "/gibt-es-nicht",
]


def _login_with_next(client, target: str):
    page = client.get("/mitarbeitende/anmelden").get_data(as_text=True)
    return client.post(
        "/mitarbeitende/anmelden",
        query_string={"next": target},
        data={
            "csrf_token": csrf_token(page),
            "email": "koordination@example.org",
            "password": PASSWORD,
        },
    )


@pytest.mark.parametrize("target", EVIL)
def test_next_outside_the_app_goes_to_the_dashboard(client, target):
    make_staff(email=STAFF_EMAIL)
    response = _login_with_next(client, target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/dashboard/"


def test_raw_query_with_encoded_tab_is_refused(client):
    make_staff(email=STAFF_EMAIL)
    page = client.get("/mitarbeitende/anmelden").get_data(as_text=True)
    response = client.post(
        "/mitarbeitende/anmelden?next=/%09/evil.example/",
        data={
            "csrf_token": csrf_token(page),
            "email": "koordination@example.org",
            "password": PASSWORD,
        },
    )
    assert response.headers["Location"] == "/dashboard/"


@pytest.mark.parametrize("target", ["/dashboard/tandems", "/dashboard/anfragen?status=neu"])
def test_next_inside_the_app_is_followed(client, target):
    make_staff(email=STAFF_EMAIL)
    response = _login_with_next(client, target)
    assert response.headers["Location"] == target
