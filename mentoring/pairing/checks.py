"""Reads about one volunteer or one pair, for re-checking a proposal before it is accepted."""

from __future__ import annotations

from sqlalchemy import exists, func, select

from mentoring.extensions import db
from mentoring.models import OCCUPYING_STATUSES, PairExclusion, Tandem


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
