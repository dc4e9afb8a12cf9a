"""Submitting forms like a browser (CSRF token included), and valid data for the public forms."""

import re
from datetime import date
from html.parser import HTMLParser

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


class _CurrentValues(HTMLParser):
    """What a browser would submit for the form posting to `action` as the page shows it."""

    def __init__(self, action: str | None):
        super().__init__()
        self.action, self.inside, self.values = action, False, {}
        self._select = self._textarea = None

    def _add(self, name, value):
        self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = self.action is None or a.get("action") in (None, "", self.action)
        if not self.inside or "name" not in a and tag in ("input", "select", "textarea"):
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(a["name"], a.get("value", "y"))
            elif kind not in ("submit", "button", "file"):
                self._add(a["name"], a.get("value") or "")
        elif tag == "select":
            self._select, self._chosen = a["name"], False
        elif tag == "option" and self._select and not self._chosen:
            # The selected option, else the first one.
            if "selected" in a or self._select not in self.values:
                self.values[self._select] = [a.get("value", "")]
                self._chosen = "selected" in a
        elif tag == "textarea":
            self._textarea = a["name"]
            self.values[self._textarea] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            if self._textarea:
                self.values[self._textarea][0] = self.values[self._textarea][0].removeprefix("\n")
            self._textarea = None


def current_values(html: str, action: str | None = None) -> dict[str, list[str]]:
    """The fields of the page's form as it would be submitted unchanged (lists of values)."""
    parser = _CurrentValues(action)
    parser.feed(html)
    return parser.values
