"""Matching runs and proposals: rows in, engine input built, proposals stored and decided.

The engine (mentoring.matching) is pure; this module turns the database into its input with a
fixed number of set-based queries (no query per person), stores what it proposes, and owns the
accept/decline transactions. Accepting re-checks every hard rule under a row lock, so two
coordinators acting at the same moment can never overbook a volunteer.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime

from flask_babel import gettext as _
from sqlalchemy import and_, exists, func, insert, or_, select, update

from mentoring import audit, availability, labels, matching
from mentoring.access import may_see_programme
from mentoring.eligibility import AgeRange, fits_range, is_minor, possible_age
from mentoring.extensions import db
from mentoring.matching.model import SCORE_PARTS
from mentoring.models import (
    OCCUPYING_STATUSES,
    ConsentRecord,
    DeclineReason,
    District,
    Language,
    MatchingRun,
    MenteeRequest,
    PairExclusion,
    Place,
    PoliceCheck,
    Programme,
    Proposal,
    ProposalStatus,
    RequestStatus,
    StaffUser,
    Tag,
    TagKind,
    Tandem,
    TandemEvent,
    TandemStatus,
    Volunteer,
    VolunteerStatus,
)
from mentoring.models.people import (
    request_languages,
    request_tags,
    volunteer_languages,
    volunteer_programmes,
    volunteer_tags,
    volunteer_travel_places,
)
from mentoring.operations import OperationError, screening
from mentoring.operations.screening import (
    MATCHABLE_STATUSES,
    certificate_policy,
    matchable_volunteer_clause,
)
from mentoring.safeguarding import (
    CertificateStatus,
    CheckRecord,
    certificate_required,
    certificate_status,
)

log = logging.getLogger(__name__)

OBJECTIVES = ("coverage", "score")
METHODS = ("optimal", "greedy")
# A decline for one of these reasons means the pair must never be proposed again.
EXCLUDING_DECLINES = (
    DeclineReason.MENTEE_DECLINED,
    DeclineReason.VOLUNTEER_DECLINED,
    DeclineReason.NOT_SUITABLE,
)


def _today() -> date:
    return datetime.now(UTC).date()


def _days_since(moment: datetime | None, today: date) -> int:
    if moment is None:
        return 0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max((today - moment.astimezone(UTC).date()).days, 0)


def request_ages(request_row, today: date) -> AgeRange:
    return possible_age(request_row.person_birth_year, request_row.person_birth_month, today)


def engine_age(ages: AgeRange, min_age: int | None, max_age: int | None) -> int:
    """One age for the engine: the possible age that fits the programme, if any does.

    Without a birth month the age is a range of two; sign-up admitted the person when the month
    could make them fit, so matching gives the same benefit of the doubt.
    """
    if fits_range(AgeRange(ages.low, ages.low), min_age, max_age):
        return ages.low
    if fits_range(AgeRange(ages.high, ages.high), min_age, max_age):
        return ages.high
    return ages.low


def involves_minor(request_row, today: date) -> bool:
    return is_minor(request_ages(request_row, today))


# -- engine input ------------------------------------------------------------------------

# The engine's ids are strings of the database ids with a side prefix: volunteer 7 and request 7
# are different people, and the engine names both sides through one mapping in its reasons.


def mentor_key(volunteer_id: int) -> str:
    return f"v{volunteer_id}"


def mentee_key(request_id: int) -> str:
    return f"r{request_id}"


def db_id(key: str) -> int:
    return int(key[1:])


@dataclass
class EngineInput:
    rules: matching.ProgrammeRules
    mentors: list[matching.Mentor]
    mentees: list[matching.Mentee]
    places: list[matching.Place]
    labels: matching.Labels
    names: dict[str, str]


def programme_rules(programme: Programme) -> matching.ProgrammeRules:
    weights = matching.Weights()
    if programme.matching_weights:
        known = {k: float(v) for k, v in programme.matching_weights.items() if k in SCORE_PARTS}
        weights = matching.Weights(**known)
    return matching.ProgrammeRules(
        code=programme.code,
        min_age=programme.min_age,
        max_age=programme.max_age,
        requires_police_certificate=programme.requires_police_certificate,
        requires_shared_language=programme.requires_shared_language,
        weights=weights,
    )


def _occupied_counts():
    """Subquery: occupying tandems per volunteer."""
    return (
        select(Tandem.volunteer_id.label("volunteer_id"), func.count().label("n"))
        .where(Tandem.status.in_(OCCUPYING_STATUSES), Tandem.volunteer_id.is_not(None))
        .group_by(Tandem.volunteer_id)
        .subquery()
    )


def _withdrawn_consent(consent_column, subject_column):
    """EXISTS: a withdrawn participation consent and no consent still standing."""
    withdrawn = exists().where(
        consent_column == subject_column, ConsentRecord.withdrawn_at.is_not(None)
    )
    standing = exists().where(
        consent_column == subject_column, ConsentRecord.withdrawn_at.is_(None)
    )
    return and_(withdrawn, ~standing)


def _matchable_volunteer_ids(programme_id: int):
    return (
        select(Volunteer.id)
        .join(volunteer_programmes, volunteer_programmes.c.volunteer_id == Volunteer.id)
        .where(
            volunteer_programmes.c.programme_id == programme_id,
            matchable_volunteer_clause(),
            ~_withdrawn_consent(ConsentRecord.volunteer_id, Volunteer.id),
        )
    )


def _open_request_ids(programme_id: int):
    occupied = exists().where(
        Tandem.request_id == MenteeRequest.id, Tandem.status.in_(OCCUPYING_STATUSES)
    )
    return select(MenteeRequest.id).where(
        MenteeRequest.programme_id == programme_id,
        MenteeRequest.status == RequestStatus.OPEN,
        MenteeRequest.erased_at.is_(None),
        ~occupied,
        ~_withdrawn_consent(ConsentRecord.request_id, MenteeRequest.id),
    )


def _grouped(rows) -> dict[int, set]:
    out: dict[int, set] = defaultdict(set)
    for key, value in rows:
        out[key].add(value)
    return out


def _certificate_states(volunteer_ids_select, today: date) -> dict[int, CertificateStatus]:
    checks: dict[int, list[CheckRecord]] = defaultdict(list)
    rows = db.session.execute(
        select(
            PoliceCheck.volunteer_id,
            PoliceCheck.issue_date,
            PoliceCheck.inspected_on,
            PoliceCheck.conviction_listed,
        ).where(PoliceCheck.volunteer_id.in_(volunteer_ids_select))
    )
    for vid, issued, inspected, conviction in rows:
        checks[vid].append(CheckRecord(issued, inspected, conviction))
    policy = certificate_policy()
    return {vid: certificate_status(records, today, policy) for vid, records in checks.items()}


def load_places() -> list[matching.Place]:
    rows = db.session.execute(
        select(Place.code, Place.name, District.name, Place.lat, Place.lon)
        .join(District, District.id == Place.district_id)
        .order_by(Place.id)
    )
    return [
        matching.Place(code, name, district, lat, lon) for code, name, district, lat, lon in rows
    ]


def load_labels() -> matching.Labels:
    tags, fields = {}, {}
    for kind, code, label in db.session.execute(select(Tag.kind, Tag.code, Tag.label)):
        (fields if kind is TagKind.CAREER_FIELD else tags)[code] = label
    languages = dict(db.session.execute(select(Language.code, Language.name)).all())
    return matching.Labels(tags=tags, career_fields=fields, languages=languages)


def request_label(first_name: str | None, reference: str) -> str:
    return f"{first_name} ({reference})" if first_name else reference


def build_engine_input(
    programme: Programme,
    today: date | None = None,
    *,
    volunteer_id: int | None = None,
    request_id: int | None = None,
) -> EngineInput:
    """Turn the programme's matchable volunteers and open requests into engine input.

    With volunteer_id (or request_id) only that person is loaded on their side: enough for
    "who fits?", because a pair's score depends on the two people alone.
    """
    today = today or _today()
    place_code = dict(db.session.execute(select(Place.id, Place.code)).all())
    tag_info = {
        tid: (kind, code)
        for tid, kind, code in db.session.execute(select(Tag.id, Tag.kind, Tag.code))
    }

    vol_ids = _matchable_volunteer_ids(programme.id)
    if volunteer_id is not None:
        vol_ids = vol_ids.where(Volunteer.id == volunteer_id)
    occupied = _occupied_counts()
    vol_rows = db.session.execute(
        select(
            Volunteer.id,
            Volunteer.first_name,
            Volunteer.last_name,
            Volunteer.birth_year,
            Volunteer.place_id,
            Volunteer.occupation,
            Volunteer.capacity,
            Volunteer.travel_radius_km,
            Volunteer.availability,
            Volunteer.preferred_min_age,
            Volunteer.preferred_max_age,
            Volunteer.created_at,
            func.coalesce(occupied.c.n, 0),
        )
        .outerjoin(occupied, occupied.c.volunteer_id == Volunteer.id)
        .where(Volunteer.id.in_(vol_ids))
        .order_by(Volunteer.id)
    ).all()
    v_langs = _grouped(
        db.session.execute(
            select(volunteer_languages.c.volunteer_id, volunteer_languages.c.language_code).where(
                volunteer_languages.c.volunteer_id.in_(vol_ids)
            )
        )
    )
    v_tags = _grouped(
        db.session.execute(
            select(volunteer_tags.c.volunteer_id, volunteer_tags.c.tag_id).where(
                volunteer_tags.c.volunteer_id.in_(vol_ids)
            )
        )
    )
    v_travel = _grouped(
        db.session.execute(
            select(
                volunteer_travel_places.c.volunteer_id, volunteer_travel_places.c.place_id
            ).where(volunteer_travel_places.c.volunteer_id.in_(vol_ids))
        )
    )
    certificates = _certificate_states(vol_ids, today)

    req_ids = _open_request_ids(programme.id)
    if request_id is not None:
        req_ids = req_ids.where(MenteeRequest.id == request_id)
    req_rows = db.session.execute(
        select(
            MenteeRequest.id,
            MenteeRequest.reference,
            MenteeRequest.person_first_name,
            MenteeRequest.person_birth_year,
            MenteeRequest.person_birth_month,
            MenteeRequest.place_id,
            MenteeRequest.career_goal,
            MenteeRequest.availability,
            MenteeRequest.created_at,
        )
        .where(MenteeRequest.id.in_(req_ids))
        .order_by(MenteeRequest.id)
    ).all()
    r_langs = _grouped(
        db.session.execute(
            select(request_languages.c.request_id, request_languages.c.language_code).where(
                request_languages.c.request_id.in_(req_ids)
            )
        )
    )
    r_tags = _grouped(
        db.session.execute(
            select(request_tags.c.request_id, request_tags.c.tag_id).where(
                request_tags.c.request_id.in_(req_ids)
            )
        )
    )

    excluded_for_volunteer: dict[int, set[str]] = defaultdict(set)
    excluded_for_request: dict[int, set[str]] = defaultdict(set)
    for vid, rid in db.session.execute(
        select(PairExclusion.volunteer_id, PairExclusion.request_id).where(
            PairExclusion.request_id.in_(req_ids)
        )
    ):
        excluded_for_volunteer[vid].add(mentee_key(rid))
        excluded_for_request[rid].add(mentor_key(vid))

    def tags_of(ids, kind):
        return frozenset(tag_info[t][1] for t in ids if tag_info[t][0] is kind)

    names: dict[str, str] = {}
    mentors = []
    for (
        vid,
        first,
        last,
        birth_year,
        place_id,
        occupation,
        capacity,
        radius,
        avail,
        pref_min,
        pref_max,
        created_at,
        occupied_n,
    ) in vol_rows:
        tags = v_tags.get(vid, ())
        cert = certificates.get(vid)
        mentors.append(
            matching.Mentor(
                id=mentor_key(vid),
                capacity_left=max(capacity - occupied_n, 0),
                birth_year=birth_year,
                place=place_code[place_id],
                travel_places=frozenset(place_code[p] for p in v_travel.get(vid, ())),
                travel_radius_km=radius,
                languages=frozenset(v_langs.get(vid, ())),
                expertise=tags_of(tags, TagKind.EXPERTISE),
                occupation=occupation,
                career_fields=tags_of(tags, TagKind.CAREER_FIELD),
                availability=frozenset(availability.decode(avail)),
                police_certificate_valid=bool(cert and cert.valid),
                preferred_min_age=pref_min,
                preferred_max_age=pref_max,
                excluded=frozenset(excluded_for_volunteer.get(vid, ())),
                waiting_days=0 if occupied_n else _days_since(created_at, today),
            )
        )
        names[mentor_key(vid)] = f"{first} {last}"

    mentees = []
    for (
        rid,
        reference,
        first,
        birth_year,
        birth_month,
        place_id,
        career_goal,
        avail,
        created_at,
    ) in req_rows:
        tags = r_tags.get(rid, ())
        ages = possible_age(birth_year, birth_month, today)
        mentees.append(
            matching.Mentee(
                id=mentee_key(rid),
                age=engine_age(ages, programme.min_age, programme.max_age),
                involves_minor=is_minor(ages),
                place=place_code[place_id],
                languages=frozenset(r_langs.get(rid, ())),
                needs=tags_of(tags, TagKind.EXPERTISE),
                career_fields=tags_of(tags, TagKind.CAREER_FIELD),
                career_goal=career_goal,
                availability=frozenset(availability.decode(avail)),
                excluded=frozenset(excluded_for_request.get(rid, ())),
                waiting_days=_days_since(created_at, today),
            )
        )
        names[mentee_key(rid)] = request_label(first, reference)

    return EngineInput(
        rules=programme_rules(programme),
        mentors=mentors,
        mentees=mentees,
        places=load_places(),
        labels=load_labels(),
        names=names,
    )


# -- runs ----------------------------------------------------------------------------------


def _programme_for(programme_id: int, staff: StaffUser) -> Programme:
    programme = db.session.get(Programme, programme_id)
    if programme is None or not may_see_programme(staff, programme_id):
        raise OperationError(_("Dieses Programm gibt es nicht oder Sie dürfen es nicht sehen."))
    return programme


def run_matching(
    *, programme_id: int, staff: StaffUser, objective: str = "coverage", method: str = "optimal"
) -> MatchingRun:
    """Compute proposals for one programme; they replace its open ones, never accepted ones."""
    if objective not in OBJECTIVES or method not in METHODS:
        raise OperationError(_("Bitte wählen Sie ein gültiges Verfahren."))
    programme = _programme_for(programme_id, staff)
    if not programme.active:
        raise OperationError(_("Dieses Programm ist nicht aktiv. Es wird nichts vermittelt."))
    data = build_engine_input(programme)
    result = matching.propose(
        data.rules,
        data.mentors,
        data.mentees,
        data.places,
        data.labels,
        objective=objective,
        method=method,
        translate=_,
        names=data.names,
    )
    now = datetime.now(UTC)
    # A pair proposed again keeps the date it was first proposed: staleness is about the pair.
    first_proposed = {
        (vid, rid): created
        for vid, rid, created in db.session.execute(
            select(Proposal.volunteer_id, Proposal.request_id, Proposal.created_at).where(
                Proposal.programme_id == programme.id, Proposal.status == ProposalStatus.OPEN
            )
        )
    }
    db.session.execute(
        update(Proposal)
        .where(Proposal.programme_id == programme.id, Proposal.status == ProposalStatus.OPEN)
        .values(status=ProposalStatus.SUPERSEDED, decided_at=now)
        .execution_options(synchronize_session=False)
    )
    unmatched = [
        {
            "side": u.side,
            "person_id": db_id(u.person_id),
            "name": data.names.get(u.person_id, u.person_id),
            "reasons": list(u.reasons),
        }
        for u in result.unmatched
    ]
    run = MatchingRun(
        programme_id=programme.id,
        started_by_id=staff.id,
        objective=objective,
        method=method,
        matched=len(result.proposals),
        total_score=result.total_score,
        unmatched=unmatched,
        created_at=now,
    )
    db.session.add(run)
    db.session.flush()
    rows = []
    for p in result.proposals:
        vid, rid = db_id(p.mentor_id), db_id(p.mentee_id)
        rows.append(
            {
                "run_id": run.id,
                "programme_id": programme.id,
                "volunteer_id": vid,
                "request_id": rid,
                "score": round(float(p.score), 4),
                "score_parts": {k: round(float(v), 4) for k, v in p.parts.items()},
                "reasons": list(p.reasons),
                "status": ProposalStatus.OPEN,
                "created_at": first_proposed.get((vid, rid), now),
            }
        )
    if rows:
        db.session.execute(insert(Proposal), rows)
    audit.record(
        "matching_run",
        "matching_run",
        run.id,
        f"programme={programme.id} {objective}/{method} proposals={len(rows)}",
        staff_id=staff.id,
    )
    db.session.commit()
    log.info("matching run %s: programme %s, %s proposals", run.id, programme.code, len(rows))
    return run


@dataclass(frozen=True)
class Fit:
    """One candidate partner of the person asked about, with database ids."""

    volunteer_id: int
    request_id: int
    score: float
    reasons: list[str]


def fitting_candidates(
    *,
    programme: Programme,
    volunteer_id: int | None = None,
    request_id: int | None = None,
    limit: int = 10,
) -> list[Fit]:
    """The best partners of one person in one programme, ignoring other people's claims.

    Raises OperationError when the person is not matchable at the moment (and says why).
    """
    data = build_engine_input(programme, volunteer_id=volunteer_id, request_id=request_id)
    if volunteer_id is not None:
        key = mentor_key(volunteer_id)
        if not any(m.id == key for m in data.mentors):
            raise OperationError(_not_matchable_volunteer(volunteer_id))
        kwargs = {"for_mentor": key}
    else:
        key = mentee_key(request_id)
        if not any(e.id == key for e in data.mentees):
            raise OperationError(_("Diese Anfrage ist nicht offen oder hat schon ein Tandem."))
        kwargs = {"for_mentee": key}
    found = matching.top_candidates(
        data.rules,
        data.mentors,
        data.mentees,
        data.places,
        data.labels,
        limit=limit,
        translate=_,
        **kwargs,
    )
    return [Fit(db_id(c.mentor_id), db_id(c.mentee_id), c.score, list(c.reasons)) for c in found]


def _not_matchable_volunteer(volunteer_id: int) -> str:
    volunteer = db.session.get(Volunteer, volunteer_id)
    if volunteer is None or volunteer.erased_at is not None:
        return _("Diese Person ist nicht mehr gespeichert.")
    if volunteer.status not in MATCHABLE_STATUSES:
        return _(
            "Die Person ist noch nicht vermittelbar: die Prüfung (Gespräch, Schulung, "
            "ggf. Führungszeugnis) ist nicht abgeschlossen."
        )
    return _("Die Person hat keine freie Kapazität oder hat ihre Einwilligung widerrufen.")


# -- deciding proposals ----------------------------------------------------------------------


def _begin_write() -> None:
    """Start the write transaction now: SQLite takes its single writer lock up front."""
    conn = db.session.connection()
    if conn.dialect.name == "sqlite":
        raw = conn.connection.dbapi_connection
        if not raw.in_transaction:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def _locked(model, row_id):
    """Load a row fresh from the database, locked until commit (PostgreSQL: FOR UPDATE)."""
    return db.session.execute(
        select(model)
        .where(model.id == row_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one_or_none()


def _refuse(message: str):
    db.session.rollback()
    raise OperationError(message)


def _consent_withdrawn(*, volunteer_id: int | None = None, request_id: int | None = None) -> bool:
    column = ConsentRecord.volunteer_id if volunteer_id is not None else ConsentRecord.request_id
    subject = volunteer_id if volunteer_id is not None else request_id
    rows = (
        db.session.execute(select(ConsentRecord.withdrawn_at).where(column == subject))
        .scalars()
        .all()
    )
    return bool(rows) and all(w is not None for w in rows)


def volunteer_certificate(volunteer_id: int, today: date | None = None) -> CertificateStatus:
    return screening.volunteer_certificate(
        screening.checks_of(volunteer_id), today or _today(), certificate_policy()
    )


def occupying_count(volunteer_id: int) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Tandem)
        .where(Tandem.volunteer_id == volunteer_id, Tandem.status.in_(OCCUPYING_STATUSES))
    )


def safeguarding_problem(
    programme: Programme, request_row: MenteeRequest, volunteer_id: int, today: date | None = None
) -> str | None:
    """Why this pair may not meet under §72a SGB VIII (German), or None."""
    today = today or _today()
    minor = involves_minor(request_row, today)
    if not certificate_required(
        programme_requires=programme.requires_police_certificate, involves_minor=minor
    ):
        return None
    status = volunteer_certificate(volunteer_id, today)
    if status.valid:
        return None
    why = labels.label(status.state)
    if minor:
        return _(
            "Nicht möglich: Eine minderjährige Person ist beteiligt, und für die "
            "ehrenamtliche Person liegt kein gültiges erweitertes Führungszeugnis vor "
            "(%(why)s).",
            why=why,
        )
    return _(
        "Nicht möglich: Das Programm verlangt ein gültiges erweitertes Führungszeugnis (%(why)s).",
        why=why,
    )


def accept_proposal(*, proposal_id: int, staff: StaffUser) -> Tandem:
    """Accept a proposal in one transaction: re-check every rule under lock, create the tandem."""
    _begin_write()
    first = db.session.get(Proposal, proposal_id)
    if first is None or not may_see_programme(staff, first.programme_id):
        _refuse(_("Diesen Vorschlag gibt es nicht."))
    volunteer_id, request_id = first.volunteer_id, first.request_id
    if volunteer_id is None or request_id is None:
        _refuse(_("Eine der beiden Personen ist nicht mehr gespeichert."))
    # Lock order volunteer → request → proposal everywhere: no deadlocks between accepts.
    volunteer = _locked(Volunteer, volunteer_id)
    request_row = _locked(MenteeRequest, request_id)
    proposal = _locked(Proposal, proposal_id)
    problem = _accept_problem(proposal, volunteer, request_row)
    if problem:
        _refuse(problem)

    now = datetime.now(UTC)
    tandem = Tandem(
        programme_id=proposal.programme_id,
        proposal_id=proposal.id,
        volunteer_id=volunteer.id,
        request_id=request_row.id,
        status=TandemStatus.PROPOSED,
        created_at=now,
        request_signed_up_at=request_row.created_at,
    )
    tandem.events.append(
        TandemEvent(
            from_status=None, to_status=TandemStatus.PROPOSED.value, staff_id=staff.id, at=now
        )
    )
    db.session.add(tandem)
    proposal.status = ProposalStatus.ACCEPTED
    proposal.decided_at = now
    proposal.decided_by_id = staff.id
    request_row.status = RequestStatus.MATCHED
    volunteer.status = VolunteerStatus.ACTIVE
    db.session.flush()
    competitors = [Proposal.request_id == request_row.id]
    if occupying_count(volunteer.id) >= volunteer.capacity:
        competitors.append(Proposal.volunteer_id == volunteer.id)
    closed = db.session.execute(
        update(Proposal)
        .where(
            Proposal.status == ProposalStatus.OPEN, Proposal.id != proposal.id, or_(*competitors)
        )
        .values(status=ProposalStatus.CLOSED, decided_at=now, decided_by_id=staff.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    audit.record(
        "proposal_accepted", "proposal", proposal.id, f"tandem={tandem.id}", staff_id=staff.id
    )
    audit.record(
        "tandem_created", "tandem", tandem.id, f"closed_proposals={closed}", staff_id=staff.id
    )
    db.session.commit()
    return tandem


def _accept_problem(
    proposal: Proposal, volunteer: Volunteer | None, request_row: MenteeRequest | None
) -> str | None:
    if proposal is None:
        return _("Diesen Vorschlag gibt es nicht.")
    if proposal.status is not ProposalStatus.OPEN:
        return {
            ProposalStatus.ACCEPTED: _("Dieser Vorschlag wurde inzwischen schon angenommen."),
            ProposalStatus.DECLINED: _("Dieser Vorschlag wurde inzwischen abgelehnt."),
            ProposalStatus.SUPERSEDED: _(
                "Dieser Vorschlag wurde durch eine neue Berechnung "
                "ersetzt. Bitte sehen Sie sich die neuen Vorschläge an."
            ),
            ProposalStatus.CLOSED: _(
                "Dieser Vorschlag ist geschlossen, weil für eine der beiden "
                "Personen inzwischen ein anderer Vorschlag angenommen wurde."
            ),
        }[proposal.status]
    if volunteer is None or volunteer.erased_at is not None:
        return _("Die ehrenamtliche Person ist nicht mehr gespeichert.")
    if request_row is None or request_row.erased_at is not None:
        return _("Die Anfrage ist nicht mehr gespeichert.")
    if volunteer.status not in MATCHABLE_STATUSES:
        return _("Die ehrenamtliche Person ist zurzeit nicht vermittelbar.")
    if occupying_count(volunteer.id) >= volunteer.capacity:
        return _(
            "%(name)s hat inzwischen keine freie Kapazität mehr (höchstens %(n)s Tandems "
            "gleichzeitig).",
            name=volunteer.full_name,
            n=volunteer.capacity,
        )
    has_tandem = db.session.scalar(
        select(
            exists().where(
                Tandem.request_id == request_row.id, Tandem.status.in_(OCCUPYING_STATUSES)
            )
        )
    )
    if has_tandem or request_row.status is not RequestStatus.OPEN:
        return _("Die Anfrage ist nicht mehr offen oder hat inzwischen schon ein Tandem.")
    if _consent_withdrawn(volunteer_id=volunteer.id):
        return _("Die ehrenamtliche Person hat ihre Einwilligung widerrufen.")
    if _consent_withdrawn(request_id=request_row.id):
        return _("Für die Anfrage wurde die Einwilligung widerrufen.")
    excluded = db.session.scalar(
        select(
            exists().where(
                PairExclusion.volunteer_id == volunteer.id,
                PairExclusion.request_id == request_row.id,
            )
        )
    )
    if excluded:
        return _("Diese beiden Personen sollen nicht zusammen vorgeschlagen werden.")
    return safeguarding_problem(proposal.programme, request_row, volunteer.id)


def decline_proposal(
    *, proposal_id: int, staff: StaffUser, reason: DeclineReason, note: str | None = None
) -> Proposal:
    """Decline a proposal with a reason; some reasons exclude the pair for good."""
    _begin_write()
    proposal = _locked(Proposal, proposal_id)
    if proposal is None or not may_see_programme(staff, proposal.programme_id):
        _refuse(_("Diesen Vorschlag gibt es nicht."))
    if proposal.status is not ProposalStatus.OPEN:
        _refuse(_accept_problem(proposal, None, None))
    now = datetime.now(UTC)
    proposal.status = ProposalStatus.DECLINED
    proposal.decline_reason = reason
    proposal.decline_note = note or None
    proposal.decided_at = now
    proposal.decided_by_id = staff.id
    if (
        reason in EXCLUDING_DECLINES
        and proposal.volunteer_id
        and proposal.request_id
        and not db.session.scalar(
            select(
                exists().where(
                    PairExclusion.volunteer_id == proposal.volunteer_id,
                    PairExclusion.request_id == proposal.request_id,
                )
            )
        )
    ):
        db.session.add(
            PairExclusion(
                volunteer_id=proposal.volunteer_id,
                request_id=proposal.request_id,
                reason=reason.value,
            )
        )
    audit.record("proposal_declined", "proposal", proposal.id, reason.value, staff_id=staff.id)
    db.session.commit()
    return proposal
