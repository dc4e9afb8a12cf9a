"""Screening of volunteers: interview, introduction training and, where needed, the police
certificate (§72a SGB VIII). Pure rules on plain values, shared by the dashboard and matching."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from mentoring.eligibility import ADULT_AGE
from mentoring.safeguarding import CertificateState, CertificateStatus


@dataclass(frozen=True)
class ProgrammeFacts:
    requires_police_certificate: bool
    min_age: int | None


def certificate_needed(programmes: list[ProgrammeFacts]) -> bool:
    """Needed when a programme says so or may involve minors (lower age limit under 18 or none)."""
    return any(
        p.requires_police_certificate or p.min_age is None or p.min_age < ADULT_AGE
        for p in programmes
    )


def missing_steps(
    *,
    interview_on: date | None,
    training_on: date | None,
    certificate_needed: bool,
    certificate: CertificateStatus,
) -> list[str]:
    """What is still missing before the volunteer may be matched (German, for coordinators)."""
    missing = []
    if interview_on is None:
        missing.append(_("Erstgespräch fehlt"))
    if training_on is None:
        missing.append(_("Einführungsschulung fehlt"))
    if certificate_needed and not certificate.valid:
        if certificate.state is CertificateState.CONVICTION:
            missing.append(_("Führungszeugnis mit relevantem Eintrag"))
        elif certificate.state is CertificateState.EXPIRED:
            missing.append(_("Führungszeugnis abgelaufen: neue Einsichtnahme nötig"))
        else:
            missing.append(_("Erweitertes Führungszeugnis nicht eingesehen"))
    return missing
