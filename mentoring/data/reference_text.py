# ruff: noqa: E501  (one message per line keeps the msgids easy to compare with reference.json)
"""Default German texts of the reference data (reference.json beside this module), marked for
translation so that the public pages can show programmes, topics and languages in every
language. A row an admin has edited no longer matches and is shown as written.

Keep in step with reference.json: tests/test_translations.py checks that every default text is here.
"""


def N_(message: str) -> str:  # noqa: N802  (Babel's default keyword for "mark only")
    return message


PROGRAMME_TEXTS = (
    N_("Ausbildungspaten"),
    N_(
        "Erfahrene Menschen begleiten Jugendliche und junge Erwachsene bei der Berufswahl, bei Bewerbungen und in der Ausbildung."
    ),
    N_(
        "Sie helfen bei Berufswahl, Bewerbungen und Lernen – etwa 2 bis 3 Stunden pro Woche, meist ein Jahr lang."
    ),
    N_("Familienpaten"),
    N_(
        "Familien und Alleinerziehende mit Kindern unter 3 Jahren bekommen Unterstützung im Alltag."
    ),
    N_("Sie unterstützen eine Familie zu Hause im Alltag – etwa 2 bis 4 Stunden pro Woche."),
    N_("klein trifft groß"),
    N_("Seniorinnen und Senioren werden Großeltern-Paten für Kinder von 3 bis 12 Jahren."),
    N_(
        "Sie verbringen als Leih-Oma oder Leih-Opa regelmäßig Zeit mit einem Kind und seiner Familie."
    ),
    N_("Sprachlots*innen"),
    N_(
        "Geflüchtete Familien bekommen Hilfe bei Terminen, Briefen und beim Ankommen in Herne – in ihrer Sprache."
    ),
    N_(
        "Sie begleiten eine Familie zu Terminen und erklären Briefe. Sie sprechen eine Sprache der Familie."
    ),
    N_("Begleitung aus stationären Wohneinrichtungen"),
    N_(
        "Jugendliche aus Wohngruppen bekommen eine verlässliche erwachsene Begleitung, abgestimmt mit den Fachkräften."
    ),
    N_("Sie begleiten einen jungen Menschen regelmäßig, auch über den 18. Geburtstag hinaus."),
    N_("Gründungsmentoring"),
    N_("Erfahrene Unternehmerinnen und Unternehmer beraten junge Gründerinnen und Gründer."),
    N_("Sie teilen Ihre Erfahrung aus dem eigenen Betrieb mit jungen Gründerinnen und Gründern."),
)
TAG_LABELS = (
    N_("Berufe kennenlernen und wählen"),
    N_("Bewerbungen schreiben"),
    N_("Vorstellungsgespräche üben"),
    N_("Lernen und Hausaufgaben"),
    N_("Mathematik"),
    N_("Deutsch lernen und üben"),
    N_("Computer und Internet"),
    N_("Handwerk und Technik"),
    N_("Behördengänge und Briefe"),
    N_("Alltag mit Baby und Kleinkind"),
    N_("Vorlesen und Spielen"),
    N_("Natur und Garten"),
    N_("Musik und Kultur"),
    N_("Sport und Bewegung"),
    N_("Kochen und Haushalt"),
    N_("Umgang mit Geld"),
    N_("Ein Unternehmen gründen"),
    N_("Bau, Architektur, Vermessung"),
    N_("Dienstleistung"),
    N_("Elektro"),
    N_("Gesundheit"),
    N_("IT, Computer"),
    N_("Kunst, Kultur, Gestaltung"),
    N_("Landwirtschaft, Natur, Umwelt"),
    N_("Medien"),
    N_("Metall, Maschinenbau"),
    N_("Naturwissenschaften"),
    N_("Produktion, Fertigung"),
    N_("Soziales, Pädagogik"),
    N_("Technik, Technologiefelder"),
    N_("Verkehr, Logistik"),
    N_("Wirtschaft, Verwaltung"),
    N_("Handel und Verkauf"),
)
LANGUAGE_NAMES = (
    N_("Deutsch"),
    N_("Englisch"),
    N_("Arabisch"),
    N_("Ukrainisch"),
    N_("Russisch"),
    N_("Türkisch"),
    N_("Persisch (Farsi)"),
    N_("Kurdisch"),
    N_("Polnisch"),
    N_("Rumänisch"),
    N_("Bulgarisch"),
    N_("Albanisch"),
    N_("Griechisch"),
    N_("Italienisch"),
    N_("Französisch"),
    N_("Spanisch"),
)
DEFAULT_TEXTS = frozenset(PROGRAMME_TEXTS + TAG_LABELS + LANGUAGE_NAMES)
