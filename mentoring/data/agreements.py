"""The rules of a Patenschaftsvereinbarung: shared ones, and the additions per programme code.

Plain German, addressed to both partners. A programme without an entry gets the shared rules
only; §72a is added wherever the programme needs a police certificate (Programme column).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    heading: str
    text: str


CONFIDENTIALITY = Rule(
    "Vertraulichkeit",
    "Was Sie in der Patenschaft über die andere Seite erfahren, bleibt unter Ihnen. Sie geben "
    "nichts davon an andere weiter – auch nicht nach dem Ende der Patenschaft. Ausnahme: Sie "
    "sprechen mit der Koordination, wenn Sie sich Sorgen machen.",
)
SAFEGUARDING = Rule(
    "Schutz von Kindern und Jugendlichen (§ 72a SGB VIII)",
    "Die ehrenamtliche Person hat der Koordination ein erweitertes Führungszeugnis gezeigt. Es "
    "wird nach fünf Jahren erneut eingesehen. Hinweise auf eine Gefährdung des Kindeswohls "
    "melden Sie sofort der Koordination.",
)
COORDINATOR = Rule(
    "Kontakt zur Koordination",
    "Die Koordination begleitet die Patenschaft. Im ersten Jahr meldet sie sich etwa einmal im "
    "Monat. Bei Fragen, Problemen oder Änderungen (Umzug, neue Telefonnummer, längere Pause) "
    "melden Sie sich bitte bei ihr.",
)
ENDING = Rule(
    "Ende der Patenschaft",
    "Beide Seiten können die Patenschaft jederzeit beenden, ohne Angabe von Gründen. Bitte sagen "
    "Sie es zuerst der Koordination; sie hilft bei einem guten Abschluss.",
)
DATA_PROTECTION = Rule(
    "Datenschutz",
    "Die Stadt Herne speichert Ihre Angaben nur für die Vermittlung und Begleitung der "
    "Patenschaft. Die andere Seite erhält nur die Kontaktdaten, deren Weitergabe Sie zugestimmt "
    "haben. Sie können jederzeit Auskunft verlangen und Ihre Einwilligung widerrufen.",
)
INSURANCE = Rule(
    "Versicherung",
    "Während der ehrenamtlichen Tätigkeit ist die ehrenamtliche Person über die "
    "Ehrenamtsversicherung der Stadt Herne unfall- und haftpflichtversichert. Ein Schaden wird "
    "sofort der Koordination gemeldet.",
)
NO_MONEY = Rule(
    "Unentgeltlichkeit",
    "Die Patenschaft ist ein Ehrenamt. Geld, teure Geschenke oder Darlehen werden weder gegeben "
    "noch angenommen.",
)

# Programme code -> rules that come after the shared ones.
PROGRAMME_RULES: dict[str, list[Rule]] = {
    "ausbildungspaten": [
        Rule(
            "Aufgabe",
            "Die Patin oder der Pate begleitet die junge Person bei Berufsorientierung, "
            "Bewerbungen und in der Ausbildung. Entscheidungen trifft die junge Person selbst; "
            "Schule und Ausbildungsbetrieb bleiben ihre Ansprechpartner.",
        )
    ],
    "familienpaten": [
        Rule(
            "Aufgabe",
            "Die Familienpatin oder der Familienpate unterstützt die Familie im Alltag. Die Eltern "
            "behalten die Verantwortung für ihre Kinder; die Patin oder der Pate ist keine "
            "Babysitterin, Haushaltshilfe oder Fachkraft.",
        )
    ],
    "klein-trifft-gross": [
        Rule(
            "Aufgabe",
            "Die Großelternpatin oder der Großelternpate verbringt Zeit mit dem Kind. Treffen "
            "werden mit den Eltern abgesprochen; die Eltern wissen immer, wo ihr Kind ist.",
        )
    ],
    "sprachlotsen": [
        Rule(
            "Aufgabe",
            "Die Sprachlotsin oder der Sprachlotse hilft bei Terminen, Briefen und der "
            "Orientierung in Herne. Sie oder er gibt keine Rechtsberatung und unterschreibt "
            "nichts für die Familie.",
        )
    ],
    "wohneinrichtungen": [
        Rule(
            "Aufgabe",
            "Die Begleitung wird mit den Fachkräften der Wohneinrichtung abgestimmt. Treffen "
            "außerhalb der Einrichtung werden vorher mit ihnen vereinbart.",
        )
    ],
    "gruendungsmentoring": [
        Rule(
            "Aufgabe",
            "Die Mentorin oder der Mentor berät aus eigener Erfahrung. Geschäftliche "
            "Entscheidungen und ihre Folgen liegen bei der Gründerin oder dem Gründer; eine "
            "Beteiligung am Unternehmen ist ausgeschlossen.",
        )
    ],
}


def agreement_rules(programme_code: str, police_certificate: bool) -> list[Rule]:
    """The rules printed for one programme, in order."""
    rules = [*PROGRAMME_RULES.get(programme_code, []), CONFIDENTIALITY]
    if police_certificate:
        rules.append(SAFEGUARDING)
    rules += [COORDINATOR, NO_MONEY, ENDING, DATA_PROTECTION, INSURANCE]
    return rules
