"""Everything a report shows, built in one place from the one query layer."""

from dataclasses import dataclass, field
from datetime import date

from mentoring.reports.charts import Chart, build_charts
from mentoring.reports.queries import Filter, Statistics, collect
from mentoring.reports.queries.feedback import FeedbackRow, feedback_rows
from mentoring.reports.summary import summary
from mentoring.reports.tables import Table, build_tables


@dataclass
class Report:
    stats: Statistics
    tables: dict[str, Table]
    charts: dict[str, Chart]
    summary: list[str]
    protected: bool
    # The questionnaire after a tandem ended (aggregates only).
    feedback: list[FeedbackRow] = field(default_factory=list)


def build_report(filter_: Filter, *, protected: bool, today: date | None = None) -> Report:
    """Figures, tables, charts and summary; protected applies the small-count suppression."""
    stats = collect(filter_, today=today)
    tables = build_tables(stats, protected=protected)
    return Report(
        stats,
        tables,
        build_charts(stats, tables),
        summary(stats, tables),
        protected,
        feedback_rows(filter_),
    )
