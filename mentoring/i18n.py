"""Locale choice: ?lang= or the saved choice, then Accept-Language, then German."""

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import force_locale, get_locale, get_translations, gettext

from mentoring.data.reference_text import DEFAULT_TEXTS

LANGUAGE_NAMES = {
    "de": "Deutsch",
    "en": "English",
    "ar": "العربية",
    "uk": "Українська",
    "tr": "Türkçe",
}


def select_locale() -> str:
    if not has_request_context():  # CLI commands and jobs: German
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    supported = current_app.config["LANGUAGES"]
    german_only = current_app.config["GERMAN_ONLY_BLUEPRINTS"]  # the staff areas
    if any(name.split(".")[0] in german_only for name in request.blueprints):
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    wanted = request.args.get("lang")
    if wanted in supported:
        session["lang"] = wanted
        return wanted
    if session.get("lang") in supported:
        return session["lang"]
    return (
        request.accept_languages.best_match(supported) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def text_direction() -> str:
    return "rtl" if str(get_locale()) in current_app.config["RTL_LANGUAGES"] else "ltr"


def translate_reference_text(text: str) -> str:
    """Translate a programme's or tag's text while it is still the default German text.

    Rows are data an admin may edit; an edited text has no translation, so it is shown as written.
    """
    return gettext(text) if text in DEFAULT_TEXTS else text


# A programme's public texts; each needs a translation per language before it goes public.
PROGRAMME_TEXT_FIELDS = ("name", "summary", "volunteer_task")


def programme_text(programme, field: str = "name") -> str:
    """A programme's text in the current language.

    An admin's translation (ProgrammeTranslation) first; then the catalogue, which holds the
    seeded programmes' default texts; else the German text as written.
    """
    german = getattr(programme, field) or ""
    locale = str(get_locale())
    if locale != current_app.config["BABEL_DEFAULT_LOCALE"]:
        for translation in programme.translations:
            text = getattr(translation, field) or ""
            if translation.locale == locale and text.strip():
                return text
    return translate_reference_text(german)


def catalogue_has(text: str, locale: str) -> bool:
    """Whether the catalogue translates this default reference text into the language."""
    if text not in DEFAULT_TEXTS:
        return False
    with force_locale(locale):
        # The compiled catalogue itself: a translation may rightly equal the German text.
        catalogue = getattr(get_translations(), "_catalog", {})
        return bool((catalogue.get(text) or "").strip())


def missing_translations(german: dict[str, str], given: dict[str, dict[str, str]]) -> list[str]:
    """Languages (codes) in which a non-empty German text has neither a translation nor an entry
    in the catalogue; ``given`` maps language code to field to translated text."""
    missing = []
    for locale in current_app.config["LANGUAGES"]:
        if locale == current_app.config["BABEL_DEFAULT_LOCALE"]:
            continue
        for field, text in german.items():
            if not (text or "").strip():
                continue
            if (given.get(locale, {}).get(field) or "").strip() or catalogue_has(text, locale):
                continue
            missing.append(locale)
            break
    return missing


def init_app(app: Flask) -> None:
    # Collapse whitespace in {% trans %} blocks: msgids stay stable when templates are re-indented.
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.jinja_env.filters["reference_text"] = translate_reference_text
    app.jinja_env.filters["programme_text"] = programme_text

    @app.context_processor
    def _inject_locale():
        return {
            "current_locale": str(get_locale()),
            "text_direction": text_direction(),
            "language_names": LANGUAGE_NAMES,
        }
