"""The questionnaire after a tandem ended, in figures: answers, average satisfaction, share
recommending, per programme. Free texts never leave the database through a report."""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Integer, case, func, select

from mentoring.extensions import db
from mentoring.models import Programme, TandemFeedback
from mentoring.reports.queries.figures import Filter
from mentoring.reports.queries.periods import day_start


@dataclass(frozen=True)
class FeedbackRow:
    label: str
    answers: int
    satisfaction: float | None  # average of 1…5
    recommending: float | None  # share 0…1


def feedback_rows(filter_: Filter) -> list[FeedbackRow]:
    """Answers submitted in the period, per programme (programmes without answers left out),
    and the total as the last row (label "")."""
    recommend = func.sum(case((TandemFeedback.would_recommend.is_(True), 1), else_=0))
    satisfaction = func.sum(TandemFeedback.satisfaction.cast(Integer))
    rows = db.session.execute(
        select(Programme.name, func.count(), satisfaction, recommend)
        .join(Programme, Programme.id == TandemFeedback.programme_id)
        .where(
            TandemFeedback.programme_id.in_(filter_.programme_ids),
            TandemFeedback.submitted_at >= day_start(filter_.period_start),
            TandemFeedback.submitted_at < day_start(filter_.period_end + timedelta(days=1)),
        )
        .group_by(Programme.id, Programme.name, Programme.sort_order)
        .order_by(Programme.sort_order, Programme.id)
    ).all()
    result = [_row(name, count, total, yes) for name, count, total, yes in rows]
    if result:
        count = sum(r[1] for r in rows)
        result.append(_row("", count, sum(r[2] for r in rows), sum(r[3] for r in rows)))
    return result


def _row(label: str, count: int, total: int, yes: int) -> FeedbackRow:
    return FeedbackRow(
        label, count, total / count if count else None, yes / count if count else None
    )
