"""A small but complete world around one volunteer and one request, with distinctive values."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from mentoring import audit
from mentoring.extensions import db
from mentoring.models import (
    CheckIn,
    ConsentRecord,
    DuplicateSignup,
    Language,
    MatchingRun,
    MenteeRequest,
    PairExclusion,
    Place,
    PoliceCheck,
    Programme,
    Proposal,
    ProposalStatus,
    RegisteredBy,
    RequestStatus,
    Tag,
    Tandem,
    TandemEvent,
    TandemNote,
    TandemStatus,
    Volunteer,
    VolunteerStatus,
)

_counter = iter(range(1, 10_000))


def _programme(code="ausbildungspaten") -> Programme:
    return db.session.scalar(select(Programme).where(Programme.code == code))


def _place(code="eickel") -> Place:
    return db.session.scalar(select(Place).where(Place.code == code))


def make_volunteer(
    first="Gisbert",
    last="Quellenhoff",
    programme="ausbildungspaten",
    status=VolunteerStatus.ACTIVE,
    created_at=None,
    consent=True,
    **overrides,
) -> Volunteer:
    n = next(_counter)
    volunteer = Volunteer(
        reference=f"E-VOL{n:04d}-T",
        first_name=first,
        last_name=last,
        email=f"{first.lower()}.{last.lower()}{n}@example.org",
        phone=f"02323 77{n:04d}",
        birth_year=1957,
        postal_code="44651",
        place=_place(),
        capacity=3,
        occupation=f"Elektromeister{first}",
        experience=f"Erfahrung-{last}-Schaltschrank",
        interests=f"Interessen-{last}-Angeln",
        partner_wishes=f"Wunsch-{last}-ruhig",
        heard_from="newspaper",
        status=status,
        availability=12,
        created_at=created_at or datetime.now(UTC),
        programmes=[_programme(programme)],
        languages=[db.session.get(Language, "de")],
        tags=list(db.session.scalars(select(Tag).limit(2))),
        travel_places=[_place("wanne")],
        interview_on=date(2026, 1, 5),
        training_on=date(2026, 2, 5),
        **overrides,
    )
    if consent:
        volunteer.consents.append(
            ConsentRecord(
                text_version="2026-11-01",
                given_by_name=f"{first} {last}",
                given_by_role="self",
                on_behalf_of="self",
            )
        )
    db.session.add(volunteer)
    db.session.commit()
    return volunteer


def make_request(
    contact=("Sabinchen", "Yildirimova"),
    person="Denizhan",
    programme="ausbildungspaten",
    status=RequestStatus.MATCHED,
    created_at=None,
    consent=True,
    **overrides,
) -> MenteeRequest:
    n = next(_counter)
    request = MenteeRequest(
        reference=f"A-REQ{n:04d}-T",
        programme=_programme(programme),
        registered_by=RegisteredBy.REFERRER,
        contact_first_name=contact[0],
        contact_last_name=contact[1],
        contact_email=f"kontakt{n}@schule-{contact[1].lower()}.example",
        contact_phone=f"02325 88{n:04d}",
        referrer_kind="school",
        referrer_organisation=f"Gesamtschule {contact[1]}-Ost",
        person_first_name=person,
        person_birth_year=2009,
        person_birth_month=4,
        postal_code="44649",
        place=_place("wanne"),
        goal=f"Ziel-{person}-Bewerbung",
        career_goal=f"Mechatroniker{person}",
        availability=12,
        status=status,
        created_at=created_at or datetime.now(UTC),
        languages=[db.session.get(Language, "de")],
        tags=list(db.session.scalars(select(Tag).limit(1))),
        **overrides,
    )
    if consent:
        request.consents.append(
            ConsentRecord(
                text_version="2026-11-01",
                given_by_name=f"{contact[0]} {contact[1]}",
                given_by_role="referrer",
                on_behalf_of="minor",
            )
        )
        request.consents.append(
            ConsentRecord(
                purpose="guardian_consent",
                text_version="2026-11-01",
                given_by_name=f"Vormund{person} Elternteil",
                given_by_role="guardian",
                on_behalf_of="minor",
            )
        )
    db.session.add(request)
    db.session.commit()
    return request


def make_tandem(
    volunteer, request, status=TandemStatus.ACTIVE, ended_on=None, end_reason=None, note="Notiz"
) -> Tandem:
    proposal = Proposal(
        programme_id=request.programme_id,
        volunteer_id=volunteer.id,
        request_id=request.id,
        score=0.8,
        score_parts={"expertise": 0.5},
        reasons=[f"früher {volunteer.occupation} – möchte {request.career_goal}"],
        status=ProposalStatus.ACCEPTED,
    )
    db.session.add(proposal)
    db.session.flush()
    tandem = Tandem(
        programme_id=request.programme_id,
        proposal_id=proposal.id,
        volunteer_id=volunteer.id,
        request_id=request.id,
        status=status,
        first_meeting_on=date(2026, 3, 1),
        coordinator_present=True,
        ended_on=ended_on,
        end_reason=end_reason,
        end_note=f"Abschluss-{volunteer.last_name}" if ended_on else None,
        request_signed_up_at=request.created_at,
    )
    tandem.events.append(TandemEvent(from_status=None, to_status=status.value))
    tandem.check_ins.append(
        CheckIn(
            due_on=date(2026, 4, 1),
            done_on=date(2026, 4, 1),
            summary=f"Gespräch-{volunteer.last_name}-{request.person_first_name}",
        )
    )
    tandem.notes.append(
        TandemNote(text=f"{note}-{volunteer.last_name}-{request.person_first_name}")
    )
    db.session.add(tandem)
    db.session.commit()
    return tandem


@dataclass
class World:
    volunteer: Volunteer
    request: MenteeRequest
    other_volunteer: Volunteer
    other_request: MenteeRequest
    tandem: Tandem
    open_proposal: Proposal
    run: MatchingRun


def make_world() -> World:
    """The volunteer and request share an active tandem; both have every kind of row."""
    volunteer = make_volunteer()
    request = make_request()
    other_volunteer = make_volunteer(
        first="Hannelore", last="Brackwede", status=VolunteerStatus.READY
    )
    other_request = make_request(
        contact=("Korbinian", "Tiedemann"), person="Leonie", status=RequestStatus.OPEN
    )
    tandem = make_tandem(volunteer, request)
    open_proposal = Proposal(
        programme_id=other_request.programme_id,
        volunteer_id=volunteer.id,
        request_id=other_request.id,
        score=0.5,
        score_parts={},
        reasons=[f"beide {volunteer.occupation}"],
        status=ProposalStatus.OPEN,
        decline_note=None,
    )
    db.session.add(open_proposal)
    db.session.add(
        PoliceCheck(
            volunteer_id=volunteer.id,
            issue_date=date(2026, 1, 1),
            inspected_on=date(2026, 1, 10),
            conviction_listed=False,
        )
    )
    db.session.add(
        PairExclusion(volunteer_id=volunteer.id, request_id=other_request.id, reason="did_not_fit")
    )
    db.session.add(DuplicateSignup(reference="E-DUPL-0001", volunteer_id=volunteer.id))
    db.session.add(DuplicateSignup(reference="A-DUPL-0001", request_id=request.id))
    run = MatchingRun(
        programme_id=request.programme_id,
        objective="coverage",
        method="optimal",
        unmatched=[
            {
                "side": "mentor",
                "person_id": volunteer.id,
                "name": volunteer.full_name,
                "reasons": ["keine freien Plätze"],
            },
            {
                "side": "mentee",
                "person_id": other_request.id,
                "name": f"{other_request.person_first_name} ({other_request.reference})",
                "reasons": [
                    f"{volunteer.full_name} passt besser zu {request.person_first_name} "
                    f"({request.reference})"
                ],
            },
        ],
    )
    db.session.add(run)
    db.session.commit()
    db.session.add(
        Proposal(
            programme_id=request.programme_id,
            run_id=run.id,
            volunteer_id=other_volunteer.id,
            request_id=request.id,
            score=0.3,
            score_parts={},
            reasons=[f"möchte {request.career_goal}"],
            status=ProposalStatus.DECLINED,
            decline_note=f"Absage-{request.person_first_name}-Grund",
        )
    )
    audit.record("view", "volunteer", volunteer.id, staff_id=None)
    audit.record("view", "request", request.id, staff_id=None)
    audit.record("tandem_status", "tandem", tandem.id, "proposed->active", staff_id=None)
    db.session.commit()
    return World(volunteer, request, other_volunteer, other_request, tandem, open_proposal, run)


def personal_values(person) -> list[str]:
    """Every personal text value of the person, and of what was written about them."""
    if isinstance(person, Volunteer):
        values = [
            person.first_name,
            person.last_name,
            person.email,
            person.phone,
            person.occupation,
            person.experience,
            person.interests,
            person.partner_wishes,
            person.reference,
            person.full_name,
        ]
    else:
        values = [
            person.contact_first_name,
            person.contact_last_name,
            person.contact_email,
            person.contact_phone,
            person.referrer_organisation,
            person.person_first_name,
            person.goal,
            person.career_goal,
            person.reference,
        ]
        values += [c.given_by_name for c in person.consents]
    return [v for v in values if v]


def days_ago(n: int) -> datetime:
    return datetime.now(UTC) - timedelta(days=n)
