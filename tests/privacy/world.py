"""A small but complete world around one volunteer and one request, with distinctive values.

A scenario builder over the factories in tests.support.factories.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from mentoring import audit
from mentoring.extensions import db
from mentoring.messages.flows import signup_confirmation
from mentoring.models import (
    CheckIn,
    ConsentRecord,
    DuplicateSignup,
    MatchingRun,
    MenteeRequest,
    PairExclusion,
    PoliceCheck,
    Proposal,
    ProposalStatus,
    RequestStatus,
    Tag,
    Tandem,
    TandemEvent,
    TandemNote,
    TandemStatus,
    Volunteer,
    VolunteerStatus,
)
from tests.support.factories import make_proposal, make_request, make_tandem, make_volunteer, place

_counter = iter(range(1, 10_000))


def _first_tags(n: int) -> list[str]:
    return list(db.session.scalars(select(Tag.code).order_by(Tag.id).limit(n)))


def distinctive_volunteer(
    first="Gisbert",
    last="Quellenhoff",
    programme="ausbildungspaten",
    status=VolunteerStatus.ACTIVE,
    created_at=None,
    consent=True,
    **overrides,
) -> Volunteer:
    """A volunteer whose every text value is distinctive (an export or erasure can be checked)."""
    n = next(_counter)
    fields = dict(
        reference=f"E-VOL{n:04d}-T",
        email=f"{first.lower()}.{last.lower()}{n}@example.org",
        phone=f"02323 77{n:04d}",
        occupation=f"Elektromeister{first}",
        experience=f"Erfahrung-{last}-Schaltschrank",
        interests=f"Interessen-{last}-Angeln",
        partner_wishes=f"Wunsch-{last}-ruhig",
        heard_from="newspaper",
        availability=12,
        created_at=created_at or datetime.now(UTC),
        travel_places=[place("wanne")],
        interview_on=date(2026, 1, 5),
        training_on=date(2026, 2, 5),
    )
    return make_volunteer(
        programmes=(programme,),
        first_name=first,
        last_name=last,
        birth_year=1957,
        capacity=3,
        tags=_first_tags(2),
        status=status,
        consent=consent,
        **{**fields, **overrides},
    )


def distinctive_request(
    contact=("Sabinchen", "Yildirimova"),
    person="Denizhan",
    programme="ausbildungspaten",
    status=RequestStatus.MATCHED,
    created_at=None,
    consent=True,
    **overrides,
) -> MenteeRequest:
    """A request whose every text value is distinctive, with the guardian's consent too."""
    n = next(_counter)
    fields = dict(
        reference=f"A-REQ{n:04d}-T",
        contact_first_name=contact[0],
        contact_phone=f"02325 88{n:04d}",
        referrer_organisation=f"Gesamtschule {contact[1]}-Ost",
        person_birth_year=2009,
        person_birth_month=4,
        goal=f"Ziel-{person}-Bewerbung",
        career_goal=f"Mechatroniker{person}",
        availability=12,
        created_at=created_at or datetime.now(UTC),
    )
    request = make_request(
        programme_code=programme,
        person_first_name=person,
        contact_last_name=contact[1],
        contact_email=f"kontakt{n}@schule-{contact[1].lower()}.example",
        tags=_first_tags(1),
        status=status,
        consent=consent,
        commit=False,
        **{**fields, **overrides},
    )
    if consent:
        request.consents.append(
            ConsentRecord(
                purpose="guardian_consent",
                text_version="2026-11-01",
                given_by_name=f"Vormund{person} Elternteil",
                given_by_role="guardian",
                on_behalf_of="minor",
            )
        )
    db.session.commit()
    return request


def tandem_with_history(
    volunteer, request, status=TandemStatus.ACTIVE, ended_on=None, end_reason=None, note="Notiz"
) -> Tandem:
    """A tandem from an accepted proposal, with an event, a check-in and a note."""
    proposal = make_proposal(
        volunteer,
        request,
        status=ProposalStatus.ACCEPTED,
        score_parts={"expertise": 0.5},
        reasons=[f"früher {volunteer.occupation} – möchte {request.career_goal}"],
        warnings=[f"Alter nicht wie gewünscht: {request.person_first_name}"],
        commit=False,
    )
    tandem = make_tandem(
        volunteer,
        request,
        status=status,
        proposal_id=proposal.id,
        first_meeting_on=date(2026, 3, 1),
        coordinator_present=True,
        ended_on=ended_on,
        end_reason=end_reason,
        end_note=f"Abschluss-{volunteer.last_name}" if ended_on else None,
        commit=False,
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
    volunteer = distinctive_volunteer()
    request = distinctive_request()
    other_volunteer = distinctive_volunteer(
        first="Hannelore", last="Brackwede", status=VolunteerStatus.READY
    )
    other_request = distinctive_request(
        contact=("Korbinian", "Tiedemann"), person="Leonie", status=RequestStatus.OPEN
    )
    tandem = tandem_with_history(volunteer, request)
    open_proposal = Proposal(
        programme_id=other_request.programme_id,
        volunteer_id=volunteer.id,
        request_id=other_request.id,
        score=0.5,
        score_parts={},
        reasons=[f"beide {volunteer.occupation}"],
        warnings=[f"Keine gemeinsame freie Zeit: {volunteer.occupation}"],
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
    # Each received the sign-up confirmation: name, address and reference are in the outbox.
    signup_confirmation("volunteer", volunteer)
    signup_confirmation("request", request)
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
