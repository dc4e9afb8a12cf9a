"""Rows to engine input: a programme's matchable volunteers and open requests as dataclasses.

A fixed number of set-based queries (one per table, column tuples, no query per person) turn the
database into the pure engine's input (mentoring.matching).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime

from flask_babel import get_translations
from sqlalchemy import Select, func, select

from mentoring import availability, clock, matching
from mentoring.eligibility import engine_age, is_minor, possible_age
from mentoring.extensions import db
from mentoring.matching.model import SCORE_PARTS
from mentoring.models import (
    OCCUPYING_STATUSES,
    District,
    Language,
    MenteeRequest,
    PairExclusion,
    Place,
    PoliceCheck,
    Programme,
    Tag,
    TagKind,
    Tandem,
    Volunteer,
)
from mentoring.models.people import (
    request_languages,
    request_tags,
    volunteer_languages,
    volunteer_programmes,
    volunteer_tags,
    volunteer_travel_places,
)
from mentoring.safeguarding import (
    CertificateState,
    CertificateStatus,
    CheckRecord,
    certificate_status,
)
from mentoring.screening_state import certificate_policy

# The engine's ids are strings of the database ids with a side prefix: volunteer 7 and request 7
# are different people, and the engine names both sides through one mapping in its reasons.


def mentor_key(volunteer_id: int) -> str:
    return f"v{volunteer_id}"


def mentee_key(request_id: int) -> str:
    return f"r{request_id}"


def db_id(key: str) -> int:
    return int(key[1:])


def request_label(first_name: str | None, reference: str) -> str:
    return f"{first_name} ({reference})" if first_name else reference


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


def matchable_volunteer_ids(programme_id: int) -> Select:
    """The ids of the programme's volunteers that matching may consider."""
    return (
        select(Volunteer.id)
        .join(volunteer_programmes, volunteer_programmes.c.volunteer_id == Volunteer.id)
        .where(volunteer_programmes.c.programme_id == programme_id, Volunteer.is_matchable)
    )


def open_request_ids(programme_id: int) -> Select:
    """The ids of the programme's requests waiting for a mentor."""
    return select(MenteeRequest.id).where(
        MenteeRequest.programme_id == programme_id, MenteeRequest.is_open
    )


def occupied_counts():
    """Subquery: occupying tandems per volunteer."""
    return (
        select(Tandem.volunteer_id.label("volunteer_id"), func.count().label("n"))
        .where(Tandem.status.in_(OCCUPYING_STATUSES), Tandem.volunteer_id.is_not(None))
        .group_by(Tandem.volunteer_id)
        .subquery()
    )


def certificate_states(volunteer_ids: Select, today: date) -> dict[int, CertificateStatus]:
    """Each volunteer's police-certificate state, from their inspections in one query."""
    checks: dict[int, list[CheckRecord]] = defaultdict(list)
    rows = _rows(
        select(
            PoliceCheck.volunteer_id,
            PoliceCheck.issue_date,
            PoliceCheck.inspected_on,
            PoliceCheck.conviction_listed,
        ).where(PoliceCheck.volunteer_id.in_(volunteer_ids))
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


def engine_translator() -> matching.Translator:
    """The request's translations, looked up once: the engine renders thousands of reasons."""
    return matching.Translator(gettext=get_translations().gettext)


def load_labels() -> matching.Labels:
    tags, fields = {}, {}
    for kind, code, label in db.session.execute(select(Tag.kind, Tag.code, Tag.label)):
        (fields if kind is TagKind.CAREER_FIELD else tags)[code] = label
    languages = dict(db.session.execute(select(Language.code, Language.name)).all())
    return matching.Labels(tags=tags, career_fields=fields, languages=languages)


def _days_since(moment: datetime | None, today: date) -> int:
    if moment is None:
        return 0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max((today - moment.astimezone(UTC).date()).days, 0)


def _rows(statement: Select) -> list:
    """All rows of a column query at once, as plain tuples (no ORM result processing)."""
    db.session.flush()
    return db.session.connection().execute(statement).all()


def _grouped(statement: Select) -> dict[int, set]:
    """{key: {values}} from a two-column query, fetched in one go."""
    out: dict[int, set] = defaultdict(set)
    for key, value in _rows(statement):
        out[key].add(value)
    return out


class Codes:
    """Place and tag codes by database id, read once per engine input."""

    def __init__(self) -> None:
        self.place = dict(db.session.execute(select(Place.id, Place.code)).all())
        self._tags: dict[TagKind, dict[int, str]] = defaultdict(dict)
        for tid, kind, code in db.session.execute(select(Tag.id, Tag.kind, Tag.code)).all():
            self._tags[kind][tid] = code

    def tags(self, ids, kind: TagKind) -> frozenset[str]:
        codes = self._tags[kind]
        return frozenset(codes[t] for t in ids if t in codes)


def exclusions(
    *,
    volunteer_ids: Select | list[int] | None = None,
    request_ids: Select | list[int] | None = None,
) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """Pairs never to propose again, as engine keys: (per volunteer, per request)."""
    for_volunteer: dict[int, set[str]] = defaultdict(set)
    for_request: dict[int, set[str]] = defaultdict(set)
    query = select(PairExclusion.volunteer_id, PairExclusion.request_id)
    if volunteer_ids is not None:
        query = query.where(PairExclusion.volunteer_id.in_(volunteer_ids))
    if request_ids is not None:
        query = query.where(PairExclusion.request_id.in_(request_ids))
    for vid, rid in _rows(query):
        for_volunteer[vid].add(mentee_key(rid))
        for_request[rid].add(mentor_key(vid))
    return for_volunteer, for_request


def load_mentors(
    volunteer_ids: Select,
    today: date,
    codes: Codes,
    excluded: dict[int, set[str]],
    *,
    link_scope: Select | None = None,
) -> tuple[list[matching.Mentor], dict[str, str]]:
    """The volunteers of `volunteer_ids` as engine mentors, with their display names.

    `link_scope`, a cheaper superset of the ids, filters the language, tag and travel rows
    (rows of people not loaded are simply not looked up).
    """
    scope = volunteer_ids if link_scope is None else link_scope
    occupied = occupied_counts()
    rows = _rows(
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
        .where(Volunteer.id.in_(volunteer_ids))
        .order_by(Volunteer.id)
    )
    links = {
        table.c.volunteer_id: table
        for table in (volunteer_languages, volunteer_tags, volunteer_travel_places)
    }
    langs, tags, travel = (
        _grouped(select(column, table.c[1]).where(column.in_(scope)))
        for column, table in links.items()
    )
    certificates = certificate_states(volunteer_ids, today)
    mentors, names = [], {}
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
    ) in rows:
        own_tags = tags.get(vid, ())
        cert = certificates.get(vid)
        mentors.append(
            matching.Mentor(
                id=mentor_key(vid),
                capacity_left=max(capacity - occupied_n, 0),
                birth_year=birth_year,
                place=codes.place[place_id],
                travel_places=frozenset(codes.place[p] for p in travel.get(vid, ())),
                travel_radius_km=radius,
                languages=frozenset(langs.get(vid, ())),
                expertise=codes.tags(own_tags, TagKind.EXPERTISE),
                occupation=occupation,
                career_fields=codes.tags(own_tags, TagKind.CAREER_FIELD),
                availability=frozenset(availability.decode(avail)),
                police_certificate_valid=bool(cert and cert.valid),
                police_certificate_due_soon=_due_soon(cert),
                preferred_min_age=pref_min,
                preferred_max_age=pref_max,
                excluded=frozenset(excluded.get(vid, ())),
                waiting_days=0 if occupied_n else _days_since(created_at, today),
            )
        )
        names[mentor_key(vid)] = f"{first} {last}"
    return mentors, names


