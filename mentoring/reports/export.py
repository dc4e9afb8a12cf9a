"""Downloads: the anonymous aggregates as CSV, the committee report as PDF."""

import csv
import io

from mentoring.pdf import html_to_pdf
from mentoring.reports.build import Report

CSV_COLUMNS = ["von", "bis", "tabelle", "zeile", "spalte", "wert"]


def report_csv(report: Report) -> str:
    """One line per table cell (long format): semicolons and a BOM, as German Excel expects.

    The values are the report's: small counts appear as "< 5", protected ones as "•".
    """
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    start = report.stats.filter.period_start.isoformat()
    end = report.stats.filter.period_end.isoformat()
    for table in report.tables.values():
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                writer.writerow([start, end, table.key, row.label, column, _machine_value(cell)])
    return out.getvalue()


def _machine_value(cell) -> str:
    """Plain digits (a decimal point for days and shares) for shown numbers, else the marker."""
    if cell.value is None:
        return cell.text
    if float(cell.value).is_integer():
        return str(int(cell.value))
    return f"{cell.value:.1f}"


def report_pdf(html: str) -> bytes:
    """The report's HTML with the print stylesheet as a tagged PDF."""
    return html_to_pdf(html, "reports-print.css")
