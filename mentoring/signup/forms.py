"""The two public sign-up forms; choices come from the reference data."""

from datetime import date

from flask_babel import lazy_gettext as _l
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
from mentoring.i18n import translate_reference_text
from mentoring.models import Programme, RegisteredBy, TagKind
from mentoring.person_fields import (
    NAME,
    OPTIONAL_PHONE,
    REQUIRED_EMAIL,
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
MONTH_CHOICES = [("", _l("Monat (freiwillig)"))] + [(str(m), str(m)) for m in range(1, 13)]


def age_range_message(programme: Programme):
    if programme.for_families and programme.max_age is not None and programme.min_age in (None, 0):
        return _l(
            "„%(name)s“ ist für Familien mit Kindern unter %(limit)d Jahren. "
            "Bitte geben Sie das Geburtsjahr des jüngsten Kindes an.",
            name=translate_reference_text(programme.name),
            limit=programme.max_age + 1,
        )
    if programme.max_age is None:
        return _l(
            "„%(name)s“ ist für Personen ab %(low)d Jahren.",
            name=translate_reference_text(programme.name),
            low=programme.min_age,
        )
    return _l(
        "„%(name)s“ ist für Personen von %(low)d bis %(high)d Jahren.",
        name=translate_reference_text(programme.name),
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
        )

    def validate_preferred_max_age(self, field):
        low = self.preferred_min_age.data
        if field.data is not None and low is not None and field.data < low:
            raise ValidationError(
                _l("Das Höchstalter darf nicht kleiner als das Mindestalter sein.")
            )


class MenteeForm(PersonFields):
    """One form, three ways in: for myself, for my child or family, or as a professional."""

    field_order = (
        "programme",
        "referrer_kind",
        "referrer_organisation",
        "contact_first_name",
        "contact_last_name",
        "contact_email",
        "contact_phone",
        "person_first_name",
        "person_birth_year",
        "person_birth_month",
        "children_count",
        "postal_code",
        "place",
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

    def __init__(self, *args, registered_by: RegisteredBy, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.registered_by = registered_by
        self.today = today or clock.today()

    programme = RadioField(
        _l("Welche Unterstützung suchen Sie?"),
        validators=[DataRequired(_l("Bitte wählen Sie ein Programm."))],
    )
    contact_first_name = StringField(_l("Vorname"), validators=NAME)
    contact_last_name = StringField(_l("Nachname"), validators=NAME)
    contact_email = EmailField(_l("E-Mail-Adresse"), validators=REQUIRED_EMAIL)
    contact_phone = StringField(_l("Telefon (freiwillig)"), validators=OPTIONAL_PHONE)
    referrer_kind = SelectField(_l("Art der Einrichtung"), choices=REFERRER_KINDS, default="")
    referrer_organisation = StringField(
        _l("Name der Einrichtung"), validators=[Optional(), Length(max=160)]
    )
    person_first_name = StringField(_l("Vorname"), validators=[Optional(), Length(max=80)])
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

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        return self._validate_people() and valid

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
        )

    def _validate_people(self) -> bool:
        """Rules across fields: who registers, the programme's ages, guardian consent."""
        errors_before = sum(len(f.errors) for f in self)
        by = self.registered_by
        if by is not RegisteredBy.SELF and not self.person_first_name.data:
            self.person_first_name.errors.append(_l("Bitte geben Sie den Vornamen ein."))
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
                    name=translate_reference_text(programme.name),
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