def _due_soon(cert: CertificateStatus | None) -> date | None:
    """The re-inspection day while it falls within the warning period (POLICE_CHECK_WARN_WEEKS)."""
    if cert is not None and cert.state is CertificateState.DUE_SOON:
        return cert.due_on
    return None


def load_mentees(
    request_ids: Select,
    programme: Programme,
    today: date,
    codes: Codes,
    excluded: dict[int, set[str]],
    *,
    link_scope: Select | None = None,
) -> tuple[list[matching.Mentee], dict[str, str]]:
    """The requests of `request_ids` as engine mentees, with their display labels.

    `link_scope` as for load_mentors.
    """
    scope = request_ids if link_scope is None else link_scope
    rows = _rows(
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
        .where(MenteeRequest.id.in_(request_ids))
        .order_by(MenteeRequest.id)
    )
    langs, tags = (
        _grouped(select(t.c.request_id, t.c[1]).where(t.c[0].in_(scope)))
        for t in (request_languages, request_tags)
    )
    mentees, names = [], {}
    for rid, reference, first, birth_year, birth_month, place_id, goal, avail, created in rows:
        own_tags = tags.get(rid, ())
        ages = possible_age(birth_year, birth_month, today)
        mentees.append(
            matching.Mentee(
                id=mentee_key(rid),
                age=engine_age(ages, programme.min_age, programme.max_age),
                involves_minor=is_minor(ages),
                place=codes.place[place_id],
                languages=frozenset(langs.get(rid, ())),
                needs=codes.tags(own_tags, TagKind.EXPERTISE),
                career_fields=codes.tags(own_tags, TagKind.CAREER_FIELD),
                career_goal=goal,
                availability=frozenset(availability.decode(avail)),
                excluded=frozenset(excluded.get(rid, ())),
                waiting_days=_days_since(created, today),
            )
        )
        names[mentee_key(rid)] = request_label(first, reference)
    return mentees, names


def build_engine_input(
    programme: Programme,
    today: date | None = None,
    *,
    volunteer_ids: Select | None = None,
    request_ids: Select | None = None,
) -> EngineInput:
    """Turn the programme's matchable volunteers and open requests into engine input.

    `volunteer_ids` / `request_ids` narrow a side to a subset of those (for "who fits?").
    """
    today = today or clock.today()
    codes = Codes()
    vol_ids = matchable_volunteer_ids(programme.id)
    if volunteer_ids is not None:
        vol_ids = vol_ids.where(Volunteer.id.in_(volunteer_ids))
    req_ids = open_request_ids(programme.id)
    if request_ids is not None:
        req_ids = req_ids.where(MenteeRequest.id.in_(request_ids))
    for_volunteer, for_request = exclusions(request_ids=req_ids)
    # The language, tag and travel rows of everybody in the programme: the openness and
    # consent tests are then evaluated once per side, not once per table.
    programme_volunteers = select(volunteer_programmes.c.volunteer_id).where(
        volunteer_programmes.c.programme_id == programme.id
    )
    programme_requests = select(MenteeRequest.id).where(MenteeRequest.programme_id == programme.id)
    mentors, mentor_names = load_mentors(
        vol_ids, today, codes, for_volunteer, link_scope=programme_volunteers
    )
    mentees, mentee_names = load_mentees(
        req_ids, programme, today, codes, for_request, link_scope=programme_requests
    )
    return EngineInput(
        rules=programme_rules(programme),
        mentors=mentors,
        mentees=mentees,
        places=load_places(),
        labels=load_labels(),
        names={**mentor_names, **mentee_names},
    )
