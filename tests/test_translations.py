"""Catalogues complete, placeholders intact, template up to date; locale choice and its helpers."""

import importlib.util
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from mentoring.data.reference_text import DEFAULT_TEXTS
from tests.support.forms import post_form

ROOT = Path(__file__).resolve().parent.parent
TODO_SCRIPT = ROOT / "scripts" / "translations_todo.py"
TRANSLATIONS = ROOT / "translations"
# Globbed rather than read from config: importing config here, at collection, would freeze
# TestConfig's database before tests/conftest.py has chosen it.
LOCALES = sorted(path.name for path in TRANSLATIONS.iterdir() if (path / "LC_MESSAGES").is_dir())
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def catalogue(locale: str):
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)


def template_ids(path: Path) -> set:
    with path.open("rb") as handle:
        return {
            message.id if isinstance(message.id, str) else tuple(message.id)
            for message in read_po(handle)
            if message.id
        }


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def _load_todo_script():
    spec = importlib.util.spec_from_file_location("translations_todo", TODO_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


todo_script = _load_todo_script()


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """Extract the sources the way `make extract-messages` does (with locations), once."""
    out = tmp_path_factory.mktemp("pot") / "messages.pot"
    CommandLineInterface().run(
        [
            "pybabel",
            "-q",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-o",
            str(out),
            str(ROOT),
        ]
    )
    with out.open("rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def fresh_template(extracted) -> set:
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in extracted if m.id}


def test_every_configured_language_has_a_catalogue(app):
    assert sorted(app.config["LANGUAGES"]) == LOCALES


def test_template_is_up_to_date_with_the_sources(fresh_template):
    stored = template_ids(TRANSLATIONS / "messages.pot")
    missing = fresh_template - stored
    assert not missing, (
        f"run `make extract-messages`; new strings: {sorted(map(str, missing))[:10]}"
    )
    assert not stored - fresh_template, (
        "run `make extract-messages`: the template has stale strings"
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_has_every_string_translated_and_nothing_fuzzy(locale):
    wanted = template_ids(TRANSLATIONS / "messages.pot")
    cat = catalogue(locale)
    have = {m.id if isinstance(m.id, str) else tuple(m.id) for m in cat if m.id}
    assert not wanted - have, (
        f"{locale}: run `make extract-messages` ({len(wanted - have)} missing)"
    )
    left = [
        m.id
        for m in cat
        if m.id and ("fuzzy" in m.flags or not (all(m.string) if m.pluralizable else m.string))
    ]
    assert not left, (
        f"{locale}: {len(left)} untranslated or fuzzy entries (see `make translations-todo`), "
        f"for example {left[:3]}"
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_the_placeholders(locale):
    wrong = []
    for message in catalogue(locale):
        if not message.id:
            continue
        if message.pluralizable:
            expected = placeholders(message.id[1])
            texts = [t for t in message.string if t]
        else:
            expected = placeholders(message.id)
            texts = [message.string] if message.string else []
        wrong += [(message.id, text) for text in texts if placeholders(text) != expected]
    assert not wrong, f"{locale}: placeholders differ: {wrong[:3]}"


# Words that are the same in German and in the language (otherwise a German msgstr means "forgot").
SAME_AS_GERMAN = {
    "en": {
        "Administration",
        "Cookies",
        "Internet",
        "Tandem",
        "Tandem %(value)s",
        "Post: %(name)s, %(unit)s, %(street)s, %(city)s",
        "Post: %(street)s, %(city)s",
    },
    "tr": {"Tandem", "Tandem %(value)s", "Telefon", "Telefon:"},
}


@pytest.mark.parametrize("locale", [locale for locale in LOCALES if locale != "de"])
def test_only_staff_strings_stay_german(extracted, locale):
    """The staff areas are German-only, so their strings may keep the German text; no other."""
    staff = {
        todo_script.key(m)
        for m in extracted
        if m.id
        and all(
            todo_script._relative(path).startswith(todo_script.STAFF_SOURCES)
            for path, _ in m.locations
        )
    }
    used = {todo_script.key(m) for m in extracted if m.id}
    german = [
        m.id
        for m in catalogue(locale)
        if isinstance(m.id, str)
        and m.string == m.id
        and m.id in used
        and m.id not in staff
        and m.id not in SAME_AS_GERMAN.get(locale, set())
    ]
    assert not german, f"{locale}: still German, please translate: {german[:5]}"


def test_every_default_reference_text_is_marked_for_translation():
    data = json.loads((ROOT / "mentoring" / "data" / "reference.json").read_text("utf-8"))
    texts = {p[key] for p in data["programmes"] for key in ("name", "summary", "volunteer_task")}
    texts |= {label for items in data["tags"].values() for _, label in items}
    texts |= {language["name"] for language in data["languages"]}
    assert texts <= DEFAULT_TEXTS, sorted(texts - DEFAULT_TEXTS)


def test_programmes_and_choices_appear_in_the_chosen_language(client):
    arabic = client.get("/?lang=ar").get_data(as_text=True)
    assert "مرشدو التدريب المهني" in arabic  # Ausbildungspaten
    assert "Ausbildungspaten" not in arabic
    form = client.get("/anmelden/unterstuetzung/familie").get_data(as_text=True)
    assert "الأوكرانية" in form  # the language "Ukrainisch" in the list of languages


def test_an_edited_programme_text_is_shown_as_written(app, client):
    from mentoring.extensions import db
    from mentoring.models import Programme

    programme = db.session.scalar(db.select(Programme).filter_by(code="ausbildungspaten"))
    programme.summary = "Ein eigener Text der Koordination."
    db.session.commit()
    assert "Ein eigener Text der Koordination." in client.get("/?lang=tr").get_data(as_text=True)


@pytest.mark.parametrize(
    ("endpoint", "expected"),
    [
        ("dashboard.index", "de"),
        ("auth.login", "de"),
        ("admin.users", "de"),
        ("reports.committee", "de"),
        ("privacy.erase", "de"),
        ("dashboard.cases.detail", "de"),
        ("signup.volunteer", "ar"),
    ],
)
def test_staff_areas_stay_german_whatever_is_asked_for(app, endpoint, expected):
    from flask import request

    from mentoring.i18n import select_locale

    with app.test_request_context("/?lang=ar", headers={"Accept-Language": "ar"}):
        request.url_rule = SimpleNamespace(endpoint=endpoint)
        assert select_locale() == expected


def test_switching_language_on_a_form_keeps_the_input_and_checks_nothing(client):
    response = post_form(
        client,
        "/anmelden/ehrenamt?lang=uk",
        {"first_name": "Olena", "interests": "Garten", "switch_language": "uk"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="uk" dir="ltr">' in html
    assert 'value="Olena"' in html and "Garten" in html
    assert 'id="error-summary"' not in html
