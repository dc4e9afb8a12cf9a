"""Submitting forms like a browser (CSRF token included), and valid data for the public forms."""

import re
from datetime import date

from tests.support.factories import place, programme

CSRF_INPUT_RE = re.compile(r'<input[^>]*name="csrf_token"[^>]*>')
VALUE_RE = re.compile(r'value="([^"]+)"')


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on the page."""
    tag = CSRF_INPUT_RE.search(html)
    assert tag, "form has no CSRF token"
    return VALUE_RE.search(tag.group(0)).group(1)


def page_token(client, url: str) -> str:
    """Load the page and return its form's CSRF token."""
    return csrf_token(client.get(url).get_data(as_text=True))


def post_form(client, url: str, data: dict, **kwargs):
    """Load the form like a browser (CSRF token included), then submit it."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    return client.post(
        url, data={"csrf_token": csrf_token(page.get_data(as_text=True)), **data}, **kwargs
    )


def post_prefixed_form(client, page_url: str, action_url: str, prefix: str, data: dict):
    """Submit one of several forms on a page: its fields are named `<prefix>-<field>`."""
    form = {f"{prefix}-{key}": value for key, value in data.items()}
    form[f"{prefix}-csrf_token"] = page_token(client, page_url)
    return client.post(action_url, data=form)


def place_id(code: str = "eickel") -> str:
    return str(place(code).id)


def programme_id(code: str) -> str:
    return str(programme(code).id)


def volunteer_form(**overrides) -> dict:
    """Valid answers for the public volunteer form; tests override single fields."""
    data = {
        "first_name": "Gisela",
        "last_name": "Kowalski",
        "email": "gisela.kowalski@example.org",
        "phone": "02323 123456",
        "birth_year": "1956",
        "postal_code": "44651",
        "place": place_id("eickel"),
        "programmes": [programme_id("ausbildungspaten")],
        "availability": ["tue-afternoon", "thu-morning"],
        "capacity": "2",
        "languages": ["de", "pl"],
        "occupation": "Industriekauffrau",
        "contact_channel": "email",
        "correspondence_language": "de",
        "consent": "y",
        "privacy_version": "2026-11-01",
    }
    data.update(overrides)
    return data


def mentee_form(**overrides) -> dict:
    """A 17-year-old registered by a school's KAoA coordinator."""
    data = {
        "programme": programme_id("ausbildungspaten"),
        "contact_first_name": "Sabine",
        "contact_last_name": "Yilmaz",
        "contact_email": "kaoa@schule.example.org",
        "referrer_kind": "school",
        "referrer_organisation": "Gesamtschule Wanne-Eickel",
        "person_first_name": "Deniz",
        "person_birth_year": str(date.today().year - 17),
        "person_birth_month": "1",
        "postal_code": "44649",
        "place": place_id("wanne"),
        "languages": ["de", "tr"],
        "availability": ["tue-afternoon"],
        "career_goal": "Ausbildung als Elektroniker",
        "person_last_name": "Demir",
        "contact_channel": "email",
        "correspondence_language": "de",
        "guardian_name": "Ayşe Demir",
        "guardian_consent": "y",
        "consent": "y",
        "privacy_version": "2026-11-01",
    }
    data.update(overrides)
    return data


def press(client, page_url: str, action_url: str, data: dict | None = None):
    """Open a page and submit one of its forms to action_url (CSRF token from the page)."""
    page = client.get(page_url)
    assert page.status_code == 200, page.status_code
    token = csrf_token(page.get_data(as_text=True))
    return client.post(action_url, data={"csrf_token": token, **(data or {})})
