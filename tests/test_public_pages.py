"""Start page, legal pages, languages and error pages."""

import re

import pytest
from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import AccessibilityFeedback, Programme
from tests.support.config import config_for
from tests.support.forms import post_form

PUBLIC_PAGES = [
    "/",
    "/anmelden/ehrenamt",
    "/anmelden/unterstuetzung",
    "/anmelden/unterstuetzung/selbst",
    "/anmelden/unterstuetzung/familie",
    "/anmelden/unterstuetzung/fachkraft",
    "/impressum",
    "/datenschutz",
    "/barrierefreiheit",
    "/leichte-sprache",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_links_the_legal_pages(client, url):
    html = client.get(url).get_data(as_text=True)
    for target in ("/impressum", "/datenschutz", "/barrierefreiheit"):
        assert f'href="{target}"' in html
    assert '<html lang="de" dir="ltr">' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1


def test_arabic_is_right_to_left_and_remembered(client):
    html = client.get("/?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    assert '<html lang="ar" dir="rtl">' in client.get("/impressum").get_data(as_text=True)


def test_accept_language_is_respected(client):
    html = client.get("/", headers={"Accept-Language": "tr-TR,tr;q=0.9"}).get_data(as_text=True)
    assert '<html lang="tr" dir="ltr">' in html


def test_language_links_carry_hreflang(client):
    html = client.get("/").get_data(as_text=True)
    for code in ("de", "en", "ar", "uk", "tr"):
        assert f'hreflang="{code}"' in html


def test_start_page_lists_active_programmes_only(client):
    html = client.get("/").get_data(as_text=True)
    active = db.session.scalars(select(Programme).where(Programme.active.is_(True))).all()
    assert active
    for programme in active:
        assert programme.name in html
    assert "Gründungsmentoring" not in html


def test_imprint_uses_configured_operator(app, client):
    app.config["OPERATOR_NAME"] = "Stadt Beispielhausen"
    html = client.get("/impressum").get_data(as_text=True)
    assert "Stadt Beispielhausen" in html
    assert "§ 5 Digitale-Dienste-Gesetz" in html


def test_privacy_notice_shows_text_version(client):
    assert "2026-11-01" in client.get("/datenschutz").get_data(as_text=True)


def test_legal_templates_can_be_replaced_by_the_city(tmp_path, database_url):
    from mentoring.factory import create_app

    (tmp_path / "legal").mkdir()
    (tmp_path / "legal" / "impressum.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>Eigenes Impressum</h1>{% endblock %}'
    )

    config = type(
        "CustomConfig", (config_for(database_url),), {"LEGAL_TEMPLATE_DIR": str(tmp_path)}
    )
    app = create_app(config)
    with app.app_context():
        assert "Eigenes Impressum" in app.test_client().get("/impressum").get_data(as_text=True)
        db.engine.dispose()


def test_accessibility_feedback_is_stored(client):
    response = post_form(
        client,
        "/barrierefreiheit",
        {"message": "Die Schrift im Formular ist zu klein.", "contact": ""},
        follow_redirects=True,
    )
    assert "Danke für Ihre Rückmeldung" in response.get_data(as_text=True)
    feedback = db.session.scalar(select(AccessibilityFeedback))
    assert feedback.message == "Die Schrift im Formular ist zu klein."
    assert feedback.contact is None


def test_empty_feedback_is_refused(client):
    html = post_form(client, "/barrierefreiheit", {"message": "  "}).get_data(as_text=True)
    assert "Bitte beschreiben Sie kurz" in html
    assert db.session.scalar(select(AccessibilityFeedback)) is None


def test_unknown_page_is_a_german_404(client):
    response = client.get("/gibt-es-nicht")
    assert response.status_code == 404
    assert "Diese Seite gibt es nicht" in response.get_data(as_text=True)


def test_thanks_page_without_signup_redirects_home(client):
    response = client.get("/anmelden/danke")
    assert response.status_code == 302
