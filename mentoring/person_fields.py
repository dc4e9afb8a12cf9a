"""A person's sign-up fields and their rules, shared by the public forms and the list import."""

from flask import current_app, has_request_context
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    ValidationError,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, Regexp

from mentoring.availability import SLOTS
from mentoring.contact import ContactDetails
from mentoring.eligibility import ADULT_AGE
from mentoring.extensions import db
from mentoring.forms import (
    PHONE_PATTERN,
    BaseForm,
    Digits,
    MaxLength,
    MultiCheckboxField,
    WholeNumberField,
    current_year,
    herne_postal_code,
)
from mentoring.i18n import LANGUAGE_NAMES, programme_text, translate_reference_text
from mentoring.models import ContactChannel, District, Language, Programme, Tag, TagKind

NAME = [DataRequired(_l("Bitte geben Sie einen Namen ein.")), Length(max=80)]
OPTIONAL_EMAIL = [
    Optional(),
    Length(max=254, message=_l("Die E-Mail-Adresse ist zu lang.")),
    Email(_l("Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@beispiel.de.")),
]
REQUIRED_EMAIL = [
    DataRequired(_l("Bitte geben Sie Ihre E-Mail-Adresse ein.")),
    *OPTIONAL_EMAIL[1:],
]
OPTIONAL_PHONE = [
    Optional(),
    Digits(),
    Length(max=40),
    Regexp(
        PHONE_PATTERN,
        message=_l(
            "Bitte geben Sie eine Telefonnummer nur mit Ziffern ein, zum Beispiel 02323 123456."
        ),
    ),
]


CONTACT_CHANNEL_CHOICES = [
    (ContactChannel.EMAIL.value, _l("Per E-Mail")),
    (ContactChannel.PHONE.value, _l("Per Telefon")),
    (ContactChannel.LETTER.value, _l("Per Brief")),
]


def correspondence_language_choices() -> list[tuple[str, str]]:
    """The languages of the public pages, each named in itself (a reader finds their own)."""
    return [(code, LANGUAGE_NAMES[code]) for code in current_app.config["LANGUAGES"]]


def text_limit(limit: int):
    return Length(
        max=limit, message=_l("Bitte kürzen Sie den Text auf höchstens %(max)d Zeichen.", max=limit)
    )


def slot_choices():
    return [(slot, "") for slot in SLOTS]


def place_choices():
    choices = [("", _l("Bitte wählen"))]
    for district in db.session.scalars(select(District).order_by(District.name)):
        for place in district.places:
            choices.append((str(place.id), f"{place.name} ({district.name})"))
    return choices


def language_choices():
    rows = db.session.scalars(select(Language).order_by(Language.sort_order))
    return [(lang.code, translate_reference_text(lang.name)) for lang in rows]


def tag_choices(kind: TagKind):
    rows = db.session.scalars(select(Tag).where(Tag.kind == kind).order_by(Tag.sort_order))
    return [(str(tag.id), translate_reference_text(tag.label)) for tag in rows]


def programme_choices():
    rows = db.session.scalars(
        select(Programme).where(Programme.active.is_(True)).order_by(Programme.sort_order)
    )
    return [(str(p.id), programme_text(p)) for p in rows]


