"""Runs of the matching engine, the proposals they make, and pairs excluded from proposals."""

import enum
from datetime import date, datetime

from sqlalchemy import JSON, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentoring.extensions import db
from mentoring.models.people import MenteeRequest, Volunteer
from mentoring.models.reference import Programme
from mentoring.models.types import UTCDateTime, utcnow, value_enum


class ProposalStatus(enum.StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    SUPERSEDED = "superseded"  # replaced by a newer run
    CLOSED = "closed"  # a competing proposal of the same people was accepted


class DeclineReason(enum.StrEnum):
    VOLUNTEER_DECLINED = "volunteer_declined"
    MENTEE_DECLINED = "mentee_declined"
    DISTANCE = "distance"
    TIMES = "times"
    NOT_SUITABLE = "not_suitable"
    OTHER = "other"


class ProposalSource(enum.StrEnum):
    RUN = "run"  # computed by a matching run
    MANUAL = "manual"  # proposed by hand by a coordinator


class ProposalStepKind(enum.StrEnum):
    """The steps an office takes between a proposal and the tandem, in this order."""

    VOLUNTEER_ASKED = "volunteer_asked"
    VOLUNTEER_AGREED = "volunteer_agreed"
    VOLUNTEER_DECLINED = "volunteer_declined"
    MENTEE_ASKED = "mentee_asked"
    MENTEE_AGREED = "mentee_agreed"
    MENTEE_DECLINED = "mentee_declined"
    MEETING_ARRANGED = "meeting_arranged"  # the date is the planned first meeting


class MatchingRun(db.Model):
    __tablename__ = "matching_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    objective: Mapped[str] = mapped_column(String(20))
    method: Mapped[str] = mapped_column(String(20))
    matched: Mapped[int] = mapped_column(Integer, default=0)
    total_score: Mapped[float] = mapped_column(Float, default=0.0)
    # Why each unmatched person stayed unmatched: [{"side", "person_id", "reasons", ...}].
    unmatched: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    programme: Mapped[Programme] = relationship()


class Proposal(db.Model):
    __tablename__ = "proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("matching_runs.id", ondelete="SET NULL"), index=True
    )
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    volunteer_id: Mapped[int | None] = mapped_column(
        ForeignKey("volunteers.id", ondelete="SET NULL"), index=True
    )
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("mentee_requests.id", ondelete="SET NULL"), index=True
    )
    score: Mapped[float] = mapped_column(Float)
    score_parts: Mapped[dict] = mapped_column(JSON, default=dict)
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    # The pair's weak points as German sentences (no common language, no shared time, ...).
    warnings: Mapped[list] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    status: Mapped[ProposalStatus] = mapped_column(
        value_enum(ProposalStatus), default=ProposalStatus.OPEN, index=True
    )
    decline_reason: Mapped[DeclineReason | None] = mapped_column(value_enum(DeclineReason))
    decline_note: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    source: Mapped[ProposalSource] = mapped_column(
        value_enum(ProposalSource), default=ProposalSource.RUN, server_default="run"
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    # The volunteer's own answer by link ("yes"/"no", a reason code from the short list):
    # a "no" waits here for the coordinator, who declines the proposal.
    volunteer_answer: Mapped[str | None] = mapped_column(String(10))
    volunteer_answer_reason: Mapped[str | None] = mapped_column(String(20))
    volunteer_answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    programme: Mapped[Programme] = relationship()
    volunteer: Mapped[Volunteer | None] = relationship()
    request: Mapped[MenteeRequest | None] = relationship()
    steps: Mapped[list["ProposalStep"]] = relationship(
        back_populates="proposal",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ProposalStep.id",
    )


class ProposalStep(db.Model):
    """One step on the way from a proposal to a tandem: what, on which day, entered by whom."""

    __tablename__ = "proposal_steps"
    __table_args__ = (UniqueConstraint("proposal_id", "kind", name="uq_proposal_steps_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ProposalStepKind] = mapped_column(value_enum(ProposalStepKind))
    done_on: Mapped[date] = mapped_column(Date)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    proposal: Mapped[Proposal] = relationship(back_populates="steps")


class PairExclusion(db.Model):
    """A pair that must never be proposed again (a partner's stated exclusion)."""

    __tablename__ = "pair_exclusions"
    __table_args__ = (
        UniqueConstraint("volunteer_id", "request_id", name="uq_pair_exclusions_pair"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id", ondelete="CASCADE"))
    request_id: Mapped[int] = mapped_column(ForeignKey("mentee_requests.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
