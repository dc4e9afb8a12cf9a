"""A volunteer's screening as stored: the certificate policy, inspections, what is missing.

Reads only; recording a step is in operations/screening.py, the pure rules in screening.py.
"""

from collections.abc import Iterable
from datetime import date

from flask import current_app
from sqlalchemy import select

from mentoring import clock
from mentoring.extensions import db
from mentoring.models import PoliceCheck, Volunteer
from mentoring.safeguarding import (
    CertificatePolicy,
    CertificateStatus,
    CheckRecord,
    certificate_status,
)
from mentoring.screening import ProgrammeFacts, certificate_needed, missing_steps


def certificate_policy() -> CertificatePolicy:
    """The local rules from the configuration."""
    config = current_app.config
    return CertificatePolicy(
        valid_years=config["POLICE_CHECK_VALID_YEARS"], warn_weeks=config["POLICE_CHECK_WARN_WEEKS"]
    )


def needs_certificate(volunteer: Volunteer) -> bool:
    return certificate_needed(
        [ProgrammeFacts(p.requires_police_certificate, p.min_age) for p in volunteer.programmes]
    )


def checks_of(volunteer_id: int) -> list[PoliceCheck]:
    return list(
        db.session.scalars(
            select(PoliceCheck)
            .where(PoliceCheck.volunteer_id == volunteer_id)
            .order_by(PoliceCheck.id)
        )
    )


def checks_by_volunteer(volunteer_ids: Iterable[int]) -> dict[int, list[PoliceCheck]]:
    """All inspections of many volunteers in one query (lists must not query per row)."""
    found: dict[int, list[PoliceCheck]] = {}
    ids = list(volunteer_ids)
    if ids:
        for check in db.session.scalars(
            select(PoliceCheck).where(PoliceCheck.volunteer_id.in_(ids)).order_by(PoliceCheck.id)
        ):
            found.setdefault(check.volunteer_id, []).append(check)
    return found


def volunteer_certificate(
    checks: Iterable[PoliceCheck], today: date, policy: CertificatePolicy
) -> CertificateStatus:
    records = [CheckRecord(c.issue_date, c.inspected_on, c.conviction_listed) for c in checks]
    return certificate_status(records, today, policy)


def screening_missing(
    volunteer: Volunteer,
    today: date,
    policy: CertificatePolicy,
    checks: Iterable[PoliceCheck] | None = None,
) -> list[str]:
    """What still stands between the volunteer and matching (German reasons; empty: complete).

    Pass `checks` when they are already loaded; otherwise they are queried.
    """
    if checks is None:
        checks = checks_of(volunteer.id)
    return missing_steps(
        interview_on=volunteer.interview_on,
        training_on=volunteer.training_on,
        certificate_needed=needs_certificate(volunteer),
        certificate=volunteer_certificate(checks, today, policy),
    )


def screening_complete(
    volunteer: Volunteer,
    today: date,
    policy: CertificatePolicy,
    checks: Iterable[PoliceCheck] | None = None,
) -> bool:
    return not screening_missing(volunteer, today, policy, checks)


def certificate_today(volunteer_id: int, today: date | None = None) -> CertificateStatus:
    """The volunteer's police-certificate state today (or on `today`), read from the database."""
    return volunteer_certificate(
        checks_of(volunteer_id), today or clock.today(), certificate_policy()
    )
