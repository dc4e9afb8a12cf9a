"""Staff corrections of a person's record: compare old and new values field by field, write only
what changed, audit the changed field NAMES (never values), in one transaction.

The values come keyed by the model's attribute names (columns and the editable relationships),
so a column added to the sign-up forms later is editable without a change here.
"""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import Boolean, Float, Integer, func, select
from sqlalchemy import Enum as EnumType

from mentoring import audit, availability, clock
from mentoring.eligibility import is_minor, possible_age
from mentoring.extensions import db
from mentoring.models import (
    OCCUPYING_STATUSES,
    ConsentGivenAs,
    ConsentRecord,
    Language,
    MenteeRequest,
    Place,
    Programme,
    Proposal,
    ProposalStatus,
    RegisteredBy,
    RequestStatus,
    StaffUser,
    Tag,
    Tandem,
    Volunteer,
    VolunteerStatus,
)
from mentoring.models.people import consent_withdrawn
from mentoring.operations.locking import begin_write, locked, refuse
from mentoring.operations.signup import signup_key

# Relationships staff may edit, with the model of their items.
RELATIONS = {
    Volunteer: {
        "programmes": Programme,
        "languages": Language,
        "tags": Tag,
        "travel_places": Place,
    },
    MenteeRequest: {"languages": Language, "tags": Tag},
}
FOREIGN_KEYS = {"place_id": Place, "programme_id": Programme}
# Columns that are not sign-up answers: set by the system or by their own steps.
NOT_EDITABLE = frozenset(
    {
        "id",
        "reference",
        "status",
        "created_at",
        "erased_at",
        "signup_key",
        "locale",
        "intake_channel",
        "registered_by",
        "interview_on",
        "training_on",
    }
)
# What the matching engine reads: a change makes open proposals' reasons possibly outdated.
MATCHING_FIELDS = frozenset(
    {
        "programmes",
        "programme_id",
        "languages",
        "tags",
        "availability",
        "place_id",
        "postal_code",
        "travel_places",
        "travel_radius_km",
        "capacity",
        "birth_year",
        "person_birth_year",
        "person_birth_month",
        "preferred_min_age",
        "preferred_max_age",
        "career_goal",
    }
)
AUDIT_DETAIL_MAX = 200  # AuditEntry.detail


@dataclass(frozen=True)
class EditResult:
    changed: tuple[str, ...]
    # Open proposals of the person made before this change to what matching reads.
    outdated_proposals: int = 0


def update_volunteer(*, staff: StaffUser, volunteer_id: int, values: dict) -> EditResult:
    """Correct a volunteer's sign-up answers."""
    begin_write()
    volunteer = locked(Volunteer, volunteer_id)
    _refuse_if_gone(volunteer, volunteer and volunteer.status is VolunteerStatus.WITHDRAWN)
    new_ids = _keys(Programme, values.get("programmes", []))
    old_ids = {p.id for p in volunteer.programmes}
    if "programmes" in values:
        _refuse_inactive(new_ids - old_ids)
        busy = _running_programmes(Tandem.volunteer_id == volunteer.id)
        if busy - new_ids:
            refuse(
                _(
                    "Die Person begleitet in diesem Programm gerade ein Tandem. Beenden Sie erst "
                    "das Tandem, bevor Sie das Programm abwählen."
                )
            )
    if "capacity" in values:
        running = _count_running(Tandem.volunteer_id == volunteer.id)
        if int(values["capacity"]) < running:
            refuse(
                _(
                    "Die Person begleitet gerade %(n)d Tandems. Die Zahl gleichzeitiger "
                    "Begleitungen kann nicht unter %(n)d sinken; beenden Sie erst ein Tandem.",
                    n=running,
                )
            )
    if "email" in values and values["email"]:
        email = str(values["email"]).strip().lower()
        other = db.session.scalar(
            select(Volunteer.id).where(Volunteer.email == email, Volunteer.id != volunteer.id)
        )
        if other is not None:
            refuse(_("Diese E-Mail-Adresse gehört schon zu einer anderen ehrenamtlichen Person."))
    changed = _apply(volunteer, values)
    return _finish(staff, volunteer, "volunteer", changed, Proposal.volunteer_id)


def update_request(
    *,
    staff: StaffUser,
    request_id: int,
    values: dict,
    guardian_name: str | None = None,
    guardian_consent: bool = False,
    privacy_version: str,
    today: date | None = None,
) -> EditResult:
    """Correct a request's sign-up answers; a person who is now a minor needs the guardian's
    consent as at sign-up (recorded as confirmed to the staff member)."""
    today = today or clock.today()
    begin_write()
    mentee_request = locked(MenteeRequest, request_id)
    _refuse_if_gone(
        mentee_request,
        mentee_request and mentee_request.status is RequestStatus.WITHDRAWN,
    )
    if mentee_request.registered_by is RegisteredBy.SELF and "contact_first_name" in values:
        values = {**values, "person_first_name": values["contact_first_name"]}
    if "programme_id" in values and int(values["programme_id"]) != mentee_request.programme_id:
        _refuse_inactive({int(values["programme_id"])})
        if _count_running(Tandem.request_id == mentee_request.id):
            refuse(
                _(
                    "Für diese Anfrage läuft ein Tandem. Das Programm kann erst nach dessen "
                    "Ende geändert werden."
                )
            )
    changed = _apply(mentee_request, values)
    ages = possible_age(mentee_request.person_birth_year, mentee_request.person_birth_month, today)
    if (
        changed
        and is_minor(ages)
        and mentee_request.registered_by is not RegisteredBy.GUARDIAN
        and not _has_guardian_consent(mentee_request)
    ):
        if not (guardian_consent and guardian_name):
            refuse(
                _(
                    "Für eine minderjährige Person braucht es die Einwilligung der "
                    "Erziehungsberechtigten. Bitte geben Sie den Namen an und bestätigen Sie sie."
                )
            )
        mentee_request.consents.append(
            ConsentRecord(
                purpose="guardian_consent",
                text_version=privacy_version,
                given_by_name=guardian_name,
                given_by_role=RegisteredBy.GUARDIAN.value,
                on_behalf_of="minor",
                given_as=ConsentGivenAs.ORAL,
                recorded_by_id=staff.id,
            )
        )
        changed.append("guardian_consent")
    if changed and mentee_request.signup_key is not None:
        key = signup_key(
            mentee_request.contact_email,
            mentee_request.programme_id,
            mentee_request.person_first_name,
            mentee_request.person_birth_year,
        )
        clash = db.session.scalar(
            select(MenteeRequest.reference).where(
                MenteeRequest.signup_key == key, MenteeRequest.id != mentee_request.id
            )
        )
        if clash is not None:
            refuse(
                _(
                    "Dieselbe Person ist mit derselben Kontaktperson schon im Programm "
                    "angemeldet (%(reference)s). Bitte führen Sie die Anfragen zusammen.",
                    reference=clash,
                )
            )
        mentee_request.signup_key = key
    return _finish(staff, mentee_request, "request", changed, Proposal.request_id)


