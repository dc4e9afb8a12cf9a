"""Staff forms built from the public sign-up forms, so both validate alike: editing a record and
taking a sign-up by phone, at the counter or from paper ("Anmeldung erfassen").

The public forms' fields are inherited; a field the public form gains later shows up here by
itself (in "Weitere Angaben" until a section lists it) and, when its name is a column of the
record, is editable without further change.
"""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField
from wtforms.validators import DataRequired

from mentoring import availability
from mentoring.models import (
    ConsentGivenAs,
    IntakeChannel,
    MenteeRequest,
    PrivacyNotice,
    RegisteredBy,
    TagKind,
    Volunteer,
)
from mentoring.operations.records import RELATIONS, key_of
from mentoring.signup.forms import MenteeForm, VolunteerForm

# Form fields whose record attribute has another name.
ATTRIBUTE_FOR_FIELD = {
    "place": "place_id",
    "programme": "programme_id",
    "travel_radius": "travel_radius_km",
}
# Tag checkboxes: one relationship ("tags"), split by kind on the form.
TAG_FIELDS = {
    "expertise": TagKind.EXPERTISE,
    "needs": TagKind.EXPERTISE,
    "career_fields": TagKind.CAREER_FIELD,
}
# Fields that are about the sign-up itself, not answers stored on the record.
NOT_RECORD_FIELDS = frozenset(
    {
        "csrf_token",
        "consent",
        "privacy_version",
        "guardian_name",
        "guardian_consent",
        "intake_channel",
        "consent_given_as",
        "privacy_notice",
    }
)
# The young person's surname and a direct contact: asked only of a referrer (MenteeForm drops
# them on the other ways, so a field shown there would silently lose what staff type in).
REFERRER_ONLY = frozenset(
    {
        "person_last_name",
        "direct_contact",
        "direct_contact_name",
        "direct_contact_phone",
        "direct_contact_email",
    }
)
# Fields the public page does not show on a way in (see templates/signup/mentee.html).
HIDDEN_ON_WAY = {
    RegisteredBy.SELF: frozenset(
        {"person_first_name", "referrer_kind", "referrer_organisation", "children_count"}
    )
    | REFERRER_ONLY,
    RegisteredBy.GUARDIAN: frozenset(
        {"referrer_kind", "referrer_organisation", "guardian_name", "guardian_consent"}
    )
    | REFERRER_ONLY,
    RegisteredBy.REFERRER: frozenset({"children_count"}),
}
REQUIRED_ON_WAY = {
    RegisteredBy.SELF: frozenset(),
    RegisteredBy.GUARDIAN: frozenset({"person_first_name"}),
    RegisteredBy.REFERRER: frozenset(
        {"person_first_name", "referrer_kind", "referrer_organisation"}
    ),
}
OTHER_SECTION = _l("Weitere Angaben")

VOLUNTEER_SECTIONS = (
    (_l("Person und Kontakt"), ("first_name", "last_name", "birth_year", "email", "phone")),
    (_l("Wohnort"), ("postal_code", "place")),
    (
        _l("Engagement"),
        ("programmes", "capacity", "availability", "travel_places", "travel_radius"),
    ),
    (
        _l("Erfahrung"),
        ("languages", "occupation", "expertise", "career_fields", "experience", "interests"),
    ),
    (
        _l("Wünsche"),
        ("preferred_min_age", "preferred_max_age", "partner_wishes", "heard_from"),
    ),
)
REQUEST_SECTIONS = (
    (_l("Programm"), ("programme",)),
    (
        _l("Kontaktperson"),
        (
            "referrer_kind",
            "referrer_organisation",
            "contact_first_name",
            "contact_last_name",
            "contact_email",
            "contact_phone",
        ),
    ),
    (
        _l("Unterstützte Person"),
        ("person_first_name", "person_birth_year", "person_birth_month", "children_count"),
    ),
    (_l("Wohnort und Sprachen"), ("postal_code", "place", "languages")),
    (
        _l("Wobei soll geholfen werden?"),
        ("needs", "career_fields", "career_goal", "goal", "availability"),
    ),
    (_l("Einverständnis der Eltern"), ("guardian_name", "guardian_consent")),
)
CONSENT_SECTION = (
    _l("Einwilligung"),
    ("intake_channel", "privacy_notice", "consent_given_as", "consent"),
)


