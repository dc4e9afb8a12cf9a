"""One place sets the security headers; staff pages and personal downloads are never cached."""

import re
from pathlib import Path

import pytest

from mentoring.models import StaffRole
from tests.privacy.world import make_world
from tests.support.disclosure import download, review
from tests.support.factories import make_staff
from tests.support.login import login

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_every_response_has_the_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] in ("same-origin", "no-referrer")
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]


def test_error_pages_and_static_files_have_them_too(client):
    assert "frame-ancestors" in client.get("/gibt-es-nicht").headers["Content-Security-Policy"]
    with client.get("/static/js/forms.js") as response:
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    secure = client.get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_public_pages_may_be_cached_but_staff_pages_never(client):
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
    assert client.get("/mitarbeitende/anmelden").headers["Cache-Control"] == "no-store"
    # Not logged in: the redirect to the login page is not cached either.
    assert client.get("/dashboard/").headers["Cache-Control"] == "no-store"


def test_staff_pages_and_art_15_exports_are_not_stored(app, client):
    login(client, make_staff())
    world = make_world()
    base = f"/dashboard/datenschutz/volunteer/{world.volunteer.id}"
    for url in ("/dashboard/", base, base + "/auskunft"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store", url
    handout = client.get(review(client, base))
    assert handout.headers["Cache-Control"] == "no-store"
    for fmt in ("json", "pdf"):
        response = download(client, base, fmt, handout.get_data(as_text=True))
        assert response.status_code == 200, fmt
        assert response.headers["Cache-Control"] == "no-store", fmt


def test_report_downloads_are_not_stored(app, client):
    login(client, make_staff(role=StaffRole.ADMIN, departments=()))
    period = {"von": "2026-01-01", "bis": "2026-06-30"}
    for url in ("/dashboard/berichte/statistik.csv", "/dashboard/import/vorlage.csv"):
        response = client.get(url, query_string=period)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store", url


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: p.name)
def test_templates_hold_no_inline_script_or_event_handler(template):
    html = template.read_text(encoding="utf-8")
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag, f"inline script in {template}"
    assert not re.search(r"\son[a-z]+\s*=", html), f"inline event handler in {template}"
    assert "javascript:" not in html