class PersonFields(BaseForm):
    """Where a person lives, how to reach them, which languages they speak, when they have time,
    their consent.

    A person is reached by e-mail, phone or letter: at least one of the three is needed, and the
    chosen channel needs its details (`_validate_contact`). Subclasses name their e-mail and phone
    fields in `email_field` and `phone_field`.
    """

    email_field = "email"
    phone_field = "phone"

    street = StringField(_l("Straße (freiwillig)"), validators=[Optional(), text_limit(120)])
    house_number = StringField(
        _l("Hausnummer (freiwillig)"),
        validators=[Optional(), Digits(), MaxLength(10, _l("Bitte kürzen Sie die Hausnummer."))],
    )
    contact_channel = RadioField(
        _l("Wie sollen wir Kontakt aufnehmen?"),
        choices=CONTACT_CHANNEL_CHOICES,
        validators=[Optional()],
    )
    correspondence_language = SelectField(
        _l("In welcher Sprache sollen wir schreiben?"),
        validators=[DataRequired(_l("Bitte wählen Sie eine Sprache."))],
    )
    interpreter_needed = BooleanField(
        _l("Für Gespräche wird eine Dolmetscherin oder ein Dolmetscher gebraucht.")
    )
    name_latin = StringField(
        _l("Name in lateinischer Schrift (freiwillig)"),
        description=_l(
            "Nur wenn der Name in einer anderen Schrift geschrieben ist, zum Beispiel auf Arabisch "
            "oder Ukrainisch: So können wir ihn am Telefon richtig aussprechen."
        ),
        validators=[Optional(), text_limit(170)],
    )
    postal_code = StringField(
        _l("Postleitzahl"),
        validators=[
            DataRequired(_l("Bitte geben Sie Ihre Postleitzahl ein.")),
            Digits(),
            MaxLength(5, _l("Bitte geben Sie eine Postleitzahl mit 5 Ziffern ein.")),
            herne_postal_code,
        ],
    )
    place = SelectField(
        _l("Stadtteil"), validators=[DataRequired(_l("Bitte wählen Sie Ihren Stadtteil."))]
    )
    languages = MultiCheckboxField(
        _l("Sprachen"),
        validators=[DataRequired(_l("Bitte wählen Sie mindestens eine Sprache."))],
    )
    availability = MultiCheckboxField(
        _l("Wann haben Sie Zeit?"),
        validators=[DataRequired(_l("Bitte kreuzen Sie mindestens eine Zeit an."))],
    )
    consent = BooleanField(
        _l("Ich habe die Datenschutzerklärung gelesen und bin einverstanden."),
        validators=[
            DataRequired(_l("Ohne Ihre Einwilligung können wir die Anmeldung nicht bearbeiten."))
        ],
    )
    privacy_version = HiddenField(validators=[MaxLength(40)])  # ConsentRecord.text_version

    def fill_choices(self) -> None:
        self.place.choices = place_choices()
        self.languages.choices = language_choices()
        self.availability.choices = slot_choices()
        self.correspondence_language.choices = correspondence_language_choices()
        if self.correspondence_language.data is None:
            # Default: the language of the page the person fills in.
            page = str(get_locale()) if has_request_context() else "de"
            self.correspondence_language.data = (
                page if page in current_app.config["LANGUAGES"] else "de"
            )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        return self._validate_contact() and valid

    @property
    def chosen_channel(self) -> ContactChannel:
        """The channel after validation (chosen, or the only way given)."""
        return ContactChannel(self.contact_channel.data)

    def contact_details(self) -> ContactDetails:
        """The contact answers of the validated form, for the operations."""
        return ContactDetails(
            channel=self.chosen_channel,
            street=self.street.data,
            house_number=self.house_number.data,
            correspondence_language=self.correspondence_language.data,
            interpreter_needed=self.interpreter_needed.data,
            name_latin=self.name_latin.data,
        )

    def _validate_contact(self) -> bool:
        """E-mail, phone or postal address; the chosen channel needs its details."""
        email, phone = self[self.email_field], self[self.phone_field]
        street, number = self.street, self.house_number
        address_ok = True
        if street.data and not number.data and not number.errors:
            number.errors.append(_l("Bitte geben Sie auch die Hausnummer an."))
            address_ok = False
        if number.data and not street.data and not street.errors:
            street.errors.append(_l("Bitte geben Sie auch die Straße an."))
            address_ok = False
        return self._validate_channel(email, phone, street, number) and address_ok

    def _validate_channel(self, email, phone, street, number) -> bool:
        given = {
            ContactChannel.EMAIL: bool(email.data),
            ContactChannel.PHONE: bool(phone.data),
            ContactChannel.LETTER: bool(street.data and number.data),
        }
        if self.contact_channel.errors:
            return False
        if not any(given.values()):
            if not email.errors and not phone.errors:
                email.errors.append(
                    _l(
                        "Bitte geben Sie eine E-Mail-Adresse, eine Telefonnummer oder eine "
                        "Anschrift (Straße und Hausnummer) an, damit wir Kontakt aufnehmen können."
                    )
                )
            return False
        # Optional() lets blank input through unchecked: "  " is no choice.
        chosen = (self.contact_channel.data or "").strip()
        self.contact_channel.data = chosen or None
        if not chosen:
            ways = [channel for channel, ok in given.items() if ok]
            if len(ways) > 1:
                self.contact_channel.errors.append(
                    _l("Bitte wählen Sie, ob wir per E-Mail, Telefon oder Brief Kontakt aufnehmen.")
                )
                return False
            self.contact_channel.data = ways[0].value
            return True
        channel = ContactChannel(chosen)
        if given[channel]:
            return True
        if channel is ContactChannel.EMAIL:
            if not email.errors:
                email.errors.append(
                    _l("Sie haben „Per E-Mail“ gewählt. Bitte geben Sie die E-Mail-Adresse an.")
                )
        elif channel is ContactChannel.PHONE:
            if not phone.errors:
                phone.errors.append(
                    _l("Sie haben „Per Telefon“ gewählt. Bitte geben Sie die Telefonnummer an.")
                )
        elif not street.errors and not number.errors:
            street.errors.append(
                _l("Sie haben „Per Brief“ gewählt. Bitte geben Sie Straße und Hausnummer an.")
            )
        return False


