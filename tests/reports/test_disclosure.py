"""Small-count suppression and the tables, charts and summary built on it."""

import re

from mentoring.reports.build import build_report
from mentoring.reports.disclosure import LOCKED, SMALL, Cell, primary, protect
from tests.reports.builders import TODAY, make_filter


def _texts(cells):
    return [c.text for c in cells]


def test_primary_suppression_hides_one_to_four_only():
    assert [primary(n).text for n in range(7)] == ["0", SMALL, SMALL, SMALL, SMALL, "5", "6"]
    assert primary(3).value is None
    assert primary(0).value == 0
    assert primary(1234).text == "1.234"


def test_single_hidden_cell_gets_a_second_one_against_subtraction():
    # 13 − 10 would give the hidden 3: the smallest other non-zero count is hidden too.
    cells, total = protect([3, 10, 0, 25], 38)
    assert _texts(cells) == [SMALL, LOCKED, "0", "25"]
    assert total.text == "38"


def test_tie_for_the_second_hidden_cell_takes_the_first():
    cells, _ = protect([2, 7, 7], 16)
    assert _texts(cells) == [SMALL, LOCKED, "7"]


def test_two_hidden_cells_need_no_more():
    cells, total = protect([2, 3, 10], 15)
    assert _texts(cells) == [SMALL, SMALL, "10"]
    assert total.text == "15"


def test_hidden_total_protects_its_parts():
    cells, total = protect([0, 3], 3)
    assert _texts(cells) == ["0", SMALL]
    assert total.text == SMALL


def test_zeros_stay_visible_and_need_no_protection():
    cells, total = protect([0, 0, 12], 12)
    assert _texts(cells) == ["0", "0", "12"]


def test_no_other_cell_to_hide():
    cells, total = protect([4, 0], 4)
    assert _texts(cells) == [SMALL, "0"] and total.text == SMALL


def test_protected_report_never_shows_one_to_four(scenario):
    report = build_report(make_filter(scenario), protected=True, today=TODAY)
    for table in report.tables.values():
        for row in table.rows:
            for cell in row.cells:
                assert cell.text not in {"1", "2", "3", "4"}, (table.key, row.label)
    # Waiting times of fewer than 5 tandems are not given.
    total_waiting = next(r for r in report.tables["wartezeit_programm"].rows if r.is_total)
    assert _texts(total_waiting.cells) == [SMALL, "–", "–"]
    # Charts draw no bar for a hidden count, only its label.
    bars = report.charts["ergebnis"].bars
    assert {b.label for b in bars} == {"0", SMALL}
    assert all(b.width == 0 for b in bars)


def test_exact_report_keeps_small_counts(scenario):
    report = build_report(make_filter(scenario), protected=False, today=TODAY)
    total = next(r for r in report.tables["tandems_programm"].rows if r.is_total)
    assert _texts(total.cells) == ["4", "2", "2"]
    waiting = next(r for r in report.tables["wartezeit_programm"].rows if r.is_total)
    assert _texts(waiting.cells) == ["4", "49,5", "76,7"]


def test_summary_uses_protected_numbers(scenario):
    report = build_report(make_filter(scenario), protected=True, today=TODAY)
    text = " ".join(report.summary)
    assert "Im Zeitraum vom 01.01.2026 bis 30.06.2026" in text
    assert "weniger als 5 Tandems haben begonnen" in text
    assert "Für eine Aussage zur Wartezeit haben im Zeitraum zu wenige Tandems begonnen." in text
    assert "Am meisten fehlen Ehrenamtliche im Stadtbezirk Wanne" in text
    # Apart from the dates, no count from 1 to 4 appears.
    assert not re.search(r"(?<![\d.])[1-4](?![\d.])", text)


def test_summary_for_a_period_without_data(scenario):
    from datetime import date

    report = build_report(
        make_filter(scenario, date(2020, 1, 1), date(2020, 3, 31)), protected=True, today=TODAY
    )
    assert report.summary == [
        "Im Zeitraum vom 01.01.2020 bis 31.03.2020 gab es keine neuen Anmeldungen und keine "
        "laufenden, begonnenen oder beendeten Tandems."
    ]


def test_cell_hidden_flag():
    assert Cell(SMALL, None).hidden and Cell(LOCKED, None).hidden
    assert not Cell("–", None).hidden and not Cell("5", 5).hidden
