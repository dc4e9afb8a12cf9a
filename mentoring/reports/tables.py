"""The tables shown on the statistics page, in the committee report and in the CSV export.

Built once from `Statistics`; the page, the report, the charts and the CSV only lay them out, so
every number appears the same way everywhere. `protected=True` applies the suppression rules of
`disclosure`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import format_date
from flask_babel import gettext as _

from mentoring.formatting import days, hours, number
from mentoring.labels import label
from mentoring.models import EndReason
from mentoring.reports import disclosure
from mentoring.reports.disclosure import NOT_SHOWN, Cell
from mentoring.reports.queries import Counts, Row, Statistics


@dataclass(frozen=True)
class TableRow:
    label: str
    cells: list[Cell]
    is_total: bool = False


@dataclass(frozen=True)
class Table:
    key: str  # stable machine name, used in the CSV
    caption: str
    row_header: str
    columns: list[str]
    rows: list[TableRow]
    note: str | None = None

    def column(self, index: int, with_total: bool = False) -> list[Cell]:
        return [r.cells[index] for r in self.rows if with_total or not r.is_total]

    @property
    def labels(self) -> list[str]:
        return [r.label for r in self.rows if not r.is_total]


@dataclass(frozen=True)
class Column:
    label: str
    get: Callable[[Counts], int]


class TableBuilder:
    def __init__(self, stats: Statistics, protected: bool):
        self.stats = stats
        self.protected = protected
        self.group = disclosure.protect if protected else disclosure.exact_group

    # -- generic pieces -------------------------------------------------------------------
    def counts_table(
        self, key, caption, row_header, rows: list[Row], columns: list[Column], note=None
    ) -> Table:
        by_column = []
        for column in columns:
            cells, total = self.group(
                [column.get(r.counts) for r in rows], column.get(self.stats.total.counts)
            )
            by_column.append(cells + [total])
        body = [TableRow(r.label, [col[i] for col in by_column]) for i, r in enumerate(rows)]
        body.append(TableRow(_("Gesamt"), [col[-1] for col in by_column], is_total=True))
        return Table(key, caption, row_header, [c.label for c in columns], body, note)

    def waiting_table(self, key, caption, row_header, rows: list[Row]) -> Table:
        everything = [*rows, self.stats.total]
        counts, total = self.group([r.waiting.count for r in rows], self.stats.total.waiting.count)
        body = []
        for row, count in zip(everything, [*counts, total], strict=True):
            shown = count.value is not None and (
                not self.protected or row.waiting.count >= disclosure.THRESHOLD
            )
            median, p90 = (
                self._days(row.waiting.median, shown),
                self._days(row.waiting.p90, shown),
            )
            body.append(
                TableRow(
                    row.label if row is not self.stats.total else _("Gesamt"),
                    [count, median, p90],
                    is_total=row is self.stats.total,
                )
            )
        return Table(
            key,
            caption,
            row_header,
            [_("Begonnene Tandems"), _("Median in Tagen"), _("90 % warteten höchstens (Tage)")],
            body,
            _(
                "Wartezeit: Tage von der Anmeldung der Anfrage bis zum ersten Treffen, für die im "
                "Zeitraum begonnenen Tandems. Median: die Hälfte wartete kürzer, die Hälfte länger."
            ),
        )

    def checkin_table(self, key, caption, row_header, rows: list[Row]) -> Table:
        everything = [*rows, self.stats.total]
        due, due_total = self.group(
            [r.counts.checkins_due for r in rows], self.stats.total.counts.checkins_due
        )
        done, done_total = self.group(
            [r.counts.checkins_done for r in rows], self.stats.total.counts.checkins_done
        )
        body = []
        for row, due_cell, done_cell in zip(
            everything, [*due, due_total], [*done, done_total], strict=True
        ):
            if due_cell.value and done_cell.value is not None:
                share = done_cell.value / due_cell.value * 100
                share_cell = Cell(f"{number(round(share))} %", share)
            else:
                share_cell = Cell(NOT_SHOWN, None)
            body.append(
                TableRow(
                    row.label if row is not self.stats.total else _("Gesamt"),
                    [due_cell, done_cell, share_cell],
                    is_total=row is self.stats.total,
                )
            )
        return Table(
            key,
            caption,
            row_header,
            [_("Fällig"), _("Geführt"), _("Anteil geführt")],
            body,
            _(
                "Begleitgespräche, die im Zeitraum bis heute fällig waren, und wie viele "
                "davon geführt wurden."
            ),
        )

    # -- the tables -----------------------------------------------------------------------
    def volunteer_columns(self):
        return [
            Column(_("Neu angemeldet"), lambda c: c.volunteers_new),
            Column(_("Überprüfung abgeschlossen"), lambda c: c.volunteers_screened),
            Column(_("Aktiv im Tandem"), lambda c: c.volunteers_active),
            Column(_("Wartend ohne Tandem"), lambda c: c.volunteers_waiting),
            Column(_("Mit freiem Platz"), lambda c: c.volunteers_free),
        ]

    def request_columns(self):
        return [
            Column(_("Neu angemeldet"), lambda c: c.requests_new),
            Column(_("Offen"), lambda c: c.requests_open),
            Column(_("Davon vermittelbar, wartend"), lambda c: c.requests_waiting),
            Column(_("Vermittelt (laufendes Tandem)"), lambda c: c.requests_matched),
        ]

    def tandem_columns(self):
        return [
            Column(_("Begonnen"), lambda c: c.tandems_started),
            Column(_("Laufend am Ende des Zeitraums"), lambda c: c.tandems_active),
            Column(_("Beendet"), lambda c: c.tandems_ended),
        ]

    def outcomes(self) -> Table:
        reasons = list(EndReason)
        ended = self.stats.total.counts
        cells, total = self.group([ended.end_reasons[r] for r in reasons], ended.tandems_ended)
        rows = [TableRow(label(r), [c]) for r, c in zip(reasons, cells, strict=True)]
        rows.append(TableRow(_("Beendet insgesamt"), [total], is_total=True))
        return Table(
            "tandems_ergebnis", _("Beendete Tandems nach Grund"), _("Grund"), [_("Anzahl")], rows
        )

    def balance(self) -> Table:
        rows = self.stats.by_district
        supply, supply_total = self.group(
            [r.counts.volunteers_free for r in rows], self.stats.total.counts.volunteers_free
        )
        demand, demand_total = self.group(
            [r.counts.requests_waiting for r in rows], self.stats.total.counts.requests_waiting
        )
        body = []
        for i, row in enumerate([*rows, self.stats.total]):
            have, want = (supply + [supply_total])[i], (demand + [demand_total])[i]
            missing = max(row.counts.requests_waiting - row.counts.volunteers_free, 0)
            if have.value is not None and want.value is not None:
                gap = disclosure.primary(missing) if self.protected else disclosure.exact(missing)
            else:
                gap = Cell(disclosure.LOCKED, None)
            is_total = i == len(rows)
            body.append(
                TableRow(
                    _("Gesamt") if is_total else row.label, [have, want, gap], is_total=is_total
                )
            )
        return Table(
            "angebot_nachfrage",
            _("Angebot und Nachfrage nach Stadtbezirk (Stand heute)"),
            _("Stadtbezirk"),
            [
                _("Ehrenamtliche mit freiem Platz"),
                _("Wartende Anfragen"),
                _("Es fehlen Ehrenamtliche"),
            ],
            body,
            _(
                "Fehlende Ehrenamtliche: wartende Anfragen minus Ehrenamtliche mit freiem Platz "
                "im selben Stadtbezirk."
            ),
        )

    def months(self) -> Table:
        points = self.stats.months
        total = self.stats.total.counts
        waiting = [self._single(p.waiting) for p in points]
        new, _total_new = self.group([p.new_requests for p in points], total.requests_new)
        started, _total_started = self.group([p.started for p in points], total.tandems_started)
        rows = [
            TableRow(format_date(p.month, "MMMM yyyy"), [w, n, s])
            for p, w, n, s in zip(points, waiting, new, started, strict=True)
        ]
        return Table(
            "verlauf_monate",
            _("Warteliste im Verlauf"),
            _("Monat"),
            [_("Wartende Anfragen am Monatsende"), _("Neue Anfragen"), _("Begonnene Tandems")],
            rows,
            _(
                "Eine Anfrage wartet von der Anmeldung, bis ein Tandem vereinbart ist. Anfragen, "
                "die ohne Tandem geschlossen oder zurückgezogen wurden, sind nicht enthalten."
            ),
        )

    def hours(self) -> Table:
        """Hours per programme; protected: hidden where the number of tandems is hidden."""
        rows = self.stats.by_programme
        total = self.stats.total.counts
        tandems, tandems_total = self.group(
            [r.counts.tandems_with_hours for r in rows], total.tandems_with_hours
        )
        body = []
        for row, tandem_cell in zip(
            [*rows, self.stats.total], [*tandems, tandems_total], strict=True
        ):
            amount = row.counts.volunteer_hours
            shown = tandem_cell.value is not None
            hours_cell = Cell(hours(amount), amount) if shown else Cell(disclosure.LOCKED, None)
            is_total = row is self.stats.total
            body.append(
                TableRow(
                    _("Gesamt") if is_total else row.label,
                    [hours_cell, tandem_cell],
                    is_total=is_total,
                )
            )
        return Table(
            "stunden_programm",
            _("Ehrenamtliche Stunden nach Programm"),
            _("Programm"),
            [_("Geleistete Stunden"), _("Tandems mit Stunden")],
            body,
            _(
                "Von der Koordination (oder den Ehrenamtlichen) je Tandem und Monat eingetragene "
                "Stunden; ein Monat zählt ganz, wenn er im Zeitraum beginnt oder der Zeitraum in "
                "ihm beginnt."
            ),
        )

    @staticmethod
    def _days(value: float | None, shown: bool) -> Cell:
        if not shown or value is None:
            return Cell(NOT_SHOWN, None)
        return Cell(days(value), value)

    def _single(self, n: int) -> Cell:
        return disclosure.primary(n) if self.protected else disclosure.exact(n)


def build_tables(stats: Statistics, protected: bool) -> dict[str, Table]:
    """Every table, keyed by its machine name, in the order of the page."""
    b = TableBuilder(stats, protected)
    programme, district = _("Programm"), _("Stadtbezirk")
    tables = [
        b.counts_table(
            "ehrenamtliche_programm",
            _("Ehrenamtliche nach Programm"),
            programme,
            stats.by_programme,
            b.volunteer_columns(),
            _(
                "Wer sich für mehrere Programme gemeldet hat, zählt in jedem davon, "
                "in der Summe aber nur einmal."
            ),
        ),
        b.counts_table(
            "ehrenamtliche_bezirk",
            _("Ehrenamtliche nach Stadtbezirk"),
            district,
            stats.by_district,
            b.volunteer_columns(),
        ),
        b.counts_table(
            "anfragen_programm",
            _("Anfragen nach Programm"),
            programme,
            stats.by_programme,
            b.request_columns(),
        ),
        b.counts_table(
            "anfragen_bezirk",
            _("Anfragen nach Stadtbezirk"),
            district,
            stats.by_district,
            b.request_columns(),
        ),
        b.counts_table(
            "tandems_programm",
            _("Tandems nach Programm"),
            programme,
            stats.by_programme,
            b.tandem_columns(),
        ),
        b.counts_table(
            "tandems_bezirk",
            _("Tandems nach Stadtbezirk"),
            district,
            stats.by_district,
            b.tandem_columns(),
            _("Stadtbezirk der Anfrage; ist sie gelöscht, der der ehrenamtlichen Person."),
        ),
        b.outcomes(),
        b.waiting_table(
            "wartezeit_programm",
            _("Wartezeit bis zum ersten Treffen nach Programm"),
            programme,
            stats.by_programme,
        ),
        b.waiting_table(
            "wartezeit_bezirk",
            _("Wartezeit bis zum ersten Treffen nach Stadtbezirk"),
            district,
            stats.by_district,
        ),
        b.checkin_table(
            "begleitgespraeche_programm",
            _("Begleitgespräche nach Programm"),
            programme,
            stats.by_programme,
        ),
        b.checkin_table(
            "begleitgespraeche_bezirk",
            _("Begleitgespräche nach Stadtbezirk"),
            district,
            stats.by_district,
        ),
        b.balance(),
        b.months(),
        b.hours(),
    ]
    return {t.key: t for t in tables}
