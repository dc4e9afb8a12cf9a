"""Locale choice: ?lang= or the saved choice, then Accept-Language, then German."""

from flask import Flask, current_app, request, session
from flask_babel import get_locale

LANGUAGE_NAMES = {
    "de": "Deutsch",
    "en": "English",
    "ar": "العربية",
    "uk": "Українська",
    "tr": "Türkçe",
}


def select_locale() -> str:
    supported = current_app.config["LANGUAGES"]
    if request.blueprint in current_app.config.get("GERMAN_ONLY_BLUEPRINTS", ()):
        return "de"
    wanted = request.args.get("lang")
    if wanted in supported:
        session["lang"] = wanted
        return wanted
    if session.get("lang") in supported:
        return session["lang"]
    return request.accept_languages.best_match(supported) or current_app.config[
        "BABEL_DEFAULT_LOCALE"
    ]


def text_direction() -> str:
    return "rtl" if str(get_locale()) in current_app.config["RTL_LANGUAGES"] else "ltr"


def init_app(app: Flask) -> None:
    # Collapse whitespace in {% trans %} blocks so msgids stay stable when templates are re-indented.
    app.jinja_env.policies["ext.i18n.trimmed"] = True

    @app.context_processor
    def _inject_locale():
        return {
            "current_locale": str(get_locale()),
            "text_direction": text_direction(),
            "language_names": LANGUAGE_NAMES,
        }
