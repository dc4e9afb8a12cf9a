"""The pages the browser checks visit. Add a page here and every check covers it.

FORMS are pages with a form that shows errors after an empty submit; PAGES are all pages that
render on a plain GET. Pages behind a login (dashboard, reports, privacy) go in STAFF_PAGES and
STAFF_FORMS: they are German-only and checked after logging in (see test_accessibility.py).
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
    "neuer-link": "/neuer-link",
}

FORMS = {
    "ehrenamt": "/anmelden/ehrenamt",
    "unterstuetzung-selbst": "/anmelden/unterstuetzung/selbst",
    "unterstuetzung-familie": "/anmelden/unterstuetzung/familie",
    "unterstuetzung-fachkraft": "/anmelden/unterstuetzung/fachkraft",
    "barrierefreiheit": "/barrierefreiheit",
    "neuer-link": "/neuer-link",
}

# German-only pages behind the staff login. Placeholders are filled with ids read from the live
# database (see staff_ids in test_accessibility.py): volunteer, request, programme, run,
# proposal, tandem, message.
STAFF_PAGES: dict[str, str] = {
    "uebersicht": "/dashboard/",
    "ehrenamtliche": "/dashboard/ehrenamtliche",
    "ehrenamtliche-person": "/dashboard/ehrenamtliche/{volunteer}",
    "ehrenamtliche-passende": "/dashboard/ehrenamtliche/{volunteer}/passende",
    "anfragen": "/dashboard/anfragen",
    "anfragen-person": "/dashboard/anfragen/{request}",
    "anfragen-passende": "/dashboard/anfragen/{request}/passende",
    "import": "/dashboard/import",
    "vermittlung": "/dashboard/matching",
    "vermittlung-programm": "/dashboard/matching/programm/{programme}",
    "vermittlung-berechnung": "/dashboard/matching/{run}",
    "vorschlag-ablehnen": "/dashboard/vorschlaege/{proposal}/ablehnen",
    "vorschlag": "/dashboard/vorschlaege/{proposal}",
    "vorschlaege-offen": "/dashboard/matching/programm/{programme}/offen",
    "tandems": "/dashboard/tandems",
    "tandem": "/dashboard/tandems/{tandem}",
    "tandem-kennenlernen": "/dashboard/tandems/{tandem}/kennenlernen",
    "statistik": "/dashboard/berichte/",
    "ausschussbericht": "/dashboard/berichte/ausschuss",
    "datenschutz": "/dashboard/datenschutz/",
    "datenschutz-suche": "/dashboard/datenschutz/?q=a",
    "datenschutz-person": "/dashboard/datenschutz/volunteer/{volunteer}",
    "datenschutz-anfrage": "/dashboard/datenschutz/request/{request}",
    "datenschutz-auskunft": "/dashboard/datenschutz/volunteer/{volunteer}/auskunft",
    "datenschutz-protokoll": "/dashboard/datenschutz/protokoll",
    "programme": "/verwaltung/programme",
    "programm-einstellungen": "/verwaltung/programme/{programme}",
    "anfragen-nicht-kontaktiert": "/dashboard/anfragen?uncontacted=y&sort=new",
    "ehrenamtliche-pausiert": "/dashboard/ehrenamtliche?status=paused",
    "ehrenamtliche-bearbeiten": "/dashboard/ehrenamtliche/{volunteer}/bearbeiten",
    "anfragen-bearbeiten": "/dashboard/anfragen/{request}/bearbeiten",
    "anmeldung-erfassen": "/dashboard/anmeldung-erfassen",
    "anmeldung-erfassen-ehrenamt": "/dashboard/anmeldung-erfassen/ehrenamt",
    "anmeldung-erfassen-selbst": "/dashboard/anmeldung-erfassen/anfrage/selbst",
    "anmeldung-erfassen-familie": "/dashboard/anmeldung-erfassen/anfrage/familie",
    "anmeldung-erfassen-fachkraft": "/dashboard/anmeldung-erfassen/anfrage/fachkraft",
    "postausgang": "/dashboard/postausgang",
    "nicht-zugestellt": "/dashboard/nicht-zugestellt",
    "nachricht": "/dashboard/nachrichten/{message}",
}

# Staff forms that show errors after an empty submit: {"name": (path, submit button text)}.
STAFF_FORMS: dict[str, tuple[str, str]] = {
    "import": ("/dashboard/import", "Datei prüfen"),
    "erstes-treffen": ("/dashboard/tandems/{tandem}", "Erstes Treffen eintragen"),
    "stunden": ("/dashboard/tandems/{tandem}", "Stunden speichern"),
    "vorschlag-ablehnen": ("/dashboard/vorschlaege/{proposal}/ablehnen", "Ablehnen"),
    "pausieren": ("/dashboard/ehrenamtliche/{volunteer}", "Pausieren"),
    "erstkontakt": ("/dashboard/anfragen/{request}", "Erstkontakt speichern"),
    "abschliessen": ("/dashboard/anfragen/{request}", "Abschließen"),
    "vorschlag-schritt": ("/dashboard/vorschlaege/{proposal}", "Schritt eintragen"),
    "tandem-beenden": ("/dashboard/tandems/{tandem}", "Tandem beenden"),
    "anmeldung-erfassen-ehrenamt": (
        "/dashboard/anmeldung-erfassen/ehrenamt",
        "Anmeldung speichern",
    ),
    "anmeldung-erfassen-fachkraft": (
        "/dashboard/anmeldung-erfassen/anfrage/fachkraft",
        "Anmeldung speichern",
    ),
}

LANGUAGES = ("de", "ar")
