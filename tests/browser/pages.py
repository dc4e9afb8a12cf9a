"""The pages the browser checks visit. Add a page here and every check covers it.

FORMS are pages with a form that shows errors after an empty submit; PAGES are all pages that
render on a plain GET. Pages behind a login (dashboard, reports) go in STAFF_PAGES once they exist:
they are German-only and checked after logging in (see test_accessibility.py).
"""

PAGES = {
    "start": "/",
    "ehrenamt": "/anmelden/ehrenamt",
    "unterstuetzung": "/anmelden/unterstuetzung",
    "unterstuetzung-selbst": "/anmelden/unterstuetzung/selbst",
    "unterstuetzung-familie": "/anmelden/unterstuetzung/familie",
    "unterstuetzung-fachkraft": "/anmelden/unterstuetzung/fachkraft",
    "impressum": "/impressum",
    "datenschutz": "/datenschutz",
    "barrierefreiheit": "/barrierefreiheit",
    "leichte-sprache": "/leichte-sprache",
    "nicht-gefunden": "/gibt-es-nicht",
}

FORMS = {
    "ehrenamt": "/anmelden/ehrenamt",
    "unterstuetzung-selbst": "/anmelden/unterstuetzung/selbst",
    "unterstuetzung-familie": "/anmelden/unterstuetzung/familie",
    "unterstuetzung-fachkraft": "/anmelden/unterstuetzung/fachkraft",
    "barrierefreiheit": "/barrierefreiheit",
}

# German-only pages behind the staff login: {"name": "/dashboard/..."}.
STAFF_PAGES: dict[str, str] = {
    "statistik": "/dashboard/berichte/",
    "ausschussbericht": "/dashboard/berichte/ausschuss",
}

LANGUAGES = ("de", "ar")
