"""Proposing a pair by hand: every hard rule of the engine applies, a refusal names the rule.

The pair is judged by the engine's own rule functions (mentoring.matching), on the same input a
matching run reads (pairing/engine_input.py), so a manual proposal can never be allowed where a
run would refuse it for a hard rule. Travel reach is the one engine rule a coordinator may
override: it is the volunteer's stated wish, not a protection, and the coordinator may have
agreed a longer way with the volunteer (the proposal's warnings show the distance).
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from mentoring import audit, clock
from mentoring.access import may_see_programme
from mentoring.extensions import db
from mentoring.labels import label
from mentoring.matching.candidates import mentor_failures
from mentoring.matching.encode import encode
from mentoring.matching.reasons import pair_reasons
from mentoring.matching.rules import Rule
from mentoring.matching.scoring import score_encoded
from mentoring.models import (
    MATCHABLE_STATUSES,
    ConsentRecord,
    MenteeRequest,
    Proposal,
    ProposalSource,
    ProposalStatus,
    StaffUser,
    Volunteer,
)
from mentoring.models.people import consent_withdrawn_clause
from mentoring.operations.locking import begin_write, locked, refuse
from mentoring.operations.proposals import safeguarding_problem
from mentoring.pairing.checks import occupying_count
from mentoring.pairing.engine_input import (
    Codes,
    engine_translator,
    exclusions,
    load_labels,
    load_mentees,
    load_mentors,
    load_places,
    programme_rules,
)
from mentoring.pairing.fit import explain_pair

# The engine's rules in the order a refusal names them; travel is left to the coordinator.
CHECKED_RULES = (
    Rule.PROGRAMME,
    Rule.PROGRAMME_AGE,
    Rule.CAPACITY,
    Rule.EXCLUDED,
    Rule.POLICE_CERTIFICATE,
    Rule.SHARED_LANGUAGE,
)


def propose_pair(*, staff: StaffUser, volunteer_id: int, request_id: int) -> Proposal:
    """Propose one volunteer for one request by hand, after checking every hard rule."""
    begin_write()
    # Lock order volunteer → request, as when accepting: a double click makes one proposal.
    volunteer = locked(Volunteer, volunteer_id)
    request_row = locked(MenteeRequest, request_id)
    if request_row is None or not may_see_programme(staff, request_row.programme_id):
        refuse(_("Diese Anfrage gibt es nicht."))
    if volunteer is None or not _visible_volunteer(staff, volunteer):
        refuse(_("Diese ehrenamtliche Person gibt es nicht."))
    programme = request_row.programme
    if not programme.active:
        refuse(_("Das Programm „%(name)s“ ist nicht aktiv.", name=programme.name))
    problem = _status_problem(volunteer, request_row) or _rule_problem(volunteer, request_row)
    if problem:
        refuse(problem)
    if _open_proposal_exists(volunteer.id, request_row.id):
        refuse(_("Für diese beiden gibt es schon einen offenen Vorschlag."))
    score, parts, reasons = _score(volunteer, request_row)
    # The weak points in the same words as a run or "Wer passt?" (distance beyond reach too).
    fit = explain_pair(volunteer_id=volunteer.id, request_id=request_row.id)
    proposal = Proposal(
        programme_id=programme.id,
        volunteer_id=volunteer.id,
        request_id=request_row.id,
        score=score,
        score_parts=parts,
        reasons=reasons,
        warnings=list(fit.warnings) if fit else [],
        status=ProposalStatus.OPEN,
        source=ProposalSource.MANUAL,
        created_by_id=staff.id,
        created_at=datetime.now(UTC),
    )
    db.session.add(proposal)
    db.session.flush()
    audit.record(
        "proposal_manual",
        "proposal",
        proposal.id,
        f"volunteer={volunteer.id} request={request_row.id}",
        staff_id=staff.id,
    )
    db.session.commit()
    return proposal


def _visible_volunteer(staff: StaffUser, volunteer: Volunteer) -> bool:
    return volunteer.erased_at is None and any(
        may_see_programme(staff, p.id) for p in volunteer.programmes
    )


def _rule_text(rule: Rule, detail: str) -> str:
    return _("Nicht möglich – Regel „%(rule)s“: %(detail)s", rule=_(rule.label), detail=detail)


def _now_true(expression, model, row_id: int) -> bool:
    return bool(db.session.scalar(select(expression).where(model.id == row_id)))


def _status_problem(volunteer: Volunteer, request_row: MenteeRequest) -> str | None:
    """Status and consent of both people (judged by the models' own expressions)."""
    if not _now_true(Volunteer.is_matchable, Volunteer, volunteer.id):
        if volunteer.status not in MATCHABLE_STATUSES:
            return _(
                "Nicht möglich – Regel „Status“: %(name)s ist zurzeit nicht vermittelbar "
                "(Status: %(status)s).",
                name=volunteer.full_name,
                status=label(volunteer.status),
            )
        return _(
            "Nicht möglich – Regel „Einwilligung“: %(name)s hat die Einwilligung widerrufen.",
            name=volunteer.full_name,
        )
    if not _now_true(MenteeRequest.is_open, MenteeRequest, request_row.id):
        withdrawn = consent_withdrawn_clause(ConsentRecord.request_id, MenteeRequest.id)
        if _now_true(withdrawn, MenteeRequest, request_row.id):
            return _(
                "Nicht möglich – Regel „Einwilligung“: Für die Anfrage %(ref)s wurde die "
                "Einwilligung widerrufen.",
                ref=request_row.reference,
            )
        return _(
            "Nicht möglich – Regel „Status“: Die Anfrage %(ref)s ist nicht offen oder hat "
            "schon ein Tandem (Status: %(status)s).",
            ref=request_row.reference,
            status=label(request_row.status),
        )
    return None


def _engine_pair(volunteer: Volunteer, request_row: MenteeRequest):
    """The two people as the engine sees them, with their exclusions."""
    today = clock.today()
    codes = Codes()
    programme = request_row.programme
    by_volunteer, by_request = exclusions(volunteer_ids=[volunteer.id])
    mentors, _names = load_mentors(
        select(Volunteer.id).where(Volunteer.id == volunteer.id), today, codes, by_volunteer
    )
    mentees, _names = load_mentees(
        select(MenteeRequest.id).where(MenteeRequest.id == request_row.id),
        programme,
        today,
        codes,
        by_request,
    )
    rules = programme_rules(programme)
    enc = encode(rules, mentors, mentees, load_places())
    return rules, mentors[0], mentees[0], enc


def _rule_problem(volunteer: Volunteer, request_row: MenteeRequest) -> str | None:
    programme = request_row.programme
    if programme.id not in {p.id for p in volunteer.programmes}:
        return _rule_text(
            Rule.PROGRAMME,
            _(
                "%(name)s ist nicht für das Programm „%(programme)s“ angemeldet.",
                name=volunteer.full_name,
                programme=programme.name,
            ),
        )
    _rules, _mentor, _mentee, enc = _engine_pair(volunteer, request_row)
    failures = mentor_failures(enc, 0)
    for rule in CHECKED_RULES:
        if bool(failures[rule][0]):
            return _rule_text(rule, _rule_detail(rule, volunteer, request_row))
    return None


def _rule_detail(rule: Rule, volunteer: Volunteer, request_row: MenteeRequest) -> str:
    programme = request_row.programme
    if rule is Rule.PROGRAMME_AGE:
        return _(
            "Das Alter der unterstützten Person liegt außerhalb der Altersgrenzen des Programms "
            "(%(min)s bis %(max)s Jahre).",
            min=programme.min_age if programme.min_age is not None else 0,
            max=programme.max_age if programme.max_age is not None else "–",
        )
    if rule is Rule.CAPACITY:
        return _(
            "%(name)s hat keine freie Kapazität (höchstens %(n)s Tandems gleichzeitig, "
            "%(busy)s laufen).",
            name=volunteer.full_name,
            n=volunteer.capacity,
            busy=occupying_count(volunteer.id),
        )
    if rule is Rule.EXCLUDED:
        return _(
            "Diese beiden sollen nie zusammen vorgeschlagen werden (frühere Absage oder "
            "ein Tandem, das nicht gepasst hat)."
        )
    if rule is Rule.POLICE_CERTIFICATE:
        return safeguarding_problem(programme, request_row, volunteer.id) or _(
            "Für %(name)s liegt kein gültiges erweitertes Führungszeugnis vor.",
            name=volunteer.full_name,
        )
    if rule is Rule.SHARED_LANGUAGE:
        return _("Die beiden sprechen keine gemeinsame Sprache, und das Programm verlangt eine.")
    return _("Das Programm passt nicht.")


def _open_proposal_exists(volunteer_id: int, request_id: int) -> bool:
    return (
        db.session.scalar(
            select(Proposal.id).where(
                Proposal.volunteer_id == volunteer_id,
                Proposal.request_id == request_id,
                Proposal.status == ProposalStatus.OPEN,
            )
        )
        is not None
    )


def _score(volunteer: Volunteer, request_row: MenteeRequest) -> tuple[float, dict, list[str]]:
    """The pair's score, its parts and reasons, exactly as a run would give them."""
    rules, mentor, mentee, enc = _engine_pair(volunteer, request_row)
    parts = score_encoded(enc, [0], [0])
    row = parts.row(0)
    place_by_code = {p.code: p for p in enc.places}
    reasons = pair_reasons(
        mentor,
        mentee,
        row,
        rules.weights.normalised(),
        place_by_code,
        float(parts.distance_km[0]),
        load_labels(),
        engine_translator(),
    )
    return (
        round(float(parts.total[0]), 4),
        {k: round(float(v), 4) for k, v in row.items()},
        list(reasons),
    )
