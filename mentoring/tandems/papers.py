"""What the printed papers of a tandem show: contact data as agreed, rules, hours (reads only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from mentoring.data.agreements import Rule, agreement_rules
from mentoring.extensions import db
from mentoring.models import (
    ContactItem,
    MenteeRequest,
    RegisteredBy,
    StaffUser,
    Tandem,
    TandemIntroduction,
    Volunteer,
    VolunteerHours,
)


@dataclass(frozen=True)
class ContactCard:
    """One side of the tandem as the other side may see it."""

    role: str
    name: str
    lines: list[tuple[str, str]] = field(default_factory=list)  # (label, value)


def _address(person) -> str | None:
    """Street and number (where the sign-up asked for them), postal code and town."""
    street = " ".join(part for part in (person.street, person.house_number) if part)
    town = f"{person.postal_code} Herne"
    if person.place is not None:
        town += f" ({person.place.name})"
    return f"{street}, {town}" if street else town


def _lines(shares: list[str], phone, email, address) -> list[tuple[str, str]]:
    lines = []
    if ContactItem.PHONE.value in shares and phone:
        lines.append(("Telefon", phone))
    if ContactItem.EMAIL.value in shares and email:
        lines.append(("E-Mail", email))
    if ContactItem.ADDRESS.value in shares and address:
        lines.append(("Anschrift", address))
    return lines


def _name(first: str | None, last: str | None, shares: list[str]) -> str:
    if ContactItem.NAME.value in shares and last:
        return f"{first or ''} {last}".strip()
    return first or "–"


def volunteer_card(volunteer: Volunteer | None, shares: list[str]) -> ContactCard:
    if volunteer is None or volunteer.erased_at is not None:
        return ContactCard("Ehrenamtliche Person", "(gelöscht)")
    return ContactCard(
        "Ehrenamtliche Person",
        _name(volunteer.first_name, volunteer.last_name, shares),
        _lines(shares, volunteer.phone, volunteer.email, _address(volunteer)),
    )


def request_card(request_row: MenteeRequest | None, shares: list[str]) -> ContactCard:
    if request_row is None or request_row.erased_at is not None:
        return ContactCard("Familie / junge Person", "(gelöscht)")
    last_name = request_row.person_last_name
    person = _name(request_row.person_first_name, last_name, shares)
    contact = _name(request_row.contact_first_name, request_row.contact_last_name, shares)
    lines: list[tuple[str, str]] = []
    if request_row.registered_by is RegisteredBy.SELF:
        name = contact
    else:
        name = person if request_row.person_first_name else contact
        role = (
            "Ansprechperson (Fachkraft)"
            if request_row.registered_by is RegisteredBy.REFERRER
            else "Ansprechperson (Elternteil/Sorgeberechtigte)"
        )
        organisation = request_row.referrer_organisation
        lines.append((role, f"{contact}, {organisation}" if organisation else contact))
    lines += _lines(
        shares, request_row.contact_phone, request_row.contact_email, _address(request_row)
    )
    return ContactCard("Familie / junge Person", name, lines)


def introduction_of(tandem_id: int) -> TandemIntroduction | None:
    return db.session.scalar(
        select(TandemIntroduction).where(TandemIntroduction.tandem_id == tandem_id)
    )


def coordinator_of(introduction: TandemIntroduction | None, fallback: StaffUser) -> StaffUser:
    """The coordinator named on the papers: who saved the meeting details (while their account
    is active), else the staff member printing."""
    staff = None
    if introduction is not None and introduction.updated_by_id:
        staff = db.session.get(StaffUser, introduction.updated_by_id)
    return staff if staff is not None and staff.active else fallback


def paper_context(tandem: Tandem, printing: StaffUser) -> dict:
    """What the Vermittlungsbogen and the Patenschaftsvereinbarung show."""
    introduction = introduction_of(tandem.id)
    return {
        "tandem": tandem,
        "introduction": introduction,
        "volunteer": volunteer_card(
            tandem.volunteer, introduction.volunteer_shares if introduction else []
        ),
        "mentee": request_card(tandem.request, introduction.request_shares if introduction else []),
        "coordinator": coordinator_of(introduction, printing),
        "department": tandem.programme.department.name,
    }


def rules_for(tandem: Tandem) -> list[Rule]:
    programme = tandem.programme
    return agreement_rules(programme.code, programme.requires_police_certificate)


def hours_of_tandem(tandem_id: int) -> list[VolunteerHours]:
    return list(
        db.session.scalars(
            select(VolunteerHours)
            .where(VolunteerHours.tandem_id == tandem_id)
            .order_by(VolunteerHours.month)
        )
    )


@dataclass(frozen=True)
class HoursSummary:
    """A volunteer's hours in one programme: per month (all their tandems there) and in total."""

    months: list[tuple[date, Decimal]]
    start: date | None
    end: date | None

    @property
    def total(self) -> Decimal:
        return sum((h for _, h in self.months), Decimal("0"))


def volunteer_hours(
    volunteer_id: int, programme_id: int, start: date | None = None, end: date | None = None
) -> HoursSummary:
    """Per month, the hours of the volunteer's tandems in the programme, within [start, end]."""
    where = [Tandem.volunteer_id == volunteer_id, Tandem.programme_id == programme_id]
    if start is not None:
        where.append(VolunteerHours.month >= start)
    if end is not None:
        where.append(VolunteerHours.month <= end)
    rows = db.session.execute(
        select(VolunteerHours.month, func.sum(VolunteerHours.hours))
        .join(Tandem, Tandem.id == VolunteerHours.tandem_id)
        .where(*where)
        .group_by(VolunteerHours.month)
        .order_by(VolunteerHours.month)
    ).all()
    months = [(month, round(Decimal(str(hours)), 1)) for month, hours in rows]
    first = start or (months[0][0] if months else None)
    last = end or (months[-1][0] if months else None)
    return HoursSummary(months, first, last)
