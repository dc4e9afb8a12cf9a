"""Locale choice: ?lang= or the saved choice, then Accept-Language, then German."""

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import get_locale, gettext

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


def init_app(app: Flask) -> None:
    # Collapse whitespace in {% trans %} blocks: msgids stay stable when templates are re-indented.
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.jinja_env.filters["reference_text"] = translate_reference_text

    @app.context_processor
    def _inject_locale():
        return {
            "current_locale": str(get_locale()),
            "text_direction": text_direction(),
            "language_names": LANGUAGE_NAMES,
        }
