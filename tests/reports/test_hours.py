"""Volunteer hours in the statistics: totals per programme and period, protected like counts."""

from datetime import date

from mentoring.extensions import db
from mentoring.reports.build import build_report
from mentoring.reports.export import report_csv
from mentoring.reports.queries import Filter, collect
from tests.support.factories import (
    make_hours,
    make_request,
    make_tandem,
    make_volunteer,
    programme,
)

TODAY = date(2026, 7, 15)


def _tandem(programme_code: str):
    volunteer = make_volunteer(programmes=(programme_code,), commit=False)
    request_row = make_request(programme_code=programme_code, commit=False)
    return make_tandem(volunteer, request_row, commit=False)


def _world() -> dict[str, int]:
    """Ausbildungspaten: 5 tandems with hours in the period; Familienpaten: 1 tandem.

    A1: Dec 2025 10 (outside), Jan 2026 4.5, Jun 2026 3, Jul 2026 8 (outside)
    A2–A5: Mar 2026 2 each        F1: Feb 2026 1.5
    """
    a = [_tandem("ausbildungspaten") for _ in range(5)]
    f1 = _tandem("familienpaten")
    make_hours(a[0], date(2025, 12, 1), "10", commit=False)
    make_hours(a[0], date(2026, 1, 1), "4.5", commit=False)
    make_hours(a[0], date(2026, 6, 1), "3", commit=False)
    make_hours(a[0], date(2026, 7, 1), "8", commit=False)
    for tandem in a[1:]:
        make_hours(tandem, date(2026, 3, 1), "2", commit=False)
    make_hours(f1, date(2026, 2, 1), "1.5", commit=False)
    db.session.commit()
    return {code: programme(code).id for code in ("ausbildungspaten", "familienpaten")}


def _filter(ids, start=date(2026, 1, 1), end=date(2026, 6, 30)) -> Filter:
    return Filter(start, end, tuple(ids.values()))


def test_hours_per_programme_and_total(app):
    ids = _world()
    stats = collect(_filter(ids), today=TODAY)
    by_code = {row.key: row.counts for row in stats.by_programme}
    assert by_code["ausbildungspaten"].volunteer_hours == 15.5  # 4.5 + 3 + 4 × 2
    assert by_code["ausbildungspaten"].tandems_with_hours == 5
    assert by_code["familienpaten"].volunteer_hours == 1.5
    assert by_code["familienpaten"].tandems_with_hours == 1
    assert stats.total.counts.volunteer_hours == 17.0
    assert stats.total.counts.tandems_with_hours == 6


def test_a_month_counts_whole_when_the_period_starts_inside_it(app):
    ids = _world()
    stats = collect(_filter(ids, date(2026, 6, 20), date(2026, 7, 2)), today=TODAY)
    by_code = {row.key: row.counts for row in stats.by_programme}
    assert by_code["ausbildungspaten"].volunteer_hours == 11.0  # June 3 + July 8
    assert by_code["familienpaten"].volunteer_hours == 0


def test_tables_exact_for_staff_and_protected_for_the_committee(app):
    ids = _world()
    exact = build_report(_filter(ids), protected=False, today=TODAY).tables["stunden_programm"]
    assert exact.columns == ["Geleistete Stunden", "Tandems mit Stunden"]
    rows = {row.label: [c.text for c in row.cells] for row in exact.rows}
    assert rows["Ausbildungspaten"] == ["15,5", "5"]
    assert rows["Familienpaten"] == ["1,5", "1"]
    assert rows["Gesamt"] == ["17", "6"]
    protected = build_report(_filter(ids), protected=True, today=TODAY).tables["stunden_programm"]
    rows = {row.label: [c.text for c in row.cells] for row in protected.rows}
    assert rows["Familienpaten"] == ["•", "< 5"]  # one tandem: its hours would be its own
    # With the total shown, the other count is hidden too (no subtraction), and so its hours.
    assert rows["Ausbildungspaten"] == ["•", "•"]
    assert rows["Gesamt"] == ["17", "6"]


def test_csv_and_report_pages_carry_the_hours(app, admin_client):
    ids = _world()
    report = build_report(_filter(ids), protected=True, today=TODAY)
    csv_text = report_csv(report)
    assert "stunden_programm;Gesamt;Geleistete Stunden;17" in csv_text
    assert "stunden_programm;Familienpaten;Geleistete Stunden;•" in csv_text
    period = {"von": "2026-01-01", "bis": "2026-06-30"}
    page = admin_client.get("/dashboard/berichte/", query_string=period).get_data(as_text=True)
    assert "Ehrenamtliche Stunden nach Programm" in page and "15,5" in page
    committee = admin_client.get("/dashboard/berichte/ausschuss", query_string=period)
    assert "Ehrenamtliche Stunden nach Programm" in committee.get_data(as_text=True)
