"""The two public sign-up forms; choices come from the reference data."""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import (
    BooleanField,
    EmailField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from mentoring import clock
from mentoring.eligibility import SELF_SIGNUP_MIN_AGE, fits_range, is_minor, possible_age
from mentoring.extensions import db
from mentoring.forms import FREE_TEXT_HINT, MultiCheckboxField, WholeNumberField, current_year
from mentoring.i18n import programme_text
from mentoring.models import DirectContact, Programme, RegisteredBy, TagKind
from mentoring.person_fields import (
    NAME,
    OPTIONAL_EMAIL,
    OPTIONAL_PHONE,
    PersonFields,
    VolunteerFields,
    programme_choices,
    tag_choices,
    text_limit,
)

HEARD_FROM_CHOICES = [
    ("", _l("Bitte wählen (freiwillig)")),
    ("newspaper", _l("Zeitung")),
    ("internet", _l("Internet")),
    ("ehrenamtsbuero", _l("Ehrenamtsbüro")),
    ("bsz", _l("Bürgerselbsthilfezentrum")),
    ("friends", _l("Freunde oder Familie")),
    ("event", _l("Veranstaltung")),
    ("other", _l("Anders")),
]
REFERRER_KINDS = [
    ("", _l("Bitte wählen")),
    ("school", _l("Schule (KAoA-Koordination)")),
    ("youth_office", _l("Jugendamt")),
    ("care_home", _l("Wohneinrichtung der Jugendhilfe")),
    ("business_agency", _l("Wirtschaftsförderung (WFG)")),
    ("counselling", _l("Beratungsstelle")),
    ("other", _l("Andere Einrichtung")),
]
RADIUS_CHOICES = [
    ("", _l("Nur die angekreuzten Stadtteile")),
    ("2", _l("bis 2 km")),
    ("5", _l("bis 5 km")),
    ("10", _l("ganz Herne")),
]
DIRECT_CONTACT_CHOICES = [
    ("", _l("Nein, bitte über mich")),
    (DirectContact.GUARDIAN.value, _l("Ja, die Eltern oder Erziehungsberechtigten")),
    (DirectContact.YOUNG_PERSON.value, _l("Ja, die junge Person selbst")),
]
# Labels that ask about the young person when a professional fills in the form, and about the
# child when a parent does; the form's own labels speak to the person themself.
PATH_LABELS = {
    RegisteredBy.REFERRER: {
        "programme": _l("Welche Unterstützung soll die junge Person bekommen?"),
        "needs": _l("Wobei braucht die junge Person Hilfe?"),
        "career_fields": _l("Welche Berufsfelder interessieren die junge Person?"),
        "career_goal": _l("Berufswunsch der jungen Person (freiwillig)"),
        "goal": _l("Was wünscht sich die junge Person von der Patenschaft? (freiwillig)"),
        "availability": _l("Wann hat die junge Person Zeit?"),
        "languages": _l("Welche Sprachen spricht die junge Person?"),
        "street": _l("Straße der jungen Person (freiwillig)"),
        "house_number": _l("Hausnummer der jungen Person (freiwillig)"),
        "postal_code": _l("Postleitzahl der jungen Person"),
        "place": _l("Stadtteil der jungen Person"),
    },
    RegisteredBy.GUARDIAN: {
        "career_fields": _l("Welche Berufsfelder interessieren Ihr Kind?"),
        "career_goal": _l("Berufswunsch Ihres Kindes (freiwillig)"),
    },
}
MONTH_CHOICES = [("", _l("Monat (freiwillig)"))] + [(str(m), str(m)) for m in range(1, 13)]


def career_programme_ids() -> set[str]:
    """The offered programmes that are about careers, as the form's choice values."""
    rows = db.session.scalars(
        select(Programme.id).where(Programme.active.is_(True), Programme.about_careers.is_(True))
    )
    return {str(programme_id) for programme_id in rows}


def age_range_message(programme: Programme):
    if programme.for_families and programme.max_age is not None and programme.min_age in (None, 0):
        return _l(
            "„%(name)s“ ist für Familien mit Kindern unter %(limit)d Jahren. "
            "Bitte geben Sie das Geburtsjahr des jüngsten Kindes an.",
            name=programme_text(programme),
            limit=programme.max_age + 1,
        )
    if programme.max_age is None:
        return _l(
            "„%(name)s“ ist für Personen ab %(low)d Jahren.",
            name=programme_text(programme),
            low=programme.min_age,
        )
    return _l(
        "„%(name)s“ ist für Personen von %(low)d bis %(high)d Jahren.",
        name=programme_text(programme),
        low=programme.min_age or 0,
        high=programme.max_age,
    )


class VolunteerForm(VolunteerFields):
    """The public volunteer sign-up: the record's fields plus wishes, interests and experience."""

    travel_places = MultiCheckboxField(_l("In welche Stadtteile würden Sie auch fahren?"))
    travel_radius = SelectField(
        _l("Oder: Wie weit würden Sie fahren?"), choices=RADIUS_CHOICES, default=""
    )
    expertise = MultiCheckboxField(_l("Womit kennen Sie sich aus?"))
    career_fields = MultiCheckboxField(_l("Aus welchen Berufsfeldern können Sie erzählen?"))
    experience = TextAreaField(
        _l("Ihre Erfahrung in eigenen Worten (freiwillig)"),
        description=FREE_TEXT_HINT,
        validators=[Optional(), text_limit(1000)],
    )
    interests = TextAreaField(
        _l("Ihre Hobbys und Interessen (freiwillig)"),
        description=FREE_TEXT_HINT,
        validators=[Optional(), text_limit(1000)],
    )
    preferred_min_age = WholeNumberField(
        _l("Alter der begleiteten Person: von (freiwillig)"),
        validators=[Optional(), NumberRange(0, 99, _l("Bitte ein Alter von 0 bis 99 eingeben."))],
    )
    preferred_max_age = WholeNumberField(
        _l("bis (freiwillig)"),
        validators=[Optional(), NumberRange(0, 99, _l("Bitte ein Alter von 0 bis 99 eingeben."))],
    )
    partner_wishes = TextAreaField(
        _l("Wünsche an die Person, die Sie begleiten (freiwillig)"),
        description=FREE_TEXT_HINT,
        validators=[Optional(), text_limit(500)],
    )
    heard_from = SelectField(
        _l("Wie haben Sie von uns erfahren?"), choices=HEARD_FROM_CHOICES, default=""
    )

    def fill_choices(self) -> None:
        super().fill_choices()
        self.travel_places.choices = [c for c in self.place.choices if c[0]]
        self.expertise.choices = tag_choices(TagKind.EXPERTISE)
        self.career_fields.choices = tag_choices(TagKind.CAREER_FIELD)

    def career_programme_ids(self) -> set[str]:
        """Ids (as offered) of the programmes about careers: only they ask about career fields."""
        return career_programme_ids()

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not career_programme_ids().intersection(self.programmes.data or ()):
            self.career_fields.data = []  # hidden on the page: not a career programme
        return valid

    def registration(self) -> dict:
        """The answers as arguments of operations.signup.register_volunteer (public form and
        staff intake alike)."""
        return dict(
            first_name=self.first_name.data,
            last_name=self.last_name.data,
            email=self.email.data,
            phone=self.phone.data,
            birth_year=self.birth_year.data,
            postal_code=self.postal_code.data,
            place_id=int(self.place.data),
            programme_ids=[int(v) for v in self.programmes.data],
            slots=self.availability.data,
            capacity=int(self.capacity.data),
            travel_place_ids=[int(v) for v in self.travel_places.data],
            travel_radius_km=float(self.travel_radius.data) if self.travel_radius.data else None,
            language_codes=self.languages.data,
            occupation=self.occupation.data,
            tag_ids=[int(v) for v in self.expertise.data + self.career_fields.data],
            experience=self.experience.data,
            interests=self.interests.data,
            preferred_min_age=self.preferred_min_age.data,
            preferred_max_age=self.preferred_max_age.data,
            partner_wishes=self.partner_wishes.data,
            heard_from=self.heard_from.data,
            contact=self.contact_details(),
        )

    def validate_preferred_max_age(self, field):
        low = self.preferred_min_age.data
        if field.data is not None and low is not None and field.data < low:
            raise ValidationError(
                _l("Das Höchstalter darf nicht kleiner als das Mindestalter sein.")
            )


class MenteeForm(PersonFields):
    """One form, three ways in: for myself, for my child or family, or as a professional."""

    # The order of the page (the error summary follows it): on the self and family paths the
    # contact details come after the person; a referrer gives their own first.
    field_order = (
        "programme",
        "referrer_kind",
        "referrer_organisation",
        "contact_first_name",
        "contact_last_name",
        "name_latin",
        "person_first_name",
        "person_last_name",
        "person_birth_year",
        "person_birth_month",
        "children_count",
        "contact_email",
        "contact_phone",
        "street",
        "house_number",
        "postal_code",
        "place",
        "contact_channel",
        "correspondence_language",
        "interpreter_needed",
        "languages",
        "needs",
        "career_fields",
        "career_goal",
        "goal",
        "availability",
        "guardian_name",
        "guardian_consent",
        "consent",
    )
    referrer_field_order = (
        "programme",
        "referrer_kind",
        "referrer_organisation",
        "contact_first_name",
        "contact_last_name",
        "contact_email",
        "contact_phone",
        "person_first_name",
        "person_last_name",
        "person_birth_year",
        "person_birth_month",
        "children_count",
        "direct_contact",
        "direct_contact_name",
        "name_latin",
        "direct_contact_phone",
        "direct_contact_email",
        *field_order[field_order.index("street") :],
    )

    email_field = "contact_email"
    phone_field = "contact_phone"

    def __init__(self, *args, registered_by: RegisteredBy, today: date | None = None, **kwargs):
        if registered_by is RegisteredBy.REFERRER:
            self.field_order = self.referrer_field_order
        super().__init__(*args, **kwargs)
        self.registered_by = registered_by
        self.today = today or clock.today()
        for name, text in PATH_LABELS.get(registered_by, {}).items():
            self[name].label.text = text

    programme = RadioField(
        _l("Welche Unterstützung suchen Sie?"),
        validators=[DataRequired(_l("Bitte wählen Sie ein Programm."))],
    )
    contact_first_name = StringField(_l("Vorname"), validators=NAME)
    contact_last_name = StringField(_l("Nachname"), validators=NAME)
    contact_email = EmailField(_l("E-Mail-Adresse (wenn vorhanden)"), validators=OPTIONAL_EMAIL)
    contact_phone = StringField(_l("Telefonnummer (wenn vorhanden)"), validators=OPTIONAL_PHONE)
    referrer_kind = SelectField(_l("Art der Einrichtung"), choices=REFERRER_KINDS, default="")
    referrer_organisation = StringField(
        _l("Name der Einrichtung"), validators=[Optional(), Length(max=160)]
    )
    person_first_name = StringField(_l("Vorname"), validators=[Optional(), Length(max=80)])
    person_last_name = StringField(_l("Nachname"), validators=[Optional(), Length(max=80)])
    direct_contact = RadioField(
        _l("Sollen wir jemanden direkt ansprechen?"),
        choices=DIRECT_CONTACT_CHOICES,
        default="",
        validators=[Optional()],
    )
    direct_contact_name = StringField(
        _l("Name der Person, die wir ansprechen sollen"), validators=[Optional(), Length(max=170)]
    )
    direct_contact_phone = StringField(_l("Telefonnummer dieser Person"), validators=OPTIONAL_PHONE)
    direct_contact_email = EmailField(_l("E-Mail-Adresse dieser Person"), validators=OPTIONAL_EMAIL)
    person_birth_year = WholeNumberField(
        _l("Geburtsjahr"),
        example="2008",
        validators=[
            InputRequired(_l("Bitte geben Sie das Geburtsjahr als Zahl ein, zum Beispiel 2008."))
        ],
    )
    person_birth_month = SelectField(_l("Geburtsmonat"), choices=MONTH_CHOICES, default="")
    children_count = WholeNumberField(
        _l("Wie viele Kinder leben in der Familie? (freiwillig)"),
        validators=[Optional(), NumberRange(1, 15, _l("Bitte eine Zahl von 1 bis 15 eingeben."))],
    )
    needs = MultiCheckboxField(_l("Wobei wünschen Sie sich Hilfe?"))
    career_fields = MultiCheckboxField(_l("Welche Berufsfelder interessieren Sie?"))
    career_goal = StringField(
        _l("Berufswunsch (freiwillig)"), validators=[Optional(), text_limit(120)]
    )
    goal = TextAreaField(
        _l("Was wünschen Sie sich von der Patenschaft? (freiwillig)"),
        description=FREE_TEXT_HINT,
        validators=[Optional(), text_limit(1000)],
    )
    guardian_name = StringField(
        _l("Name der erziehungsberechtigten Person"), validators=[Optional(), Length(max=170)]
    )
    guardian_consent = BooleanField(
        _l("Die Eltern oder Erziehungsberechtigten sind mit der Anmeldung einverstanden.")
    )

    def fill_choices(self) -> None:
        super().fill_choices()
        self.programme.choices = programme_choices()
        self.needs.choices = tag_choices(TagKind.EXPERTISE)
        self.career_fields.choices = tag_choices(TagKind.CAREER_FIELD)

    def career_programme_ids(self) -> set[str]:
        """Ids (as offered) of the programmes about careers: only they ask about career fields."""
        return career_programme_ids()

    @property
    def contacts_directly(self) -> bool:
        """A referrer asked the office to contact the guardian or the young person directly."""
        return self.registered_by is RegisteredBy.REFERRER and bool(self.direct_contact.data)

    def validate(self, extra_validators=None) -> bool:
        # Optional() lets blank input through unchecked: "  " is no choice.
        self.direct_contact.data = (self.direct_contact.data or "").strip()
        if self.contacts_directly:
            # The channel is how to reach the person named, not the referrer.
            self.email_field, self.phone_field = "direct_contact_email", "direct_contact_phone"
        valid = super().validate(extra_validators)
        if self.programme.data not in career_programme_ids():
            # The questions are hidden for other programmes: answers sent anyway are dropped.
            self.career_fields.data, self.career_goal.data = [], ""
        if not self.contacts_directly:
            # Hidden on the page unless someone is to be contacted directly: neither kept nor
            # checked (a typo there must not block the sign-up).
            for field in self._direct_contact_fields():
                field.data, field.errors = "", []
            valid = not any(field.errors for field in self)
        if self.registered_by is not RegisteredBy.REFERRER:
            self.person_last_name.data = ""
        return self._validate_people() and self._validate_referrer_contact() and valid

    def _direct_contact_fields(self):
        return (
            self.direct_contact,
            self.direct_contact_name,
            self.direct_contact_phone,
            self.direct_contact_email,
        )

    def _validate_referrer_contact(self) -> bool:
        """A referrer is reachable by e-mail or phone; a direct contact has a name."""
        if self.registered_by is not RegisteredBy.REFERRER:
            return True
        ok = True
        if self.contacts_directly:
            if not self.direct_contact_name.data and not self.direct_contact_name.errors:
                self.direct_contact_name.errors.append(
                    _l("Bitte geben Sie den Namen der Person an, die wir ansprechen sollen.")
                )
                ok = False
            own = (self.contact_email, self.contact_phone)
            if not any(f.data for f in own) and not any(f.errors for f in own):
                self.contact_email.errors.append(
                    _l("Bitte geben Sie Ihre dienstliche E-Mail-Adresse oder Telefonnummer an.")
                )
                ok = False
        return ok

    def registration(self) -> dict:
        """The answers as arguments of operations.signup.register_mentee_request (public form
        and staff intake alike)."""
        return dict(
            registered_by=self.registered_by,
            programme_id=int(self.programme.data),
            contact_first_name=self.contact_first_name.data,
            contact_last_name=self.contact_last_name.data,
            contact_email=self.contact_email.data,
            contact_phone=self.contact_phone.data,
            referrer_kind=self.referrer_kind.data or None,
            referrer_organisation=self.referrer_organisation.data,
            person_first_name=self.person_first_name.data,
            person_birth_year=self.person_birth_year.data,
            person_birth_month=int(self.person_birth_month.data)
            if self.person_birth_month.data
            else None,
            children_count=self.children_count.data,
            postal_code=self.postal_code.data,
            place_id=int(self.place.data),
            language_codes=self.languages.data,
            tag_ids=[int(v) for v in self.needs.data + self.career_fields.data],
            career_goal=self.career_goal.data,
            goal=self.goal.data,
            slots=self.availability.data,
            guardian_name=self.guardian_name.data,
            guardian_consent=self.guardian_consent.data,
            contact=self.contact_details(),
            person_last_name=self.person_last_name.data,
            direct_contact=DirectContact(self.direct_contact.data)
            if self.direct_contact.data
            else None,
            direct_contact_name=self.direct_contact_name.data,
            direct_contact_phone=self.direct_contact_phone.data,
            direct_contact_email=self.direct_contact_email.data,
        )

    def _validate_people(self) -> bool:
        """Rules across fields: who registers, the programme's ages, guardian consent."""
        errors_before = sum(len(f.errors) for f in self)
        by = self.registered_by
        if by is not RegisteredBy.SELF and not self.person_first_name.data:
            self.person_first_name.errors.append(_l("Bitte geben Sie den Vornamen ein."))
        if by is RegisteredBy.REFERRER and not self.person_last_name.data:
            self.person_last_name.errors.append(_l("Bitte geben Sie den Nachnamen ein."))
        if by is RegisteredBy.REFERRER:
            if not self.referrer_kind.data:
                self.referrer_kind.errors.append(_l("Bitte wählen Sie die Art der Einrichtung."))
            if not self.referrer_organisation.data:
                self.referrer_organisation.errors.append(
                    _l("Bitte geben Sie den Namen der Einrichtung ein.")
                )
        programme = self._chosen_programme()
        year = self.person_birth_year.data
        if programme is None or year is None or self.person_birth_year.errors:
            return sum(len(f.errors) for f in self) == errors_before
        if self.person_birth_month.errors:  # not one of the twelve months
            return sum(len(f.errors) for f in self) == errors_before
        month = int(self.person_birth_month.data) if self.person_birth_month.data else None
        ages = possible_age(year, month, self.today)
        if programme.for_families and by is RegisteredBy.SELF:
            self.programme.errors.append(
                _l(
                    "„%(name)s“ ist für Familien. Bitte melden Sie sich über "
                    "„Für mein Kind oder meine Familie“ an.",
                    name=programme_text(programme),
                )
            )
        elif by is RegisteredBy.SELF and ages.low < SELF_SIGNUP_MIN_AGE:
            if ages.high >= SELF_SIGNUP_MIN_AGE and month is None:
                self.person_birth_month.errors.append(
                    _l("Bitte geben Sie auch Ihren Geburtsmonat an.")
                )
            else:
                self.person_birth_year.errors.append(
                    _l(
                        "Sie können sich ab 16 Jahren selbst anmelden. Bitte lassen Sie sich von "
                        "Ihren Eltern oder einer Fachkraft anmelden."
                    )
                )
        fits = fits_range(ages, programme.min_age, programme.max_age)
        if fits is None:
            self.person_birth_month.errors.append(
                _l("Bitte geben Sie auch den Geburtsmonat an, damit wir das Alter genau kennen.")
            )
        elif fits is False:
            self.person_birth_year.errors.append(age_range_message(programme))
        if is_minor(ages) and by is not RegisteredBy.GUARDIAN:
            if not self.guardian_consent.data:
                self.guardian_consent.errors.append(
                    _l(
                        "Für Personen unter 18 Jahren brauchen wir das Einverständnis der Eltern "
                        "oder Erziehungsberechtigten."
                    )
                )
            if not self.guardian_name.data:
                self.guardian_name.errors.append(
                    _l("Bitte geben Sie den Namen der erziehungsberechtigten Person ein.")
                )
        return sum(len(f.errors) for f in self) == errors_before

    def _chosen_programme(self) -> Programme | None:
        if not self.programme.data or self.programme.errors:
            return None
        return db.session.get(Programme, int(self.programme.data))

    def validate_person_birth_year(self, field):
        year = current_year()
        if field.data is not None and not (year - 100 <= field.data <= year):
            raise ValidationError(
                _l(
                    "Bitte prüfen Sie das Geburtsjahr (zwischen %(first)d und %(last)d).",
                    first=year - 100,
                    last=year,
                )
            )
