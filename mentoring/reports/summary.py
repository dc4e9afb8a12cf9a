"""A short German summary for the committee, written from the (protected) tables."""

from flask_babel import format_date
from flask_babel import gettext as _

from mentoring.reports.disclosure import LOCKED, SMALL, Cell
from mentoring.reports.queries import Statistics
from mentoring.reports.tables import Table


def _say(cell: Cell) -> str:
    if cell.text == SMALL:
        return _("weniger als 5")
    return cell.text


def _total(table: Table) -> list[Cell]:
    return next(r.cells for r in table.rows if r.is_total)


def summary(stats: Statistics, tables: dict[str, Table]) -> list[str]:
    """Sentences for the report's summary paragraph."""
    start = format_date(stats.filter.period_start, "dd.MM.yyyy")
    end = format_date(stats.filter.period_end, "dd.MM.yyyy")
    counts = stats.total.counts
    if not stats.programmes:
        return [_("Für die gewählten Programme liegen keine Zahlen vor.")]
    if not (
        counts.volunteers_new
        or counts.requests_new
        or counts.tandems_started
        or counts.tandems_ended
        or counts.tandems_active
    ):
        return [
            _(
                "Im Zeitraum vom %(start)s bis %(end)s gab es keine neuen Anmeldungen und "
                "keine laufenden, begonnenen oder beendeten Tandems.",
                start=start,
                end=end,
            )
        ]
    volunteers = _total(tables["ehrenamtliche_programm"])
    requests = _total(tables["anfragen_programm"])
    tandems = _total(tables["tandems_programm"])
    sentences = [
        _(
            "Im Zeitraum vom %(start)s bis %(end)s haben sich %(volunteers)s Ehrenamtliche und "
            "%(requests)s Anfragen neu angemeldet.",
            start=start,
            end=end,
            volunteers=_say(volunteers[0]),
            requests=_say(requests[0]),
        ),
        _(
            "%(started)s Tandems haben begonnen und %(ended)s wurden beendet; am Ende des "
            "Zeitraums liefen %(active)s Tandems.",
            started=_say(tandems[0]),
            ended=_say(tandems[2]),
            active=_say(tandems[1]),
        ),
    ]
    outcomes = [r for r in tables["tandems_ergebnis"].rows if not r.is_total and r.cells[0].value]
    if outcomes:
        top = max(outcomes, key=lambda r: r.cells[0].value)
        sentences.append(
            _(
                "Häufigster Grund für das Ende eines Tandems: %(reason)s (%(count)s).",
                reason=top.label,
                count=top.cells[0].text,
            )
        )
    waiting = _total(tables["wartezeit_programm"])
    if waiting[1].value is not None:
        sentences.append(
            _(
                "Von der Anmeldung bis zum ersten Treffen vergingen im Median %(median)s Tage; "
                "90 von 100 Anfragen kamen innerhalb von %(p90)s Tagen zum ersten Treffen.",
                median=waiting[1].text,
                p90=waiting[2].text,
            )
        )
    else:
        sentences.append(
            _("Für eine Aussage zur Wartezeit haben im Zeitraum zu wenige Tandems begonnen.")
        )
    checkins = _total(tables["begleitgespraeche_programm"])
    if checkins[2].value is not None:
        sentences.append(
            _(
                "Von %(due)s fälligen Begleitgesprächen wurden %(done)s geführt (%(share)s).",
                due=checkins[0].text,
                done=checkins[1].text,
                share=checkins[2].text,
            )
        )
    sentences.append(_missing_sentence(stats, tables["angebot_nachfrage"]))
    return sentences


def _missing_sentence(stats: Statistics, balance: Table) -> str:
    worst = stats.most_missing
    if worst is None:
        return _(
            "In keinem Stadtbezirk warten mehr Anfragen, als Ehrenamtliche einen Platz frei haben."
        )
    row = next(r for r in balance.rows if r.label == worst.label and not r.is_total)
    supply, demand, _missing = row.cells
    if LOCKED in (supply.text, demand.text):
        return _(
            "Am meisten fehlen Ehrenamtliche im Stadtbezirk %(district)s.", district=worst.label
        )
    return _(
        "Am meisten fehlen Ehrenamtliche im Stadtbezirk %(district)s: Dort warten "
        "%(demand)s Anfragen, aber nur %(supply)s Ehrenamtliche haben einen Platz frei. "
        "Hier sollte die Werbung neuer Ehrenamtlicher ansetzen.",
        district=worst.label,
        demand=_say(demand),
        supply=_say(supply),
    )
