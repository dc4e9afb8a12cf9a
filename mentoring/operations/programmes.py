"""An admin changes a programme's settings, its texts in the other languages and whether it runs.

Activating needs the public texts in every language of the public forms; deactivating is refused
while requests or proposals of the programme are still open (see ``deactivation_blockers``).
"""

import logging

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from mentoring import audit
from mentoring.extensions import db
from mentoring.i18n import PROGRAMME_TEXT_FIELDS, missing_translations
from mentoring.matching.model import SCORE_PARTS, Weights
from mentoring.models import (
    OCCUPYING_STATUSES,
    Department,
    MenteeRequest,
    Programme,
    ProgrammeTranslation,
    Proposal,
    ProposalStatus,
    StaffUser,
    Tandem,
)
from mentoring.operations import OperationError

log = logging.getLogger(__name__)

LANGUAGE_NAMES_DE = {"en": "Englisch", "ar": "Arabisch", "uk": "Ukrainisch", "tr": "Türkisch"}
SETTINGS = (
    "name",
    "summary",
    "volunteer_task",
    "min_age",
    "max_age",
    "requires_police_certificate",
    "requires_shared_language",
    "first_checkin_days",
    "checkin_interval_days",
)


def update_programme(
    *,
    staff: StaffUser,
    programme_id: int,
    settings: dict,
    department_code: str,
    active: bool,
    weights: dict[str, float],
    translations: dict[str, dict[str, str]],
) -> list[str]:
    """Save the settings; returns the names of the changed fields (audited, values not logged)."""
    programme = db.session.get(Programme, programme_id)
    if programme is None:
        raise OperationError(_("Dieses Programm gibt es nicht."))
    unknown = set(settings) - set(SETTINGS)
    if unknown:
        raise ValueError(f"unknown programme settings: {sorted(unknown)}")
    changed = [name for name in SETTINGS if getattr(programme, name) != settings[name]]
    low, high = settings["min_age"], settings["max_age"]
    if low is not None and high is not None and low > high:
        raise OperationError(_("Das Höchstalter darf nicht unter dem Mindestalter liegen."))
    department = db.session.scalar(select(Department).where(Department.code == department_code))
    if department is None:
        raise OperationError(_("Diesen Fachbereich gibt es nicht."))
    if department.id != programme.department_id:
        changed.append("department")
    stored_weights = _weights_to_store(weights)
    if stored_weights != (programme.matching_weights or None):
        changed.append("matching_weights")
    changed += _translation_changes(programme, translations)
    if active and not programme.active:
        missing = missing_translations(
            {field: settings[field] for field in PROGRAMME_TEXT_FIELDS}, translations
        )
        if missing:
            raise OperationError(
                _(
                    "Das Programm kann noch nicht aktiviert werden: Es fehlt die Übersetzung "
                    "von Name und Beschreibung in %(languages)s.",
                    languages=", ".join(LANGUAGE_NAMES_DE[code] for code in missing),
                )
            )
    if not active and programme.active:
        blockers = deactivation_blockers(programme.id)
        if blockers:
            raise OperationError(
                _(
                    "Das Programm kann nicht auf „geplant“ gesetzt werden: %(what)s. Bitte "
                    "vermitteln oder schließen Sie diese zuerst – sonst warten sie ohne "
                    "Vermittlung.",
                    what=", ".join(blockers),
                )
            )
    for name in SETTINGS:
        setattr(programme, name, settings[name])
    programme.department = department
    programme.matching_weights = stored_weights
    _store_translations(programme, translations)
    if changed:
        audit.record("programme_updated", "programme", programme.id, detail=",".join(changed))
    if active != programme.active:
        programme.active = active
        action = "programme_activated" if active else "programme_deactivated"
        audit.record(action, "programme", programme.id)
        changed.append("active")
    db.session.commit()
    log.info("programme settings saved id=%s fields=%s", programme.id, ",".join(changed))
    return changed


def deactivation_blockers(programme_id: int) -> list[str]:
    """What would be stranded if the programme stopped: open requests and open proposals.

    Running tandems do not block: their check-ins go on whatever the programme's state.
    """
    open_requests = db.session.scalar(
        select(func.count())
        .select_from(MenteeRequest)
        .where(MenteeRequest.programme_id == programme_id, MenteeRequest.is_open)
    )
    open_proposals = db.session.scalar(
        select(func.count())
        .select_from(Proposal)
        .where(Proposal.programme_id == programme_id, Proposal.status == ProposalStatus.OPEN)
    )
    blockers = []
    if open_requests:
        blockers.append(_("%(count)s offene Anfragen", count=open_requests))
    if open_proposals:
        blockers.append(_("%(count)s offene Vorschläge", count=open_proposals))
    return blockers


def running_tandems(programme_id: int) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Tandem)
        .where(Tandem.programme_id == programme_id, Tandem.status.in_(OCCUPYING_STATUSES))
    )


def default_weights() -> dict[str, float]:
    defaults = Weights()
    return {part: getattr(defaults, part) for part in SCORE_PARTS}


def _weights_to_store(weights: dict[str, float]) -> dict[str, float] | None:
    """Only the weights that differ from the engine's defaults; None when all are defaults."""
    defaults = default_weights()
    own = {part: float(v) for part, v in weights.items() if part in SCORE_PARTS}
    own = {part: v for part, v in own.items() if v != defaults[part]}
    return own or None


def _translation_changes(programme: Programme, translations: dict) -> list[str]:
    stored = {t.locale: t for t in programme.translations}
    changed = []
    for locale, fields in translations.items():
        row = stored.get(locale)
        for field in PROGRAMME_TEXT_FIELDS:
            old = getattr(row, field) if row else ""
            if (fields.get(field) or "") != (old or ""):
                changed.append(f"{field}_{locale}")
    return changed


def _store_translations(programme: Programme, translations: dict) -> None:
    stored = {t.locale: t for t in programme.translations}
    supported = set(current_app.config["LANGUAGES"]) - {current_app.config["BABEL_DEFAULT_LOCALE"]}
    for locale, fields in translations.items():
        if locale not in supported:
            continue
        texts = {field: (fields.get(field) or "").strip() for field in PROGRAMME_TEXT_FIELDS}
        row = stored.get(locale)
        if not any(texts.values()):
            if row is not None:
                programme.translations.remove(row)
            continue
        if row is None:
            row = ProgrammeTranslation(locale=locale)
            programme.translations.append(row)
        for field, text in texts.items():
            setattr(row, field, text)