class VolunteerFields(PersonFields):
    """A volunteer's record: what the sign-up form asks and a list import fills in."""

    field_order = (
        "first_name",
        "last_name",
        "name_latin",
        "birth_year",
        "email",
        "phone",
        "street",
        "house_number",
        "postal_code",
        "place",
        "contact_channel",
        "correspondence_language",
        "interpreter_needed",
        "programmes",
        "capacity",
        "availability",
        "travel_places",
        "travel_radius",
        "languages",
        "occupation",
        "expertise",
        "career_fields",
        "experience",
        "interests",
        "preferred_min_age",
        "preferred_max_age",
        "partner_wishes",
        "heard_from",
        "consent",
    )
    first_name = StringField(_l("Vorname"), validators=NAME)
    last_name = StringField(_l("Nachname"), validators=NAME)
    email = EmailField(_l("E-Mail-Adresse (wenn vorhanden)"), validators=OPTIONAL_EMAIL)
    phone = StringField(_l("Telefonnummer (wenn vorhanden)"), validators=OPTIONAL_PHONE)
    birth_year = WholeNumberField(
        _l("Geburtsjahr"),
        example="1958",
        validators=[
            InputRequired(_l("Bitte geben Sie Ihr Geburtsjahr als Zahl ein, zum Beispiel 1958."))
        ],
    )
    programmes = MultiCheckboxField(
        _l("Wobei möchten Sie helfen?"),
        validators=[DataRequired(_l("Bitte wählen Sie mindestens ein Programm."))],
    )
    capacity = RadioField(
        _l("Wie viele Personen oder Familien möchten Sie gleichzeitig begleiten?"),
        choices=[("1", "1"), ("2", "2"), ("3", "3")],
        default="1",
        validators=[DataRequired(_l("Bitte wählen Sie 1, 2 oder 3."))],
    )
    occupation = StringField(
        _l("Ihr früherer oder jetziger Beruf (freiwillig)"),
        validators=[Optional(), text_limit(120)],
    )

    def fill_choices(self) -> None:
        super().fill_choices()
        self.programmes.choices = programme_choices()

    def validate_birth_year(self, field):
        year = current_year()
        if field.data is not None and not (year - 100 <= field.data <= year - ADULT_AGE):
            raise ValidationError(
                _l(
                    "Bitte prüfen Sie das Geburtsjahr. Ehrenamtliche müssen mindestens "
                    "18 Jahre alt sein (Geburtsjahr zwischen %(first)d und %(last)d).",
                    first=year - 100,
                    last=year - 18,
                )
            )
