""" "Wer passt?": the best partners of one person, ignoring other people's claims.

A pair's score depends on the two people alone, so only the people this person could be paired
with are loaded: the hard rules that the database can judge (programme, age limits, reach,
shared language, certificate, capacity) narrow the other side in SQL first, always to a superset
of the allowed partners; the engine then applies every rule exactly and scores what is left.

Each candidate carries the engine's reasons and warnings. When nobody fits, `why_nobody_fits`
counts, over the whole other side, which hard rules rule everybody out (as a run explains its
unmatched). `explain_pair` judges one given pair, for a proposal made by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import Select, case, exists, func, select

from mentoring import clock, matching
from mentoring.eligibility import ADULT_AGE
from mentoring.extensions import db
from mentoring.formatting import german_date
from mentoring.matching.encode import encode
from mentoring.models import (
    MATCHABLE_STATUSES,
    OCCUPYING_STATUSES,
    MenteeRequest,
    PoliceCheck,
    Programme,
    Tandem,
    Volunteer,
)
from mentoring.models.people import (
    request_languages,
    volunteer_languages,
    volunteer_programmes,
    volunteer_travel_places,
)
from mentoring.operations import OperationError
from mentoring.pairing.engine_input import (
    Codes,
    db_id,
    engine_translator,
    exclusions,
    load_labels,
    load_mentees,
    load_mentors,
    load_places,
    matchable_volunteer_ids,
    mentee_key,
    mentor_key,
    open_request_ids,
    programme_rules,
)

# Float noise between the database and numpy must never drop a partner the engine would allow.
_KM_SLACK = 1e-6


@dataclass(frozen=True)
class Fit:
    """One candidate partner of the person asked about, with database ids."""

    volunteer_id: int
    request_id: int
    score: float
    reasons: list[str]
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PairFit:
    """One given pair judged on its own (database ids), with the hard rules it breaks."""

    volunteer_id: int
    request_id: int
    score: float
    parts: dict[str, float]
    reasons: list[str]
    warnings: list[str]
    broken_rules: list[matching.Rule]

    @property
    def broken_rule_names(self) -> list[str]:
        """The broken hard rules by their German names (empty: every rule kept)."""
        return [_(rule.label) for rule in self.broken_rules]


def fitting_candidates(
    *,
    programme: Programme,
    volunteer_id: int | None = None,
    request_id: int | None = None,
    limit: int = 10,
    today: date | None = None,
) -> list[Fit]:
    """The best partners of one person in one programme, ignoring other people's claims.

    Raises OperationError when the person is not matchable at the moment (and says why).
    """
    if (volunteer_id is None) == (request_id is None):
        raise ValueError("give exactly one of volunteer_id and request_id")
    today = today or clock.today()
    rules = programme_rules(programme)
    places = load_places()
    codes = Codes()
    if volunteer_id is not None:
        mentors, names = load_mentors(
            matchable_volunteer_ids(programme.id).where(Volunteer.id == volunteer_id),
            today,
            codes,
            exclusions(volunteer_ids=[volunteer_id])[0],
        )
        if not mentors:
            raise OperationError(_not_matchable_volunteer(volunteer_id))
        others = _requests_within_reach(programme, rules, mentors[0], places, codes, today)
        mentees, _names = load_mentees(others, programme, today, codes, {})
        kwargs = {"for_mentor": mentor_key(volunteer_id)}
    else:
        own = open_request_ids(programme.id).where(MenteeRequest.id == request_id)
        mentees, names = load_mentees(
            own, programme, today, codes, exclusions(request_ids=[request_id])[1]
        )
        if not mentees:
            raise OperationError(_not_open_request(request_id))
        others = _volunteers_within_reach(programme, rules, mentees[0], places, codes)
        mentors, _names = load_mentors(others, today, codes, {})
        kwargs = {"for_mentee": mentee_key(request_id)}
    found = matching.top_candidates(
        rules,
        mentors,
        mentees,
        places,
        load_labels(),
        limit=limit,
        translate=engine_translator(),
        **kwargs,
    )
    return [
        Fit(db_id(c.mentor_id), db_id(c.mentee_id), c.score, list(c.reasons), list(c.warnings))
        for c in found
    ]


def why_nobody_fits(
    *,
    programme: Programme,
    volunteer_id: int | None = None,
    request_id: int | None = None,
    today: date | None = None,
) -> list[str]:
    """Which hard rules rule out everybody on the other side of the programme (German).

    Loads the whole other side, so call it only when `fitting_candidates` found nobody.
    Empty when the person is not matchable (fitting_candidates says why) or somebody fits.
    """
    if (volunteer_id is None) == (request_id is None):
        raise ValueError("give exactly one of volunteer_id and request_id")
    today = today or clock.today()
    codes = Codes()
    if volunteer_id is not None:
        mentors, _names = load_mentors(
            matchable_volunteer_ids(programme.id).where(Volunteer.id == volunteer_id),
            today,
            codes,
            exclusions(volunteer_ids=[volunteer_id])[0],
        )
        mentees, _names = load_mentees(open_request_ids(programme.id), programme, today, codes, {})
        kwargs = {"for_mentor": mentor_key(volunteer_id)}
        if not mentors:
            return []
    else:
        own = open_request_ids(programme.id).where(MenteeRequest.id == request_id)
        mentees, _names = load_mentees(
            own, programme, today, codes, exclusions(request_ids=[request_id])[1]
        )
        mentors, _names = load_mentors(matchable_volunteer_ids(programme.id), today, codes, {})
        kwargs = {"for_mentee": mentee_key(request_id)}
        if not mentees:
            return []
    return matching.why_nobody_fits(
        programme_rules(programme),
        mentors,
        mentees,
        load_places(),
        load_labels(),
        translate=engine_translator(),
        **kwargs,
    )


def explain_pair(
    *, volunteer_id: int, request_id: int, today: date | None = None
) -> PairFit | None:
    """Score, reasons, warnings and broken hard rules of one pair, in the request's programme.

    Whatever the two people's status (the caller checks that): for a proposal made by hand,
    with the same texts as a run or "Wer passt?". None when either person is not stored.
    """
    today = today or clock.today()
    request_row = db.session.get(MenteeRequest, request_id)
    if request_row is None or db.session.get(Volunteer, volunteer_id) is None:
        return None
    programme = request_row.programme
    codes = Codes()
    for_volunteer, for_request = exclusions(volunteer_ids=[volunteer_id], request_ids=[request_id])
    mentors, _names = load_mentors(
        select(Volunteer.id).where(Volunteer.id == volunteer_id), today, codes, for_volunteer
    )
    mentees, _names = load_mentees(
        select(MenteeRequest.id).where(MenteeRequest.id == request_id),
        programme,
        today,
        codes,
        for_request,
    )
    mentor = mentors[0]
    offered = programme_offered_by(volunteer_id, programme.id)
    if not offered:
        mentor = replace(mentor, programmes=frozenset())  # the volunteer did not choose it
    found = matching.explain_pair(
        programme_rules(programme),
        mentor,
        mentees[0],
        load_places(),
        load_labels(),
        translate=engine_translator(),
    )
    return PairFit(
        volunteer_id=volunteer_id,
        request_id=request_id,
        score=found.score,
        parts=dict(found.parts),
        reasons=list(found.reasons),
        warnings=list(found.warnings),
        broken_rules=list(found.broken_rules),
    )


def programme_offered_by(volunteer_id: int, programme_id: int) -> bool:
    """Whether the volunteer signed up for the programme."""
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    volunteer_programmes.c.volunteer_id == volunteer_id,
                    volunteer_programmes.c.programme_id == programme_id,
                )
            )
        )
    )


def _requests_within_reach(
    programme: Programme,
    rules: matching.ProgrammeRules,
    mentor: matching.Mentor,
    places: list[matching.Place],
    codes: Codes,
    today: date,
) -> Select:
    """Open requests of the programme that this volunteer may be paired with (a superset)."""
    ids = open_request_ids(programme.id)
    needs_language = rules.requires_shared_language and not mentor.languages
    if mentor.capacity_left <= 0 or needs_language:
        return ids.where(False)
    if not mentor.police_certificate_valid:
        if rules.requires_police_certificate:
            return ids.where(False)
        # Only people surely of age remain; the engine decides the month.
        ids = ids.where(MenteeRequest.person_birth_year <= today.year - ADULT_AGE)
    # Some possible age (year known, month maybe not) must lie within the programme's limits.
    if rules.min_age:
        ids = ids.where(MenteeRequest.person_birth_year <= today.year - rules.min_age)
    if rules.max_age is not None:
        ids = ids.where(MenteeRequest.person_birth_year >= today.year - rules.max_age - 1)
    reach = encode(rules, [mentor], [], places).mentors.travel[0]
    index = _index(places)
    place_ids = [pid for pid, code in codes.place.items() if reach[index[code]]]
    ids = ids.where(MenteeRequest.place_id.in_(place_ids))
    if rules.requires_shared_language:
        ids = ids.where(
            exists().where(
                request_languages.c.request_id == MenteeRequest.id,
                request_languages.c.language_code.in_(sorted(mentor.languages)),
            )
        )
    return ids


def _volunteers_within_reach(
    programme: Programme,
    rules: matching.ProgrammeRules,
    mentee: matching.Mentee,
    places: list[matching.Place],
    codes: Codes,
) -> Select:
    """Matchable volunteers of the programme that this request may be paired with (a superset)."""
    place_id = next(pid for pid, code in codes.place.items() if code == mentee.place)
    index = _index(places)
    km = encode(rules, [], [], places).place_km[index[mentee.place]]
    distance = case(
        {pid: float(km[index[code]]) for pid, code in codes.place.items()},
        value=Volunteer.place_id,
    )
    occupied = (
        select(func.count())
        .where(Tandem.volunteer_id == Volunteer.id, Tandem.status.in_(OCCUPYING_STATUSES))
        .scalar_subquery()
    )
    ids = matchable_volunteer_ids(programme.id).where(
        Volunteer.capacity > occupied,
        (Volunteer.place_id == place_id)
        | (Volunteer.travel_radius_km >= distance - _KM_SLACK)
        | exists().where(
            volunteer_travel_places.c.volunteer_id == Volunteer.id,
            volunteer_travel_places.c.place_id == place_id,
        ),
    )
    if rules.requires_police_certificate or mentee.involves_minor:
        # Whether a certificate is valid today is decided in Python; here: any inspection.
        ids = ids.where(exists().where(PoliceCheck.volunteer_id == Volunteer.id))
    if rules.requires_shared_language:
        ids = ids.where(
            exists().where(
                volunteer_languages.c.volunteer_id == Volunteer.id,
                volunteer_languages.c.language_code.in_(sorted(mentee.languages) or [""]),
            )
        )
    return ids


def _index(places: list[matching.Place]) -> dict[str, int]:
    return {p.code: i for i, p in enumerate(places)}


def _not_open_request(request_id: int) -> str:
    mentee_request = db.session.get(MenteeRequest, request_id)
    if mentee_request is not None and mentee_request.is_held:
        if mentee_request.on_hold_until:
            return _(
                "Diese Anfrage ist zurückgestellt bis %(day)s.",
                day=german_date(mentee_request.on_hold_until),
            )
        return _("Diese Anfrage ist zurückgestellt.")
    return _("Diese Anfrage ist nicht offen oder hat schon ein Tandem.")


def _not_matchable_volunteer(volunteer_id: int) -> str:
    volunteer = db.session.get(Volunteer, volunteer_id)
    if volunteer is None or volunteer.erased_at is not None:
        return _("Diese Person ist nicht mehr gespeichert.")
    if volunteer.status not in MATCHABLE_STATUSES:
        return _(
            "Die Person ist noch nicht vermittelbar: die Prüfung (Gespräch, Schulung, "
            "ggf. Führungszeugnis) ist nicht abgeschlossen."
        )
    if volunteer.is_paused:
        return _("Die Person ist pausiert bis %(day)s.", day=german_date(volunteer.paused_until))
    return _("Die Person hat keine freie Kapazität oder hat ihre Einwilligung widerrufen.")
