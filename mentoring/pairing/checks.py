"""Reads about one volunteer or one pair, for re-checking a proposal before it is accepted."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import exists, func, select

from mentoring.extensions import db
from mentoring.models import OCCUPYING_STATUSES, PairExclusion, Tandem
from mentoring.operations import screening
from mentoring.operations.screening import certificate_policy
from mentoring.safeguarding import CertificateStatus


def _today() -> date:
    return datetime.now(UTC).date()


def volunteer_certificate(volunteer_id: int, today: date | None = None) -> CertificateStatus:
    """The volunteer's police-certificate state today (or on `today`)."""
    return screening.volunteer_certificate(
        screening.checks_of(volunteer_id), today or _today(), certificate_policy()
    )


def occupying_count(volunteer_id: int) -> int:
    """How many tandems take up the volunteer's capacity."""
    return db.session.scalar(
        select(func.count())
        .select_from(Tandem)
        .where(Tandem.volunteer_id == volunteer_id, Tandem.status.in_(OCCUPYING_STATUSES))
    )


def pair_excluded(volunteer_id: int, request_id: int) -> bool:
    """Whether the two must never be proposed together again."""
    return db.session.scalar(
        select(
            exists().where(
                PairExclusion.volunteer_id == volunteer_id,
                PairExclusion.request_id == request_id,
            )
        )
    )
