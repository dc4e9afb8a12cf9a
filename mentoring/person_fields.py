"""A person's sign-up fields and their rules, shared by the public forms and the list import."""

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
from mentoring.eligibility import ADULT_AGE
from mentoring.extensions import db
from mentoring.forms import (
    PHONE_PATTERN,
    BaseForm,
    MaxLength,
    MultiCheckboxField,
    WholeNumberField,
    current_year,
    herne_postal_code,
)
from mentoring.i18n import programme_text, translate_reference_text
from mentoring.models import District, Language, Programme, Tag, TagKind

NAME = [DataRequired(_l("Bitte geben Sie einen Namen ein.")), Length(max=80)]
REQUIRED_EMAIL = [
    DataRequired(_l("Bitte geben Sie Ihre E-Mail-Adresse ein.")),
    Length(max=254, message=_l("Die E-Mail-Adresse ist zu lang.")),
    Email(_l("Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@beispiel.de.")),
]
OPTIONAL_PHONE = [
    Optional(),
    Length(max=40),
    Regexp(
        PHONE_PATTERN,
        message=_l(
            "Bitte geben Sie eine Telefonnummer nur mit Ziffern ein, zum Beispiel 02323 123456."
        ),
    ),
]


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
    """Where a person lives, which languages they speak, when they have time, their consent."""

    postal_code = StringField(
        _l("Postleitzahl"),
        validators=[
            DataRequired(_l("Bitte geben Sie Ihre Postleitzahl ein.")),
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


class VolunteerFields(PersonFields):
    """A volunteer's record: what the sign-up form asks and a list import fills in."""

    field_order = (
        "first_name",
        "last_name",
        "birth_year",
        "email",
        "phone",
        "postal_code",
        "place",
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
    email = EmailField(_l("E-Mail-Adresse"), validators=REQUIRED_EMAIL)
    phone = StringField(_l("Telefon (freiwillig)"), validators=OPTIONAL_PHONE)
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
