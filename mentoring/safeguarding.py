"""§72a SGB VIII: when a police certificate is needed and whether a volunteer's record is valid.

Pure functions on plain values, shared by screening, matching, the accept action and the
coordinator's queue, so that every path applies the same rule.
"""

import enum
from dataclasses import dataclass
from datetime import date, timedelta


class CertificateState(enum.StrEnum):
    MISSING = "missing"
    VALID = "valid"
    DUE_SOON = "due_soon"  # still valid, re-inspection due within the warning period
    EXPIRED = "expired"
    CONVICTION = "conviction"


@dataclass(frozen=True)
class CertificatePolicy:
    valid_years: int = 5  # re-inspection after this many years (local rule)
    max_age_days: int = 91  # a certificate may be at most 3 months old when shown
    warn_weeks: int = 8  # show due re-inspections this long ahead


DEFAULT_POLICY = CertificatePolicy()


@dataclass(frozen=True)
class CheckRecord:
    issue_date: date
    inspected_on: date
    conviction_listed: bool


@dataclass(frozen=True)
class CertificateStatus:
    state: CertificateState
    due_on: date | None

    @property
    def valid(self) -> bool:
        return self.state in (CertificateState.VALID, CertificateState.DUE_SOON)


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def certificate_status(
    checks: list[CheckRecord], today: date, policy: CertificatePolicy = DEFAULT_POLICY
) -> CertificateStatus:
    """The state of the latest inspection; older ones no longer count."""
    if not checks:
        return CertificateStatus(CertificateState.MISSING, None)
    latest = max(checks, key=lambda c: (c.inspected_on, c.issue_date))
    due_on = add_years(latest.inspected_on, policy.valid_years)
    if latest.conviction_listed:
        return CertificateStatus(CertificateState.CONVICTION, None)
    if today >= due_on:
        return CertificateStatus(CertificateState.EXPIRED, due_on)
    if today >= due_on - timedelta(weeks=policy.warn_weeks):
        return CertificateStatus(CertificateState.DUE_SOON, due_on)
    return CertificateStatus(CertificateState.VALID, due_on)


def inspection_problem(
    issue_date: date,
    inspected_on: date,
    today: date,
    policy: CertificatePolicy = DEFAULT_POLICY,
) -> str | None:
    """Why an inspection cannot be recorded (German), or None."""
    if issue_date > today or inspected_on > today:
        return "Ein Datum liegt in der Zukunft. Bitte prüfen Sie die Angaben."
    if issue_date > inspected_on:
        return "Das Ausstellungsdatum liegt nach dem Tag der Einsichtnahme."
    if (inspected_on - issue_date).days > policy.max_age_days:
        return (
            "Das Führungszeugnis war bei der Einsichtnahme älter als 3 Monate. "
            "Bitte lassen Sie sich ein neues Führungszeugnis zeigen."
        )
    return None


def certificate_required(*, programme_requires: bool, involves_minor: bool) -> bool:
    """A certificate is needed when the programme says so or a minor is involved."""
    return programme_requires or involves_minor
