"""Limits on what a request may carry: its size, ids in URLs, page numbers.

The request size limits are settings (config.py: MAX_CONTENT_LENGTH, MAX_FORM_MEMORY_SIZE,
MAX_FORM_PARTS); Werkzeug refuses a larger request with 413 before reading its body, and a view
that needs more (the CSV import) raises the limit for its own requests. Ids and page numbers
beyond the database's integer column answer 404 instead of reaching the database.
"""

from __future__ import annotations

import unicodedata

from flask import Flask, abort, request
from werkzeug.routing import IntegerConverter

# The largest value of an INTEGER column (PostgreSQL's int4; SQLite and SQLAlchemy's Integer).
MAX_ID = 2**31 - 1
# Query parameters that number the pages of a list, in German and in English.
PAGE_PARAMETERS = ("seite", "page")


class IdConverter(IntegerConverter):
    """`<id:volunteer_id>`: a row id, 1 … 2**31-1, in ASCII digits; anything else is a 404."""

    regex = r"[0-9]{1,10}"

    def __init__(self, map) -> None:
        super().__init__(map, min=1, max=MAX_ID)


def ascii_digits(value: str) -> str:
    """The text with every decimal digit of any script (Arabic-Indic ٤, Persian ۴, Devanagari ४,
    full-width ４, …) written as the ASCII digit it is; other characters stay as they are."""
    if value.isascii():
        return value
    return "".join(
        str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in value
    )


def parse_number(value: str | None) -> int | None:
    """An id or page number from a URL: ASCII digits up to MAX_ID, else None.

    Ids and page numbers come from the application's own links, never typed by a person, so
    other scripts' digits stay refused here; typed numbers go through the forms (`BaseForm`).
    """
    if value is None or not value.isascii() or not value.isdigit() or len(value) > 10:
        return None
    number = int(value)
    return number if number <= MAX_ID else None


def _refuse_impossible_pages() -> None:
    """A page given as a number that no INTEGER holds is a 404; words and numbers below 1 are
    left to the view, which shows the first page."""
    for name in PAGE_PARAMETERS:
        for value in request.args.getlist(name):
            digits = value.strip().lstrip("+-")
            looks_numeric = digits.isdigit()  # also "١٢", "²": int() trouble
            if looks_numeric and parse_number(digits) is None and digits.strip("0"):
                abort(404)


def init_app(app: Flask) -> None:
    """Register the id converter (before the blueprints: their routes use it) and the page check."""
    app.url_map.converters["id"] = IdConverter
    app.before_request(_refuse_impossible_pages)