class _RecordForm:
    """Sections for the generic staff template; the answers keyed by the record's attributes."""

    sections: tuple = ()
    hidden: frozenset = frozenset()
    # Required by a rule across fields (MenteeForm._validate_people), marked like the others.
    also_required: frozenset = frozenset()

    def grouped(self) -> list[tuple[str, list]]:
        """(title, fields) in page order; fields no section names go to "Weitere Angaben"."""
        listed, groups = set(), []
        for title, names in self.sections:
            fields = [self[n] for n in names if n in self._fields and n not in self.hidden]
            listed.update(names)
            if fields:
                groups.append((title, fields))
        rest = [
            f
            for f in self
            if f.name not in listed
            and f.name not in self.hidden
            and f.type not in ("CSRFTokenField", "HiddenField")
        ]
        if rest:
            groups.insert(len(groups) - (1 if self._consent_last else 0), (OTHER_SECTION, rest))
        return groups

    _consent_last = False

    def record_values(self, model) -> dict:
        """The shown answers as {attribute: value} for operations.records; relationships as
        lists of keys, tag checkboxes joined into "tags"."""
        relations = RELATIONS[model]
        columns = model.__table__.columns
        values: dict = {}
        for field in self:
            if field.name in NOT_RECORD_FIELDS or field.name in self.hidden:
                continue
            if field.name in TAG_FIELDS:
                values.setdefault("tags", []).extend(field.data or [])
                continue
            name = ATTRIBUTE_FOR_FIELD.get(field.name, field.name)
            if name in relations or name in columns:
                values[name] = field.data
        return values


def initial_values(form, row) -> dict:
    """The record's stored answers as the form's data (for the edit page's first showing)."""
    relations = RELATIONS[type(row)]
    data = {}
    for field in form:
        name = field.name
        if name in NOT_RECORD_FIELDS or name in form.hidden:
            continue
        if name in TAG_FIELDS:
            data[name] = [str(t.id) for t in row.tags if t.kind is TAG_FIELDS[name]]
            continue
        attribute = ATTRIBUTE_FOR_FIELD.get(name, name)
        if attribute == "availability":
            data[name] = availability.decode(row.availability)
        elif attribute in relations:
            data[name] = [str(key_of(item)) for item in getattr(row, attribute)]
        elif hasattr(row, attribute):
            value = getattr(row, attribute)
            if field.type in ("SelectField", "RadioField"):
                value = _choice_value(value)
            data[name] = value
    return data


def _choice_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(getattr(value, "value", value))


def _keep_current(choices, current) -> list:
    """A programme the person already has stays offered even if it no longer takes sign-ups."""
    offered = {value for value, _label in choices}
    return choices + [(str(p.id), p.name) for p in current if str(p.id) not in offered]


# --- Editing ---------------------------------------------------------------------------------


class VolunteerEditForm(_RecordForm, VolunteerForm):
    """Every answer of the volunteer sign-up, validated as there; no consent (already given)."""

    sections = VOLUNTEER_SECTIONS
    consent = None
    privacy_version = None

    def fill_choices(self, volunteer: Volunteer | None = None) -> None:
        super().fill_choices()
        if volunteer is not None:
            self.programmes.choices = _keep_current(self.programmes.choices, volunteer.programmes)