def _refuse_if_gone(row, withdrawn: bool) -> None:
    if row is None or row.erased_at is not None:
        refuse(_("Diesen Eintrag gibt es nicht mehr."))
    if withdrawn or consent_withdrawn(row.consents):
        refuse(
            _(
                "Die Person hat ihre Anmeldung zurückgezogen oder die Einwilligung widerrufen. "
                "Ihre Angaben können nicht mehr geändert werden."
            )
        )


def _refuse_inactive(programme_ids: set[int]) -> None:
    for programme_id in programme_ids:
        programme = db.session.get(Programme, programme_id)
        if programme is None or not programme.active:
            refuse(_("Dieses Programm nimmt zurzeit keine Anmeldungen an."))


def _count_running(condition) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Tandem)
        .where(condition, Tandem.status.in_(OCCUPYING_STATUSES))
    )


def _running_programmes(condition) -> set[int]:
    rows = db.session.scalars(
        select(MenteeRequest.programme_id)
        .join(Tandem, Tandem.request_id == MenteeRequest.id)
        .where(condition, Tandem.status.in_(OCCUPYING_STATUSES))
    )
    return set(rows)


def _has_guardian_consent(mentee_request: MenteeRequest) -> bool:
    return any(
        c.purpose == "guardian_consent" and c.withdrawn_at is None for c in mentee_request.consents
    )


def _apply(row, values: dict) -> list[str]:
    """Set each given attribute whose value differs; return the names of those changed."""
    relations = RELATIONS[type(row)]
    columns = type(row).__table__.columns
    changed = []
    for name, raw in values.items():
        if name in relations:
            model = relations[name]
            keys = _keys(model, raw)
            if keys != {key_of(item) for item in getattr(row, name)}:
                setattr(row, name, [_get(model, key) for key in sorted(keys, key=str)])
                changed.append(name)
            continue
        if name in NOT_EDITABLE or name not in columns:
            raise ValueError(f"{type(row).__name__}.{name} is not an editable sign-up answer")
        value = _coerce(name, columns[name], raw)
        if name in FOREIGN_KEYS and value is not None:
            _get(FOREIGN_KEYS[name], value)
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed.append(name)
    return changed


def _coerce(name: str, column, raw):
    """The form's value as the column stores it; an empty answer is NULL."""
    if name == "availability":
        return availability.encode(raw or [])
    if isinstance(column.type, Boolean):
        return bool(raw)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(column.type, EnumType) and column.type.enum_class is not None:
        return column.type.enum_class(raw)
    if isinstance(column.type, Integer):
        return int(raw)
    if isinstance(column.type, Float):
        return float(raw)
    value = str(raw).strip()
    return value.lower() if name.endswith("email") else value


def _keys(model, raw) -> set:
    return {int(v) if model is not Language else str(v) for v in raw or []}


def key_of(item):
    return item.code if isinstance(item, Language) else item.id


def _get(model, key):
    row = db.session.get(model, key)
    if row is None:
        refuse(_("Eine Auswahl ist nicht mehr verfügbar. Bitte prüfen Sie die Angaben."))
    return row


def _finish(staff, row, subject: str, changed: list[str], proposal_column) -> EditResult:
    """Audit the changed field names (in entries of at most 200 characters) and commit."""
    if not changed:
        db.session.rollback()
        return EditResult(changed=())
    for detail in _audit_details(sorted(changed)):
        audit.record("update", subject, row.id, detail, staff_id=staff.id)
    outdated = 0
    if MATCHING_FIELDS.intersection(changed):
        outdated = db.session.scalar(
            select(func.count())
            .select_from(Proposal)
            .where(proposal_column == row.id, Proposal.status == ProposalStatus.OPEN)
        )
    db.session.commit()
    return EditResult(changed=tuple(changed), outdated_proposals=outdated)


def _audit_details(names: list[str]) -> list[str]:
    """'fields=a,b,c' strings, split so each fits the audit log's detail column."""
    details, current = [], []
    for name in names:
        if len("fields=" + ",".join([*current, name])) > AUDIT_DETAIL_MAX:
            details.append("fields=" + ",".join(current))
            current = []
        current.append(name)
    details.append("fields=" + ",".join(current))
    return details