class RequestEditForm(_RecordForm, MenteeForm):
    """Every answer of the request's way in, validated as there; the guardian's consent only
    where the person is (now) a minor and none is on record."""

    sections = REQUEST_SECTIONS
    consent = None
    privacy_version = None

    def __init__(self, *args, registered_by: RegisteredBy, **kwargs):
        super().__init__(*args, registered_by=registered_by, **kwargs)
        self.hidden = HIDDEN_ON_WAY[registered_by]
        self.also_required = REQUIRED_ON_WAY[registered_by]

    def fill_choices(self, mentee_request: MenteeRequest | None = None) -> None:
        super().fill_choices()
        if mentee_request is not None:
            self.programme.choices = _keep_current(
                self.programme.choices, [mentee_request.programme]
            )


def guardian_initial(mentee_request: MenteeRequest) -> dict:
    """The guardian consent on record, so the edit form does not ask for it again."""
    for consent in mentee_request.consents:
        if consent.purpose == "guardian_consent" and consent.withdrawn_at is None:
            return {"guardian_name": consent.given_by_name, "guardian_consent": True}
    return {}


# --- Staff intake ----------------------------------------------------------------------------

INTAKE_CHANNEL_CHOICES = [
    (IntakeChannel.PHONE.value, _l("am Telefon")),
    (IntakeChannel.COUNTER.value, _l("persönlich im Büro")),
    (IntakeChannel.PAPER.value, _l("auf Papier (Anmeldebogen)")),
]
GIVEN_AS_CHOICES = [
    (ConsentGivenAs.ORAL.value, _l("mündlich erteilt")),
    (ConsentGivenAs.WRITTEN.value, _l("schriftlich erteilt (unterschriebener Bogen)")),
]
PRIVACY_NOTICE_CHOICES = [
    (PrivacyNotice.READ_OUT.value, _l("vorgelesen (Text oben)")),
    (PrivacyNotice.HANDED_OUT.value, _l("ausgehändigt oder zugeschickt")),
]


class _StaffConsentFields:
    """How the sign-up came in and how the person consented, recorded by the staff member."""

    _consent_last = True
    intake_channel = RadioField(
        _l("Wie kam die Anmeldung?"),
        choices=INTAKE_CHANNEL_CHOICES,
        validators=[DataRequired(_l("Bitte wählen Sie, wie die Anmeldung kam."))],
    )
    privacy_notice = RadioField(
        _l("Datenschutzhinweis"),
        choices=PRIVACY_NOTICE_CHOICES,
        validators=[
            DataRequired(_l("Bitte wählen Sie, wie die Person den Datenschutzhinweis erhielt."))
        ],
    )
    consent_given_as = RadioField(
        _l("Wie wurde die Einwilligung erteilt?"),
        choices=GIVEN_AS_CHOICES,
        validators=[DataRequired(_l("Bitte wählen Sie, wie die Einwilligung erteilt wurde."))],
    )
    consent = BooleanField(
        _l("Die Person hat in die Speicherung ihrer Angaben eingewilligt."),
        validators=[
            DataRequired(_l("Ohne Einwilligung kann die Anmeldung nicht gespeichert werden."))
        ],
    )
    privacy_version = None

    def intake_values(self) -> dict:
        return {
            "channel": IntakeChannel(self.intake_channel.data),
            "given_as": ConsentGivenAs(self.consent_given_as.data),
            "privacy_notice": PrivacyNotice(self.privacy_notice.data),
        }


class VolunteerIntakeForm(_RecordForm, _StaffConsentFields, VolunteerForm):
    sections = (*VOLUNTEER_SECTIONS, CONSENT_SECTION)


class RequestIntakeForm(_RecordForm, _StaffConsentFields, MenteeForm):
    sections = (*REQUEST_SECTIONS, CONSENT_SECTION)

    def __init__(self, *args, registered_by: RegisteredBy, **kwargs):
        super().__init__(*args, registered_by=registered_by, **kwargs)
        self.hidden = HIDDEN_ON_WAY[registered_by]
        self.also_required = REQUIRED_ON_WAY[registered_by]
